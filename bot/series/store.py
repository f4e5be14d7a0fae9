"""The series tables and the sync positions: their queries, on the release's store.

Kept apart from `bot.release.store` (the Store class is the release's); these
functions take a Store and only use its plain `one` / `all` / `insert` / `write`.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime

from bot.release import Store


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


# -- how far each source was read ---------------------------------------------------


def position(store: Store, source: str) -> str:
    """Where `source` stopped last time ("" the first time)."""
    return store.scalar("SELECT position FROM sync_state WHERE source = ?", source) or ""


def remember(store: Store, source: str, where: str) -> None:
    with store.write():
        if store.one("SELECT 1 FROM sync_state WHERE source = ?", source):
            store.all("UPDATE sync_state SET position = ?, updated = ? WHERE source = ?",
                      where, now(), source)
        else:
            store.all("INSERT INTO sync_state (source, position, updated) VALUES (?, ?, ?)",
                      source, where, now())


def positions(store: Store) -> dict[str, str]:
    return {r["source"]: r["position"] for r in store.all("SELECT * FROM sync_state")}


# -- series, versions, patches, events --------------------------------------------------


@dataclass(frozen=True)
class Version:
    id: int
    series_id: int
    version: int
    root: str  # the cover letter's Message-ID, else the first patch's
    subject: str
    total: int
    author: str
    date: str | None
    for_release: str


def _version(row: sqlite3.Row) -> Version:
    return Version(row["id"], row["series_id"], row["version"], row["root"], row["subject"],
                   row["total"], row["author"], row["date"], row["for_release"])


def find_series(store: Store, title: str, author: str, change: str) -> int | None:
    """The series a new version belongs to: the same b4 change-id, else the same
    version-blind title from the same author."""
    if change:
        found = store.scalar("SELECT id FROM series WHERE change_id = ?", change)
        if found is not None:
            return int(found)
    found = store.scalar("SELECT id FROM series WHERE title = ? AND author = ? ORDER BY id "
                         "DESC LIMIT 1", title, author)
    return int(found) if found is not None else None


def new_series(store: Store, title: str, author: str, change: str) -> int:
    return store.insert("INSERT INTO series (title, author, change_id, created) "
                        "VALUES (?, ?, ?, ?)", title, author, change, now())


def version_by_root(store: Store, root: str) -> Version | None:
    row = store.one("SELECT * FROM series_versions WHERE root = ?", root)
    return _version(row) if row else None


def version(store: Store, version_id: int) -> Version:
    return _version(store.one("SELECT * FROM series_versions WHERE id = ?", version_id))


def new_version(store: Store, series_id: int, number: int, root: str, subject: str,
                total: int, author: str, date: str | None, for_release: str) -> Version:
    vid = store.insert(
        "INSERT INTO series_versions (series_id, version, root, subject, total, author, date, "
        "for_release, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        series_id, number, root, subject, total, author, date, for_release, now())
    return version(store, vid)


def set_cover(store: Store, version_id: int, root: str, subject: str) -> None:
    """A cover letter seen after its patches takes the version's root and subject."""
    store.all("UPDATE series_versions SET root = ?, subject = ? WHERE id = ?",
              root, subject, version_id)
    from bot.series.subject import parse_subject

    series_id = version(store, version_id).series_id
    if len(versions(store, series_id)) == 1:  # the series was named after its first patch
        store.all("UPDATE series SET title = ? WHERE id = ?", parse_subject(subject).key,
                  series_id)


def versions(store: Store, series_id: int) -> list[Version]:
    return [_version(r) for r in store.all(
        "SELECT * FROM series_versions WHERE series_id = ? ORDER BY version, id", series_id)]


def add_patch(store: Store, message_id: str, version_id: int, number: int, subject: str,
              title: str, author: str, date: str | None) -> bool:
    if store.one("SELECT 1 FROM patches WHERE message_id = ?", message_id):
        return False
    store.all("INSERT INTO patches (message_id, version_id, number, subject, title, author, "
              "date) VALUES (?, ?, ?, ?, ?, ?, ?)",
              message_id, version_id, number, subject, title, author, date)
    return True


def patch(store: Store, message_id: str) -> sqlite3.Row | None:
    return store.one("SELECT * FROM patches WHERE message_id = ?", message_id)


def patches(store: Store, version_id: int) -> list[sqlite3.Row]:
    return store.all("SELECT * FROM patches WHERE version_id = ? ORDER BY number, message_id",
                     version_id)


def patches_titled(store: Store, titles: list[str]) -> list[sqlite3.Row]:
    if not titles:
        return []
    marks = ", ".join("?" * len(titles))
    return store.all(f"SELECT * FROM patches WHERE title IN ({marks})", *titles)


def add_event(store: Store, message_id: str, kind: str, who: str, evidence: str,
              at: str | None, words: str = "") -> bool:
    """A review, ack, test or merge of one patch (`evidence`: the mail's Message-ID or
    the commit id; `words`: the sentence or commit subject); False when it was known."""
    if store.one("SELECT 1 FROM patch_events WHERE message_id = ? AND kind = ? AND who = ? "
                 "AND evidence = ?", message_id, kind, who, evidence):
        return False
    store.insert("INSERT INTO patch_events (message_id, kind, who, evidence, at, words) "
                 "VALUES (?, ?, ?, ?, ?, ?)", message_id, kind, who, evidence, at, words)
    return True


def events(store: Store, message_id: str) -> list[sqlite3.Row]:
    return store.all("SELECT * FROM patch_events WHERE message_id = ? ORDER BY id", message_id)


def all_series(store: Store) -> list[sqlite3.Row]:
    return store.all("SELECT * FROM series ORDER BY id")
