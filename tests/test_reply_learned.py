"""Issue 9: the richer states read from replies, the sentence model beside the
rules, and remarks: nothing a sender writes under a quoted item is dropped."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from bot.mail import parse_message
from bot.post import ChangeKind, parse_post
from bot.reply import analyze_reply
from bot.reply.classifier import CLASSES, features, model_from_json, model_to_json, shipped_model

ROOT = Path(__file__).resolve().parent.parent
SEED = parse_post((ROOT / "fixtures" / "posts" / "seed-2012.txt").read_text(encoding="utf-8"),
                  year=2012)
QUOTED_POD = (
    "On Mon, Aug 13, 2012 at 11:25:42AM +0100, Ian Campbell wrote:\n"
    ">     * address PoD problems with early host side accesses to guest\n"
    ">       address space (draft patch for 4.0.x exists, needs to be ported\n\n"
)


def _mail(body: str, sender: str = "George Dunlap <george.dunlap@eu.citrix.com>") -> bytes:
    return (
        f"From: {sender}\nTo: xen-devel@lists.xen.org\nSubject: Re: Xen 4.2 TODO\n"
        "Message-ID: <l1@citrix.com>\nDate: Tue, 14 Aug 2012 10:00:00 +0100\n"
        "In-Reply-To: <1344853542.27429.92.camel@zakaz.uk.xensource.com>\n"
        "Content-Type: text/plain; charset=utf-8\n\n" + QUOTED_POD + body + "\n-George\n"
    ).encode()


def _read(body: str):
    return analyze_reply(parse_message(_mail(body)), SEED)


def _statuses(body: str) -> list[tuple[str, float]]:
    return [(c.value, c.confidence) for c in _read(body).changes if c.kind is ChangeKind.STATUS]


@pytest.mark.parametrize(
    "words, state",
    [
        ("Only 1/7 was committed so far.", "partly_merged"),
        ("The hypervisor side is merged, only the toolstack patches remain.", "partly_merged"),
        ("The bulk of this has gone in; some follow-ups are still wanted.", "partly_merged"),
        ("Reviewers asked for changes, so it needs a respin.", "needs_version"),
        ("At least the commit message wants to change.", "needs_version"),
        ("It is still waiting for reviews.", "waiting_review"),
        ("I'm waiting for the other maintainers to finish their reviews.",
         "waiting_review"),
        ("Still waiting on Tim to say which approach he prefers.", "waiting_on"),
        ("I don't expect it to be in scope for this release, it is a kernel series.",
         "deferred"),
    ],
)
def test_partial_and_waiting_states_are_read_not_done(words: str, state: str) -> None:
    assert [value for value, _ in _statuses(words)] == [state]


def test_an_owner_stepping_back_is_an_owner_removed() -> None:
    changes = _read("Realistically I'm unlikely to get back to this any time soon.").changes
    assert [(c.kind, c.value) for c in changes] == [(ChangeKind.OWNER, "-George Dunlap")]


@pytest.mark.parametrize(
    "words",
    [
        "Has the hypervisor side been merged?",
        "If nobody objects I will commit it on Friday.",
        "It hasn't been committed yet.",
        "I'll post v3 after the freeze.",
        "We still have some time to get it merged before the freeze.",
    ],
)
def test_questions_conditions_negations_and_plans_apply_nothing(words: str) -> None:
    assert all(confidence < 0.6 for _, confidence in _statuses(words))


def test_a_sentence_that_changes_nothing_is_a_remark_on_its_item() -> None:
    analysis = _read("The reporter sent a full log from the affected box.")
    assert analysis.changes == ()
    (remark,) = analysis.remarks
    assert remark.item_text.startswith("address PoD problems")
    assert remark.words == "The reporter sent a full log from the affected box."


def test_mail_with_no_quoted_item_has_no_remarks() -> None:
    raw = (
        b"From: Jan Beulich <JBeulich@suse.com>\nTo: xen-devel@lists.xen.org\n"
        b"Subject: Re: Xen 4.2 TODO\nMessage-ID: <l2@suse.com>\n"
        b"Date: Tue, 14 Aug 2012 10:00:00 +0100\nContent-Type: text/plain\n\n"
        b"On Mon, Ian wrote:\n> Shall we talk about the schedule?\n\n"
        b"The schedule looks tight to me, but we can try.\n"
    )
    analysis = analyze_reply(parse_message(raw), SEED)
    assert analysis.remarks == () and analysis.off_topic


def test_the_model_confirms_a_rule_reading() -> None:
    ((value, confidence),) = _statuses("I pushed it to staging this morning.")
    assert value == "done"
    change = _read("I pushed it to staging this morning.").changes[0]
    assert any(r.startswith("model agrees") for r in change.reasons) or confidence >= 0.9


def test_a_model_only_reading_is_a_proposal_at_most() -> None:
    for change in _read("Good progress here, it should be all sorted out shortly.").changes:
        if "model" in change.reasons:
            assert change.confidence < 0.6


def test_the_shipped_model_holds_no_text_and_round_trips() -> None:
    model = shipped_model()
    assert model is not None and model.classes == CLASSES
    data = json.loads((ROOT / "bot" / "reply" / "sentence_model.json").read_text("utf-8"))
    # hashed features and weights only: no word of any sentence it learned from
    assert all(k.isdigit() and re.fullmatch(r"[0-9:. e-]+", v) for k, v in data["weights"].items())
    again = model_from_json(model_to_json(model))
    sentence = "v3 was sent to the list yesterday."
    assert again.read(sentence) == model.read(sentence)
    assert any(f.startswith("c:") for f in features(sentence))


RM = "Ian Campbell <Ian.Campbell@citrix.com>"
TWO_LEVELS = (
    "On Tue, 2012-08-14 at 09:12 +0100, Jan Beulich wrote:\n"
    "> >>> On 13.08.12 at 12:25, Ian Campbell <Ian.Campbell@citrix.com> wrote:\n"
    "> >     * address PoD problems with early host side accesses to guest\n"
    "> >       address space (draft patch for 4.0.x exists, needs to be ported\n"
    ">\n> Wasn't this committed last week already?\n\n"
)


def _rm_says(words: str, rm: bool = True):
    raw = (f"From: {RM}\nTo: xen-devel@lists.xen.org\nSubject: Re: Xen 4.2 TODO\n"
           "Message-ID: <rm1@citrix.com>\nDate: Tue, 14 Aug 2012 11:00:00 +0100\n"
           "Content-Type: text/plain; charset=utf-8\n\n" + TWO_LEVELS + words + "\n").encode()
    rms = {"ian.campbell@citrix.com"} if rm else set()
    return analyze_reply(parse_message(raw), SEED, rms=rms)


def test_the_rm_agreeing_with_a_quoted_claim_applies_it_with_rm_authority() -> None:
    (change,) = _rm_says("Yes, you are right, I overlooked that.").changes
    assert (change.kind, change.value) == (ChangeKind.STATUS, "done")
    assert change.confidence >= 0.85 and "the RM agrees with the quoted claim" in change.reasons
    assert change.evidence.quoted.startswith("Wasn't this committed")
    assert _rm_says("Yes, you are right, I overlooked that.").remarks == ()


def test_the_rm_declining_or_a_developer_agreeing_applies_nothing() -> None:
    declined = _rm_says("I'd rather not track it as done until I see the commit.").changes
    assert declined and all(c.confidence < 0.5 and "the RM declines the quoted claim" in c.reasons
                            for c in declined)  # shown beside the RM's no, never applied
    assert all(c.confidence < 0.6 for c in _rm_says("Yes, right.", rm=False).changes)


def test_a_typographic_apostrophe_declines_as_the_plain_one_does() -> None:
    assert all(c.confidence < 0.5 for c in _rm_says(
        "I agree it looks likely, but I\u2019d rather not mark it done before I see the "
        "commit.").changes)


@pytest.mark.parametrize("words", ["Ah yes, my mistake.", "Oh, I missed that.",
                                   "I stand corrected, thanks."])
def test_owning_up_to_a_slip_agrees(words: str) -> None:
    (change,) = _rm_says(words).changes
    assert change.value == "done" and change.confidence >= 0.85


def test_a_slip_said_of_something_else_agrees_with_nothing() -> None:
    assert _rm_says("My mistake was to trust the old branch; it is still not in.").changes == ()


def test_a_call_for_objections_later_in_the_answer_holds_the_agreement() -> None:
    (change,) = _rm_says("Thanks for the update. I would like to hear from the maintainers "
                         "first. If nobody objects by Friday, I will record it as done.").changes
    assert change.confidence < 0.6


def test_a_check_promised_on_a_condition_is_a_proposal() -> None:
    (change,) = _rm_says("I'll check and update the list if so.").changes
    assert change.value == "done" and change.confidence < 0.6


def test_a_conditional_agreement_stays_a_proposal_with_its_condition() -> None:
    (change,) = _rm_says("Agreed, if there is no objection from the other maintainers.").changes
    assert change.confidence < 0.6
    assert any(r.startswith("on condition: if there is no objection") for r in change.reasons)


def _new_items(body: str) -> list[tuple[str, str, float]]:
    raw = ("From: Jan Beulich <JBeulich@suse.com>\nTo: xen-devel@lists.xen.org\n"
           "Subject: Re: Xen 4.2 TODO\nMessage-ID: <n1@suse.com>\n"
           "Date: Tue, 14 Aug 2012 10:00:00 +0100\nContent-Type: text/plain\n\n"
           "On Mon, Ian Campbell wrote:\n> Please reply with items you would like to see"
           " tracked.\n\n" + body).encode()
    return [(c.value, c.section, c.confidence) for c in
            analyze_reply(parse_message(raw), SEED).changes if c.kind is ChangeKind.NEW]


def test_numbered_reports_under_the_request_are_no_items() -> None:
    """Lines that say what someone said or what the sender saw quote a subject, but ask
    for nothing."""
    assert _new_items('1) Priya said "only after the freeze" about the xl rework\n'
                      '2) Marek wrote "no objection" on the blkback fix\n') == []
    assert _new_items('1) backing out "x86/hpet: use the broadcast timer" cures the stall'
                      ' for me\n2) I booted "libxl: json for domain config" and it works\n') == []
    assert _new_items('1) "xen/arm: vgic: fix the ITS mapping" cures the hang for me\n') == []
    assert [v for v, *_ in _new_items('1) "x86/hpet: use the broadcast timer"\n'
                                      '2) "libxl: json for domain config"\n')] == [
        "x86/hpet: use the broadcast timer", "libxl: json for domain config"]


def test_bullets_under_the_request_are_new_items_in_unsorted() -> None:
    found = _new_items("These are stuck since spring:\n\n- x86/mm: split the P2M code"
                       "\n- gnttab: follow-up cleanups from the last XSA\n\nJan\n")
    assert [(v, s) for v, s, _ in found] == [
        ("x86/mm: split the P2M code", "unsorted"),
        ("gnttab: follow-up cleanups from the last XSA", "unsorted")]
    assert all(confidence >= 0.7 for *_, confidence in found)


def test_a_numbered_brain_dump_and_a_title_with_its_url_are_new_items() -> None:
    found = _new_items("1) Refresh and repost the vMCE rework. 2) Finish the EFI memory map"
                       " handling.\n")
    assert [v for v, *_ in found] == ["Refresh and repost the vMCE rework.",
                                      "Finish the EFI memory map handling."]
    found = _new_items("tools: per-domain xenstore quota\nhttps://example.org/series/42\n")
    assert [v for v, *_ in found] == ["tools: per-domain xenstore quota "
                                      "https://example.org/series/42"]


def test_a_section_the_sender_names_is_where_the_item_goes() -> None:
    found = _new_items("Also please track:\n\nhypervisor, blockers:\n"
                       "- credit2 load balancing regression\n")
    assert [(v, s) for v, s, _ in found] == [("credit2 load balancing regression",
                                              "hypervisor, blockers")]


def test_code_and_wrapped_prose_are_not_new_items() -> None:
    assert _new_items("- if ( p2m_is_shared(t) && q )\n+ return -EINVAL;\n") == []
    assert _new_items("- I think this is fine as it is, and\n  nothing more is needed.\n") == []


def test_the_rm_agreeing_answers_the_quoted_paragraph_right_above_only() -> None:
    """"Good point" under a long quote agrees with its last paragraph, not every claim."""
    raw = (f"From: {RM}\nTo: xen-devel@lists.xen.org\nSubject: Re: Xen 4.2 TODO\n"
           "Message-ID: <rm2@citrix.com>\nDate: Tue, 14 Aug 2012 11:00:00 +0100\n"
           "Content-Type: text/plain; charset=utf-8\n\n"
           "On Tue, Jan Beulich wrote:\n"
           "> > * tools, nice to have\n>\n"
           "> VTPM2 is also entirely missing.\n>\n"
           "> Maybe we should talk about the whole list at the next meeting?\n\n"
           "Good point, let's do that.\n").encode()
    changes = analyze_reply(parse_message(raw), SEED, rms={"ian.campbell@citrix.com"}).changes
    assert [c for c in changes if c.confidence >= 0.6] == []


@pytest.mark.parametrize("words, titles", [
    ("More work missing that we meant for 4.2: VTPM2, QMP-ctl, and use of AVX in x86emul.",
     ["VTPM2", "QMP-ctl", "use of AVX in x86emul"]),
    ("PVH-dom0 (Roger is on it) is also entirely missing.", ["PVH-dom0"]),
    ('Similarly there is George\'s older "xl: sched-credit2 params via the CLI".',
     ["xl: sched-credit2 params via the CLI"]),
    ("We expect the vPMU rework to be included in the 4.2 release.", ["vPMU rework"]),
    ("The changelog is missing.", []),
])
def test_an_item_the_list_lacks_said_in_prose_goes_to_unsorted(words: str,
                                                               titles: list[str]) -> None:
    """A listed developer's clear word applies (conf >= the 0.7 bar), with no section: the
    draft puts it in Unsorted, which the RM must settle before approving."""
    found = [(value, section, conf) for value, section, conf in _new_items(words)]
    assert [value for value, _, _ in found] == titles
    assert all(section == "" and conf >= 0.7 for _, section, conf in found)


def test_the_rm_agreeing_first_then_adding_news_keeps_both() -> None:
    """"Right.  1/ and 2/ are in already." agrees with the claim and says more."""
    raw = (f"From: {RM}\nTo: xen-devel@lists.xen.org\nSubject: Re: Xen 4.2 TODO\n"
           "Message-ID: <rm3@citrix.com>\nDate: Tue, 14 Aug 2012 11:00:00 +0100\n"
           "Content-Type: text/plain; charset=utf-8\n\n"
           "On Tue, Jan Beulich wrote:\n" + "".join(f"> {line}" for line in QUOTED_CMOS_LINES)
           + ">\n> The last patch is risky; I suggest deferring it to 4.3.\n\n"
           "Right.  1/ and 2/ have been committed already.\n").encode()
    changes = analyze_reply(parse_message(raw), SEED, rms={"ian.campbell@citrix.com"}).changes
    assert {(c.value, c.confidence >= 0.6) for c in changes} == {
        ("partly_merged", True), ("deferred", True)}


QUOTED_CMOS_LINES = (
    ">     * fix high change rate to CMOS RTC periodic interrupt causing\n",
    ">       guest wall clock time to lag (possible fix outlined, needs to be\n",
)


PROSE = ("As for the PoD problems with early host side accesses, the reporter sent a full"
         " log from the affected box.")


def _top_level(body: str, mid: str, parent: str = "") -> bytes:
    thread = f"In-Reply-To: {parent}\nReferences: {parent}\n" if parent else ""
    return ("From: Robin Lund <robin@example.org>\nTo: xen-devel@lists.xen.org\n"
            f"Subject: Re: Xen 4.2 TODO\nMessage-ID: {mid}\n{thread}"
            "Date: Tue, 14 Aug 2012 10:00:00 +0100\nContent-Type: text/plain\n\n"
            f"{body}\n\nJan\n").encode()


def test_a_sentence_naming_an_item_in_prose_is_a_remark_on_that_item() -> None:
    analysis = analyze_reply(parse_message(_top_level(PROSE, "<p1@suse.com>")), SEED)
    assert analysis.changes == ()
    (remark,) = analysis.remarks
    assert remark.item_text.startswith("address PoD problems") and remark.named
    assert remark.words == PROSE and not analysis.off_topic  # it names an item: on topic


def test_a_prose_remark_is_no_context_for_the_sub_thread_below_it(tmp_path: Path) -> None:
    """A quoted item's remark keeps the answers below it on that item; a name read in
    prose is a guess, and "Fixed now." under it is about nothing we can tell."""
    from bot.config import parse_config
    from bot.demo import demo_config
    from bot.release import Store, cycle
    from bot.release.ingest import Ingest

    config = parse_config(demo_config(tmp_path / "s.db"), tmp_path / "todobot.toml")
    seed = (ROOT / "fixtures" / "posts" / "seed-2012.txt").read_text(encoding="utf-8")
    with Store.open(config.database_path()) as store:
        cycle.import_post(store, config, seed, SEED, "<seed@x>", "seed")
        ingest = Ingest(store, config)
        ingest.mail(_top_level(PROSE, "<p1@suse.com>", "<seed@x>"))
        ingest.mail(_top_level("Fixed now.", "<p2@suse.com>", "<p1@suse.com>"))
        ((named, rid),) = [tuple(r) for r in store.all("SELECT named, release_id FROM remarks")]
        assert named == 1
        from bot.release.drafting import not_understood
        assert "(not quoted: the item is a guess): not understood: \"As for the PoD" in (
            not_understood(store, rid))  # the RM sees how the item was found
        assert not [c for c in store.changes() if c.change.kind is ChangeKind.STATUS]
        ingest.mail(_top_level(QUOTED_POD + "The reporter sent a full log from the affected"
                               " box.", "<q1@suse.com>", "<seed@x>"))
        ingest.mail(_top_level("Fixed now.", "<q2@suse.com>", "<q1@suse.com>"))
        (fixed,) = [c for c in store.changes() if c.change.kind is ChangeKind.STATUS]
        assert fixed.change.value == "done"
        assert fixed.change.item_text.startswith("address PoD problems")


def _said_alone(body: str) -> list[tuple[str, float]]:
    """New items of a mail that quotes nothing of the post: no call for items above it."""
    raw = ("From: Robin Lund <robin@example.org>\nTo: xen-devel@lists.xen.org\n"
           "Subject: Re: Xen 4.2 TODO\nMessage-ID: <n2@example.org>\n"
           "Date: Tue, 14 Aug 2012 10:00:00 +0100\nContent-Type: text/plain\n\n" + body).encode()
    return [(c.value, c.confidence) for c in analyze_reply(parse_message(raw), SEED).changes
            if c.kind is ChangeKind.NEW]


@pytest.mark.parametrize("body, title", [
    ("there's another regression for your list: the touchpad on the T480 stops responding"
     " after resume, since rc5.\n", "touchpad on the T480 stops responding after resume"),
    ("I've added one more since sending this: the wifi firmware crashes on every resume with"
     " 3.6-rc2, reported here: https://example.org/r/1\n",
     "wifi firmware crashes on every resume with 3.6-rc2 https://example.org/r/1"),  # its link
    ("Please don't forget the radeon one I reported on Monday: black screen after resume on"
     " the E350 with 3.6-rc1, 3.5.2 is fine.\n",
     "black screen after resume on the E350 with 3.6-rc1, 3.5.2 is fine"),
    ("Oops, forgot one thing: there is a fix for a libxl build problem that went to the list"
     " ten days ago and got no answer.\n", "libxl build problem"),
    ('Adding "[PATCH v2] sched: fix a NULL deref in runqueue rebalancing" as a blocker, the'
     ' test system hits it every other run.\n',
     "[PATCH v2] sched: fix a NULL deref in runqueue rebalancing"),
    ("Could we also add the new mmap06 test for MAP_SHARED_VALIDATE? It is a small one.\n",
     "new mmap06 test for MAP_SHARED_VALIDATE"),
])
def test_one_more_item_announced_then_described_is_a_new_item(body: str, title: str) -> None:
    assert [(value, confidence >= 0.7) for value, confidence in _said_alone(body)] == [
        (title, True)]


def _rm_said_alone(body: str) -> list[tuple[str, str, str]]:
    """(kind, value, item) of each change the RM's mail makes, quoting nothing."""
    raw = ("From: Ian Campbell <Ian.Campbell@citrix.com>\nTo: xen-devel@lists.xen.org\n"
           "Subject: Re: Xen 4.2 TODO\nMessage-ID: <n3@example.org>\n"
           "Date: Tue, 14 Aug 2012 10:00:00 +0100\nContent-Type: text/plain\n\n" + body).encode()
    analysis = analyze_reply(parse_message(raw), SEED, rms={"ian.campbell@citrix.com"})
    return [(str(c.kind), c.value, c.item_text[:20]) for c in analysis.changes]


