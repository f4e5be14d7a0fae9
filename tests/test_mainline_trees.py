"""A post that tracks Linus's tree (a regressions report on mainline, a test report on an
-rc): a fix merged into a maintainer's tree is on its way, not in; the tracker keeps the
item in progress until it reaches mainline."""

from __future__ import annotations

import pytest

from bot.mail import parse_message
from bot.post import ChangeKind, parse_post
from bot.reply import analyze_reply

MAINLINE_TEXT = """\
Hi Linus. Below are the regressions in linux-mainline that I know of.

Open regressions:

* frob: suspend hangs on the T14 since 7.2-rc1
* net/quux: the link drops after resume

Cheers, Mira
"""
PROJECT_TEXT = """\
Hello all, the release plan for Frob 3.1.

Open:

* frob: suspend hangs on the T14 since 7.2-rc1
* net/quux: the link drops after resume

Cheers, Mira
"""
QUOTED = "> * frob: suspend hangs on the T14 since 7.2-rc1\n"


def _statuses(words: str, post_text: str = MAINLINE_TEXT,
              sender: str = "Jonas Berg <jonas@example.org>") -> list[str]:
    raw = (f"From: {sender}\nTo: devel@lists.example.org\nSubject: Re: regressions\n"
           "Message-ID: <r@example.org>\nDate: Thu, 13 Mar 2031 09:00:00 +0000\n\n"
           f"{QUOTED}\n{words}\n")
    analysis = analyze_reply(parse_message(raw.encode()), parse_post(post_text))
    return [c.value for c in analysis.changes if c.kind is ChangeKind.STATUS]


@pytest.mark.parametrize("words", [
    "The fix is now merged to frob-next for 7.2.",
    "It was merged to the right branch on Monday; expect it in your next pull.",
    "Fixed: the patch was applied to the frob tree yesterday.",
    "Fixed, applied to frob/urgent.",
    "Fixed: applied to frob-fixes, should hit mainline by -rc5.",
])
def test_a_fix_in_a_maintainers_tree_is_in_progress_on_a_mainline_post(words: str) -> None:
    assert _statuses(words) == ["in_progress"]


@pytest.mark.parametrize("words", [
    "The fix landed in mainline yesterday, after a week in frob-next.",
    "Fixed: the patch went from the frob tree to Linus's tree on Monday.",
    "Fixed in 7.2-rc3: the patch was applied to the frob tree and went in with the last pull.",
    "Fixed, Greg merged it into his tree and it is in -rc4 now.",
    "todobot: done",
])
def test_a_fix_said_to_be_in_mainline_is_done(words: str) -> None:
    assert _statuses(words) == ["done"]


@pytest.mark.parametrize("words", [
    "It was merged to the right branch on Monday; expect it in your next pull.",
    "Fixed: the patch was applied to the frob tree yesterday.",
])
def test_the_same_words_on_a_projects_own_list_are_done(words: str) -> None:
    assert _statuses(words, post_text=PROJECT_TEXT) == ["done"]


def test_a_regressions_report_for_mainline_is_a_mainline_post() -> None:
    """The project's own fixture report ("regression summary for the mainline tree") and a
    report's subject ("Linux regressions report for mainline") track mainline."""
    from pathlib import Path

    from bot.reply.analysis import _mainline_post

    posts = Path(__file__).resolve().parent.parent / "fixtures" / "posts"
    assert _mainline_post(parse_post((posts / "regressions-report.txt").read_text()))
    subject = "Linux regressions report for mainline [2031-03-09]\n\n" + PROJECT_TEXT
    assert _mainline_post(parse_post(subject))
    assert not _mainline_post(parse_post(PROJECT_TEXT))
