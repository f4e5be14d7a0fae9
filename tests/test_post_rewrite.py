"""A changed item is re-written the way its post writes items, and never
loses a fact: every fixture item, re-written, reads back the same (issue 10,
point 3)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from bot.post import Item, Post, Status, parse_post, render_post
from bot.post.layout import _STATUS_SAID
from bot.post.status import status_from_text
from bot.release.draft import with_notes, with_status

POSTS = Path(__file__).parent.parent / "fixtures" / "posts"


def _rewrite_all(post: Post) -> Post:
    def touch(item: Item) -> Item:  # origin no longer the facts': its lines are re-written
        return replace(item, origin="changed", children=tuple(touch(c) for c in item.children))

    return replace(
        post,
        sections=tuple(replace(s, items=tuple(touch(i) for i in s.items)) for s in post.sections),
    )


def _facts(post: Post) -> list[tuple]:
    return [(s.title, i.text, i.owners, set(i.links), i.status) for s, _, i in post.walk()]


@pytest.mark.parametrize("path", sorted(POSTS.glob("*.txt")), ids=lambda p: p.name)
def test_every_item_rewritten_in_its_style_reads_back_the_same(path: Path) -> None:
    post = parse_post(path.read_text(encoding="utf-8"))
    again = parse_post(render_post(_rewrite_all(post)))
    assert _facts(again) == _facts(post)


def _changed(name: str, starts: str, status: Status) -> str:
    post = parse_post((POSTS / name).read_text(encoding="utf-8"))

    def change(item: Item) -> Item:
        return with_status(item, status, "4.33") if item.text.startswith(starts) else item

    return render_post(
        replace(
            post,
            sections=tuple(
                replace(s, items=tuple(change(i) for i in s.items)) for s in post.sections
            ),
        )
    )


def test_a_2024_item_keeps_its_bracketed_link_and_gets_a_status_sub_bullet() -> None:
    text = _changed("tracking-2024-completed.txt", "[PATCH v2 0/2] GICv4.1", Status.WAITING_REVIEW)
    assert (
        "  * [PATCH v2 0/2] GICv4.1 vLPI direct injection [\n"
        "https://lists.example.org/devel/vlpi-v2/\n"
        "]:\n"
        "    - waiting for a review\n"
    ) in text


def test_a_2022_item_keeps_its_url_line_and_gets_a_status_line() -> None:
    text = _changed("status-2022.txt", "static shared memory", Status.DEFERRED)
    assert (
        "2. static shared memory on dom0less system\n"
        "https://patchwork.kernel.org/project/xen-devel/list/?series=676125\n"
        "Status: "
    ) in text
    assert "Not for 4.33." in text.split("2. static shared memory")[1].split("\n\n")[0]


def test_a_2020_item_keeps_its_owner_and_prognosis_lines() -> None:
    text = _changed("devupdate-2020.txt", "Core scheduling", Status.PATCH_POSTED)
    # the prognosis word stays; "v5 expected next week" was the status, and the new one
    # takes its place once v5 is out
    assert "*  Core scheduling (v4)\n  -  Jonas Berg\n  -  ok, Patch posted\n" in text
    assert "v5 expected" not in text


def test_a_test_reports_build_keeps_its_status_when_re_written() -> None:
    """One name a line: the status goes on the build's line, in parentheses, so that the
    list stays a list of names (a line under it would read back as one more build)."""
    text = _changed("test-report-2031.txt", "arm:pxa_defconfig", Status.IN_PROGRESS)
    again = parse_post(text)
    builds = [i for s, _, i in again.walk() if s.title == "Failed builds"]
    assert [i.text for i in builds][:3] == ["arm:omap1_defconfig", "arm:pxa_defconfig",
                                            "mips:malta_defconfig"]
    assert builds[1].status is Status.IN_PROGRESS
    assert "\tarm:pxa_defconfig (" in text


def test_a_test_reports_tab_indented_build_re_written_keeps_its_tab() -> None:
    post = parse_post((POSTS / "test-report-2031.txt").read_text(encoding="utf-8"))
    assert "\tarm:pxa_defconfig\n" in render_post(_rewrite_all(post))


def test_each_status_word_of_a_names_list_reads_back_as_its_status() -> None:
    for status, words in _STATUS_SAID.items():
        assert status_from_text(words) is (None if status is Status.OPEN else status), words


def test_a_bug_bots_row_is_rewritten_in_its_columns_with_its_link_and_reads_back() -> None:
    """A report row whose bug got news keeps its number, counts and link as the report
    wrote them; the news goes under the link, and reads back as that row's, not its title."""
    text = (POSTS / "bug-bot-report-2031.txt").read_text(encoding="utf-8")
    post = parse_post(text, year=2031)
    section = post.sections[0]
    items = list(section.items)
    items[2] = with_status(items[2], Status.IN_PROGRESS, "")
    drafted = render_post(replace(post, sections=(replace(section, items=tuple(items)),)))
    assert ("<3> 41      Yes   WARNING in frob_journal_commit\n"
            "                  https://bugbot.example.org/bug?extid=e95a7710bc3f28d6e4a1\n"
            "                  in progress\n") in drafted
    again = parse_post(drafted, year=2031).sections[0].items[2]
    assert (again.text, again.status, again.links) == (
        "WARNING in frob_journal_commit", Status.IN_PROGRESS,
        ("https://bugbot.example.org/bug?extid=e95a7710bc3f28d6e4a1",))