@pytest.mark.parametrize("body, changes", [
    # a listed item put where the sender names: a move, not a second item
    ('Adding "Load blktap driver from xencommons initscript if available" as a blocker.\n',
     [("move", "tools, blockers", "Load blktap driver f")]),
    # an item the post lacks is asked for as before, and so is a longer title that only
    # begins like a listed one
    ('Adding "xl: fix the cpupool listing" as a blocker.\n',
     [("new", "xl: fix the cpupool listing", "")]),
    ('Adding "Bump library SONAMES as necessary, part 2: libxc" to hypervisor, blockers.\n',
     [("new", "Bump library SONAMES as necessary, part 2: libxc", "")]),
    # what follows is about the item moved
    ('Adding "Load blktap driver from xencommons initscript if available" as a blocker. It'
     ' still needs a v2 of the xencommons patch.\n',
     [("move", "tools, blockers", "Load blktap driver f"),
      ("status", "needs_version", "Load blktap driver f")]),
])
def test_the_rm_adding_a_listed_item_somewhere_moves_it(body: str, changes: list) -> None:
    assert _rm_said_alone(body) == changes


def test_not_as_a_blocker_moves_nothing() -> None:
    said = _rm_said_alone('Please add "Load blktap driver from xencommons initscript if'
                          ' available", not as a blocker.\n')
    assert not [change for change in said if change[0] == "move"]


