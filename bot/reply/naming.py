"""Which item of the post a piece of prose names in its own words.

Replies say what happened to an item without quoting it ("Meanwhile I
committed the EFI alignment fix"), or under a quote of the post's prose
rather than of the entry ("another issue ... caused by 63a7cb1"). The
names they use: a link or commit id the item carries, a patch subject in
quotes or after `[PATCH ...]`, or words few other items use (weighed by
inverse item frequency). Two unrelated items named alike name neither:
the caller then reads a remark, never a change.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from bot.lazy import LazyPattern
from bot.reply.matching import Entry, normalise

# what names an item outright: a URL it carries, a commit id, a subject it is titled by
_URL = re.compile(r"https?://[^\s<>\"')\]]+", re.I)
_HASH = re.compile(r"\b(?=[0-9a-f]*[a-f])(?=[0-9a-f]*[0-9])[0-9a-f]{7,40}\b")
_SUBJECT = re.compile(r"\"([^\"\n]{12,160})\""
                      r"|\[(?:[A-Z .-]*)?PATCH[^\]\n]{0,200}\]\s*([^\n]{12,160})")
_TOKEN = re.compile(r"[a-z0-9][a-z0-9_./-]*[a-z0-9]|[a-z0-9]")
# words that name nothing however rare they are in one post
_PLAIN = frozenset(
    "the and for fix not but has was are now one two all any can may its our you his her "
    "new old out set get put use see got did way too yet own per via off let try why how who "
    "add bug run end top few lot bit ask had him she they them then than this that with from "
    "have been will would should could there their what which when where while patch patches "
    "posted done thanks just also into about only some more like need needs please release "
    "list item items still does know think upstream tree went last week today yesterday sent "
    "ping fixed fixes over under after before being make made able issue issues report "
    "reported problem problems commit commits series version merged applied picked pull "
    "tracking regression regressions change changes work works working next time since back "
    "because though already again other another first second same well good sure much many "
    "series mail thread maybe probably seems look looks looking here were cause caused rfc "
    # what a developer calls any piece of work: "the spinlock rework", "the watchdog fixes"
    "rework reworks cleanup cleanups bugfixes refactoring".split()
)
# "this is a duplicate of the X item", "move it to Y": the sentence is about the quote
POINTS_UP = re.compile(r"\b(?:it|its|they|them)\b|\bth(?:is|ese)\b(?!\s+(?:morning|afternoon|"
                       r"evening|week|month|year|time|cycle|round|release))", re.I)
# where a sentence's clauses meet (sentences come with their white space collapsed)
CLAUSES = re.compile(r"[;:,]\s|\s-+\s|\s(?:but|and|so|while|whereas)\s", re.I)
TITLE_WORDS = 8  # a title's first words: what a sender calls the item by
CLEAR = 0.9  # a naming sure enough to act on with a firm verb
HINT = 0.6  # a naming that can only propose


@dataclass(frozen=True)
class Naming:
    """The item named, how (link, subject, words) and how surely (CLEAR or HINT)."""

    entry: Entry
    how: str
    sureness: float

    @property
    def clear(self) -> bool:
        return self.sureness >= CLEAR


@dataclass(frozen=True)
class _Lexicon:
    """Per post: each item's words and ids, and in how many items each word occurs."""

    words: tuple[frozenset[str], ...]
    titles: tuple[frozenset[str], ...]
    tags: tuple[frozenset[str], ...]  # a title's subsystem prefix: "spi: spidev:"
    frequency: dict[str, int]
    stems: dict[str, tuple[tuple[int, str], ...]]  # first four letters → (item, word)
    index: dict[str, tuple[int, ...]]  # word → the items that have it
    versioned: tuple[int, ...]  # items with a release number among their words


_CACHE: list[tuple[list[Entry], _Lexicon]] = []


def named(text: str, entries: list[Entry], rival: Entry | None = None,
          strict: bool = False) -> Naming | None:
    """The one item `text` names, or None when it names none or two alike; `rival`
    (the item quoted above) must be named clearly less for another to win; `strict`:
    words name an item clearly only when two of its title's are there (a quoted
    paragraph about several issues shares one word with many)."""
    if not entries:
        return None
    for how, found in (("link", _by_link(text, entries)), ("subject", _by_subject(text, entries))):
        if found is _TIE or (found is not None and rival is not None and related(found, rival)):
            return None
        if found is not None:
            return Naming(found, how, 0.95)
    return _by_words(text, entries, rival, strict)


