"""Parse + render time of the seed and of a generated 1,000-item post.

Prints figures; asserts nothing. The baseline, run in the same process, is
a bare `str.splitlines()` + join of the same text: the least any lossless
round trip must do. Targets (issue 2): seed < 5 ms, 1,000 items < 200 ms.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from bot.post import parse_post, render_post

ROOT = Path(__file__).resolve().parent.parent
SEED = (ROOT / "fixtures" / "posts" / "seed-2012.txt").read_text(encoding="utf-8")


def generated_post(items: int) -> str:
    """A 2012-style post with `items` items over 10 sections, notes and owners mixed in."""
    head = SEED.split("hypervisor, blockers:")[0]
    parts = [head.rstrip("\n") + "\n"]
    for number in range(items):
        if number % (items // 10 or 1) == 0:
            parts.append(f"\narea{number}, blockers:\n")
        owner = " (Jan Beulich, Patch posted)" if number % 3 == 0 else ""
        tag = "[BUG] " if number % 5 == 0 else ""
        parts.append(
            f"\n    * {tag}item {number}: fix the thing that breaks when the guest is\n"
            f"      migrated during the boot process{owner}\n"
        )
    return "".join(parts)


def median_ms(function, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def report(name: str, text: str, runs: int) -> None:
    parse_post(text, year=2012)  # warm: dateparser's first call loads its data
    total = median_ms(lambda: render_post(parse_post(text, year=2012)), runs)
    parse = median_ms(lambda: parse_post(text, year=2012), runs)
    base = median_ms(lambda: "\n".join(text.split("\n")), runs)
    assert render_post(parse_post(text, year=2012)) == text
    print(
        f"{name:<22} parse {parse:8.3f} ms   parse+render {total:8.3f} ms   "
        f"baseline split+join {base:7.4f} ms   ratio {total / base:8.0f}x"
    )


if __name__ == "__main__":
    report("seed (21 items)", SEED, runs=200)
    report("generated 1,000 items", generated_post(1000), runs=15)
