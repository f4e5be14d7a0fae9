"""The RM's hand edit of a draft → changes by the RM. Pure.

The RM edits the draft as text, as they always did. To keep the store and
the post in agreement, what they changed is read back as ordinary changes
(text, tag, owners, notes, section, new, removed), each tagged as the
RM's: replayed on the same draft they give back the same items. Items are
matched generated ↔ edited by exact text first, then by rapidfuzz's
token_set_ratio within the section, then anywhere (a moved item);
placeholders ("None") are structure, not items.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from bot.post import Change, ChangeKind, Evidence, Item, Post
from bot.release.draft import path_key

SAME_SECTION = 80.0  # token_set_ratio for a match within the section
ANYWHERE = 90.0  # ... and for an item the RM moved to another section


@dataclass(frozen=True)
class Flat:
    path: str
    section: str
    depth: int
    item: Item


@dataclass(frozen=True)
class HandEdit:
    # (target, change): target is an item id, or "new:<path>" for an item
    # the RM added (its NEW change comes first; the store gives it an id)
    changes: tuple[tuple[int | str, Change], ...]
    matches: dict[str, int | str]  # edited path → item id or "new:<path>"
    findings: tuple[str, ...]


def flatten(post: Post) -> list[Flat]:
    out: list[Flat] = []

    def visit(items: tuple[Item, ...], prefix: tuple[int, ...], title: str) -> None:
        for index, item in enumerate(items):
            path = (*prefix, index)
            out.append(Flat(path_key(path), title, len(path) - 2, item))
            visit(item.children, path, title)

    for number, section in enumerate(post.sections):
        visit(section.items, (number,), section.title)
    return out


def _label(item: Item) -> str:
    return (f"[{item.tag}] " if item.tag else "") + item.text


def match_items(before: list[Flat], after: list[Flat]) -> dict[str, str]:
    """after path → before path, for the items that are the same item."""
    from rapidfuzz import fuzz

    free = {f.path: f for f in before if not f.item.placeholder}
    found: dict[str, str] = {}
    todo = [f for f in after if not f.item.placeholder]
    for flat in list(todo):  # exact text in the same section
        hit = next((b for b in free.values()
                    if b.section == flat.section and _label(b.item) == _label(flat.item)), None)
        if hit:
            found[flat.path] = hit.path
            free.pop(hit.path)
            todo.remove(flat)
    for same_section, floor in ((True, SAME_SECTION), (False, ANYWHERE)):
        for flat in list(todo):
            scored = [(fuzz.token_set_ratio(_label(b.item), _label(flat.item)), b.path)
                      for b in free.values() if not same_section or b.section == flat.section]
            if scored:
                score, path = max(scored)
                if score >= floor:
                    found[flat.path] = path
                    free.pop(path)
                    todo.remove(flat)
    return found


def _diff_list(kind: ChangeKind, old: tuple[str, ...], new: tuple[str, ...]) -> list[tuple]:
    gone = [(kind, f"-{v}") for v in old if v not in new]
    return gone + [(kind, f"+{v}") for v in new if v not in old]


def item_changes(old: Item, new: Item) -> list[tuple[ChangeKind, str]]:
    found: list[tuple[ChangeKind, str]] = []
    if old.text != new.text:
        found.append((ChangeKind.TEXT, new.text))
    if old.tag != new.tag:
        found.append((ChangeKind.TAG, new.tag))
    found += _diff_list(ChangeKind.OWNER, old.owners, new.owners)
    found += _diff_list(ChangeKind.NOTE, old.notes, new.notes)
    return found


def edit_changes(generated: Post, ids: Mapping[str, int], edited: Post,
                 evidence: Evidence) -> HandEdit:
    """What the RM changed between the draft as generated and as edited."""
    before, after = flatten(generated), flatten(edited)
    by_path = {f.path: f for f in before}
    pairs = match_items(before, after)
    changes: list[tuple[int | str, Change]] = []
    matches: dict[str, int | str] = {}
    findings: list[str] = []

    def add(target: int | str, kind: ChangeKind, value: str, item: Item, section: str) -> None:
        changes.append((target, Change(kind=kind, value=value, item=(), item_text=item.text,
                                       confidence=1.0, evidence=replace(evidence,
                                                                        quoted=item.text),
                                       section=section, reasons=("hand edit",))))

    for flat in after:
        if flat.item.placeholder:
            continue
        old_path = pairs.get(flat.path)
        if old_path is None:
            target: int | str = f"new:{flat.path}"
            add(target, ChangeKind.NEW, flat.item.text, flat.item, flat.section)
            blank = Item(text=flat.item.text)
            if flat.depth:
                findings.append(f"new sub-item {flat.item.text[:40]!r} is kept as an item of "
                                f"{flat.section!r}")
        else:
            old = by_path[old_path]
            if old_path not in ids:
                findings.append(f"{old.item.text[:40]!r} has no item id; edit not recorded")
                continue
            target, blank = ids[old_path], old.item
            if old.section != flat.section:
                add(target, ChangeKind.MOVE, flat.section, flat.item, flat.section)
        matches[flat.path] = target
        for kind, value in item_changes(blank, flat.item):
            add(target, kind, value, flat.item, flat.section)
    kept = set(pairs.values())
    for flat in before:
        if flat.item.placeholder or flat.path in kept or flat.path not in ids:
            continue
        if any(flat.path.startswith(p + ".") for p in by_path if p not in kept
               and not by_path[p].item.placeholder and p in ids and p != flat.path):
            continue  # its parent went: one REMOVE says it
        add(ids[flat.path], ChangeKind.REMOVE, "", flat.item, flat.section)
    return HandEdit(tuple(changes), matches, tuple(findings))


def facts(post: Post) -> list[tuple[str, str, str, tuple[str, ...], tuple[str, ...], str]]:
    """What the RM sees of every item, in order: to check a rebuilt draft agrees."""
    return [(f.section, f.item.tag, f.item.text, f.item.owners, f.item.notes, str(f.item.status))
            for f in flatten(post) if not f.item.placeholder]
