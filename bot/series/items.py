"""Items and series: tie each open item to the series it tracks, and turn the
series' progress into the item's changes (events → changes), with evidence.

Tied by a link the item carries (lore, patchew, patchwork, `<message-id>`),
else by its title, fuzzily and version-blind (rapidfuzz). Each change has a
source naming the item and the event (`series:<item>:v6`, `...:merged:<title>`),
so a second sync logs nothing twice. What changes:

- a newer version: the item's title becomes the new cover letter's subject,
  its link the new version's, a note "new patch series version [v6] was sent",
  and the state "waiting for review";
- a reviewer asks for a new version: "needs a new version" (a proposal);
- a patch merged (a committer's "applied", a commit in the tree): a note
  "[PATCH v4 3/8] <title> was merged"; some merged: "partly merged"; all of
  them: done, a proposal unless `[series] trust_merges`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import datetime

from bot.config import Config
from bot.post import Change, ChangeKind, Evidence, Item, Status, excerpt, status_from_text
from bot.release import Store
from bot.series import store as db
from bot.series.links import archive_link, message_ids
from bot.series.progress import SeriesFacts, facts
from bot.series.subject import normalize_title, parse_subject, patch_label

TERMINAL = (Status.DONE, Status.DROPPED, Status.DEFERRED)


@dataclass(frozen=True)
class Tie:
    series_id: int
    how: str  # "link <id>" | "title (score 93)"
    shown: int  # the version the item shows (0: it does not say)
    sure: bool = True  # a link, or the very same title; a near title only proposes
    link: str = ""  # the item's link that tied it: a newer version's link replaces it


@dataclass(frozen=True)
class Planned:
    """A change to log, unless its (source, ordinal) is logged already."""

    change: Change
    source: str
    ordinal: int
    applied: bool
    why: str


# "xen: introduce CONFIG_SYSCTL (v3 -> v4)", "Remove the directmap (v5)": how the
# 2024-25 development updates say which version an item is at, when no [PATCH vN] does
_PAREN_VERSION = re.compile(r"\((v\d+)(\s*->\s*)?(v\d+)?\)", re.IGNORECASE)
_DASH_LINK = re.compile(r"(?<!\s)\s+-\s+https?://\S+.*$")  # (one start per blank run)


def shown_version(text: str) -> int:
    """The version an item's title says it is at; 0 when it does not say."""
    said = parse_subject(text)
    if said.is_patch:
        return said.version
    found = _PAREN_VERSION.search(text)
    return int((found.group(3) or found.group(1))[1:]) if found else 0


def title_key(text: str) -> str:
    """An item's title, version-blind: no [PATCH vN m/n], no "(v3 -> v4)", no link."""
    text = _DASH_LINK.sub("", text)
    return normalize_title(_PAREN_VERSION.sub("", parse_subject(text).title))


def bumped_title(text: str, subject: str, version: int, link: str = "") -> str | None:
    """The item's title at `version`, in the way it was written: the cover letter's
    subject for a "[PATCH v5 0/3] ..." title, "(v1 -> v6)" for "(v1 -> v5)", and a
    "- https://..." link in the title itself pointing at the new version."""
    if parse_subject(text).is_patch:
        return _title(subject) if subject else None
    found = _PAREN_VERSION.search(text)
    if not found:
        return None
    new = f"({found.group(1)}{found.group(2)}v{version})" if found.group(3) else f"(v{version})"
    text = text[:found.start()] + new + text[found.end():]
    if link and (dash := re.search(r"(\s+-\s+)https?://\S+", text)):
        text = text[:dash.start()] + dash.group(1) + link + text[dash.end():]
    return text


def tie(store: Store, item: Item, titles: dict[str, int], min_score: float) -> Tie | None:
    text = " ".join((item.text, *item.links, *item.notes))
    shown = shown_version(item.text)
    for mid in message_ids(text):
        found = db.version_by_root(store, mid)
        if found is None and (row := db.patch(store, mid)) is not None:
            found = db.version(store, row["version_id"])
        if found is not None:
            link = next((url for url in item.links if mid in message_ids(url)), "")
            return Tie(found.series_id, f"link <{mid}>", shown or found.version, link=link)
    key = title_key(item.text)
    if not titles or not key:
        return None
    from rapidfuzz import fuzz, process

    best = process.extractOne(key, list(titles), scorer=fuzz.token_sort_ratio,
                              score_cutoff=min_score)
    if best is None:
        return None
    sure = best[1] >= 100
    # "[PATCH v3 0/5] title [ link ]": the link beside a patch title is that posting's
    link = item.links[0] if sure and item.links and parse_subject(item.text).is_patch else ""
    return Tie(titles[best[0]], f"title (score {best[1]:.0f})", shown, sure, link)


