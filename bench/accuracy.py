"""Precision and recall of reply analysis over every reply fixture.

Prints figures (and, with -v, each miss and each extra); asserts nothing.
Targets (issue 3): precision >= 0.97, recall >= 0.93.
"""

from __future__ import annotations

import sys
from pathlib import Path

from bot.reply import Score, score_fixture

ROOT = Path(__file__).resolve().parent.parent
REPLIES = ROOT / "fixtures" / "mails"
POSTS = ROOT / "fixtures" / "posts"


def run(verbose: bool = False) -> Score:
    score = Score()
    for folder in sorted(p for p in REPLIES.glob("replies-*") if p.is_dir()):
        for expect in sorted(folder.glob("*.expect.toml")):
            score_fixture(expect, POSTS, score)
    if verbose:
        for line in score.misses:
            print("MISS ", line)
        for line in score.extras:
            print("EXTRA", line)
        for line in score.wrong_dates:
            print("DATE ", line)
    return score


if __name__ == "__main__":
    result = run(verbose="-v" in sys.argv)
    print(
        f"replies: expected {result.expected} changes, produced {result.produced}, "
        f"matched {result.matched}"
    )
    print(f"precision {result.precision:.3f}   recall {result.recall:.3f}   (targets 0.97 / 0.93)")
    print(f"dates: {result.dated_right} of {result.dated} dated changes on the right day")
