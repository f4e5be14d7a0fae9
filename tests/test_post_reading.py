"""What an independent reader of the fixture posts found the parser got wrong:
a prose heading's title, a closing question, a closing heading, the
regressions report's `[ *NEW* ]` flag, and an RM's repost quoted under '> '.
Each post here is our own writing in the style real posts show."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from bot.post import item_lines, parse_post, render_post
from bot.post.flags import cleared
from bot.post.jsonform import post_from_json, post_to_json
from bot.post.parse import NO_LIST, last_sentence
from bot.post.status import Status

POSTS = Path(__file__).parent.parent / "fixtures" / "posts"


def _read(text: str):
    post = parse_post(text)
    assert render_post(post) == text  # every post here round-trips byte for byte
    return post


def _titles(post) -> list[str]:
    return [item.text for _, _, item in post.walk()]


NEWS_THEN_LIST = """\
Hello everyone,

RC2 is tagged and the branch opens on Monday. Two of the series below
got acks this week. These are still open for 4.40:

1. Rework the domain builder's memory map [1]
Status: Need reviews.

2. Drop the legacy shim build option
Status: Committed.

3. Anything else I should track?

[1] https://lists.example.org/devel/memmap-v4/

Best,
Lena
"""


def test_a_prose_heading_is_the_sentence_that_ends_in_a_colon() -> None:
    post = _read(NEWS_THEN_LIST)
    assert [s.title for s in post.sections] == ["These are still open for 4.40"]
    # the earlier sentences of its paragraph stay where they were written
    assert post.sections[0].gap_before == (
        "RC2 is tagged and the branch opens on Monday. Two of the series below",
    )
    assert post.sections[0].heading == "got acks this week. These are still open for 4.40:"


@pytest.mark.parametrize(
    ("paragraph", "title"),
    [
        ("The freeze is Friday. Below are the open items:", "Below are the open items"),
        ("Is the list right? Here it is:", "Here it is"),
        ("Still open for v2.3 (see the wiki):", "Still open for v2.3 (see the wiki)"),
    ],
)
def test_last_sentence(paragraph: str, title: str) -> None:
    assert last_sentence(paragraph) == title


def test_a_numbered_closing_question_is_prose_after_the_list_not_an_item() -> None:
    post = _read(NEWS_THEN_LIST)
    assert _titles(post) == [
        "Rework the domain builder's memory map",  # "[1]" points at its link, below
        "Drop the legacy shim build option",
    ]
    assert "3. Anything else I should track?" in post.closing


BULLETS_THEN_QUESTION = """\
Open items:

* Teach the balloon driver about huge pages (Jonas Berg)
* Rework the event channel FIFO locking (Ada Moreno)
* Anything I missed?

Done:

* Split the grant table code per architecture
"""


def test_a_bulleted_closing_question_ends_its_section_and_the_next_one_is_read() -> None:
    post = _read(BULLETS_THEN_QUESTION)
    assert [(s.title, [i.text for i in s.items]) for s in post.sections] == [
        ("Open items", ["Teach the balloon driver about huge pages",
                        "Rework the event channel FIFO locking"]),
        ("Done", ["Split the grant table code per architecture"]),
    ]
    assert "* Anything I missed?" in post.sections[1].gap_before


def test_a_none_placeholder_is_still_kept_as_the_sections_item() -> None:
    post = _read("Blockers:\n\n* None\n\nOpen:\n\n* Faster boot (Ada Moreno)\n")
    assert [i.placeholder for _, _, i in post.walk()] == [True, False]


REPORT = """\
Hi, this is the weekly regression summary.

==========================
current cycle, no culprit
==========================


[ *NEW* ] net: link flaps after suspend on the frob NIC
-------------------------------------------------------
https://regressions.example.org/entry/9001/

By Jonas Berg; 1 days ago; 2 activities, latest 0 days ago.


disk: writes stall under the deadline scheduler
-----------------------------------------------
https://regressions.example.org/entry/8990/

By Ada Moreno; 9 days ago; 4 activities, latest 2 days ago.


=============
End of report
=============

