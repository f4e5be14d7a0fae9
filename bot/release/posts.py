"""Releases, their posts (imported or sent) and the items whose ids stay put week to week."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from typing import Any

from bot.release.database import Database, now


def path_key(path: Sequence[int]) -> str:
    """An item's path in its post (section, item, sub-item...) as `post_items` keeps it:
    "0.3.1". Here, with the table, so that ingest need not load the drafter for it."""
    return ".".join(map(str, path))


def path_of(key: str) -> tuple[int, ...]:
    """The path a `path_key` wrote ("0.3.1" → (0, 3, 1); "" → ())."""
    return tuple(int(part) for part in key.split(".") if part)


class PostRecords(Database):
    """Releases, posts and the item ids a post's paths map to."""

    def release_id(self, name: str, year: int | None = None, create: bool = False) -> int | None:
        found = self.scalar("SELECT id FROM releases WHERE name = ?", name)
        if found is None and create:
            found = self.insert("INSERT INTO releases (name, year, created) VALUES (?, ?, ?)",
                                name, year, now())
        return found

    def remember_year(self, release_id: int, year: int | None) -> None:
        """The year a release's posts are read in, once known (the first post's)."""
        if year is not None:
            self._run("UPDATE releases SET year = ? WHERE id = ? AND year IS NULL",
                      (year, release_id))

    def add_post(self, release_id: int, kind: str, text: str, post_json: dict[str, Any],
                 message_id: str = "", draft_id: int | None = None) -> int:
        return self.insert(
            "INSERT INTO posts (release_id, kind, message_id, created, text, json, draft_id) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            release_id, kind, message_id, now(), text, json.dumps(post_json), draft_id)

    def baseline(self, release_id: int) -> sqlite3.Row | None:
        """The latest post imported or sent: next week's draft is built on it."""
        return self.one("SELECT * FROM posts WHERE release_id = ? ORDER BY id DESC LIMIT 1",
                        release_id)

    def new_item(self, release_id: int) -> int:
        return self.insert("INSERT INTO items (release_id, created) VALUES (?, ?)",
                           release_id, now())

    def map_items(self, post_id: int, ids: dict[str, int]) -> None:
        for path, item_id in ids.items():
            self._run("INSERT INTO post_items (post_id, path, item_id) VALUES (?, ?, ?)",
                      (post_id, path, item_id))

    def item_ids(self, post_id: int) -> dict[str, int]:
        rows = self.all("SELECT path, item_id FROM post_items WHERE post_id = ?", post_id)
        return {row["path"]: row["item_id"] for row in rows}