def test_a_listed_item_asked_for_under_completed_is_done_not_new() -> None:
    post = parse_post((ROOT / "fixtures" / "posts" / "devupdate-2020.txt").read_text(), year=2020)
    raw = (b"From: Jonas Berg <jonas@example.org>\nTo: devel@lists.example.org\n"
           b"Subject: Re: status\nMessage-ID: <w@example.org>\n"
           b"Date: Wed, 12 Feb 2020 10:00:00 +0100\nContent-Type: text/plain\n\n"
           b'Please put "Core scheduling (v4)" under Completed.\n')
    changes = analyze_reply(parse_message(raw), post).changes
    assert [(str(c.kind), c.value, c.item_text[:15]) for c in changes] == [
        ("status", "done", "Core scheduling")]


@pytest.mark.parametrize("body", [
    "Can we add a test for it?\n",
    "There is another issue: the build fails with gcc 4.7.\n",  # no list named: talk
    "4f1c2e9a7b x86/vpt: fix a race on timer teardown\n9d0b3c21aa xen/sched: don't leak the"
    " idle page\n\nThese broke the build for me.\n",  # commits reported on, not asked for
    'Adding "libxl: tidy the cpupool listing" to the agenda of the next call.\n',  # not our list
    'Please add "libxl: tidy the cpupool listing" to next week\'s agenda.\n',
    'Please add "libxl: tidy the cpupool listing" to the release notes.\n',
])
def test_talk_and_commits_reported_on_are_no_new_items(body: str) -> None:
    assert _said_alone(body) == []


