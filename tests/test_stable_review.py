"""A stable branch's review round (fixtures/posts/stable-review-2031.txt): each patch an
author's address line over its subject, the RM's answers under a quoted patch, and the
prose around the round's download addresses, which is no item to answer."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.mail import parse_message
from bot.post import ChangeKind, parse_post, render_post
from bot.reply import analyze_reply

POSTS_DIR = Path(__file__).resolve().parent.parent / "fixtures" / "posts"
POST = parse_post((Path(__file__).resolve().parent.parent / "fixtures" / "posts"
                   / "stable-review-2031.txt").read_text("utf-8"))
RM = "Ada Moreno <ada@example.org>"
INTRO = ("> Here is the review round for frob 3.4.12.  The 6 patches below will\n"
         "> follow as answers to this mail; please speak up before Friday 14 March\n"
         "> 2031, 18:00 UTC, if one of them should not go in.\n>\n"
         "> A single patch of the whole round is at:\n"
         ">\thttps://dl.example.org/frob/review/patch-3.4.12-rc1.gz\n"
         "> and the branch is in:\n"
         ">\tgit://git.example.org/frob/frob-stable-rc.git frob-3.4.y\n"
         "> with the diffstat at the end.\n")
UART = ("> Jonas Berg <jonas@example.org>\n"
        ">     arm: dts: frob-board: drop the unused second UART\n")


def _reply(body: str, sender: str = RM):
    raw = (f"From: {sender}\nTo: stable@lists.example.org\nSubject: Re: [PATCH 3.4 000/6] "
           "3.4.12-rc1 review\nMessage-ID: <r@example.org>\n"
           "Date: Thu, 13 Mar 2031 09:00:00 +0000\n\n" + body)
    return analyze_reply(parse_message(raw.encode()), POST, rms={"ada@example.org"})


@pytest.mark.parametrize("words", [
    "Thanks, I have just dropped that one.\n\nada m.\n",
    "Good catch, it is now gone from every branch.\n\nada m.\n",
])
def test_the_rm_dropping_a_quoted_patch_drops_that_patch(words: str) -> None:
    analysis = _reply(INTRO + "\n...\n\n" + UART + "\n" + words)
    assert [(c.item_text, c.value) for c in analysis.changes if c.kind is ChangeKind.STATUS] \
        == [("arm: dts: frob-board: drop the unused second UART", "dropped")]
    assert not analysis.remarks  # nor is the sign-off "ada m." a remark


def test_a_patch_quoted_under_a_shared_start_is_told_apart_by_its_whole_subject() -> None:
    """Two of Priya's patches start alike ("block: frobd: "): the quoted one is meant."""
    quote = ("> Priya Natarajan <priya@example.org>\n"
             ">     block: frobd: check the queue depth before a resize\n")
    analysis = _reply(quote + "\nI've now dropped this one.\n")
    assert [c.item_text for c in analysis.changes] == [
        "block: frobd: check the queue depth before a resize"]


def test_words_under_the_rounds_download_addresses_answer_no_patch() -> None:
    analysis = _reply(INTRO + "\nBuilt and booted on my two arm boards, no problems.\n\n"
                      "Tested-by: Tomasz Wisniewski <tomasz@example.org>\n",
                      sender="Tomasz Wisniewski <tomasz@example.org>")
    assert not analysis.changes and not analysis.remarks


@pytest.mark.parametrize("words, note", [
    ("The above commit is generating the following build errors on arm:",
     "reported: build errors"),
    ("This patch breaks the arm64 build for me.", "reported: breaks the arm64 build"),
    ("The armhf image fails to build with:", "reported: fails to build"),
    ('This build failure is caused by "arm: dts: frob-board: drop the unused second UART".',
     "reported: build failure"),
    ("It no longer fails to build with v2.", None),  # fixed, no report
    ("This breaks no build here.", None),
    ("None of this breaks the build.", None),
    ("The crash was caused by a typo in my test script.", None),  # not by the patch
    ("The image fails to build with and without this patch.", None),
    ("Before it, the bindings failed to build.", None),  # what the patch fixes
    ("Does it fail to build for you as well?", None),  # a question
    ("The following commit introduces a build regression:", "reported: build regression"),
    ("We see a boot failure with this commit on the arm boards:", "reported: boot failure"),
    ("I see no boot failure with this commit.", None),
    ("When I revert it the kernel builds fine again.", "reported: reverting it fixes the failure"),
    ("Reverting them locally, the kernel boots fine again.",
     "reported: reverting it fixes the failure"),
    ("Reverting it does not help here.", None),
])
def test_a_tester_reporting_a_quoted_patch_breaks_something_notes_it(words: str,
                                                                     note: str | None) -> None:
    analysis = _reply(UART + "\n" + words + "\n", sender="Tomasz Wisniewski <tomasz@example.org>")
    notes = [(c.item_text, c.value) for c in analysis.changes if c.kind is ChangeKind.NOTE]
    assert notes == ([("arm: dts: frob-board: drop the unused second UART", note)] if note else [])


