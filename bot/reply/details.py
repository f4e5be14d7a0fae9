"""The items a quote of the post's own detail text is about.

A test report lists its failing builds, then gives each group's error log further down,
under its "Building <name> ... failed" lines. A developer answers under the quoted log ("the
fix is in the net tree"), not under a build's name: the block that log sits in names the
items the answer is about, one or several.
"""

from __future__ import annotations

import re

from bot.post import Post
from bot.reply.matching import Entry
from bot.reply.perpost import read_once

_SHORTEST_LINE = 20  # a quoted line shorter than this ("Error log:") tells no block apart
_SHORTEST_QUOTE = 40  # characters of quoted detail text it takes to say which block
_MOST_ITEMS = 8  # a block naming more is a summary, not one problem's details
_SHORTEST_TITLE = 6
_EDGE = ".,;()[]<>\"'`"  # what a name written in a line may carry around it
_WORDS = re.compile(r"[\s,]+")  # "Building a:x,b:y ... failed" names both


def detailed(quote_lines: list[tuple[int, str]], post: Post,
             entries: list[Entry]) -> tuple[Entry, ...]:
    """The items named in the blocks of the post's closing text the quote comes from, in
    the post's order; none when the quote is not of that text or names no item. A block
    counts when enough of the quote's characters are lines of it and of no other block (a
    line every log has, "make[1]: *** [Makefile:42: all] Error 2", says nothing)."""
    blocks = _blocks(post, entries)
    if not blocks:
        return ()
    said = [_plain(line) for _depth, line in quote_lines]
    said = [line for line in said if len(line) >= _SHORTEST_LINE]
    found: list[Entry] = []
    for lines, named in blocks:
        own = sum(len(line) for line in said if line in lines and not any(
            line in other for other, _named in blocks if other is not lines))
        if own >= _SHORTEST_QUOTE:
            found.extend(entry for entry in named if entry not in found)
    return tuple(sorted(found, key=lambda entry: entry.path))


def singled_out(text: str, detail: tuple[Entry, ...]) -> tuple[Entry, ...]:
    """The items of a block the answer names on its own ("the pxa build is fixed in the gpio
    tree"), by a part of the name no other item of the block has, in the order it names
    them. None named: the answer is about them all."""
    said = re.findall(r"[a-z0-9]+", text.lower())
    parts = {entry: _parts(entry.item.text) for entry in detail}
    first: dict[Entry, int] = {}  # where the answer first names each, in its own order
    for entry, own in parts.items():
        others = set().union(*(p for e, p in parts.items() if e is not entry))
        at = next((n for n, word in enumerate(said) if word in own - others), None)
        if at is not None:
            first[entry] = at
    return tuple(sorted(first, key=first.__getitem__))


def _parts(title: str) -> set[str]:
    """ "arm:omap1_defconfig" → {"arm", "omap1", "defconfig"}: the words a sender names a
    build by."""
    return {part for part in re.findall(r"[a-z0-9]+", title.lower()) if len(part) >= 3}


def _rule(line: str) -> bool:
    """A rule between the blocks of a post's details: "-----", "=====" alone on a line
    (looked at, not searched: a long run of dashes costs one pass)."""
    mark = line.strip()
    return len(mark) >= 5 and mark[0] in "-=_*~#" and mark == mark[0] * len(mark)


def _parts_here(lines: tuple[str, ...], at: int) -> bool:
    """Whether a heading starts at line `at`: a title over a rule of '=' or, opening its
    paragraph, of '-'."""
    if at + 1 >= len(lines) or not lines[at].strip() or not _rule(lines[at + 1]):
        return False
    return lines[at + 1].strip()[0] == "=" or not at or not lines[at - 1].strip()


def _plain(line: str) -> str:
    return " ".join(line.lstrip(" >").split())


@read_once
def _blocks(post: Post, entries: list[Entry]) -> tuple[tuple[frozenset[str],
                                                               tuple[Entry, ...]], ...]:
    """Each block of the text after the lists, from the lines that name items ("Building X ...
    failed") down to the next such line: its lines (whitespace normalised) and the items
    named, when it names one to eight. Read once per post."""
    names = _Names(entries)
    groups: list[tuple[list[str], list[Entry]]] = []
    naming = False  # whether the line above named items: the names of one block go on
    text = post.details()
    for at, line in enumerate(text):
        named = names.of(line)
        if not named and _parts_here(text, at):
            groups.append(([], []))  # the reporter's heading or group title: its words below
            # are no failure's above ("Runtime crashes" over "=====", "riscv" over "-----")
        if named and not naming:
            groups.append(([], []))
        naming = bool(named) or (naming and _rule(line))
        if groups and not _rule(line):
            lines, items = groups[-1]
            lines.append(line)
            items.extend(entry for entry in named if entry not in items)
    return tuple((frozenset(p for line in lines if len(p := _plain(line)) >= _SHORTEST_LINE),
                  tuple(items)) for lines, items in groups if len(items) <= _MOST_ITEMS)


class _Names:
    """The items a line names by their whole title: a one-word title ("sh:allnoconfig") by
    a dictionary of the line's words, a longer one by search (both linear in the line)."""

    def __init__(self, entries: list[Entry]) -> None:
        self.words: dict[str, Entry] = {}
        self.phrases: list[tuple[Entry, re.Pattern[str]]] = []
        for entry in entries:
            title = " ".join(entry.item.text.split())
            if len(title) < _SHORTEST_TITLE or entry.item.placeholder:
                continue
            if " " in title:
                self.phrases.append((entry, re.compile(
                    r"(?<![\w:/.-])" + re.escape(title) + r"(?![\w:/-])")))
            else:
                self.words.setdefault(title, entry)

    def of(self, line: str) -> list[Entry]:
        found = [entry for word in _WORDS.split(line)
                 if (entry := self.words.get(word.strip(_EDGE))) is not None]
        if self.phrases and line.strip():
            found += [entry for entry, pattern in self.phrases if pattern.search(line)]
        return found