Entries marked '[ *NEW* ]' are new since the last summary.
"""


def test_end_of_report_closes_the_post_and_heads_no_section() -> None:
    post = _read(REPORT)
    assert [s.title for s in post.sections] == ["current cycle, no culprit"]
    assert post.closing[-5:] == (
        "=============",
        "End of report",
        "=============",
        "",
        "Entries marked '[ *NEW* ]' are new since the last summary.",
    )


@pytest.mark.parametrize("closing", ["End of report", "Thanks", "Kind regards"])
def test_a_closing_colon_line_heads_no_section(closing: str) -> None:
    post = _read(f"Open:\n\n* Faster boot (Ada Moreno)\n\n{closing}:\n\n* Lena\n")
    assert [s.title for s in post.sections] == ["Open"]
    assert _titles(post) == ["Faster boot"]


def test_the_new_flag_is_a_tag_and_not_part_of_the_title() -> None:
    post = _read(REPORT)
    flagged, plain = (item for _, _, item in post.walk())
    assert (flagged.tag, flagged.text) == ("NEW", "net: link flaps after suspend on the frob NIC")
    assert (plain.tag, plain.text) == ("", "disk: writes stall under the deadline scheduler")
    next_week = parse_post(REPORT.replace("[ *NEW* ] net:", "net:").replace("-" * 55, "-" * 45))
    assert next(next_week.walk())[2].text == flagged.text  # the same entry by title


def test_a_re_written_entry_keeps_its_flag_and_a_cleared_one_keeps_its_lines() -> None:
    flagged = next(parse_post(REPORT).walk())[2]
    assert item_lines(flagged)[:2] == [
        "[ *NEW* ] net: link flaps after suspend on the frob NIC",
        "-" * 55,
    ]
    plain = cleared(flagged)
    assert plain.tag == "" and plain.unchanged
    assert plain.source == (
        "net: link flaps after suspend on the frob NIC",
        "-" * 45,
        *flagged.source[2:],
    )


REPOST = """\
Adding the series Jonas asked about below; everything else is as it was.

On Mon, 4 Mar 2030, Lena Fischer wrote:
> Hello all,
>
> Here is this week's list of what is in flight for 5.2.
>
> == Hypervisor ==
>
> *  Rework the domain builder's memory map (v4)
>    -  Ada Moreno
>
> *  Faster boot time scrubbing (v2)
>    -  Jonas Berg
>
> == Tools ==

*  xl: report the NUMA node of each vCPU (v1)
   -  Jonas Berg

>
> *  Drop the legacy shim build option (v3)
>    -  Priya Natarajan
>
> Thanks,
> Lena
"""


def test_an_rm_repost_quoted_under_its_own_lines_is_read_with_its_list() -> None:
    post = _read(REPOST)
    assert post.warnings == ()
    assert [(s.title, [i.text for i in s.items]) for s in post.sections] == [
        ("Hypervisor", ["Rework the domain builder's memory map (v4)",
                        "Faster boot time scrubbing (v2)"]),
        ("Tools", ["xl: report the NUMA node of each vCPU (v1)",
                   "Drop the legacy shim build option (v3)"]),
    ]
    owners = [item.owners for _, _, item in post.walk()]
    assert owners == [("Ada Moreno",), ("Jonas Berg",), ("Jonas Berg",), ("Priya Natarajan",)]
    assert post.sections[0].heading == "> == Hypervisor =="


def test_a_reply_that_quotes_prose_only_is_still_a_post_without_a_list() -> None:
    text = "Thanks, noted.\n\n" + "".join(f"> line {n} of what was said.\n" for n in range(8))
    post = _read(text)
    assert post.warnings == (NO_LIST,)


PROGNOSES = """\
== Hypervisor ==

*  Rework the domain builder's memory map (v4)
  -  Ada Moreno
  -  ok, v5 expected next week

*  Faster boot time scrubbing (v2)
  -  Jonas Berg
  -  good, v3 expected to be posted on Monday

*  Drop the legacy shim build option (v3)
  -  Priya Natarajan
  -  fair, v3 was posted