@pytest.mark.parametrize("text", [
    # a bullet that ends with its owner's address is an item, not an author's heading
    "Outstanding for 4.21:\n* x86: fix the timer race - Ada Lovelace <ada@example.org>\n"
    "    https://lists.example.org/a\n* arm: drop the second UART - Jonas Berg "
    "<jonas@example.org>\n    https://lists.example.org/b\n",
    "Reviewed-by: Ada Lovelace <ada@example.org>\n    (a trailer, no author)\n",
])
def test_an_address_line_heads_a_patch_only_as_an_author_line_does(text: str) -> None:
    post = parse_post(text)
    assert all("<" not in s.title for s in post.sections)
    assert render_post(post) == text


def test_a_rule_under_a_heading_and_over_the_next_is_written_once() -> None:
    text = "Open:\n* x\nHi all,\n=====\nDiffstat:\n=====\n"
    assert render_post(parse_post(text)) == text


def _path(title: str) -> tuple[int, ...]:
    return next(path for path, _s, item in (
        ((s_no, i_no), s, i) for s_no, s in enumerate(POST.sections)
        for i_no, i in enumerate(s.items)) if item.text.startswith(title))


FROBD = "block: frobd: check the queue depth before a resize"
FAILS = ("The receive ring code fails to build with:\n\n"
         "  frobd.c:412: error: 'depth' undeclared\n\n")


@pytest.mark.parametrize("cause, culprit", [
    ("This is caused by:\n\n    " + FROBD + "\n", FROBD),
    ("Bisected it down to:\n\ncommit 4c1d9e7f2a\n    " + FROBD + "\n", FROBD),
    ("The following patch caused this,\n\n    " + FROBD + "\n    [ Upstream commit 4c1d9e7f ]\n",
     FROBD),
    ("No idea yet what causes it.\n", "net/frob: fix a leak of the receive ring on close"),
])
def test_a_failure_told_with_its_cause_lands_on_the_item_it_blames(cause: str,
                                                                    culprit: str) -> None:
    """"receive ring" names the net/frob patch in words; the patch the tester blames by
    its subject line is the one the failure is about."""
    notes = [c for c in _reply(INTRO + "\n" + FAILS + cause, "Kim Lee <kim@example.org>").changes
             if c.kind is ChangeKind.NOTE]
    assert [(c.value, c.item_text) for c in notes] == [("reported: fails to build", culprit)]


def test_a_quote_that_only_names_an_item_in_words_yields_to_the_thread() -> None:
    """"> The receive ring code fails to build with:" is the tester's sentence, not the
    net/frob patch's line: in a sub-thread about the frobd patch, the answer is about that."""
    body = "> The receive ring code fails to build with:\n\nWhich compiler is that?\n"
    raw = (f"From: {RM}\nTo: stable@lists.example.org\nSubject: Re: review\n"
           "Message-ID: <r2@example.org>\nDate: Thu, 13 Mar 2031 09:00:00 +0000\n\n" + body)
    alone, in_thread = (analyze_reply(parse_message(raw.encode()), POST, context=context)
                        for context in (None, _path(FROBD)))
    assert [r.item_text for r in alone.remarks] == [
        "net/frob: fix a leak of the receive ring on close"]
    assert [r.item_text for r in in_thread.remarks] == [FROBD]


