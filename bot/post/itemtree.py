"""A section's lines → its items, sub-items to any depth.

Items start at a bullet (`*`, `-`, `1.`) at the section's item indent, or,
in a list without bullets (2024), at each paragraph; a `- ...` line under an
item is a sub-item, a note or an owner (see `bot.post.items.dash_role`). Every
item keeps its own lines and the blank lines before it, for the lossless
round trip.
"""

from __future__ import annotations

import re
from dataclasses import replace

from bot.lazy import LazyPattern
from bot.post.items import (
    BUILD_MESSAGE_RE,
    BULLET_RE,
    COMMIT_LINE_RE,
    LAB_ROW_RE,
    ItemFacts,
    dash_role,
    read_entry,
    read_item,
    table_row,
)
from bot.post.model import Item, Layout
from bot.post.status import Status, is_invitation, status_from_notes

_SIGN_OFF = LazyPattern(
    r"^\s*(?:thanks|thank you|regards|best regards|kind regards|cheers|have a nice|"
    r"best wishes|please (?:let me know|reply)|if i (?:missed|forgot)|~)",
    re.I,
)

def read_items(
    lines: list[str], last: bool, state: Status | None, entries: bool = False,
    each_line: bool = False, rows: bool = False,
) -> tuple[list[str], list[Item], list[str]]:
    """(intro, items, tail) of one section's lines; tail = trailing blanks or closing.

    `each_line`: a `git shortlog` author's commits, each indented line an item.

    `entries`: a regressions report, whose items are titles underlined with
    dashes and whatever follows each up to the next.
    """
    if entries:
        return _entries(lines, state)
    if each_line:
        return _shortlog(lines, state)
    if rows:
        return _rows(lines, state)
    bullets = [
        i for i, line in enumerate(lines) if (m := BULLET_RE.match(line)) and m["marker"] != "-"
    ]
    if bullets:
        base = BULLET_RE.match(lines[bullets[0]])
        assert base is not None
        indent, family = len(base["indent"]), _family(base["marker"])
        starts = [
            i
            for i in bullets
            if len(BULLET_RE.match(lines[i])["indent"]) == indent  # type: ignore[index]
            and _family(BULLET_RE.match(lines[i])["marker"]) == family
        ]  # type: ignore[index]
        first = starts[0]
        intro_end = first
        while intro_end > 0 and not lines[intro_end - 1].strip():
            intro_end -= 1
        body = lines[intro_end:]
        cut = _closing_start(body, indent, last, paragraph=False, after=starts[-1] - intro_end)
        items, tail = _build(
            body[:cut], [s - intro_end for s in starts if s - intro_end < cut], indent, state,
            prose_apart=True,
        )
        items, closing = _without_invitation(items)
        return lines[:intro_end], items, closing + tail + body[cut:]
    commits = [i for i, line in enumerate(lines) if COMMIT_LINE_RE.match(line)]
    if commits:  # a stable branch's list of commits: each commit line starts an item
        intro_end = _back_over_blanks(lines, commits[0])
        body = lines[intro_end:]
        starts = [i - intro_end for i in commits]
        cut = _closing_start(body, 0, last, paragraph=False, after=starts[-1])
        items, tail = _build(body[:cut], [s for s in starts if s < cut], None, state)
        return lines[:intro_end], items, tail + body[cut:]
    # No bullets: every paragraph that is not prose is an item (2024 tracking
    # lists, 2013 stanzas); where some paragraphs are indented and some not,
    # the indented blocks are the items and the rest is the RM's prose (2021).
    cut = _closing_start(lines, 0, last, paragraph=True)
    paragraphs = _paragraphs(lines[:cut])
    leads = {_lead(lines[a]) for a, _ in paragraphs}
    if len(leads) > 1 and 0 in leads:
        spans = [(a, b) for a, b in paragraphs if _lead(lines[a]) > 0 and not _prose(lines[a:b])]
    else:
        spans = [(a, b) for a, b in paragraphs if not _prose(lines[a:b])]
    if not spans:
        end = _back_over_blanks(lines, len(lines))
        return lines[:end], [], lines[end:]
    intro_end = _back_over_blanks(lines, spans[0][0])
    items: list[Item] = []
    previous = intro_end
    for start, stop in spans:
        items.append(_item(lines[start:stop], tuple(lines[previous:start]), None, state))
        previous = stop
    items, closing = _without_invitation(items)
    return lines[:intro_end], items, closing + lines[previous:]


