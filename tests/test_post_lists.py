"""A post with any list is read, whatever introduces the list; a post with no
list is a post with zero items and a warning (issue 10, point 1)."""

from __future__ import annotations

import pytest

from bot.post import parse_post, render_post
from bot.post.parse import NO_LIST, PostParseError

PROSE_THEN_NUMBERS = """\
Hello all,

The hard freeze is two weeks away and these series are still waiting
to get into 4.31 before then:

1. Teach the balloon driver about huge pages [1]
2. Rework the event channel FIFO locking [2]
3. Anything else I forgot?

Please tell me where each of them stands.

[1] https://lists.example.org/devel/balloon-v3/
[2] https://lists.example.org/devel/evtchn-v5/

Thanks,
  Mira
"""

COMPLETED_WITH_SUB_HEADINGS = """\
Hi,

*** x86 ***:
  * Faster shadow paging resync [
https://lists.example.org/devel/shadow-v2/
]:
    - new version [v2] was sent

Completed:
  Arm:
  * Stage-2 page table walker [
https://lists.example.org/devel/s2walk-v4/
]
  x86:
  * Boot time microcode cleanup

Best regards,
 Mira
"""

INDENTED_BLOCKS = """\
Open work
=========

A few series are still open; I list the ones I know of below, please
tell me about any I missed.

  Split the grant table code per architecture
  https://lists.example.org/devel/gnttab-split/
  Jonas Berg <jonas@example.org>

  Make the console ring size configurable
  https://lists.example.org/devel/console-ring/
  Priya Natarajan

That is all for this week.

Ian.
"""


def _read(text: str):
    post = parse_post(text)
    assert render_post(post) == text
    return post


def test_a_sentence_ending_in_a_colon_introduces_a_numbered_list() -> None:
    post = _read(PROSE_THEN_NUMBERS)
    (section,) = post.sections
    assert section.title.startswith("The hard freeze is two weeks away")
    titles = [i.text for i in section.items if not i.placeholder]
    assert titles[:2] == [
        "Teach the balloon driver about huge pages",  # "[1]" is a footnote mark
        "Rework the event channel FIFO locking",
    ]
    assert post.warnings == ()


def test_indented_sub_headings_of_completed_are_sub_sections_and_their_items_done() -> None:
    post = _read(COMPLETED_WITH_SUB_HEADINGS)
    titles = [(s.title, s.parent) for s in post.sections]
    assert titles == [("x86", ""), ("Completed", ""), ("Arm", "Completed"), ("x86", "Completed")]
    done = [(s.title, i.text, str(i.status)) for s, _, i in post.walk() if s.parent]
    assert done == [
        ("Arm", "Stage-2 page table walker", "done"),
        ("x86", "Boot time microcode cleanup", "done"),
    ]
    assert next(post.walk())[2].links == ("https://lists.example.org/devel/shadow-v2/",)


def test_an_indented_block_of_title_link_and_owner_is_an_item_and_prose_is_not() -> None:
    post = _read(INDENTED_BLOCKS)
    items = [i for _, _, i in post.walk()]
    assert [(i.text, i.owners, i.links) for i in items] == [
        (
            "Split the grant table code per architecture",
            ("Jonas Berg",),
            ("https://lists.example.org/devel/gnttab-split/",),
        ),
        (
            "Make the console ring size configurable",
            ("Priya Natarajan",),
            ("https://lists.example.org/devel/console-ring/",),
        ),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Hi all,\n\nThe tree is open again.  Happy hacking!\n\nIan.\n",
        "Schedule\n========\n\n  Friday 3rd   Code freeze\n  Friday 17th  Release\n",
    ],
)
def test_a_post_without_a_list_is_kept_whole_with_no_items_and_a_warning(text: str) -> None:
    post = _read(text)
    assert post.sections == () or not any(True for _ in post.walk())
    assert post.warnings == (NO_LIST,)


@pytest.mark.parametrize("text", ["", "   \n\n", "\n  --- 42 ---\n"])
def test_only_what_holds_no_text_is_refused(text: str) -> None:
    with pytest.raises(PostParseError):
        parse_post(text)