def test_commits_pasted_under_the_call_for_items_or_over_an_ask_are_new_items() -> None:
    commits = ("4f1c2e9a7b x86/vpt: fix a race on timer teardown\n"
               "9d0b3c21aa xen/sched: don't leak the idle page\n")
    titles = ["4f1c2e9a7b x86/vpt: fix a race on timer teardown",
              "9d0b3c21aa xen/sched: don't leak the idle page"]
    assert [v for v, *_ in _new_items(commits + "\nBoth apply cleanly.\n")] == titles
    asked = _said_alone("$ git log --oneline RELEASE-4.1.3..staging -- xen/arch/x86\n"
                        + commits + "\nThe first two are stable material IMO.\n")
    assert [(v, c >= 0.7) for v, c in asked] == [(t, True) for t in titles]


def test_a_numbered_list_of_the_senders_own_items_keeps_each_items_state_as_details() -> None:
    found = _said_alone("What I still have for this release:\n(1) the vMCE save/restore fix"
                        " (v3 soon)\n(2) the credit2 load balancing fix, needs review\n")
    assert found == [("the vMCE save/restore fix (v3 soon)", 0.75),
                     ("the credit2 load balancing fix (needs review)", 0.75)]


def test_a_numbered_line_asking_to_redo_a_quoted_subject_lists_that_subject() -> None:
    found = _said_alone(
        "What I have queued for the last posting date:\n\n1) Refresh and repost"
        ' "libxl: retry the device model spawn on EAGAIN", v2 clashed with the qmp fixes.\n'
        '2) "tools/xl: print the vNUMA layout" - v1 goes out this week.\n'
        "3) The usual doc fixes, only if the above are in shape.\n\n"
        "Can you put 1 and 2 on the list?\n")
    titles = [value for value, _ in found]
    assert titles[:2] == [
        "libxl: retry the device model spawn on EAGAIN (Refresh and repost, v2 clashed with"
        " the qmp fixes.)", "tools/xl: print the vNUMA layout (v1 goes out this week.)"]