def _shortlog(lines: list[str], state: Status | None) -> tuple[list[str], list[Item], list[str]]:
    """Each indented line an item, up to the first line that is not (the closing); or a
    build robot's messages, each line of the block an item up to the blank line after it."""
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is not None and not lines[first][:1].isspace() and \
            BUILD_MESSAGE_RE.match(lines[first]):
        end = next((i for i in range(first, len(lines)) if not lines[i].strip()), len(lines))
        items, tail = _build(lines[:end], list(range(first, end)), None, state)
        return [], items, tail + lines[end:]
    end = next((i for i, line in enumerate(lines) if line.strip() and not (
        line[:2].isspace() or line[:1] == "\t" or LAB_ROW_RE.match(line))), len(lines))
    # (a tab indents as much; a test lab's row is one space in, a diffstat's line too)
    end = _back_over_blanks(lines, end)
    starts = [i for i in range(end) if lines[i].strip()]
    if not starts:
        return lines[:end], [], lines[end:]
    items, tail = _build(lines[:end], starts, None, state)
    return [], items, tail + lines[end:]


def _rows(lines: list[str], state: Status | None) -> tuple[list[str], list[Item], list[str]]:
    """A table's rows under its rule: each unindented line an item, the indented lines
    below it its details (linux-next's stale trees: the tree, its date, its URL below),
    up to the first blank line."""
    end = next((i for i, line in enumerate(lines) if not line.strip()
                or not line[:1].isspace() and not table_row(line)),
               len(lines))  # (a blank line or a line of one column, "Thanks,", ends it)
    end = _back_over_blanks(lines, end)
    starts = [i for i in range(end) if not lines[i][:1].isspace()]
    if not starts:
        return lines[:end], [], lines[end:]
    items, tail = _build(lines[:end], starts, None, state)
    return lines[: starts[0]], items, tail + lines[end:]


def _without_invitation(items: list[Item]) -> tuple[list[Item], list[str]]:
    """(items, the lines of a closing invitation): "Anything else I should track?"
    after the last item (numbered like one or not) is the RM's prose, not an item."""
    if not items:
        return items, []
    last = items[-1]
    if (
        not is_invitation(last.text)
        or last.children
        or last.owners
        or last.notes
        or last.links
        or last.tag
    ):
        return items, []
    return items[:-1], [*last.gap_before, *last.source]


_URLISH = LazyPattern(r"^\s*(?:[\[<]\s*)?(?:https?|ftp)://")


def _lead(line: str) -> int:
    return len(line) - len(line.lstrip())


def _paragraphs(lines: list[str]) -> list[tuple[int, int]]:
    """(start, stop) of each run of non-blank lines."""
    spans, start = [], None
    for index, line in enumerate([*lines, ""]):
        if line.strip() and start is None:
            start = index
        elif not line.strip() and start is not None:
            spans.append((start, index))
            start = None
    return spans


def _prose(lines: list[str]) -> bool:
    """A paragraph of the RM's own sentences, not an item."""
    first = lines[0].strip()
    if first.startswith(("S:", '"', "[PATCH", "[RFC")) or any(_URLISH.match(x) for x in lines):
        return False
    text = " ".join(x.strip() for x in lines)
    if len(text.split()) > 14 and text.endswith((".", "?", "!", ":", ")")):
        return True
    if len(text.split()) > 5 and text.endswith((".", "?", "!")):
        return True
    return len(lines) > 1 and first.endswith((".", "?", "!"))


