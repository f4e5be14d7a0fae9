"""The words a phrase pattern cannot match without: a substring test that rules a
pattern out before its search.

The vocabulary has some 200 patterns and a sentence matches a handful: most
of the time went into searches that fail. `needed` reads a pattern's parse
tree (the standard library's own parser) for literal text every match
contains, lower-cased; `in` on the sentence as `folded` writes it is then a
necessary condition, so skipping the search changes no reading.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import re
import sys
from re import _constants as sre  # the parser's opcodes (private, stable since 3.11)
from re import _parser

from bot import cachefile

Needed = frozenset[str]  # one of these strings is in every match
# The only other letters IGNORECASE matches ASCII ones by (dotted and dotless i, the long
# s, the Kelvin sign; tests/test_prefilter.py checks every code point): written as their
# ASCII letter before lower-casing, so a sentence's ASCII text is where a match's is.
_FOLD = {0x130: "i", 0x131: "i", 0x17F: "s", 0x212A: "k"}
_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)
_ZERO_WIDTH = (sre.AT, sre.ASSERT, sre.ASSERT_NOT)  # \b, ^, lookarounds: consume nothing


def needed(pattern: str, flags: int = re.IGNORECASE) -> tuple[tuple[Needed, ...], frozenset[str]]:
    """(sets of strings such that every match contains one of each set, the rarest
    first, none when no such text is known; the pattern's group names). A pattern
    the parser refuses needs nothing."""
    try:
        tree = _parser.parse(pattern, flags)
    except Exception:  # noqa: BLE001 - an unknown parser: no shortcut, the search decides
        return (), frozenset()
    groups = frozenset(tree.state.groupdict)
    try:
        found = dict.fromkeys(_sequence(tree))  # once each, in the pattern's order
        return tuple(sorted(found, key=_rank, reverse=True)), groups
    except Exception:  # noqa: BLE001
        return (), groups


_FORMAT = 1  # raise when `needed` reads patterns differently: the cached texts are then stale


def needed_all(patterns: list[str]) -> list[tuple[tuple[Needed, ...], frozenset[str]]]:
    """`needed` of each pattern, kept in a cache file beside the user's other caches.

    Reading ~230 parse trees took 60 ms, most of what one mail costs `todobot
    ingest` (an MTA starts a process per mail); the file is keyed by the
    patterns and the Python version, so a changed vocabulary is read afresh.
    No cache to be had (a read-only home) only costs the time."""
    key = hashlib.sha256(json.dumps([_FORMAT, sys.version, *patterns]).encode()).hexdigest()[:20]
    name = f"prefilter-{key}.json"
    stored = cachefile.read(name)
    if isinstance(stored, list) and len(stored) == len(patterns):
        with contextlib.suppress(TypeError, ValueError):  # (not ours: read the trees)
            return [(tuple(frozenset(one) for one in texts), frozenset(groups))
                    for texts, groups in stored]
    found = [needed(pattern) for pattern in patterns]
    cachefile.write(name, [[[sorted(one) for one in texts], sorted(groups)]
                           for texts, groups in found])
    return found


def _sequence(items) -> list[Needed]:
    """Every necessary text found in a run of pattern items (a match has all)."""
    items = getattr(items, "data", items)  # the parser's list (its own indexing is slow)
    found: list[Needed] = []
    run: list[str] = []
    for number, (op, arg) in enumerate(items):
        if op is sre.LITERAL and arg < 128:
            run.append(chr(arg).lower())
            continue
        if op in _ZERO_WIDTH:
            continue  # the literals on either side stay adjacent in the text
        # "n(?:ot|ever)": the parser takes common prefixes out of a branch; the
        # words are whole again with what may follow the run
        head = "".join(run)
        if op is sre.SUBPATTERN or op is sre.BRANCH:
            starts = _starts(items[number:])[0]
            if all(head + start for start in starts):
                found.append(frozenset(head + start for start in starts))
        if run:
            found.append(frozenset([head]))
            run = []
        if op is sre.SUBPATTERN:
            found += _sequence(arg[-1])
        elif op is sre.ATOMIC_GROUP:
            found += _sequence(arg)
        elif op is sre.BRANCH:
            each = [_sequence(branch) for branch in arg[1]]
            if all(each):  # one of the branches' texts: each branch's rarest
                found.append(frozenset().union(*(max(one, key=_rank) for one in each)))
        elif op in _REPEATS and arg[0] >= 1:
            found += _sequence(arg[2])
    if run:
        found.append(frozenset(["".join(run)]))
    return found


_MOST_STARTS = 64


def _starts(items) -> tuple[frozenset[str], bool]:
    """(texts every match of the items begins with one of, whether a match is
    always one of them whole)."""
    heads, run = {""}, []
    for op, arg in getattr(items, "data", items):
        if op is sre.LITERAL and arg < 128:
            run.append(chr(arg).lower())
            continue
        if op in _ZERO_WIDTH:
            continue
        if run:
            heads, run = {head + "".join(run) for head in heads}, []
        if op is sre.SUBPATTERN:
            tails, whole = _starts(arg[-1])
        elif op is sre.BRANCH:
            each = [_starts(branch) for branch in arg[1]]
            tails = frozenset().union(*(tail for tail, _whole in each))
            whole = all(whole for _tail, whole in each)
        else:
            return frozenset(heads), False
        if len(heads) * len(tails) > _MOST_STARTS:
            return frozenset(heads), False
        heads = {head + tail for head in heads for tail in tails}
        if not whole:
            return frozenset(heads), False
    return frozenset(head + "".join(run) for head in heads), True


def _rank(found: Needed) -> tuple[int, int]:
    """How good a necessary condition is to look for: its strings long enough to be
    rare (four characters are), then the fewest of them (each is one test)."""
    return min(_RARE, *map(len, found)), -len(found)


_RARE = 4


def folded(sentence: str) -> str:
    """The sentence as the needed texts are written: lower case, and the letters
    IGNORECASE takes for ASCII ones as those."""
    return (sentence if sentence.isascii() else sentence.translate(_FOLD)).lower()



class Gate:
    """A pattern's `search` as yes or no, not run when the text lacks what every
    match needs (most sentences lack a hedge's, a condition's words)."""

    def __init__(self, pattern: re.Pattern[str], needs: tuple[Needed, ...] | None = None,
                 ) -> None:
        self.pattern = pattern
        found = needs if needs is not None else needed(pattern.pattern, pattern.flags)[0]
        self.needs = found[:3]

    def found(self, text: str, lowered: str) -> bool:
        """Whether the pattern matches `text`; `lowered` is `folded(text)`."""
        for one in self.needs:
            if not any(t in lowered for t in one):
                return False
        return bool(self.pattern.search(text))