def test_a_quoted_string_that_is_no_subject_or_a_culprit_is_no_title() -> None:
    found = _said_alone("Two more for the list:\n\n* Since 4f1c2e9a7b (\"x86/vpt: rework the"
                        " timer\") guests lose ticks after migration.\n* Jan said \"not before"
                        " the freeze\" about the grant table rework, so that one waits.\n")
    assert not any(value.startswith(("x86/vpt", "not before")) for value, _ in found)


@pytest.mark.parametrize("body, title", [
    ("These two from unstable would be good for 4.1 too (same area as\nthe vpt one):\n\n"
     "4f1c2e9a7b x86/vpt: fix a race on timer teardown\n"
     "9d0b3c21aa x86/vpt: don't drop a pending tick\n",
     "4f1c2e9a7b x86/vpt: fix a race on timer teardown"),  # a lead-in wrapped over two lines
    ("The xenstore quota fix should go in too, guests can exhaust dom0 without it.\n\n"
     "[PATCH v2] xenstored: limit the number of watches per domain\n",
     "[PATCH v2] xenstored: limit the number of watches per domain"),
    ("While at it, there's a second one in the same driver: the fan speed reads as 0 since"
     " the same commit, filed as https://example.org/b/7\n",
     "fan speed reads as 0 https://example.org/b/7"),  # with the address it is filed at
    ("could dw/xl-json-output be picked up for the next release?\n", "dw/xl-json-output"),
])
def test_more_forms_of_asking_for_an_item(body: str, title: str) -> None:
    found = _said_alone(body)
    assert found and found[0][0] == title


