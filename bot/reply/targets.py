"""Which item of the post a quote is about: the last bullet or title it quotes, the item
an answer split into pieces keeps answering, several items answered in turn.

The quote says what an answer is about before its words do: "> * the EFI fix" over
"Pushed." is the EFI fix's news whatever the words name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from bot.mail import BlockKind
from bot.post import heading
from bot.reply.matching import STRONG, Entry, best_item, title_head
from bot.reply.naming import named as named_in

# ("<6>": a bug bot's report row)
BULLET_LINE = re.compile(r"^\s*(?:[*\u2022+-]|\d{1,3}[.)]|<\d{1,3}>)\s+\S")


@dataclass(frozen=True)
class Target:
    """The item an answer is about (None: its quote names none), how surely, and the
    quoted lines that say so (the evidence's "quoted")."""

    entry: Entry | None
    score: float
    quoted: str
    others: tuple[Entry, ...] = ()  # the other items its quote held, when the words ask
    # the quote is no item's text but names one in words: what the mail above spoke of
    # outweighs it ("> the arm build fails with:" in a thread about a commit named by id)
    by_words: bool = False


_STANZA_HEAD = re.compile(r"^\s*S:\s+(\S.*)$")


def quoted_below(blocks, entries: list[Entry]) -> Target | None:
    """A top-posted answer above a quote of one item (the rest snipped): that item.
    Above a whole quoted post it names none: the quote below starts many items."""
    lines = [(b.depth, line) for b in blocks if b.kind is BlockKind.QUOTE for line in b.lines]
    if not lines:
        return None
    heads = getattr(entries, "heads", {})
    titled = {heads[head].path for _d, line in lines if (head := title_head(line)) in heads}
    if len(titled) != 1:
        return None  # no item's title line below, or several: a whole post quoted
    stanzas = {found[0].path for _d, line in lines if (head := _STANZA_HEAD.match(line))
               and (found := best_item(head[1], entries)) is not None and found[1] >= STRONG}
    others = (stanzas | {t.entry.path for t in quoted_items(lines, entries)}) - titled
    if any(not any(path[:len(one)] == one for one in titled) for path in others):
        return None  # (one title line, and a stanza "S: ..." or bullet of another item)
    target = target_of(lines, entries)
    if target and target.entry and target.entry.path in titled and target.score >= STRONG:
        return target
    return None


def continued(target: Target | None, quote_lines: list[tuple[int, str]],
               previous: Target | None, entries: list[Entry]) -> Target | None:
    """An answer split into pieces ("> a wrapped" answer "> line" answer): a quote that
    resumes a wrapped line, starts no item and names none firmly still quotes the
    item answered before it."""
    first = quote_lines[0][1].lstrip(" >") if quote_lines else ""
    if previous is not None and previous.entry is not None and _own_lines(
            quote_lines, previous.entry):  # ">  -  fair": the answered item's next sub-line
        return replace(previous, quoted="\n".join(line for _d, line in quote_lines
                                                   if line.strip()))
    if previous is None or not first[:1].islower() or (
            target and target.entry and target.score >= STRONG):
        return target
    heads = _starts(entries)
    for number, (_depth, line) in enumerate(quote_lines):
        if BULLET_LINE.match(line) or (heads and title_head(line) in heads) or heading(
                line, quote_lines[number - 1][1] if number else ""):
            return target
    return replace(previous, quoted="\n".join(line for _d, line in quote_lines if line.strip()))


def _starts(entries):
    """The title heads a quoted line may start an item with (`Index.starts`)."""
    return getattr(entries, "starts", None) or getattr(entries, "heads", {})


def target_of(quote_lines: list[tuple[int, str]], entries: list[Entry]) -> Target | None:
    """The item the quote ends with: the last bullet's lines at that depth.

    When the last bullet matches nothing (a bare "* None known" sub-item),
    the bullet before it is tried, and so on up the quote.
    """
    section = ""
    starts = [0]
    heads = _starts(entries)
    for number, (_depth, line) in enumerate(quote_lines):
        head = heading(line, quote_lines[number - 1][1] if number else "")
        if head:
            section = next((e.section for e in entries if e.section == head[1]), section)
        if BULLET_LINE.match(line) or (heads and title_head(line) in heads) or (
                _STANZA_HEAD.match(line)):
            starts.append(number)  # a bullet, a line that starts an item's title, or a
            # stanza's "S: Virtual IOMMU for HVM guests"
    found = None
    quoted = ""
    for start in reversed(starts):
        depth = quote_lines[start][0]
        segment = [line for d, line in quote_lines[start:] if d == depth and line.strip()]
        if not segment:
            continue
        quoted = quoted or "\n".join(segment)
        found = best_item("\n".join(segment), entries, section)
        if found is not None:
            quoted = "\n".join(segment)
            break
    found = _named_instead(quote_lines, found, entries)
    if found is None:
        own = _one_items_lines(quote_lines, entries)
        if own is not None:  # "> Status: Need reviews." alone, the one item that says so
            return Target(own, STRONG, "\n".join(line.strip() for _d, line in quote_lines
                                                   if line.strip()))
        return Target(None, 0.0, quoted) if quoted else None
    entry = _whole_block(found[0], quote_lines, entries)
    if entry.item.placeholder and len(entry.path) > 2:
        # "* None known" under "* libxl stable API ...": the comment is on the parent
        entry = next((e for e in entries if e.path == entry.path[:-1]), entry)
    return Target(entry, found[1], quoted, by_words=found[2:] == (True,))


_ADDRESS_LINE = re.compile(r"^\W{0,3}(?:https?://|<https?://)\S*\W{0,3}$")


def _one_items_lines(quote_lines: list[tuple[int, str]], entries: list[Entry]) -> Entry | None:
    """The one item whose own lines the quote's lines are, when they name it by no title
    ("> Status: Need reviews.", perhaps over its address that a mail gateway rewrote): the
    item no other shares them with."""
    said = [" ".join(line.split()) for _d, line in quote_lines if line.strip()]
    said = [line for line in said if not _ADDRESS_LINE.match(line)]
    if not said or sum(len(line) for line in said) < 12:
        return None
    holders: set[tuple[int, ...]] | None = None
    for line in said:
        having = {e.path for e in entries if not e.item.placeholder
                  and line in (" ".join(own.split()) for own in e.item.source)}
        holders = having if holders is None else holders & having
        if not holders:
            return None
    if holders is None or len(holders) != 1:
        return None
    path = next(iter(holders))
    return next(e for e in entries if e.path == path)


def quoted_items(quote_lines: list[tuple[int, str]], entries: list[Entry]) -> list[Target]:
    """The items a quote holds, in order: each bullet's or title line's lines, when they
    name one item surely."""
    starts = item_starts(quote_lines, entries)
    found: list[Target] = []
    for start, end in zip(starts, [*starts[1:], len(quote_lines)][: len(starts)], strict=True):
        segment = "\n".join(line for _d, line in quote_lines[start:end] if line.strip())
        match = best_item(segment, entries) if segment else None
        if match is not None and match[1] >= STRONG and all(t.entry is not match[0]
                                                              for t in found):
            found.append(Target(match[0], match[1], segment))
    return found


def item_starts(quote_lines: list[tuple[int, str]], entries: list[Entry]) -> list[int]:
    """Where the quote's bullets and item titles start."""
    heads = _starts(entries)
    return [n for n, (_d, line) in enumerate(quote_lines)
            if BULLET_LINE.match(line) or (heads and title_head(line) in heads)]


def in_turn(text: str, quote_lines: list[tuple[int, str]], target: Target,
             entries: list[Entry]) -> list[tuple[str, Target]]:
    """Several items quoted together and answered one paragraph each below them, in
    their order ("The remaining 5 went in ...", then "And the microcode cleanup is
    mine ..."): each paragraph with its item. Only when a later paragraph names its own
    item and none names another's; else the whole answer is the last item's."""
    paragraphs: list[str] = []
    for part in (p for p in re.split(r"\n\s*\n", text) if p.strip()):
        if len(part.split()) >= 4 or not paragraphs:
            paragraphs.append(part)
        else:  # "Also pushed." belongs to the answer above it
            paragraphs[-1] += "\n\n" + part
    if len(paragraphs) < 2 or len(paragraphs[0].split()) < 4:
        return []
    quoted = quoted_items(quote_lines, entries)
    if len(quoted) != len(paragraphs) or quoted[-1].entry is not target.entry:
        return []
    others = [t.entry for t in quoted]
    confirmed = False
    for number, (paragraph, turn) in enumerate(zip(paragraphs, quoted, strict=True)):
        naming = named_in(paragraph, entries)
        if naming is None or not naming.clear or naming.entry not in others:
            continue
        if naming.entry is not turn.entry:
            return []  # it names another quoted item: not answered in turn
        confirmed = confirmed or number > 0
    return list(zip(paragraphs, quoted, strict=True)) if confirmed else []


def _own_lines(quote_lines: list[tuple[int, str]], entry: Entry) -> bool:
    """Whether every quoted line is one of the item's own lines (its owner or status line)."""
    own = {" ".join(line.split()) for line in entry.item.source}
    said = [" ".join(line.strip(" >").split()) for _d, line in quote_lines if line.strip(" >")]
    return bool(said) and bool(own) and all(line in own for line in said)


def _whole_block(entry: Entry, quote_lines: list[tuple[int, str]], entries: list[Entry]) -> Entry:
    """A quote of an entry's whole block (a topic and its commits, a report and its
    "Fix incoming" patch) ends on the last child, but answers the entry."""
    if len(entry.path) <= 2:
        return entry
    parent = next((e for e in entries if e.path == entry.path[:-1]), None)
    last = max((e.path for e in entries if e.path[:-1] == entry.path[:-1]), default=entry.path)
    if parent is None or entry.path != last or parent.item.text.rstrip().endswith(":"):
        return entry  # (a group heading, "* MISRA C rules updates:", answers nothing: its
        # children are the items)
    head = title_head(parent.item.text)
    if len(head) >= 8 and any(title_head(line.lstrip(" >")) == head for _d, line in quote_lines):
        return _whole_block(parent, quote_lines, entries)
    return entry


# a developer proposing work of their own: "I'd like to propose X", "please also take X"
_PROPOSES = re.compile(r"\b(?:propos(?:e|ing)|suggest(?:ing)?|I[\x27’]?d (?:also )?like"
                       r"|would (?:also )?like|please (?:also )?(?:add|include|take|consider"
                       r"|backport|pick)|what about|how about|maybe (?:also )?th(?:is|ese)"
                       r"|be considered|(?:could|can|would) you (?:please )?(?:also )?(?:commit"
                       r"|apply|push|take|pick up|queue)|(?:is|are) (?:also )?ready to go in"
                       r"|needs? committing)\b", re.I)


def _named_instead(quote_lines: list[tuple[int, str]], found, entries: list[Entry]):
    """A quote that is no item's text but names one: the post's prose about it ("another
    issue ... caused by 4f2b9d1"), a developer's words with its commit id. Taken over a
    weak fuzzy match only when the naming is clear."""
    last = quote_lines[-1][0]
    strong = found is not None and found[1] >= STRONG
    if strong and last >= max(depth for depth, _ in quote_lines):
        return found  # (no words of a developer's under the item: read nothing more)
    paragraph: list[str] = []
    for depth, line in reversed(quote_lines):  # the quote's last paragraph at its last depth
        if depth != last or (not line.strip() and paragraph):
            break
        paragraph.insert(0, line)
    if strong:
        # a developer's words under the item that ask for another, by its title or commit
        # ("I would suggest \"x86/hpet: fix the rollover\" 4b1c0de too" under a tools item): the
        # answer under them is about the one they ask for (not one they only mention: "v5
        # is rebased on top of \"X\", which went in last week")
        words = "\n".join(paragraph)
        naming = named_in(words, entries, strict=True) if _PROPOSES.search(words) else None
        return (naming.entry, STRONG, False) if naming is not None and naming.clear \
            and naming.entry is not found[0] and naming.how != "words" else found
    naming = named_in("\n".join(paragraph), entries, strict=True) or named_in(
        "\n".join(line for _d, line in quote_lines), entries, strict=True)  # or anywhere
    if naming is None or not naming.clear or (found is not None and naming.entry is found[0]):
        return found
    return naming.entry, STRONG, naming.how == "words"
