"""What an independent reader of the fixture posts found the parser got wrong:
a prose heading's title, a closing question, a closing heading, the
regressions report's `[ *NEW* ]` flag, and an RM's repost quoted under '> '.
Each post here is our own writing in the style real posts show."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.post import item_lines, parse_post, render_post
from bot.post.flags import cleared
from bot.post.parse import NO_LIST, last_sentence

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
