"""A quote of a post's details (a test report's error log under its builds' names) is
about the items its block names (fixtures/posts/test-report-2031.txt)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.post import parse_post
from bot.reply.details import detailed
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
