"""A stable branch's call for backports (the RM's post lists what is queued and asks what
else is missing): commits offered by their ids alone, and the RM's own call on one."""

from __future__ import annotations

import pytest

from bot.mail import parse_message
from bot.post import ChangeKind, parse_post
from bot.reply import analyze_reply

POST_TEXT = """\
Hello all,

7.3.2 should be tagged in a fortnight.

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
