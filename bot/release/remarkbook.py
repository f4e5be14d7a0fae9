"""Remarks (issue 9): what a sender said under a quoted item that changed nothing,
kept for the RM until `todobot accept-remark` turns one into a change."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime
from typing import Any

from bot.release.database import Database, now


def _iso(value: datetime | date | None) -> str | None:
    return value.isoformat() if value else None


class RemarkBook(Database):
    """A remark is open until its `change_id` names the change the RM made of it."""

    def log_remark(self, release_id: int, remark: Any, evidence: Any, *, item_id: int | None,
                   post_id: int | None, path: str, source: str, ordinal: int) -> int:
        return self.insert(
            "INSERT INTO remarks (release_id, item_id, post_id, path, item_text, words, guess,"
            " sender_name, sender_addr, message_id, said_at, source, ordinal, created, named)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            release_id, item_id, post_id, path, remark.item_text, remark.words, remark.guess,
            evidence.sender_name, evidence.sender_addr, evidence.message_id,
            _iso(evidence.date), source, ordinal, now(), int(remark.named))

    def remarks(self, release_id: int | None, open_only: bool = True) -> list[sqlite3.Row]:
        return self.all("SELECT * FROM remarks WHERE release_id = ?"
                        + (" AND change_id IS NULL" if open_only else "") + " ORDER BY id",
                        release_id)

    def remark(self, remark_id: int) -> sqlite3.Row | None:
        return self.one("SELECT * FROM remarks WHERE id = ?", remark_id)

    def settle_remark(self, remark_id: int, change_id: int) -> None:
        self._run("UPDATE remarks SET change_id = ? WHERE id = ?", (change_id, remark_id))
