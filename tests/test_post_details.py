"""A test report's detail part: the failures it describes that its lists do not name are
items too, each with the lines that describe it; everything else stays as written
(fixtures/posts/test-report-details-2031.txt)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from bot.post import Change, ChangeKind, Evidence, Item, Post, Status, parse_post, render_post
from bot.release import build_draft, item_paths
from bot.release.draft import HouseRules, with_notes, with_status
from bot.release.store import LoggedChange

POSTS = Path(__file__).parent.parent / "fixtures" / "posts"
TEXT = (POSTS / "test-report-details-2031.txt").read_text(encoding="utf-8")
WORDS = Evidence("<r1@example.org>", "Ada Moreno", "ada@example.org", None, "", "it is in")


def _failures(post: Post) -> list[tuple[str, str]]:
    return [(s.title, i.text) for s, _, i in post.walk() if i.layout.style == "failure"]


def test_the_failures_the_lists_do_not_name_are_items_of_the_heading_above_them() -> None:
    post = parse_post(TEXT)
    assert _failures(post) == [
        ("Build errors", "mips:ci20_defconfig"),  # a build the count let pass
        ("Runtime crashes", "sh:r2d:rts7751r2d_defconfig:ata:ext2"),
        ("Runtime crashes", "xtensa:lx60:generic_kc705_defconfig:initrd"),
        ("Warning backtraces", "WARNING: possible recursive locking detected"),
        ("Warning backtraces", "frob_clk: clock sparrow-uart has no parent"),  # over the cut
        ("Unit test failures", "frob_hash (all architectures)"),
        ("Unit test failures", "frob_bitmap (big endian only)"),
        ("Unit test failures", "frob_sched_kunit (new)"),
    ]
    texts = [i.text for _, _, i in post.walk()]
    assert texts.count("loongarch:allmodconfig") == 1  # listed, and described: one item
    assert not {"arm", "riscv", "7.4.0-rc1 #1 Not tainted"} & set(texts)  # groups, a splat's
    assert not any(t.startswith("WARNING: CPU") for t in texts)  # own line under the cut
    assert render_post(post) == TEXT


def test_each_failure_keeps_the_lines_that_describe_it() -> None:
    post = parse_post(TEXT)
    item = {i.text: i for _, _, i in post.walk()}
    assert item["mips:ci20_defconfig"].source[0] == "Building mips:ci20_defconfig ... failed"
    assert item["mips:ci20_defconfig"].source[-1] == "build is retried once."
    lockdep = item["WARNING: possible recursive locking detected"].source
    assert lockdep[-1].startswith("Caused by commit 6c1e2a0f99b1")  # up to the next failure
    assert item["frob_sched_kunit (new)"].source[-1].startswith("See https://")
    assert post.closing == ("", "Tomasz")


@pytest.mark.parametrize("change", [
    lambda item: with_status(item, Status.PATCH_POSTED, "7.4"),
    lambda item: with_status(item, Status.DONE, "7.4"),
    lambda item: with_notes(item, ["bisected to 4d1e0b9"], "Warning backtraces"),
], ids=["patch posted", "done", "a note"])
def test_a_changed_failure_reads_back_the_same_and_keeps_its_log(change) -> None:
    post = parse_post(TEXT)

    def edit(item: Item) -> Item:
        return change(item) if item.layout.style == "failure" else item

    changed = replace(post, sections=tuple(
        replace(s, items=tuple(edit(i) for i in s.items)) for s in post.sections))
    text = render_post(changed)
    assert "Building mips:ci20_defconfig ... failed (" in text
    again = parse_post(text)
    assert [(i.text, i.status, i.notes) for _, _, i in again.walk()] == [
        (i.text, i.status, i.notes) for _, _, i in changed.walk()]
    kept = set(text.splitlines())
    assert all(line in kept for line in TEXT.splitlines() if not any(
        line.startswith(i.source[0]) for _, _, i in post.walk()))  # every other line stays


def _draft(post: Post, *changes: tuple[ChangeKind, str, str | None, str]) -> str:
    ids = {path: n + 1 for n, path in enumerate(item_paths(post))}
    by_title = {i.text: ids[path] for path, i in item_paths(post).items()}
    logged = [LoggedChange(n, by_title.get(starts) if starts else None, 1, "mail:x", n,
                           "applied", "2031-04-14", Change(kind, value, (), "", 0.9, WORDS,
                                                          section=section))
              for n, (kind, value, starts, section) in enumerate(changes, 1)]
    return render_post(build_draft(post, ids, logged, release="7.4", day=date(2031, 4, 20),
                                   house=HouseRules(dropped="remove")).post)


def test_a_new_failure_under_a_heading_reads_back_and_copies_none_of_the_report() -> None:
    post = parse_post(TEXT)
    text = _draft(post, (ChangeKind.NEW, "frob_timer_kunit", None, "Unit test failures"))
    assert text.count("Caused by commit 6c1e2a0f99b1") == 1
    assert text.count("Fails at random on arm and ppc") == 1
    assert ("Unit test failures", "frob_timer_kunit") in _failures(parse_post(text))


def test_a_dropped_failure_leaves_with_its_log_and_the_headings_stay() -> None:
    post = parse_post(TEXT)
    text = _draft(post, (ChangeKind.STATUS, "dropped", "frob_clk: clock sparrow-uart has no "
                         "parent", ""))
    assert "frob_clk_enable" not in text and "sparrow-uart" not in text
    for kept in ("riscv\n-----\n", "Unit test failures\n==================\n",
                 "Caused by commit 6c1e2a0f99b1", "'stride'"):
        assert kept in text
    assert render_post(parse_post(text)) == text


@pytest.mark.parametrize("detail", [
    "WARNING: modpost: missing MODULE_DESCRIPTION() in drivers/frob/frob-x.o\n",  # a build's
    "CONFIG_FROB_DEBUG=y\nCONFIG_FROB_TRACE=y\n",  # a config, no list of tests
    "The board boots (mostly) fine now.\n",  # prose with a parenthesis
    "drivers/frob/frob-pwm.c:77:3: error: 'frob_pwm_ops' has no member named 'apply'\n",
])
def test_what_names_no_failure_stays_text(detail: str) -> None:
    text = ("Build results:\n\ttotal: 98 pass: 97 fail: 1\nFailed builds:\n"
            "\tsh:se7724_defconfig\n\nDetails:\n\n" + detail + "\nTomasz\n")
    post = parse_post(text)
    assert [i.text for _, _, i in post.walk()] == ["sh:se7724_defconfig"]
    assert render_post(post) == text


def test_a_post_of_another_kind_reads_no_failures_from_its_closing() -> None:
    """Only a test report's lists have a detail part: a TODO list's closing with a splat
    pasted in it stays its closing."""
    text = ("== Open ==\n\n* Faster page scrubbing (v3)\n\nSeen once on the lab box:\n\n"
            "WARNING: possible recursive locking detected\n\nThanks,\nMira\n")
    post = parse_post(text)
    assert [i.text for _, _, i in post.walk()] == ["Faster page scrubbing (v3)"]
    assert render_post(post) == text


HEAD = ("Build results:\n\ttotal: 10 pass: 9 fail: 1\nFailed builds:\n\tarm:foo_defconfig\n"
        "Qemu test results:\n\ttotal: 5 pass: 4 fail: 1\nFailed tests:\n\tx86:q35:defconfig\n\n")


def test_failures_under_no_heading_of_the_reporters_are_apart_from_the_lists() -> None:
    """The part's first line heads them ("Details:"): a new test of the list, or one of
    the list dropped, leaves the details as they were written."""
    text = HEAD + "Details:\n\nBuilding y:z ... failed\nerror: foo\n\nGuenter\n"
    post = parse_post(text)
    assert _failures(post) == [("Details", "y:z")]
    assert render_post(post) == text
    added = _draft(post, (ChangeKind.NEW, "x86:pc:defconfig:nvme", None, "Failed tests"))
    assert added.count("Details:") == 1
    assert ("Failed tests", "x86:pc:defconfig:nvme") in [
        (s.title, i.text) for s, _, i in parse_post(added).walk()]
    dropped = _draft(post, (ChangeKind.STATUS, "dropped", "x86:q35:defconfig", ""))
    assert "Details:\n\nBuilding y:z ... failed\nerror: foo\n" in dropped


def test_a_failure_is_not_moved_out_of_the_report_s_details() -> None:
    post = parse_post(TEXT)
    moved = _draft(post, (ChangeKind.MOVE, "Failed builds", "mips:ci20_defconfig", ""))
    assert moved == render_post(post)


def test_a_dropped_failure_takes_no_listed_builds_log_and_leaves_no_placeholder() -> None:
    text = (HEAD + "Build failures\n==============\n\nBuilding mips:ci20_defconfig ... failed\n"
            "--------------\nError log:\nerror: x\n\nBuilding arm:foo_defconfig ... failed\n"
            "--------------\nError log:\nerror: the listed build's own\n\nGuenter\n")
    dropped = _draft(parse_post(text), (ChangeKind.STATUS, "dropped", "mips:ci20_defconfig", ""))
    assert "error: the listed build's own" in dropped and "error: x\n" not in dropped
    assert "None" not in dropped and not _failures(parse_post(dropped))


@pytest.mark.parametrize("detail", [
    "BUG reports should go to the list, not to me.\n",
    "Oops, I forgot to say: the arm box was down.\n",
    "Versions\n\ngcc:13.2\nbinutils:2.41\n",
    "Summary\n-------\n\nAll good otherwise.\n",
    "Tested (on my box)\nAlso ran (twice)\n",
])
def test_a_reports_own_prose_in_its_details_is_no_failure(detail: str) -> None:
    text = HEAD + "Details:\n\n" + detail + "\nGuenter\n"
    post = parse_post(text)
    assert not _failures(post) and render_post(post) == text


def test_a_parenthesis_the_report_writes_is_part_of_the_name() -> None:
    post = parse_post(HEAD + "Unit test failures:\n\nmemcpy (Alpha)\nstrscpy (Sparc)\n")
    assert [(i.text, i.owners) for _, _, i in post.walk() if i.layout.style == "failure"] == [
        ("memcpy (Alpha)", ()), ("strscpy (Sparc)", ())]


def test_one_unit_test_left_under_its_lead_in_is_still_one() -> None:
    """Once its sibling is gone, "frob_hash (all architectures)" under "Previously
    reported:" reads back as the failure it was."""
    post = parse_post(TEXT)
    dropped = _draft(post, (ChangeKind.STATUS, "dropped", "frob_bitmap (big endian only)", ""))
    assert ("Unit test failures", "frob_hash (all architectures)") in _failures(
        parse_post(dropped))