"""


def test_a_next_version_expected_is_work_in_progress_not_an_open_item() -> None:
    post = _read(PROGNOSES)
    assert [str(item.status) for _, _, item in post.walk()] == [
        "in_progress",  # the author is on the next version
        "in_progress",  # still to be posted: not posted yet
        "patch_posted",
    ]


def _changed(item, **facts):
    """The item with some facts changed, as a reply or the RM would change them."""
    return replace(item, **facts)


def test_a_footnote_mark_is_no_part_of_the_title_and_brings_its_link() -> None:
    text = (POSTS / "critical-2023.txt").read_text(encoding="utf-8")
    post = _read(text)
    first, second, third, fourth = (item for _, _, item in post.walk())
    assert first.text == "Fix the live migration of guests with more than 512 vCPUs"
    assert first.source[0].endswith("512 vCPUs [1]")  # the line as written
    assert first.links == ("https://lists.example.org/devel/migrate-512-v6/",)
    assert second.text == "Scheduler: credit2 runqueue balancing regression"
    assert third.text == "Tooling: stop using the deprecated xs_* helpers"
    assert third.links == ()
    assert fourth.text == "Arm: GICv3 ITS quirk for the Frobnix board"
    assert fourth.links == ("https://lists.example.org/devel/its-quirk-v2/",)


def test_a_rewritten_item_keeps_its_footnote_mark_and_link() -> None:
    post = parse_post((POSTS / "critical-2023.txt").read_text(encoding="utf-8"))
    first = next(item for _, _, item in post.walk())
    done = _changed(first, status=Status.DONE, notes=("Committed.",))
    # the link stays the item's and is written where it was, at the post's foot
    assert item_lines(done) == [
        "1. Fix the live migration of guests with more than 512 vCPUs [1]",
        "Status: Committed.",
    ]
    assert done.links == first.links
    newer = _changed(first, links=(*first.links, "https://lists.example.org/devel/migrate-512-v7/"))
    assert item_lines(newer)[:2] == [
        "1. Fix the live migration of guests with more than 512 vCPUs [1]",
        "https://lists.example.org/devel/migrate-512-v7/",  # a new link has no footnote
    ]
    # the JSON form carries the mark and the footnote's link too
    again = post_from_json(json.loads(json.dumps(post_to_json(post))))
    first_again = next(item for _, _, item in again.walk())
    assert item_lines(_changed(first_again, status=Status.DONE, notes=("Committed.",))) == \
        item_lines(done)


FOOTNOTED = """\
Open for 2.8:

* Rework the event channel FIFO locking (Ada Moreno) [2] [3]
* Teach the balloon driver about huge pages[4]
* Fix the off-by-one in the ring index [0]

[2] https://lists.example.org/devel/evtchn-fifo-v2/
[3] https://lists.example.org/devel/evtchn-fifo-v3/
"""


def test_any_footnote_marks_at_a_titles_end_are_marks() -> None:
    post = _read(FOOTNOTED)
    fifo, balloon, ring = (item for _, _, item in post.walk())
    assert fifo.text == "Rework the event channel FIFO locking"
    assert fifo.owners == ("Ada Moreno",)
    assert fifo.links == ("https://lists.example.org/devel/evtchn-fifo-v2/",
                          "https://lists.example.org/devel/evtchn-fifo-v3/")
    assert balloon.text == "Teach the balloon driver about huge pages[4]"  # no blank: a word
    assert ring.text == "Fix the off-by-one in the ring index"  # a mark without a footnote
    assert ring.links == ()
    assert item_lines(_changed(fifo, status=Status.DONE, notes=("committed",))) == [
        "* Rework the event channel FIFO locking [2] [3] (Ada Moreno,",
        "  committed)",
    ]


def test_a_quoted_patch_subject_is_the_title_without_quotes_and_full_stop() -> None:
    text = (POSTS / "prose-2021.txt").read_text(encoding="utf-8")
    post = _read(text)
    shadow = list(post.sections[-1].items)[0]
    assert shadow.text == "x86/shadow: resync the page tables on vCPU hot-unplug"
    assert shadow.source[0] == (
        '* "x86/shadow: resync the page tables on vCPU hot-unplug".  This is')
    assert item_lines(_changed(shadow, status=Status.DONE, notes=("Committed as 2f7b0c9e.",))) == [
        '* "x86/shadow: resync the page tables on vCPU hot-unplug".',
        "  Committed as 2f7b0c9e.",
    ]


QUOTED = """\
Open issues:

* "tools/xenstore: cap the watch count per domain"
* "xl: report the NUMA node of each vCPU"; (Jonas Berg)
* Revert "x86/boot: move the early console setup".
* "vpci" bars and "msix" tables mapped twice
"""


def test_only_a_title_that_is_one_quoted_string_loses_its_quotes() -> None:
    post = _read(QUOTED)
    assert _titles(post) == [
        "tools/xenstore: cap the watch count per domain",
        "xl: report the NUMA node of each vCPU",
        'Revert "x86/boot: move the early console setup".',  # a revert's subject says so
        '"vpci" bars and "msix" tables mapped twice',
    ]
    xl = list(post.walk())[1][2]
    assert xl.owners == ("Jonas Berg",)
    assert item_lines(_changed(xl, notes=("v2 posted",))) == [
        '* "xl: report the NUMA node of each vCPU"; (Jonas Berg, v2 posted)']


COMMENTARY = """\
Open issues
===========

