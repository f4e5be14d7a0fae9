"""Text ⇄ Post: the weekly TODO mail as values, losslessly.

One parser reads every style the Xen release managers used since 2012; the
style is inferred from the text, never chosen by a switch. Every value keeps
the lines it came from, so that rendering an unchanged post gives back the
same bytes (see `bot.render`).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from bot.items import BULLET_RE, ItemFacts, dash_role, read_item
from bot.status import Status
from bot.timeline import Milestone, read_milestone


class PostParseError(ValueError):
    """The text is not a TODO post; `line` is where parsing gave up (1-based)."""

    def __init__(self, line: int, reason: str) -> None:
        super().__init__(f"line {line}: {reason}")
        self.line = line
        self.reason = reason


@dataclass(frozen=True)
class Layout:
    """How an item was written, so a changed item is re-written alike."""

    style: str = "paren"  # paren | fields | roadmap | numbered | paragraph
    indent: int = 4
    marker: str = "*"
    text_col: int = 6
    owner_line: int = -1  # indent of an `(owners)` line of its own, -1 if inline
    paren_closed: bool = True
    owners_last: bool = False
    owner_sep: str = ", "


@dataclass(frozen=True)
class Item:
    text: str
    tag: str = ""
    owners: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    links: tuple[str, ...] = ()
    bugs: tuple[str, ...] = ()
    fields: tuple[tuple[str, str], ...] = ()
    status: Status = Status.OPEN
    placeholder: bool = False
    children: tuple[Item, ...] = ()
    layout: Layout = field(default_factory=Layout)
    source: tuple[str, ...] = ()  # the item's own lines as written (not its children)
    gap_before: tuple[str, ...] = ()  # the blank lines written before it
    origin: str = ""  # digest of the facts as parsed: differs once anything changed

    def facts_digest(self) -> str:
        facts = (
            self.text,
            self.tag,
            self.owners,
            self.notes,
            self.links,
            self.bugs,
            self.fields,
            str(self.status),
            self.placeholder,
        )
        return hashlib.blake2b(repr(facts).encode(), digest_size=8).hexdigest()

    @property
    def unchanged(self) -> bool:
        return bool(self.source) and self.origin == self.facts_digest()


@dataclass(frozen=True)
class Section:
    title: str  # "tools, blockers", "Arm", "Finished features"
    heading: str  # the heading line as written
    items: tuple[Item, ...] = ()
    intro: tuple[str, ...] = ()  # lines between the heading and the first item
    gap_before: tuple[str, ...] = ()

    @property
    def area(self) -> str:
        return self.title.split(",", 1)[0].strip()

    @property
    def klass(self) -> str:
        return self.title.split(",", 1)[1].strip() if "," in self.title else ""


@dataclass(frozen=True)
class Post:
    subject: str = ""
    subject_line: bool = False  # the text's first line is the subject
    preamble: tuple[str, ...] = ()  # lines before the first section, timeline included
    timeline: tuple[Milestone, ...] = ()
    sections: tuple[Section, ...] = ()
    closing: tuple[str, ...] = ()  # lines after the last item: sign-off, signature, footer
    newline: str = "\n"
    final_newline: bool = True

    def walk(self):
        """(section, depth, item) for every item, sub-items included, in order."""

        def visit(section: Section, items: tuple[Item, ...], depth: int):
            for item in items:
                yield section, depth, item
                yield from visit(section, item.children, depth + 1)

        for section in self.sections:
            yield from visit(section, section.items, 0)


_EQ_HEADING = re.compile(r"^\s*(=+)\s*(?P<title>[^=\s].*?)\s*\1\s*$")
_STAR_HEADING = re.compile(r"^\s*\*{2,}\s*(?P<title>[^*\s].*?)\s*\*{2,}\s*:?\s*$")
_COLON_HEADING = re.compile(r"^(?P<title>[A-Za-z(][^:\[\]]{0,50}?)\s*:\s*$")
_SUBJECT_HINT = re.compile(r"^\[|todo|release|update|status|roadmap|plan|tracking", re.I)
_TIMELINE_TITLE = re.compile(r"time ?line|schedule|dates", re.I)
_SECTION_STATUS = (
    (
        Status.DONE,
        re.compile(
            r"^(?!.*\b(?:not|yet|un|in)\b).*\b(?:completed?|finished|done|"
            r"fixed|resolved|released)\b",
            re.I,
        ),
    ),
    (Status.DEFERRED, re.compile(r"\b(?:deferred|postponed|next release)\b", re.I)),
    (Status.DROPPED, re.compile(r"\b(?:dropped|withdrawn|abandoned)\b", re.I)),
)


def section_status(title: str) -> Status | None:
    """The status a section's title gives its items ("Completed", "Deferred to 4.6")."""
    return next((status for status, pattern in _SECTION_STATUS if pattern.search(title)), None)


