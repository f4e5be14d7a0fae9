"""The post as its thread knows it: the items replies raised, added to the items it lists.

A stable-release request ("tell me which fixes the branch still needs") lists nothing; its
items arrive in replies, one commit at a time, and the next reply says "queued"
under a quoted one of them. Read against the post alone, that "queued" answers
nothing. So a reply is read against the post plus the items its thread raised
before it, each in the section its request named (or "unsorted"), after the post's
own: the post's paths stay as they were.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from bot.post import Item, Post, Section, Status

UNSORTED = "unsorted"


@dataclass(frozen=True)
class Raised:
    """One item a reply raised: its title and the section its request named."""

    title: str
    section: str = ""


def with_raised(post: Post, raised: Sequence[Raised]) -> tuple[Post, list[tuple[int, ...]]]:
    """The post with the raised items appended (each title once), and each raised
    item's path in it (the first path for a title raised twice). The post itself,
    unchanged, when nothing was raised: its index is cached by identity."""
    if not raised:
        return post, []
    sections = list(post.sections)
    where: dict[str, int] = {}
    for number, section in enumerate(sections):  # "x86" under Projects, not under Completed
        where.setdefault(section.title.strip().lower(), number)
    seen: dict[str, tuple[int, ...]] = {
        title_key(item.text): (n, i)
        for n, s in enumerate(sections) for i, item in enumerate(s.items)}
    paths: list[tuple[int, ...]] = []
    for item in raised:
        key = title_key(item.title)
        if not key:
            paths.append(())
            continue
        if key not in seen:
            name = item.section.strip() or UNSORTED
            number = where.get(name.lower())
            if number is None:
                number = where[name.lower()] = len(sections)
                sections.append(Section(title=name, heading=f"{name}:"))
            section = sections[number]
            sections[number] = replace(section, items=(*section.items, Item(text=item.title)))
            seen[key] = (number, len(section.items))
        paths.append(seen[key])
    return replace(post, sections=tuple(sections)), paths


def with_states(post: Post, states: Mapping[tuple[int, ...], str]) -> Post:
    """The post with its items (by path) in the given states; the post itself, unchanged,
    when none differs: its index is cached by identity."""
    def restated(items: tuple[Item, ...], prefix: tuple[int, ...]) -> tuple[Item, ...]:
        out = []
        for number, item in enumerate(items):
            path = (*prefix, number)
            state = states.get(path)
            if state is not None and state != item.status.value:
                item = replace(item, status=Status(state))
            out.append(replace(item, children=restated(item.children, path))
                       if item.children else item)
        return tuple(out)

    if all(_state_at(post, path) in (None, state) for path, state in states.items()):
        return post
    return replace(post, sections=tuple(
        replace(section, items=restated(section.items, (number,)))
        for number, section in enumerate(post.sections)))


def _state_at(post: Post, path: tuple[int, ...]) -> str | None:
    """The state of the item at `path`, None where the post has no such item."""
    if not path or path[0] >= len(post.sections):
        return None
    items, item = post.sections[path[0]].items, None
    for number in path[1:]:
        if number >= len(items):
            return None
        item = items[number]
        items = item.children
    return item.status.value if item is not None else None


def title_key(title: str) -> str:
    """One raised title however it is spaced or cased: what names it twice."""
    return " ".join(title.lower().split())
