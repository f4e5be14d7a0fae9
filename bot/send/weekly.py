"""This week's post: due or not, blocked or not, built, queued and handed to delivery."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from bot.release import bare_id
from bot.send.inflight import InFlight
from bot.send.outbox import build_message, make_message_id, message_bytes
from bot.send.plan import (
    blocked_text,
    due,
    failed_text,
    last_slot,
    post_mail,
    reminder_text,
    shrinkage,
)
from bot.send.run import EX_REFUSED, SendError, events, sends


class WeeklyPost(InFlight):
    """The week's slot: remind the RM, hold a shrunken draft, or queue the approved one."""


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
