"""Which item of the post a piece of prose names in its own words.

Replies say what happened to an item without quoting it ("Meanwhile I
committed the EFI alignment fix"), or under a quote of the post's prose
rather than of the entry ("another issue ... caused by 4f2b9d1"). The
names they use: a link or commit id the item carries, a patch subject in
quotes or after `[PATCH ...]`, or words few other items use (weighed by
inverse item frequency). Two unrelated items named alike name neither:
the caller then reads a remark, never a change.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from functools import lru_cache

from bot.lazy import LazyPattern
from bot.reply.matching import Entry, normalise
from bot.reply.perpost import read_once

# what names an item outright: a URL it carries, a commit id, a subject it is titled by
_URL = re.compile(r"https?://[^\s<>\"')\]]+", re.I)
HASH = re.compile(r"\b(?=[0-9a-f]*[a-f])(?=[0-9a-f]*[0-9])[0-9a-f]{7,40}\b")
_SUBJECT = re.compile(r"[\"“]([^\"“”\n]{12,160})[\"”]"
                      r"|\[(?:[A-Z .-]*)?PATCH[^\]\n]{0,200}\]\s*([^\n]{12,160})")
_TOKEN = re.compile(r"[a-z0-9][a-z0-9_./-]*(?:[a-z0-9]|_\*)|[a-z0-9]")  # ("the xs_* helpers")
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
    "rework reworks cleanup cleanups bugfixes refactoring "
    # a state, not a name: "a fix in process", "in progress" (not a "process_audit" title)
    "progress process".split()
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
class Lexicon:
    """Per post: each item's words and ids, and in how many items each word occurs."""

    words: tuple[frozenset[str], ...]
    titles: tuple[frozenset[str], ...]
    tags: tuple[frozenset[str], ...]  # a title's subsystem prefix: "spi: spidev:"
    frequency: dict[str, int]
    stems: dict[str, tuple[tuple[int, str], ...]]  # first four letters → (item, word)
    index: dict[str, tuple[int, ...]]  # word → the items that have it
    versioned: tuple[int, ...]  # items with a release number among their words
    releases: tuple[tuple[str, ...], ...]  # each item's release numbers ("4.1", "6.12")
    whole: tuple[str, ...]  # each item's whole title, normalised ("" when too short to name)




def named(text: str, entries: list[Entry], rival: Entry | None = None,
          strict: bool = False) -> Naming | None:
    """The one item `text` names, or None when it names none or two alike; `rival`
    (the item quoted above) must be named clearly less for another to win; `strict`:
    words name an item clearly only when two of its title's are there (a quoted
    paragraph about several issues shares one word with many)."""
    if not entries:
        return None
    for how, way in (("link", _by_link), ("subject", _by_subject)):
        found = way(text, entries)  # (a subject is looked for only when no link decided)
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
    hashes = HASH.findall(text.lower())
    if not hashes and "://" not in text:
        return None  # (most sentences: no address to normalise)
    urls = [u.rstrip(".,;:") for u in _URL.findall(normalise(text))]
    urls = [u.split("://", 1)[1].rstrip("/") for u in urls]
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
    return any(h.startswith(wanted) or wanted.startswith(h) for h in HASH.findall(norm))


def _by_subject(text: str, entries: list[Entry]):
    subjects = [" ".join((a or b).split()).lower() for a, b in _SUBJECT.findall(text)]
    if not subjects:
        return None  # (most sentences quote no subject: no rapidfuzz to load for them)
    from rapidfuzz import fuzz

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
    return lexicon(entries).index


@read_once
def lexicon(entries: list[Entry]) -> Lexicon:
    words = tuple(frozenset() if e.item.placeholder else tokens(e.norm) for e in entries)
    titles = tuple(tokens(" ".join(SUBJECT_TAGS.sub("", e.item.text.lower()).split()[:TITLE_WORDS]))
                   for e in entries)  # "[PATCH v9 0/6]" is no word of what the work is called
    tags = tuple(_tag_words(_TAG.match(e.item.text.lower())[0]) for e in entries)
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
    releases = tuple(tuple(sorted(w for w in each if _version(w))) for each in words)
    versioned = tuple(n for n, each in enumerate(releases) if each)
    whole = tuple("" if e.item.placeholder else _whole_title(e.item.text) for e in entries)
    return Lexicon(words, titles, tags, frequency,
                   {key: tuple(found) for key, found in stems.items()},
                   {key: tuple(found) for key, found in index.items()}, versioned, releases, whole)


_PARTS = re.compile(r"[/._-]")
SUBJECT_TAGS = re.compile(r"^\s*(?:\[[^\]]*\]\s*)+")  # "[PATCH v1 0/4] "
_SHORTHAND = re.compile(r"^[a-z]{1,2}(\d+\.\d+)$")


