"""A quote of a post's details (a test report's error log under its builds' names) is
about the items its block names (fixtures/posts/test-report-2031.txt)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.post import parse_post
from bot.reply.details import detailed, singled_out
from bot.reply.matching import index

POSTS = Path(__file__).parent.parent / "fixtures" / "posts"
REPORT = parse_post((POSTS / "test-report-2031.txt").read_text("utf-8"))


def _quoted(*lines: str) -> list[tuple[int, str]]:
    return [(1, line) for line in lines]


def _titles(quote: list[tuple[int, str]], post=REPORT) -> list[str]:
    return [entry.item.text for entry in detailed(quote, post, index(post))]


def test_a_quoted_log_is_about_every_build_its_block_names() -> None:
    quote = _quoted("Error log:", "ERROR: modpost: \"frob_dma_sync_range\" "
                    "[drivers/frob/frob-dma.ko] undefined!")
    assert _titles(quote) == ["riscv:nommu_virt_defconfig", "sparc32:allmodconfig"]


def test_the_block_most_of_the_quote_comes_from_wins() -> None:
    quote = _quoted("arch/mips/frob/irq.c:88:2: error: 'frob_irq_domain' undeclared "
                    "(first use in this function)", "No idea yet; it started with the irq pull.",
                    "Error log:")
    assert _titles(quote) == ["mips:malta_defconfig"]


def test_a_few_words_every_block_has_name_nothing() -> None:
    assert _titles(_quoted("Error log:", "--------------")) == []


def test_a_quote_of_the_summary_or_of_no_detail_names_nothing() -> None:
    assert _titles(_quoted("total: 96 pass: 91 fail: 5", "arm:omap1_defconfig")) == []
    assert _titles(_quoted("Test results below. Two of the build failures are new in "
                           "this round;")) == []


@pytest.mark.parametrize("name", ["critical-2023", "seed-2012-signature", "status-2022",
                                  "tracking-2024"])
def test_a_post_whose_closing_names_no_item_has_no_details(name: str) -> None:
    post = parse_post((POSTS / f"{name}.txt").read_text("utf-8"))
    closing = [line for line in post.closing if len(line.strip()) >= 20]
    assert len(closing) >= 3
    assert _titles(_quoted(*closing), post) == []


def _variant(old: str, new: str):
    text = (POSTS / "test-report-2031.txt").read_text("utf-8")
    assert old in text
    return parse_post(text.replace(old, new))


def test_a_block_starts_at_the_names_without_a_rule_above_them() -> None:
    post = _variant("-----------------------------------------\n", "")  # as real reports
    quote = _quoted("drivers/frob/frob-led.c:212:9: error: implicit declaration of function "
                    "'frob_gpio_get_optional'")
    assert _titles(quote, post) == ["arm:omap1_defconfig", "arm:pxa_defconfig"]
    quote = _quoted("arch/mips/frob/irq.c:88:2: error: 'frob_irq_domain' undeclared "
                    "(first use in this function)")
    assert _titles(quote, post) == ["mips:malta_defconfig"]


def test_a_line_every_log_has_names_no_block() -> None:
    shared = "make[1]: *** [Makefile:42: all] Error 2 (see above)"
    text = (POSTS / "test-report-2031.txt").read_text("utf-8")
    text = text.replace("Caused by commit", f"{shared}\n\nCaused by commit").replace(
        "No idea yet;", f"{shared}\n\nNo idea yet;")
    post = parse_post(text)
    assert _titles(_quoted("Error log:", shared), post) == []


def test_a_quote_of_two_blocks_is_about_the_items_of_both() -> None:
    quote = _quoted("arch/mips/frob/irq.c:88:2: error: 'frob_irq_domain' undeclared "
                    "(first use in this function)",
                    "ERROR: modpost: \"frob_dma_sync_range\" [drivers/frob/frob-dma.ko] "
                    "undefined!")
    assert _titles(quote) == ["mips:malta_defconfig", "riscv:nommu_virt_defconfig",
                              "sparc32:allmodconfig"]


@pytest.mark.parametrize("words, named", [
    ("The omap1 build is fixed by the header patch; pxa is another problem.",
     ["arm:omap1_defconfig", "arm:pxa_defconfig"]),
    ("The pxa build is fixed by the header patch; omap1 is another problem.",
     ["arm:pxa_defconfig", "arm:omap1_defconfig"]),
    ("The pxa one is fixed in the gpio tree.", ["arm:pxa_defconfig"]),
    ("Fixed in the gpio tree, thanks.", []),  # arm and defconfig name both
])
def test_the_items_of_a_block_an_answer_names_on_their_own(words: str, named: list) -> None:
    block = detailed(_quoted("drivers/frob/frob-led.c:212:9: error: implicit declaration of "
                             "function 'frob_gpio_get_optional'"), REPORT, index(REPORT))
    assert [entry.item.text for entry in singled_out(words, block)] == named


def _news(words: str) -> dict[str, str]:
    from bot.mail import parse_message
    from bot.reply.analysis import analyze_reply

    mail = parse_message((
        "From: Priya Natarajan <priya@example.org>\nTo: frob-devel@example.org\n"
        "Subject: Re: Frob 7.3-rc2\nMessage-ID: <d@example.org>\n"
        "Date: Mon, 10 Mar 2031 09:00:00 +0100\nContent-Type: text/plain; charset=utf-8\n\n"
        "Tomasz wrote:\n> Error log:\n> drivers/frob/frob-led.c:212:9: error: implicit "
        "declaration of function 'frob_gpio_get_optional'\n\n" + words + "\n\nPriya\n"
    ).encode())
    analysis = analyze_reply(mail, REPORT, roster={"priya@example.org": "Priya Natarajan"})
    return {c.item_text: c.value for c in analysis.changes if c.kind.value == "status"}


def test_an_answer_under_a_shared_log_is_news_for_each_build() -> None:
    assert _news("The fix is queued in the gpio tree now.") == {
        "arm:omap1_defconfig": "in_progress", "arm:pxa_defconfig": "in_progress"}


def test_an_answer_that_names_one_build_of_the_block_is_news_for_that_one() -> None:
    assert _news("The pxa one is queued in the gpio tree now.") == {
        "arm:pxa_defconfig": "in_progress"}


@pytest.mark.parametrize("words", [
    "The fix for pxa is queued in the gpio tree; omap1 is another problem.",
    "I still see pxa failing here, but the omap1 fix is queued in the gpio tree now.",
])
def test_an_answer_that_names_two_builds_gives_the_block_no_news(words: str) -> None:
    """Which clause says what of which build is not told apart here: the block guesses no
    build (the first named is not the one, nor are both; what the words name is theirs)."""
    news = _news(words)
    assert "arm:pxa_defconfig" not in news and len(news) <= 1


DETAILS = parse_post((POSTS / "test-report-details-2031.txt").read_text("utf-8"))


def test_a_quoted_backtrace_is_about_the_warning_it_is_under() -> None:
    """A described failure's own lines (a lockdep splat under its first line) name it."""
    quote = _quoted("kworker/0:1/12 is trying to acquire lock:",
                    " (&frob->lock){+.+.}-{3:3}, at: frob_led_work+0x30/0x88")
    assert _titles(quote, DETAILS) == ["WARNING: possible recursive locking detected"]
    quote = _quoted("WARNING: CPU: 0 PID: 1 at drivers/frob/clk.c:204 frob_clk_enable+0x7c/0x90")
    assert _titles(quote, DETAILS) == ["frob_clk: clock sparrow-uart has no parent"]
    quote = _quoted("drivers/frob/frob-pwm.c:77:3: error: 'frob_pwm_ops' has no member named "
                    "'apply'")
    assert _titles(quote, DETAILS) == ["mips:ci20_defconfig"]