BRACKETED = """\
Here are the topics cooking in my tree this week.

--------------------------------------------------
[Graduated to 'master']

* ab/faster-index (2031-02-01) 2 commits
  (merged to 'next' on 2031-02-03 at 1234abcd)
 + index: read the extensions lazily
 + index: keep the hash table warm

 Reading a large index is faster.

--------------------------------------------------
[Cooking]

* cd/quiet-fetch (2031-02-05) 1 commit
  (merged to 'next' on 2031-02-07 at 5678ef01)
 + fetch: stay quiet with --porcelain

 Will merge to 'master'.

* ef/new-hook (2031-02-06) 1 commit
 - hook: run a hook before gc

 Needs review.
"""


def test_bracketed_headings_divide_a_topics_list_and_graduated_topics_are_done() -> None:
    post = _read(BRACKETED)
    assert [s.title for s in post.sections] == ["Graduated to 'master'", "Cooking"]
    tops = [(s.title, i.text.split()[0], str(i.status)) for s, d, i in post.walk() if d == 0]
    assert tops == [
        ("Graduated to 'master'", "ab/faster-index", "done"),
        ("Cooking", "cd/quiet-fetch", "in_progress"),  # in 'next', not yet released
        ("Cooking", "ef/new-hook", "waiting_review"),  # its prose, under its commits
    ]


RFC_LIST = """\
Hi all,

Items we track for 4.31:

* [RFC] Generate the hypercall structs from one description (v1)
  - Jonas Berg

* [RFC] Generate the hypercall structs from one description, part 2
  - Jonas Berg
  - committed

* [RFC PATCH v2] xl: a new config syntax
  - Jonas Berg

* x86: trim the MSR list for guests (v3)
  - Tomasz Wisniewski
"""


def test_an_rfc_is_early_work_unless_a_round_of_it_is_on_the_list() -> None:
    post = _read(RFC_LIST)
    states = [(i.text[:14], str(i.status)) for _, d, i in post.walk() if d == 0]
    assert states == [("[RFC] Generate", "patch_posted"), ("[RFC] Generate", "done"),
                      ("[RFC PATCH v2]", "patch_posted"), ("x86: trim the ", "patch_posted")]
    # (a round on the list, "(v1)", "[RFC PATCH v2]", "(v3)", is posted, an RFC's too; an RFC
    # tag alone, "[RFC] X", is early work: tests/test_post.py)
    assert render_post(post) == RFC_LIST


TEST_REPORT = """\
On Sun, Mar 01, 2026 at 03:00:00PM -0800, Release Maintainer wrote:
> The third candidate is tagged.

Results of tonight's runs:

Build results:
\ttotal: 120 pass: 117 fail: 3
Failed builds:
\tarm:multi_v7_defconfig
\tsh:se7724_defconfig
\tloongarch:allmodconfig
Boot test results:
\ttotal: 400 pass: 398 fail: 2
Failed tests:
\tarm:vexpress-a9:multi_v7_defconfig:sd:ext4
\tppc64:pseries:ppc64_defconfig:virtio:btrfs

The arm build needs the clock fix from Wednesday.

Dana

---
Notes on the failures:

arm
---
Building arm:multi_v7_defconfig ... failed
Error log:
drivers/clk/foo.c:12: error: unknown type name 'bar'
\tfoo();
\tbar();
"""


def test_a_test_reports_lists_of_names_are_its_items_and_its_notes_stay_text() -> None:
    """ "Failed builds:" over one build target a line (tab-indented, no bullet), right
    under the totals: each name an item; the report's notes and logs after the lists are
    no items, and the text comes back byte for byte."""
    post = parse_post(TEST_REPORT)
    assert [(s.title, [i.text for i in s.items]) for s in post.sections] == [
        ("Failed builds", ["arm:multi_v7_defconfig", "sh:se7724_defconfig",
                           "loongarch:allmodconfig"]),
        ("Failed tests", ["arm:vexpress-a9:multi_v7_defconfig:sd:ext4",
                          "ppc64:pseries:ppc64_defconfig:virtio:btrfs"])]
    assert render_post(post) == TEST_REPORT


