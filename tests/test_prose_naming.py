"""A reply that names the items in its own words, several in one sentence or one after
the other: each clause's news lands on the item it names, not on the one named first
or quoted above. Our own sentences, against the 2024-style tracking fixture."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.mail import parse_message
from bot.post import ChangeKind, parse_post
from bot.reply import analyze_reply
from bot.reply.evaluate import THRESHOLD

ROOT = Path(__file__).resolve().parent.parent
POST = parse_post((ROOT / "fixtures" / "posts" / "tracking-2024.txt").read_text(encoding="utf-8"),
                  year=2024)
AVX = ("> * [PATCH 0/8] x86: support AVX10.1 [\n"
       "> https://lore.kernel.org/xen-devel/x@example.com/\n> ]\n\n")


def _mail(body: str, sender: str = "Jonas Berg <jonas@example.org>",
          to: str = "devel@example.org"):
    return parse_message((f"From: {sender}\nTo: {to}\nSubject: Re: tracking\n"
                          "Message-ID: <n@example.org>\nDate: Mon, 1 Jul 2024 10:00:00 +0000\n\n"
                          + body + "\n").encode())


def _changes(body: str) -> tuple:
    return analyze_reply(_mail(body), POST, rms=set()).changes


def _read(body: str) -> list[tuple[str, str, str, bool]]:
    """(kind, value, item, applied?) of each status and owner change the reply makes."""
    return [(c.kind.value, c.value, c.item_text, c.confidence >= THRESHOLD)
            for c in _changes(body + "\n\nJonas")
            if c.kind in (ChangeKind.STATUS, ChangeKind.OWNER)]


def _on(changes, title: str) -> set[str]:
    return {value for _kind, value, item, _applied in changes if title in item}


def test_each_clause_of_a_round_up_lands_on_the_item_it_names() -> None:
    changes = _read("Quick status from my side: the cache coloring series is in, the spinlock "
                    "rework still needs review, and the watchdog fixes will have to wait for "
                    "the next release.")
    assert ("status", "done", "[PATCH v9 00/13] Arm cache coloring", True) in changes
    assert _on(changes, "xen/spinlock") == {"waiting_review"}
    # the last clause names no item of the post ("watchdog" is not "xenwatchdogd"): it
    # defers neither the item before it nor the first one
    assert not any(value == "deferred" for _k, value, _i, _a in changes)


def test_a_part_merged_is_not_said_of_the_item_whose_clause_went_in() -> None:
    changes = _read("The AVX10.1 series went in, but the ERMS one still needs an ack from Jan.")
    assert _on(changes, "AVX10.1") == {"done"}
    assert _on(changes, "ERMS") <= {"waiting_review", "waiting_on"}
    assert not any(value == "partly_merged" for _k, value, _i, _a in changes)


def test_the_next_sentence_that_names_another_series_is_about_that_one() -> None:
    changes = _read("The xenwatchdogd fixes were committed yesterday. I've also sent v10 of the "
                    "9pfs series.")
    assert _on(changes, "xenwatchdogd") == {"done"}
    assert _on(changes, "9pfs") == {"patch_posted"}


@pytest.mark.parametrize("words", [
    "The cache coloring series is in. I also tested it with the 9pfs setup, all fine.",
    "The cache coloring series is in. Tested on a board with the 9pfs backend.",
])
def test_a_name_said_as_the_setting_does_not_take_the_news(words: str) -> None:
    changes = _read(words)
    assert _on(changes, "cache coloring") == {"done"}
    assert _on(changes, "9pfs") == set()


def test_under_a_quote_the_clause_naming_another_item_is_that_items() -> None:
    changes = _read(AVX + "This went in last week, but the ERMS one still needs an ack from Jan.")
    assert _on(changes, "AVX10.1") == {"done"}
    assert _on(changes, "ERMS") <= {"waiting_review", "waiting_on"}


def test_a_clause_that_only_mentions_another_item_leaves_the_news_on_the_quoted_one() -> None:
    changes = _read(AVX + "Pushed, the ERMS series is next on my list.")
    assert _on(changes, "AVX10.1") == {"done"}
    assert _on(changes, "ERMS") == set()


def test_a_clause_that_points_back_stays_with_the_quoted_item() -> None:
    changes = _read(AVX + "Committed, and it also makes the ERMS series simpler.")
    assert _on(changes, "AVX10.1") == {"done"}
    assert _on(changes, "ERMS") == set()


def test_a_clause_whose_it_is_its_own_subjects_names_that_subject() -> None:
    changes = _read("Nothing has been posted for APX and there won't be for this "
                    "release, so please move it to 4.20, while the AVX10.1 series got its v2 "
                    "out yesterday.")
    assert _on(changes, "AVX10.1") == {"patch_posted"}
    assert "deferred" not in _on(changes, "AVX10.1")


def test_a_sentence_that_names_its_item_in_one_clause_only() -> None:
    changes = _read("For the 9pfs stubdom work, roughly half of the patches are in; the "
                    "remaining ones still need review.")
    assert _on(changes, "9pfs") == {"partly_merged"}


def test_lines_that_each_open_with_their_topic_are_a_list() -> None:
    changes = _read("x86 bits from me:\n\n"
                    "AVX10.1 series: committed on Monday\n"
                    "xenwatchdogd fixes: parked until 4.20\n"
                    "RISC-V full build: v12 on the list since yesterday\n")
    assert _on(changes, "AVX10.1") == {"done"}
    assert _on(changes, "xenwatchdogd") == {"deferred"}
    assert _on(changes, "RISC-V") == {"patch_posted"}


def test_under_a_quote_a_piece_of_work_named_by_a_word_only_its_title_has() -> None:
    changes = _read(AVX + "v2 went out this morning. I've also pinged Stefano about the "
                    "xenwatchdogd fixes, since they don't seem to have a reviewer.")
    assert _on(changes, "AVX10.1") == {"patch_posted"}
    assert _on(changes, "xenwatchdogd") == {"pinged"}


def test_a_word_near_a_title_word_does_not_name_that_item_under_a_quote() -> None:
    changes = _read(AVX + "I'm working on the comments now (mostly the page allocation part) "
                    "and expect v2 by the end of the week.")
    assert _on(changes, "Early Boot Allocation") == set()
    assert _on(changes, "AVX10.1") == {"in_progress"}


def test_a_listed_item_with_its_status_after_a_colon_is_no_new_item() -> None:
    body = ("Hi,\n\n- RISC-V full build: first three patches committed, the rest to follow\n"
            "- PPC early boot allocation: still waiting for anyone to review it\n")
    changes = _changes(body)
    assert not [c for c in changes if c.kind is ChangeKind.NEW]
    said = {(c.item_text[:40], c.value) for c in changes}
    assert ("[PATCH v11 00/17] Enable build of full X", "partly_merged") in said
    assert ("[PATCH v4 0/6] Early Boot Allocation on ", "waiting_review") in said


@pytest.mark.parametrize("words, value", [
    ("9pfs stubdom: 4 of 9 in, the rest still needs acks", "partly_merged"),
    ("xenwatchdogd fixes: parked until 4.20", "deferred"),
])
def test_a_topic_line_reads_its_status(words: str, value: str) -> None:
    changes = _read(words)
    assert {v for _k, v, _i, _a in changes} == {value}


def test_working_through_the_review_comments_is_work_in_progress() -> None:
    assert _on(_read(AVX + "I'm still working through the review comments on v1."),
               "AVX10.1") == {"in_progress"}


def test_an_item_named_before_its_verb_is_what_a_sentence_is_about() -> None:
    changes = _read("AVX10.1 went in on Monday.\n\n"
                    "- ERMS memcpy/memset -> the remaining four patches are waiting on Andrew")
    assert _on(changes, "AVX10.1") == {"done"}
    assert _on(changes, "ERMS") == {"waiting_on"}


def test_the_item_a_clause_names_takes_the_news_its_they_tells() -> None:
    changes = _read(AVX + "Patches 1-5 of this have been in for a while. The spinlock rework "
                    "is in the same boat: they need a v7.")
    assert _on(changes, "AVX10.1") == {"partly_merged"}
    assert _on(changes, "xen/spinlock") == {"needs_version"}


@pytest.mark.parametrize("words, value", [
    ("The MISRA Rule 20.7 work is still short of an ack from Andrew on patch 3.", "waiting_on"),
    ("For the MISRA Rule 20.7 work, roughly half of the patches are upstream; the remaining "
     "ones still need review.", "partly_merged"),
    ("I'm actively reworking the MISRA Rule 20.7 series on top of the new macros.",
     "in_progress"),
])
def test_everyday_states_of_an_item_named_in_prose(words: str, value: str) -> None:
    assert _on(_read(words), "Rule 20.7") == {value}


def _from_rm(body: str) -> list[tuple[str, str, str, bool]]:
    mail = _mail(body + "\n\nRM", sender="Release Manager <rm@example.org>",
                 to="Wei Chen <wei@example.org>")
    return [(c.kind.value, c.value, c.item_text, c.confidence >= 0.6)
            for c in analyze_reply(mail, POST, rms={"rm@example.org"}).changes]


def test_the_rm_moving_an_item_named_in_quotes_to_a_later_release_defers_it() -> None:
    changes = _from_rm("On 01/07/2024, Wei Chen wrote:\n> The last two patches no longer "
                       "apply, so this is 4.20 material now.\n\nThanks, noted. I've moved "
                       '"Enable build of full Xen for RISC-V" to the 4.20 list.')
    assert ("status", "deferred", "[PATCH v11 00/17] Enable build of full Xen for RISC-V",
            True) in changes


def test_the_rm_agreeing_with_a_claim_that_names_its_item_in_prose_applies_it() -> None:
    changes = _from_rm("On 01/07/2024, Wei Chen wrote:\n> I've sent v4 of the xenwatchdogd "
                       "fixes with the timeout handling split out.\n\n"
                       "Thanks, I've updated the entry to v4.")
    assert _on(changes, "xenwatchdogd") == {"patch_posted"}


def test_the_rm_answering_their_own_post_quoted_agrees_with_nothing_in_it() -> None:
    changes = _from_rm("On 01/07/2024, RM wrote:\n> * [PATCH v11 00/17] Enable build of full "
                       "Xen for RISC-V [\n> https://lore.kernel.org/xen-devel/r@example.com/\n"
                       "> ]:\n>     - new patch series version [v11] was sent\n\n"
                       "done, thanks all.")
    assert {v for _k, v, _i, _a in changes if _k == "status"} == {"done"}


@pytest.mark.parametrize("words, owner", [
    ("On the 9pfs stubdom series: I'm stepping back from driving the series; Chris Lowe will "
     "own it from now on.", "Chris Lowe"),
    ("The 9pfs stubdom series: Javi has left, I've taken the series over.", "Jonas Berg"),
])
def test_an_owner_handing_an_item_over_in_prose(words: str, owner: str) -> None:
    changes = _read(words)
    assert ("owner", owner) in {(k, v) for k, v, _i, _a in changes if "9pfs" in _i}


def test_please_add_to_the_list_takes_the_quoted_title() -> None:
    new = [c.value for c in _changes('- please add to the list: "automation: add a Zen5 '
                                     'runner" - the patches are out since Monday.')
           if c.kind is ChangeKind.NEW]
    assert new == ["automation: add a Zen5 runner"]


def test_a_listed_new_item_keeps_its_posting_note_as_details() -> None:
    changes = _changes("Please also track:\n\n"
                       "- x86: LBR passthrough for HVM guests (v2, posted Jan 28) - me\n"
                       "- ARM: SMMUv3 stage-1 support (RFC) - Sofia Marin")
    assert [c.value.split(" (")[0] for c in changes if c.kind is ChangeKind.NEW] == [
        "x86: LBR passthrough for HVM guests", "ARM: SMMUv3 stage-1 support"]
    assert not [c for c in changes if c.kind is ChangeKind.STATUS]


@pytest.mark.parametrize("words, pinged", [
    ("For the xenwatchdogd fixes, I've asked Stefano directly to have a look.", True),
    ("For the xenwatchdogd fixes, Stefano asked me to have a look.", False),
    ("For the xenwatchdogd fixes, I'll ask Stefano to review them.", False),
])
def test_asking_a_named_person_to_review_is_a_ping(words: str, pinged: bool) -> None:
    assert ("pinged" in _on(_read(words), "xenwatchdogd")) == pinged


def test_the_rm_noting_another_item_as_done_under_a_quote() -> None:
    changes = _from_rm("On 01/07/2024, Wei Chen wrote:\n> For the xenwatchdogd fixes, I've "
                       "asked Stefano to have a look.\n\nThanks! Also noted the RISC-V full "
                       "build series as done.")
    assert _on(changes, "RISC-V") == {"done"}


def test_an_item_named_after_a_preposition_is_not_the_subject() -> None:
    changes = _read("The other approach mentioned under the GRUB item is now on the list.")
    assert _on(changes, "GRUB") == set()


def test_a_new_item_asked_for_by_its_authors_name_and_quoted_title() -> None:
    assert [c.value for c in _changes('Please also track Kenji\'s "credit2: runqueue balancing '
                                      'rework" (v1).') if c.kind is ChangeKind.NEW] == [
        "credit2: runqueue balancing rework"]


# what a second read of this change found read wrongly (its own sentences)
@pytest.mark.parametrize("words, item", [
    (AVX + "Unlike the ERMS series, this one went in last week.", "AVX10.1"),
    (AVX + "In contrast to the ERMS series, this one was committed yesterday.", "AVX10.1"),
    (AVX + "Blocked on the ERMS series, which needs a v3.", "AVX10.1"),
])
def test_an_item_named_as_the_context_keeps_the_news_on_the_quoted_one(words: str,
                                                                        item: str) -> None:
    changes = _read(words)
    assert _on(changes, "ERMS") == set()
    assert _on(changes, item)


@pytest.mark.parametrize("words", [
    "The Linux spinlock rework went in for 6.10.",
    "If nobody reviews them, the xenwatchdogd fixes will have to wait for 4.20.",
    "The xenwatchdogd fixes will have to wait for 4.20, unless someone reviews them this week.",
    "Stefano said the xenwatchdogd fixes will have to wait for 4.20.",
    AVX + "We asked Roger to review it last year, but the design changed since.",
    AVX + "Should I have asked Roger to review it?",
    AVX + "Had I asked Andrew to ack it earlier, it would be in by now.",
])
def test_what_another_project_did_and_what_is_conditional_or_heard_applies_nothing(
        words: str) -> None:
    assert not [c for c in _read(words) if c[3]]


def test_a_listed_new_title_with_its_subsystem_and_state_is_a_new_item() -> None:
    changes = _changes("Please also track:\n\n"
                       "- 9pfs: add a write-back cache: v1 posted, waiting for review\n"
                       "- tools/xenstore: quota for nodes: needs review")
    assert [c.value for c in changes] == ["9pfs: add a write-back cache (v1 posted, waiting "
                                          "for review)", "tools/xenstore: quota for nodes "
                                          "(needs review)"]


def test_a_quoted_title_is_taken_whole_after_to_the_list() -> None:
    assert [c.value for c in _changes('Please add to the list: "x86/hvm: expose AVX10.2 to '
                                      'guests" - posted yesterday.')
            if c.kind is ChangeKind.NEW] == ["x86/hvm: expose AVX10.2 to guests"]


def test_a_role_mailbox_the_rm_writes_to_is_nobody_to_ask() -> None:
    mail = _mail(AVX + "Release, could you check?\n\nRM", sender="RM <rm@example.org>",
                 to="Release Team <release@example.org>")
    assert not analyze_reply(mail, POST, rms={"rm@example.org"}).changes


@pytest.mark.parametrize("words, items", [
    ("I committed the AVX10.1 series and the ERMS series yesterday.", {"AVX10.1", "ERMS"}),
    ("The AVX10.1 and ERMS series are both in now.", {"AVX10.1", "ERMS"}),
    ("The cache coloring series is in, and the spinlock rework is in too.",
     {"cache coloring", "xen/spinlock"}),
    ("The AVX10.1 series is in, which unblocks the ERMS series.", {"AVX10.1"}),
])
def test_items_listed_in_one_clause_share_its_statement(words: str, items: set[str]) -> None:
    changes = _read(words)
    done = {title for title in ("AVX10.1", "ERMS", "cache coloring", "xen/spinlock")
            if "done" in _on(changes, title)}
    assert done == items


def test_the_rm_agreeing_with_a_claim_about_two_items_applies_both() -> None:
    changes = _from_rm("On 01/07/2024, Wei Chen wrote:\n> The AVX10.1 series went in, but the "
                       "ERMS one still needs an ack from Andrew.\n\nThanks, updated.")
    assert _on(changes, "AVX10.1") == {"done"}
    assert _on(changes, "ERMS") <= {"waiting_review", "waiting_on"} and _on(changes, "ERMS")


def test_a_quote_whose_writer_is_unknown_is_no_claim_the_rm_agrees_with() -> None:
    assert not _from_rm("> The AVX10.1 series went in last week.\n\nThanks, updated.")


def test_an_aside_about_another_item_leaves_the_one_named_outright() -> None:
    changes = _read("I mean the RISC-V full build series, not the AVX10.1 one (that one is "
                    "in already). It now needs a v12.")
    assert _on(changes, "AVX10.1") == set()
    assert _on(changes, "RISC-V") == {"needs_version"}


def test_the_item_a_later_clause_calls_it_takes_that_clauses_news() -> None:
    changes = _from_rm("On 01/07/2024, Wei Chen wrote:\n> On 28/06/2024, RM wrote:\n"
                       "> > * APX support?\n>\n> I started on this last week.\n\n"
                       "I think you meant the xenwatchdogd one. I've put you down as the owner "
                       "of the xenwatchdogd and marked it as being worked on.")
    assert _on(changes, "APX") == set()
    assert "in_progress" in _on(changes, "xenwatchdogd")


def test_a_name_in_parentheses_or_of_a_longer_name_is_no_item() -> None:
    changes = _read(AVX + "Most of it is acked, but for patch 8 (the xenwatchdogd interface) "
                    "Julien asked for changes that are not small, so I will have to do a v2.")
    assert _on(changes, "xenwatchdogd") == set()
    assert _on(changes, "AVX10.1") == {"needs_version"}


def test_a_topic_that_names_its_item_clearly_makes_the_news_firm() -> None:
    """Top-posted "An update on PCI passthrough part 3: ...": the words name one item, and
    named as names are they name it clearly, so its partial merge applies."""
    changes = _read("An update on PCI passthrough part 3: patches 1 to 9 were committed on "
                    "Thursday. The other five need rework after the last round of comments.")
    assert ("status", "partly_merged", "[PATCH v14 00/14] PCI devices passthrough on Arm, part 3",
            True) in changes


def test_a_short_title_in_typographic_quotes_names_its_item() -> None:
    changes = _read("Regarding the \u201cAPX support?\u201d line in the x86 part: I\u2019ll take "
                    "it, and I have started on the decoder side.")
    assert _on(changes, "APX support?") == {"Jonas Berg", "in_progress"}