def test_a_failure_said_of_the_above_commits_is_a_note_on_each_quoted_patch() -> None:
    body = (INTRO + "\n...\n\n> Priya Natarajan <priya@example.org>\n>     " + FROBD + "\n\n"
            "...\n\n" + UART + "\nThe above commits are causing build errors on arm:\n\n"
            "  frob-board.dts:12: label not found\n\nKim\n")
    notes = {(c.value, c.item_text) for c in _reply(body, "Kim Lee <kim@example.org>").changes
             if c.kind is ChangeKind.NOTE}
    uart = "arm: dts: frob-board: drop the unused second UART"
    assert notes == {("reported: build errors", FROBD), ("reported: build errors", uart)}


REPORT = ("Results from our build farm: no regressions.\n\n"
          "## Build\n* kernel: 3.4.12-rc1\n* git commit: 4c1d9e7f2a0b\n\n"
          "## Build Summary\n* arm: 13 total, 11 passed, 2 failed\n"
          "* x86_64: 37 total, 36 passed, 1 failed\n\n"
          "## Test suites summary\n* boot\n* ltp-syscalls\n\n"
          "Tested-by: Kim Lee <kim@example.org>\n")


@pytest.mark.parametrize("quote", [
    INTRO,
    "> If you see a problem with any of these patches, please\n> let me know.\n",
])
def test_a_test_report_under_the_round_adds_no_items(quote: str) -> None:
    """A farm's report lists its builds and suites under its own headings: results, not
    work to track; nor does a call for objections invite items."""
    changes = _reply(quote + "\n" + REPORT, "Kim Lee <kim@example.org>").changes
    assert not [c for c in changes if c.kind is ChangeKind.NEW]


def test_a_call_for_objections_invites_no_list() -> None:
    body = ("> If you see a problem with any of these patches, please\n> let me know.\n\n"
            "* net/frob: fix the ring\n* block: frobd: tidy the flush\n")
    assert all(c.confidence < 0.7 for c in _reply(body, "Kim Lee <kim@example.org>").changes
               if c.kind is ChangeKind.NEW)


@pytest.mark.parametrize("cause, culprit", [
    # the blame names the patch right after it; another named further on is no culprit
    ("This is caused by:\n\n    " + FROBD + "\n\nReverting it fixes the build; the UART "
     'patch "arm: dts: frob-board: drop the unused second UART" is fine.\n', FROBD),
    # a cause that is no patch blames none, whatever the sentence names next
    ("My last failure was caused by a typo in my script; \"block: frobd: don't wait forever "
     'for a stuck flush" boots fine now.\n', "net/frob: fix a leak of the receive ring on close"),
])
def test_the_culprit_is_what_the_blame_names_next(cause: str, culprit: str) -> None:
    notes = [c for c in _reply(INTRO + "\n" + FAILS + cause, "Kim Lee <kim@example.org>").changes
             if c.kind is ChangeKind.NOTE and c.value == "reported: fails to build"]
    assert [c.item_text for c in notes] == [culprit]


@pytest.mark.parametrize("words, both", [
    ("These commits are causing build errors on arm:", True),
    ("One of these commits is causing build errors on arm:", False),
    ("One of these two commits is causing build errors on arm:", False),
    ("Without these patches the build is fine, but it fails to build with them:", False),
])
def test_only_a_sentence_that_opens_with_the_quoted_patches_speaks_of_each(words: str,
                                                                         both: bool) -> None:
    body = (INTRO + "\n...\n\n> Priya Natarajan <priya@example.org>\n>     " + FROBD + "\n\n"
            "...\n\n" + UART + "\n" + words + "\n\n  frob-board.dts:12: label not found\n")
    notes = {c.item_text for c in _reply(body, "Kim Lee <kim@example.org>").changes
             if c.kind is ChangeKind.NOTE}
    assert len(notes) == (2 if both else 1)


def test_a_quote_that_names_its_item_plainly_outweighs_the_thread() -> None:
    body = ("> The receive ring leak on close is fixed in my tree, can it go in?\n\n"
            "Applied now.\n")
    raw = (f"From: {RM}\nTo: stable@lists.example.org\nSubject: Re: review\n"
           "Message-ID: <r3@example.org>\nDate: Thu, 13 Mar 2031 09:00:00 +0000\n\n" + body)
    analysis = analyze_reply(parse_message(raw.encode()), POST, rms={"ada@example.org"},
                             context=_path(FROBD))
    assert {c.item_text for c in analysis.changes if c.kind is ChangeKind.STATUS} == {
        "net/frob: fix a leak of the receive ring on close"}


