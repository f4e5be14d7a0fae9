"""Which item of the post a piece of quoted text is.

Mailers re-wrap quotes, quote only an item's first line, rewrite URLs
(Outlook SafeLinks) and hard-wrap them; so quoted text is normalised the
same way as each item's lines, and compared by fuzzy partial matching
(rapidfuzz). Short items ("None") only match inside a quoted section.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, unquote, urlparse

from bot.post import Item, Post
from bot.reply.perpost import read_once

_SAFELINK = re.compile(r"https?://[\w.-]*safelinks\.protection\.outlook\.com/\S+", re.I)
_URLDEFENSE = re.compile(
    r"https?://urldefense(?:\.proofpoint)?\.com/(?:v3/__(?P<v3>\S+?)__;\S*|v2/url\?\S+)", re.I)
# a URL or a <message-id>: what a sentence cites rather than says (the sentence model masks
# the same)
LINK = re.compile(r"https?://\S+|<[^<>\s@]+@[^<>\s]+>")
_BULLET = re.compile(r"^\s*(?:[*\u2022+-]|\d{1,3}[.)])\s+")
_SPACES = re.compile(r"\s+")
STRONG = 88.0
WEAK = 72.0


@dataclass(frozen=True)
class Entry:
    path: tuple[int, ...]
    section: str
    item: Item
    norm: str  # the item's own lines, normalised
    words: frozenset[str] = frozenset()  # its distinctive words
    title: frozenset[str] = frozenset()  # those among its first eight words


class Index(list[Entry]):
    """The items of one post, ready for matching; `frequency`: items per word;
    `heads`: the first characters of each item's title, normalised (an item that
    starts a quoted line though no bullet marks it: a report's entry, a topic), when one
    item's title starts so; `starts`: all of them, to see where a quoted item begins."""

    frequency: dict[str, int]
    heads: dict[str, Entry]
    starts: frozenset[str]  # every head, those several items share too
    sections: list[str]  # every section's title, a heading over sub-sections too
    parents: list[str]  # by section number: the heading each section sits under
    prose: str = ""  # the post's subject and preamble, lower case: what project it is about
    matched: dict[tuple[str, str], tuple[Entry, float] | None]  # `best_item`'s, by quote


_MATCHED_KEPT = 2048  # quotes remembered per post: a thread's replies quote the same items




def unsafelink(text: str) -> str:
    """A mail gateway's wrapper (Outlook SafeLinks, Proofpoint URL Defense) → the URL
    it wraps, so a quoted link still names its item."""

    def original(match: re.Match[str]) -> str:
        query = parse_qs(urlparse(match.group(0)).query)
        return unquote(query.get("url", [match.group(0)])[0])

    def defended(match: re.Match[str]) -> str:
        if match["v3"]:
            return match["v3"]
        query = parse_qs(urlparse(match.group(0)).query)
        wrapped = query.get("u", [""])[0]  # v2: "https-3A__host_path": "-XX" escapes, "_" "/"
        if not wrapped:
            return match.group(0)
        return re.sub(r"-([0-9A-F]{2})", lambda m: chr(int(m[1], 16)), wrapped.replace("_", "/"))

    if "urldefense" in text:
        text = _URLDEFENSE.sub(defended, text)
    return _SAFELINK.sub(original, text) if "safelinks" in text else text


def normalise(text: str) -> str:
    text = unsafelink(text)
    text = " ".join(_BULLET.sub("", line) for line in text.splitlines())
    return _SPACES.sub(" ", text).strip().lower()


@read_once
def index(post: Post) -> Index:
    """The post's items for matching, built once per post: replies to the same
    post come by the thousand in an mbox."""
    entries = Index()
    entries.matched = {}

    def visit(title: str, items, prefix: tuple[int, ...]) -> None:
        for number, item in enumerate(items):
            path = (*prefix, number)
            norm = normalise("\n".join(item.source) if item.source else item.text)
            words = frozenset(_words(norm))
            title_words = frozenset(_words(" ".join(item.text.split()[:8])))
            entries.append(Entry(path, title, item, norm, words, title_words))
            visit(title, item.children, path)

    for number, section in enumerate(post.sections):
        visit(section.title, section.items, (number,))
    entries.frequency = {}
    entries.sections = list(dict.fromkeys(s.title for s in post.sections))
    entries.parents = [s.parent for s in post.sections]
    entries.prose = " ".join([post.subject or "", *post.preamble]).lower()
    heads: dict[str, list[Entry]] = {}
    for entry in entries:
        head = title_head(entry.item.text)
        if len(head) >= HEAD and not entry.item.placeholder:
            heads.setdefault(head, []).append(entry)
    entries.heads = {head: found[0] for head, found in heads.items() if len(found) == 1}
    # a head several items share starts one of them all the same ("ARM: dts: dra76x: ..."),
    # but for an address's: "https://patchwor..." starts a link line as often as a title
    entries.starts = frozenset(h for h, found in heads.items() if len(found) == 1 or ":/" not in h)
    for entry in entries:
        if not entry.item.placeholder:
            for word in entry.words:
                entries.frequency[word] = entries.frequency.get(word, 0) + 1
    return entries