_SIGNATURE = re.compile(r"^(?:-- ?|_{10,}.*)$")
_SIGN_OFF = re.compile(
    r"^\s*(?:thanks|thank you|regards|best regards|kind regards|cheers|have a nice|"
    r"best wishes|please (?:let me know|reply)|if i (?:missed|forgot)|~)",
    re.I,
)
_PATCH_TITLE = re.compile(r"^\s*\[(?:PATCH|RFC|XEN|RESEND)", re.I)


HEADING_KINDS = ("eq", "star", "colon")  # in order of preference


def heading(line: str, previous: str = "") -> tuple[str, str] | None:
    """(kind, title) if `line` is written as a section heading, else None.

    A bare `Title:` heading must follow a blank line: prose that merely
    ends in a colon ("please add\nanything you think is missing:") is not one.
    """
    if not line or line[0] in " \t":
        return None
    for kind, pattern in (("eq", _EQ_HEADING), ("star", _STAR_HEADING)):
        match = pattern.match(line)
        if match:
            return kind, match["title"].rstrip(":").strip()
    match = _COLON_HEADING.match(line)
    if (
        match
        and len(match["title"].split()) <= 6
        and not BULLET_RE.match(line)
        and not previous.strip()
    ):
        return "colon", match["title"].strip()
    return None


def heading_title(line: str, previous: str = "", kind: str | None = None) -> str | None:
    found = heading(line, previous)
    return found[1] if found and (kind is None or found[0] == kind) else None


def parse_post(text: str, *, year: int | None = None) -> Post:
    """The Post that `text` writes; PostParseError when it is not a TODO post."""
    if not text.strip():
        raise PostParseError(1, "empty input, not a TODO post")
    if (
        "\x00" in text
        or sum(not (c.isprintable() or c in "\r\n\t") for c in text) > len(text) // 20
    ):
        raise PostParseError(1, "binary data, not a TODO post")
    newline = "\r\n" if "\r\n" in text and text.count("\n") == text.count("\r\n") else "\n"
    lines = text.split(newline)
    final_newline = lines[-1] == ""
    if final_newline:
        lines.pop()
    first = 0
    subject = ""
    if (
        len(lines) > 1
        and not lines[1].strip()
        and _SUBJECT_HINT.search(lines[0])
        and heading_title(lines[0]) is None
        and lines[0][:1] not in " \t"
    ):
        subject, first = lines[0], 1
    body_start, kind = _find_body(lines, first)
    body_end = next(
        (i for i in range(body_start, len(lines)) if _SIGNATURE.match(lines[i])), len(lines)
    )
    preamble = tuple(lines[first:body_start])
    timeline = tuple(m for i, line in enumerate(preamble) if (m := read_milestone(line, i, year)))
    sections, tail = _read_sections(lines, body_start, body_end, kind)
    return Post(
        subject=subject,
        subject_line=bool(first),
        preamble=preamble,
        timeline=timeline,
        sections=tuple(sections),
        closing=tuple(tail) + tuple(lines[body_end:]),
        newline=newline,
        final_newline=final_newline,
    )


def _next_nonblank(lines: list[str], index: int) -> int:
    while index < len(lines) and not lines[index].strip():
        index += 1
    return index


def _item_like(lines: list[str], index: int) -> bool:
    if index >= len(lines):
        return False
    line = lines[index]
    if BULLET_RE.match(line):
        return read_milestone(line, 0, None) is None
    following = lines[index + 1 : index + 4]
    return bool(_PATCH_TITLE.match(line)) or any(
        f.strip().startswith("[") and "://" in f for f in following
    )


