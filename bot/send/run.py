"""One `todobot send` run's shared parts: its report, the send ledger, and mails to the RM.

The run is built in layers, each a module: this base (what every part
needs: the clock, the policy, the report, telling the RM once per key),
`inflight` (a send already queued: resume it, record the wire's verdict),
`weekly` (this week's post: due, blocked, built and queued), and `sender`
(the lock and the run's entry point).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from bot.config import Config
from bot.release import Store, bare_id
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
    notice_mail,
    stale,
)

EX_REFUSED, EX_TEMPFAIL = 1, 75
LIVE = ("queued", "sending", "retry", "unknown")
Deliver = Callable[[bytes, SmtpSettings], DeliveryResult]


class SendError(RuntimeError):
    """The configuration cannot send (exit 78); nothing was recorded."""


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
class Run:
    """The state one run carries, and what every part of it does: report and notify."""

    store: Store
    config: Config
    now: datetime
    settings: SmtpSettings | None = None  # None for a dry run
    deliver: Deliver = deliver_sync
    dry_run: bool = False
    report: Report = field(default_factory=Report)
    verdicts: Path | None = None  # the side file for a 2xx the store was too busy to take

    def __post_init__(self) -> None:
        self.policy = Policy.from_config(self.config)

    # -- reporting ------------------------------------------------------------------

    def _say(self, text: str) -> None:
        self.report.log.append((True, text))

    def _why(self, text: str) -> None:
        self.report.log.append((False, text))

    def _problem(self, text: str, code: int) -> None:
        self.report.problems.append(text)
        self.report.code = self.report.code or code

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

    def _stale(self, rid: int, draft: Any) -> str | None:
        """Why the draft must never go (it is built on an older post), or None."""
        base = self.store.baseline(rid)
        return stale(draft, base["id"] if base is not None else None)

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
