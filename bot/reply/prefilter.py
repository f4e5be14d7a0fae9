"""The words a phrase pattern cannot match without: a substring test that rules a
pattern out before its search.

The vocabulary has some 200 patterns and a sentence matches a handful: most
of the time went into searches that fail. `needed` reads a pattern's parse
tree (the standard library's own parser) for literal text every match
contains, lower-cased; `in` on the lower-cased sentence is then a necessary
condition, so skipping the search changes no reading. It holds for ASCII
sentences only: under IGNORECASE a few other letters (the Kelvin sign, the
long s) match ASCII ones, so other sentences are searched as before.
"""

from __future__ import annotations

import re
from re import _constants as sre  # the parser's opcodes (private, stable since 3.11)
from re import _parser

Needed = frozenset[str]  # one of these strings is in every match
_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)
_ZERO_WIDTH = (sre.AT, sre.ASSERT, sre.ASSERT_NOT)  # \b, ^, lookarounds: consume nothing


def needed(pattern: str, flags: int = re.IGNORECASE) -> tuple[Needed | None, frozenset[str]]:
    """(strings one of which any match contains, or None when no such text is known;
    the pattern's group names). A pattern the parser refuses needs nothing."""
    try:
        tree = _parser.parse(pattern, flags)
    except Exception:  # noqa: BLE001 - an unknown parser: no shortcut, the search decides
        return None, frozenset()
    try:
        return _sequence(tree), frozenset(tree.state.groupdict)
    except Exception:  # noqa: BLE001
        return None, frozenset(tree.state.groupdict)


def _sequence(items) -> Needed | None:
    """The most selective necessary text of a run of pattern items."""
    best: Needed | None = None
    run: list[str] = []
    for op, arg in items:
        if op is sre.LITERAL and arg < 128:
            run.append(chr(arg).lower())
            continue
        if op in _ZERO_WIDTH:
            continue  # the literals on either side stay adjacent in the text
        if run:
            best = _better(best, frozenset(["".join(run)]))
            run = []
        if op is sre.SUBPATTERN:
            best = _better(best, _sequence(arg[-1]))
        elif op is sre.ATOMIC_GROUP:
            best = _better(best, _sequence(arg))
        elif op is sre.BRANCH:
            each = [_sequence(branch) for branch in arg[1]]
            if all(found is not None for found in each):
                best = _better(best, frozenset().union(*each))
        elif op in _REPEATS and arg[0] >= 1:
            best = _better(best, _sequence(arg[2]))
    if run:
        best = _better(best, frozenset(["".join(run)]))
    return best


def _better(one: Needed | None, other: Needed | None) -> Needed | None:
    """Of two necessary conditions, the rarer: longer strings, fewer of them."""
    if one is None or other is None:
        return one if other is None else other

    def rank(found: Needed) -> tuple[int, int]:
        return min(map(len, found)), -len(found)

    return other if rank(other) > rank(one) else one
