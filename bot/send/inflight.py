"""A send already queued: resume it, and record the wire's verdict before anything else."""

from __future__ import annotations

from contextlib import suppress
from datetime import datetime
from typing import Any

from bot.release import StoreBusy
from bot.send.outbox import DeliveryResult, Outcome
from bot.send.plan import backoff, blocked_text, failed_text, unknown_text, when
from bot.send.run import EX_REFUSED, EX_TEMPFAIL, LIVE, Run, sends
from bot.send.verdicts import Verdicts


class InFlight(Run):
    """Sends in flight: cut-off ones made unknown, withdrawn ones stopped, the rest tried."""

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
        kept = result.outcome is Outcome.SENT and self._keep(send, result)
        try:
            self._record(rid, self.store.send(send["id"]), result)
        except StoreBusy:
            if kept:  # beside the store: the next run records it as sent, first thing
                self._problem(f"the server took <{send['message_id']}> ({result.detail}), "
                              "but the store was too busy to record it; the next run "
                              "records the send as sent (it is never sent again)", EX_TEMPFAIL)
                return
            # left `sending`: the next run takes it for unknown, safely
            self._problem(f"the server's verdict on <{send['message_id']}> was {result.outcome} "
                          f"({result.detail}), but the store was too busy to record it; the "
                          "next run treats the send as unknown and never re-sends it on its "
                          "own", EX_TEMPFAIL)
            return
        if kept:
            self._forget({str(send["id"])})

    def _forget(self, keys: set[str]) -> None:
        """Recorded in the store now: a side file left behind is forgotten next run."""
        with suppress(OSError, ValueError):
            Verdicts(self.verdicts).forget(keys)

    def _keep(self, send: Any, result: DeliveryResult) -> bool:
        """The 2xx into the side file before the store is tried; False if it cannot be."""
        if self.verdicts is None:
            return False
        try:
            Verdicts(self.verdicts).keep(str(send["id"]), result.detail, self.now)
        except (OSError, ValueError) as error:  # the store may still take it
            self._why(f"could not keep the server's verdict in {self.verdicts}: {error}")
            return False
        return True

    def _settle(self, rid: int) -> None:
        """A 2xx an earlier run kept beside the busy store is recorded as sent, first."""
        verdicts = Verdicts(self.verdicts)
        try:
            kept = verdicts.kept()
        except (OSError, ValueError) as error:  # unreadable: `sending` goes unknown, safely
            self._problem(f"{self.verdicts}: cannot read the kept verdicts: {error}",
                          EX_REFUSED)
            return
        for send in sends(self.store, rid):
            if send["state"] == "sending" and str(send["id"]) in kept:
                self._say(f"send #{send['id']}: the server took it in an earlier run, "
                          "when the store was too busy to record it; recorded now")
                self._record(rid, send, DeliveryResult(Outcome.SENT,
                                                       kept[str(send["id"])]["detail"]))
        self._forget({str(s["id"]) for s in sends(self.store, rid) if s["state"] != "sending"})

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
