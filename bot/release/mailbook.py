"""Every mail that came in, kept raw before it is read, and what became of it."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence

from bot.release.database import Database


class MailJournal(Database):
    """The mails table: kept first, settled after analysis, the thread's ids."""

    def mail(self, key: str) -> sqlite3.Row | None:
        return self.one("SELECT * FROM mails WHERE key = ?", key)

    def keep_mail(self, key: str, message_id: str, raw: bytes, sender: str, subject: str,
                  received: str) -> bool:
        """Keep a mail's bytes before anything else; False when it was already kept."""
        with self.write():
            if self.mail(key) is not None:
                return False
            self._run("INSERT INTO mails (key, message_id, received, sender, subject, raw, "
                      "disposition, findings) VALUES (?, ?, ?, ?, ?, ?, 'received', '[]')",
                      (key, message_id, received, sender, subject, raw))
            return True

    def settle_mail(self, key: str, disposition: str, findings: Sequence[str],
                    release_id: int | None = None, post_id: int | None = None) -> None:
        self._run("UPDATE mails SET disposition = ?, findings = ?, release_id = ?, post_id = ? "
                  "WHERE key = ?", (disposition, json.dumps(list(findings)), release_id,
                                    post_id, key))

    def thread_ids(self, release_id: int, among: Sequence[str] | None = None) -> set[str]:
        """Message-IDs of the thread so far: the posts and every reply kept on it.

        `among`: only those of these ids (a mail's references), found by the index
        rather than by reading every mail of the release, once per mail.
        """
        where, params = "", [release_id]
        if among is not None:
            wanted = sorted({i for i in among if i})
            if not wanted:
                return set()
            where, params = f" AND message_id IN ({', '.join('?' * len(wanted))})", \
                [release_id, *wanted]
        ids = {r[0] for r in self.all("SELECT message_id FROM posts WHERE release_id = ? "
                                      "AND message_id <> ''" + where, *params)}
        ids |= {r[0] for r in self.all(
            "SELECT message_id FROM mails WHERE release_id = ? AND message_id <> '' AND "
            "disposition IN ('analysed', 'approval', 'refused')" + where, *params)}
        return ids
