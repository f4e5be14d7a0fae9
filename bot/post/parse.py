"""Text ⇄ Post: the weekly TODO mail as values, losslessly.

One parser reads every style the Xen release managers used since 2012; the
style is inferred from the text, never chosen by a switch. Every value keeps
the lines it came from, so that rendering an unchanged post gives back the
same bytes (see `bot.post.render`).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace

from bot.lazy import LazyPattern
from bot.post.details import Entry, bounds, failure_entries
from bot.post.items import (
    BUILD_MESSAGE_RE,
    BULLET_RE,
    COMMIT_LINE_RE,
    LAB_ROW_PATTERN,
    LAB_ROW_RE,
    column_gap,
    split_meta,
    table_row,
    trailing_paren,
)
from bot.post.itemtree import read_items
from bot.post.layout import OPEN_SAID, drafted_status
from bot.post.model import Item, Layout, Post, Section
from bot.post.status import Status, status_from_notes
from bot.post.timeline import read_milestone


class PostParseError(ValueError):
    """The text is not a TODO post; `line` is where parsing gave up (1-based)."""

    def __init__(self, line: int, reason: str) -> None:
        super().__init__(f"line {line}: {reason}")
        self.line = line
        self.reason = reason


_EQ_HEADING = LazyPattern(r"^\s*(=+)\s*(?P<title>[^=\s].*?)\s*\1\s*$")
_STAR_HEADING = LazyPattern(r"^\s*\*{2,}\s*(?P<title>[^*\s].*?)\s*\*{2,}\s*:?\s*$")
_COLON_HEADING = LazyPattern(r"^(?P<title>[A-Za-z(][^:\[\]]{0,50}?)\s*:\s*$")
# a test lab's longer heading, over its rows: "Jobs that failed now and then this week
# (holding nothing back):"
_LAB_HEADING = LazyPattern(r"^(?P<title>[A-Za-z][^:\[\]\n]{0,90}?)[ \t]{0,4}:[ \t]{0,4}$")
_SUBJECT_HINT = LazyPattern(r"^\[|todo|release|update|status|roadmap|plan|tracking", re.I)
_TIMELINE_TITLE = LazyPattern(r"time ?line|schedule|dates", re.I)
_SECTION_STATUS = (
    (
        Status.DONE,
        LazyPattern(
            r"^(?!.*\b(?:not|yet|un|in|outstanding)\b).*\b(?:completed?|finished|done|"
            r"fixed|resolved|released|applied|dealt with|merged|committed|graduated)\b",
            re.I,
        ),
    ),
    (Status.DEFERRED, LazyPattern(r"\b(?:deferred|postponed|next release|post-\d)", re.I)),
    (Status.DROPPED, LazyPattern(r"\b(?:dropped|withdrawn|abandoned|discarded)\b", re.I)),
)


def section_status(title: str) -> Status | None:
    """The status a section's title gives its items ("Completed", "Deferred to 4.6")."""
    return next((status for status, pattern in _SECTION_STATUS if pattern.search(title)), None)


_SIGNATURE = LazyPattern(r"^(?:-- ?|_{10,}.*)$")
_PATCH_TITLE = LazyPattern(r"^\s*\[(?:PATCH|RFC|XEN|RESEND)", re.I)


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
        and (not previous.strip() or _SHORTLOG_AUTHOR.match(line) and _RULE.match(previous))
    ):
        return "colon", match["title"].strip()
    return None


# `git shortlog` in a cover letter or a stable round-up: "Jonas Berg (2):" over its
# commits' subjects, indented, one a line; the first right under a "-----" rule. A stable
# review's pseudo-shortlog names each author by address, over one subject:
# "Jonas Berg <jonas@example.org>" then "    x86/vpt: fix a race on timer teardown"
_BY_ADDRESS = r"^[^\s<>:*#-][^<>:]{0,80}? <[^<>\s@]+@[^<>\s]+>\s*$"  # (a name has no ':')
_SHORTLOG_AUTHOR = LazyPattern(r"^\S.{0,80}? \(\d{1,4}\):\s*$|" + _BY_ADDRESS)
_PATCH_AUTHOR = LazyPattern(_BY_ADDRESS)


def heading_title(line: str, previous: str = "", kind: str | None = None) -> str | None:
    found = heading(line, previous)
    return found[1] if found and (kind is None or found[0] == kind) else None


def parse_post(text: str, *, year: int | None = None) -> Post:
    """The Post that `text` writes; PostParseError when it is not a TODO post."""
    if not text.strip():
        raise PostParseError(1, "empty input, not a TODO post")
    if not any(c.isalpha() for c in text):
        raise PostParseError(1, "no text, not a TODO post")
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
    post = _read_post(lines, newline, final_newline, year)
    if post.warnings and sum(line.startswith(">") for line in lines) >= _QUOTED_LIST:
        # the RM's repost of the list quoted under "> ", new lines between the quoted ones
        view = [_QUOTE.sub("", line) for line in lines]
        unquoted = _read_post(view, newline, final_newline, year)
        if not unquoted.warnings:
            return _as_written(unquoted, lines) or post
    return post


_QUOTE = LazyPattern(r"^> ?")
_QUOTED_LIST = 5  # quoted lines, at least, for a quoted list


