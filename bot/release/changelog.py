"""The append-only change log: every change with its provenance, and the decisions on it."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from bot.post import Change, ChangeKind, Evidence
from bot.release.database import Database, now
from bot.release.schema import STATES


@dataclass(frozen=True)
class LoggedChange:
    """One row of the change log with its current state."""

    id: int
    item_id: int | None
    post_id: int | None
    source: str  # "mail:<key>", "edit:<id>" or "cli"
    ordinal: int
    state: str
    created: str
    change: Change


def _iso(value: datetime | date | None) -> str | None:
    return value.isoformat() if value else None



class ChangeLog(Database):
    """A change's state is the latest of its decisions (proposed, applied, rejected, reverted)."""

    def log_change(self, release_id: int, change: Change, *, item_id: int | None,
                   post_id: int | None, source: str, ordinal: int, state: str,
                   actor: str, reason: str = "") -> int:
        ev = change.evidence
        change_id = self.insert(
            "INSERT INTO changes (release_id, item_id, post_id, kind, value, section, item_text,"
            " confidence, source, ordinal, sender_name, sender_addr, message_id, said_at,"
            " quoted, words, event_date, reasons, created)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            release_id, item_id, post_id, str(change.kind), change.value, change.section,
            change.item_text, change.confidence, source, ordinal, ev.sender_name,
            ev.sender_addr, ev.message_id, _iso(ev.date), ev.quoted, ev.words,
            _iso(change.when), json.dumps(list(change.reasons)), now())
        self.decide(change_id, state, actor, reason)
        return change_id

    def decide(self, change_id: int, state: str, actor: str, reason: str = "") -> None:
        assert state in STATES, state
        self._run("INSERT INTO decisions (change_id, state, actor, reason, at) "
                  "VALUES (?, ?, ?, ?, ?)", (change_id, state, actor, reason, now()))

    # a change's state: its latest decision
    _STATE = "(SELECT d.state FROM decisions d WHERE d.change_id = c.id ORDER BY d.id DESC LIMIT 1)"
    _CHANGES = f"SELECT c.*, {_STATE} AS state FROM changes c "

    def changes(self, where: str = "", *params: Any) -> list[LoggedChange]:
        rows = self.all(self._CHANGES + (f"WHERE {where} " if where else "") + "ORDER BY c.id",
                        *params)
        return [_logged(row) for row in rows]

    def item_states(self, post_id: int) -> dict[int, str]:
        """Each item's state by the last status change applied to it under the post (read
        for every mail of the thread: no row is decoded but these two columns)."""
        rows = self.all(
            "SELECT c.item_id, c.value FROM changes c WHERE c.post_id = ? AND c.kind = ? "
            f"AND c.item_id IS NOT NULL AND {self._STATE} = 'applied' ORDER BY c.id",
            post_id, str(ChangeKind.STATUS))
        return {row["item_id"]: row["value"] for row in rows}

    def change(self, change_id: int) -> LoggedChange | None:
        found = self.changes("c.id = ?", change_id)
        return found[0] if found else None

    def pending(self, release_id: int) -> list[LoggedChange]:
        """Applied changes that no post shows yet: what the next draft applies."""
        return [c for c in self.changes(
            "c.release_id = ? AND c.id NOT IN (SELECT change_id FROM post_changes)", release_id)
            if c.state == "applied"]

    def fold(self, post_id: int, change_ids: Sequence[int]) -> None:
        for change_id in change_ids:
            self._run("INSERT INTO post_changes (post_id, change_id) VALUES (?, ?)",
                      (post_id, change_id))

    def folded(self, change_id: int) -> bool:
        return self.one("SELECT 1 FROM post_changes WHERE change_id = ?", change_id) is not None

    def decisions(self, change_id: int) -> list[sqlite3.Row]:
        return self.all("SELECT * FROM decisions WHERE change_id = ? ORDER BY id", change_id)


def _logged(row: sqlite3.Row) -> LoggedChange:
    said = datetime.fromisoformat(row["said_at"]) if row["said_at"] else None
    change = Change(
        kind=ChangeKind(row["kind"]),
        value=row["value"],
        item=(),
        item_text=row["item_text"],
        confidence=row["confidence"],
        evidence=Evidence(row["message_id"], row["sender_name"], row["sender_addr"], said,
                          row["quoted"], row["words"]),
        section=row["section"],
        when=date.fromisoformat(row["event_date"]) if row["event_date"] else None,
        reasons=tuple(json.loads(row["reasons"])),
    )
    return LoggedChange(row["id"], row["item_id"], row["post_id"], row["source"],
                        row["ordinal"], row["state"] or "proposed", row["created"], change)
