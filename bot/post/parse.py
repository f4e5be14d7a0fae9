"""Text ⇄ Post: the weekly TODO mail as values, losslessly.

One parser reads every style the Xen release managers used since 2012; the
style is inferred from the text, never chosen by a switch. Every value keeps
the lines it came from, so that rendering an unchanged post gives back the
same bytes (see `bot.post.render`).
"""

from __future__ import annotations

import re

from bot.post.items import BULLET_RE
from bot.post.itemtree import read_items
from bot.post.model import Post, Section
from bot.post.status import Status
from bot.post.timeline import read_milestone


class PostParseError(ValueError):
    """The text is not a TODO post; `line` is where parsing gave up (1-based)."""

    def __init__(self, line: int, reason: str) -> None:
        super().__init__(f"line {line}: {reason}")
        self.line = line
        self.reason = reason


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
        intro, items, tail = read_items(lines[head + 1 : stop], last, section_status(title))
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


