"""`todobot sync`: read what is new in every configured source, ingest each mail
as `todobot ingest` does, record the patch series it carries, read the tree,
and turn the series' progress into item changes.

Positions are remembered as the run goes (every `SAVE_EVERY` mails and at the
end of each source), so a run that is killed resumes close to where it was;
mails read twice are skipped by the store.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

from bot.config import Config
from bot.release import Ingest, Store
from bot.series import store as db
from bot.series.tracker import record

SAVE_EVERY = 500
Say = Callable[[str], None]


class SyncError(RuntimeError):
    """A source cannot be read (not a mirror, no server, no password); one line."""


@dataclass
class SyncReport:
    mails: Counter[str] = field(default_factory=Counter)  # disposition → count
    versions: int = 0
    patches: int = 0
    events: int = 0
    commits: int = 0
    applied: int = 0
    proposed: int = 0
    problems: list[str] = field(default_factory=list)

    def summary(self) -> str:
        total = sum(self.mails.values())
        parts = ", ".join(f"{n} {k}" for k, n in sorted(self.mails.items()))
        return (f"{total} mail(s){': ' + parts if parts else ''}; {self.versions} series "
                f"version(s), {self.patches} patch(es), {self.events} review/merge event(s), "
                f"{self.commits} commit(s) matched; {self.applied} change(s) applied, "
                f"{self.proposed} proposed")


def _public_inbox(store: Store, config: Config, entry: dict[str, Any]
                  ) -> Iterator[tuple[bytes | None, Callable[[], None] | None]]:
    """(raw, None) per mail; every SAVE_EVERY mails and at each epoch's end, (None, a
    callback saving the position), called once the mails before it are in the store."""
    from bot.mail.publicinbox import InboxError, InboxMail, read_inbox

    key = f"public-inbox:{entry['name']}"
    last = {int(k): v for k, v in json.loads(db.position(store, key) or "{}").items()}

    def saver(where: dict[int, str]) -> Callable[[], None]:
        text = json.dumps(where)
        return lambda: db.remember(store, key, text)

    try:
        for number, found in enumerate(read_inbox(config.relative(entry["path"]), last), 1):
            if isinstance(found, InboxMail):
                last[found.epoch] = found.commit
                yield found.raw, None
                if number % SAVE_EVERY == 0:
                    yield None, saver(dict(last))
            else:
                last[found[0]] = found[1]
                yield None, saver(dict(last))
    except InboxError as error:
        raise SyncError(str(error)) from None


def _imap(store: Store, config: Config, entry: dict[str, Any]
          ) -> Iterator[tuple[bytes | None, Callable[[], None] | None]]:
    from bot.mail.imap import ImapError, ImapMail, connect, password, read_folder

    key = f"imap:{entry['name']}"
    base = config.path.parent if config.path else Path.cwd()
    try:
        client = connect(entry, password(entry, base))
    except ImapError as error:
        raise SyncError(str(error)) from None
    try:
        for found in read_folder(client, entry.get("folder", "INBOX"), db.position(store, key)):
            if isinstance(found, ImapMail):
                yield found.raw, None
            else:
                yield None, (lambda where=found: db.remember(store, key, where))
    except ImapError as error:
        raise SyncError(str(error)) from None
    finally:
        try:
            client.logout()
        except Exception:  # noqa: BLE001 - a dead connection at the end loses nothing
            pass


def _files(config: Config, entry: dict[str, Any]
           ) -> Iterator[tuple[bytes | None, Callable[[], None] | None]]:
    from bot.mail import SourceError, open_source, read_mails

    try:
        source = open_source(str(config.relative(entry["path"])))
    except SourceError as error:
        raise SyncError(str(error)) from None
    for _name, raw in read_mails(source):
        yield raw, None


def mails_of(store: Store, config: Config, entry: dict[str, Any]
             ) -> Iterator[tuple[bytes | None, Callable[[], None] | None]]:
    """(raw, None) for each new mail, and (None, a callback) where the position may be
    saved: the caller calls it after the mails before it are in the store."""
    kind = entry["kind"]
    if kind == "public-inbox":
        return _public_inbox(store, config, entry)
    if kind == "imap":
        return _imap(store, config, entry)
    return _files(config, entry)


_PIPED = "store:mails"
BATCH = 200


def _one(store: Store, config: Config, ingest: Ingest, raw: bytes, report: SyncReport,
         name: str, say: Say | None) -> None:
    verdict = ingest.mail(raw)
    report.mails[verdict.disposition] += 1
    if verdict.disposition in ("unreadable", "refused") and say:
        say(f"{name}: {verdict.findings[-1]} (kept as {verdict.key})")
    _add(report, record(store, config, raw))


def _piped(store: Store, config: Config, report: SyncReport) -> None:
    """Mails `todobot ingest` kept since the last sync (the MTA pipe, a Maildir from
    cron) carry series too: they are recorded from the store."""
    last = int(db.position(store, _PIPED) or 0)
    rows = store.all("SELECT rowid, raw FROM mails WHERE rowid > ? ORDER BY rowid", last)
    for row in rows:
        _add(report, record(store, config, bytes(row["raw"])))


def _add(report: SyncReport, found) -> None:
    report.versions += found.versions
    report.patches += found.patches
    report.events += found.events


def run_sync(store: Store, config: Config, *, say: Say | None = None,
         only: tuple[str, ...] = ()) -> SyncReport:
    """Every source, then the tree, then the items. A source that fails is reported and
    the others still run."""
    report = SyncReport()
    ingest = Ingest(store, config)
    _piped(store, config, report)
    for entry in config.sources:
        if only and entry["name"] not in only:
            continue
        # a local mirror is read in batches, one transaction each (a commit per mail
        # would cost more than reading it); a network source holds no lock while it waits
        size = BATCH if entry["kind"] == "public-inbox" else 1
        try:
            mails = mails_of(store, config, dict(entry))
            while chunk := list(islice(mails, size)):
                with store.write():
                    for raw, save in chunk:
                        if raw is not None:
                            _one(store, config, ingest, raw, report, entry["name"], say)
                        if save:
                            save()
        except SyncError as error:
            report.problems.append(f"{entry['name']}: {error}")
    db.remember(store, _PIPED, str(store.scalar("SELECT max(rowid) FROM mails") or 0))
    if config.tree:
        from bot.series.treewatch import watch_tree

        try:
            report.commits += watch_tree(store, config)
        except SyncError as error:
            report.problems.append(f"tree: {error}")
    from bot.series.items import update_items

    report.applied, report.proposed = update_items(store, config)
    return report
