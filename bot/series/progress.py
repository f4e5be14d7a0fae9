"""A series' progress, read from its tables: the latest version, which patches are
merged (by a committer's reply or a commit in the tree), which are reviewed.
Pure over the rows it is given; `facts()` reads them."""

from __future__ import annotations

from dataclasses import dataclass

from bot.release import Store
from bot.series import store as db

MERGED = ("merged", "committed")
REVIEWED = ("reviewed", "acked")


@dataclass(frozen=True)
class PatchState:
    message_id: str
    number: int
    subject: str
    title: str  # normalized
    merged_by: tuple[tuple[str, str, str | None, str], ...]  # (who, evidence, when, words)
    reviewed_by: tuple[str, ...]
    asks_version: bool  # a reviewer asked for a new version


@dataclass(frozen=True)
class SeriesFacts:
    series_id: int
    versions: tuple[db.Version, ...]  # oldest first
    patches: tuple[PatchState, ...]  # of the latest version, cover letter left out

    @property
    def latest(self) -> db.Version:
        return self.versions[-1]

    @property
    def merged(self) -> tuple[PatchState, ...]:
        return tuple(p for p in self.patches if p.merged_by)

    @property
    def all_merged(self) -> bool:
        return bool(self.patches) and len(self.merged) == len(self.patches)

    @property
    def all_reviewed(self) -> bool:
        return bool(self.patches) and all(p.reviewed_by or p.merged_by for p in self.patches)


def facts(store: Store, series_id: int) -> SeriesFacts | None:
    """What is known of a series; a merge of a patch in an older version counts for
    the same patch (by title) in the latest one: v5 re-posts what v4 did not land."""
    versions = tuple(sorted(db.versions(store, series_id), key=lambda v: (v.version, v.id)))
    if not versions:
        return None
    merged: dict[str, list[tuple[str, str, str | None, str]]] = {}
    for version in versions:
        for row in db.patches(store, version.id):
            for event in db.events(store, row["message_id"]):
                if event["kind"] in MERGED:
                    merged.setdefault(row["title"], []).append(
                        (event["who"], event["evidence"], event["at"], event["words"]))
    latest = versions[-1]
    rows = db.patches(store, latest.id)
    real = [r for r in rows if r["number"] > 0] or [r for r in rows if latest.total == 0]
    states = []
    for row in real:
        found = db.events(store, row["message_id"])
        states.append(PatchState(
            row["message_id"], row["number"], row["subject"], row["title"],
            tuple(merged.get(row["title"], ())),
            tuple(e["who"] for e in found if e["kind"] in REVIEWED),
            any(e["kind"] == "asks-version" for e in found)))
    return SeriesFacts(series_id, versions, tuple(states))