def test_the_rms_drop_with_a_reason_after_it_drops() -> None:
    """"... as nothing there would have fixed it" gives the reason: the drop stands."""
    changes = _reply(UART + "\nI'll go drop it from this queue and the 3.3 one, as nothing "
                     "since would have fixed it there.\n\nada m.\n").changes
    assert [(c.kind, c.value) for c in changes if c.kind is ChangeKind.STATUS] == [
        (ChangeKind.STATUS, "dropped")]


@pytest.mark.parametrize("cause", [
    "This is caused by the following commit:\n\n    " + FROBD + "\n",
    "This is caused by my patch '" + FROBD + "', sorry.\n",
    "This is caused by " + FROBD + ", I think.\n",
    'The following commit caused this build break: "' + FROBD + '"\n',
])
def test_the_culprit_is_read_in_the_ways_testers_name_it(cause: str) -> None:
    notes = [c.item_text for c in _reply(INTRO + "\n" + FAILS + cause, "Kim Lee <kim@example.org>"
                                         ).changes if c.value == "reported: fails to build"]
    assert notes == [FROBD]


def test_a_paragraph_below_a_bare_commit_id_is_no_culprit() -> None:
    cause = ("Bisected it to:\n\ncommit 4c1d9e7f2a0b\n\nThe other one, \"arm: dts: frob-board: "
             'drop the unused second UART", builds fine.\n')
    notes = [c.item_text for c in _reply(INTRO + "\n" + FAILS + cause, "Kim Lee <kim@example.org>"
                                         ).changes if c.value == "reported: fails to build"]
    assert notes == ["net/frob: fix a leak of the receive ring on close"]


CALLED = "> Send me what else should go into 3.4.13.\n\n"
ITEMS = "* tools/frob: fix the config parser\n* net/frob: drop the stale ring counter\n"


@pytest.mark.parametrize("body, items", [
    (CALLED + "Build fixes:\n" + ITEMS, 2),  # a sender's own heading, no report
    (CALLED + "## Test results\n* boot: pass\n\nOn top of that I want these two in:\n" + ITEMS,
     2),  # the report's list ends at the sender's own words
    (CALLED + "## Build Summary\n" + ITEMS, 0),
])
def test_only_a_reports_own_headings_make_a_list_results(body: str, items: int) -> None:
    new = [c for c in _reply(body, "Kim Lee <kim@example.org>").changes
           if c.kind is ChangeKind.NEW]
    assert len(new) == items


@pytest.mark.parametrize("quote, invited", [
    ("> If anyone has problems with the 3.4.12 patches, please let me know.\n", False),
    ("> Please let me know if any of these cause problems.\n", False),
    ("> Any problems with these, let me know; anything I should pick up for 3.4.13,\n"
     "> let me know too.\n", True),
])
def test_a_call_for_objections_is_told_from_a_call_for_items(quote: str, invited: bool) -> None:
    new = [c for c in _reply(quote + "\n" + ITEMS, "Kim Lee <kim@example.org>").changes
           if c.kind is ChangeKind.NEW]
    assert bool(new) and all(c.confidence >= 0.7 for c in new) == invited


def test_a_drop_because_it_got_fixed_is_no_drop() -> None:
    changes = _reply(UART + "\nI'll drop it from the open issues since it got fixed in "
                     "3.4.11.\n\nada m.\n").changes
    assert "dropped" not in [c.value for c in changes]


@pytest.mark.parametrize("words", [
    "Reverting it did not help, the kernel still builds fine without it.",
    "Reverting this does nothing and everything builds fine anyway.",
])
def test_a_revert_that_did_not_help_is_no_proof(words: str) -> None:
    changes = _reply(UART + "\n" + words + "\n", "Kim Lee <kim@example.org>").changes
    assert not [c for c in changes if c.kind is ChangeKind.NOTE]


TESTER = "Bogdan Iliescu <bogdan@example.org>"
AUTHOR = "Jonas Berg <jonas@example.org>"


