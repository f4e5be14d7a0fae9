"""The store: the only place that remembers. One SQLite file by default.

What it keeps: every mail that came in (raw, keyed by Message-ID or a hash),
every post imported or sent (text and JSON), items with ids that stay put
from week to week (`post_items` maps a post's item paths to them), an
append-only log of changes whose state is the latest row of `decisions`
for it (proposed / applied / rejected / reverted), drafts, hand edits,
sends, and a `journal` of every command that changed anything, in order:
`todobot rebuild` replays that journal into a fresh store.

The store is one class made of parts, each with one job: `database`
(connection, transactions, migrations, the journal), `mailbook` (mails in),
`posts` (releases, posts, item ids), `changelog` (changes and decisions),
`outgoing` (drafts and sends), `remarkbook` (what no change came of).
"""

from __future__ import annotations

from bot.release.changelog import ChangeLog, LoggedChange
from bot.release.database import StoreBusy, StoreError, now, sqlite_path
from bot.release.mailbook import MailJournal
from bot.release.outgoing import DraftsAndSends
from bot.release.posts import PostRecords
from bot.release.remarkbook import RemarkBook

__all__ = ["LoggedChange", "Store", "StoreBusy", "StoreError", "now", "sqlite_path"]


class Store(MailJournal, PostRecords, ChangeLog, DraftsAndSends, RemarkBook):
    """The store: the only place that remembers."""
