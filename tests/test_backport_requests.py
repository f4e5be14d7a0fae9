"""A stable branch's call for backports (the RM's post lists what is queued and asks what
else is missing): commits offered by their ids alone, and the RM's own call on one."""

from __future__ import annotations

import pytest

from bot.mail import parse_message
from bot.post import ChangeKind, parse_post
from bot.reply import analyze_reply

POST_TEXT = """\
Hello all,

7.3.2, from the stable-7.3 branch, should be tagged in a fortnight.

If a fix you care about is not on the stable-7.3 branch yet, please
point it out. What I have taken since the last push:

7e3a1b9c2d4f\tfrob/irq: keep the affinity mask on hot-unplug
2c8d4e6f1a3b\ttools/frobctl: fix the exit code on a short write

Ada
"""
POST = parse_post(POST_TEXT)
CALL = ("> If a fix you care about is not on the stable-7.3 branch yet, please\n"
        "> point it out.\n")
RM = "Ada Moreno <ada@example.org>"


def _reply(body: str, sender: str = "Jonas Berg <jonas@example.org>"):
    raw = (f"From: {sender}\nTo: devel@lists.example.org\nSubject: Re: preparing 7.3.2\n"
           "Message-ID: <r@example.org>\nDate: Thu, 13 Mar 2031 09:00:00 +0000\n\n" + body)
    return analyze_reply(parse_message(raw.encode()), POST, rms={"ada@example.org"})


def test_the_post_lists_its_queued_commits() -> None:
    assert [item.text for _, _, item in POST.walk()] == [
        "7e3a1b9c2d4f\tfrob/irq: keep the affinity mask on hot-unplug",
        "2c8d4e6f1a3b\ttools/frobctl: fix the exit code on a short write"]


def test_commits_offered_by_their_ids_alone_are_new_items() -> None:
    analysis = _reply(CALL + "\n4d1c0e2a9b7f and 0c9e31a2d4b6?  They are the guest half of "
                      "the timer\nrework.\n\n5e7f9a1b3c2d is another one, though it touches "
                      "the ABI.\n")
    new = [c for c in analysis.changes if c.kind is ChangeKind.NEW]
    assert [c.value for c in new] == ["4d1c0e2a9b7f and 0c9e31a2d4b6", "5e7f9a1b3c2d"]
    assert all(c.confidence >= 0.7 for c in new)


def test_a_commit_said_to_be_in_already_is_no_new_item() -> None:
    analysis = _reply(CALL + "\n5e7f9a1b3c2d is already in 7.3, nothing to do there.\n")
    assert not [c for c in analysis.changes if c.kind is ChangeKind.NEW]


def test_ids_under_no_call_for_more_are_no_new_items() -> None:
    analysis = _reply("> What I have taken since the last push:\n\n"
                      "4d1c0e2a9b7f and 0c9e31a2d4b6?  I could not find them.\n")
    assert not [c for c in analysis.changes if c.kind is ChangeKind.NEW]


QUOTED_ITEM = "> 7e3a1b9c2d4f\tfrob/irq: keep the affinity mask on hot-unplug\n"


def test_the_rms_preference_to_leave_one_out_is_the_rms_call() -> None:
    analysis = _reply(QUOTED_ITEM + "\nIt changes what the guest sees. All told, I would "
                      "rather leave it out.\n", sender=RM)
    dropped = [c for c in analysis.changes if c.kind is ChangeKind.STATUS]
    assert [(c.item_text, c.value) for c in dropped] == [
        ("7e3a1b9c2d4f\tfrob/irq: keep the affinity mask on hot-unplug", "dropped")]
    assert dropped[0].confidence >= 0.7


@pytest.mark.parametrize("words", ["We would rather leave it out.", "We'd like to leave it out."])
def test_a_developers_we_would_rather_drops_nothing_for_sure(words: str) -> None:
    analysis = _reply(QUOTED_ITEM + f"\n{words}\n")
    assert all(c.confidence < 0.7 for c in analysis.changes if c.kind is ChangeKind.STATUS)


def test_a_developers_preference_to_leave_one_out_is_a_suggestion() -> None:
    analysis = _reply(QUOTED_ITEM + "\nIt changes what the guest sees. All told, I would "
                      "rather leave it out.\n")
    assert [(c.value, c.confidence < 0.6) for c in analysis.changes
            if c.kind is ChangeKind.STATUS] == [("dropped", True)]


def test_the_rms_preference_under_another_hedge_stays_a_proposal() -> None:
    analysis = _reply(QUOTED_ITEM + "\nMaybe I would rather leave it out.\n", sender=RM)
    assert all(c.confidence < 0.6 for c in analysis.changes if c.kind is ChangeKind.STATUS)


def test_the_rms_own_addition_introduced_by_is_is_a_new_item() -> None:
    analysis = _reply(CALL + "\nThinking about it, the other one I know of is\n\n"
                      "6a0b2c4d8e1f frob/timer: rearm after a missed tick\n\n"
                      "which Priya offered to port.\n", sender=RM)
    assert [c.value for c in analysis.changes if c.kind is ChangeKind.NEW] == [
        "6a0b2c4d8e1f frob/timer: rearm after a missed tick"]


