"""The store: the only place that remembers. One SQLite file by default.

What it keeps: every mail that came in (raw, keyed by Message-ID or a hash),
every post imported or sent (text and JSON), items with ids that stay put
from week to week (`post_items` maps a post's item paths to them), an
append-only log of changes whose state is the latest row of `decisions`
for it (proposed / applied / rejected / reverted), drafts, hand edits,
sends, and a `journal` of every command that changed anything, in order:
`todobot rebuild` replays that journal into a fresh store.

Concurrency: WAL (readers never block the writer), a busy timeout, and
every write in `BEGIN IMMEDIATE`, which takes the write lock up front. A
deferred transaction that reads and then writes can fail at once with
SQLITE_BUSY when another writer got in between, and the busy timeout does
not help then; IMMEDIATE makes two `ingest` processes queue instead. When
the lock does not come within the timeout, `StoreBusy` (exit 75: the MTA
retries later).

PostgreSQL, later: the SQL here is portable on purpose: `?` parameters,
`INSERT ... RETURNING id`, no upserts, no SQLite functions. The three
dialect points are `bot.schema.DDL_TYPES` (an `{id}` column becomes `BIGINT
GENERATED ALWAYS AS IDENTITY PRIMARY KEY`, `{blob}` becomes `BYTEA`),
`Store._sql` (`?` → `%s` for psycopg) and `Store.write` (`BEGIN` +
`LOCK TABLE journal IN SHARE ROW EXCLUSIVE MODE` instead of `BEGIN
IMMEDIATE`; `StoreBusy` from `lock_timeout`). `Store.open` would pick the
driver by the URL's scheme (`postgresql://...`) and import psycopg lazily;
nothing above this module knows which database it talks to. We do not use
SQLAlchemy: its import alone costs more than the 300 ms an MTA pipe run
may take.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from bot.post import Change, ChangeKind, Evidence
from bot.release.schema import DDL_TYPES, MIGRATIONS, SCHEMA_VERSION, STATES


class StoreBusy(RuntimeError):
    """Another process holds the write lock longer than the busy timeout."""


class StoreError(RuntimeError):
    """The store cannot be used as asked (newer schema, unsupported URL)."""


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


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


def _busy(error: sqlite3.Error) -> bool:
    text = str(error).lower()
    return "locked" in text or "busy" in text


def _broken(error: sqlite3.Error) -> bool:
    """The file is not a SQLite database, or a damaged one (SQLITE_NOTADB, SQLITE_CORRUPT):
    the plain DatabaseError, not one of its subclasses (a bad statement, a constraint)."""
    return type(error) is sqlite3.DatabaseError


def sqlite_path(database: str, base: Path) -> str | None:
    """The file (or ":memory:") a store setting names; None for another database's URL.

    A path, or a SQLAlchemy-style URL: `sqlite:///relative/to/base.db`,
    `sqlite:////absolute.db`, `sqlite://` and `sqlite:///:memory:` (in memory).
    A relative path is taken from `base` (the configuration file's folder).
    """
    if database == ":memory:":
        return database
    if "://" in database:
        scheme, _, rest = database.partition("://")
        if scheme.lower() != "sqlite":
            return None
        if rest in ("", "/:memory:"):
            return ":memory:"
        if not rest.startswith("/"):
            raise StoreError(f"{database!r}: a SQLite URL has no host: write sqlite:///relative"
                             ".db or sqlite:////absolute.db")
        database = rest[1:]
    return str((base / os.path.expanduser(database)).resolve())


class Store:
    """A connection to the store, with the schema migrated to SCHEMA_VERSION."""

    dialect = "sqlite"

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.db = connection

    @classmethod
    def open(cls, url: str, busy_timeout_ms: int = 5000) -> Store:
        """A path (`Config.database_path()` gives one), ":memory:", or a URL."""
        path = sqlite_path(url, Path.cwd())
        if path is None:
            if url.lower().startswith(("postgres://", "postgresql://")):
                raise StoreError("PostgreSQL is not wired yet: see bot/store.py's docstring")
            raise StoreError(f"{url.partition('://')[0]}:// is not a database todobot can use")
        db = None
        try:
            db = sqlite3.connect(path, timeout=busy_timeout_ms / 1000, isolation_level=None,
                                 check_same_thread=False)
            db.row_factory = sqlite3.Row
            db.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
            if path != ":memory:":
                db.execute("PRAGMA journal_mode = WAL")
            db.execute("PRAGMA synchronous = NORMAL")
            store = cls(db)
            store.migrate()
        except (sqlite3.DatabaseError, StoreError, StoreBusy) as error:
            if db is not None:
                db.close()
            if isinstance(error, StoreBusy) or (isinstance(error, sqlite3.Error)
                                                and _busy(error)):
                raise StoreBusy(f"{path}: the store is busy") from None
            raise StoreError(f"{path}: cannot open the store: {error}") from None
        return store

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- plumbing -----------------------------------------------------------

    def _sql(self, sql: str) -> str:
        return sql  # psycopg: sql.replace("?", "%s")

    def _run(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Cursor:
        try:
            return self.db.execute(self._sql(sql), params)
        except sqlite3.OperationalError as error:
            if _busy(error):
                raise StoreBusy("the store is busy: another todobot holds it") from None
            raise
        except sqlite3.DatabaseError as error:
            if _broken(error):
                raise StoreError(f"the store is not a usable SQLite database: {error}") from None
            raise

    def all(self, sql: str, *params: Any) -> list[sqlite3.Row]:
        return self._run(sql, params).fetchall()

    def one(self, sql: str, *params: Any) -> sqlite3.Row | None:
        return self._run(sql, params).fetchone()

    def scalar(self, sql: str, *params: Any) -> Any:
        row = self.one(sql, *params)
        return row[0] if row else None

    def insert(self, sql: str, *params: Any) -> int:
        return int(self._run(sql + " RETURNING id", params).fetchone()[0])

    @contextmanager
    def write(self) -> Iterator[Store]:
        """One transaction holding the write lock; nested calls join the outer one."""
        if self.db.in_transaction:
            yield self
            return
        self._run("BEGIN IMMEDIATE")
        try:
            yield self
        except BaseException:
            self.db.rollback()
            raise
        try:
            self._run("COMMIT")
        except StoreBusy:
            self.db.rollback()
            raise

    def version(self) -> int:
        has = self.scalar("SELECT count(*) FROM sqlite_master WHERE name = 'schema_version'")
        return int(self.scalar("SELECT max(version) FROM schema_version") or 0) if has else 0

    def migrate(self) -> None:
        """Bring the schema to SCHEMA_VERSION, one step per transaction."""
        if self.version() == SCHEMA_VERSION:
            return
        with self.write():
            self._run("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL, "
                      "applied TEXT NOT NULL)")
            current = self.version()
            if current > SCHEMA_VERSION:
                raise StoreError(f"the store has schema v{current}, newer than this todobot "
                                 f"(v{SCHEMA_VERSION}): upgrade todobot")
            for number in range(current + 1, SCHEMA_VERSION + 1):
                ddl = MIGRATIONS[number - 1].format(**DDL_TYPES[self.dialect])
                for statement in filter(str.strip, ddl.split(";")):
                    self._run(statement)
                self._run("INSERT INTO schema_version VALUES (?, ?)", (number, now()))

    # -- journal ------------------------------------------------------------

    def journal(self, release_id: int | None, kind: str, **args: Any) -> None:
        self._run("INSERT INTO journal (release_id, kind, args, at) VALUES (?, ?, ?, ?)",
                  (release_id, kind, json.dumps(args, sort_keys=True), now()))

    # -- releases, posts, items ------------------------------------------------

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

    # -- mails ----------------------------------------------------------------

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

    # -- the change log --------------------------------------------------------

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

    _CHANGES = (
        "SELECT c.*, (SELECT d.state FROM decisions d WHERE d.change_id = c.id "
        "ORDER BY d.id DESC LIMIT 1) AS state FROM changes c ")

    def changes(self, where: str = "", *params: Any) -> list[LoggedChange]:
        rows = self.all(self._CHANGES + (f"WHERE {where} " if where else "") + "ORDER BY c.id",
                        *params)
        return [_logged(row) for row in rows]

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

    # -- drafts ---------------------------------------------------------------

    def current_draft(self, release_id: int) -> sqlite3.Row | None:
        """The latest draft not superseded: draft, approved, rejected or sent."""
        return self.one("SELECT * FROM drafts WHERE release_id = ? AND state <> 'superseded' "
                        "ORDER BY id DESC LIMIT 1", release_id)

    def set_draft_state(self, draft_id: int, state: str, reason: str = "") -> None:
        self._run("UPDATE drafts SET state = ?, reason = ? WHERE id = ?",
                  (state, reason, draft_id))

    # -- sends (the outbox's state machine, issue 5) ------------------------------

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
