"""The RM's side of `todobot send`: what they see (--status) and their word on a
send (--force, --arrived, --resend). Each word is journalled with who gave it.

The words run under the same lock as a cron `send` (the CLI takes it), so a send
found `sending` here was cut off, not in progress.
"""

from __future__ import annotations

from datetime import datetime

from bot.config import Config
from bot.release import Store
from bot.send.plan import Policy, last_slot, next_slot, stale, when
from bot.send.sender import events, sends


def force(store: Store, config: Config, actor: str, now: datetime) -> str:
    """Record that the approved draft may go although it is empty or lost most items."""
    from bot.release import CycleError, release_id

    rid = release_id(store, config)
    draft = store.current_draft(rid)
    if draft is None or draft["state"] != "approved":
        raise CycleError("no approved draft: --force gives your word on an approved one")
    store.journal(rid, "send-forced", draft=draft["id"], token=draft["token"], actor=actor,
                  when=now.isoformat())
    return f"draft #{draft['id']}: your word is recorded; it is sent when due as it is"


def resolve(store: Store, config: Config, arrived: bool, actor: str, now: datetime) -> str:
    """The RM settles a send: it is on the list (--arrived), or send it again (--resend)."""
    from bot.release import CycleError, mark_sent, release_id

    rid = release_id(store, config)
    states = ("unknown", "sending", "retry", "failed") if arrived else \
        ("unknown", "sending", "failed")
    waiting = [s for s in sends(store, rid) if s["state"] in states]
    if not waiting:
        raise CycleError("no send waits for your word (`todobot send --status` shows them)")
    send = waiting[-1]
    what = f"send #{send['id']} of draft #{send['draft_id']} (<{send['message_id']}>)"
    if arrived:
        with store.write():
            store.finish_send(send["id"], "sent", f"{actor} saw it on the list",
                              only_from=states)
            mark_sent(store, config, send["draft_id"], send["message_id"])
            store.journal(rid, "send-arrived", send=send["id"], actor=actor,
                          when=now.isoformat())
        return f"{what}: sent; the draft is now the last post"
    if send["draft_state"] != "approved":
        raise CycleError(f"{what}: the draft is {send['draft_state']}; nothing to resend")
    base = store.baseline(rid)
    draft = store.one("SELECT baseline FROM drafts WHERE id = ?", send["draft_id"])
    old = stale(draft, base["id"] if base is not None else None)
    if old is not None:
        raise CycleError(f"{what}: not resent: {old}. `todobot reject --why ...` it, make a "
                         "new draft and approve that one")
    with store.write():
        store.finish_send(send["id"], "retry", f"{actor} asked to send it again",
                          now.isoformat(), only_from=states)
        store.journal(rid, "send-resend", send=send["id"], actor=actor, when=now.isoformat())
    return f"{what}: it goes again, with the same Message-ID"


def status(store: Store, config: Config, now: datetime) -> list[str]:
    """The schedule, the draft, every send and every mail to the RM, for a human."""
    from bot.release import release_id

    policy = Policy.from_config(config)
    rid = release_id(store, config)
    slot = last_slot(now, policy)
    lines = [f"schedule: this week's slot {when(slot, policy)}, the next "
             f"{when(next_slot(now, policy), policy)}"]
    if policy.test_address:
        lines.append(f"TEST MODE: every mail goes to {policy.test_address}")
    draft = store.current_draft(rid)
    lines.append(f"draft #{draft['id']} of {draft['draft_date']}: {draft['state']}" if draft
                 else "no draft yet")
    for send in sends(store, rid):
        later = f", next step after {send['next_attempt'][:16]}" if send["state"] in (
            "retry", "unknown") and send["next_attempt"] else ""
        lines.append(f"send #{send['id']} of draft #{send['draft_id']} <{send['message_id']}>: "
                     f"{send['state']}, {send['attempts']} attempt(s){later}; "
                     f"{send['detail'] or '-'}")
    for notice in events(store, rid, "notice"):
        lines.append(f"RM told {notice['when'][:16]} ({notice['state']}): {notice['subject']}")
    return lines
