"""Answers to a kernel test report and to a regressions tracker's report, in the ways
their developers write them (fixtures/posts/test-report-2031.txt, regressions-report.txt):
which failures an answer is about, the fix on its way through a maintainer's tree, the
people brought in, the tracker's commands, and which commit is the fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.mail import parse_message
from bot.post import parse_post
from bot.reply import analyze_reply

POSTS = Path(__file__).resolve().parent.parent / "fixtures" / "posts"
TEST_REPORT = parse_post((POSTS / "test-report-2031.txt").read_text("utf-8"))
REGRESSIONS = parse_post((POSTS / "regressions-report.txt").read_text("utf-8"))
ROSTER = {"marisol@example.org": "Marisol Vega", "ada@example.org": "Ada Moreno",
          "greta@example.org": "Greta Marchetti"}


def _changes(body: str, post, sender: str = "Marisol Vega <marisol@example.org>",
             rms: frozenset[str] = frozenset()) -> list[tuple[str, str, str]]:
    raw = (f"From: {sender}\nTo: frob-devel@lists.example.org\nSubject: Re: report\n"
           "Message-ID: <t@example.org>\nDate: Mon, 10 Mar 2031 10:00:00 +0000\n\n" + body)
    analysis = analyze_reply(parse_message(raw.encode()), post, roster=ROSTER, rms=set(rms))
    return [(str(c.kind), c.item_text, c.value) for c in analysis.changes
            if c.confidence >= 0.7]


SHARED_LOG = ("> Building riscv:nommu_virt_defconfig ... failed\n"
              "> Building sparc32:allmodconfig ... failed\n> --------------\n> Error log:\n"
              '> ERROR: modpost: "frob_dma_sync_range" [drivers/frob/frob-dma.ko] undefined!\n\n')


def test_an_answer_under_two_builds_and_the_log_they_share_is_about_both() -> None:
    said = _changes(SHARED_LOG + "The fix is in my tree and goes to Ada with the next fixes "
                    "pull.\n", TEST_REPORT)
    assert [(item, value) for kind, item, value in said if kind == "status"] == [
        ("riscv:nommu_virt_defconfig", "in_progress"), ("sparc32:allmodconfig", "in_progress")]


def test_builds_kept_under_the_lists_heading_are_each_answered() -> None:
    body = ("> Failed builds:\n> \tarm:omap1_defconfig\n> \tarm:pxa_defconfig\n> [...]\n\n"
            "I applied the fix directly this morning, it'll be in -rc4.\n")
    said = _changes(body, TEST_REPORT, "Ada Moreno <ada@example.org>", {"ada@example.org"})
    assert [(item, value) for kind, item, value in said if kind == "status"] == [
        ("arm:omap1_defconfig", "done"), ("arm:pxa_defconfig", "done")]


def test_one_build_of_a_list_quoted_whole_is_answered_alone() -> None:
    body = ("> Failed builds:\n> \tarm:omap1_defconfig\n> \tarm:pxa_defconfig\n"
            "> \tmips:malta_defconfig\n> \triscv:nommu_virt_defconfig\n"
            "> \tsparc32:allmodconfig\n\nThe malta one is fixed in the irq tree.\n")
    assert [item for kind, item, _v in _changes(body, TEST_REPORT) if kind == "status"] in (
        [], ["mips:malta_defconfig"])


def test_the_report_keeper_dropping_a_failure_from_the_report_drops_it() -> None:
    body = ("> Failed tests:\n> \triscv:virt:defconfig:nvme:ext4\n\nThe test itself was "
            "broken, not the kernel. I bumped the timeout and I'm dropping it from the "
            "failures.\n")
    assert ("status", "riscv:virt:defconfig:nvme:ext4", "dropped") in _changes(
        body, TEST_REPORT, "Ada Moreno <ada@example.org>")


USB = ("> usb: hub stops enumerating after resume\n"
       "> ---------------------------------------\n"
       "> https://regressions.example.org/entry/lists.example.org/4690/\n\n")
NVME = ("> [ *NEW* ] nvme: controller resets under heavy discard load\n"
        "> ---------------------------------------------------------\n\n")
SOUND = ("> sound: crackling on the built-in speaker\n"
         "> ----------------------------------------\n"
         "> https://regressions.example.org/entry/lists.example.org/4655/\n\n")


@pytest.mark.parametrize("words, state", [
    # a maintainer's own branch of fixes, and the pull that takes it on: on its way
    ("The v2 is applied to my usb-linus branch now. It goes to Linus with the usb fixes at "
     "the end of this week.", "in_progress"),
    ("Queued in my usb-fixes branch.", "in_progress"),
    ("Linus applied it to mainline this morning.", "done"),
])
def test_a_fix_in_a_maintainers_branch_is_on_its_way(words: str, state: str) -> None:
    said = _changes(USB + words + "\n", REGRESSIONS)
    assert [v for kind, _i, v in said if kind == "status"] == [state]


@pytest.mark.parametrize("words, pinged", [
    ("Adding Bram, who looks after those blobs.", True),
    ("Not sure about the firmware side. Adding Bram, as he maintains the blobs.", True),
    ("Adding Kconfig.", False),
    ("Adding Bram, who reported the same crackle on his laptop.", False),
    ("Bram is adding a quirk for it, I think.", False),
])
def test_someone_brought_in_who_knows_the_code_is_pinged(words: str, pinged: bool) -> None:
    said = _changes(SOUND + words + "\n", REGRESSIONS)
    assert (("status", "sound: crackling on the built-in speaker", "pinged") in said) is pinged


@pytest.mark.parametrize("command, dropped", [
    ("#regbot invalid: a firmware problem, tracked by linux-firmware", True),
    ("#regzbot invalid: user error", True),
    ("#regzbot fix: sound: frob: use the old blob table", False),  # a command, no say
])
def test_a_trackers_invalid_command_drops_the_entry(command: str, dropped: bool) -> None:
    said = _changes(SOUND + "Firmware bug, not ours.\n\n" + command + "\n", REGRESSIONS,
                    "Greta Marchetti <greta@example.org>", {"greta@example.org"})
    assert (("status", "sound: crackling on the built-in speaker", "dropped") in said) \
        is dropped


@pytest.mark.parametrize("words, links", [
    ("Ada bisected it to 1a2b3c4d5e6f two days ago and nobody answered. Ping?", []),
    ("I reverted 1a2b3c4d5e6f directly earlier today (9c8b7a6d5e4f in my tree), so this "
     "one is fixed.", ["9c8b7a6d5e4f"]),
    ("Fixed by 9c8b7a6d5e4f in mainline.", ["9c8b7a6d5e4f"]),
])
def test_the_culprits_commit_is_no_link_of_the_entry(words: str, links: list[str]) -> None:
    said = _changes(NVME + words + "\n", REGRESSIONS, "Ada Moreno <ada@example.org>",
                    {"ada@example.org"})
    assert [v for kind, _i, v in said if kind == "link"] == links


def test_a_patch_posted_in_a_sub_thread_about_a_failure_is_that_failures() -> None:
    """Only the tester's words quoted, the failure known from the thread: "I posted the
    revert instead:" over the patch's subject and address is that failure's patch, not a
    new item."""
    body = ("> With the commit reverted the board boots again.\n\nThanks. The proper fix "
            "needs two more drivers, so I posted the revert this afternoon instead:\n\n"
            '[PATCH] Revert "clk: sparrow: gate unused PLLs late"\n'
            "https://lore.example.org/linux-clk/20310312162844.1-stephan@example.org/\n")
    raw = ("From: Marisol Vega <marisol@example.org>\nTo: frob-devel@lists.example.org\n"
           "Subject: Re: report\nMessage-ID: <s@example.org>\n"
           "Date: Wed, 12 Mar 2031 17:00:00 +0000\n\n" + body)
    sparrow = next((s_no, i_no) for s_no, s in enumerate(TEST_REPORT.sections)
                   for i_no, i in enumerate(s.items) if i.text.startswith("arm:sparrow"))
    analysis = analyze_reply(parse_message(raw.encode()), TEST_REPORT, roster=ROSTER,
                             context=sparrow)
    assert [(str(c.kind), c.item_text[:11]) for c in analysis.changes] == [
        ("status", "arm:sparrow"), ("link", "arm:sparrow")]


def test_an_answer_under_a_robots_messages_quoted_whole_is_about_the_nearest() -> None:
    """A robot's messages are each their own problem: the whole block quoted over "the fix
    is queued" is no answer about each of them (the builds of a test report are)."""
    robot = parse_post((POSTS / "build-robot-2031.txt").read_text("utf-8"))
    body = ("> Error/Warning: (new this week; some may be gone already)\n>\n"
            "> drivers/frob/core.c:412:9: warning: 'len' is assigned but never read "
            "[-Wfrob-unread]\n"
            "> drivers/frob/scrub.c:88:21: error: 'frob_wait' used before any declaration "
            "of it [-Werror=frob-decl]\n\nThe scrub one is mine, the fix is queued in the "
            "frob-fixes tree.\n")
    said = [item for kind, item, _v in _changes(body, robot) if kind == "status"]
    assert len(said) == 1 and said[0].startswith("drivers/frob/scrub.c")


