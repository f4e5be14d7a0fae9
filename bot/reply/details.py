"""The items a quote of the post's own detail text is about.

A test report lists its failing builds, then gives each group's error log further down,
under its "Building <name> ... failed" lines and between rules of dashes. A developer answers
under the quoted log ("the fix is in the net tree"), not under a build's name: the block
that log sits in names the items the answer is about, one or several.
"""

from __future__ import annotations

import re

from bot.post import Post
from bot.reply.matching import Entry

_SHORTEST_LINE = 20  # a quoted line shorter than this ("Error log:") tells no block apart
_SHORTEST_QUOTE = 40  # characters of quoted detail text it takes to say which block
_MOST_ITEMS = 8  # a block naming more is a summary, not one problem's details
_SHORTEST_TITLE = 6


def detailed(quote_lines: list[tuple[int, str]], post: Post,
             entries: list[Entry]) -> tuple[Entry, ...]:
    """The items named in the block of the post's closing text the quote comes from (the
    block most of its lines come from), in the post's order; none when the quote is not
    of that text or the block names no item."""
    blocks = _blocks(post, entries)
    if not blocks:
        return ()
    said = [_plain(line) for _depth, line in quote_lines]
    said = [line for line in said if len(line) >= _SHORTEST_LINE]
    best: tuple[int, tuple[Entry, ...]] = (0, ())
    for lines, named in blocks:
        found = sum(len(line) for line in said if line in lines)
        if found > best[0]:
            best = (found, named)
    return best[1] if best[0] >= _SHORTEST_QUOTE else ()


def _rule(line: str) -> bool:
    """A rule between the blocks of a post's details: "-----", "=====" alone on a line
    (looked at, not searched: a long run of dashes costs one pass)."""
    mark = line.strip()
    return len(mark) >= 5 and mark[0] in "-=_*~#" and mark == mark[0] * len(mark)


def _plain(line: str) -> str:
    return " ".join(line.lstrip(" >").split())


def _blocks(post: Post, entries: list[Entry]) -> tuple[tuple[frozenset[str],
                                                               tuple[Entry, ...]], ...]:
    """Each block of the closing text that names between one and eight items, with the
    blocks below it that name none (its log, under a shorter rule): their lines (whitespace
    normalised) and those items. Read once per post."""
    known = next((found for seen, found in _CACHE if seen is post), None)
    if known is not None:
        return known
    pieces: list[list[str]] = [[]]
    for line in post.closing:
        if _rule(line):
            pieces.append([])
        else:
            pieces[-1].append(line)
    titles = [(entry, _title_pattern(entry.item.text)) for entry in entries
              if len(entry.item.text.strip()) >= _SHORTEST_TITLE and not entry.item.placeholder]
    groups: list[tuple[list[str], tuple[Entry, ...]]] = []
    for piece in pieces:
        text = "\n".join(piece)
        named = tuple(entry for entry, pattern in titles if pattern.search(text))
        if named:
            groups.append((list(piece), named))
        elif groups:  # a piece that names nothing is the log of the names above it
            groups[-1][0].extend(piece)
    result = tuple((frozenset(p for line in lines if len(p := _plain(line)) >= _SHORTEST_LINE),
                    named) for lines, named in groups if len(named) <= _MOST_ITEMS)
    _CACHE[:] = [(post, result), *_CACHE[:3]]
    return result


def _title_pattern(title: str) -> re.Pattern[str]:
    """The title as a name standing on its own: "sh:allnoconfig" in "Building sh:allnoconfig
    ... failed", not inside "sh:allnoconfig-debug"."""
    return re.compile(r"(?<![\w:/.-])" + re.escape(" ".join(title.split())) + r"(?![\w:/-])")


_CACHE: list[tuple[Post, tuple]] = []
