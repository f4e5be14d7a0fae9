"""`make demo`: read the embedded seed post, show what was understood, render it back.

Later stages of the cycle (ingest, draft) extend this into the whole week.
"""

from __future__ import annotations

import sys
from importlib import resources
from pathlib import Path

from bot.post import Post, parse_post
from bot.render import render_post

SEED = Path(__file__).resolve().parent.parent / "fixtures" / "posts" / "seed-2012.txt"


def seed_text() -> str:
    if SEED.exists():
        return SEED.read_text(encoding="utf-8")
    return resources.files("bot.data").joinpath("seed-2012.txt").read_text(encoding="utf-8")


def item_table(post: Post) -> str:
    """The post's items as a plain table: section, tag, status, owners, notes, text."""
    rows = [("section", "tag", "status", "owners", "notes", "item")]
    for section, depth, item in post.walk():
        text = "  " * depth + item.text
        rows.append(
            (
                section.title,
                item.tag,
                "(placeholder)" if item.placeholder else str(item.status),
                ", ".join(item.owners),
                "; ".join(item.notes),
                text,
            )
        )
    widths = [
        min(max(len(r[i]) for r in rows), cap) for i, cap in enumerate((24, 7, 13, 26, 30, 60))
    ]
    lines = []
    for row in rows:
        cells = [
            cell if len(cell) <= w else cell[: w - 1] + "…"
            for cell, w in zip(row, widths, strict=False)
        ]
        lines.append("  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=False)).rstrip())
    return "\n".join(lines)


def main() -> int:
    text = seed_text()
    post = parse_post(text, year=2012)
    print(f"Subject: {post.subject}")
    for milestone in post.timeline:
        mark = "  << WE ARE HERE" if milestone.marker else ""
        when = milestone.date.isoformat() if milestone.date else milestone.when
        print(f"  {when:<12} {milestone.label}{mark}")
    print()
    print(item_table(post))
    rendered = render_post(post)
    same = "byte for byte identical" if rendered == text else "DIFFERENT"
    print(f"\nRendered back: {len(rendered.encode())} bytes, {same} to the seed.\n")
    print(rendered, end="")
    return 0 if rendered == text else 1


if __name__ == "__main__":
    sys.exit(main())
