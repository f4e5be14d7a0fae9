"""Which item each clause of a sentence is about: the sentence cut where it turns from
one item to another, a list of items sharing one clause's statement, the name said
before its "it", never an item named only as context, an aside or another project's
work; and the sentence said again with its named work as "it", the way the wordings
are written for answers under a quote.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass

from bot.reply.duplicates import by_number
from bot.reply.matching import Entry
from bot.reply.naming import (
    CLAUSES,
    CLEAR,
    HASH,
    POINTS_UP,
    THE_WORK,
    Naming,
    lexicon,
    named,
    named_as_topic,
    named_as_work,
    related,
    tokens,
)


@dataclass(frozen=True)
class Piece:
    """Part of a sentence about one item: the one it `naming`s clearly, else (None) the
    item the sentence is about; `elsewhere`: about some other work the post does not
    name ("... and the watchdog fixes will have to wait"), so about no item."""

    text: str
    naming: Naming | None = None
    elsewhere: bool = False


# a clause with a subject of its own: "and the watchdog fixes will have to wait"
_OWN_SUBJECT = re.compile(r"^[\s,;:-]*(?:(?:and|but|while|whereas|so)\s+)?(?:the|my|our|their|his|"
                          r"her|\w+'s)\s+\w", re.I)


def by_item(sentence: str, entries: list[Entry], rival: Entry | None = None,
            says: Callable[[str], bool] = lambda _piece: True) -> list[Piece]:
    """The sentence cut where it turns from one item to another ("the coloring series is
    in, the spinlock rework still needs review"); the whole sentence alone when it names
    one item or none. What a clause names is said before any "it" of it ("and it fixes
    the X regression" points back; "the AVX series got its v2 out" does not); a piece
    that `says` nothing goes back to the one before it ("Pushed, GICv4 reviews are
    next"); `rival`: the item quoted above, which a piece that names nothing else is
    about, and which a sentence that names another item outright is not about."""
    refs = _by_refs(sentence, entries)
    if refs:
        return refs
    cuts = [0, *(m.start() for m in CLAUSES.finditer(sentence)), len(sentence)]
    fragments = [sentence[start:end] for start, end in itertools.pairwise(cuts)]
    plain = [_names_first(fragment, entries, None) for fragment in fragments]
    listed = _enumerated(sentence, fragments, plain, entries, says)
    if listed:
        return listed
    if rival is not None and _compound(fragments, entries, says):
        return [Piece(sentence)]

    def tells(text: str, naming: Naming | None) -> bool:  # (its work said as "it" too)
        return says(text) or naming is not None and says(as_it(text, naming.entry, entries))

    pieces: list[Piece] = []
    for number, fragment in enumerate(fragments):
        naming = plain[number] if rival is None else _names_first(fragment, entries, rival)
        if rival is not None and naming is not None and not tells(fragment, naming) and (
                not _told_next(fragments[number + 1:], says)):
            naming = None  # under a quote, the clause that names another item says its news
            # (or the next one does, by "they" or "and <verb> it": "The FPU work is in the
            # same boat: they need a v4.")
        last = pieces[-1] if pieces else None
        if last is not None and last.naming is not None and naming is None and rival is not None \
                and _names_rival(fragment, entries, rival) and says(fragment):
            pieces.append(Piece(fragment))  # "..., and Directive 4.10 as partially merged":
            # back to the quoted item
        elif last is None:
            pieces.append(Piece(fragment, naming))
        elif naming is not None and not (last.naming is not None and related(
                naming.entry, last.naming.entry)):
            pieces.append(Piece(fragment, naming))
        elif naming is None and not last.elsewhere and last.naming is not None and (
                _OWN_SUBJECT.match(fragment) and says(fragment) and says(last.text)):
            pieces.append(Piece(fragment, elsewhere=True))
        else:
            pieces[-1] = Piece(last.text + fragment, last.naming, last.elsewhere)
    merged: list[Piece] = []
    for piece in pieces:  # what says nothing of its own is the detail of what came before
        if merged and piece.naming is not None and not tells(piece.text, piece.naming):
            merged[-1] = Piece(merged[-1].text + piece.text, merged[-1].naming,
                               merged[-1].elsewhere)
        else:
            merged.append(piece)
    named_ones = [p for p in merged if p.naming is not None]
    if rival is None and len(named_ones) == 1 and any(
            _ASIDE.match(fragment) and named(fragment, entries) for fragment in fragments):
        # "you meant the walker rewrite, not static memory": the one named outright
        return [Piece(sentence, named_ones[0].naming)]
    if rival is None and len(named_ones) == 1 and merged[0] is named_ones[0] and (
            opening := named(_SUBJECT_END.split(sentence, 1)[0], entries)) is not None and (
            opening.clear and opening.entry is named_ones[0].naming.entry):
        return [Piece(sentence, opening)]  # "- ERMS memcpy/memset -> the rest waits on Andrew"
    if not named_ones or (rival is None and len(named_ones) < 2) or (
            len(merged) == 1 and not tells(merged[0].text, merged[0].naming)):
        return [Piece(sentence)]
    return [Piece(p.text.lstrip(" ,;:-"), p.naming, p.elsewhere) for p in merged]


def _by_refs(sentence: str, entries: list[Entry]) -> list[Piece]:
    """ "<3> and <4> are fixed by the same commit": rows of a bug bot's table by the refs
    the sentence opens with, each the whole sentence's news (a ref no row has names
    nothing; one row left is read as one ref is)."""
    listed = _REFS.match(sentence)
    if listed is None or len(_REF.findall(sentence)) > len(_REF.findall(listed[0])):
        return []  # ("<3> and <4> are fixed, <1> is still being bisected": rows apart)
    found = [e for ref in _REF.findall(listed[0]) if (e := by_number(ref, entries))]
    if len({id(e) for e in found}) < 2:
        return []
    return [Piece(sentence, Naming(entry, "number", CLEAR))
            for entry in {id(e): e for e in found}.values()]


_REF = re.compile(r"<\d{1,3}>")
_REFS = re.compile(r"^\s*<\d{1,3}>(?:\s*(?:,|and|&|\+|,\s*and)\s*<\d{1,3}>)+(?=[\s,:])", re.I)


# where a sentence's subject ends: what comes before it is what the sentence is about
# ("- ERMS memcpy/memset -> the remaining four patches | are waiting"; "I | want more
# testing with dom0less" has none)
_SUBJECT_END = re.compile(r"\b(?:I|we|you|he|she|they|it|is|are|was|were|has|have|had|will|would"
                          r"|can|could|should|do|does|did|got|went)\b|[\x27’](?:s|re|ve|ll|d)\b",
                          re.I)


def _names_rival(fragment: str, entries: list[Entry], rival: Entry) -> bool:
    naming = named(fragment, entries, strict=True)
    return naming is not None and naming.clear and related(naming.entry, rival)


def _told_next(fragments: list[str], says: Callable[[str], bool]) -> bool:
    """Whether the next clause says the news of the one before it, by "they" or "it"."""
    return bool(fragments) and bool(_POINTER_FIRST.match(fragments[0])) and says(fragments[0])


# (": they need a v4", "and marked it as being worked on")
_POINTER_FIRST = re.compile(r"^[\s,;:-]*(?:(?:and|but|so)\s+(?:(?:\w+\s+){1,2}(?:it|them)|they"
                            r"|these)|they|these)\b", re.I)


def _enumerated(sentence: str, fragments: list[str], namings: list[Naming | None],
                entries: list[Entry], says: Callable[[str], bool]) -> list[Piece]:
    """ "The core scheduling series, the live update RFC and the CPUID faulting series are
    all in", "I committed the AVX10.1 series and the ERMS series yesterday": items listed
    in one clause share its one statement, each the whole sentence's news."""
    found = [naming for naming in namings if naming is not None]
    if len(found) < 2:
        return []  # (the common case, asked before any fragment is read)
    saying = [n for n, fragment in enumerate(fragments) if says(fragment)]
    if len(saying) != 1 or any(
            related(one.entry, other.entry) for one, other in itertools.combinations(found, 2)):
        return []
    if any(n != saying[0] and not (naming is not None and _BARE.match(fragments[n]) and not
                                   _VERBISH.search(fragments[n]))
           for n, naming in enumerate(namings)):
        return []  # "X is in, which unblocks Y": a clause of its own, no list
    return [Piece(sentence, naming) for naming in found]


# a fragment that is only a name in a list: ", the live update RFC", " and the ERMS series
# yesterday"
_BARE = re.compile(r"^[\s,;:-]*(?:(?:and|or|plus|as well as)\s+)?(?:both\s+)?(?:[^\s,;:]+\s*){1,7}"
                   r"[.!]?\s*$", re.I)
_VERBISH = re.compile(r"\b(?:is|are|was|were|be|been|has|have|had|will|would|can|could|should"
                      r"|must|may|might|needs?|waits?|which|that|who|whose|where|when|because"
                      r"|since|so|but|while|unblocks?|blocks?|depends?|[a-z]+ed)\b", re.I)


def _compound(fragments: list[str], entries: list[Entry], says: Callable[[str], bool]) -> bool:
    """ "I committed the scheduling rework and the live update RFC" under a quote: two
    items share the clause's verb, the second is no clause of its own (under a quote
    only: there, the quoted item keeps a sentence the split would take from it)."""
    for before, fragment in itertools.pairwise(fragments):
        if _AND.match(fragment) and not says(fragment) and named(
                fragment, entries) is not None and (named(before, entries) is not None
                                                    or named_as_work(before, entries)):
            return True
    return False


_AND = re.compile(r"^,?\s(?:and|or)\s", re.I)


def _names_first(fragment: str, entries: list[Entry], rival: Entry | None) -> Naming | None:
    """The item a clause names clearly before any word that points back, unless it is
    the quoted one; under a quoted item, by two words of its title or as the work it
    names ("the ERMS one"), not by a word of the prose ("breaks a cherry-pick")."""
    pointer = POINTS_UP.search(fragment)
    said = fragment[: pointer.start()] if pointer else fragment
    if not _may_name(said, entries):
        return None  # (most clauses: no word any item has, no quote, link or commit id)
    naming = named(said, entries, strict=rival is not None)
    if rival is not None and (naming is None or not naming.clear):
        naming = named_as_work(said, entries) or _the_name(said, entries)
    if naming is None or not naming.clear or rival is not None and related(naming.entry, rival):
        return None
    if _as_context(said, naming.entry, entries) or _ASIDE.match(said):
        return None  # "unlike the ERMS series", "blocked on the ERMS series", "the Linux X",
        # ", who moved to the scheduler team", ", not static memory"
    return naming


# a clause that is an aside about what came before it, not a statement of its own
_ASIDE = re.compile(r"^[\s,;:(-]*(?:who|whom|whose|which|where|not|rather than|instead of)\b",
                    re.I)


def _may_name(text: str, entries: list[Entry]) -> bool:
    lex = lexicon(entries)
    return any(word in lex.index or word[:4] in lex.stems for word in tokens(text)) \
        or '"' in text or "“" in text or "://" in text or bool(HASH.search(text))


def _as_context(text: str, entry: Entry, entries: list[Entry]) -> bool:
    """Whether the item is named as another's context, not as what the clause is about:
    after a preposition ("blocked on the X series", "unlike the X one"; a topic's "On X:"
    opening the clause names it), or as another project's ("the Linux X rework", "QEMU's
    X")."""
    words = [m[0].lower() for m in _WORD.finditer(text)]
    own = lexicon(entries).words[entries.index(entry)]
    first = next((n for n, word in enumerate(words) if word in own), None)
    if first is None:
        return False
    if any(word in _OTHER_PROJECTS for word in words[max(0, first - 4): first + 1]):
        return True
    at = first - 1
    while at >= 0 and words[at] in _DETERMINERS:
        at -= 1
    if at < 0 or words[at] not in _PREPOSITIONS:
        return False
    return words[: at + 1] not in _TOPIC_OPENERS  # "On the X series: half is in": its topic


_TOPIC_OPENERS = (["on"],)
_WORD = re.compile(r"[A-Za-z0-9][\w./+-]*")
_DETERMINERS = frozenset("the a an this that these those my our his her their its your".split())
# (not "for", "about", "of": "posted for APX", "pinged Stefano about the X fixes" name
# what the clause is about)
_PREPOSITIONS = frozenset(
    "on by with after behind than like unlike under over besides beside against via onto into "
    "upon atop".split())
_OTHER_PROJECTS = frozenset(
    "linux linux's kernel qemu qemu's libvirt edk2 ovmf u-boot glibc gcc llvm clang freebsd "
    "netbsd openbsd windows kvm kvm's seabios".split())


def as_it(sentence: str, entry: Entry, entries: list[Entry]) -> str:
    """The sentence with the phrase that names `entry` as a piece of work said "it"
    ("The xenwatchdogd fixes will have to wait for 4.32" → "it will have to wait for
    4.32"), or without the topic that names it ("RISC-V build: v12 on the list since
    Monday" → "v12 on the list since Monday"): the wordings are written the way an
    answer under a quote says them. Asked only of what reads nothing as it is."""
    head = _HEAD.match(sentence)
    if head is not None and len(head[1].split()) <= 5 and not _SAYS_SOMETHING.search(head[1]):
        naming = named(head[1], entries) or named_as_topic(head[1], entries)
        if naming is not None and naming.entry is entry:
            return sentence[head.end():]
    for found in _IN_QUOTES.finditer(sentence):  # 'I've moved "PCI passthrough" to 4.32'
        if _AFTER_PREPOSITION.search(sentence[max(0, found.start() - 20): found.start()]):
            continue
        naming = named(found[0], entries)
        if naming is not None and naming.entry is entry:
            return sentence[: found.start()] + "it" + sentence[found.end():]
    for found in THE_WORK.finditer(sentence):  # subject or object ("noted the X as done"),
        if _AFTER_PREPOSITION.search(sentence[max(0, found.start() - 20): found.start()]):
            continue  # the GRUB item"
        naming = named(found["name"], entries) or named_as_work(found[0], entries)
        if naming is not None and naming.entry is entry:
            return sentence[: found.start()] + "it" + sentence[found.end():]
    return sentence


_AFTER_PREPOSITION = re.compile(
    r"\b(?:under|about|for|of|on|with|from|in|into|to|than|like|after|before|over|by|against"
    r"|behind|beside|besides|unlike|since|until|without|via|onto|atop)\s+$", re.I)
_IN_QUOTES = re.compile(r"[\"“][^\"“”\n]{3,160}[\"”]")
# a head that is a clause, not a topic: "This is superseded by Edwin's "tools/ocaml: ..."
_SAYS_SOMETHING = re.compile(r"\b(?:is|are|was|were|be|been|by|has|have|had|this|that|it|I|we)\b"
                             r"|[\"“”]", re.I)
_HEAD = re.compile(r"^\W*([^:]{3,60}):\s+")


def _the_name(text: str, entries: list[Entry]) -> Naming | None:
    """ "the owner of the walker": "the" and a word of one title only, as written."""
    lex = lexicon(entries)
    found = {number for match in _THE_NAME.finditer(text)
             for word in tokens(match[1])
             if lex.frequency.get(word, 0) == 1
             for number in lex.index.get(word, ()) if word in lex.titles[number]}
    return Naming(entries[found.pop()], "words", CLEAR) if len(found) == 1 else None


# "the walker" said alone, opening a clause or after "of" ("the owner of the walker"), not
# a word of a longer name ("the domctl interface"), an aside in parentheses, nor after
# another preposition ("the fix for the speaker": what the fix is for)
_THE_NAME = re.compile(r"(?:^|(?<=[,;:]\s)|(?<=\bof\s))the ([a-z0-9][\w./+-]{4,})\b"
                       r"(?=\s*(?:[,.;:!?]|$|(?:and|is|was|has|had|got|went|needs?|still)\b))"
                       r"(?![^()\n]{0,80}\))", re.I)


def named_in_clause(sentence: str, entries: list[Entry]) -> Naming | None:
    """The one item the sentence's clauses name ("For Rule 16.3, half of it is in; the
    remaining x86 ones still need review"), where the whole of it, its other words
    weighed too, names none."""
    cuts = [0, *(m.start() for m in CLAUSES.finditer(sentence)), len(sentence)]
    found = [n for start, end in itertools.pairwise(cuts)
             if (n := _names_first(sentence[start:end], entries, None)) is not None]
    return found[0] if found and all(related(n.entry, found[0].entry) for n in found) else None