def whole_titles(entries: list[Entry]) -> tuple[str, ...]:
    """Each item's title as a pasted commit's subject line gives it whole."""
    return lexicon(entries).whole


_TRAILER = re.compile(r"\([^()]*\)$")  # "(v4)", "(Jonas Berg)": no part of its name


def _whole_title(text: str) -> str:
    """The title without its "[PATCH v9 0/6]" label, trailing "(v4)" or colon: as a pasted
    commit's subject line gives it."""
    title = _TRAILER.sub("", SUBJECT_TAGS.sub("", normalise(text.split("\n", 1)[0]))).rstrip(
        " :")
    return title if len(title) >= 20 else ""


def _tag_words(tag: str) -> frozenset[str]:
    """A subsystem prefix's names, as `tokens` gives them ("drm/msm/dp:" is also "msm",
    "risc-v/mm:" also "risc"), but for the later pieces of a hyphenated name
    ("selftests/watchdog-test:" is no "test": a word a tester's "our test farm" shares)."""
    later = {piece for token in _TOKEN.findall(tag) for segment in token.split("/")
             for piece in segment.split("-")[1:]}
    return tokens(tag) - later


@lru_cache(maxsize=4096)
def tokens(text: str) -> frozenset[str]:
    """Words that can name: three letters or more, no plain English; a path's parts too
    ("drm/msm/dp" is also "msm"), so a sender's "the msm fix" finds it. (Remembered: one
    sentence is asked of again clause by clause, by each way of naming.)"""
    found = set()
    for token in _TOKEN.findall(text.lower()):
        found.add(token)
        if not token.isalnum():
            found.update(_PARTS.split(token))
            found.add(token.replace("-", ""))  # "FF-A" is the title's "ffa"
        if (short := _SHORTHAND.match(token)) is not None:
            found.add(short[1])  # "R20.7" is the title's "Rule 20.7", "D4.10" its "4.10"
    return frozenset(t for t in found if len(t) >= 3 and t not in _PLAIN and not t.isdigit())


def _shared(said: frozenset[str], words: frozenset[str], stemmed: set[str],
            versions: tuple[str, ...], releases: tuple[str, ...]) -> tuple[set[str], set[str]]:
    """The item's words the sender used: as written, and by stem ("locking" for "lock",
    "discards" for "discard"), which says less; `stemmed`: the item's words that share
    a stem with one of the sender's (looked up once per sentence, by first letters);
    `versions`: the sender's dotted numbers (found once per sentence, not per item);
    `releases`: the item's (found once per post)."""
    exact = set(said & words)
    for word in versions:
        if word not in exact:  # "4.1.3" is a release of the item's "4.1"
            exact.update(w for w in releases if word.startswith(w + "."))
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


# words that say where a thing runs, not which thing: "a draft which works for HVM guests"
# names no "Virtual IOMMU for HVM guests" (they count, but not as two words of its title;
# of a title that is mostly such words, "PVH dom0", they are its name)
_SETTING = frozenset({"hvm", "pv", "pvh", "guest", "guests", "dom0", "domu", "host", "hosts",
                      "vcpu", "vcpus", "cpu", "cpus"})


def _whole(words: set[str]) -> set[str]:
    """Words, not the parts of one: "cherry-pick" is one word of a title, not three."""
    return {w for w in words if not any(  # ("avx10.1" stays two: "avx10" and "avx10.1")
        w != other and "-" in other and (w in other.split("-") or w == other.replace("-", ""))
        for other in words)}


def marked_names(text: str) -> frozenset[str]:
    """Words the sender writes as names: "EFI", "OCaml", "ntfs3", "drm/msm"."""
    return frozenset(w.lower() for w in _WRITTEN.findall(text) if _NAME_LIKE.search(w)
                     or w[1:] != w[1:].lower())  # (a capital after the first letter)


_WRITTEN = re.compile(r"\b[A-Za-z0-9][\w/.-]*(?:(?<=_)\*|\b)")


