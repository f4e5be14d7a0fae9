"""Which item a duplicate repeats, however the sender points at it.

"A duplicate of the Frobnix quirk" names it by its words; numbered lists are
answered by number ("the same problem as item 1"), neighbours by place ("fold
this into the entry above"), and often the other item is only named elsewhere
in the answer ("it sits in the AVX10.1 series ... fold the two into one entry").
"""

from __future__ import annotations

import re

from bot.post.items import REPORT_ROW_RE
from bot.reply.matching import Entry, best_item, named_item
from bot.reply.naming import named, related, tokens

# "item 2", "entry #3": an item of a numbered list by its number; "<3>": a bug bot's row
_NUMBER = re.compile(r"\b(?:item|entry)\s*#?(\d{1,3})\b(?! of (?:the |this |my )?(?:series|patch))"
                     r"|(?<![\w<])<(\d{1,3})>", re.I)
_ABOVE = re.compile(r"\b(?:the )?(?:entry|item|one|line) (?:just )?above\b|\bthe previous "
                    r"(?:entry|item|one|line)\b", re.I)
_BELOW = re.compile(r"\b(?:the )?(?:entry|item|one|line) (?:just )?below\b|\bthe next "
                    r"(?:entry|item|one|line)\b", re.I)
# what "into one entry", "the other one" say of the other item: nothing that names it
_GENERIC = frozenset("a an the one single same other entry item line series two both this "
                     "that it them".split())
# "the entry under Completed", "the mtrr-wide series under Completed": an entry pointed at,
# named (if at all, and clearly) elsewhere in the answer
_POINTER = re.compile(r"^\s*(?:the |that |this )?(?:[\w/.-]+ )?(?:entry|item|one|line|series)\b"
                      r"(?! from\b| ?#?\d)", re.I)
_LEADING_NUMBER = re.compile(r"^\s*(\d{1,3})[.)]\s")


def by_number(text: str, entries: list[Entry], near: Entry | None = None) -> Entry | None:
    """The item numbered as `text` says, in the section of `near` (numbers restart per
    section), else the one item of the post with that number."""
    found = _NUMBER.search(text)
    if not found:
        return None
    number = found[1] or found[2]
    numbered = [e for e in entries if e.item.source and _number_of(e.item.source[0]) == number]
    here = [e for e in numbered if near is not None and e.section == near.section]
    pick = here or numbered
    return pick[0] if len(pick) == 1 else None


def _number_of(line: str) -> str | None:
    """An item's number as its list writes it: "2." or "2)" before a title, or a bug bot's
    ref, "<2>", before a report row's columns."""
    found = _LEADING_NUMBER.match(line) or REPORT_ROW_RE.match(line)
    return found[1] if found else None


def by_place(text: str, entry: Entry, entries: list[Entry]) -> Entry | None:
    """The item above or below `entry` in its own section."""
    step = -1 if _ABOVE.search(text) else 1 if _BELOW.search(text) else 0
    if not step:
        return None
    siblings = [e for e in entries if e.section == entry.section and
                len(e.path) == len(entry.path) and not e.item.placeholder]
    place = next((n for n, e in enumerate(siblings) if e is entry), None)
    if place is None or not 0 <= place + step < len(siblings):
        return None
    return siblings[place + step]


def repeated(other: str, entry: Entry, entries: list[Entry], block: str) -> Entry | None:
    """The item `entry` repeats: the one the sentence's `other` words name ("item 1", "the
    entry above", a title); when they name nothing ("the two", "one entry"), the one item
    the rest of the answer names clearly. Words that name nothing of the post ("v5", "last
    time") repeat nothing."""
    found = by_number(other, entries, entry) or by_place(other, entry, entries)
    if found is not None:
        return found if found is not entry else None
    if set(other.lower().split()) - _GENERIC and not _POINTER.match(other):
        guess = named_item(other, entries) or (  # "one entry", "the other": no title
            best_item(other, entries) if len(other.split()) >= 4 else None)
        return guess[0] if guess is not None and guess[0] is not entry else None
    key = (block, entry.path, len(entries), entries[0].item.text if entries else "")
    if key not in _SCANS:  # once per block and item, however often it says "the two"
        if len(_SCANS) > 64:
            _SCANS.clear()
        _SCANS[key] = _named_elsewhere(block[:_SCANNED], entry, entries)
    path = _SCANS[key]
    return next((e for e in entries if e.path == path), None) if path else None


_SCANNED = 4000  # an answer's first characters: where the other item is named, if at all
_SCANS: dict[tuple, tuple[int, ...] | None] = {}


def _named_elsewhere(block: str, entry: Entry, entries: list[Entry]) -> tuple[int, ...] | None:
    own = tokens(entry.item.text)  # the item's own words say which one repeats, not which
    found: set[tuple[int, ...]] = set()
    for clause in re.split(r"[.!?:;,()]\s+|\s-+\s", block):
        naming = named(" ".join(w for w in clause.split() if not tokens(w) & own), entries)
        if naming is not None and naming.clear and not related(naming.entry, entry):
            found.add(naming.entry.path)
    return next(iter(found)) if len(found) == 1 else None


def twin(entry: Entry, others: tuple[Entry, ...]) -> Entry | None:
    """Of the other items quoted with `entry` under "this is the same", the one it repeats:
    the one whose link names the same mail (patchew's and lore's addresses of one cover
    letter), else the one whose title holds the other's words."""
    if len(others) == 1:
        return others[0]
    mails = _mails(entry)
    same = [other for other in others if mails & _mails(other)]
    if len(same) == 1:
        return same[0]
    from rapidfuzz import fuzz  # (rarely asked: loaded only then)

    title = entry.item.text.lower()
    close = [other for other in others  # one title in the other: "X (v3)", "X plus fallout"
             if min(len(title.split()), len(other.item.text.split())) >= 3
             and fuzz.token_set_ratio(title, other.item.text.lower()) >= 95]
    return close[0] if len(close) == 1 else None


def _mails(entry: Entry) -> set[str]:
    """The Message-IDs (or last path parts) an item's links end in."""
    ends = (link.rstrip("/").rsplit("/", 1)[-1].lower() for link in entry.item.links)
    return {end for end in ends if len(end) >= 12}
