"""A numbered list re-numbered as an RM does: items that left the list leave no
gap, a new item takes the next number, and a numbered closing question after
the list ("5. Anything else I should track?") follows the last item."""

from __future__ import annotations

import re
from dataclasses import replace

from bot.post.model import Item, Post
from bot.post.status import is_invitation

_NUMBER = re.compile(r"^(?P<indent>[ \t]*)(?P<n>\d{1,3})(?P<sep>[.)])(?P<rest>[ \t]+\S.*)$")


def _number(marker: str) -> tuple[int, str] | None:
    match = re.fullmatch(r"(\d{1,3})([.)])", marker)
    return (int(match[1]), match[2]) if match else None


def renumbered(post: Post, run_on: bool = False) -> Post:
    """`post` with each numbered section's items numbered 1..n (`run_on`: on from
    the previous numbered section, where the post numbers across sections)."""
    sections = list(post.sections)
    closing = post.closing
    count = 0
    for index, section in enumerate(sections):
        numbered = [_number(item.layout.marker) for item in section.items]
        if not section.items or not all(numbered):
            continue
        start = count + 1 if run_on else 1
        items = tuple(
            _with_number(item, start + k, sep)
            for k, (item, (_, sep)) in enumerate(zip(section.items, numbered, strict=True))
        )
        sections[index] = replace(section, items=items)
        count = start + len(items) - 1
        if index + 1 < len(sections):
            after = sections[index + 1]
            question = _closing_question(after.gap_before, count + 1)
            sections[index + 1] = replace(after, gap_before=question)
        else:
            closing = _closing_question(closing, count + 1)
    if sections == list(post.sections) and closing == post.closing:
        return post
    return replace(post, sections=tuple(sections), closing=closing)


def numbers_run_on(post: Post) -> bool:
    """Whether the post numbers on across its sections (a later section starts above 1)."""
    firsts = [_number(s.items[0].layout.marker) for s in post.sections if s.items]
    return any(first and first[0] > 1 for first in firsts[1:])


def _with_number(item: Item, number: int, sep: str) -> Item:
    marker = f"{number}{sep}"
    lay = item.layout
    if lay.marker == marker:
        return item
    shift = len(marker) - len(lay.marker)
    layout = replace(lay, marker=marker, text_col=lay.text_col + shift)
    if not item.unchanged:
        return replace(item, layout=layout)
    first = item.source[0]
    at = lay.indent
    source = (first[:at] + marker + first[at + len(lay.marker) :], *item.source[1:])
    return replace(item, layout=layout, source=source)


def _closing_question(lines: tuple[str, ...], number: int) -> tuple[str, ...]:
    """The lines after a list with its numbered closing question (the first line
    there) numbered `number`."""
    at = next((k for k, line in enumerate(lines) if line.strip()), None)
    if at is None:
        return lines
    match = _NUMBER.match(lines[at])
    if not match or not is_invitation(match["rest"]) or int(match["n"]) == number:
        return lines
    line = f"{match['indent']}{number}{match['sep']}{match['rest']}"
    return (*lines[:at], line, *lines[at + 1 :])