def test_one_failed_build_and_a_group_in_angle_brackets_are_items_too() -> None:
    """ "Failed builds:" over a single name is a list (a heading of failures says so), and
    "<all big endian arm tests>" names a group of tests; the text comes back as it was."""
    text = ("Build results:\n\ttotal: 120 pass: 119 fail: 1\nFailed builds:\n"
            "\tsh:se7724_defconfig\nBoot test results:\n\ttotal: 400 pass: 380 fail: 20\n"
            "Failed tests:\n\t<all big endian arm tests>\n\t<all loongarch tests>\n\n"
            "Same as last week.\n\nDana\n")
    post = parse_post(text)
    assert [(s.title, [i.text for i in s.items]) for s in post.sections] == [
        ("Failed builds", ["sh:se7724_defconfig"]),
        ("Failed tests", ["<all big endian arm tests>", "<all loongarch tests>"])]
    assert render_post(post) == text


def test_one_indented_name_under_a_heading_of_no_failures_is_no_list() -> None:
    text = ("Hi all,\n\nThe series below are still open for 4.31:\n\n * Faster page scrubbing"
            " (v3)\n\nLab host:\n    lab_n0:rack2\n\nThanks,\nMira\n")
    post = parse_post(text)
    assert [i.text for s in post.sections for i in s.items] == ["Faster page scrubbing (v3)"]


@pytest.mark.parametrize("text", [
    # two indented names under an item of a post with another kind of list
    "== Open ==\n\n* Faster page scrubbing (v3)\n  Affected:\n     arm:64k\n     x86_64:4k\n"
    "* Credit2 soft affinity fixes (v2)\n",
    # an aside of names between prose-headed lists
    "Hi all,\n\nThe series below are still open for 4.31:\n\n * Faster page scrubbing (v3)\n\n"
    "Hosts out of the lab:\n    lab_n0:rack2\n    lab_n1:rack2\n\nAnd these I'd like news of for "
    "4.31:\n\n * Shadow paging removal\n\nThanks,\nMira\n",
    # commands, not names
    "== Open ==\n\n* Faster page scrubbing (v3)\n\nTo reproduce:\n    make\n    ./run-tests\n",
])
def test_names_make_a_list_only_where_the_post_has_no_other(text: str) -> None:
    """A post's own kind of list wins: names one a line elsewhere in it are no section."""
    post = parse_post(text)
    titles = [i.text for s in post.sections for i in s.items]
    assert "arm:64k" not in titles and "lab_n0:rack2" not in titles and "make" not in titles
    assert titles[0].startswith("Faster page scrubbing (v3)") and render_post(post) == text


def test_a_placeholder_in_angle_brackets_or_one_name_before_real_lists_is_no_list() -> None:
    """ "<none>" under "Known regressions:" names nothing, and a single build under it does
    not make a test report of a post whose lists of items follow."""
    for known in ("<none>", "arm:foo_defconfig"):
        text = (f"Known regressions:\n    {known}\n\nBlockers:\n\n* Frob crash on boot (Ann)\n"
                "* Scrub leak (Bob)\n\nNice to have:\n\n* Timer cleanup (Cy)\n")
        post = parse_post(text, year=2031)
        assert [i.text for s in post.sections for i in s.items] == [
            "Frob crash on boot", "Scrub leak", "Timer cleanup"]
        assert render_post(post) == text


@pytest.mark.parametrize("insert", [
    "CI failures:\nxen/arch/x86/hvm/emulate.c:1234:5: error: 'x' may be used uninitialized\n",
    "Known failures:\nWarning: osstest has been flaky this week, see the list.\n",
    "Note the build failures on staging:\nxen/arch/x86/mm.c:1234:5: error: 'pg' unused\n",
])
def test_a_build_message_in_a_todo_post_takes_no_items_from_it(insert: str) -> None:
    text = ("hypervisor, blockers:\n\n    * Frob crash on boot (Jan Beulich)\n\n" + insert
            + "\n    * Frob hang on resume (Roger Pau Monne)\n\ntools, blockers:\n\n"
            "    * xl crash (Ian)\n")
    post = parse_post(text, year=2031)
    titles = [i.text for s in post.sections for i in s.items]
    assert {"Frob crash on boot", "Frob hang on resume", "xl crash"} <= set(titles)
    assert render_post(post) == text


def test_a_group_of_tests_in_angle_brackets_is_a_name_a_placeholder_is_not() -> None:
    text = "Failed tests:\n\t<riscv kselftests>\n\t<arm64 boot tests>\n\nDana\n"
    assert [i.text for s in parse_post(text, year=2031).sections for i in s.items] == [
        "<riscv kselftests>", "<arm64 boot tests>"]