def test_a_bug_bots_row_keeps_its_owner_its_notes_apart_and_a_raised_row_is_new() -> None:
    """A row without its link keeps its news out of its title; an owner is written and read
    back; two notes stay two; a row the thread raised is "<new>", no number of the bot's."""
    text = (POSTS / "bug-bot-report-2031.txt").read_text(encoding="utf-8")
    post = parse_post(text, year=2031)
    section = post.sections[0]
    items = list(section.items)
    items[0] = with_status(replace(items[0], links=()), Status.DONE, "6.19")
    items[1] = replace(with_status(items[1], Status.IN_PROGRESS, ""), owners=("Ines Carvalho",))
    items[2] = replace(items[2], notes=("fix posted at https://lore.example.org/x/1/",
                                        "Note: by Ann"), owners=("Ann Other",))
    items.append(Item(text="KASAN: use-after-free in frob_new_thing", status=Status.PATCH_POSTED,
                      notes=("Patch posted",), layout=items[3].layout.shared()))
    drafted = render_post(replace(post, sections=(replace(section, items=tuple(items)),)))
    assert "<new> KASAN: use-after-free in frob_new_thing\n" in drafted
    again = parse_post(drafted, year=2031).sections[0].items
    assert [(i.text, i.status, i.owners, i.notes) for i in again] == [
        ("INFO: task hung in frob_wait_for_writeback", Status.DONE, (), ("DONE for 6.19",)),
        ("KASAN: slab-use-after-free Read in frob_evict_inode (2)", Status.IN_PROGRESS,
         ("Ines Carvalho",), ("in progress",)),
        ("WARNING in frob_journal_commit", Status.PATCH_POSTED, ("Ann Other",),
         ("fix posted at https://lore.example.org/x/1/", "Note: by Ann")),
        ("general protection fault in frob_readdir", Status.OPEN, (), ()),
        ("KASAN: use-after-free in frob_new_thing", Status.PATCH_POSTED, (), ("Patch posted",))]


def test_a_build_robots_message_with_news_reads_back_as_that_message() -> None:
    """A message one a line, written back with its state in parentheses after it, reads
    back as the same message in that state; the robot's own "(see line 1199)" stays its
    words."""
    text = (POSTS / "build-robot-2031.txt").read_text(encoding="utf-8")
    post = parse_post(text, year=2031)
    first, second = post.sections
    items = list(second.items)
    items[0] = with_status(items[0], Status.IN_PROGRESS, "")
    drafted = render_post(replace(post, sections=(first, replace(second, items=tuple(items)))))
    assert ("fs/frobfs/inode.c:1207 frobfs_evict() warn: 'fi' looked at only after its use "
            "(see line 1199) (in progress)\n") in drafted
    again = parse_post(drafted, year=2031).sections[1].items[0]
    assert (again.text, again.status) == (items[0].text, Status.IN_PROGRESS)
    assert items[0].text.endswith("(see line 1199)")


