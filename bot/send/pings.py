"""Ping mails (`todobot nag`) out through the outbox, exactly once, after the RM's word.

Each ping's life is journalled (kind "ping"), so nothing new is needed in
the schema and `rebuild` passes over it (the outbox records the wire, it
derives nothing):

    drafted → approved (the RM) → queued (Message-ID and bytes stored first)
    queued / retry → sending (claimed under the store's write lock) → the wire:
        sent      a 2xx: each item records "Ping sent" with the Message-ID
        retry     4xx, refused, dropped before the data: the next run tries again
        failed    5xx: shown to the RM, never tried again
        unknown   dropped after the data, or a run killed while sending: never
                  re-sent on its own (the owner may have it)
    drafted → withdrawn (a newer `todobot nag` replaced it)
    approved / queued / retry → withdrawn (every item is closed, gone or has news
        now: checked again just before the wire), or back to approved with only the
        items still waiting (re-quoted, new bytes: the old ones never reached anyone)

A 2xx whose verdict the store was too busy to take is kept in a side file
beside the database (the run holds the lock) and settled by the next run:
a ping the server accepted is never left `sending`, nor taken for unknown.

Runs hold `send_lock` (the weekly post's lock file), so a ping found
`sending` belongs to a run that died: its outcome is unknown.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from bot.config import Config
from bot.release import Store, StoreBusy, bare_id, record_ping, release_id
from bot.send.outbox import (
    DeliveryResult,
    Outcome,
    Outgoing,
    SmtpSettings,
    build_message,
    deliver_sync,
    make_message_id,
    message_bytes,
)
from bot.send.plan import Policy, addressed
from bot.send.verdicts import Verdicts

KIND = "ping"


@dataclass
class Ping:
    """One ping as its journal rows leave it."""

    key: str
    owner: str
    address: str
    subject: str
    body: str
    items: list[list[Any]]  # [item id, item text]
    state: str = "drafted"
    message_id: str = ""
    raw: str = ""
    detail: str = ""
    history: list[str] = field(default_factory=list)


def pings(store: Store, rid: int) -> list[Ping]:
    """Every ping of the release, its state folded from the journal, oldest first."""
    found: dict[str, Ping] = {}
    for row in store.all("SELECT args FROM journal WHERE release_id = ? AND kind = ? "
                         "ORDER BY seq", rid, KIND):
        args = json.loads(row["args"])
        if args["state"] == "drafted":
            found[args["key"]] = Ping(args["key"], args["owner"], args["address"],
                                      args["subject"], args["body"], args["items"])
        ping = found.get(args["key"])
        if ping is None:
            continue
        ping.state = args["state"]
        ping.subject = args.get("subject", ping.subject)  # re-quoted with fewer items
        ping.body = args.get("body", ping.body)
        ping.items = args.get("items", ping.items)
        ping.message_id = args.get("message_id", ping.message_id)
        ping.raw = args.get("raw", ping.raw)
        ping.detail = args.get("detail", "")
        ping.history.append(args["state"])
    return list(found.values())


def _move(store: Store, rid: int, ping: Ping, state: str, only_from: Sequence[str],
          **extra: Any) -> bool:
    """Journal a new state for `ping` if it is still in one of `only_from` (atomically)."""
    with store.write():
        now = next((p for p in pings(store, rid) if p.key == ping.key), None)
        if now is None or now.state not in only_from:
            return False
        store.journal(rid, KIND, key=ping.key, state=state, **extra)
        return True


def draft(store: Store, config: Config, drafts: Sequence[Any]) -> list[Ping]:
    """Record new drafts (`bot.site.nag.PingDraft`); unapproved older ones are withdrawn."""
    rid = release_id(store, config)
    batch = secrets.token_hex(4)
    with store.write():
        for old in pings(store, rid):
            if old.state == "drafted":
                _move(store, rid, old, "withdrawn", ("drafted",), detail="a newer nag")
        for number, one in enumerate(drafts):
            store.journal(rid, KIND, key=f"{batch}.{number}", state="drafted", owner=one.owner,
                          address=one.address, subject=one.subject, body=one.body,
                          items=[list(i) for i in one.items])
    return [p for p in pings(store, rid) if p.key.startswith(f"{batch}.")]


WAITING = ("approved", "queued", "retry", "sending", "unknown")  # may reach the owner yet


def waiting_items(store: Store, config: Config) -> dict[int, Ping]:
    """Item id → the ping that may still reach its owner (or may have: unknown); a new
    `todobot nag` leaves these items out, so nobody gets the same ping twice."""
    rid = release_id(store, config)
    return {int(item[0]): ping for ping in pings(store, rid) if ping.state in WAITING
            for item in ping.items}


def approve(store: Store, config: Config, actor: str) -> list[Ping]:
    """The RM's word on every drafted ping."""
    rid = release_id(store, config)
    with store.write():
        waiting = [p for p in pings(store, rid) if p.state == "drafted"]
        for ping in waiting:
            _move(store, rid, ping, "approved", ("drafted",), actor=actor)
    return waiting