DETAILS = parse_post((POSTS / "test-report-details-2031.txt").read_text("utf-8"))


@pytest.mark.parametrize("quote", [
    "> Same as last week, listed for reference:\n\n",  # under "Runtime crashes": no failure's
    "> Only seen with the new gcc; the list above misses it because the\n"
    "> build is retried once.\n\n",
])
def test_a_quote_of_the_reports_own_words_lands_on_its_failure_or_none(quote: str) -> None:
    said = _changes(quote + "Both fixed in -next.\n", DETAILS)
    assert [item for kind, item, _v in said if kind == "status"] in (
        [], ["mips:ci20_defconfig"] if "gcc" in quote else [])


def test_names_kept_under_a_heading_yield_to_the_one_the_answer_names() -> None:
    body = ("> Failed builds:\n> \tarm:omap1_defconfig\n> \tarm:pxa_defconfig\n"
            "> Qemu test results:\n> \ttotal: 312 pass: 310 fail: 2\n> Failed tests:\n"
            "> \tarm:sparrow:sparrow_defconfig:initrd\n\nThe sparrow hang is fixed by the clk "
            "revert.\n")
    said = [item for kind, item, _v in _changes(body, TEST_REPORT) if kind == "status"]
    assert "arm:omap1_defconfig" not in said


