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
drops it when a process dies), so a send found `sending` belongs to a
process that was killed half way and its outcome is unknown; the store's
claim is the second guard. Each mail to the RM is journalled under a key
and goes once ("one reminder"); one that cannot go is printed on stderr,
which cron mails to MAILTO: the RM is told, never nobody.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from bot.config import Config
from bot.release import Store, StoreBusy, bare_id
from bot.send.outbox import (
    DeliveryResult,
    Outcome,
    SmtpSettings,
    build_message,
    deliver_sync,
    make_message_id,
    message_bytes,
)
from bot.send.plan import (
    Policy,
    backoff,
    blocked_text,
    due,
    failed_text,
    last_slot,
    notice_mail,
    post_mail,
    reminder_text,
    shrinkage,
    stale,
    unknown_text,
    when,
)

EX_REFUSED, EX_TEMPFAIL = 1, 75
LIVE = ("queued", "sending", "retry", "unknown")
Deliver = Callable[[bytes, SmtpSettings], DeliveryResult]


class SendError(RuntimeError):
    """The configuration cannot send (exit 78); nothing was recorded."""


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


@dataclass
class Report:
    log: list[tuple[bool, str]] = field(default_factory=list)  # (news?, line), in order
    problems: list[str] = field(default_factory=list)  # for stderr
    code: int = 0
    message: bytes | None = None  # --dry-run: the bytes that would go

    @property
    def said(self) -> list[str]:
        """What happened: shown always (cron mails it)."""
        return [line for news, line in self.log if news]

    @property
    def why(self) -> list[str]:
        """Reasons and waits: shown with -v."""
        return [line for news, line in self.log if not news]


def events(store: Store, rid: int, kind: str) -> list[dict[str, Any]]:
    rows = store.all("SELECT args FROM journal WHERE release_id = ? AND kind = ? ORDER BY seq",
                     rid, kind)
    return [json.loads(row["args"]) for row in rows]


def sends(store: Store, rid: int) -> list[Any]:
    return store.all("SELECT s.*, d.state AS draft_state FROM sends s JOIN drafts d ON "
                     "d.id = s.draft_id WHERE d.release_id = ? ORDER BY s.id", rid)


