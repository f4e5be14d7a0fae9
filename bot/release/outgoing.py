"""Drafts and their sends: the outbox's state machine, claimed so a post goes out once."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from bot.release.database import Database, now


class DraftsAndSends(Database):
    """A draft's state, and each send: queued, sending, sent, retry, failed or unknown."""

    def current_draft(self, release_id: int) -> sqlite3.Row | None:
        """The latest draft not superseded: draft, approved, rejected or sent."""
        return self.one("SELECT * FROM drafts WHERE release_id = ? AND state <> 'superseded' "
                        "ORDER BY id DESC LIMIT 1", release_id)

    def set_draft_state(self, draft_id: int, state: str, reason: str = "") -> None:
        self._run("UPDATE drafts SET state = ?, reason = ? WHERE id = ?",
                  (state, reason, draft_id))

    def queue_send(self, draft_id: int, message_id: str, raw: bytes | None = None) -> int:
        """Record the Message-ID (and bytes) before anything goes on the wire."""
        with self.write():
            found = self.one("SELECT id FROM sends WHERE draft_id = ?", draft_id)
            if found:
                return int(found["id"])
            return self.insert(
                "INSERT INTO sends (draft_id, message_id, state, raw, attempts, detail, "
                "created, updated) VALUES (?, ?, 'queued', ?, 0, '', ?, ?)",
                draft_id, message_id, raw, now(), now())

    def claim_send(self, send_id: int) -> bool:
        """queued/retry → sending, for exactly one process; False if someone else has it."""
        with self.write():
            cursor = self._run(
                "UPDATE sends SET state = 'sending', attempts = attempts + 1, updated = ? "
                "WHERE id = ? AND state IN ('queued', 'retry')", (now(), send_id))
            return cursor.rowcount == 1

    def finish_send(self, send_id: int, state: str, detail: str = "",
                    next_attempt: str | None = None, *, only_from: Sequence[str] = ()) -> bool:
        """sending → sent | retry | failed | unknown (what the wire said).

        With `only_from`, only a send still in one of those states moves (False
        otherwise): `ingest` may have seen the post come back and made it sent
        while the sender was still waiting for the server's verdict.
        """
        assert state in ("sent", "retry", "failed", "unknown"), state
        guard = f" AND state IN ({', '.join('?' * len(only_from))})" if only_from else ""
        with self.write():
            cursor = self._run("UPDATE sends SET state = ?, detail = ?, next_attempt = ?, "
                               f"updated = ? WHERE id = ?{guard}",
                               (state, detail, next_attempt, now(), send_id, *only_from))
            return cursor.rowcount == 1

    def send(self, send_id: int) -> sqlite3.Row | None:
        return self.one("SELECT * FROM sends WHERE id = ?", send_id)

    def send_by_message_id(self, message_id: str) -> sqlite3.Row | None:
        return self.one("SELECT * FROM sends WHERE message_id = ?", message_id)