def _entries(lines: list[str], state: Status | None) -> tuple[list[str], list[Item], list[str]]:
    starts = [
        i
        for i in range(len(lines) - 1)
        if lines[i].strip() and lines[i][0] not in " \t" and _DASH_RULE.match(lines[i + 1])
    ]
    if not starts:
        end = _back_over_blanks(lines, len(lines))
        return lines[:end], [], lines[end:]
    intro_end = _back_over_blanks(lines, starts[0])
    items: list[Item] = []
    previous = intro_end
    for number, start in enumerate(starts):
        following = starts[number + 1] if number + 1 < len(starts) else len(lines)
        stop = _back_over_blanks(lines, following)
        facts = read_entry(lines[start:stop], state)
        item = _from_facts(facts, lines[start:stop], tuple(lines[previous:start]))
        items.append(_seal(item))
        previous = stop
    return lines[:intro_end], items, lines[previous:]


_DASH_RULE = LazyPattern(r"^-{3,}\s*$")


def _family(marker: str) -> str:
    return "number" if marker[0].isdigit() else "angle" if marker[0] == "<" else (
        "hash" if marker[0] == "#" else marker)


def _closing_start(lines: list[str], indent: int, last: bool, paragraph: bool,
                   after: int = 0) -> int:
    """Where the closing prose begins in the last section (len(lines) if none). Prose at
    the items' own column between two items (`after`: the last item's start) is not
    it: git's "What's cooking" writes each topic's status as a paragraph of its own."""
    if not last:
        return len(lines)
    for index in range(1, len(lines)):
        line = lines[index]
        if not line.strip() or lines[index - 1].strip():
            continue
        if paragraph:
            if _SIGN_OFF.match(line):
                return _back_over_blanks(lines, index)
            continue
        lead = len(line) - len(line.lstrip())
        if lead == indent and index <= after and not _SIGN_OFF.match(line):
            continue
        if lead < indent or (lead == indent and not BULLET_RE.match(line)):
            return _back_over_blanks(lines, index)
    return len(lines)


def _own_end(chunk: list[str], indent: int | None) -> int:
    """Where an item's lines end: before a paragraph of prose at the items' own column
    after a blank line ("Waiting for a reroll." under a topic, "Background: ..."
    between two items), which is kept as written before the next item, not read as
    the item's text, owner or last sub-item."""
    if indent is None:
        return len(chunk)
    for index in range(1, len(chunk)):
        line = chunk[index]
        if (line.strip() and not chunk[index - 1].strip() and not BULLET_RE.match(line)
                and len(line) - len(line.lstrip()) <= indent):
            return index
    return len(chunk)


def _back_over_blanks(lines: list[str], index: int) -> int:
    while index > 0 and not lines[index - 1].strip():
        index -= 1
    return index


def _build(
    lines: list[str], starts: list[int], indent: int | None, state: Status | None,
    prose_apart: bool = False,
) -> tuple[list[Item], list[str]]:
    """Items starting at `starts`; returns them and the blank lines after the last.
    `prose_apart`: a paragraph of prose at the items' column after an item is kept
    before the next one (a section's items; sub-items keep theirs as they were)."""
    items: list[Item] = []
    gap: list[str] = lines[: starts[0]] if starts else []
    for number, start in enumerate(starts):
        stop = starts[number + 1] if number + 1 < len(starts) else len(lines)
        chunk = lines[start:stop]
        end = _own_end(chunk, indent) if prose_apart else len(chunk)
        while end > 1 and not chunk[end - 1].strip():
            end -= 1
        items.append(_item(chunk[:end], tuple(gap), indent, state))
        gap = chunk[end:]
    if not starts:
        gap = lines
    return items, gap