def _when(text: str | None) -> datetime | None:
    try:
        return datetime.fromisoformat(text) if text else None
    except ValueError:
        return None


def _change(kind: ChangeKind, value: str, item: Item, evidence: Evidence, confidence: float,
            reason: str) -> Change:
    return Change(kind, value, (), item.text, confidence, evidence,
                  when=evidence.date.date() if evidence.date else None, reasons=(reason,))


def _one_line(text: str) -> str:
    return " ".join("".join(c if c.isprintable() else " " for c in text).split())


def _title(subject: str) -> str:
    """A cover letter's subject as an item title: the list's `[Xen-devel]` tag dropped,
    one line of printable text (a subject is the sender's data, never layout)."""
    subject = _one_line(subject)
    parsed = parse_subject(subject)
    at = subject.upper().find("[")
    while at >= 0 and "PATCH" not in subject[at:subject.find("]", at) + 1].upper() \
            and "RFC" not in subject[at:subject.find("]", at) + 1].upper():
        at = subject.find("[", at + 1)
    return subject[at:].strip() if at >= 0 and parsed.is_patch else subject.strip()


def _bumps(config: Config, item: Item, tie_: Tie, known: SeriesFacts, base: str
           ) -> Iterator[Planned]:
    """Every version after the one the item shows, in order, each with its cover letter
    as evidence: the changelog shows each bump; the item ends with the latest title,
    link and note (each bump takes back the note and link the one before added)."""
    archive = config.series.get("archive", f"https://lore.kernel.org/{config.list_name}/")
    by_number = {v.version: v for v in known.versions}  # a RESEND: the last posting
    for number in sorted(n for n in by_number if n > tie_.shown):
        version = by_number[number]
        previous = by_number.get(max((n for n in by_number if n < number), default=0))
        cover = Evidence(version.root, "", version.author, _when(version.date), "",
                         version.subject or "(no cover letter)")
        why = f"a newer version of the series ({tie_.how})"
        # fixed ordinals, whatever a run leaves out: a second run logs nothing twice
        steps: list[tuple[int, ChangeKind, str]] = []
        link = archive_link(archive, version.root)
        title = bumped_title(item.text, version.subject, version.version, link)
        if title and title != item.text:
            steps.append((0, ChangeKind.TEXT, title))
        # the first bump replaces what the item itself says; a later one the bump before
        first = previous is None or previous.version <= tie_.shown
        gone_link = tie_.link if first else archive_link(archive, previous.root)
        if gone_link and gone_link != link:
            steps.append((1, ChangeKind.LINK, f"-{gone_link}"))
        if not first and previous is not None:
            steps.append((2, ChangeKind.NOTE, f"-{_bump_note(previous.version)}"))
        elif gone := [note for note in item.notes if _says_sent(note, tie_.shown)]:
            steps.append((2, ChangeKind.NOTE, f"-{gone[-1]}"))
        if first:  # "needs a v4", "Need v3 from author.": the new version answers it
            asked = [n for n in item.notes if status_from_text(n) is Status.NEEDS_VERSION]
            steps += [(6 + n, ChangeKind.NOTE, f"-{note}") for n, note in enumerate(asked)]
        steps += [(3, ChangeKind.LINK, link),
                  (4, ChangeKind.NOTE, _bump_note(version.version)),
                  (5, ChangeKind.STATUS, str(Status.WAITING_REVIEW))]
        for ordinal, kind, value in steps:
            yield Planned(_change(kind, value, item, cover, 0.9, why),
                          f"{base}:v{version.version}", ordinal, True, why)


def _bump_note(version: int) -> str:
    return f"new patch series version [v{version}] was sent"


def _says_sent(note: str, version: int) -> bool:
    """A note that says version `version` was sent, in the RM's words ("new version
    [v3] was sent", "new patch series were sent [v7]"): a newer version replaces it."""
    return (bool(re.search(rf"\bv{version}\b", note, re.IGNORECASE))
            and status_from_text(note) is Status.PATCH_POSTED)


