"""What the words above a post's list say of all of it, and a test report whose details sit
under headings of their own (issue 10: every real post read, each item in its state)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.post import Status, parse_post, render_post

POSTS = Path(__file__).parent.parent / "fixtures" / "posts"

ROUND_UP = """\
{lead}

  https://git.example.org/frob/-/commits/stable-3.4

Patches freeze on 2031-03-20; the release follows on 2031-03-22.
Please answer here on any patch that should (or should not) be in it.

Thanks,

/ada

--------------------------------------
01 4a1b2c3d4e5f Priya Natarajan:
   block: frobd: don't wait forever for a stuck flush
02 5b2c3d4e5f60 Jonas Berg:
   net/frob: fix a leak of the receive ring on close
03 6c3d4e5f6071 Tomasz Wisniewski:
   docs: frob: spell the module option right
"""


@pytest.mark.parametrize("lead", [
    "The following patches are queued for frob stable 3.4.13:",
    "The changes staging for inclusion in frob 3.4.13 are given below the line.",
    "The following patches are queued for frob stable 3.4.13, let me know if anything is "
    "missing:",
    "The following patches are queued for frob stable 3.4.13, which I plan to tag on Friday:",
    "The following patches are queued for frob stable 3.4.13 (no new regressions):",
    "No stable release last month, so this one is bigger.\n\nThe following patches are "
    "queued for frob stable 3.4.13:",
    "The following patches are queued but not released yet:",
])
def test_a_round_up_of_queued_patches_has_them_in_progress(lead: str) -> None:
    post = parse_post(ROUND_UP.format(lead=lead))
    states = [(item.text, item.status) for _s, _d, item in post.walk()]
    assert len(states) == 3
    assert {status for _t, status in states} == {Status.IN_PROGRESS}


@pytest.mark.parametrize("lead", [
    "The following patches are candidates for frob stable 3.4.13:",
    "The following patches are not queued yet; say which ones should be:",
    "None of the following patches are queued yet:",
    "Which of the following patches are queued already? I lost track:",
    "The following patches are queued for review:",
    "Items below marked DONE are queued for inclusion in the next round-up, if any:",
    "Can someone tell me if the following patches are queued for frob stable 3.4.13:",
    "I wonder which of the following patches are queued for frob stable 3.4.13:",
])
def test_a_list_of_candidates_stays_open(lead: str) -> None:
    post = parse_post(ROUND_UP.format(lead=lead))
    assert {item.status for _s, _d, item in post.walk()} == {Status.OPEN}


@pytest.mark.parametrize("old, new", [
    # the details under headings of their own
    ("============\nBuild failure details:\n", "Build errors\n============\n"),
    # the fixing commits listed under the report's words, no details
    ("\triscv:virt:defconfig:nvme:ext4\n", "\triscv:virt:defconfig:nvme:ext4\n\n"
     "All of them are fixed by the following patches.\n\n"
     "4d1e0b9a77c3 frob: led: include the gpio helper's header\n"
     "7a2c9e0d1b44 mips: frob: declare the irq domain before its use\n"),
])
def test_a_test_reports_lists_of_names_come_first(old: str, new: str) -> None:
    text = (POSTS / "test-report-2031.txt").read_text("utf-8")
    assert old in text
    post = parse_post(text.replace(old, new, 1))
    assert [s.title for s in post.sections] == ["Failed builds", "Failed tests"]
    assert [item.text for _s, _d, item in post.walk()] == [
        "arm:omap1_defconfig", "arm:pxa_defconfig", "mips:malta_defconfig",
        "riscv:nommu_virt_defconfig", "sparc32:allmodconfig",
        "arm:sparrow:sparrow_defconfig:initrd", "riscv:virt:defconfig:nvme:ext4"]


@pytest.mark.parametrize("words, status", [
    ("All of them are fixed by the following patches.", Status.IN_PROGRESS),
    ("None of them has a fix yet; the following patches are under review.", Status.OPEN),
])
def test_a_report_that_says_its_failures_are_fixed_below_has_them_in_progress(
        words: str, status: Status) -> None:
    text = (POSTS / "test-report-2031.txt").read_text("utf-8").replace(
        "\triscv:virt:defconfig:nvme:ext4\n", "\triscv:virt:defconfig:nvme:ext4\n\n" + words
        + "\n\n4d1e0b9a77c3 frob: led: include the gpio helper's header\n", 1)
    post = parse_post(text)
    assert {item.status for _s, _d, item in post.walk()} == {status}
    assert render_post(post) == text  # read so, written back as it was


def test_the_lead_right_above_the_list_says_it_too() -> None:
    post = parse_post("Hi,\n\nThe following patches are queued for frob stable 3.4.13:\n\n"
                      + ROUND_UP.format(lead="").split("-" * 38 + "\n", 1)[1])
    assert [item.status for _s, _d, item in post.walk()] == [Status.IN_PROGRESS] * 3


def test_settings_over_names_above_a_todo_list_are_no_list_of_failures() -> None:
    seed = (POSTS / "seed-2012.txt").read_text("utf-8")
    first_blank = seed.index("\n\n") + 2
    text = (seed[:first_blank] + "Test day setup, in your xl.cfg:\n"
            "\tdevice_model_version=qemu-xen\n\tdevice_model_stubdomain_override=1\n\n"
            + seed[first_blank:])
    assert [s.title for s in parse_post(text).sections] == [
        s.title for s in parse_post(seed).sections]


def test_a_lead_right_above_the_list_wrapped_over_two_lines_says_it_too() -> None:
    post = parse_post("Hi,\n\nThe following patches are queued for the frob stable\n"
                      "release 3.4.13:\n\n" + ROUND_UP.format(lead="").split("-" * 38 + "\n", 1)[1])
    assert [item.status for _s, _d, item in post.walk()] == [Status.IN_PROGRESS] * 3