def _by_words(text: str, entries: list[Entry], rival_entry: Entry | None,
              strict: bool = False) -> Naming | None:
    lex = lexicon(entries)
    said = tokens(text)
    if not said:
        return None
    # the words written as names: found only when a title word no other item has is shared
    # (a regular-expression search of every word of the text, for most texts never needed)
    marked: frozenset[str] | None = None
    stemmed: dict[int, set[str]] = {}
    for word in said:
        if len(word) >= 5:
            for number, candidate in lex.stems.get(word[:4], ()):
                if candidate not in said and word not in lex.words[number] and stem_of(
                        candidate, word):
                    stemmed.setdefault(number, set()).add(candidate)
    scored = []
    # a quoted bullet of a line or two ("* the spi crash fix still waits in -next"): one
    # thing, so its one subsystem name says which item even where a paragraph's would not
    # (a sentence of the sender's own, "Blocked on the ERMS series", is no such bullet)
    start = text.lstrip(" \t") if strict else ""  # (asked only of strict naming)
    short = start[:1] in ("*", "\u2022", "-") and start[1:2] in (" ", "\t") and \
        len(text.split()) <= 20 and text.count("\n") <= 1
    candidates = {n for w in said for n in lex.index.get(w, ())} | set(stemmed)
    versions = tuple(w for w in said if _version(w))
    if versions:
        candidates.update(lex.versioned)
    for number in sorted(candidates):  # only items that share a word: the rest score 0
        words = lex.words[number]
        exact, stems = _shared(said, words, stemmed.get(number, set()), versions,
                               lex.releases[number])
        if not exact and not stems:
            continue
        title = lex.titles[number]
        weight = math.fsum(  # (exactly rounded: the same whatever order a set iterates in,
            (2.0 if w in title else 1.0)  # so a name "3 x its rival" is sure in every process)
            * (1.5 if len(w) > 6 else 1.0)
            * (1.0 if w in exact else 0.5)
            / lex.frequency.get(w, 1)
            for w in exact | stems
        )
        # a name as names are written in the title, or two words of it, say which item outright
        # (a name in the small print, "on qemu-xen-traditional", is often only the setting)
        shared = _whole(exact & title)
        if shared & _SETTING and len(_whole(title) - _SETTING) >= 2:
            shared -= _SETTING  # (looked at only where a setting word is shared: rare)
        telling = len(shared) >= 2
        if not telling and (not strict or short):
            rare = [w for w in exact if lex.frequency.get(w, 1) == 1]
            if marked is None and any(w in title for w in rare):
                marked = marked_names(text)
            telling = any((w in title and w in marked) or w in lex.tags[number] for w in rare)
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


def named_as_work(text: str, entries: list[Entry]) -> Naming | None:
    """The item a name names where it is said as a piece of work ("I've also sent v10 of
    the 9pfs series"), not as a setting ("more testing with dom0less")."""
    works = " ".join(m["name"] for m in THE_WORK.finditer(text))  # (not "part", "fixes")
    naming = named(works, entries) if works else None
    if naming is not None and naming.clear:
        return naming
    lex = lexicon(entries)
    said = tokens(works)
    only = _three_words_of_one(text, entries, lex)
    if only is not None:
        return only
    if naming is None:
        return None
    # said as a work, a hint names it when a word of its title only it has is there as
    # written ("the xenwatchdogd fixes"; not "the page allocator part" for "Allocation")
    number = entries.index(naming.entry)
    if said - lex.words[number] or not any(  # every word of the name its item's ("the domain
            lex.frequency.get(w, 0) == 1 for w in said & lex.titles[number]):  # creation
        return None  # rework" is not "Hyperlaunch domain builder")
    return replace(naming, sureness=CLEAR)


def _three_words_of_one(text: str, entries: list[Entry], lex: Lexicon) -> Naming | None:
    """Three words of one work's name that one item's title has and no other item has all
    of, plurals aside: "the PVH dom0 passthrough RFC" beside PCI passthrough and the PVH
    dom0 kernel work (not "the MISRA violation fixes", which two titles share)."""
    def bare(words: frozenset[str]) -> set[str]:
        return {word.rstrip("s") for word in words}

    for work in THE_WORK.finditer(text):
        said = bare(tokens(work["name"]))
        if len(said) < 3:
            continue
        holders = [n for n, words in enumerate(lex.words) if said <= bare(words)]
        if len(holders) == 1 and said <= bare(lex.titles[holders[0]]):
            return Naming(entries[holders[0]], "words", CLEAR)
    return None


def named_as_topic(topic: str, entries: list[Entry]) -> Naming | None:
    """The item a short topic names ("xenwatchdogd fixes: parked until 4.32"), read as
    the work it is ("the xenwatchdogd fixes series")."""
    return named_as_work(f"the {topic} series", entries)


THE_WORK = LazyPattern(r"\b(?:the|my|our|his|her|their)\s+(?P<name>(?:(?!(?:of|from|to|in|on|for"
                        r"|with|at|by|and|or|patch(?:es)?|series|end|rest|remaining|other|first|last"
                        r"|next|new|same|whole)\s)[\w/.+-]+\s+){1,4}?)(?:series|patch"
                        r"(?:es|set)?|work|fix(?:es)?|rework|changes|one|item"
                        r"|improvements|additions|cleanups?)\b", re.I)