def ping_mail(config: Config, ping: Ping, message_id: str, now: datetime,
              parent: str = "") -> Outgoing:
    """The ping as it goes; `parent`, the current post's Message-ID, threads it under
    the post, so a reply to the ping is a reply on the release thread to ingest."""
    policy = Policy.from_config(config)
    out = Outgoing(from_addr=config.bot_address, to=(ping.address,),
                   cc=tuple(sorted(config.rm_addresses)), subject=ping.subject, body=ping.body,
                   message_id=message_id, date=now.astimezone(policy.zone),
                   in_reply_to=f"<{parent}>" if parent else "",
                   references=(f"<{parent}>",) if parent else (),
                   extra_headers=(("X-Todobot", "ping"), ("Auto-Submitted", "auto-generated")))
    return addressed(policy, out)


Recheck = Callable[["Ping"], "tuple[str, str, list[list[Any]]] | None"]


@dataclass
class PingRun:
    """One `todobot nag --send` run, under the send lock.

    `recheck(ping)`: (subject, body, items) for the items of `ping` still open, listed
    and stale now, or None when none is; asked in each run before any ping is queued or
    tried, so a ping never goes for an item that got its news meanwhile (and
    `record_ping` skips an item closed in the moment between).
    `verdicts`: the side file for a 2xx the store was too busy to take.
    """

    store: Store
    config: Config
    settings: SmtpSettings
    now: datetime
    deliver: Any = deliver_sync
    recheck: Recheck | None = None
    verdicts: Path | None = None
    said: list[str] = field(default_factory=list)
    retry: bool = False  # some ping waits for a later run
    busy: bool = False  # the store would not take a verdict: no more pings this run

    def run(self, actor: str) -> list[str]:
        rid = release_id(self.store, self.config)
        kept = self._kept()
        for ping in pings(self.store, rid):
            if ping.state == "sending" and ping.key in kept:  # a 2xx the store missed
                self._sent(rid, ping, kept[ping.key]["detail"], actor,
                           datetime.fromisoformat(kept[ping.key]["when"]))
            elif ping.state == "sending":  # its run died before the verdict was recorded
                if _move(self.store, rid, ping, "unknown", ("sending",),
                         detail="cut off while sending: not sent again on its own"):
                    self.said.append(f"ping to {ping.owner}: cut off while sending; the "
                                     "outcome is unknown and it is not sent again")
        self._forget({p.key for p in pings(self.store, rid) if p.state != "sending"})
        for ping in pings(self.store, rid):
            if ping.state in ("approved", "queued", "retry"):
                self._fresh(rid, ping)
        for ping in pings(self.store, rid):
            if ping.state == "approved":
                self._queue(rid, ping)
        for ping in pings(self.store, rid):
            if ping.state in ("queued", "retry") and not self.busy:
                self._attempt(rid, ping, actor)
        return self.said

    def _fresh(self, rid: int, ping: Ping) -> None:
        """Withdraw the ping, or re-quote it with fewer items, if items got news since."""
        if self.recheck is None:
            return
        now = self.recheck(ping)
        if now is None:
            if _move(self.store, rid, ping, "withdrawn", (ping.state,),
                     detail="its items are closed, gone or have news now"):
                self.said.append(f"ping to {ping.owner} withdrawn, not sent: its items are "
                                 "closed, gone or have news now")
            return
        subject, body, items = now
        if [list(i) for i in items] == [list(i) for i in ping.items]:
            return
        if _move(self.store, rid, ping, "approved", (ping.state,), subject=subject, body=body,
                 items=[list(i) for i in items], detail="re-quoted: some items have news now"):
            dropped = len(ping.items) - len(items)
            self.said.append(f"ping to {ping.owner}: {dropped} item(s) left out, they are "
                             "closed, gone or have news now")

    def _queue(self, rid: int, ping: Ping) -> None:
        domain = self.config.bot_address.rpartition("@")[2] or "localhost"
        message_id = make_message_id(domain)
        base = self.store.baseline(rid)
        parent = str(base["message_id"] or "") if base is not None else ""
        try:
            raw = message_bytes(build_message(ping_mail(self.config, ping, message_id,
                                                        self.now, parent)))
        except ValueError as error:  # a header that cannot go: refused, never sent
            _move(self.store, rid, ping, "failed", ("approved",), detail=str(error))
            self.said.append(f"ping to {ping.owner} NOT sent: {error}")
            return
        _move(self.store, rid, ping, "queued", ("approved",), message_id=bare_id(message_id),
              raw=raw.decode("ascii"))

    def _attempt(self, rid: int, ping: Ping, actor: str) -> None:
        if not _move(self.store, rid, ping, "sending", ("queued", "retry")):
            return  # another run has it
        ping = next(p for p in pings(self.store, rid) if p.key == ping.key)
        result: DeliveryResult = self.deliver(ping.raw.encode("ascii"), self.settings)
        what = f"ping to {ping.owner} <{ping.address}> as <{ping.message_id}>"
        if result.outcome is Outcome.SENT:
            self._keep(ping.key, result.detail)  # first, beside the store: a busy store
            try:                                 # cannot lose it
                self._sent(rid, ping, result.detail, actor, self.now)
            except StoreBusy:
                self.retry = self.busy = True
                self.said.append(f"sent {what}: {result.detail}; the store was busy, so "
                                 "the next `todobot nag --send` records it (never re-sends)")
                return
            self._forget({ping.key})
        elif result.outcome is Outcome.UNKNOWN:
            _move(self.store, rid, ping, "unknown", ("sending",), detail=result.detail)
            self.said.append(f"{what}: the outcome is unknown ({result.detail}); it is not "
                             "sent again on its own")
        elif result.outcome is Outcome.TRANSIENT:
            _move(self.store, rid, ping, "retry", ("sending",), detail=result.detail)
            self.retry = True
            self.said.append(f"{what} not sent yet ({result.detail}); `todobot nag --send` "
                             "tries again")
        else:
            _move(self.store, rid, ping, "failed", ("sending",), detail=result.detail)
            self.said.append(f"{what} was NOT sent: {result.detail}")

    def _sent(self, rid: int, ping: Ping, detail: str, actor: str, when: datetime) -> None:
        what = f"ping to {ping.owner} <{ping.address}> as <{ping.message_id}>"
        recorded: list[int] = []
        with self.store.write():
            if _move(self.store, rid, ping, "sent", ("sending",), detail=detail):
                recorded = record_ping(self.store, self.config,
                                       [(int(i), t) for i, t in ping.items], ping.message_id,
                                       when, actor)
        self.said.append(f"sent {what}: {detail}; {len(recorded)} item(s) record "
                         "\"Ping sent\"")

    def _kept(self) -> dict[str, dict[str, str]]:
        """The kept 2xx verdicts; none when the file is unreadable (said: the pings left
        `sending` then go unknown, never sent again), as the weekly sender does."""
        try:
            return Verdicts(self.verdicts).kept()
        except (OSError, ValueError) as error:
            self.said.append(f"the pings' verdict file cannot be read ({error}): a ping left "
                             "sending is taken as unknown and not sent again")
            return {}

    def _keep(self, key: str, detail: str) -> None:
        Verdicts(self.verdicts).keep(key, detail, self.now)

    def _forget(self, keys: set[str]) -> None:
        try:
            Verdicts(self.verdicts).forget(keys)
        except (OSError, ValueError):
            pass  # unreadable: said once by _kept; the file is left for the RM to look at
