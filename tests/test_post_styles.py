"""Every fixture post of every style: lossless round trip, and the facts a
careful reader sees in it (written by hand beside each post in
`fixtures/posts/*.expect.toml`), item by item."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from bot.post import parse_post, render_post

POSTS = Path(__file__).parent.parent / "fixtures" / "posts"
TEXT_POSTS = sorted(POSTS.glob("*.txt"))
EXPECTED = sorted(p for p in POSTS.glob("*.expect.toml") if "same_as" not in p.read_text())


def _text(path: Path) -> str:
    return path.read_bytes().decode("utf-8")


@pytest.mark.parametrize("path", TEXT_POSTS, ids=lambda p: p.name)
def test_round_trip_is_byte_exact(path: Path) -> None:
    raw = path.read_bytes()
    post = parse_post(raw.decode("utf-8"), year=2012)
    assert render_post(post).encode("utf-8") == raw


def _strip_list_tag(subject: str) -> str:
    return re.sub(r"^(\[[^\]]+\]\s*)+", "", subject)


@pytest.mark.parametrize("expect_path", EXPECTED, ids=lambda p: p.name)
def test_post_reads_as_a_person_reads_it(expect_path: Path) -> None:
    expected = tomllib.loads(expect_path.read_text())
    post = parse_post(
        _text(expect_path.with_name(expect_path.name.replace(".expect.toml", ".txt")))
    )
    assert [s.title for s in post.sections] == expected["sections"]
    if "subject" in expected:
        assert _strip_list_tag(post.subject) == _strip_list_tag(expected["subject"])
    marked = [m for m in post.timeline if m.marker]
    if "marker" in expected:
        assert len(marked) == 1
        assert expected["marker"] in (marked[0].when, marked[0].label)
    else:
        assert marked == []
    items = list(post.walk())
    wanted = expected.get("item", [])  # a call for patches in prose lists none
    assert len(items) == len(wanted), [i.text[:30] for _, _, i in items]
    for (section, depth, item), want in zip(items, wanted, strict=True):
        where = f"{section.title}: {want['starts']!r}"
        assert section.title == want["section"], where
        assert item.text.startswith(want["starts"]), f"{where} != {item.text[:60]!r}"
        if "title" in want:  # the whole title, where how it ends is the point
            assert item.text == want["title"], where
        assert depth == want.get("depth", 0), where
        assert item.tag == want.get("tag", ""), where
        assert list(item.owners) == want.get("owners", []), where
        assert str(item.status) == want["status"], f"{where}: notes {item.notes}"
        assert item.placeholder == want.get("placeholder", False), where
        if "links" in want:
            assert list(item.links) == want["links"], where


@pytest.mark.parametrize("text", [
    "To reproduce the boot crash:\n Step 1 build the hypervisor\n Step 2 boot the guest\n\n"
    "== Open ==\n\n * Frob\n * Bar\n\n== Done ==\n\n * Baz\n",
    "Build failures:\n arm64   3 configs broken\n x86   2 configs broken\n\n== Open ==\n\n"
    " * Frob\n * Bar\n",
    "Milestones:\n rc1  12 May\n rc2  19 May\n\n== Open ==\n\n * Frob\n",
])
def test_rows_that_are_no_test_labs_leave_the_post_its_list(text: str) -> None:
    post = parse_post(text)
    assert "Frob" in [i.text for _, _, i in post.walk()]
    assert render_post(post) == text


def test_a_test_labs_blocked_and_broken_rows_and_its_long_headings_are_items() -> None:
    text = ("run 1 frob [lab]\n\nJobs that failed and hold back the push,\n"
            "counting the ones we could not run at all:\n"
            " test-amd64-amd64-frob-pvh    1 host-prep(1)             blocked  n/a\n"
            " build-armhf                   <job status>                 broken\n"
            " test-amd64-amd64-frob         14 guest-boot            fail REGR. vs. 10\n\n"
            "Jobs that failed now and then this week (holding nothing back):\n"
            " test-armhf-armhf-frob-credit1  8 frob-boot    fail pass in 20\n\n"
            "Hi all,\ntree under test:\n frob  abc\n")
    post = parse_post(text)
    assert [(s.title, len(s.items)) for s in post.sections] == [
        ("Jobs that failed and hold back the push, counting the ones we could not run at all",
         3), ("Jobs that failed now and then this week (holding nothing back)", 1)]
    assert render_post(post) == text


def test_a_lead_in_wrapped_onto_a_last_line_of_one_word_heads_its_list() -> None:
    """ "... I'd propose dropping all of\nthese:" over bullets is a section; "... could tell
    me\nabout:" over what to report is the RM's call, no list of items."""
    text = ("Nobody has touched these boards in years. Unless someone objects, I'd propose\n"
            "dropping all of\nthese:\n\n* frobboard -- added in 2012\n* quuxbox -- added in 2013\n"
            "\nThanks,\nArne\n")
    post = parse_post(text)
    assert [i.text.split()[0] for _, _, i in post.walk()] == ["frobboard", "quuxbox"]
    assert render_post(post) == text
    call = ("Before the freeze I would be glad if everybody could tell me\nabout:\n\n"
            " * bugs you hit on the unstable tree;\n\n"
            " * work you fear will slip.\n\nThanks,\nArne\n")
    assert [i for _, _, i in parse_post(call).walk()] == []


@pytest.mark.parametrize("text, titles", [
    ("Open:\n\n * Frob\n * Quux\n\nName   Away\n----   ----\nArne   12-19 May\n", ["Open"]),
    ("Milestone    Date\n---------    ----\nrc1   12 May\nrc2   19 May\n\n== Open ==\n\n * Frob\n",
     ["Open"]),
    ("Branch\t\tLast commit\n----\t\t-----------\nfoo\t\t2029-01-01\nbar\t\t2029-02-01\nThanks,\n"
     "Arne\n", ["Branch / Last commit"]),
])
def test_a_table_heads_a_list_only_where_it_is_one(text: str, titles: list[str]) -> None:
    post = parse_post(text)
    assert [s.title for s in post.sections] == titles
    assert "Thanks," not in [i.text for _, _, i in post.walk()]
    assert render_post(post) == text