* "vpmu: trim the MSR list for guests".  Review is still ongoing.

* "libxl: retry the device model spawn on EAGAIN"
  The author says it is being respun.

* "x86/pv: fix the iopl shadow on context switch"
  The design was settled on the call. I have not seen v4 posted yet.
  Did it go out ?

* "tools/ocaml: bump the minimum compiler version"
  I think this is committed now ?

* "xen/arm: map the doorbell page lazily"
  Good to have in 4.40, but I believe it isn't ready yet.  With luck
  next week.

Ian.
"""


def test_an_rms_plain_commentary_states_a_status_as_does_a_state_said_in_the_negative() -> None:
    """A guess or a question states nothing, but for the few states an RM says in the
    negative ("isn't ready yet", "have not seen v4")."""
    post = _read(COMMENTARY)
    assert [str(item.status) for _, _, item in post.walk()] == [
        "in_progress",  # a plain statement
        "needs_version",  # the author is reworking it
        # the design is settled and the RM has seen no v4: the next move is the author's
        # (a real RM's words to that effect were labelled so)
        "needs_version",
        "open",  # a guess with a question mark
        "in_progress",  # "isn't ready yet", said in the negative and with a guess
    ]


SCHEDULE = """\
Hello all,

Here is my proposal for the 4.40 schedule; the release would come about
eight months after 4.39.

Proposed option: Wed March 11
(about +8 months from the 4.39 release)

- Last posting date          Fri Dec 18, 2026 (+11 weeks from now)

  Patches adding new features should be on the list by this date.

- Feature freeze             Fri Jan 8, 2027 (+3 weeks)
- Code freeze                Fri Jan 29, 2027 (+3 weeks)
- Release                    Wed March 11, 2027

Please let me know what you think.

Lena
"""


def test_a_schedules_dated_lines_are_milestones_not_items() -> None:
    post = _read(SCHEDULE)
    assert _titles(post) == []


@pytest.mark.parametrize(("notes", "status"), [
    (["I think it is ready now."], "open"),  # no negative: a guess
    (["Committed. I don't see a new version being needed."], "done"),
    (["Merged. Some docs are not ready yet though."], "done"),
    (["It was not ready last week, but v5 should have fixed that."], "open"),
    (["We are not ready to branch, so this can still go in."], "open"),
    (["I haven't found the v3 regressions reported anywhere."], "open"),
    (["I can't find v4 on the list, was it posted?"], "open"),
    (["It doesn’t look committed yet."], "open"),  # a typographic apostrophe negates too
])
def test_what_is_said_in_the_negative_counts_only_as_a_state_of_its_own(
        notes: list[str], status: str) -> None:
    from bot.post.status import status_from_commentary

    assert str(status_from_commentary(notes)) == status


def test_a_typographic_apostrophe_negates_as_the_ascii_one_does() -> None:
    from bot.post.status import status_from_text

    for quote in ("\u2019", "'"):
        assert status_from_text(f"isn{quote}t committed") is None
        assert str(status_from_text(f"Acked, the remaining two patches aren{quote}t applied "
                                    "yet")) == "partly_merged"


def test_an_items_aligned_status_is_no_date_and_a_may_date_is_no_guess() -> None:
    from bot.post.status import status_from_commentary
    from bot.post.timeline import read_milestone

    assert read_milestone("- SMMUv3 nested translation   2/7 merged", 0, None) is None
    assert str(status_from_commentary(["Committed on 3 May."])) == "done"


def test_a_function_calls_empty_parentheses_stay_in_the_title() -> None:
    """ "... mapping in p2m_init()" names a function; its "()" holds no owner or note."""
    post = _read("Arm:\n\n1. xen/arm: p2m: populate the pages in p2m_init()\n"
                 "Status: Committed.\n\n2. xen/arm: fix the GIC setup (Jonas Berg)\n")
    assert _titles(post) == ["xen/arm: p2m: populate the pages in p2m_init()",
                             "xen/arm: fix the GIC setup"]


def test_a_link_glued_to_its_dash_is_the_items_link_not_part_of_its_title() -> None:
    """An RM's repost under '> ' has "   -https://..." where the list had "   - https://"
    (or the link alone on the next line): the link is the item's, its title stays its own."""
    text = ("Hello all,\n\n= Projects =\n\n== x86 ==\n\n"
            "*  Lazy TLB flush for PV guests (v4 -> v5)\n"
            "   -  Marta Kowalczyk\n"
            "   -https://lists.example.org/devel/lazy-tlb-v5/\n\n"
            "*  Shadow paging cleanup (v2)\n"
            "   -  Ilya Brandt\n"
            "   -<https://lists.example.org/devel/shadow-v2/>\n\n"
            "Thanks,\nRM\n")
    post = _read(text)
    first, second = (item for _, _, item in post.walk())
    assert (first.text, first.owners, first.links) == (
        "Lazy TLB flush for PV guests (v4 -> v5)", ("Marta Kowalczyk",),
        ("https://lists.example.org/devel/lazy-tlb-v5/",))
    assert (second.text, second.links) == (
        "Shadow paging cleanup (v2)", ("https://lists.example.org/devel/shadow-v2/",))
    assert render_post(post) == text