def _item(lines: list[str], gap: tuple[str, ...], indent: int | None, state: Status | None) -> Item:
    bullet = BULLET_RE.match(lines[0]) if indent is not None else None
    marker = bullet["marker"] if bullet else ""
    text_col = bullet.end() if bullet else len(lines[0]) - len(lines[0].lstrip())
    base = len(bullet["indent"]) if bullet else text_col
    child_at = [
        i
        for i in range(1, len(lines))
        if (m := BULLET_RE.match(lines[i]))
        and len(m["indent"]) > base
        and marker
        and (m["marker"] != "-" or _dash_child(lines, i, m.end()))
    ]
    own = lines[: child_at[0]] if child_at else lines
    own_end = len(own)
    while own_end > 1 and not own[own_end - 1].strip():
        own_end -= 1
    children: list[Item] = []
    if child_at:
        rest = lines[own_end:]
        sub = BULLET_RE.match(lines[child_at[0]])
        assert sub is not None
        sub_indent = len(sub["indent"])
        starts = [
            i - own_end for i in child_at if len(BULLET_RE.match(lines[i])["indent"]) == sub_indent
        ]  # type: ignore[index]
        lead = rest[: starts[0]]
        kids, _ = _build(rest, starts, sub_indent, state)
        children = [_with_gap(kids[0], tuple(lead))] + kids[1:]
    facts: ItemFacts = read_item(own[:own_end], marker, text_col, state)
    if children and facts.status is Status.OPEN:
        # git's topic: its commits, then its own prose ("Needs review.") under the last one
        said = status_from_notes(_prose_after(children[-1]))
        facts = replace(facts, status=said) if said is not Status.OPEN else facts
    if facts.status is Status.OPEN and _RFC_TITLE.match(facts.text):
        facts = replace(facts, status=Status.IN_PROGRESS)  # "[RFC] ...": early work, as its
        # title says, when nothing else of it does
    item = _from_facts(facts, own[:own_end], gap, tuple(children), base, marker, text_col)
    return _seal(item)


# "[RFC]", "[RFC PATCH]", "[PATCH RFC v2]", "[RFC v2]": a request for comments
_RFC_TITLE = re.compile(r"\[(?:[^\]\n]{0,30}\s)?RFC\b[^\]\n]{0,30}\]\s", re.I)


def _prose_after(child: Item) -> list[str]:
    """The paragraphs a last sub-item's lines carry after a blank line, written left of its
    text: its parent's prose, which git's "What's cooking" writes under a topic's commits."""
    lines = list(child.source)
    blank = next((n for n, line in enumerate(lines) if not line.strip()), None)
    if blank is None or child.children:
        return []
    prose = [line.strip() for line in lines[blank + 1:] if line.strip()]
    left = all(len(line) - len(line.lstrip()) < child.layout.text_col
               for line in lines[blank + 1:] if line.strip())
    return [" ".join(prose)] if prose and left else []


def _from_facts(
    facts: ItemFacts,
    source: list[str],
    gap: tuple[str, ...],
    children: tuple[Item, ...] = (),
    base: int = 0,
    marker: str = "",
    text_col: int = 0,
) -> Item:
    return Item(
        text=facts.text,
        tag=facts.tag,
        owners=facts.owners,
        notes=facts.notes,
        links=facts.links,
        bugs=facts.bugs,
        fields=facts.fields,
        status=facts.status,
        placeholder=facts.placeholder,
        children=tuple(children),
        layout=Layout(
            style=facts.style,
            indent=base,
            marker=marker,
            text_col=text_col,
            owner_line=facts.owner_line,
            paren_closed=facts.paren_closed,
            owners_last=facts.owners_last,
            owner_sep=facts.owner_sep,
            link_line=facts.link_line,
            note_col=facts.note_col,
            dash=facts.dash,
            title_open=facts.title_open,
            title_close=facts.title_close,
            pad=_tabbed_pad(source, marker),
        ),
        source=tuple(source),
        gap_before=gap,
    )


def _tabbed_pad(source: list[str], marker: str) -> str:
    """The leading whitespace of an unmarked item's first line, when a tab is in it."""
    first = source[0] if source else ""
    pad = first[: len(first) - len(first.lstrip())]
    return pad if "\t" in pad and not marker else ""


def _dash_child(lines: list[str], index: int, text_at: int) -> bool:
    """A `- ...` line is a sub-item unless it is one of a list of notes or owners."""
    for back in range(index - 1, -1, -1):
        previous = lines[back]
        if not previous.strip():
            continue
        dash = BULLET_RE.match(previous)
        if dash and dash["marker"] == "-":
            return _dash_child(lines, back, dash.end())
        return dash_role(lines[index][text_at:], previous) == "child"
    return False


def _with_gap(item: Item, gap: tuple[str, ...]) -> Item:
    return replace(item, gap_before=gap)


def _seal(item: Item) -> Item:
    return replace(item, origin=item.facts_digest())
