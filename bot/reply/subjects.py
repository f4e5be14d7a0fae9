"""Which of the quoted items each part of a summary speaks of.

An RM catching up on a week answers several quoted items in one paragraph
("the CPUID series went into staging, Jonas has since sent v4 of the cache
work, and the static memory series belongs under Completed"), or a line per
item opened by its topic ("PPC: ...", "Spinlocks: ..."). Each part is read
with the item it names as its subject. Only the quoted items compete, so one
word of a title that no other quoted item has names it; a clause that names
none carries on with the item before it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from bot.reply.matching import Entry
from bot.reply.naming import TITLE_WORDS, known_words, stem_of, tokens
from bot.reply.sentences import sentences

SUBJECT_WORDS = 6  # an item named this far into its clause is what the clause is about
# where a new subject can start inside a sentence; the separator stays with the clause before
# (not at a bare "and": "the modprobe and Andrew's check" is one subject of two items)
_CLAUSE = re.compile(r"[;,:]\s+|\s-+\s+|\s(?=(?:but|while|whereas|meanwhile)\s)", re.I)
_LIST_LINE = re.compile(r"^[ \t]*(?:[-*\u2022]|\d{1,2}[.)])\s", re.M)
_ONE_STATEMENT = re.compile(r"\brespectively\b", re.I)  # one sentence for several items
_TOPIC = re.compile(r"^\W*([^:.!?\n]{2,40}):\s")  # "Spinlocks: the last patch ..."
_PATCH_TAG = re.compile(r"^\s*(?:\[[^\]]{0,40}\]\s*)+")  # "[XEN PATCH v3 0/7] "
# topics that head a line without naming anything
_NO_TOPIC = frozenset("status update updates note notes summary news edit ps fyi todo "
                      "also plan question answer".split())


# "I'd have liked the former to go in ... As to the latter, not for 4.19 either": the first
# and the second of two quoted items
_FORMER = re.compile(r"\bthe (former|latter)\b", re.I)


def names_two(text: str, entries: list[Entry]) -> bool:
    """Whether the text has two words some items have at all (or "the former" and "the
    latter"): a cheap look before the quoted items are matched one by one."""
    if len({m.lower() for m in _FORMER.findall(text)}) == 2:
        return True
    words = known_words(entries)
    return sum(1 for word in tokens(text) if word in words) >= 2


def named_among(text: str, quoted: list[Entry], sections: bool = False) -> Entry | None:
    """The one quoted item `text` names by a word no other quoted item has; `sections`:
    a section heading's words count as its items' ("PPC:" for the one PPC item)."""
    said = tokens(text)
    if not said or len(quoted) < 2:
        return None
    own = [_words(entry.item.text, entry.item.owners, entry.section if sections else "")
           for entry in quoted]
    scores = [0] * len(quoted)
    for word in said:
        having = [n for n, words in enumerate(own) if _has(words, word)]
        if len(having) == 1:  # a word of one quoted item only
            scores[having[0]] += 1
    best = max(scores)
    if best == 0 or scores.count(best) > 1:
        return None
    return quoted[scores.index(best)]


@lru_cache(maxsize=512)
def _words(title: str, owners: tuple[str, ...], section: str) -> frozenset[str]:
    """The title's first words and the owners' names: what a sender calls the item by
    (a word deep in a long title, "other related changes", names nothing)."""
    title = _PATCH_TAG.sub("", title)  # "[XEN PATCH v3 0/7] ..." says nothing of its own
    return tokens(" ".join([*title.split()[:TITLE_WORDS], *owners, section]))


def _has(words: set[str] | frozenset[str], word: str) -> bool:
    return word in words or any(stem_of(word, own) for own in words)


def by_subject(text: str, quoted: list[Entry],
               says_something: Callable[[str], bool] = lambda _line: False
               ) -> list[tuple[str, Entry | None]]:
    """The block cut where its subject turns to another quoted item: (part, item) in order,
    None for what precedes the first naming. Empty unless two quoted items are named."""
    parts: list[tuple[str, Entry | None]] = []
    if _LIST_LINE.search(text):
        return []  # a list of its own: new items, or a status per line, read as a list
    for sentence in sentences(text, says_something):
        for piece, entry in _pieces(sentence, quoted):
            if parts and (entry is None or entry is parts[-1][1]):
                parts[-1] = (f"{parts[-1][0]} {piece}", parts[-1][1])
            else:
                parts.append((piece, entry))
    if len({entry for _p, entry in parts if entry is not None}) < 2:
        return []
    if parts[0][1] is None and len(parts) > 1:  # a preamble goes with the first named part
        parts[:2] = [(f"{parts[0][0]} {parts[1][0]}", parts[1][1])]
    return parts


def _pieces(sentence: str, quoted: list[Entry]) -> list[tuple[str, Entry | None]]:
    if _ONE_STATEMENT.search(sentence):
        return [(sentence, None)]
    topic = _TOPIC.match(sentence)
    if topic and not set(topic[1].lower().split()) & _NO_TOPIC:
        named = named_among(topic[1], quoted, sections=True)
        if named is not None:
            return [(sentence, named)]
    starts = [0, *(m.end() for m in _CLAUSE.finditer(sentence))]
    pieces: list[tuple[str, Entry | None]] = []
    for start, end in zip(starts, [*starts[1:], len(sentence)], strict=True):
        clause = sentence[start:end]
        head = " ".join(clause.split()[:SUBJECT_WORDS])
        which = _FORMER.search(head) if len(quoted) == 2 else None
        named = (quoted[0] if which[1].lower() == "former" else quoted[1]) if which else \
            named_among(head, quoted)
        if pieces and (named is None or named is pieces[-1][1]):
            pieces[-1] = (pieces[-1][0] + clause, pieces[-1][1])
        elif pieces and pieces[-1][1] is None:
            pieces[-1] = (pieces[-1][0] + clause, named)  # the opening clauses lead up to it
        else:
            pieces.append((clause, named))
    return [(piece.strip(), entry) for piece, entry in pieces]
