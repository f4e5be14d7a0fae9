"""Next week's post: the last post + the week's applied changes. Pure.

How a change shows in the post follows the RM's own habits in the 2012
posts: a status becomes a short note in the item's parentheses ("DONE for
4.2", "Patch posted", "Ping sent") that replaces the short status note it
had ("patches posted" → "DONE for 4.2"); longer notes that carry facts stay.
Items that were done, dropped or deferred in the last post are gone the
week after. A section or a list of sub-items left empty gets the house
placeholder "None". New items take the layout of their future siblings.
Everything nothing touched keeps its lines byte for byte (`bot.post.render`).

Values of OWNER, NOTE and LINK changes: "name" or "+name" adds, "-name"
removes (an RM's hand edit removes an owner that way).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from bot.post import (
    LINK_STYLES,
    Change,
    ChangeKind,
    Item,
    Layout,
    Post,
    Section,
    Status,
    excerpt,
    section_status,
    split_parts,
    status_from_text,
)
from bot.post.flags import cleared
from bot.post.numbering import numbers_run_on, renumbered
from bot.release.archivetitle import address_only
from bot.release.posts import path_key
from bot.release.store import LoggedChange

TERMINAL = frozenset({Status.DONE, Status.DROPPED, Status.DEFERRED})
_SHORT_NOTE = 5  # words: a status note this short is replaced, a longer one kept


def item_paths(post: Post) -> dict[str, Item]:
    """Every item by its path key "section.item.sub-item"."""
    found: dict[str, Item] = {}

    def visit(items: tuple[Item, ...], prefix: tuple[int, ...]) -> None:
        for index, item in enumerate(items):
            found[path_key((*prefix, index))] = item
            visit(item.children, (*prefix, index))

    for number, section in enumerate(post.sections):
        visit(section.items, (number,))
    return found


# How the later house styles word a state (2024 "- status" sub-bullets,
# 2022 "Status:" lines); the 2012 words below serve the rest.
_STYLE_NOTES: dict[str, dict[Status, str]] = {
    "bracket": {
        Status.DONE: "committed",
        Status.PATCH_POSTED: "new version was sent",
        Status.PINGED: "Ping sent",
        Status.WAITING_REVIEW: "waiting for a review",
        Status.NEEDS_VERSION: "needs a new version from the author",
        Status.PARTLY_MERGED: "Partly merged, the rest is outstanding",
        Status.WAITING_ON: "waiting on others",
        Status.IN_PROGRESS: "in progress",
        Status.DROPPED: "dropped",
    },
    "numbered": {
        Status.DONE: "Committed.",
        Status.PATCH_POSTED: "Patch posted.",
        Status.PINGED: "Ping sent.",
        Status.WAITING_REVIEW: "Need reviews.",
        Status.NEEDS_VERSION: "Need a new version from the author.",
        Status.PARTLY_MERGED: "Partly merged.",
        Status.WAITING_ON: "Waiting on others.",
        Status.IN_PROGRESS: "Work in progress.",
        Status.DROPPED: "Dropped.",
    },
}


def house_note(status: Status, release: str, style: str = "paren") -> str:
    """The note an RM writes for a status in the item's house style; "" for open
    (no note says "open")."""
    suffix = f" for {release}" if release else ""
    if status in _STYLE_NOTES.get(style, {}):
        return _STYLE_NOTES[style][status]
    if status is Status.DEFERRED and style in _STYLE_NOTES:
        return f"not for {release}" if release else "deferred"
    return {
        Status.DONE: f"DONE{suffix}",
        Status.PATCH_POSTED: "Patch posted",
        Status.PINGED: "Ping sent",
        Status.WAITING_REVIEW: "Review pending",
        Status.NEEDS_VERSION: "Needs a new version",
        Status.PARTLY_MERGED: "Partly merged",
        Status.WAITING_ON: "Waiting on others",
        Status.IN_PROGRESS: "in progress",
        Status.DEFERRED: f"not for {release}" if release else "deferred",
        Status.DROPPED: "Dropped",
    }.get(status, "")


@dataclass(frozen=True)
class HouseRules:
    """What the next post does with finished, dropped and unsorted items.

    Read from the post ("auto"): a post with a `Completed` section moves done
    items there, drops dropped items at once (a changelog line says so) and
    puts a new item whose section is unknown in an "Unsorted" section the RM
    settles before approving; a post without one (2012) shows DONE or
    Dropped for a week and prunes it, and puts such an item in its last
    section. A regressions report drops a resolved entry at once. `[draft]` in
    the config overrides each: done = "move" | "week" | "remove",
    dropped = "remove" | "week", unsorted = "section" | "last".
    """

    done: str = "auto"
    dropped: str = "auto"
    unsorted: str = "auto"

    @classmethod
    def of(cls, config: Mapping[str, str] | None) -> HouseRules:
        config = config or {}
        return cls(*(str(config.get(k, "auto")) for k in ("done", "dropped", "unsorted")))

    def resolved(self, post: Post) -> HouseRules:
        modern = completed_index(post) is not None
        # a regressions report lists what is still open: a resolved entry leaves
        report = any(i.layout.style == "entry" for _, _, i in post.walk())
        done = "move" if modern else "remove" if report else "week"
        return HouseRules(
            done=self.done if self.done != "auto" else done,
            dropped=self.dropped if self.dropped != "auto" else (
                "remove" if modern or report else "week"),
            unsorted=self.unsorted if self.unsorted != "auto" else (
                "section" if modern else "last"),
        )


UNSORTED = "Unsorted"


def completed_index(post: Post) -> int | None:
    """The post's own `Completed` section (its title says done; it may sit under
    `= Projects =`), if any."""
    return next(
        (n for n, s in enumerate(post.sections)
         if section_status(s.title) is Status.DONE
         and section_status(s.parent or "") is not Status.DONE),
        None,
    )


def _implied(section: Section, sections: Sequence[Section]) -> Status | None:
    """The state a section (or the heading it sits under) gives its items."""
    own = section_status(section.title)
    if own or not section.parent:
        return own
    parent = next((s for s in sections if s.title == section.parent and not s.parent), None)
    return section_status(parent.title) if parent else section_status(section.parent)


@dataclass
class _Node:
    item: Item
    item_id: int | None
    children: list[_Node] = field(default_factory=list)


@dataclass
class _Section:
    section: Section
    nodes: list[_Node]


@dataclass(frozen=True)
class Draft:
    post: Post
    ids: dict[str, int]  # path key → item id, for the draft's items
    included: tuple[int, ...]  # change ids the draft shows
    changelog: tuple[str, ...]
    skipped: tuple[str, ...]  # changes that could not be shown, and why


def _split(value: str) -> tuple[bool, str]:
    """(+ adds / - removes, the value)."""
    if value.startswith("-"):
        return False, value[1:].strip()
    return True, value.removeprefix("+").strip()


def _stale(note: str) -> bool:
    return status_from_text(note) is not None and len(note.split()) <= _SHORT_NOTE


def with_status(item: Item, status: Status, release: str) -> Item:
    notes = [n for n in item.notes if not _stale(n)]
    note = house_note(status, release, item.layout.style)
    if note:
        notes.append(note)
    return replace(item, notes=tuple(notes), status=status)


def with_notes(item: Item, notes: Sequence[str], section_title: str) -> Item:
    """New notes; the status is what they say now, as the parser would read it.

    A note with a comma in it would read back as two: it is stored as two.
    """
    notes = [part for note in notes for part in split_parts(note)]
    said = status_from_text(" ; ".join(notes))
    before = status_from_text(" ; ".join(item.notes))
    status = said or (section_status(section_title) if before else item.status) or Status.OPEN
    return replace(item, notes=tuple(notes), status=status)


def _edit(item: Item, kind: ChangeKind, value: str, section: str, release: str) -> Item:
    adds, bare = _split(value)
    if kind is ChangeKind.STATUS:
        return with_status(item, Status(value), release)
    if kind is ChangeKind.OWNER:
        if adds and bare in item.owners:
            return item  # already an owner: keep the order the RM wrote
        owners = [o for o in item.owners if o != bare]
        return replace(item, owners=tuple(owners + [bare] if adds else owners))
    if kind is ChangeKind.LINK:
        return _with_link(item, adds, bare, section)
    if kind is ChangeKind.NOTE:
        notes = [n for n in item.notes if n != bare]
        return with_notes(item, notes + [bare] if adds else notes, section)
    if kind is ChangeKind.TAG:
        return replace(item, tag=value.strip("[] ").upper())
    if kind is ChangeKind.TEXT:
        return replace(item, text=value.strip())
    if kind is ChangeKind.DUPLICATE:
        # the other item's first words, up to a comma or parenthesis: a note is one
        # comma-separated part of the trailing parentheses, and must read back as one
        short = re.split(r"[,;()]", value, maxsplit=1)[0].strip().rstrip(":")
        short = excerpt(short, 40)
        notes = [n for n in item.notes if not _stale(n)] + ["Dropped", f"duplicate of {short}"]
        return replace(item, notes=tuple(notes), status=Status.DROPPED)
    return item


def _with_link(item: Item, adds: bool, link: str, section: str) -> Item:
    """A link joins or leaves the item. Where the post writes links on lines of their
    own (2024 `title [ link ]:`, a URL line) it is one of the item's links, so a new
    version's link takes the old one's place; in the 2012 style it is a note."""
    if link in item.text:  # written into the title: only a new title moves it
        return item
    if adds and link in item.links:
        return item
    item = replace(item, links=tuple(known for known in item.links if known != link))
    if adds and item.layout.style in LINK_STYLES:
        return replace(item, links=(*item.links, link))
    notes = [n for n in item.notes if n != link]
    if not adds and len(notes) == len(item.notes):
        return item
    return with_notes(item, notes + [link] if adds else notes, section)


def _same_title(one: str, two: str) -> bool:
    return " ".join(one.lower().rstrip(":").split()) == " ".join(two.lower().rstrip(":").split())


def shows(item: Item | None, section: str, change: Change) -> bool:
    """Does a post's item (None: not in the post; `section`: its section's title)
    already say what the change says? Then a post imported by hand showed it."""
    kind, value = change.kind, change.value
    if kind is ChangeKind.REMOVE:
        return item is None
    if item is None:
        return False
    adds, bare = _split(value)
    if kind is ChangeKind.NEW:
        return True  # the post has the item (matched to the change's)
    if kind is ChangeKind.STATUS:
        return item.status is Status(value)
    if kind is ChangeKind.DUPLICATE:
        return item.status is Status.DROPPED
    if kind is ChangeKind.OWNER:
        return (bare in item.owners) is adds
    if kind is ChangeKind.LINK:
        return (bare in item.text or bare in item.links or bare in item.notes) is adds
    if kind in (ChangeKind.NOTE, ChangeKind.LINK):
        parts = split_parts(bare) or [bare]  # stored as the parts a comma makes of it
        return all((part in item.notes) is adds for part in parts)
    if kind is ChangeKind.TAG:
        return item.tag == value.strip("[] ").upper()
    if kind is ChangeKind.TEXT:
        return item.text == value.strip()
    if kind is ChangeKind.MOVE:
        return _same_title(section, value)
    return False


def _relayout(node: _Node, like: Layout, gap: tuple[str, ...]) -> None:
    """Re-indent a moved node (and its sub-items) to sit where `like` items sit."""
    node.item = replace(node.item, gap_before=gap)
    lay = node.item.layout
    if (lay.indent, lay.marker) == (like.indent, like.marker):
        return
    shift = like.indent - lay.indent

    def move(n: _Node, first: bool) -> None:
        old = n.item.layout
        new = replace(old, indent=old.indent + shift, text_col=old.text_col + shift,
                      marker=like.marker if first else old.marker,
                      owner_line=old.owner_line + shift if old.owner_line >= 0 else -1)
        n.item = replace(n.item, layout=new, origin="")  # origin "": lines must be re-written
        for child in n.children:
            move(child, False)

    move(node, True)


def _take(nodes: list[_Node], node: _Node) -> None:
    """Remove a node; the next one takes its gap when it was the first (no blank line
    appears under a heading whose first item left), or when the gap holds the report's
    own words (the "riscv" over the failures of an architecture, before a failure)."""
    at = nodes.index(node)
    nodes.remove(node)
    words = node.item.gap_before
    if at < len(nodes):
        after = nodes[at].item
        own = after.gap_before
        if at == 0 and not any(line.strip() for line in own):
            nodes[0].item = replace(after, gap_before=words)
        elif any(line.strip() for line in (*words, *own)):  # the report's words, its own
            rest = own[1:] if own and not own[0].strip() and words and not words[-1].strip() \
                else own  # ("riscv" over dashes) and the one's before it: both stay
            nodes[at].item = replace(after, gap_before=(*words, *rest))
    elif any(line.strip() for line in words) and nodes and \
            nodes[-1].item.layout.style == "failure" and not _titles_a_group(words):
        before = nodes[-1].item  # (the last one: the words stay, not a title of its group)
        nodes[-1].item = replace(before, source=(*before.source, *words))


def _titles_a_group(lines: tuple[str, ...]) -> bool:
    """Whether the lines hold a title over dashes ("riscv" over "-----"): with the failure
    it grouped gone, it titles nothing."""
    return any(line.strip() and nxt.strip() and set(nxt.strip()) == {"-"}
               for line, nxt in zip(lines, lines[1:], strict=False))


def _between(nodes: list[_Node]) -> tuple[str, ...] | None:
    """The gap the list leaves between its items (the first's is the heading's)."""
    return nodes[1].item.gap_before if len(nodes) > 1 else None


def _sibling(nodes: list[_Node], fallback: _Section | None,
             kin: Sequence[_Section] = ()) -> tuple[Layout, tuple[str, ...]]:
    """The layout and gap an item added after `nodes` takes; with one item to go by,
    the gap its kin (the other sub-sections of `Completed`) leave between items."""
    for node in nodes:
        gap = _between(nodes)
        for other in kin:
            gap = gap if gap is not None else _between(other.nodes)
        if node.item.layout.style == "failure":  # (its gap may hold the report's words)
            return node.item.layout.shared(), ("",)
        return node.item.layout.shared(), (
            gap if gap is not None else node.item.gap_before or ("",))
    if fallback and fallback.nodes:
        return _sibling(fallback.nodes, None)
    return Layout(), ("",)


def _placeholder(like: Layout, gap: tuple[str, ...]) -> Item:
    return Item(text="None", placeholder=True, layout=like.shared(), gap_before=gap)


class _Tree:
    """The post as mutable nodes, so changes can move and remove items."""

    def __init__(self, post: Post, ids: Mapping[str, int]) -> None:
        self.post = post

        def nodes(items: tuple[Item, ...], prefix: tuple[int, ...]) -> list[_Node]:
            out = []
            for index, item in enumerate(items):
                path = (*prefix, index)
                out.append(_Node(item, ids.get(path_key(path)), nodes(item.children, path)))
            return out

        self.sections = [_Section(s, nodes(s.items, (n,))) for n, s in enumerate(post.sections)]

    def find(self, item_id: int) -> tuple[_Section, list[_Node], _Node] | None:
        def search(nodes: list[_Node]) -> tuple[list[_Node], _Node] | None:
            for node in nodes:
                if node.item_id == item_id:
                    return nodes, node
                found = search(node.children)
                if found:
                    return found
            return None

        for section in self.sections:
            hit = search(section.nodes)
            if hit:
                return section, hit[0], hit[1]
        return None

    def has(self, title: str) -> bool:
        wanted = " ".join(title.lower().rstrip(":").split())
        return bool(wanted) and any(
            " ".join(s.section.title.lower().split()) == wanted for s in self.sections)

    def section(self, title: str) -> _Section:
        wanted = " ".join(title.lower().rstrip(":").split())
        for section in self.sections:
            if (" ".join(section.section.title.lower().split()) == wanted
                    and not section.section.parent):
                return section
        for section in self.sections:
            if " ".join(section.section.title.lower().split()) == wanted:
                return section
        first = self.post.sections[0] if self.post.sections else None
        heading = (first.heading.replace(first.title, title, 1) if first and first.title
                   else f"{title}:")
        gap = self.post.sections[-1].gap_before if len(self.post.sections) > 1 else ("",)
        created = _Section(Section(title=title, heading=heading, gap_before=gap), [])
        done = completed_index(self.post)
        at = next((n for n, s in enumerate(self.sections)
                   if done is not None and s.section is self.post.sections[done]), None)
        self.sections.insert(at if at is not None else len(self.sections), created)
        return created

    def completed_for(self, home: Section) -> _Section | None:
        """Where a done item of `home` goes: Completed's sub-section of the same
        name (made like its siblings when missing), or Completed itself."""
        done = completed_index(self.post)
        if done is None:
            return None
        head = self.post.sections[done]
        start = next(n for n, s in enumerate(self.sections) if s.section is head)
        subs = [s for s in self.sections[start + 1:] if s.section.parent == head.title]
        area = " ".join(home.area.lower().split())
        for sub in subs:
            if " ".join(sub.section.area.lower().split()) == area:
                return sub
        if not subs:
            return self.sections[start]
        like = subs[-1].section
        made = _Section(Section(title=home.area, parent=head.title,
                                heading=like.heading.replace(like.title, home.area, 1),
                                gap_before=like.gap_before), [])
        self.sections.insert(self.sections.index(subs[-1]) + 1, made)
        return made

    def add(self, section: _Section, node: _Node, new: bool = False) -> None:
        real = [n for n in section.nodes if not n.item.placeholder]
        parent = section.section.parent
        kin = [s for s in self.sections if parent and s.section.parent == parent]
        like, gap = _sibling(real, self.sections[0] if self.sections else None, kin)
        if section.nodes and not real:  # the item takes the placeholder's place
            first = section.nodes[0].item
            like, gap = first.layout.shared(), first.gap_before
        section.nodes[:] = real
        if new:
            node.item = replace(node.item, layout=like, gap_before=gap)
        else:
            _relayout(node, like, gap)
        section.nodes.append(node)

    def tidy(self) -> None:
        """House placeholders where removals left a list empty."""
        def fix(nodes: list[_Node]) -> None:
            for node in nodes:
                if node.children:
                    fix(node.children)
                elif node.item.children:  # it had sub-items and lost them all
                    first = node.item.children[0]
                    node.children = [_Node(_placeholder(first.layout, first.gap_before), None)]

        for section in self.sections:
            fix(section.nodes)
            if not section.nodes and section.section.items and \
                    section.section.items[0].layout.style != "failure":
                # (a report's details keep their heading and words with no failure left)
                first = section.section.items[0]
                section.nodes = [_Node(_placeholder(first.layout, first.gap_before), None)]

    def build(self) -> tuple[tuple[Section, ...], dict[str, int]]:
        ids: dict[str, int] = {}

        def items(nodes: list[_Node], prefix: tuple[int, ...]) -> tuple[Item, ...]:
            out = []
            for index, node in enumerate(nodes):
                path = (*prefix, index)
                if node.item_id is not None:
                    ids[path_key(path)] = node.item_id
                out.append(replace(node.item, children=items(node.children, path)))
            return tuple(out)

        sections = tuple(replace(s.section, items=items(s.nodes, (n,)))
                         for n, s in enumerate(self.sections))
        return sections, ids


def move_marker(post: Post, day: date) -> Post:
    """The marker on the latest milestone `day` has reached; never moved back."""
    timeline = post.timeline
    current = next((i for i, m in enumerate(timeline) if m.marker), -1)
    reached = max((i for i, m in enumerate(timeline) if m.date and m.date <= day), default=-1)
    if reached <= current:
        return post
    moved = tuple(replace(m, marker=i == reached) for i, m in enumerate(timeline))
    return replace(post, timeline=moved)


def describe(change: LoggedChange) -> str:
    """One changelog line: which change, on what, who said it, in which mail."""
    c, ev = change.change, change.change.evidence
    what = f"{c.kind} → {c.value}" if c.kind is not ChangeKind.NEW else f"new in {c.section!r}"
    text = c.value if c.kind is ChangeKind.NEW else c.item_text
    text = excerpt(text, 50)
    who = ev.sender_name or ev.sender_addr or "todobot"
    if ev.sender_addr and ev.sender_name:
        who += f" <{ev.sender_addr}>"
    when = ev.date.date().isoformat() if ev.date else change.created[:10]
    where = f", <{ev.message_id}>" if ev.message_id else f", {change.source}"
    words = excerpt(ev.words, 60)
    said = f': "{words}"' if words else ""
    return f"#{change.id} {what}: {text!r}\n    {who}, {when}{where}{said}"


def _completed_notes(post: Post) -> bool:
    """Whether the post's `Completed` items carry notes (yes when it lists none)."""
    done = completed_index(post)
    if done is None:
        return True
    head = post.sections[done]
    listed = [i for s in post.sections if s is head or s.parent == head.title
              for i in s.items if not i.placeholder]
    return not listed or any(i.notes for i in listed)