def related(one: Entry, other: Entry) -> bool:
    """One item inside the other ("Fix incoming" under its report): not rivals."""
    shorter = min(len(one.path), len(other.path))
    return one.path[:shorter] == other.path[:shorter]


_TIE = object()


def _unique(found: list[Entry]):
    """The outermost of items that all lie on one branch, a tie marker for rivals."""
    if not found:
        return None
    top = min(found, key=lambda e: len(e.path))
    return top if all(related(top, e) for e in found) else _TIE


def _by_link(text: str, entries: list[Entry]):
    urls = [u.rstrip(".,;:") for u in _URL.findall(normalise(text))]
    urls = [u.split("://", 1)[1].rstrip("/") for u in urls]
    hashes = _HASH.findall(text.lower())
    if not urls and not hashes:
        return None
    found = []
    for entry in entries:
        if entry.item.placeholder:
            continue
        if any(len(u) > 12 and u in entry.norm for u in urls) or any(
            h[:7] in entry.norm and _carries_hash(entry.norm, h) for h in hashes
        ):
            found.append(entry)
    return _unique(found)


def _carries_hash(norm: str, wanted: str) -> bool:
    """A commit id the item writes, shorter or longer than the sender's."""
    return any(h.startswith(wanted) or wanted.startswith(h) for h in _HASH.findall(norm))


def _by_subject(text: str, entries: list[Entry]):
    from rapidfuzz import fuzz

    subjects = [" ".join((a or b).split()).lower() for a, b in _SUBJECT.findall(text)]
    found = []
    for subject in subjects:
        for entry in entries:
            if entry.item.placeholder or len(entry.norm) < 12:
                continue
            if fuzz.partial_ratio(subject, entry.norm[: max(len(subject) * 2, 80)]) >= 92:
                found.append(entry)
    return _unique(found)


def known_words(entries: list[Entry]) -> dict[str, tuple[int, ...]]:
    """Every word some item of the post has, with the items that have it."""
    return _lexicon(entries).index


def _lexicon(entries: list[Entry]) -> _Lexicon:
    for cached_entries, cached in _CACHE:
        if cached_entries is entries:
            return cached
    words = tuple(frozenset() if e.item.placeholder else tokens(e.norm) for e in entries)
    titles = tuple(tokens(" ".join(_BRACKETS.sub("", e.item.text.lower()).split()[:TITLE_WORDS]))
                   for e in entries)  # "[PATCH v9 0/6]" is no word of what the work is called
    tags = tuple(tokens(_TAG.match(e.item.text.lower())[0]) for e in entries)
    frequency: dict[str, int] = {}
    for each in words:
        for word in each:
            frequency[word] = frequency.get(word, 0) + 1
    stems: dict[str, list[tuple[int, str]]] = {}
    for number, each in enumerate(words):
        for word in each:
            if len(word) >= 4:
                stems.setdefault(word[:4], []).append((number, word))
    index: dict[str, list[int]] = {}
    for number, each in enumerate(words):
        for word in each:
            index.setdefault(word, []).append(number)
    versioned = tuple(n for n, each in enumerate(words) if any(_version(w) for w in each))
    lexicon = _Lexicon(words, titles, tags, frequency,
                       {key: tuple(found) for key, found in stems.items()},
                       {key: tuple(found) for key, found in index.items()}, versioned)
    _CACHE[:] = [(entries, lexicon), *_CACHE[:3]]  # a few posts: a mailbox mixes threads
    return lexicon


_PARTS = re.compile(r"[/._-]")
_BRACKETS = re.compile(r"^\s*(?:\[[^\]]*\]\s*)+")
_SHORTHAND = re.compile(r"^[a-z]{1,2}(\d+\.\d+)$")


def tokens(text: str) -> frozenset[str]:
    """Words that can name: three letters or more, no plain English; a path's parts too
    ("drm/msm/dp" is also "msm"), so a sender's "the msm fix" finds it."""
    found = set()
    for token in _TOKEN.findall(text.lower()):
        found.add(token)
        if not token.isalnum():
            found.update(_PARTS.split(token))
            found.add(token.replace("-", ""))  # "FF-A" is the title's "ffa"
        if (short := _SHORTHAND.match(token)) is not None:
            found.add(short[1])  # "R20.7" is the title's "Rule 20.7", "D4.10" its "4.10"
    return frozenset(t for t in found if len(t) >= 3 and t not in _PLAIN and not t.isdigit())