def test_a_note_on_an_open_build_message_reads_back_as_a_note_not_its_title() -> None:
    """The draft writes "(open, <note>)" after an open message, so that its own trailing
    parenthesis ("(see line 1199)") and the draft's are told apart on the way back."""
    text = (POSTS / "build-robot-2031.txt").read_text(encoding="utf-8")
    post = parse_post(text, year=2031)
    first, second = post.sections
    items = list(second.items)
    items[0] = with_notes(items[0], ["bisected to 4d1e0b9a77c2"], second.title)
    drafted = render_post(replace(post, sections=(first, replace(second, items=tuple(items)))))
    assert "(see line 1199) (open, bisected to 4d1e0b9a77c2)\n" in drafted
    again = parse_post(drafted, year=2031)
    assert (again.sections[1].items[0].text, again.sections[1].items[0].notes,
            again.sections[1].items[0].status) == (items[0].text, ("bisected to 4d1e0b9a77c2",),
                                                   Status.OPEN)
    assert render_post(again) == drafted


def test_a_described_failure_with_news_keeps_its_words_and_log_and_reads_back() -> None:
    """A test report's "#2: queue/014,019 (tcp transport)" with news: its lines as the
    report wrote them (the pasted log too), the news at the column of the report's words,
    a "Status:" line; it reads back as the same failure in the new state, with its owner
    (the log's "Test complete" says nothing of it)."""
    text = (POSTS / "failures-2031.txt").read_text(encoding="utf-8")
    post = parse_post(text, year=2031)
    index, described = post.sections
    items = list(described.items)
    items[1] = replace(with_status(with_notes(items[1], ["Vera is bisecting it"],
                                              described.title), Status.IN_PROGRESS, ""),
                       owners=("Vera Lind",))
    drafted = render_post(replace(post, sections=(index, replace(described,
                                                                 items=tuple(items)))))
    assert ("      -Test complete\n      +reconnect timed out\n\n   Nobody has looked at it yet.\n"
            "   Owner: Vera Lind\n   Vera is bisecting it\n   Status: in progress\n") in drafted
    assert drafted.count("#2: queue/014,019 (tcp transport)") == 2  # the index line stays
    again = parse_post(drafted, year=2031)
    assert [(i.text, i.status) for i in again.sections[1].items] == [
        (i.text, i.status) for i in items]
    assert again.sections[1].items[1].owners == ("Vera Lind",)
    assert render_post(again) == drafted  # and the draft itself is a post that round-trips


def test_only_a_list_of_one_liners_all_described_below_is_an_index() -> None:
    """Two sections that both describe the same numbered failures keep their items; an
    index is a list of "#N: title" lines, one a line."""
    text = ("Failures by transport\n\ntcp transport:\n#1: nvme/041\n   Hangs at reconnect.\n"
            "#2: nvme/042\n   Times out.\n\nrdma transport:\n#1: nvme/041\n   Hangs too.\n"
            "#2: nvme/042\n   Passes with siw.\n")
    post = parse_post(text, year=2031)
    assert [len(s.items) for s in post.sections] == [2, 2]
    assert render_post(post) == text


def test_a_described_failure_loses_an_owner_taken_off_and_keeps_its_logs_status_line() -> None:
    text = (POSTS / "failures-2031.txt").read_text(encoding="utf-8")
    text = text.replace("      +reconnect timed out\n",
                        "      +reconnect timed out\n        Status: 5 (I/O error)\n")
    post = parse_post(text, year=2031)
    index, described = post.sections
    items = list(described.items)
    items[1] = replace(with_status(items[1], Status.IN_PROGRESS, ""), owners=("Vera Lind",))
    once = parse_post(render_post(replace(post, sections=(index, replace(
        described, items=tuple(items))))), year=2031)
    again = once.sections[1].items[1]
    assert again.owners == ("Vera Lind",) and again.status is Status.IN_PROGRESS
    taken_off = replace(with_status(again, Status.PATCH_POSTED, ""), owners=())
    twice = render_post(replace(once, sections=(once.sections[0], replace(
        once.sections[1], items=(*once.sections[1].items[:1], taken_off,
                                 *once.sections[1].items[2:])))))
    assert "Owner: Vera Lind" not in twice and "        Status: 5 (I/O error)\n" in twice
    assert twice.count("\n   Status: ") == 1  # the draft's own line, said once
    final = parse_post(twice, year=2031).sections[1].items[1]
    assert (final.owners, final.status) == ((), Status.PATCH_POSTED)