def _house_rule(tree: _Tree, rules: HouseRules, section: _Section, siblings: list[_Node],
                node: _Node, log: list[str]) -> None:
    """A done item moves to `Completed`, a dropped one leaves, as the house does."""
    status = node.item.status
    implied = _implied(section.section, tree.post.sections)
    if status is Status.DONE and rules.done == "move" and implied is not Status.DONE:
        target = tree.completed_for(section.section)
        if target is None:
            return
        _take(siblings, node)
        notes = tuple(n for n in node.item.notes if not _stale(n))  # the section says done
        if not _completed_notes(tree.post):  # the RM lists done items bare: the log has it
            notes = ()
        node.item = replace(node.item, notes=notes)
        tree.add(target, node)
        log.append(f"moved to {target.section.title!r} (done): {node.item.text[:50]!r}")
    elif ((status is Status.DROPPED and rules.dropped == "remove")
          or (status is Status.DONE and rules.done == "remove")) and implied is not status:
        _take(siblings, node)
        log.append(f"removed ({status}): {node.item.text[:50]!r} — links: "
                   f"{', '.join(node.item.links) or 'none'}")


def build_draft(post: Post, ids: Mapping[str, int], changes: Sequence[LoggedChange], *,
                release: str, day: date, edited: Post | None = None,
                house: HouseRules | None = None) -> Draft:
    """Apply the week's changes (in log order) to the last post.

    `edited` is the RM's last hand edit of this week's draft: its preamble,
    timeline and closing (prose, not items) are kept as written.
    """
    tree = _Tree(post, ids)
    rules = (house or HouseRules()).resolved(post)
    log: list[str] = []
    skipped: list[str] = []
    included: list[int] = []
    settle: list[int] = []  # the items changes edited, in the order they were edited
    reopened = {c.item_id for c in changes if c.change.kind is ChangeKind.STATUS
                and Status(c.change.value) not in TERMINAL}
    def age_out(section: _Section, nodes: list[_Node], implied: Status | None) -> None:
        # done last week: gone this week (2012), or moved to Completed; never what
        # its section says (Completed), nor a deferred item a list keeps tagged
        for node in list(nodes):
            status = node.item.status
            if (status not in TERMINAL or node.item.placeholder or status is implied
                    or node.item_id in reopened):
                age_out(section, node.children, implied)
            elif status is Status.DONE and rules.done == "move" and nodes is section.nodes:
                _house_rule(tree, rules, section, nodes, node, log)
            elif status is Status.DEFERRED and rules.done == "move":
                continue
            else:
                _take(nodes, node)
                links = f" — links: {', '.join(node.item.links)}" if node.item.links else ""
                log.append(f"removed ({status} last week): {node.item.text[:50]!r}{links}")

    for section in list(tree.sections):
        age_out(section, section.nodes, _implied(section.section, post.sections))
        for node in section.nodes:  # "[ *NEW* ]" was last week's news
            node.item = cleared(node.item)
    for logged in changes:
        change = logged.change
        if change.kind is ChangeKind.NEW:
            title = change.section
            if rules.unsorted == "section" and not tree.has(title):
                title = UNSORTED
                skipped.append(f"#{logged.id} new item {excerpt(change.value, 50)!r} is in "
                               f"{UNSORTED!r}: move it to its section before approving")
            section = tree.section(title or tree.sections[-1].section.title)
            tree.add(section, _Node(Item(text=change.value.strip()), logged.item_id), True)
            if address_only(change.value) and not logged.source.startswith("edit:"):
                # the store had no mail of that address (the RM's own hand edit is as meant)
                skipped.append(f"#{logged.id} new item {excerpt(change.value, 50)!r} has only "
                               "its address for a title: name it before approving")
        else:
            found = tree.find(logged.item_id) if logged.item_id is not None else None
            if found is None:
                skipped.append(f"#{logged.id} {change.kind}: item not in the post any more "
                               f"({change.item_text[:40]!r})")
                continue
            section, siblings, node = found
            if change.kind is ChangeKind.REMOVE:
                _take(siblings, node)
            elif change.kind is ChangeKind.MOVE and node.item.layout.style == "failure":
                skipped.append(f"#{logged.id} move: a failure the report's details describe "
                               "stays where the report tells it")
                continue
            elif change.kind is ChangeKind.MOVE:
                _take(siblings, node)
                target = tree.section(change.value)
                if (done := completed_index(post)) is not None and \
                        target.section is post.sections[done]:
                    # "to Completed" where Completed has an area's sub-sections: its area's
                    target = tree.completed_for(section.section) or target
                tree.add(target, node)
            else:
                node.item = _edit(node.item, change.kind, change.value,
                                  section.section.title, release)
                settle.append(logged.item_id)
        included.append(logged.id)
        log.append(describe(logged))
    # where an item goes follows its state once the week's changes are all in: a
    # merged patch's note is not a done series when "partly merged" comes next
    for item_id in dict.fromkeys(settle):
        if (found := tree.find(item_id)) is not None:
            _house_rule(tree, rules, *found, log)
    tree.tidy()
    sections, new_ids = tree.build()
    result = renumbered(replace(post, sections=sections), numbers_run_on(post))
    if edited is not None:
        result = replace(result, preamble=edited.preamble, timeline=edited.timeline,
                         closing=edited.closing, subject=edited.subject,
                         subject_line=edited.subject_line)
    result = move_marker(result, day)
    return Draft(result, new_ids, tuple(included), tuple(log), tuple(skipped))


def unified_diff(before: str, after: str, label: str) -> str:
    return "".join(difflib.unified_diff(before.splitlines(keepends=True),
                                        after.splitlines(keepends=True),
                                        fromfile="last post", tofile=label))
