"""Precision and recall of reply analysis over every reply fixture.

Prints figures (and, with -v, each miss and each extra); asserts nothing.
Targets (issue 3): precision >= 0.97, recall >= 0.93.
"""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

from bot.evaluate import Score, applies, key_of, score_mail
from bot.mail import parse_message
from bot.post import parse_post
from bot.reply import analyze_reply

ROOT = Path(__file__).resolve().parent.parent
REPLIES = ROOT / "fixtures" / "mails"
POSTS = {"seed": ROOT / "fixtures" / "posts" / "seed-2012.txt"}


def run(verbose: bool = False) -> Score:
    score = Score()
    for folder in sorted(p for p in REPLIES.glob("replies-*") if p.is_dir()):
        people = tomllib.loads((folder / "people.toml").read_text(encoding="utf-8"))
        roster = {k.lower(): v for k, v in people["people"].items()}
        rms = frozenset(a.lower() for a in people.get("rm", []))
        for expect in sorted(folder.glob("*.expect.toml")):
            post_name = tomllib.loads(expect.read_text(encoding="utf-8")).get("post", "seed")
            post_path = POSTS.get(post_name, ROOT / "fixtures" / "posts" / f"{post_name}.txt")
            post = parse_post(post_path.read_text(encoding="utf-8"), year=2012)
            message = parse_message(
                expect.with_name(expect.name.replace(".expect.toml", ".eml")).read_bytes()
            )
            if message.headers.get("auto-submitted", "no").lower() not in ("", "no"):
                changes = []  # the store never analyses auto-replies
            else:
                changes = analyze_reply(message, post, roster=roster).changes
            got = [key_of(c, applies(c, message.from_addr, roster, rms)) for c in changes]
            score_mail(expect, got, score)
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