def _states(body: str, sender: str) -> list[tuple[str, str, bool]]:
    """(item, state, applied as the store would) of a reply's status changes."""
    analysis = _reply(body, sender=sender)
    return [(c.item_text[:20], c.value, c.confidence >= 0.7) for c in analysis.changes
            if c.kind is ChangeKind.STATUS]


@pytest.mark.parametrize(("sender", "applied"), [
    (TESTER, False),  # a tester's "please drop it": the stable maintainer decides
    (AUTHOR, True),  # the patch's own author withdraws it
])
def test_please_drop_it_is_the_rms_call_unless_the_author_asks(sender: str, applied) -> None:
    body = UART + "\nThis one breaks the dtbs build of the -mini board. Please drop it.\n"
    assert _states(body, sender) == [("arm: dts: frob-board", "dropped", applied)]


def test_the_rm_dropping_both_of_an_authors_patches_drops_the_quoted_one() -> None:
    body = ("".join(f"> {line}\n" for line in UART.splitlines())
            + ">\n> Please drop it, and the revert next to it as well.\n\n"
            "Thanks, both of Jonas's dts patches are now dropped from the queue.\n")
    assert ("arm: dts: frob-board", "dropped", True) in _states(body, RM)


def test_the_rm_mending_a_backport_in_the_queue_is_work_under_way() -> None:
    body = ("> Priya Natarajan <priya@example.org>\n"
            ">     block: frobd: check the queue depth before a resize\n>\n"
            "> With it the board hangs at probe.\n\n"
            "My fault, the hunk got lost. I'll fix it up in the queue for -rc2.\n")
    assert _states(body, RM) == [("block: frobd: check ", "in_progress", True)]


@pytest.mark.parametrize("words", [
    'This one needs 7c3d9e1a40b2 ("block: frobd: record when a flush was issued") as well.',
    'While at it, please also take\n\n  7c3d9e1a40b2 ("block: frobd: record when a flush was '
    'issued")\n\nfor 3.4.y.',
])
def test_a_commit_the_backport_needs_is_a_new_item_of_the_round(words: str) -> None:
    body = ("> Priya Natarajan <priya@example.org>\n"
            ">     block: frobd: don't wait forever for a stuck flush\n\n" + words + "\n")
    analysis = _reply(body, sender="Priya Natarajan <priya@example.org>")
    assert [c.value for c in analysis.changes if c.kind is ChangeKind.NEW] == [
        '7c3d9e1a40b2 ("block: frobd: record when a flush was issued")']


@pytest.mark.parametrize("words", [
    'It does not need 7c3d9e1a40b2 ("block: frobd: record when a flush was issued").',
    "Please also take\n\nthe rest of the series when it lands.",
])
def test_no_missing_commit_or_something_not_a_commit_is_no_new_item(words: str) -> None:
    body = ("> Priya Natarajan <priya@example.org>\n"
            ">     block: frobd: don't wait forever for a stuck flush\n\n" + words + "\n")
    analysis = _reply(body, sender="Priya Natarajan <priya@example.org>")
    assert all(c.confidence < 0.7 for c in analysis.changes if c.kind is ChangeKind.NEW)


def test_a_stable_review_cycles_patches_are_each_on_their_way() -> None:
    """The stable script's "This is the start of the stable review cycle for the 3.4.12
    release": every author's patches are queued for it (in progress), not the diffstat."""
    text = (POSTS_DIR / "stable-review-2031.txt").read_text("utf-8").replace(
        "Here is the review round for frob 3.4.12.",
        "This is the start of the stable review cycle for the 3.4.12 release.")
    states = {(s.title, str(i.status)) for s, _, i in parse_post(text).walk()}
    assert {state for title, state in states if "<" in title} == {"in_progress"}
    assert {str(i.status) for _s, _d, i in POST.walk()} == {"open"}  # (as it said it)
    assert render_post(parse_post(text)) == text


@pytest.mark.parametrize("words", [
    "Thanks for tracking it down, I've taken it out of the queue and will do a -rc2 tonight.",
    "Now dropped, thanks for looking at it.",
])
def test_the_rm_taking_a_patch_out_of_the_queue_drops_it(words: str) -> None:
    analysis = _reply(UART + "\n" + words + "\n")
    assert [(c.value, c.confidence >= 0.7) for c in analysis.changes
            if c.kind is ChangeKind.STATUS] == [("dropped", True)]