def _as_written(post: Post, lines: list[str]) -> Post | None:
    """`post` (read from the unquoted lines) holding the lines as written: every
    stored line is the next one of the text, in the order they render (None if
    the post does not hold them all, once each)."""
    if sum(1 for _ in _stored_lines(post)) != len(lines):
        return None
    rest = iter(lines)

    def take(part: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(next(rest) for _ in part)

    def item(it: Item) -> Item:
        gap, source = take(it.gap_before), take(it.source)
        children = tuple(item(child) for child in it.children)
        return replace(it, gap_before=gap, source=source, children=children)

    subject = next(rest) if post.subject_line else post.subject
    preamble = take(post.preamble)
    timeline = tuple(replace(m, source=preamble[m.line_no]) for m in post.timeline)
    sections = []
    for section in post.sections:
        gap, heading = take(section.gap_before), next(rest)
        intro = take(section.intro)
        items = tuple(item(it) for it in section.items)
        sections.append(replace(section, gap_before=gap, heading=heading, intro=intro, items=items))
    closing = take(post.closing)
    return replace(post, subject=subject, preamble=preamble, timeline=timeline,
                   sections=tuple(sections), closing=closing)


def _item_lines(it: Item):
    """An item's lines as written, its sub-items' after them."""
    yield from (*it.gap_before, *it.source)
    for child in it.children:
        yield from _item_lines(child)


def _stored_lines(post: Post):
    """Every line the post keeps, in the order they render."""
    item = _item_lines

    if post.subject_line:
        yield post.subject
    yield from post.preamble
    for section in post.sections:
        yield from (*section.gap_before, section.heading, *section.intro)
        for it in section.items:
            yield from item(it)
    yield from post.closing


def _read_post(lines: list[str], newline: str, final_newline: bool, year: int | None) -> Post:
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
    body = _find_body(lines, first)
    body_start, kind = body if body else (len(lines), "")
    body_end = next(
        (i for i in range(body_start, len(lines)) if _SIGNATURE.match(lines[i])), len(lines)
    )
    if body is None:  # no list at all: the text is kept whole, and replies can add items
        body_start = body_end = _sign_off(lines, first, body_end)
    preamble = tuple(lines[first:body_start])
    timeline = tuple(m for i, line in enumerate(preamble) if (m := read_milestone(line, i, year)))
    sections, tail = _read_sections(lines, body_start, body_end, kind) if body else ([], [])
    sections = _with_footnotes(sections, lines)
    closing = (*tail, *lines[body_end:])
    sections = _fixed_below(sections, closing)
    sections = _without_index(sections)
    if kind == "names":  # a test report: the failures its detail part describes
        sections, tail = _with_details(sections, list(tail))
        closing = (*tail, *lines[body_end:])
    warnings = () if any(True for _ in _walk(sections)) else (NO_LIST,)
    return Post(
        subject=subject,
        subject_line=bool(first),
        preamble=preamble,
        timeline=timeline,
        sections=tuple(sections),
        closing=closing,
        newline=newline,
        final_newline=final_newline,
        warnings=warnings,
    )


def _with_details(sections: list[Section], tail: list[str]) -> tuple[list[Section], list[str]]:
    """A test report's failures that its detail part describes and its lists do not name,
    as items: of the reporter's own heading above them ("Warning backtraces" over "====="),
    else of the part's first line (apart from the lists' names). Each keeps the lines that
    describe it (its log, its backtrace) up to the next failure, heading, title over dashes
    ("riscv" over the failures of one architecture) or the sign-off; the lines between
    stay as written."""
    listed = {item.text.strip() for section in sections for item in section.items}
    entries = failure_entries(tail, listed)
    if not entries or not sections:
        return sections, tail
    heads = [at for at in range(len(tail)) if (head := heading_at(tail, at)) and (
        head[0] in ("eq", "under") or head[0] == "over" and tail[at + 1].startswith("="))]
    starts = sorted({entry.at for entry in entries} | {_before_heading(tail, at) for at in heads}
                    | set(bounds(tail)) | {_signed_at(tail)})
    done, current, items = sections[:-1], sections[-1], list(sections[-1].items)
    taken = 0  # the first line not yet given to an item or a heading
    opening = next((at for at in range(entries[0].at) if tail[at].strip()),
                   entries[0].at - 1 if entries[0].at else None)
    if opening is not None and not any(at < entries[0].at for at in heads):
        # no heading of the reporter's above the first: the part's first line heads them
        # ("Details:", "Same problems as every week."; a blank line, when the first comes
        # right under the lists), apart from the lists' names
        said = heading_at(tail, opening)
        title = said[1] if said and _FAILURE_LIST.search(said[1]) else "Details"
        done = [*done, current]
        current = Section(title=title, heading=tail[opening], gap_before=tuple(tail[:opening]))
        items, taken = [], opening + 1
    for entry in entries:
        above = [at for at in heads if taken <= at < entry.at]
        if above:
            head = above[-1]
            body = _after_heading(tail, head)
            done.append(replace(current, items=tuple(items)))
            title = heading_at(tail, head)[1]  # type: ignore[index]
            current = Section(title=title, heading=tail[head], intro=tuple(tail[head + 1:body]),
                              gap_before=tuple(tail[taken:head]))  # (an over-rule with them)
            items, taken = [], body
        after = bisect_right(starts, entry.at)
        stop = starts[after] if after < len(starts) else len(tail)
        stop = _back_over_blanks(tail, stop, entry.at + 1)
        state = section_status(current.title)
        items.append(_failure_item(entry, tail[entry.at:stop], tuple(tail[taken:entry.at]),
                                   state))
        taken = stop
    done.append(replace(current, items=tuple(items)))
    return done, tail[taken:]


def _signed_at(lines: list[str]) -> int:
    """Where the reporter's sign-off under the last paragraph starts ("Thanks,\nTomasz"),
    which describes no failure; the end when there is none."""
    end = _back_over_blanks(lines, len(lines), 0)
    start = end
    while start and lines[start - 1].strip():
        start -= 1
    last = [line.strip() for line in lines[start:end]]
    if 0 < len(last) <= 3 and (_SIGN_OFF_LINE.match(last[0]) or all(
            len(line.split()) <= 3 and not line.endswith((".", ":", ")")) and ":" not in line
            for line in last)):
        return start
    return len(lines)


def _back_over_blanks(lines: list[str], index: int, floor: int) -> int:
    while index > floor and not lines[index - 1].strip():
        index -= 1
    return index


def _failure_item(entry: Entry, lines: list[str], gap: tuple[str, ...],
                  state: Status | None) -> Item:
    """A described failure, its first line written as a listed name is: what a parenthesis
    after it says when it says a status (a draft's "(patch posted)", "(open, Jonas Berg,
    ...)") is its owners and notes; the report's own words in one ("frob_bitmap (big
    endian only)", "memcpy (Alpha)") are part of its name. The lines below describe it."""
    name, said = entry.name, entry.rest.strip()[1:-1] if entry.rest else None
    paren = trailing_paren(name) if said is None else None
    if paren and paren[2]:  # (not "memcpy (Alpha)": whose, only in a draft's "(open, ...)")
        _owners, notes = split_meta(paren[1])
        if notes[:1] == (OPEN_SAID,) or status_from_notes(notes) is not Status.OPEN:
            name, said = paren[0], paren[1]
    owners, notes, status = _said_in(said or "", state)
    layout = Layout(style="failure", indent=0, marker="", text_col=0, title_open=entry.open,
                    title_close=entry.close)
    item = Item(text=name, owners=owners, notes=notes, status=status, layout=layout,
                source=tuple(lines), gap_before=gap)
    return replace(item, origin=item.facts_digest())


def _fixed_below(sections: list[Section], closing: tuple[str, ...]) -> list[Section]:
    """A test report's "All of these failures are fixed by the following patches", under its
    lists: every open item's fix is on its way (in the reporter's own tree, not yet
    released), as a reader takes it."""
    if not sections or not _ALL_FIXED_BELOW.search(" ".join(" ".join(closing[:40]).split())):
        return sections

    def on_its_way(item: Item) -> Item:
        if item.status is not Status.OPEN or item.placeholder:
            return item
        moved = replace(item, status=Status.IN_PROGRESS)
        return replace(moved, origin=moved.facts_digest())  # as parsed: no change to write

    return [replace(s, items=tuple(on_its_way(i) for i in s.items)) for s in sections]


# "All of these failures are fixed by the following patches."
_ALL_FIXED_BELOW = LazyPattern(
    r"\b(?:all|the (?:problems|failures|issues)|these|those|they)\b[^.:]{0,60}\b(?:are|were) "
    r"(?:all )?fixed (?:with|by) the (?:following|patches below|commits below)\b", re.I)


def _without_index(sections: list[Section]) -> list[Section]:
    """A test report's "List of failures" ("#1: block/011" a line) over its "Failure
    description" ("#1: block/011" again, the words on it under it): the list is the
    report's index, its lines kept as written, and the described entries are the items.
    (Only where every entry of the list is described below, under its own number.)"""
    kept = list(sections)
    for number, section in enumerate(kept):
        markers = [item.layout.marker for item in section.items]
        if not markers or not all(marker[:1] == "#" for marker in markers) or any(
                len(item.source) > 1 or item.children for item in section.items):
            continue  # (an index lists its entries a line each; described ones are items)
        below = {item.layout.marker: item.text for later in kept[number + 1:]
                 for item in later.items if item.layout.marker[:1] == "#"}
        if all(marker in below and _alike(item.text, below[marker])
               for item, marker in zip(section.items, markers, strict=True)):
            lines = tuple(line for item in section.items for line in _item_lines(item))
            kept[number] = replace(section, items=(), intro=section.intro + lines)
    return kept


def _alike(one: str, other: str) -> bool:
    """One title as the other, or the other with more marks after it ("(new)")."""
    one, other = " ".join(one.split()), " ".join(other.split())
    return one.startswith(other) or other.startswith(one)


def _sign_off(lines: list[str], start: int, end: int) -> int:
    """Where a post's sign-off ("Thanks,\nIan.") begins, so that items a reply
    adds to a post with no list come before it; `end` when there is none."""
    for index in range(start + 1, end):
        if not lines[index - 1].strip() and _SIGN_OFF_LINE.match(lines[index]):
            while index > start and not lines[index - 1].strip():
                index -= 1
            return index
    return end


_SIGN_OFF_LINE = LazyPattern(
    r"^\s*(?:thanks|thank you|regards|best regards|kind regards|cheers|best wishes)\b", re.I
)
NO_LIST = "no list found: the post is kept as text with zero items; replies can add items"


_FOOTNOTE = LazyPattern(r"^\s*\[(?P<n>\d{1,3})\]\s*(?P<url>(?:https?|ftp)://\S+)?\s*$")
_MARK = LazyPattern(r"\[(\d{1,3})\]")


def _footnotes(lines: list[str]) -> dict[str, str]:
    """`[1] https://...` (or `[1]` with the link on the next line) → {"1": url}."""
    notes: dict[str, str] = {}
    for index, line in enumerate(lines):
        match = _FOOTNOTE.match(line)
        if not match:
            continue
        url = match["url"] or (lines[index + 1].strip() if index + 1 < len(lines) else "")
        if url.startswith(("http://", "https://", "ftp://")):
            notes.setdefault(match["n"], url)
    return notes


def _with_footnotes(sections: list[Section], lines: list[str]) -> list[Section]:
    """Items that point at a footnote ("title [1]") get its link among theirs."""
    notes = _footnotes(lines)
    if not notes:
        return sections

    def resolve(item: Item) -> Item:
        # the title's own mark ("title [1]") sits in its layout, one inside the text stays there
        said = f"{item.text} {item.layout.title_close}"
        marks = [notes[n] for n in _MARK.findall(said) if n in notes]
        children = tuple(resolve(child) for child in item.children)
        if not marks and children == item.children:
            return item
        links = tuple(dict.fromkeys([*item.links, *marks]))
        layout = replace(item.layout, foot_links=" ".join(dict.fromkeys(marks)))
        fresh = replace(item, links=links, children=children, layout=layout)
        return replace(fresh, origin=fresh.facts_digest())

    return [replace(s, items=tuple(resolve(i) for i in s.items)) for s in sections]


def _walk(sections: list[Section]):
    return (item for section in sections for item in section.items)  # "None" is a list too


def _next_nonblank(lines: list[str], index: int) -> int:
    while index < len(lines) and not lines[index].strip():
        index += 1
    return index


_RULE = LazyPattern(r"^[ \t]*(?P<ch>[=~-])(?P=ch){2,}[ \t]*$")
# a rule a mail's encoding mangled: "3D============" (a quoted-printable "=3D" decoded twice)
_MANGLED_RULE = LazyPattern(r"^\S{1,3}?(?P<ch>=)(?P=ch){5,}[ \t]*$")
# git's "What's cooking": [New Topics], [To go to 'master' once it has settled in 'next']
_BRACKET_HEADING = LazyPattern(r"^\[(?P<title>[A-Z][^\[\]]{2,78})\]\s*$")
_SUB_HEADING = LazyPattern(r"^(?P<indent>[ \t]{1,8})(?P<title>[A-Za-z(][^:\[\]]{0,40}?)\s*:\s*$")
_STANZA = LazyPattern(r"^\s*S:\s+\S")
# kinds that divide a post into parts wherever they stand (a part may hold prose only);
# the others head a section only where a list follows them
STRUCTURAL = ("eq", "star", "over", "under", "bracket")


def heading_at(lines: list[str], index: int) -> tuple[str, str] | None:
    """(kind, title) of a heading at `lines[index]`, looking at its neighbours.

    Besides `heading()`: a title underlined with `===` ("under", with `---`
    "dashed") or between two rules ("over", the regressions report); a
    sentence ending in ':' ("prose": "still outstanding for 4.21:"); an
    indented short title ending in ':' inside a section ("sub": `  Arm:`).
    """
    line = lines[index]
    if _RULE.match(line) and index + 1 < len(lines) and COMMIT_LINE_RE.match(lines[index + 1]):
        return "rule", ""  # "-----" right above a numbered list of commits (a round-up)
    if (_RULE.match(line) or _COLUMN_RULE.match(line)) and _table_above(lines, index):
        return "table", " / ".join(column_gap.split(_table_head(lines, index)))
    if not line.strip() or _RULE.match(line):
        return None
    previous = lines[index - 1] if index else ""
    following = lines[index + 1] if index + 1 < len(lines) else ""
    rule = _RULE.match(following)
    if rule and line[0] not in " \t" and not BULLET_RE.match(line):
        title = line.strip().rstrip(":").strip()
        over = _RULE.match(previous) or _MANGLED_RULE.match(previous)
        if over and over["ch"] == rule["ch"]:
            return "over", title
        return ("under" if rule["ch"] == "=" else "dashed"), title
    robot = _MESSAGES_HEAD.match(line)
    if robot and _messages_below(lines, index):  # "Error/Warning: (recently discovered)"
        return "names", robot["title"].strip()  # over a build robot's messages, one a line
    colon = _COLON_HEADING.match(line) or (_LAB_HEADING.match(line) if LAB_ROW_RE.match(
        following) else None)  # (a heading of more than 50 characters over a lab's rows)
    if colon and _name_list(lines, index + 1, bool(_FAILURE_LIST.search(line))):
        # "Failed builds:" over "\tarm:allmodconfig"
        title = colon["title"].strip()  # (right under the list above, too)
        if _wrapped_above(lines, index):
            title = f"{previous.strip()} {title}"
        return "names", title
    found = heading(line, previous)
    if found:
        return found
    opens = not previous.strip() or previous.rstrip().endswith(":")
    if opens and _PATCH_AUTHOR.match(line) and not BULLET_RE.match(line) and following.strip() \
            and following[:1] in " \t":
        return "colon", line.strip()  # a stable review's author, over its patch's subject
    bracket = _BRACKET_HEADING.match(line)
    if bracket and (not previous.strip() or _RULE.match(previous)):
        return "bracket", bracket["title"]  # git's "What's cooking": [New Topics]
    if _prose_heading(lines, index) and not _address_in_sentence(lines, index):
        return "prose", line.strip()[:-1].strip()
    sub = _SUB_HEADING.match(line)
    if sub and len(sub["title"].split()) <= 4 and not BULLET_RE.match(line):
        # not where an item's text wraps: "    * libxl ... which\n      this are:"
        above = next((b for b in lines[max(0, index - 12) : index][::-1] if BULLET_RE.match(b)), "")
        bullet = BULLET_RE.match(above)
        if not previous.strip() or not bullet or len(sub["indent"]) <= len(bullet["indent"]):
            return "sub", sub["title"].strip()
    return None


# a rule under each column's name: "----<TAB><TAB>----------------"
_COLUMN_RULE = LazyPattern(r"^-{3,}(?:[ \t]{1,40}-{3,}){1,8}[ \t]*$")


def _table_start(lines: list[str], index: int) -> int:
    """The first line of the paragraph over a table's rule (five lines up at most)."""
    start = index
    while start > max(0, index - 5) and lines[start - 1].strip():
        start -= 1
    return start


def _table_head(lines: list[str], index: int) -> str:
    """The first line of the column names over a table's rule."""
    return lines[_table_start(lines, index)].strip()


def _table_above(lines: list[str], index: int) -> bool:
    """A rule under a table's column names ("Tree<TAB>Last commit date", "  URL") and over
    two rows or more, each a name and its columns, unindented, details indented below it;
    not a timeline's ("Milestone    Date" over "rc1   12 May"), nor a signature's one row."""
    start = _table_start(lines, index)
    head = lines[start].strip()
    columns = column_gap.split(head)
    if not (1 <= index - start <= 4 and not lines[start][:1].isspace() and len(columns) >= 2
            and len(head) <= 80 and not head.endswith((".", ":"))
            and not _TIMELINE_COLUMN.match(columns[0])):
        return False
    rows = 0
    for line in lines[index + 1 : index + 200]:
        if not line.strip():
            break
        if line[:1].isspace():
            continue  # (a row's details)
        if not table_row(line) or _RULE.match(line) or _COLUMN_RULE.match(line):
            return False
        rows += 1
        if rows >= 2:
            return True
    return False


# a timeline's first column: "Milestone", "Date", "When"
_TIMELINE_COLUMN = LazyPattern(r"^(?:milestones?|events?|phases?|stages?|dates?|when|deadlines?)\b",
                               re.I)


_POINTS_BELOW = LazyPattern(r"^(?:these|those|them|the following|following|below)\s*:\s*$", re.I)


def _prose_heading(lines: list[str], index: int) -> bool:
    """A sentence of the RM's ending in ':' ("... to be merged into 4.21:"), or ending
    its paragraph with a list of commits below; not a wrapped line of an item above it."""
    line = lines[index]
    if not (line[:1].isalpha() or line[:1] == '"'):
        return False
    if not line.rstrip().endswith(":") and not _commits_below(lines, index):
        return False
    if "://" in line or BULLET_RE.match(line) or len(line.split()) < 2 and not (
            _POINTS_BELOW.match(line) and index and lines[index - 1].strip()):
        return False  # (one word ends a sentence wrapped over lines: "... removing all of\n
        # these:"; not "... could tell me\nabout:", what to tell the RM)
    back = index
    while back > 0 and lines[back - 1].strip():
        back -= 1
        if BULLET_RE.match(lines[back]) or lines[back][:1] in " \t[>":
            return False
    return True


def _commits_below(lines: list[str], index: int) -> bool:
    """A paragraph's last line with a list of commits after it: "Sitting in my queue
    already are" + blank + "3fa9c2e1d0  x86/vpt: ...", "Possibly also," + commits."""
    if index + 1 >= len(lines) or lines[index + 1].strip() or COMMIT_LINE_RE.match(lines[index]):
        return False
    following = _next_nonblank(lines, index + 1)
    return following < len(lines) and bool(COMMIT_LINE_RE.match(lines[following]))


# one name alone on an indented line, in parts: a build target, a test ("\tarm:allmodconfig",
# "\tx86_64:tinyconfig"); not a command ("make", "./run-tests") nor an address
# ("\t<all riscv tests>": a group of them, named in angle brackets; not "<none>", "<tbd>")
_NAME_LINE = LazyPattern(r"^[ \t]+(?:(?=[A-Za-z0-9])(?=\S*[A-Za-z])(?=\S*[:_=])(?!\S*://)"
                         r"[^\s;{}()]{3,120}|<(?!(?:none|tbd|tba|n/a|nothing|empty|see)\b)"
                         r"[\w][\w ,./:+-]{2,78}>)"
                         r"(?:[ \t]+\((?:[^()\n]|\([^()\n]{0,120}\)){1,400}\))?[ \t]*$"
                         rf"|{LAB_ROW_PATTERN}")


def _name_list(lines: list[str], index: int, failures: bool = False) -> bool:
    """Two or more names one a line, indented alike, under a heading ("Failed builds:" then
    "\tarm:allmodconfig", "\tcsky:defconfig"): a list whose every line is an item; under
    a heading of `failures` ("Failed builds:"), one name is a list too, when the line
    after it is no more indented (another heading, a blank)."""
    if index + 1 >= len(lines) or not _NAME_LINE.match(lines[index]):
        return False
    indent = lines[index][: len(lines[index]) - len(lines[index].lstrip())]
    following = lines[index + 1]
    if failures and not following.startswith(indent):
        return True
    return bool(_NAME_LINE.match(following)) and following.startswith(indent) and \
        not following[len(indent):][:1].isspace()


def _item_like(lines: list[str], index: int) -> bool:
    if index >= len(lines):
        return False
    line = lines[index]
    if BULLET_RE.match(line):
        return read_milestone(line, 0, None) is None
    if COMMIT_LINE_RE.match(line):
        return True
    if index and line[:2].isspace() and _SHORTLOG_AUTHOR.match(lines[index - 1]):
        return True
    following = lines[index + 1 : index + 4]
    if _PATCH_TITLE.match(line) or _STANZA.match(line):
        return True
    if any(f.strip().startswith("[") and "://" in f for f in following):
        return True
    # an indented block: a title, then its link or owner lines (2021 updates)
    lead = len(line) - len(line.lstrip())
    block = [f for f in following if f.strip() and len(f) - len(f.lstrip()) >= lead]
    return lead > 0 and bool(block) and ("://" in block[0] or _owner_line(block[0]))


_OWNER_LINE = LazyPattern(r"^\s*[A-Z][\w'.-]+(?: [A-Z][\w'.-]+){1,3}(?: <[^<>\s]+@[^<>\s]+>)?\s*$")


def _owner_line(line: str) -> bool:
    return bool(_OWNER_LINE.match(line))


def _find_body(lines: list[str], start: int) -> tuple[int, str] | None:
    """(index of the first section heading, the kind of heading the post uses).

    The post's own heading style is the most decorated kind that heads a
    list of items: a 2014 roadmap's "For example:" above a sample item is
    prose when its real sections are `== Open ==`. None when no heading
    heads a list: the post holds no list at all.
    """
    found: dict[str, int] = {}
    for index in range(start, len(lines)):
        head = heading_at(lines, index)
        if head is None or head[0] in found or _TIMELINE_TITLE.search(head[1]):
            continue
        probe = _next_nonblank(lines, _after_heading(lines, index))
        if probe + 1 < len(lines) and _TABLE_HEAD.match(lines[probe]) and \
                _item_like(lines, probe + 1):
            probe += 1  # a table's column names over its rows ("Ref Crashes Repro Title")
        if head[0] in ("names", "table") or (head[0] == "over" and _entry_at(lines, probe)):
            found[head[0]] = index
            continue
        while probe < len(lines) and heading_at(lines, probe) is not None:
            probe = _next_nonblank(lines, _after_heading(lines, probe))
        if _item_like(lines, probe) or (head[0] == "over" and _entry_at(lines, probe)):
            found[head[0]] = index
        elif head[0] in STRUCTURAL and _list_below(lines, probe):
            found[head[0]] = index
    names = found.get("names")
    if names is not None and all(at > names for at in found.values() if at != names) and \
            _FAILURE_LIST.search(lines[names]) and (
                _name_list(lines, names + 1) or len(found) == 1
                or names + 1 < len(lines) and LAB_ROW_RE.match(lines[names + 1])):
        # (one name under "Known regressions:" is no report's list where a list of items
        # follows: "Blockers:" over "* Frob crash on boot")
        # a test report's "Failed builds:" over its names: what follows (its error logs under
        # "Build errors", a list of the fixing commits) details the names, whatever its headings
        # (not "Test day setup:" over "\tdevice_model_version=qemu-xen" above a TODO list)
        return _before_heading(lines, names), "names"
    for kind in (*HEADING_KINDS[:2], "over", "under", "bracket", "colon", "prose", "rule", "sub",
                 "table",
                 "names"):  # (lists of names: only a post with no list of another kind)
        if kind in found:
            weak = [found[k] for k in ("colon", "prose", "sub") if k in found]
            at = min(weak) if kind in ("colon", "prose", "sub") else found[kind]
            return _before_heading(lines, at), kind
    return None


# a build robot's heading over its messages: "Error/Warning:", its words on them in
# parentheses after the colon or before it ("Unverified Error/Warning (...):"), "Warning in
# current branch:" (not a test report's "Error log:" over one build's log)
_MESSAGES_HEAD = LazyPattern(
    r"^(?P<title>(?:[A-Za-z][a-z]+ )?(?:(?i:error/warning|warning/error|errors|warnings)"
    r"(?: [a-z][^:()\n]{0,40}?)?|(?i:error|warning)(?: in [^:()\n]{0,40}?)?))"
    r"\s*(?:\([^()\n]{0,100}\))?\s*:\s*(?:\([^()\n]{0,100}\))?\s*$")


def _messages_below(lines: list[str], index: int) -> bool:
    """Whether a build robot's messages start at most a blank line below the heading."""
    below = _next_nonblank(lines, index + 1)
    return below <= index + 2 and below < len(lines) and not lines[below][:1].isspace() and \
        bool(BUILD_MESSAGE_RE.match(lines[below]))


# a command to a tracking bot, shown for a reader to copy ("#syz set <Ref> no-reminders")
_COMMAND_LINE = LazyPattern(r"^[ \t]*#[a-z][\w-]*[ \t]")
# the column names of a table, one word each ("Ref Crashes Repro Title")
_TABLE_HEAD = LazyPattern(r"^[ \t]*(?:[A-Z][a-z]{1,11}[ \t]+){2,6}[A-Z][a-z]{1,11}[ \t]*$")
# a list of what failed: "Failed builds:", "Build errors:", "Regressions:"
_FAILURE_LIST = LazyPattern(r"\b(?:fail\w*|errors?|broken|regress\w*|crash\w*|warnings?"
                            r"|(?:did|could) not (?:succeed|be run|run))\b",
                            re.I)


def _list_below(lines: list[str], index: int) -> bool:
    """Items somewhere in the part a structural heading opens, after its prose."""
    for probe in range(index, min(len(lines), index + 60)):
        head = heading_at(lines, probe)
        if head and head[0] in STRUCTURAL:
            return False
        if (probe == 0 or not lines[probe - 1].strip()) and _item_like(lines, probe):
            return True
    return False


def _entry_at(lines: list[str], index: int) -> bool:
    """A regressions-report entry: a title underlined with dashes."""
    return index + 1 < len(lines) and heading_at(lines, index) == (
        "dashed",
        lines[index].strip().rstrip(":").strip(),
    )


def _after_heading(lines: list[str], index: int) -> int:
    """The line after a heading and its underline."""
    if index + 1 < len(lines) and _RULE.match(lines[index + 1]):
        return index + 2
    return index + 1


def _wrapped_above(lines: list[str], index: int) -> bool:
    """A test lab's heading wrapped over two lines, over its rows ("Jobs that failed and hold
    back the push,\ncounting the ones we could not run at all:")."""
    previous = lines[index - 1] if index else ""
    return previous.rstrip().endswith(",") and previous[:1].isalpha() and \
        index + 1 < len(lines) and bool(LAB_ROW_RE.match(lines[index + 1])) and bool(
            _FAILURE_LIST.search(previous) or "blocking" in previous)


def _before_heading(lines: list[str], index: int) -> int:
    """Where a heading starts: its over-rule, or the first line of its sentence."""
    head = heading_at(lines, index)
    if head and head[0] == "over" or head and head[0] == "names" and _wrapped_above(lines, index):
        return index - 1
    if head and head[0] == "prose":
        while index and lines[index - 1].strip() and heading_at(lines, index - 1) is None:
            index -= 1
    return index


def _is_section_head(lines: list[str], index: int, kind: str) -> tuple[str, str] | None:
    """A heading of the post's own kind, a structural one, or another kind that
    heads items (a 2024 list with `*** x86 ***:` sections ends with `Completed:`)."""
    head = heading_at(lines, index)
    if head is None:
        return None
    below = _next_nonblank(lines, _after_heading(lines, index))
    if below < len(lines) and _COMMAND_LINE.match(lines[below]):
        return None  # "To mute a bug, answer with:" over "#bugbot set ...": a help text
    if kind == "over":  # a regressions report: its entries are underlined titles
        return head if head[0] == "over" else None
    if kind == "names":  # a test report: its lists of names; what follows is its notes
        return head if head[0] == "names" else None
    if head[0] == kind or head[0] in STRUCTURAL or head[0] == "dashed" or (
            head[0] == "names" and kind == "colon"):  # (a colon heading, over names)
        return head
    probe = _next_nonblank(lines, _after_heading(lines, index))
    while probe < len(lines) and (sub := heading_at(lines, probe)) and sub[0] == "sub":
        probe = _next_nonblank(lines, _after_heading(lines, probe))  # `Completed:` `  Arm:`
    return head if _item_like(lines, probe) else None


def _address_in_sentence(lines: list[str], index: int) -> bool:
    """A sentence that goes on around the address it gives ("One patch of the round is
    at:" / an address / "and as a branch at:" / another / "with its diffstat last."):
    where to fetch things, no list of work."""
    at = _next_nonblank(lines, index + 1)
    if at >= len(lines) or at != index + 1 or not _ADDRESS_LINE.match(lines[at]):
        return False
    following = lines[at + 1] if at + 1 < len(lines) else ""
    return bool(following.strip()) and following[:1] not in " \t" and not _ADDRESS_LINE.match(
        following) and not BULLET_RE.match(following)


_ADDRESS_LINE = LazyPattern(r"^\s*<?(?:https?|ftp|git)://\S+>?(?:[ \t]+\S+)?[ \t]*$")


def _read_sections(
    lines: list[str], start: int, end: int, kind: str
) -> tuple[list[Section], list[str]]:
    heads: list[tuple[int, int, str, str]] = []  # (first line, heading line, kind, title)
    index = start
    cut = end
    while index < end:
        head = _is_section_head(lines, index, kind)
        if head is None:
            index += 1
            continue
        if head[0] == "prose" and heads and heads[-1][2] in STRUCTURAL:
            opened = _after_heading(lines, heads[-1][1])
            if not any(_item_like(lines, i) for i in range(opened, index)):
                index += 1  # the sentence opens the list of the heading above it
                continue
        # (the first section keeps whatever lies between the post's start of body and
        # its heading: a rule and a sentence that head no list of their own)
        first = max(_before_heading(lines, index), start) if heads else start
        if _CLOSING_TITLE.match(head[1]):
            cut = first  # "End of report": the post's closing, no section
            break
        title = head[1]
        if head[0] == "prose":  # the sentence may start lines above its ':'
            title = last_sentence(" ".join(line.strip() for line in lines[first : index + 1]))
        if heads and first < _after_heading(lines, heads[-1][1]):
            first = index  # (a rule under the heading above is its underline, not this one's)
        heads.append((first, index, head[0], title))
        index = _after_heading(lines, index)
    if not heads:
        cut = start  # nothing but a closing heading: all of it is closing
    sections: list[Section] = []
    gap: list[str] = []
    tail: list[str] = []
    parents: list[tuple[int, str]] = []  # (level, title) of the enclosing headings
    queued = False  # what the words above the first list say of the post's lists
    for number, (first, head, head_kind, title) in enumerate(heads):
        stop = heads[number + 1][0] if number + 1 < len(heads) else cut
        last = number + 1 == len(heads)
        level = _level(lines[head], head_kind)
        while parents and parents[-1][0] >= level:
            parents.pop()
        parent = parents[-1][1] if parents else ""
        parents.append((level, title))
        state = section_status(title)
        for _, above in reversed(parents[:-1]):
            state = state or section_status(above)
        if number == 0:
            queued = _queued_lead([*lines[max(0, first - 30):first], "", title])
        if state is None and queued and (number == 0 or _PATCH_AUTHOR.match(lines[head])):
            state = Status.IN_PROGRESS  # "The following patches are queued for 8.1.5:"; a
            # stable review's every author's patches ("the start of the stable review cycle")
        body_at = _after_heading(lines, head) if head_kind != "prose" else head + 1
        rule = lines[head + 1 : body_at]
        each_line = bool(_SHORTLOG_AUTHOR.match(lines[head])) or head_kind == "names"
        intro, items, tail = read_items(
            lines[body_at:stop], last, state, entries=kind == "over", each_line=each_line,
            rows=head_kind == "table")
        if head_kind == "table":
            items = [_as_row(item, state) for item in items]
        if each_line:  # one name (or one commit's subject) a line: a status goes on it, in
            items = [_as_name(item, state, subject=head_kind != "names")  # parentheses
                     for item in items]
        sections.append(
            Section(
                title=title,
                heading=lines[head],
                items=tuple(items),
                intro=tuple(rule) + tuple(intro),
                gap_before=tuple(gap) + tuple(lines[first:head]),
                parent=parent,
            )
        )
        gap = tail if not last else []
    return sections, tail + lines[cut:end]


# what the words above a post's first list say of all of it: a stable round-up's "The
# following patches are queued for frob stable 3.4.13" (in the branch, not yet released)
_QUEUED_LEAD = LazyPattern(
    r"\bstart of the stable review cycle for the [\w.+-]+ release\b|"
    r"\b(?:the )?following (?:patches|changes|commits|fixes)\b[^.:;?]{0,80}\b(?:are|have been"
    r"|got) (?:now )?(?:queued|staged)\b|\b(?:patches|changes|commits|fixes) below (?:are|have"
    r" been) (?:now )?(?:queued|staged)\b|\b(?:patches|changes|commits|fixes)\b[^.:;?]{0,40}"
    r"\b(?:queued|staging|staged) for inclusion\b", re.I)
# what makes such a sentence no statement about the list: "None of the following patches
# are queued yet", "Which of the following are queued already?", "queued for review"
_NOT_QUEUED = LazyPattern(r"\?\s*$|\b(?:not|none|no|never)\b[^.,;:]{0,40}\b(?:queued|staged)\b"
                          r"|\b(?:if|whether|which)\b[^.,;:]{0,60}\b(?:queued|staged)\b"
                          r"|\b(?:queued|staged) yet\b|n[\x27’]t (?:\w+ ){0,2}(?:queued|staged)\b"
                          r"|\b(?:queued|staged) for (?:review|testing|discussion)\b", re.I)
_STATEMENT_END = LazyPattern(r"(?<=[.!?:;])\s+")


def _queued_lead(lines: list[str]) -> bool:
    """Whether a plain sentence above the list (its heading one too) says the whole list
    is queued for the release (a paragraph ends a sentence; a question, or a negation of
    the queueing, says no such thing)."""
    paragraphs = "\n".join(lines).split("\n\n")
    return any(_QUEUED_LEAD.search(sentence) and not _NOT_QUEUED.search(sentence)
               for paragraph in paragraphs
               for sentence in _STATEMENT_END.split(" ".join(paragraph.split())))


def _as_name(item: Item, state: Status | None, subject: bool = False) -> Item:
    """An item of a list of one name a line: the name, and what a parenthesis after it says
    (owners, notes, the status they give), so that what a draft writes there
    ("arm:pxa_defconfig (in progress)" under its tab) reads back as that build's. A commit's
    `subject` (a review round's patch) keeps its own parenthesis ("(Ice Lake)", "(deferred
    probe)"): only one a draft wrote, its state said first, is read."""
    if item.layout.style != "paragraph" or len(item.source) != 1:
        return item
    line = item.source[0].strip()
    name, _, rest = line.partition(" ")
    if subject:
        name, rest = line, ""
    paren = trailing_paren(line) if line.endswith(")") and (subject or rest and not (
        rest.lstrip().startswith("("))) else None
    if paren and paren[2] and (not subject or drafted_status(paren[1].partition(",")[0])):
        owners, notes = split_meta(paren[1])  # its parenthesis, when it says whose or what
        if owners or notes[:1] == (OPEN_SAID,) or status_from_notes(notes) is not Status.OPEN:
            name, rest = paren[0], f"({paren[1]})"  # ("open, ..." only a draft writes)
    layout = replace(item.layout, style="subject" if subject else "name")
    rest = rest.strip()
    if subject and not rest:  # the whole line is the subject, its own parenthesis too
        whole = replace(item, text=name, owners=(), notes=(), status=state or Status.OPEN,
                        layout=layout)
        return replace(whole, origin=whole.facts_digest())
    if not (rest.startswith("(") and rest.endswith(")")):
        return replace(item, layout=layout)
    if subject:  # the state a draft said first is the patch's ("done, needs a v2 of 3/4")
        owners, notes, status = _state_first(rest[1:-1])  # (always said: its parenthesis was
        # read only when it opens with a state)
    else:
        owners, notes, status = _said_in(rest[1:-1], state)
    named = replace(item, text=name, owners=owners, notes=notes, status=status, layout=layout)
    return replace(named, origin=named.facts_digest())


def _as_row(item: Item, state: Status | None) -> Item:
    """A table's row: its first line as written is the item (the tree and its date), the
    indented lines below it its details, kept as written; a parenthesis a draft wrote after
    the row says its state, owners and notes."""
    line = item.source[0].rstrip() if item.source else item.text
    owners, notes, status = (), (), state or Status.OPEN
    paren = trailing_paren(line) if line.endswith(")") else None
    if paren and paren[2] and drafted_status(paren[1].partition(",")[0]) is not None:
        owners, notes, status = _state_first(paren[1])  # (a draft writes the state first,
        line = paren[0]  # always, as after a subject)
    row = replace(item, text=line, owners=owners, notes=notes, status=status,
                  layout=replace(item.layout, style="tablerow"))
    return replace(row, origin=row.facts_digest())


def _state_first(inner: str) -> tuple[tuple[str, ...], tuple[str, ...], Status]:
    """(owners, notes, status) of a parenthesis a draft wrote with the state first
    ("done, Jonas Berg, needs a v2 of 3/4")."""
    said, _, more = inner.partition(",")
    owners, notes = split_meta(more) if more.strip() else ((), ())
    return owners, notes, drafted_status(said) or Status.OPEN


def _said_in(inner: str, state: Status | None) -> tuple[tuple[str, ...], tuple[str, ...], Status]:
    """(owners, notes, status) a parenthesis after a name says: a draft's "open, ..." is
    no note but says the item is open whatever the section's `state` (a patch taken out of
    a review round's queue), and a status its notes give wins over the section's."""
    owners, notes = split_meta(inner)
    opened = notes[:1] == (OPEN_SAID,)
    notes = notes[1:] if opened else notes
    said = status_from_notes(notes)
    return owners, notes, said if said is not Status.OPEN or opened else state or Status.OPEN


# a heading that closes the post rather than opening a section ("End of report")
_CLOSING_TITLE = LazyPattern(
    r"^(?:end of (?:the )?(?:report|list|summary|update|status|mail|post)|that'?s (?:all|it)"
    r"|thanks|thank you|(?:best |kind )?regards|cheers|best wishes|sincerely)\b\W*$",
    re.I,
)
_SENTENCE_END = LazyPattern(r"(?<=[.!?])\s+(?=[\"'(]?[A-Z0-9])")


def last_sentence(text: str) -> str:
    """The sentence a prose heading's ':' ends, without the ':' ("The freeze is
    Friday. Below are the items:" → "Below are the items"): the earlier ones
    of its paragraph are the RM's news, not the list's title."""
    return _SENTENCE_END.split(text.strip().rstrip(":").strip())[-1].strip()


def _level(line: str, kind: str) -> int:
    """How deep a heading sits: `=` signs, or indent for `  Arm:` sub-headings."""
    if kind == "eq":
        return len(line.strip()) - len(line.strip().lstrip("="))
    if kind == "sub":
        return 10 + len(line) - len(line.lstrip())
    return {"over": 1, "under": 2, "dashed": 3}.get(kind, 5)