@pytest.mark.parametrize("body, title", [
    ("Could you please add the following under hypervisor for 4.2? It is a fix our test lab"
     " found, so hopefully fine after the\nfreeze:\n\nx86/mm: fix the PoD sweep on a shared"
     " page\nowner: Ana Ribeiro\nhttps://example.org/series/77\n",
     "x86/mm: fix the PoD sweep on a shared page https://example.org/series/77"
     " (owner: Ana Ribeiro)"),
    ('To keep it short: please put "libxc: check the gzip size before inflating" under tools'
     " for 4.2, with me as the owner.\n", "libxc: check the gzip size before inflating"),
    ("What should go in, though, is my xl migrate timeout fix; it is small and acked.\n",
     "xl migrate timeout fix"),
    ("It would be good if somebody could look at my vpmu save fix before the release, v2 got"
     " no answer.\n", "vpmu save fix"),
    ("this one too please:\nhttps://example.org/series/78\n", "https://example.org/series/78"),
    ("I'm afraid we have a regression compared to 4.1: a PV guest with 64 vCPUs hangs at boot"
     " on current staging, while 4.1.2 boots it fine.\n",
     "PV guest with 64 vCPUs hangs at boot on current staging"),
])
def test_requests_in_prose_and_blocks_are_new_items(body: str, title: str) -> None:
    found = _said_alone(body)
    assert [value for value, _ in found][:1] == [title] and found[0][1] >= 0.5
    changes = analyze_reply(parse_message(_top_level(body, "<r3@suse.com>")), SEED).changes
    assert not [c for c in changes if c.kind is ChangeKind.OWNER]  # "with me as the owner"


