"""The regressions report's `[ *NEW* ]` flag: read off an entry's title, so the
title names the same entry the week after, and cleared in that next week's
post (an entry is new only in the week it arrived)."""

from __future__ import annotations

import re
from dataclasses import replace

from bot.post.model import Item

NEW = "NEW"
_FLAG = re.compile(r"^\[\s*\*?\s*NEW\s*\*?\s*\]\s*", re.I)
_RULE = re.compile(r"^-{3,}\s*$")


def split_flag(title: str) -> tuple[str, str]:
    """("NEW", the title after the flag) or ("", the title)."""
    match = _FLAG.match(title)
    return (NEW, title[match.end() :]) if match else ("", title)


def flagged(tag: str, title: str) -> str:
    """The title as the report writes it with its flag."""
    return f"[ *{tag}* ] {title}" if tag == NEW else title


def cleared(item: Item) -> Item:
    """The item without its NEW flag; an entry written as parsed keeps its lines
    but the title's (and its underline, re-drawn to the title's length where it
    was drawn to the flagged title's)."""
    if item.tag != NEW:
        return item
    fresh = replace(item, tag="")
    if not item.unchanged or len(item.source) < 2 or not _FLAG.match(item.source[0]):
        return fresh  # re-written from its facts, without the flag
    title, rule = item.source[0], item.source[1]
    plain = title[_FLAG.match(title).end() :]  # type: ignore[union-attr]
    if _RULE.match(rule) and abs(len(rule.rstrip()) - len(title.rstrip())) <= 3:
        rule = "-" * len(plain.rstrip()) + rule[len(rule.rstrip()) :]
    return replace(fresh, source=(plain, rule, *item.source[2:]), origin=fresh.facts_digest())