def _find_body(lines: list[str], start: int) -> tuple[int, str]:
    """(index of the first section heading, the kind of heading the post uses).

    The post's own heading style is the most decorated kind that heads a
    list of items: a 2014 roadmap's "For example:" above a sample item is
    prose when its real sections are `== Open ==`.
    """
    found: dict[str, int] = {}
    for index in range(start, len(lines)):
        head = heading(lines[index], lines[index - 1] if index else "")
        if head is None or head[0] in found or _TIMELINE_TITLE.search(head[1]):
            continue
        probe = _next_nonblank(lines, index + 1)
        while probe < len(lines) and heading(lines[probe], lines[probe - 1]) is not None:
            probe = _next_nonblank(lines, probe + 1)
        if _item_like(lines, probe):
            found[head[0]] = index
    for kind in HEADING_KINDS:
        if kind in found:
            return found[kind], kind
    raise PostParseError(
        len(lines),
        "no section heading followed by items (e.g. 'tools, blockers:' and "
        "'    * item'); not a TODO post, or truncated",
    )


def _is_section_head(lines: list[str], index: int, kind: str) -> bool:
    """A heading of the post's own kind, or of another kind that heads items
    (a 2024 list with `*** x86 ***:` sections ends with `Completed:`)."""
    head = heading(lines[index], lines[index - 1])
    if head is None:
        return False
    return head[0] == kind or _item_like(lines, _next_nonblank(lines, index + 1))


def _read_sections(
    lines: list[str], start: int, end: int, kind: str
) -> tuple[list[Section], list[str]]:
    heads = [i for i in range(start, end) if _is_section_head(lines, i, kind)]
    sections: list[Section] = []
    gap: list[str] = []
    tail: list[str] = []
    for number, head in enumerate(heads):
        stop = heads[number + 1] if number + 1 < len(heads) else end
        last = number + 1 == len(heads)
        title = heading_title(lines[head], lines[head - 1]) or ""
        intro, items, tail = _read_items(lines[head + 1 : stop], last, section_status(title))
        sections.append(
            Section(
                title=title,
                heading=lines[head],
                items=tuple(items),
                intro=tuple(intro),
                gap_before=tuple(gap),
            )
        )
        gap = tail if not last else []
    return sections, tail


def _read_items(
    lines: list[str], last: bool, state: Status | None
) -> tuple[list[str], list[Item], list[str]]:
    """(intro, items, tail) of one section's lines; tail = trailing blanks or closing."""
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
        cut = _closing_start(body, indent, last, paragraph=False)
        items, tail = _build(
            body[:cut], [s - intro_end for s in starts if s - intro_end < cut], indent, state
        )
        return lines[:intro_end], items, tail + body[cut:]
    # No bullets (2024 tracking lists): every paragraph is an item.
    cut = _closing_start(lines, 0, last, paragraph=True)
    starts = [i for i in range(cut) if lines[i].strip() and (i == 0 or not lines[i - 1].strip())]
    intro_end = starts[0] if starts else cut
    while intro_end > 0 and not lines[intro_end - 1].strip():
        intro_end -= 1
    items, tail = _build(lines[intro_end:cut], [s - intro_end for s in starts], None, state)
    return lines[:intro_end], items, tail + lines[cut:]


def _family(marker: str) -> str:
    return "number" if marker[0].isdigit() else marker


def _closing_start(lines: list[str], indent: int, last: bool, paragraph: bool) -> int:
    """Where the closing prose begins in the last section (len(lines) if none)."""
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
        if lead < indent or (lead == indent and not BULLET_RE.match(line)):
            return _back_over_blanks(lines, index)
    return len(lines)


def _back_over_blanks(lines: list[str], index: int) -> int:
    while index > 0 and not lines[index - 1].strip():
        index -= 1
    return index


def _build(
    lines: list[str], starts: list[int], indent: int | None, state: Status | None
) -> tuple[list[Item], list[str]]:
    """Items starting at `starts`; returns them and the blank lines after the last."""
    items: list[Item] = []
    gap: list[str] = lines[: starts[0]] if starts else []
    for number, start in enumerate(starts):
        stop = starts[number + 1] if number + 1 < len(starts) else len(lines)
        chunk = lines[start:stop]
        end = len(chunk)
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
    item = Item(
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
        ),
        source=tuple(own[:own_end]),
        gap_before=gap,
    )
    return _seal(item)


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
    from dataclasses import replace

    return replace(item, gap_before=gap)


def _seal(item: Item) -> Item:
    from dataclasses import replace

    return replace(item, origin=item.facts_digest())