def test_a_follow_up_commit_asked_for_under_a_quoted_item_is_a_new_item() -> None:
    body = (QUOTED_POD + "This one needs a follow-up, otherwise the guest loses pages after"
            " migration:\n\n  d81f3a06be x86/mm: restore the PoD target after migration\n\n"
            "Please queue them together.\n")
    new = [c.value for c in _read(body).changes if c.kind is ChangeKind.NEW]
    assert new == ["d81f3a06be x86/mm: restore the PoD target after migration"]


def test_bullets_the_sender_would_like_to_see_in_the_section_too_are_new_items() -> None:
    body = (QUOTED_POD + "No news on this one from me.\n\nSomething I'd like to see in this"
            " section too:\n\n* x86/vPMU: expose the arch PMU v5 counters\n  - Radek Nowak\n")
    new = [c.value for c in _read(body).changes if c.kind is ChangeKind.NEW]
    assert new == ["x86/vPMU: expose the arch PMU v5 counters (Radek Nowak)"]


def test_a_patch_subject_with_its_address_said_to_the_post_is_a_new_item() -> None:
    """No word of request: a subject and its link, sent in reply to the list, are the
    mail's point (under a quoted item they would be that item's news)."""
    body = ("[PATCH v3 0/4] xl: per-domain console log rotation\n"
            "https://example.org/series/91\n\nThis seems to have slipped through over the"
            " holidays.\n")
    assert _said_alone(body) == [("[PATCH v3 0/4] xl: per-domain console log rotation"
                                  " https://example.org/series/91", 0.75)]
    under = [c for c in _read(body).changes if c.kind is ChangeKind.NEW]
    assert all(c.confidence < 0.7 for c in under)