HEAD = 16  # characters of a title that name its item at the start of a quoted line
_MARKS = re.compile(r"^\s*(?:\[[^\]]{0,12}\]\s*)?")  # "[ *NEW* ] title": the report's tag


def title_head(text: str) -> str:
    """The start of a title as a quoted line shows it, normalised for look-up (cheaply:
    it is asked of every quoted line)."""
    line = _MARKS.sub("", _BULLET.sub("", text.split("\n", 1)[0], count=1), count=1)
    return " ".join(line[: HEAD * 3].split()).lower()[:HEAD]


def _by_title_line(quoted: str, entries: list[Entry], pool: list[Entry]
                   ) -> tuple[Entry, float] | None:
    """The item whose title the quote's first line starts, when one item's does: its
    title names it, whatever the status lines under it (which siblings share: "Status:
    v5 sent, needs an ack") or a gateway made of its URL."""
    heads = getattr(entries, "heads", {})
    head = title_head(quoted)
    entry = heads.get(head) if len(head) >= HEAD else None
    if entry is None or entry not in pool:
        return None
    first = normalise(quoted.split("\n", 1)[0])
    if first and first in entry.norm:
        return entry, 100.0  # quoted verbatim, as most mailers do (and no rapidfuzz to load)
    from rapidfuzz import fuzz

    score = fuzz.partial_ratio(first, entry.norm)
    return (entry, score) if score >= STRONG else None


def best_item(quoted: str, entries: list[Entry], section: str = "") -> tuple[Entry, float] | None:
    """The item `quoted` is (or begins), and the score 0..100 of that match.

    Long texts are compared by partial ratio (a quote of an item's first
    line is a perfect partial match); short ones ("None known") only whole,
    and a placeholder only inside the section its heading names. Remembered per
    post: a thread's replies quote the same items and paragraphs of it, and a
    fuzzy match of a long paragraph against every item costs a millisecond.
    """
    kept = getattr(entries, "matched", None)
    if kept is None:
        return _best_item(quoted, entries, section)
    key = (quoted, section)
    if key not in kept:
        if len(kept) >= _MATCHED_KEPT:
            kept.clear()
        kept[key] = _best_item(quoted, entries, section)
    return kept[key]


def _best_item(quoted: str, entries: list[Entry], section: str) -> tuple[Entry, float] | None:
    needle = normalise(quoted)
    if len(needle) < 3:
        return None
    pool = [e for e in entries if not section or e.section == section] or entries
    named = _by_title_line(quoted, entries, pool)
    if named is not None:
        return named
    verbatim = _said_verbatim(needle, pool, section)
    if verbatim is not None:
        return verbatim, 100.0
    from rapidfuzz import fuzz, process

    if len(needle) >= 25:
        long_pool = [e for e in pool if len(e.norm) >= 25]
        found = process.extractOne(
            needle, [e.norm for e in long_pool], scorer=fuzz.partial_ratio, score_cutoff=WEAK
        )
        best = (long_pool[found[2]], found[1]) if found else None
        pool = [e for e in pool if len(e.norm) < 25]
    else:
        best = None
    for entry in pool:
        if not section and entry.item.placeholder:
            continue  # "None" means nothing without its section heading
        score = 100.0 if needle == entry.norm else fuzz.ratio(needle, entry.norm)
        if best is None or score > best[1]:
            best = (entry, score)
    if best is None or best[1] < WEAK:
        return None
    return best


def _said_verbatim(needle: str, pool: list[Entry], section: str) -> Entry | None:
    """The item a quote gives word for word, found before any fuzzy matching (and without
    loading rapidfuzz): most mailers quote verbatim. A long quote contained in one item's
    text; a short one ("None known") said whole, the first equal one as `best_item`'s loop
    would take it."""
    if len(needle) >= 25:
        exact = [e for e in pool if needle in e.norm]
        return exact[0] if len(exact) == 1 else None
    return next((e for e in pool if e.norm == needle and (section or not e.item.placeholder)),
                None)


def resolve_section(text: str, titles: list[str], area: str = "") -> str:
    """The section a reply names ("nice to have", "the 4.6 list", "Completed").

    Exact titles first, then one relative to the item's own area (2012:
    "nice to have" under "tools, blockers" is "tools, nice to have"), then
    a version the title carries, then a close fuzzy match; "" when none.
    """
    # "hypervisor, blockers" has a comma of its own; "nice to have, it is rare" one too many
    parts = text.split(",")
    for end in range(len(parts), 0, -1):
        found = _section_named(",".join(parts[:end]), titles, area)
        if found:
            return found
    return ""