@pytest.mark.parametrize("words", [
    "I haven't taken it out of the queue.",
    "I took it out of the queue by mistake, it's back in now.",
])
def test_a_patch_not_taken_out_of_the_queue_stays(words: str) -> None:
    assert not [c for c in _reply(UART + "\n" + words + "\n").changes
                if c.kind is ChangeKind.STATUS and c.value == "dropped"]


QUEUED = (POSTS_DIR / "stable-review-2031.txt").read_text("utf-8").replace(
    "Here is the review round for frob 3.4.12.",
    "This is the start of the stable review cycle for the 3.4.12 release.")


@pytest.mark.parametrize(("kind", "value", "status", "owners"), [
    (ChangeKind.STATUS, "done", "done", ()),
    (ChangeKind.STATUS, "open", "open", ()),  # out of the queue: said so, not left to the lead
    (ChangeKind.STATUS, "dropped", "dropped", ()),
    (ChangeKind.OWNER, "Jan Novak", "in_progress", ("Jan Novak",)),
    (ChangeKind.NOTE, "needs a v2", "needs_version", ()),
])
def test_a_changed_patch_of_a_review_round_is_written_on_its_line_and_reads_back(
        kind: ChangeKind, value: str, status: str, owners: tuple[str, ...]) -> None:
    """The draft writes what changed in a parenthesis after the subject, as on a failed
    build's line: no line under the subject, which would read back as one more patch."""
    from datetime import date

    from bot.post import Change, Evidence
    from bot.release import build_draft, item_paths
    from bot.release.store import LoggedChange

    post = parse_post(QUEUED)
    ids = {path: n + 1 for n, path in enumerate(item_paths(post))}
    wanted = next(ids[k] for k, i in item_paths(post).items()
                  if i.text.startswith("arm: dts: frob-board: drop"))
    words = Evidence("<r1@example.org>", "Ada Moreno", "ada@example.org", None, "", "so")
    logged = LoggedChange(1, wanted, 1, "mail:x", 1, "applied", "2031-03-13",
                          Change(kind, value, (), "", 0.9, words))
    text = render_post(build_draft(post, ids, [logged], release="3.4.12",
                                   day=date(2031, 3, 14)).post)
    back = parse_post(text)
    assert len(list(back.walk())) == len(list(post.walk()))
    item = next(i for _s, _d, i in back.walk() if i.text.startswith("arm: dts: frob-board: drop"))
    assert (str(item.status), item.owners) == (status, owners)
    assert item.text == "arm: dts: frob-board: drop the unused second UART"
    others = {i.text: str(i.status) for _s, _d, i in back.walk() if i is not item}
    assert set(others.values()) == {"in_progress"}


@pytest.mark.parametrize("subject", [
    "net/frob: retry the probe (again)",
    "block: frobd: fix the resize race (v2)",
    "x86/cpu: add the model number (Lunar Ridge)",  # two capitalised words: no owner
    "gpio: frob: avoid a warning (deferred probe)",  # a state's word: no state
])
def test_a_subjects_own_parenthesis_stays_part_of_it(subject: str) -> None:
    text = QUEUED.replace("net/frob: fix a leak of the receive ring on close", subject)
    item = next(i for _s, _d, i in parse_post(text).walk() if i.text.startswith(subject[:8]))
    assert (item.text, item.owners, item.notes) == (subject, (), ())
    assert render_post(parse_post(text)) == text


def test_a_review_rounds_patch_done_with_a_note_reads_back_done() -> None:
    """The draft says the state first: a note after it ("needs a v2 of 3/4") is a note."""
    text = QUEUED.replace("drop the unused second UART",
                          "drop the unused second UART (done, needs a v2 of 3/4)")
    item = next(i for _s, _d, i in parse_post(text).walk()
                if i.text.startswith("arm: dts: frob-board: drop"))
    assert (str(item.status), item.notes) == ("done", ("needs a v2 of 3/4",))
    assert render_post(parse_post(text)) == text