def _shared(said: frozenset[str], words: frozenset[str], stemmed: set[str]
            ) -> tuple[set[str], set[str]]:
    """The item's words the sender used: as written, and by stem ("locking" for "lock",
    "discards" for "discard"), which says less; `stemmed`: the item's words that share
    a stem with one of the sender's (looked up once per sentence, by first letters)."""
    exact = set(said & words)
    for word in said - exact:
        if _version(word):  # "4.1.3" is a release of the item's "4.1"
            exact.update(w for w in words if _version(w) and word.startswith(w + "."))
    return exact, stemmed - exact


def _version(word: str) -> bool:
    """ "4.1", "4.1.3": dotted numbers (split, not a regex: asked of every word)."""
    parts = word.split(".")
    return len(parts) > 1 and all(p.isdigit() for p in parts)


def stem_of(one: str, other: str) -> bool:
    short, long_ = sorted((one, other), key=len)
    return long_.startswith(short) and len(long_) - len(short) <= 3 and len(short) >= 4


_TAG = re.compile(r"^(?:\[[^\]]*\]\s*)*(?:[\w/.-]+:\s*){0,3}")
_NAME_LIKE = re.compile(r"[0-9/_.-]")


def _whole(words: set[str]) -> set[str]:
    """Words, not the parts of one: "cherry-pick" is one word of a title, not three."""
    return {w for w in words if not any(  # ("avx10.1" stays two: "avx10" and "avx10.1")
        w != other and "-" in other and (w in other.split("-") or w == other.replace("-", ""))
        for other in words)}


def _marked(text: str) -> frozenset[str]:
    """Words the sender writes as names: "EFI", "OCaml", "ntfs3", "drm/msm"."""
    found = re.findall(r"\b[A-Za-z0-9][\w/.-]*\b", text)
    return frozenset(w.lower() for w in found if _NAME_LIKE.search(w)
                     or sum(c.isupper() for c in w[1:]) >= 1)


def _by_words(text: str, entries: list[Entry], rival_entry: Entry | None,
              strict: bool = False) -> Naming | None:
    lexicon = _lexicon(entries)
    said = tokens(text)
    if not said:
        return None
    marked = _marked(text)
    stemmed: dict[int, set[str]] = {}
    for word in said:
        if len(word) >= 5:
            for number, candidate in lexicon.stems.get(word[:4], ()):
                if candidate not in said and word not in lexicon.words[number] and stem_of(
                        candidate, word):
                    stemmed.setdefault(number, set()).add(candidate)
    scored = []
    candidates = {n for w in said for n in lexicon.index.get(w, ())} | set(stemmed)
    if any(_version(w) for w in said):
        candidates.update(lexicon.versioned)
    for number in sorted(candidates):  # only items that share a word: the rest score 0
        words = lexicon.words[number]
        exact, stems = _shared(said, words, stemmed.get(number, set()))
        if not exact and not stems:
            continue
        title = lexicon.titles[number]
        weight = sum(
            (2.0 if w in title else 1.0)
            * (1.5 if len(w) > 6 else 1.0)
            * (1.0 if w in exact else 0.5)
            / lexicon.frequency.get(w, 1)
            for w in exact | stems
        )
        # a name as names are written in the title, or two words of it, say which item outright
        # (a name in the small print, "on qemu-xen-traditional", is often only the setting)
        telling = len(_whole(exact & title)) >= 2 or not strict and any(
            (w in marked and w in title) or w in lexicon.tags[number] for w in exact
            if lexicon.frequency.get(w, 1) == 1)
        scored.append((weight, telling, number))
    if not scored:
        return None
    scored.sort(reverse=True)
    weight, telling, number = scored[0]
    top = entries[number]
    rival = next((w for w, _t, n in scored[1:] if not related(top, entries[n])), 0.0)
    if rival_entry is not None:
        # a sub-item of the quoted one ("Rule 20.7:" under a quoted "MISRA C rules updates")
        # is the one named, more precisely; the quoted item itself or its parent is not
        inside = len(top.path) > len(rival_entry.path) and \
            top.path[: len(rival_entry.path)] == rival_entry.path
        if related(top, rival_entry) and not inside:
            return None  # the quoted item is the one named
        rival = max([rival, *(w for w, _t, n in scored if related(entries[n], rival_entry)
                              and entries[n] is not top and not (inside and related(
                                  entries[n], top)))])
    if weight < 2.0 or weight < 2.0 * rival:
        return None
    sure = telling and weight >= 3.0 * rival
    return Naming(top, "words", CLEAR if sure else HINT)


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
    cuts = [0, *(m.start() for m in CLAUSES.finditer(sentence)), len(sentence)]
    fragments = [sentence[start:end] for start, end in itertools.pairwise(cuts)]
    plain = [_names_first(fragment, entries, None) for fragment in fragments]
    listed = _enumerated(sentence, fragments, plain, entries, says)
    if listed:
        return listed
    if rival is not None and _compound(sentence, cuts, entries, says):
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
    if len(fragments) < 2:
        return []
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