def plan(config: Config, item_id: int, item: Item, tie_: Tie, known: SeriesFacts
         ) -> Iterator[Planned]:
    """The changes the series' progress makes to one item. Pure."""
    latest = known.latest
    root = latest.root
    base = f"series:{item_id}"
    cover = Evidence(root, "", latest.author, _when(latest.date), "",
                     latest.subject or "(no cover letter)")
    if tie_.shown:
        yield from _bumps(config, item, tie_, known, base)
    if not known.merged and any(p.asks_version for p in known.patches):
        why = "a reviewer asked for a new version"
        yield Planned(_change(ChangeKind.STATUS, str(Status.NEEDS_VERSION), item, cover, 0.6,
                              why), f"{base}:asks:{root}", 0, False, why)
    for patch in known.merged:
        who, evidence, when, said = patch.merged_by[0]
        is_commit = "@" not in evidence
        words = (f"commit {evidence[:12]} in the tree: {said}" if is_commit else said)
        ev = Evidence("" if is_commit else evidence, who, "", _when(when), "", words)
        label = patch_label(parse_subject(patch.subject))
        title = excerpt(_one_line(parse_subject(patch.subject).title).replace(",", ";"), 50)
        why = f"patch merged ({'a commit in the tree' if is_commit else 'a committer said so'})"
        yield Planned(_change(ChangeKind.NOTE, f"{label} {title} was merged", item, ev, 0.9,
                              why), f"{base}:merged:{patch.title}", 0, True, why)
    if known.all_merged:
        who, evidence, when, _said = known.merged[-1].merged_by[0]
        ev = Evidence("" if "@" not in evidence else evidence, who, "", _when(when), "",
                      f"all {len(known.patches)} patches of v{latest.version} merged")
        why = "every patch of the latest version is merged"
        yield Planned(_change(ChangeKind.STATUS, str(Status.DONE), item, ev, 0.9, why),
                      f"{base}:done:{root}", 0, config.trust_merges,
                      why if config.trust_merges else f"{why}; [series] trust_merges is off")
    elif known.merged:
        why = f"{len(known.merged)} of {len(known.patches)} patches merged"
        yield Planned(_change(ChangeKind.STATUS, str(Status.PARTLY_MERGED), item, cover, 0.9,
                              why), f"{base}:partly:{root}:{len(known.merged)}", 0, True, why)


def update_items(store: Store, config: Config) -> tuple[int, int]:
    """Tie the open items to series and log what their progress says; (applied, proposed)."""
    from bot.release import current_state, item_paths

    rid = store.release_id(config.release)
    if rid is None:
        return 0, 0
    state = current_state(store, config)
    base = store.baseline(rid)
    titles = {r["title"]: r["id"] for r in db.all_series(store)}
    min_score = float(config.series.get("min_title_score", 90))
    counts = [0, 0]
    tied: set[int] = set()
    for path, item in item_paths(state.post).items():
        item_id = state.ids.get(path)
        if item_id is None or item.placeholder:
            continue
        found = tie(store, item, titles, min_score)
        if found is None:
            continue
        tied.add(found.series_id)
        if item.status in TERMINAL:
            continue
        known = facts(store, found.series_id)
        if known is not None:
            planned = plan(config, item_id, item, found, known)
            if not found.sure:  # unsure means ask: "x86: fix foo" is not "x86: fix bar"
                planned = (replace(p, applied=False, why=f"{p.why}; tied by a title that is "
                                   "close, not the same: a proposal") for p in planned)
            _log(store, rid, base["id"], item_id, planned, counts)
    _log(store, rid, None, None, propose_new(store, config, tied), counts)
    return counts[0], counts[1]


def propose_new(store: Store, config: Config, tied: set[int]) -> Iterator[Planned]:
    """Point 5: a series tagged for this release by a listed person, tied to no item,
    is proposed as a new item (the RM accepts or rejects it)."""
    listed = {a.lower() for a in config.series.get("track_from", [])} or {
        a for p in config.people for a in p.addresses} | config.committers
    rows = store.all("SELECT * FROM series_versions WHERE for_release = ? ORDER BY id",
                     config.release)
    seen: set[int] = set()
    for row in rows:
        if row["series_id"] in tied or row["series_id"] in seen or \
                row["author"].lower() not in listed:
            continue
        seen.add(row["series_id"])
        subject = row["subject"] or row["root"]
        ev = Evidence(row["root"], "", row["author"], _when(row["date"]), "", subject)
        why = f"a series for {config.release} from a listed person"
        yield Planned(Change(ChangeKind.NEW, _title(subject), (), "", 0.6, ev,
                             reasons=(why,)), f"series:new:{row['series_id']}", 0, False, why)


def _log(store: Store, rid: int, post_id: int | None, item_id: int | None,
         planned: Iterator[Planned], counts: list[int]) -> None:
    for entry in planned:
        with store.write():
            if store.one("SELECT 1 FROM changes WHERE source = ? AND ordinal = ?",
                         entry.source, entry.ordinal):
                continue
            new_item = store.new_item(rid) if entry.change.kind is ChangeKind.NEW else item_id
            state = "applied" if entry.applied else "proposed"
            store.log_change(rid, entry.change, item_id=new_item, post_id=post_id,
                             source=entry.source, ordinal=entry.ordinal, state=state,
                             actor="todobot", reason=entry.why)
            store.journal(rid, "series", source=entry.source, ordinal=entry.ordinal)
            counts[0 if entry.applied else 1] += 1