@dataclass
class Sender:
    """One `todobot send` run, under the lock: resume a send in flight, else the week's."""

    store: Store
    config: Config
    now: datetime
    settings: SmtpSettings | None = None  # None for a dry run
    deliver: Deliver = deliver_sync
    dry_run: bool = False
    report: Report = field(default_factory=Report)

    def __post_init__(self) -> None:
        self.policy = Policy.from_config(self.config)

    def run(self) -> Report:
        from bot.release import release_id

        rid = release_id(self.store, self.config)
        if not self.dry_run:
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

    # -- reporting ------------------------------------------------------------------

    def _say(self, text: str) -> None:
        self.report.log.append((True, text))

    def _why(self, text: str) -> None:
        self.report.log.append((False, text))

    def _problem(self, text: str, code: int) -> None:
        self.report.problems.append(text)
        self.report.code = self.report.code or code

    # -- sends in flight --------------------------------------------------------------

    def _tidy(self, rid: int) -> None:
        """A `sending` row under our lock was cut off; a withdrawn draft's send stops."""
        for send in sends(self.store, rid):
            what = f"send #{send['id']} of draft #{send['draft_id']}"
            if send["state"] == "sending":
                detail = ("cut off while sending: the todobot sending it stopped (killed, "
                          "crashed, rebooted) before the server's verdict was recorded")
                ask = self.now + self.policy.confirm_wait
                if self.store.finish_send(send["id"], "unknown", detail, ask.isoformat(),
                                          only_from=("sending",)):
                    self._say(f"{what}: {detail}; the outcome is unknown and it is not sent "
                              "again on its own")
            elif send["state"] in ("queued", "retry") and send["draft_state"] != "approved":
                detail = f"withdrawn: the draft is {send['draft_state']}"
                if self.store.finish_send(send["id"], "failed", detail,
                                          only_from=("queued", "retry")):
                    self._say(f"{what}: {detail}; not sent")

    def _resume(self, rid: int, send: Any) -> None:
        what = f"send #{send['id']} of draft #{send['draft_id']}"
        at = datetime.fromisoformat(send["next_attempt"]) if send["next_attempt"] else self.now
        if send["state"] in ("queued", "retry") and self._withdrawn_stale(rid, send):
            return
        if send["state"] == "queued":
            self._attempt(rid, send)
        elif send["state"] == "retry":
            if self.now < at:
                self._why(f"{what}: {send['detail']}; the next attempt is after "
                          f"{when(at, self.policy)}")
                return
            self._attempt(rid, send)
        elif self.store.one("SELECT 1 FROM mails WHERE message_id = ?", send["message_id"]):
            self._confirm(rid, send, "seen coming back from the list (todobot ingest)")
        elif self.now < at:
            self._why(f"{what}: outcome unknown ({send['detail']}); waiting until "
                      f"{when(at, self.policy)} for <{send['message_id']}> to come back "
                      "through `todobot ingest`, then the RM is asked")
        else:
            subject, body = unknown_text(self.config, send, send["detail"])
            self._notice(rid, f"unknown:{send['id']}:{self._round(rid, send)}", subject, body)
            self._why(f"{what}: outcome unknown; it waits for the RM's word: "
                      "`todobot send --arrived` or `todobot send --resend`")

    def _withdrawn_stale(self, rid: int, send: Any) -> bool:
        """A send waiting to go whose draft is no longer built on the last post is
        withdrawn: a post imported since (sent by hand) would be undone, and posted twice.
        The RM is told once, as for an approved draft that never got queued."""
        draft = self.store.one("SELECT * FROM drafts WHERE id = ?", send["draft_id"])
        why = self._stale(rid, draft)
        if why is None:
            return False
        detail = f"withdrawn: {why}"
        if self.store.finish_send(send["id"], "failed", detail, only_from=("queued", "retry")):
            self._say(f"send #{send['id']} of draft #{draft['id']}: {detail}; not sent")
        subject, body = blocked_text(self.config, draft, why, True)
        self._notice(rid, f"stale:{draft['id']}", subject, body)
        return True

    def _attempt(self, rid: int, send: Any) -> None:
        if not self.store.claim_send(send["id"]):
            self._why(f"send #{send['id']} is being sent by another todobot")
            return
        assert self.settings is not None
        self._why(f"sending draft #{send['draft_id']} as <{send['message_id']}> "
                  f"(attempt {send['attempts'] + 1})")
        result = self.deliver(bytes(send["raw"]), self.settings)
        try:
            self._record(rid, self.store.send(send["id"]), result)
        except StoreBusy:  # left `sending`: the next run takes it for unknown, safely
            self._problem(f"the server's verdict on <{send['message_id']}> was {result.outcome} "
                          f"({result.detail}), but the store was too busy to record it; the "
                          "next run treats the send as unknown and never re-sends it on its "
                          "own", EX_TEMPFAIL)

    def _record(self, rid: int, send: Any, result: DeliveryResult) -> None:
        """The wire's verdict into the store, first thing: a kill now loses nothing."""
        from bot.release import mark_sent

        what, detail = f"draft #{send['draft_id']}", result.detail
        if result.outcome is Outcome.SENT:
            with self.store.write():
                first = self.store.finish_send(send["id"], "sent", detail, only_from=("sending",))
                if first:
                    mark_sent(self.store, self.config, send["draft_id"], send["message_id"])
                stored = self.store.send(send["id"])
            note = ""
            if not first and stored["state"] == "sent":
                note = " (ingest had seen it come back already)"
            elif not first:  # not ours to settle: say what the store holds, never guess
                note = (f"; but the store had the send {stored['state']} already "
                        f"({stored['detail'] or 'no detail'}), so it is left so")
                self._problem(f"send #{send['id']}: the server took {what}, but the store "
                              f"has the send {stored['state']}: see `todobot send --status`",
                              EX_REFUSED)
            self._say(f"posted {what} to {', '.join(self._rcpts())} as "
                      f"<{send['message_id']}>: {detail}{note}")
        elif result.outcome is Outcome.UNKNOWN:
            ask = self.now + self.policy.confirm_wait
            if self.store.finish_send(send["id"], "unknown", detail, ask.isoformat(),
                                      only_from=("sending",)):
                self._say(f"{what}: the outcome is unknown ({detail}); it is not sent again "
                          f"on its own: until {when(ask, self.policy)} todobot waits for "
                          f"<{send['message_id']}> to come back through `todobot ingest`, "
                          "then asks the RM")
        elif result.outcome is Outcome.TRANSIENT and not self._gave_up(rid, send):
            at = self.now + backoff(send["attempts"], self.policy)
            if self.store.finish_send(send["id"], "retry", detail, at.isoformat(),
                                      only_from=("sending",)):
                self._say(f"{what} not sent yet ({detail}); the next attempt is after "
                          f"{when(at, self.policy)}")
                self.report.code = self.report.code or EX_TEMPFAIL
        else:
            if result.outcome is Outcome.TRANSIENT:
                since = when(self._since(rid, send), self.policy)
                detail = f"gave up after {send['attempts']} attempt(s) since {since}: {detail}"
            if self.store.finish_send(send["id"], "failed", detail, only_from=("sending",)):
                self._say(f"{what} was NOT sent: {detail}")
                self.report.code = self.report.code or EX_REFUSED
                subject, body = failed_text(self.config, send, detail)
                self._notice(rid, f"failed:{send['id']}:{self._round(rid, send)}", subject,
                             body)

    def _confirm(self, rid: int, send: Any, why: str) -> None:
        from bot.release import mark_sent

        with self.store.write():
            if self.store.finish_send(send["id"], "sent", why, only_from=LIVE):
                mark_sent(self.store, self.config, send["draft_id"], send["message_id"])
        self._say(f"send #{send['id']} of draft #{send['draft_id']} confirmed: {why}")

    def _since(self, rid: int, send: Any) -> datetime:
        """When this send was queued or last resent by the RM, by the run's clock."""
        times = [e["when"] for e in events(self.store, rid, "send-queued")
                 + events(self.store, rid, "send-resend") if e["send"] == send["id"]]
        return datetime.fromisoformat(max(times, key=datetime.fromisoformat)) if times \
            else self.now

    def _gave_up(self, rid: int, send: Any) -> bool:
        return self.now - self._since(rid, send) >= self.policy.give_up

    def _round(self, rid: int, send: Any) -> int:
        """How often the RM had it resent: a new failure after that is news again."""
        return sum(e["send"] == send["id"] for e in events(self.store, rid, "send-resend"))

    def _rcpts(self) -> tuple[str, ...]:
        return (self.policy.test_address,) if self.policy.test_address else \
            self.policy.to + self.policy.cc

    # -- the week's post -----------------------------------------------------------------

    def _weekly(self, rid: int) -> None:
        slot = last_slot(self.now, self.policy)
        verdict = due(self.now, self.policy, self._posted(rid, slot))
        draft = self.store.current_draft(rid)
        state = f"draft #{draft['id']} is {draft['state']}" if draft else "no draft yet"
        if not verdict.due:
            self._why(f"{verdict.why}; {state}")
            if self.dry_run and draft is not None and draft["state"] == "approved":
                self._build(rid, draft)
            elif self.dry_run:
                self._problem("no approved draft: nothing would be sent", EX_REFUSED)
            return
        self._why(verdict.why)
        if draft is None or draft["state"] != "approved":
            if self.dry_run:
                self._problem(f"no approved draft ({state}): the RM would be reminded",
                              EX_REFUSED)
                return
            subject, body = reminder_text(self.config, self.policy, slot, draft)
            self._notice(rid, f"reminder:{slot.isoformat()}", subject, body)
            return
        earlier = self.store.one("SELECT * FROM sends WHERE draft_id = ?", draft["id"])
        if earlier is not None and self._stale(rid, draft) is not None:
            earlier = None  # withdrawn, or failed before the last post came: it is stale now
        if earlier is not None:  # failed: the live ones were resumed instead
            if not self.dry_run:  # the RM's mail may not have gone yet: tried until it has
                subject, body = failed_text(self.config, earlier, earlier["detail"])
                self._notice(rid, f"failed:{earlier['id']}:{self._round(rid, earlier)}",
                             subject, body)
            self._why(f"send #{earlier['id']} of draft #{draft['id']} is {earlier['state']}: "
                      f"{earlier['detail']}; once that is fixed, `todobot send --resend`")
            if self.dry_run:
                self.report.message = bytes(earlier["raw"])
            return
        blocked = self._blocked(rid, draft)
        if blocked is not None:
            key, why = blocked
            self._why(f"draft #{draft['id']} is not sent: {why}")
            if not self.dry_run:
                subject, body = blocked_text(self.config, draft, why, key == "stale")
                self._notice(rid, f"{key}:{draft['id']}", subject, body)
                return
        raw, message_id = self._build(rid, draft)
        if self.dry_run:
            return
        with self.store.write():
            send_id = self.store.queue_send(draft["id"], message_id, raw)
            self.store.journal(rid, "send-queued", send=send_id, draft=draft["id"],
                               slot=slot.isoformat(), when=self.now.isoformat(),
                               message_id=message_id)
        self._attempt(rid, self.store.send(send_id))

    def _posted(self, rid: int, slot: datetime) -> bool:
        """A send queued for this slot has gone out: one post a week."""
        slots = {e["send"]: datetime.fromisoformat(e["slot"])
                 for e in events(self.store, rid, "send-queued")}
        return any(s["state"] == "sent" and slots.get(s["id"]) == slot
                   for s in sends(self.store, rid))

    def _stale(self, rid: int, draft: Any) -> str | None:
        """Why the draft must never go (it is built on an older post), or None."""
        base = self.store.baseline(rid)
        return stale(draft, base["id"] if base is not None else None)

    def _blocked(self, rid: int, draft: Any) -> tuple[str, str] | None:
        """(notice key, why) when the approved draft must not go as it is."""
        from bot.post import post_from_json

        old = self._stale(rid, draft)
        if old is not None:
            return "stale", old
        base = self.store.baseline(rid)
        why = shrinkage(post_from_json(json.loads(base["json"])), self.store.item_ids(base["id"]),
                        post_from_json(json.loads(draft["json"])), json.loads(draft["ids"]),
                        self.policy.min_kept)
        if why is None:
            return None
        if any(e["draft"] == draft["id"] for e in events(self.store, rid, "send-forced")):
            self._why(f"draft #{draft['id']}: {why}, but the RM gave their word (--force)")
            return None
        return "shrunk", why

    def _build(self, rid: int, draft: Any) -> tuple[bytes, str]:
        message_id = make_message_id(self._domain())
        last = self.store.scalar("SELECT message_id FROM posts WHERE id = ?", draft["baseline"])
        out = post_mail(self.config, self.policy, draft, last or "", self.now, message_id)
        try:
            raw = message_bytes(build_message(out))
        except ValueError as error:  # HeaderInjection too: refused, never sent
            raise SendError(f"cannot build the post of draft #{draft['id']}: {error}") from None
        if self.dry_run:
            self.report.message = raw
            self._why("the Message-ID and Date are made afresh when it is sent for real")
        return raw, bare_id(message_id)

    def _domain(self) -> str:
        return self.config.bot_address.rpartition("@")[2] or "localhost"

    # -- mails to the RM ------------------------------------------------------------------

    def _notice(self, rid: int, key: str, subject: str, body: str) -> None:
        """Tell the RM once per key; if the mail cannot go, stderr (cron mails it)."""
        told = [e for e in events(self.store, rid, "notice") if e["key"] == key]
        if told:
            self._why(f"the RM was told already ({told[-1]['when'][:16]}): {subject}")
            return
        message_id = make_message_id(self._domain())
        out = notice_mail(self.config, self.policy, subject, body, self.now, message_id)
        if out is None:
            result = DeliveryResult(Outcome.PERMANENT, "no release manager has an address "
                                    "in [[people]]")
        else:
            assert self.settings is not None
            result = self.deliver(message_bytes(build_message(out)), self.settings)
        text = f"todobot: {subject}\n\n{body}"
        if result.outcome is Outcome.TRANSIENT:  # not journalled: the next run tries again
            self._problem(f"could not mail the RM now ({result.detail}); the next run tries "
                          f"again. The mail:\n{text}", EX_TEMPFAIL)
            return
        self.store.journal(rid, "notice", key=key, state=str(result.outcome),
                           message_id=bare_id(message_id), subject=subject,
                           when=self.now.isoformat())
        if result.outcome is Outcome.PERMANENT:
            self._problem(f"could not mail the RM ({result.detail}). The mail:\n{text}",
                          EX_REFUSED)
            return
        unsure = f" (delivery unknown: {result.detail})" if result.outcome is Outcome.UNKNOWN \
            else ""
        self._say(f"told the RM ({', '.join(out.to if out else ())}){unsure}: {subject}")
