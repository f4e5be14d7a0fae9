"""The values a TODO post is made of: Post, Section, Item and the Layout an
item was written in (milestones are in `bot.post.timeline`).

Frozen dataclasses that keep the lines they came from: `bot.post.render` emits
those lines for whatever did not change, so a parsed post renders back byte
for byte, and an item whose facts changed is re-written in its layout.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace

from bot.post.status import Status
from bot.post.timeline import Milestone


@dataclass(frozen=True)
class Layout:
    """How an item was written, so a changed item is re-written alike."""

    # paren | fields | roadmap | numbered | paragraph | bracket | dashes | stanza | entry
    # | name | failure | row
    style: str = "paren"
    indent: int = 4
    marker: str = "*"
    text_col: int = 6
    owner_line: int = -1  # indent of an `(owners)` line of its own, -1 if inline
    paren_closed: bool = True
    owners_last: bool = False
    owner_sep: str = ", "
    link_line: bool = False  # 2024: the link alone on a line between "[" and "]:"
    note_col: int = -1  # where "- note" sub-bullets start (2024), -1: none written
    dash: str = ""  # how "  -  Owner" lines begin (2019-2025 updates)
    # what the title line wrapped the title in without being part of it: a quoted
    # patch subject's `"` and `".`, a footnote mark ` [1]`; kept for a re-written item
    title_open: str = ""
    title_close: str = ""
    foot_links: str = ""  # the links its footnote marks point at (space-separated), at the foot
    # the whitespace an unmarked item's lines start with when it is no run of spaces: a
    # test report's tab ("\tarm:omap1_defconfig"), which a column count cannot give back
    pad: str = ""

    def shared(self) -> Layout:
        """How a sibling (a new item, a placeholder) is written: this item's style without
        what is its own, its owner line, its title's quotes, footnote mark and their links."""
        marker = self.marker if self.style != "row" else "#new:" if self.marker[:1] == "#" \
            else "<new>"  # (a bot's row numbers are its own, as a test report's "#2:" are:
        # an item the thread raised in its table takes none of them)
        return replace(self, owner_line=-1, title_open="", title_close="", foot_links="",
                       marker=marker)


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
    parent: str = ""  # the title of the heading it sits under ("Completed" for `  Arm:`)

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
    warnings: tuple[str, ...] = ()  # what a reader should know ("no list found")

    def details(self) -> tuple[str, ...]:
        """The text after a test report's lists: what its described failures (items of
        style "failure") keep around them, then its closing; else the closing alone."""
        lines: list[str] | None = None
        for section in self.sections:
            head = [*section.gap_before, section.heading, *section.intro]
            if lines is not None:
                lines += head
            elif section.items and section.items[0].layout.style == "failure":
                lines = head
            for item in section.items:
                if lines is None and item.layout.style == "failure":
                    lines = []
                if lines is not None:
                    lines += [*item.gap_before, *item.source]
        return (*(lines or ()), *self.closing)

    def walk(self):
        """(section, depth, item) for every item, sub-items included, in order."""

        def visit(section: Section, items: tuple[Item, ...], depth: int):
            for item in items:
                yield section, depth, item
                yield from visit(section, item.children, depth + 1)

        for section in self.sections:
            yield from visit(section, section.items, 0)