def test_a_long_line_over_the_cut_reads_back_with_a_note() -> None:
    long = ("frob_clk: clock sparrow-uart has no parent and the fallback rate of the reference "
            "oscillator on this board could not be determined either")
    post = parse_post(TEXT.replace("frob_clk: clock sparrow-uart has no parent", long))
    noted = replace(post, sections=tuple(replace(s, items=tuple(
        with_notes(i, ["bisected to 4d1e0b9 in the frob clk tree"], s.title)
        if i.text == long else i for i in s.items)) for s in post.sections))
    again = {i.text: i for _, _, i in parse_post(render_post(noted)).walk()}
    assert again[long].notes == ("bisected to 4d1e0b9 in the frob clk tree",)


def test_dropping_the_last_failure_under_a_group_title_leaves_no_failure_of_the_title() -> None:
    text = (HEAD + "Warnings\n========\n\nWARNING: one\n stack1\n\nriscv\n-----\n\n"
            "WARNING: two\n stack2\n\nGuenter\n")
    dropped = _draft(parse_post(text), (ChangeKind.STATUS, "dropped", "WARNING: two", ""))
    assert _failures(parse_post(dropped)) == [("Warnings", "WARNING: one")]
    dropped = _draft(parse_post(text), (ChangeKind.STATUS, "dropped", "WARNING: one", ""))
    assert "riscv\n-----\n" in dropped  # the next one's own title stays with it