def _compound(sentence: str, cuts: list[int], entries: list[Entry],
              says: Callable[[str], bool]) -> bool:
    """ "I committed the scheduling rework and the live update RFC" under a quote: two
    items share the clause's verb, the second is no clause of its own (under a quote
    only: there, the quoted item keeps a sentence the split would take from it)."""
    fragments = [sentence[start:end] for start, end in itertools.pairwise(cuts)]
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
    index = _lexicon(entries).index
    return any(word in index or word[:4] in _lexicon(entries).stems for word in tokens(text)) \
        or '"' in text or "“" in text or "://" in text or bool(_HASH.search(text))


def _as_context(text: str, entry: Entry, entries: list[Entry]) -> bool:
    """Whether the item is named as another's context, not as what the clause is about:
    after a preposition ("blocked on the X series", "unlike the X one"; a topic's "On X:"
    opening the clause names it), or as another project's ("the Linux X rework", "QEMU's
    X")."""
    words = [m[0].lower() for m in _WORD.finditer(text)]
    own = _lexicon(entries).words[entries.index(entry)]
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


def named_as_work(text: str, entries: list[Entry]) -> Naming | None:
    """The item a name names where it is said as a piece of work ("I've also sent v10 of
    the 9pfs series"), not as a setting ("more testing with dom0less")."""
    works = " ".join(m["name"] for m in _THE_WORK.finditer(text))  # (not "part", "fixes")
    naming = named(works, entries) if works else None
    if naming is None or naming.clear:
        return naming
    # said as a work, a hint names it when a word of its title only it has is there as
    # written ("the xenwatchdogd fixes"; not "the page allocator part" for "Allocation")
    lexicon = _lexicon(entries)
    number = entries.index(naming.entry)
    said = tokens(works)  # every word of the name its item's ("the domain creation rework"
    if said - lexicon.words[number] or not any(  # is not "Hyperlaunch domain builder")
            lexicon.frequency.get(w, 0) == 1 for w in said & lexicon.titles[number]):
        return None
    return replace(naming, sureness=CLEAR)


def as_it(sentence: str, entry: Entry, entries: list[Entry]) -> str:
    """The sentence with the phrase that names `entry` as a piece of work said "it"
    ("The xenwatchdogd fixes will have to wait for 4.32" → "it will have to wait for
    4.32"), or without the topic that names it ("RISC-V build: v12 on the list since
    Monday" → "v12 on the list since Monday"): the wordings are written the way an
    answer under a quote says them. Asked only of what reads nothing as it is."""
    head = _HEAD.match(sentence)
    if head is not None and len(head[1].split()) <= 5 and not _SAYS_SOMETHING.search(head[1]):
        naming = named(head[1], entries) or named_as_work(f"the {head[1]} series", entries)
        if naming is not None and naming.entry is entry:
            return sentence[head.end():]
    for found in _IN_QUOTES.finditer(sentence):  # 'I've moved "PCI passthrough" to 4.32'
        if _AFTER_PREPOSITION.search(sentence[max(0, found.start() - 20): found.start()]):
            continue
        naming = named(found[0], entries)
        if naming is not None and naming.entry is entry:
            return sentence[: found.start()] + "it" + sentence[found.end():]
    for found in _THE_WORK.finditer(sentence):  # subject or object ("noted the X as done"),
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
    lexicon = _lexicon(entries)
    found = {number for match in _THE_NAME.finditer(text)
             for word in tokens(match[1])
             if lexicon.frequency.get(word, 0) == 1
             for number in lexicon.index.get(word, ()) if word in lexicon.titles[number]}
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


_THE_WORK = LazyPattern(r"\b(?:the|my|our|his|her|their)\s+(?P<name>(?:(?!(?:of|from|to|in|on|for"
                        r"|with|at|by|and|or|patch(?:es)?|series|end|rest|remaining|other|first|last"
                        r"|next|new|same|whole)\s)[\w/.+-]+\s+){1,4}?)(?:series|patch"
                        r"(?:es|set)?|work|fix(?:es)?|rework|changes|one|bits|part|item"
                        r"|improvements|additions|cleanups?)\b", re.I)