def test_test_names_and_addresses_asked_for_are_new_items() -> None:
    found = _said_alone("Hi,\n\nTwo tests of mine I'd like to land in this cycle:\n\n"
                        "- mmap21\n- msync05\n- the pidfd_getfd rework (low priority)\n")
    assert [value for value, _ in found][:2] == ["mmap21", "msync05"]
    found = _said_alone("Hi,\n\nPlease consider these two series for the release:\n\n"
                        "- https://example.org/list/?series=1201\n"
                        "- https://example.org/list/?series=1202\n\nThe first needs a respin.\n")
    assert [value for value, _ in found] == ["https://example.org/list/?series=1201",
                                             "https://example.org/list/?series=1202"]
    found = _said_alone("Pre-release testing looks fine here, just two failures that need the"
                        " following fixes:\n\nhttps://example.org/patch/77/\n"
                        "https://example.org/patch/78/\n\nThanks\n")
    assert [value for value, _ in found] == ["https://example.org/patch/77/",
                                             "https://example.org/patch/78/"]


@pytest.mark.parametrize("body", [
    "v5 is out, here:\n\nhttps://example.org/series/91\n",  # news of the quoted item
    "Tested on these boards, with the following results:\n\nhttps://example.org/ci/5/\n",
    "Which branches?\n\n- 8.1\n- stable-8.1\n",
])
def test_an_address_or_a_version_that_is_news_or_context_is_no_new_item(body: str) -> None:
    assert not [c for c in _read(body).changes if c.kind is ChangeKind.NEW
                and c.confidence >= 0.7]


@pytest.mark.parametrize("body", [  # a second read's near-misses: each once a new item
    "There is a second one: nope, false alarm, it was a bad build.\n",
    "Oops, forgot one thing: there is a fix for it in staging already, commit 9a8b7c6d5e.\n",
    "In case there is another regression: ping me and I'll look.\n",
    "My cpuid test for the release found nothing, all good.\n",
    "Could we also add Priya as a reviewer for the live update series?\n",
    "Can we add the CPUID faulting test to osstest once it is merged?\n",
    "I saw that one too: https://example.org/bug/3 (it is the same bug as blocker 3)\n",
    "Would dw/docs-cleanup be picked up in time? Just curious, not asking.\n",
    'Please put "the old console item" on hold.\n',
    'I am adding "Tested-by: Jonas" to the commit message.\n',
    "FYI, the culprit:\n\n[PATCH] x86/vpt: rework the timer\nhttps://example.org/p/5\n\n"
    "Reverting it fixes the boot hang.\n",
    "My items are all done:\n\n1. the licensing fix, committed\n2. the libvirt fix, merged\n",
    "Please don't take these:\n\n4f1c2e9a7b x86/vpt: fix a race on timer teardown\n"
    "9d0b3c21aa xen/sched: don't leak the idle page\n",
    "There's another one in Linux: the i915 driver hangs, but that's a kernel bug.\n",
    "We hit a regression: the xl compatibility issue again, same as listed.\n",
    "Please add a note that the live update RFC is for testing only.\n",
    "Reviewed-by: Ann Other <ann@example.org> for the whole series.\n",
    "For the release:\n\n(1) vMCE save/restore changes, done\n(2) S3 regression, still open\n",
])
def test_news_dismissals_and_plans_are_no_new_items(body: str) -> None:
    assert [(v, c) for v, c in _said_alone(body) if c >= 0.7] == []


def test_commits_under_a_call_that_the_sender_reports_on_are_no_new_items() -> None:
    commits = ("4f1c2e9a7b x86/vpt: fix a race on timer teardown\n"
               "9d0b3c21aa xen/sched: don't leak the idle page\n")
    for after in ("\nAll of these are already merged.\n", "\nBoth fail to build on arm32.\n",
                  "\nSo nothing is missing.\n"):
        assert [v for v, c in _new_items(commits + after) if c >= 0.7] == []


def test_a_sentence_that_only_shares_a_word_with_an_item_is_no_remark_on_it() -> None:
    analysis = analyze_reply(parse_message(_top_level(
        "Thanks for the update, much appreciated.", "<t1@x>")), SEED)
    assert analysis.remarks == () and analysis.off_topic