def test_commits_right_under_their_lead_in_with_a_colon_after_each_id() -> None:
    analysis = _reply(CALL + "\nTwo more I would like to see considered:\n"
                      "3b5d7f9: frob/uart: flush the FIFO on close\n"
                      "8c0e2a4: frob/uart: clamp the baud divisor\n\n"
                      "And perhaps this one as well:\n"
                      "1d3f5b7: docs/frob: mention the new clock option\n")
    new = [(c.value, c.confidence >= 0.7) for c in analysis.changes
           if c.kind is ChangeKind.NEW]
    assert new == [("3b5d7f9 frob/uart: flush the FIFO on close", True),
                   ("8c0e2a4 frob/uart: clamp the baud divisor", True),
                   ("1d3f5b7 docs/frob: mention the new clock option", False)]


def test_a_fix_said_to_be_upstream_is_a_note_on_a_stable_branchs_list() -> None:
    analysis = _reply(QUOTED_ITEM + "\nThanks for keeping track, it is in master now, "
                      "since Monday.\n")
    assert [(c.kind, c.item_text) for c in analysis.changes] == [
        (ChangeKind.NOTE, "7e3a1b9c2d4f\tfrob/irq: keep the affinity mask on hot-unplug")]


def test_a_fix_said_to_be_in_the_stable_branch_is_done() -> None:
    analysis = _reply(QUOTED_ITEM + "\nIt is in the 7.3 branch now, merged yesterday.\n")
    assert [(c.kind, c.value) for c in analysis.changes] == [(ChangeKind.STATUS, "done")]


def test_a_call_for_more_wrapped_by_the_mailer_is_still_a_call() -> None:
    from bot.reply.newitems import invites

    assert invites("Anything\nelse?")
    assert not invites("Is there anything in\nthe tree yet?")


@pytest.mark.parametrize(("below", "asked"), [
    ("is still not applied.", True),
    ("It hasn't been merged yet.", True),
    ("is not applied on purpose, it breaks the arm build.", False),
    ("Was it applied?", False),
])
def test_a_patch_pointed_at_over_its_address_and_said_to_wait_is_asked_for(
        below: str, asked: bool) -> None:
    analysis = _reply("> Last call for anything that must be fixed before the tag.\n\n"
                      "This patch (fixes the installer on Windows)\n"
                      "https://patches.example.org/frob/patch/20310301-1-jonas@example.org/\n\n"
                      f"{below}\n")
    new = [c.value for c in analysis.changes
           if c.kind is ChangeKind.NEW and c.confidence >= 0.7]
    assert new == (["https://patches.example.org/frob/patch/20310301-1-jonas@example.org/"]
                   if asked else [])


@pytest.mark.parametrize("words", [
    "These are not needed, the bug is not in 7.3:\n\n3fa9c2e1d0b4\nb71e0a44c9d2\n",
    "I checked, these are already on stable-7.3:\n\n3fa9c2e1d0b4\nb71e0a44c9d2\n",
    "The culprit is\n\n3fa9c2e1d0b4\n\nwhich I reverted here.\n",
    "3fa9c2e1d0b4\nb71e0a44c9d2\n\nare already in, nothing is missing.\n",
    "4d1c0e2a9b7f is also broken on arm, please revert.\n",
    "4d1c0e2a9b7f? That one is already in 7.3, I checked.\n",
    "00000a10: 7f45 4c46 0201 0100  .ELF....\n",
    "Could these go in:\n3fa9c2e1d0b4: breaks the arm build, please skip it\n"
    "b71e0a44c9d2: Jan NAKed this one\n",
    "The last commit that works for me is\n\n4d1c0e2a9b7f frob/irq: keep the mask\n\n"
    "and everything after it hangs.\n",
])
def test_commits_the_sender_reports_or_refuses_are_no_new_items(words: str) -> None:
    assert not [c for c in _reply(CALL + "\n" + words).changes
                if c.kind is ChangeKind.NEW and c.confidence >= 0.7]


def test_a_sentence_ending_in_is_over_a_commit_asks_for_nothing_by_itself() -> None:
    analysis = _reply("> Nothing new this week.\n\nThe second commit in the series is\n\n"
                      "4d1c0e2a9b7f frob/irq: keep the mask\n\nand it has a typo in the subject.\n")
    assert not [c for c in analysis.changes if c.kind is ChangeKind.NEW]


@pytest.mark.parametrize("below", [
    "is not applied since it breaks the arm build.",
    "is not applied, and it should not be: Jan NAKed it.",
    "is still not applied, which is deliberate.",
    "is not merged, that's fine, it can wait for 7.4.",
    "is still not applied, and I would\nrather keep it that way.",
])
def test_a_patch_said_to_wait_on_purpose_is_not_asked_for(below: str) -> None:
    analysis = _reply("> Last call for anything that must be fixed before the tag.\n\n"
                      "This patch (fixes the installer on Windows)\n"
                      "https://patches.example.org/frob/patch/20310301-1-jonas@example.org/\n\n"
                      f"{below}\n")
    assert not [c for c in analysis.changes if c.kind is ChangeKind.NEW and c.confidence >= 0.7]


@pytest.mark.parametrize("words", [
    "Applied, thanks (it was merged to master last week).",
    "It is in master now, and I pushed it to 7.3 as well.",
    "todobot: done",
])
def test_a_fix_taken_into_the_branch_as_well_as_upstream_is_done(words: str) -> None:
    analysis = _reply(QUOTED_ITEM + f"\n{words}\n", sender=RM)
    assert [(c.kind, c.value) for c in analysis.changes] == [(ChangeKind.STATUS, "done")]