COOKING = """This issue's topics. A '+' before a commit: it is in 'next'; a '-': only in
'seen'; a '.': in neither for now.

----------------------------------------------------------------
[Graduated to "master"]

* ab/trace-fixes (2031-01-10) 2 commits
  + trace: stop printing the pid twice
  + trace: flush before exit

----------------------------------------------------------------
[To go to 'master' once it has settled in 'next']

* cd/pack-stats (2031-01-12) 1 commit
  + pack-objects: report reused deltas

----------------------------------------------------------------
[Cooking]

* ef/index-reader (2031-01-15) 3 commits
 . index: read the extension table lazily
 . index: drop the unused flag
 . t1500: cover the lazy read

Parked: it needs a rebase onto the sparse index work.

* gh/merge-notes (2031-01-16) 1 commit
 - merge: say which strategy was picked

Waiting for a reroll after the review.

* ij/doc-typos (2031-01-17) 1 commit
 - doc: fix a few typos

Will merge to 'next'.
"""


def test_a_cooking_list_keeps_every_topic_and_its_long_bracket_heading() -> None:
    """Each topic's status is a paragraph of its own after it, in the last section
    too, and a commit in no branch is marked with a dot: none of it ends the list."""
    post = _read(COOKING)
    assert [(s.title, len(s.items)) for s in post.sections] == [
        ('Graduated to "master"', 1),
        ("To go to 'master' once it has settled in 'next'", 1),
        ("Cooking", 3)]
    index_reader = post.sections[2].items[0]
    assert index_reader.text == "ef/index-reader (2031-01-15) 3 commits"
    assert [c.text for c in index_reader.children] == [
        "index: read the extension table lazily", "index: drop the unused flag",
        "t1500: cover the lazy read"]  # its status paragraph is not glued to the last one
    assert post.sections[2].items[1].gap_before[1] == (
        "Parked: it needs a rebase onto the sparse index work.")
    assert post.closing == ("", "Will merge to 'next'.")  # after the last: as a closing


def test_a_topics_commits_are_its_commits_whatever_their_subjects_say() -> None:
    """A commit subject with a status word ("defer", "fixed") is still a commit of the
    topic, not a note that states the topic's status; the paragraph after them does."""
    text = ("Topics this week.\n\n" + "-" * 64 + "\n[Cooking]\n\n"
            "* gh/date-specials (2031-02-02) 3 commits\n"
            " - date: keep deferred day adjustments for \"specials\"\n"
            " - date: make \"specials\" respect a fixed day of month\n"
            " - t0006: cover the adjustment\n\n"
            " \"Monday noon\" asked on a Sunday gave the wrong day; corrected.\n\n"
            " Comments?\n source: <20310202.1@example.org>\n")
    topic = _read(text).sections[0].items[0]
    assert topic.text == "gh/date-specials (2031-02-02) 3 commits"
    assert len(topic.children) == 3
    assert topic.status == "waiting_review"


@pytest.mark.parametrize("text, items, closing", [
    # prose between two items is kept between them, not glued to the owner above
    ("Items:\n\n* One item\n  - Jonas\n* Two item\n  - Priya\n\nBackground: we agreed to "
     "keep this list short.\n\n* Three item\n  - Elena\n\nThanks,\nMira\n",
     ["One item", "Two item", "Three item"],
     ("", "Thanks,", "Mira")),
    # prose left of the bullets ends the list, even with a bullet after it
    ("tools, blockers:\n\n * xl migrate regression (Ian)\n\nThat's all for now.\n"
     " * Reminder: the tree is frozen.\n\nIan\n",
     ["xl migrate regression"],
     ("", "That's all for now.", " * Reminder: the tree is frozen.", "", "Ian")),
])
def test_prose_among_items_is_kept_where_it_was_and_ends_the_list_only_left_of_them(
        text: str, items: list, closing: tuple) -> None:
    post = _read(text)
    assert [i.text for i in post.sections[-1].items] == items
    words = [w for i in post.sections[-1].items for w in (*i.owners, *(c.text for c in i.children))]
    assert not [w for w in words if "Background" in w or "all for now" in w]
    assert post.closing == closing