@pytest.mark.parametrize("words, state", [
    ("It's gone with -rc4, I ran the same album for an hour.", "done"),
    ("It might be gone with -rc4, I have not tried long enough.", None),  # a guess
    ("#regbot resolve: gone in v7.2-rc4 according to the reporter", "done"),
    ("That one is expected.", "dropped"),  # the debug option's own warning
    ("There is nothing to fix in the sound code; leave the option out.", "dropped"),
    ("That one is expected to land next week.", None),
    ("I have a fix locally that moves the locking out of the worker.", "in_progress"),
    ("Done, it's in usb-linus now and goes to Linus with Friday's pull.", "in_progress"),
    ("Thanks for looking at it, I'll wait for the next rc.", None),
])
def test_a_reports_entry_answered_in_the_trackers_words(words: str, state) -> None:
    said = _changes(SOUND + words + "\n", REGRESSIONS)
    assert [v for kind, _i, v in said if kind == "status"] == ([state] if state else [])


@pytest.mark.parametrize("words", [
    "It's gone with -rc4 on my laptop; still there on the desktop.",
    "It is gone in linux-next but not in mainline.",
    "It is expected.",  # (of what? the warning's own keeper names it: "that one")
    "I have a fix locally for the other machine's crash.",
    "#regbot resolve: not fixed yet, just testing the bot",
])
def test_what_the_trackers_words_do_not_settle_changes_nothing(words: str) -> None:
    assert not [v for kind, _i, v in _changes(SOUND + words + "\n", REGRESSIONS)
                if kind == "status"]


@pytest.mark.parametrize(("cc", "word", "pinged"), [
    ("Casey Lindqvist <casey@example.org>", "Casey?", True),  # asks the one copied in
    ("Casey Lindqvist <casey@example.org>", "Clang?", False),  # asks about the compiler
    ("", "Casey?", False),  # nobody of that name is asked here
    ("", "Ping?", True),  # a nudge to whoever reads it
    ("", "Feedback?", True),
    ('"Lindqvist, Casey" <casey@example.org>', "Casey?", True),
    ("casey@example.org", "Casey?", True),
])
def test_a_word_and_a_question_mark_ping_only_someone_the_mail_asks(
        cc: str, word: str, pinged: bool) -> None:
    raw = ("From: Marisol Vega <marisol@example.org>\nTo: frob-devel@lists.example.org\n"
           + (f"Cc: {cc}\n" if cc else "") + "Subject: Re: report\n"
           "Message-ID: <t@example.org>\nDate: Mon, 10 Mar 2031 10:00:00 +0000\n\n"
           + SHARED_LOG + word + "\n")
    analysis = analyze_reply(parse_message(raw.encode()), TEST_REPORT, roster=ROSTER)
    assert any(c.value == "pinged" for c in analysis.changes) is pinged
