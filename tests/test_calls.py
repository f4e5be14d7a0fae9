"""Answers to the post itself: an address offered under its call for patches, a failure
told under it (proposed, never applied), and what is neither. Our own mails, in the
forms of fixtures/mails/replies-calls/ (whose eml files are scored in test_reply.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.mail import parse_message
from bot.post import ChangeKind, parse_post
from bot.reply import analyze_reply
from bot.reply.newitems import _lead_above
from bot.reply.realscore import _KEYS, _same_key
from bot.reply.reports import reported_problem

ROOT = Path(__file__).resolve().parent.parent
POST = parse_post((ROOT / "fixtures" / "posts" / "prep-call-2025.txt").read_text("utf-8"))
CALL = ("> Hi!\n>\n> The next frobtest release is planned for the end of March, so it is time\n"
        "> to get ready. Like every time, tell me which patches you want looked at\n"
        "> before the tree is frozen; I plan to work through the patchwork backlog\n"
        "> next week anyway.\n")
ROSTER = {"karl@example.net": "Karl Berger"}


def _new(body: str, quote: str = CALL) -> list[tuple[str, float]]:
    raw = ("From: Karl Berger <karl@example.net>\nTo: frobtest@lists.example.org\n"
           "Subject: Re: [frobtest] Release preparations\nMessage-ID: <t@example.net>\n"
           "Date: Tue, 4 Mar 2025 10:00:00 +0100\n\nOn Mon, Mar 03, 2025, Marta wrote:\n"
           + quote + "\n" + body)
    analysis = analyze_reply(parse_message(raw.encode()), POST, roster=ROSTER)
    return [(c.value, c.confidence) for c in analysis.changes if c.kind is ChangeKind.NEW]


@pytest.mark.parametrize("body", [
    "It would be nice to have this merged before the freeze:\nhttps://p.example.org/patch/11/\n",
    "The runner submodule needs to be bumped as well:\n\nhttps://git.example.org/runner/v3.2\n",
    "We would like to get the timer02 fix in.\nhttps://p.example.org/patch/12/\n",
    "We have sent a small fix for the flaky test:\n<https://p.example.org/patch/13/>\n",
])
def test_an_address_offered_under_the_call_is_a_new_item(body: str) -> None:
    assert [c for c in _new(body) if "https://p.example.org/patch/1" in c[0]
            or "runner/v3.2" in c[0]] and all(conf >= 0.7 for _v, conf in _new(body))


@pytest.mark.parametrize("body", [
    "Hope this helps, the docs are here:\nhttps://docs.example.org/\n",
    "We will need a newer compiler for the runner, see:\nhttps://gcc.example.org/changes\n",
    "Please have a look at the nightly results:\nhttps://ci.example.org/job/1\n",
    "I would like to remind everyone of the conference deadline:\nhttps://conf.example.org/\n",
    "It would be good to know whether this also happens on arm64, log:\n"
    "https://ci.example.org/job/2\n",
    "I would like to get this in eventually, but not for this release:\n"
    "https://p.example.org/patch/14/\n",
])
def test_an_address_the_sender_does_not_ask_for_is_no_item(body: str) -> None:
    assert not [v for v, conf in _new(body) if conf >= 0.7]


def test_an_address_offered_under_a_colleague_or_with_no_quote_is_a_new_item() -> None:
    # the call need not be quoted where the sender answers: the offer is the ask
    offer = "It would be nice to have this merged:\nhttps://p.example.org/patch/15/\n"
    under_another = ("> I'd like to get the timer02 fix in.\n>\n> " + CALL.replace("\n> ", "\n>> ")
                     .replace("> Hi!", ">> Hi!", 1))
    for quote in (under_another, "> Let me know if anything else is missing from my list.\n"):
        assert _new(offer, quote) == [("https://p.example.org/patch/15/", 0.75)]
    doubted = "Maybe it would be nice to have this merged:\nhttps://p.example.org/patch/15/\n"
    assert _new(doubted, "> I'd like the timer02 fix in.\n") == [
        ("https://p.example.org/patch/15/", 0.5)]
    news = "The fix went in yesterday, here:\nhttps://p.example.org/patch/16/\n"
    assert not _new(news, under_another)  # news of it, asked for by nobody


def test_a_run_of_addresses_is_read_with_a_bounded_lead() -> None:
    lines = ["It would be nice to have these merged:",
             *(f"https://x.example.org/{n}/" for n in range(5000))]
    assert _lead_above(lines, 30) == "It would be nice to have these merged:"
    assert _lead_above(lines, 4999) == ""  # (60 addresses up at most: no lead read past them)
    assert len(_lead_above(["word"] * 5000 + ["https://x.example.org/"], 5000).split()) == 6


@pytest.mark.parametrize("sentences, title", [
    (["The rc seems to hit a bug in the installer builder on Windows: it dies"],
     "The rc seems to hit a bug in the installer builder on Windows"),
    (["No regressions here.", "On Alpine the helpers do not build any more."],
     "On Alpine the helpers do not build any more"),
    (["the new runner still fails on ppc64le here, the whole log is at:"],
     "the new runner still fails on ppc64le here"),
])
def test_a_failure_told_under_the_post_is_titled_by_its_sentence(sentences, title) -> None:
    assert reported_problem(sentences) == title


@pytest.mark.parametrize("sentence", [
    "tst_test.c:1234: TFAIL: mmap01 failed with EINVAL",
    "Sorry, my previous mail was broken by my mailer, please ignore it.",
    "I failed to notice the freeze date last time.",
    "The issue with the March date is that it clashes with the conference.",
    "Does it fail for you as well?",
    "This patch fixes the failure on arm64.",
    "All tests pass on x86_64, no regressions.",
    "Build results: total: 118 pass: 118 fail: 0",
])
def test_what_is_no_report_of_a_failure(sentence: str) -> None:
    assert reported_problem([sentence]) == ""


def test_a_report_under_the_post_is_proposed_and_never_applied() -> None:
    found = _new("The new runner crashes on s390x with the current master.\n")
    assert found and all(conf < 0.6 for _v, conf in found)
    assert not _new("The new runner crashes on s390x.\n", "> I'd like the timer02 fix in.\n")


@pytest.mark.parametrize("label, ours, same", [
    ("x (https://p.org/list/?series=4021)", "https://p.org/list/?series=40211", False),
    ("x (https://lore.kernel.org/all/)", "https://lore.kernel.org/all/abc@d/", False),
    ("commit 861f724d03e1748cda1c5b9ec8457a368590cbd5", "861f724d03e1 x: fix y", True),
    ("x (https://p.org/patch/1/)", "https://p.org/patch/1", True),
    # a commit's page names the commit
    ("commit 861f724d03e1748cda1c5b9ec8457a368590cbd5",
     "https://git.example.org/q/-/commit/861f724d03e1748cda1c5b9ec8457a368590cbd5", True),
    ("https://git.example.org/cgit/x.git/commit/?id=0123456789abcdef", "0123456789abc y", True),
    ("commit 861f724d03e1", "https://git.example.org/q/-/commits/stable-8.1", False),
])
def test_the_scorer_names_one_item_by_its_exact_address_or_commit(label, ours, same) -> None:
    assert _same_key(_KEYS.findall(label), _KEYS.findall(ours)) is same


def test_a_numbered_wish_list_under_the_call_is_its_new_items() -> None:
    body = ("From my side:\n\n1. memcg/memcontrol09: fix the low-limit check\n"
            "   https://p.example.org/patch/21/\n2. lib: stop filling the disk on ENOSPC\n"
            "   https://p.example.org/patch/22/\n")
    assert [(value.split(" https")[0], conf) for value, conf in _new(body)] == [
        ("memcg/memcontrol09: fix the low-limit check", 0.75),
        ("lib: stop filling the disk on ENOSPC", 0.75)]


@pytest.mark.parametrize("body", [
    "I'd like the fix for the mount leak in the fanotify tests to go in too, it leaves stale "
    "mounts behind:\n\nhttps://p.example.org/patch/23/\n",
    "We would like the fix for cgroup_fj_stress on v2-only systems to be part of the March "
    "release:\n\nhttps://p.example.org/patch/23/\n",
])
def test_a_wish_for_a_named_fix_over_its_address_is_that_fix(body: str) -> None:
    [(value, conf)] = _new(body)
    assert value.startswith("fix for ") and value.endswith("https://p.example.org/patch/23/")
    assert conf >= 0.7


def test_would_it_make_sense_to_take_it_asks_an_opinion_and_only_proposes() -> None:
    assert [(v, c < 0.7) for v, c in _new("Would it make sense to also take the io_uring07 "
                                         "rewrite? I am not sure it is ready.\n")] == [
        ("io_uring07 rewrite", True)]


def _rm_answer(asked: str, answer: str) -> list[tuple[str, str, bool]]:
    """The RM's answer to a developer's ask quoted one level down: what it applies."""
    raw = ("From: Marta Kowalczyk <marta@example.org>\nTo: frobtest@lists.example.org\n"
           "Subject: Re: [frobtest] Release preparations\nMessage-ID: <a@example.org>\n"
           "Date: Wed, 5 Mar 2025 10:00:00 +0100\n\nOn Tue, Karl Berger wrote:\n"
           + "".join(f"> {line}\n" if line else ">\n" for line in asked.splitlines())
           + "\n" + answer)
    analysis = analyze_reply(parse_message(raw.encode()), POST, roster=ROSTER,
                             rms={"marta@example.org"})
    return [(str(c.kind), c.value.split(" https")[0], c.confidence >= 0.7)
            for c in analysis.changes]


ASKED = ("Please consider my statx series for the release:\n\n"
         "  syscalls/statx: add tests for the new mask bits\n"
         "  https://p.example.org/list/?series=41877\n")


def test_the_rm_merging_a_quoted_ask_adds_it_and_marks_it() -> None:
    assert _rm_answer(ASKED, "Merged, thanks.\n") == [
        ("new", "syscalls/statx: add tests for the new mask bits", True),
        ("status", "done", True)]


def test_the_rm_putting_a_quoted_ask_off_adds_nothing() -> None:
    assert not [c for c in _rm_answer(ASKED, "That is too late for this release, sorry.\n")
                if c[2]]


@pytest.mark.parametrize("answer", [
    "I merged Cyril's series instead, this one is not needed anymore.\n",
    "Pushed the timer fix; this one I'll look at later.\n",
])
def test_the_rms_merge_of_something_else_adds_nothing_applied(answer: str) -> None:
    assert not [c for c in _rm_answer(ASKED, answer) if c[2]]


@pytest.mark.parametrize("body", [
    "I'd like the test results to be part of the release notes.\n",
    "We would like the cleanup series to be merged eventually; details here:\n\n"
    "https://p.example.org/patch/31/\n",
    "Would it be ok to merge the statx series as well?\n",
])
def test_no_wish_for_this_release_or_only_a_question_is_no_applied_item(body: str) -> None:
    assert all(conf < 0.7 for _v, conf in _new(body))


def test_a_call_for_reverts_invites_no_wish_list() -> None:
    call = ("> Tell me about the patches that broke your setups, so I can revert them before "
            "the release.\n")
    body = "- memcg: fix the low-limit check\n- lib: stop filling the disk\n"
    assert all(conf < 0.7 for _v, conf in _new(body, call))


def test_a_wish_list_entry_goes_on_in_a_clause_and_one_put_off_is_proposed() -> None:
    body = ("From my side:\n\n- the memcg swap fix for memcontrol09, it fails with zswap on:\n"
            "  https://p.example.org/patch/41/\n"
            "- the conversion of the zram tests to the loader, but that one can wait for the "
            "next release.\n")
    assert [(v.split(" https")[0].split(" (")[0], c) for v, c in _new(body)] == [
        ("the memcg swap fix for memcontrol09", 0.75),
        ("the conversion of the zram tests to the loader", 0.5)]


def test_i_would_like_the_fix_in_over_its_address_is_that_fix() -> None:
    body = ("I'd like the fix for the fanotify23 race in, the one that waits for the mark:\n"
            "https://p.example.org/patch/42/\n")
    assert _new(body) == [("fix for the fanotify23 race https://p.example.org/patch/42/", 0.75)]