@pytest.mark.parametrize("words, status", [
    ("Reproduced. Ines Carvalho is working on it.", Status.IN_PROGRESS),
    ("Update: fixed in 7.5-rc2 by the cache patch.", Status.DONE),
    ("2 of 10 runs hang; a fix was posted yesterday.", Status.PATCH_POSTED),
])
def test_a_failures_words_of_any_shape_say_its_state(words: str, status: Status) -> None:
    text = f"Failure description\n===================\n\n#1: frob/007\n   {words}\n"
    item = parse_post(text, year=2031).sections[0].items[0]
    assert item.status is status


def test_a_failure_whose_log_comes_first_reads_back_the_state_written_under_it() -> None:
    text = ("Failure description\n===================\n\n#1: queue/014 (tcp)\n"
            "      runtime  3.114s  ...  41.502s\n      +reconnect timed out\n"
            "   Nobody has looked at it yet.\n   Status: fix posted by Ines, waiting on Jens\n")
    post = parse_post(text, year=2031)
    item = with_status(post.sections[0].items[0], Status.IN_PROGRESS, "")
    drafted = render_post(replace(post, sections=(replace(post.sections[0], items=(item,)),)))
    assert "   Status: fix posted by Ines, waiting on Jens\n" in drafted  # the reporter's
    assert drafted.endswith("   Status: in progress\n")  # and the draft's, at the words' column
    assert parse_post(drafted, year=2031).sections[0].items[0].status is Status.IN_PROGRESS


def test_a_numbered_remark_inside_an_items_lines_is_its_words() -> None:
    text = ("tools, blockers:\n\n    * xl compatibility with xm (Ian Jackson)\n"
            "      #1: acked, #2: needs a respin.\n      Needs release noting.\n")
    items = list(parse_post(text, year=2012).walk())
    assert len(items) == 1 and render_post(parse_post(text, year=2012)) == text


def test_a_table_row_keeps_its_columns_and_details_and_says_its_state_after_them() -> None:
    """A stale branch dropped: its row as the table writes it, the state in parentheses
    after it, its address and commits still indented below; it reads back dropped."""
    text = _changed("stale-branches-2031.txt", "ledtrig", Status.DROPPED)
    assert (
        "ledtrig\t\t\t2029-12-30 08:44:51 +0000 (dropped)\n"
        "  https://git.example.com/ledtrig.git#next\n"
        '  3c1d9e0a7b42 ("ledtrig: keep the pattern on resume")\n'
    ) in text
    again = {i.text.split()[0]: i for _, _, i in parse_post(text).walk()}
    assert again["ledtrig"].status is Status.DROPPED
    assert again["ledtrig"].links == ("https://git.example.com/ledtrig.git#next",)
    assert again["frob-acpi"].status is Status.OPEN


@pytest.mark.parametrize("status", list(Status))
def test_a_table_row_reads_back_every_state_with_its_owner_and_notes(status: Status) -> None:
    post = parse_post((POSTS / "stale-branches-2031.txt").read_text(encoding="utf-8"))

    def change(item: Item) -> Item:
        if not item.text.startswith("ledtrig"):
            return item
        return replace(item, owners=("Jonas Berg",), notes=("waits on v2 (see thread)",),
                       status=status, origin="changed")

    text = render_post(replace(post, sections=tuple(
        replace(s, items=tuple(change(i) for i in s.items)) for s in post.sections)))
    again = {i.text.split()[0]: i for _, _, i in parse_post(text).walk()}["ledtrig"]
    assert (again.text, again.status, again.owners) == (
        "ledtrig\t\t\t2029-12-30 08:44:51 +0000", status, ("Jonas Berg",))
    assert again.notes == ("waits on v2 [see thread]",)