def test_prose_after_the_last_item_is_still_the_posts_closing() -> None:
    post = _read("Status:\n\n* one item\n\n* two items\n\nThat is all for this week,\n"
                 "see you on Monday.\n\nRM\n")
    assert len(post.sections[0].items) == 2
    assert post.closing[1:3] == ("That is all for this week,", "see you on Monday.")


STABLE_QUEUE = """All,

tagging 4.31.2 is planned for the end of the month; tell me which fixes the
branch still needs. Sitting in my queue already are

3fa9c2e1d0\tx86/vpt: fix a race on timer teardown
b71e0a44c9 "xen/sched: don't leak the idle scratch
page"

Possibly also:

c0ffee1234 "tools/xl: print the right domid" is possibly a candidate, but
it changes output, so perhaps not.

Jan
"""


def test_a_stable_request_lists_its_commits_as_items() -> None:
    """A paragraph of commit lines ("id<TAB>subject", 'id "subject"' wrapped) after a
    sentence of the RM's is a list: one item per commit, headed by that sentence."""
    post = _read(STABLE_QUEUE)
    assert [(s.title, [i.text for i in s.items]) for s in post.sections] == [
        ("Sitting in my queue already are", [
            "3fa9c2e1d0\tx86/vpt: fix a race on timer teardown",
            "b71e0a44c9 \"xen/sched: don't leak the idle scratch page\""]),
        ("Possibly also", [
            "c0ffee1234 \"tools/xl: print the right domid\" is possibly a candidate, but it "
            "changes output, so perhaps not."]),
    ]
    assert post.closing == ("", "Jan")


def test_an_id_in_prose_or_a_number_is_no_commit_list() -> None:
    post = _read("Status:\n\n* the loader fix\n\nSee 3fa9c2e1d0 for the details.\n\n"
                 "20310115 was the build that broke.\n\nRM\n")
    assert [i.text for i in post.sections[0].items] == ["the loader fix"]


SHORTLOG = """Hi everyone,

Tagging 4.31.2 next week; this is what goes in so far. Tell me what is missing.

Thanks!

----------------------------------------------------------------
Jonas Berg (2):
      x86/vpt: fix a race on timer teardown
      xen/sched: don't leak the idle scratch page

Priya Natarajan (1):
      tools/xl: print the right domid

 3 files changed, 12 insertions(+), 4 deletions(-)
"""

NUMBERED = """Tagging 4.31.2 next week; this is what goes in so far.

Thanks!

/rm

--------------------------------------
01 3fa9c2e1d0ab Jonas Berg:
   x86/vpt: fix a race on timer teardown
02* b71e0a44c9cd Priya Natarajan:
   tools/xl: print the right domid

(*: carried over from the last round)
"""


def test_a_stable_round_up_lists_its_patches_as_git_writes_them() -> None:
    """`git shortlog` (an author over its subjects) and a numbered "NN id Author:" list
    over the subjects: one item per patch, the rest kept as written."""
    shortlog = _read(SHORTLOG)
    assert [(s.title, [i.text for i in s.items]) for s in shortlog.sections] == [
        ("Jonas Berg (2)", ["x86/vpt: fix a race on timer teardown",
                            "xen/sched: don't leak the idle scratch page"]),
        ("Priya Natarajan (1)", ["tools/xl: print the right domid"])]
    assert shortlog.closing == ("", " 3 files changed, 12 insertions(+), 4 deletions(-)")
    numbered = _read(NUMBERED)
    assert [i.text for s in numbered.sections for i in s.items] == [
        "01 3fa9c2e1d0ab Jonas Berg: x86/vpt: fix a race on timer teardown",
        "02* b71e0a44c9cd Priya Natarajan: tools/xl: print the right domid"]


def test_the_regressions_trackers_poke_is_a_ping() -> None:
    from bot.post.status import status_from_text

    assert str(status_from_text("Reported by Ann Other 20 days ago (4 activities so far; "
                                "poked 3 days ago).")) == "pinged"
    assert status_from_text("Tomasz poked at the driver for a while.") is None