def _section_named(text: str, titles: list[str], area: str) -> str:
    wanted = re.sub(r"^(?:the|a)\s+|\s+(?:list|section|one|bucket)$", "", text.strip().lower())
    if not wanted:
        return ""
    lowered = {title.lower(): title for title in titles}
    for candidate in (wanted, f"{area}, {wanted}".lower()):
        if candidate in lowered:
            return lowered[candidate]
    stem = wanted.rstrip("s")
    named = [t for t in titles if re.search(rf"\b{re.escape(stem)}s?\b", t.lower())]
    if len(named) == 1 and len(stem) > 3:
        return named[0]  # "blockers" → "Blocker List" (2022)
    versions = _VERSION.findall(wanted)
    carrying = [t for t in titles if versions and all(v in t for v in versions)]
    if len(carrying) == 1:
        return carrying[0]
    from rapidfuzz import fuzz, process

    found = process.extractOne(wanted, list(lowered), scorer=fuzz.token_set_ratio, score_cutoff=85)
    return lowered[found[0]] if found else ""


def _words(text: str, acronyms: bool = True) -> set[str]:
    runs = (w.rstrip("_./-") for w in _WORD.findall(text.lower()))
    found = {w.strip(".,:;") for w in runs if len(w) >= 4}
    if acronyms:  # a three-letter acronym names as much as a long word: "the AMD NPT ..."
        found |= {w.lower() for w in _ACRONYM.findall(text)}
    return (found | set(_VERSION.findall(text))) - _COMMON


def title_words(text: str) -> set[str]:
    """The words of a text that could be title words (no acronyms: they name too much)."""
    return _words(text, acronyms=False)


def names_title(text: str, entry: Entry, words: int = 1) -> bool:
    """Whether the text has `words` words of the item's title, not only of its small print
    ("needs a new version after review" names no item by "version"); an acronym alone is
    shared by too many titles ("HVM") to switch items here: `named_item` weighs them."""
    return len(entry.title & title_words(text)) >= words


def named_item(text: str, entries: list[Entry]) -> tuple[Entry, float] | None:
    """The item a sentence names in its own words (top-posting: "the blktap patch is in").

    Shared words are weighed by how few items use them, so "blktap" names
    one item while "migration" hints at two; a version the sender writes
    in full ("4.1.3") counts for the item's "4.1".
    """
    words = _words(LINK.sub(" ", text))  # a link names its item only whole (naming.py)
    if not words:
        return None
    frequency = getattr(entries, "frequency", None) or {}
    versions = [t for t in words if any(c.isdigit() for c in t)]
    scored = []
    for entry in entries:
        if entry.item.placeholder:
            continue
        shared = set(entry.words & words)
        shared |= {
            w for w in entry.words if w[0].isdigit() and any(t.startswith(w) for t in versions)
        }
        if shared:
            # an item is named by its first words more than by its small print
            weight = sum(
                (1.5 if len(w) > 6 else 1.0)
                * (2.0 if w in entry.title else 1.0)
                / frequency.get(w, 1)
                for w in shared
            )
            scored.append((weight, entry))
    if not scored:
        return None
    scored.sort(key=lambda pair: pair[0], reverse=True)
    top = scored[0]
    if len(scored) == 1:  # the only item that shares a word names it when the word weighs
        # (one of its title's, or a long one): not a short word of a report's small print
        # ("thread"), which in a post of one item is no one else's either. (Named
        # only by a short word of its small print, "libfdt", the item is not named: over the
        # tuning replies that choice makes one false reading fewer, and the fixtures agree.)
        # A long word of the small print alone names it no more: "reached" of "no final
        # version of it has reached the list" is any sentence's word.
        in_title = any(w in top[1].title for w in top[1].words & words)
        return (top[1], 95.0) if top[0] >= (1.5 if in_title else 3.0) else None
    second = scored[1][0]
    if top[0] < 1.5 or top[0] < 1.5 * second:
        return None
    return top[1], min(60.0 + 10 * top[0], 90.0)


# a maximal run, its trailing punctuation dropped in Python: `[..]{3,}[a-z0-9]` backtracked
# over every start of a long `-_./` run (quadratic, issue 12)
_WORD = re.compile(r"[a-z0-9_./-]+")
_VERSION = re.compile(r"\b\d+\.\d+(?:\.\d+)?\b")
_ACRONYM = re.compile(r"\b(?!(?:BUG|RFC|ACK|FYI|TBD|ETA|IMO|THE|AND|FOR|NOT|ANY|ALL|BUT|YES|WIP"
                      r"|NAK|CVE)\b)[A-Z][A-Z0-9]{2}\b")
_COMMON = frozenset(
    "this that with from have been will would should could there their what which when "
    "patch patches posted done thanks just also into about only some more than like need "
    "needs please release guest guests xen-devel list item items still does know think "
    "upstream unstable tree went last week today yesterday sent ping fixed over under "
    "after before being done make made able "
    # ordinary words a title may hold ("Boot time microcode cleanup"), said by any sentence
    # ("I won't have v3 ready in time")
    "time next since back because though already again other another first second same well "
    "good sure much many maybe probably seems look looks looking here were ready".split()
)
