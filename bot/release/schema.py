"""The store's schema: every migration since the first release, in order.

Each entry migrates from version N-1 to N; a shipped entry is never edited,
only followed by a new one. `{id}` and `{blob}` are the two column types
that differ between databases (see `bot.release.database` on PostgreSQL).
"""

from __future__ import annotations

STATES = ("proposed", "applied", "rejected", "reverted")
DDL_TYPES = {"sqlite": {"id": "INTEGER PRIMARY KEY", "blob": "BLOB"}}

MIGRATIONS: tuple[str, ...] = (
    # v1: the first release
    """
    CREATE TABLE releases (id {id}, name TEXT NOT NULL UNIQUE, year INTEGER,
                           created TEXT NOT NULL);
    CREATE TABLE journal (seq {id}, release_id INTEGER, kind TEXT NOT NULL,
                          args TEXT NOT NULL, at TEXT NOT NULL);
    CREATE TABLE mails (key TEXT PRIMARY KEY, message_id TEXT, release_id INTEGER,
                        received TEXT NOT NULL, sender TEXT NOT NULL, subject TEXT NOT NULL,
                        raw {blob} NOT NULL, disposition TEXT NOT NULL,
                        findings TEXT NOT NULL, post_id INTEGER);
    CREATE INDEX mails_message_id ON mails (message_id);
    CREATE TABLE posts (id {id}, release_id INTEGER NOT NULL, kind TEXT NOT NULL,
                        message_id TEXT, created TEXT NOT NULL, text TEXT NOT NULL,
                        json TEXT NOT NULL, draft_id INTEGER);
    CREATE TABLE items (id {id}, release_id INTEGER NOT NULL, created TEXT NOT NULL);
    CREATE TABLE post_items (post_id INTEGER NOT NULL, path TEXT NOT NULL,
                             item_id INTEGER NOT NULL, PRIMARY KEY (post_id, path));
    CREATE TABLE changes (id {id}, release_id INTEGER NOT NULL, item_id INTEGER,
                          post_id INTEGER, kind TEXT NOT NULL, value TEXT NOT NULL,
                          section TEXT NOT NULL, item_text TEXT NOT NULL,
                          confidence REAL NOT NULL, source TEXT NOT NULL,
                          ordinal INTEGER NOT NULL, sender_name TEXT NOT NULL,
                          sender_addr TEXT NOT NULL, message_id TEXT NOT NULL,
                          said_at TEXT, quoted TEXT NOT NULL, words TEXT NOT NULL,
                          event_date TEXT, reasons TEXT NOT NULL, created TEXT NOT NULL,
                          UNIQUE (source, ordinal));
    CREATE TABLE decisions (id {id}, change_id INTEGER NOT NULL, state TEXT NOT NULL,
                            actor TEXT NOT NULL, reason TEXT NOT NULL, at TEXT NOT NULL);
    CREATE TABLE post_changes (post_id INTEGER NOT NULL, change_id INTEGER NOT NULL,
                               PRIMARY KEY (post_id, change_id));
    CREATE TABLE drafts (id {id}, release_id INTEGER NOT NULL, baseline INTEGER NOT NULL,
                         draft_date TEXT NOT NULL, created TEXT NOT NULL, text TEXT NOT NULL,
                         json TEXT NOT NULL, ids TEXT NOT NULL, changelog TEXT NOT NULL,
                         diff TEXT NOT NULL, token TEXT NOT NULL, state TEXT NOT NULL,
                         reason TEXT NOT NULL, review_message_id TEXT);
    CREATE TABLE draft_changes (draft_id INTEGER NOT NULL, change_id INTEGER NOT NULL,
                                PRIMARY KEY (draft_id, change_id));
    CREATE TABLE edits (id {id}, draft_id INTEGER NOT NULL, text TEXT NOT NULL,
                        created TEXT NOT NULL);
    """,
    # v2: the outbox's exactly-once state machine (issue 5), and indexes for
    # deriving an item's state from the log without a scan.
    """
    CREATE TABLE sends (id {id}, draft_id INTEGER NOT NULL UNIQUE,
                        message_id TEXT NOT NULL UNIQUE, state TEXT NOT NULL,
                        raw {blob}, attempts INTEGER NOT NULL, next_attempt TEXT,
                        detail TEXT NOT NULL, created TEXT NOT NULL, updated TEXT NOT NULL);
    CREATE INDEX decisions_change ON decisions (change_id);
    CREATE INDEX changes_item ON changes (item_id);
    CREATE INDEX changes_message ON changes (message_id);
    """,
    # v3: incremental sources and patch series (issue 11). `sync_state`: how far each
    # source was read (a public-inbox epoch's last commit, an IMAP folder's UIDVALIDITY
    # and last UID, a tree branch's last commit). A series is all versions of one
    # piece of work; a version is one posting of it; a patch one mail of a version
    # (the cover letter is number 0); a patch event a review, an ack, a merge.
    """
    CREATE TABLE sync_state (source TEXT PRIMARY KEY, position TEXT NOT NULL,
                             updated TEXT NOT NULL);
    CREATE TABLE series (id {id}, title TEXT NOT NULL, author TEXT NOT NULL,
                         change_id TEXT NOT NULL, created TEXT NOT NULL);
    CREATE INDEX series_title ON series (title);
    CREATE TABLE series_versions (id {id}, series_id INTEGER NOT NULL,
                                  version INTEGER NOT NULL, root TEXT NOT NULL UNIQUE,
                                  subject TEXT NOT NULL, total INTEGER NOT NULL,
                                  author TEXT NOT NULL, date TEXT, for_release TEXT NOT NULL,
                                  created TEXT NOT NULL);
    CREATE INDEX series_versions_series ON series_versions (series_id);
    CREATE TABLE patches (message_id TEXT PRIMARY KEY, version_id INTEGER NOT NULL,
                          number INTEGER NOT NULL, subject TEXT NOT NULL,
                          title TEXT NOT NULL, author TEXT NOT NULL, date TEXT);
    CREATE INDEX patches_version ON patches (version_id);
    CREATE INDEX patches_title ON patches (title);
    CREATE TABLE patch_events (id {id}, message_id TEXT NOT NULL, kind TEXT NOT NULL,
                               who TEXT NOT NULL, evidence TEXT NOT NULL, at TEXT,
                               words TEXT NOT NULL,
                               UNIQUE (message_id, kind, who, evidence));
    CREATE INDEX patch_events_patch ON patch_events (message_id);
    """,
    # v4: remarks (issue 9): a sender's sentence under a quoted item that changed
    # nothing, kept for the RM; `change_id` once the RM turned it into a change.
    """
    CREATE TABLE remarks (id {id}, release_id INTEGER NOT NULL, item_id INTEGER,
                          post_id INTEGER, path TEXT NOT NULL, item_text TEXT NOT NULL,
                          words TEXT NOT NULL, guess TEXT NOT NULL, sender_name TEXT NOT NULL,
                          sender_addr TEXT NOT NULL, message_id TEXT NOT NULL, said_at TEXT,
                          source TEXT NOT NULL, ordinal INTEGER NOT NULL, change_id INTEGER,
                          created TEXT NOT NULL, UNIQUE (source, ordinal));
    CREATE INDEX remarks_release ON remarks (release_id);
    """,
    # v5: the new items a post's thread raised, looked up for every mail read against it
    # (`Ingest.thread_post`): without it, a scan of every change per mail
    """
    CREATE INDEX changes_post_kind ON changes (post_id, kind);
    """,
    # v6: a remark on an item the sender named in prose, none quoted (issue 9): no
    # sub-thread context, as a quoted item's remark is
    """
    ALTER TABLE remarks ADD COLUMN named INTEGER NOT NULL DEFAULT 0;
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)
