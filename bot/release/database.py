"""The database under the store: one connection, its transactions and the schema.

Concurrency: WAL (readers never block the writer), a busy timeout, and
every write in `BEGIN IMMEDIATE`, which takes the write lock up front. A
deferred transaction that reads and then writes can fail at once with
SQLITE_BUSY when another writer got in between, and the busy timeout does
not help then; IMMEDIATE makes two `ingest` processes queue instead. When
the lock does not come within the timeout, `StoreBusy` (exit 75: the MTA
retries later).

PostgreSQL, later: the SQL here is portable on purpose: `?` parameters,
`INSERT ... RETURNING id`, no upserts, no SQLite functions. The three
dialect points are `bot.release.schema.DDL_TYPES` (an `{id}` column becomes `BIGINT
GENERATED ALWAYS AS IDENTITY PRIMARY KEY`, `{blob}` becomes `BYTEA`),
`Database._sql` (`?` → `%s` for psycopg) and `Database.write` (`BEGIN` +
`LOCK TABLE journal IN SHARE ROW EXCLUSIVE MODE` instead of `BEGIN
IMMEDIATE`; `StoreBusy` from `lock_timeout`). `Database.open` would pick the
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
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Self

from bot.release.schema import DDL_TYPES, MIGRATIONS, SCHEMA_VERSION


class StoreBusy(RuntimeError):
    """Another process holds the write lock longer than the busy timeout."""


class StoreError(RuntimeError):
    """The store cannot be used as asked (newer schema, unsupported URL)."""


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


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


class Database:
    """A connection to the store, with the schema migrated to SCHEMA_VERSION."""

    dialect = "sqlite"

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.db = connection

    @classmethod
    def open(cls, url: str, busy_timeout_ms: int = 5000) -> Self:
        """A path (`Config.database_path()` gives one), ":memory:", or a URL."""
        path = sqlite_path(url, Path.cwd())
        if path is None:
            if url.lower().startswith(("postgres://", "postgresql://")):
                raise StoreError("PostgreSQL is not wired yet: see bot/release/database.py")
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

    def __enter__(self) -> Self:
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
    def write(self) -> Iterator[Self]:
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
