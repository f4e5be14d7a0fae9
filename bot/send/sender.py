"""`todobot send`: the approved post goes to the list exactly once, from cron.

A send is a recorded state machine (the store's `sends`):

    approved draft → queued (Message-ID and exact bytes stored first)
    queued / retry → sending (claimed by one process) → the wire's verdict:
        sent     a 2xx after the data: the draft becomes the last post
        retry    4xx, refused, dropped before the data: again after a back-off
        failed   5xx, or [send] give_up_hours of retries: the RM is told by mail
        unknown  a drop or silence after the data: never re-sent on its own;
                 sent when `ingest` sees the post come back, else the RM is asked

One `send` at a time holds a lock file beside the store (flock: the kernel
drops it when a process dies); the store's claim is the second guard. A 2xx
the store is too busy to record is kept in a side file beside it
(`DATABASE.send-verdicts`, written under the lock, as `nag` does for pings)
and recorded as sent by the next run before anything else: a post the
server took is never left for unknown. So a send found `sending` with no
kept verdict belongs to a process killed half way: its outcome is unknown.
Each mail to the RM is journalled under a key and goes once ("one
reminder"); one that cannot go is printed on stderr, which cron mails to
MAILTO: the RM is told, never nobody.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bot.config import Config
from bot.send.outbox import SmtpSettings
from bot.send.run import EX_REFUSED, LIVE, Report, SendError, events, sends
from bot.send.weekly import WeeklyPost

__all__ = ["Report", "SendBusy", "SendError", "Sender", "events", "send_lock", "sends",
           "smtp_settings", "verdicts_file"]


class SendBusy(RuntimeError):
    """Another `todobot send` holds the lock (exit 75)."""


@contextmanager
def send_lock(database: str) -> Iterator[None]:
    """One `send` at a time per store; released by the kernel if the process dies.

    `database` is `Config.database_path()`. Only a store that is no file (in
    memory, or another database's URL, which the store refuses anyway) has no
    lock file; a `sqlite:///` URL is a file like any other.
    """
    from bot.release import sqlite_path

    store_file = sqlite_path(database, Path.cwd())
    if store_file is None or store_file == ":memory:":
        yield
        return
    import fcntl

    path = store_file + ".send-lock"
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    except OSError as error:
        raise SendError(f"{path}: cannot open the send lock: {error.strerror}") from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise SendBusy(f"another todobot send is running (it holds {path})") from None
        yield
    finally:
        os.close(fd)


def verdicts_file(database: str) -> Path | None:
    """Where a 2xx the busy store could not take is kept (beside the store file)."""
    from bot.release import sqlite_path

    store_file = sqlite_path(database, Path.cwd())
    if store_file is None or store_file == ":memory:":
        return None
    return Path(store_file + ".send-verdicts")


def smtp_settings(config: Config) -> SmtpSettings:
    """[smtp] as SmtpSettings, the password read now: a bad one fails before any record."""
    from bot.send.outbox import SmtpConfigError, read_password

    smtp = {k: v for k, v in config.smtp.items() if k != "test_address"}
    if not smtp.get("host"):
        raise SendError(f"{config.path or '<config>'}: [smtp] host: missing; "
                        "`todobot send` needs a submission server")
    base = config.path.parent if config.path else Path.cwd()
    for key in ("cert_bundle", "password_file"):  # relative to the config, like the store
        if smtp.get(key):
            smtp[key] = str(base / os.path.expanduser(smtp[key]))
    settings = SmtpSettings(**{**smtp, "timeout": float(smtp.get("timeout", 30))})
    try:
        read_password(settings)
    except SmtpConfigError as error:
        raise SendError(str(error)) from None
    return settings


class Sender(WeeklyPost):
    """One `todobot send` run, under the lock: resume a send in flight, else the week's."""

    def run(self) -> Report:
        from bot.release import release_id

        rid = release_id(self.store, self.config)
        if not self.dry_run:
            self._settle(rid)
            self._tidy(rid)
        live = [s for s in sends(self.store, rid)
                if s["state"] in LIVE and s["draft_state"] == "approved"]
        if live and self.dry_run:
            send = live[-1]
            draft = self.store.one("SELECT * FROM drafts WHERE id = ?", send["draft_id"])
            old = self._stale(rid, draft) if send["state"] in ("queued", "retry") else None
            if old is not None:
                self._problem(f"send #{send['id']} of draft #{send['draft_id']} would be "
                              f"withdrawn, not sent: {old}", EX_REFUSED)
                return self.report
            self._why(f"send #{send['id']} of draft #{send['draft_id']} is {send['state']} "
                      f"({send['detail'] or 'not tried yet'}): these are its stored bytes")
            self.report.message = bytes(send["raw"])
        elif live:
            self._resume(rid, live[-1])
        else:
            self._weekly(rid)
        return self.report
