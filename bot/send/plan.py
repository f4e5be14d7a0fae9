"""What `todobot send` should do, as pure functions: when the post is due,
whether a draft may go without the RM's word, and the mails themselves.

Nothing here touches the store or the network (`bot.send.sender` and its parts do), so each
rule can be tested with values: a clock, a config, a draft's rows.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Any, Protocol

from bot.config import WEEKDAYS, Config
from bot.post import excerpt
from bot.post.parse import Post
from bot.send.outbox import Outgoing

TEST_MARK = "[todobot test] "


class Row(Protocol):
    """A store row (sqlite3.Row) or a dict: what the mails read from drafts and sends."""

    def __getitem__(self, key: str) -> Any: ...


_LIST_TAG = re.compile(r"^\s*(?:\[[^\]]{1,40}\]\s*)+")  # "[Xen-devel] ": the list adds its own


@dataclass(frozen=True)
class Policy:
    """The [schedule], [send] and [smtp] test_address keys, with their defaults."""

    weekday: int  # 0 = Monday
    at: time
    zone: tzinfo
    late: timedelta  # after the slot, an approved draft still goes out this long
    retry_first: timedelta  # the first back-off after a transient failure; it doubles
    retry_max: timedelta
    give_up: timedelta  # transient failures for this long: the RM is told
    confirm_wait: timedelta  # an unknown outcome waits this long for ingest, then asks
    min_kept: float  # below this share of last week's open items the RM must agree
    sender: str
    to: tuple[str, ...]
    cc: tuple[str, ...]
    subject: str  # a template: {subject} {post_subject} {release} {date} {list}
    thread: bool  # In-Reply-To / References: the last post
    test_address: str  # not "": every mail goes there instead, its Subject says so

    @classmethod
    def from_config(cls, config: Config) -> Policy:
        from zoneinfo import ZoneInfo

        schedule, send = config.schedule, config.send

        def minutes(key: str, default: float) -> timedelta:
            return timedelta(minutes=float(send.get(key, default)))

        def hours(key: str, default: float) -> timedelta:
            return timedelta(hours=float(send.get(key, default)))

        return cls(
            weekday=WEEKDAYS.index(schedule.get("weekday", "monday").lower()),
            at=time.fromisoformat(schedule.get("time", "09:00")),
            zone=ZoneInfo(schedule.get("timezone", "UTC")),
            late=hours("late_hours", 24),
            retry_first=minutes("retry_minutes", 5),
            retry_max=minutes("retry_max_minutes", 120),
            give_up=hours("give_up_hours", 24),
            confirm_wait=minutes("confirm_minutes", 60),
            min_kept=float(send.get("min_kept", 0.5)),
            sender=send.get("from", config.bot_address),
            to=tuple(send.get("to", [config.list_address])),
            cc=tuple(send.get("cc", [])),
            subject=send.get("subject", "{subject}"),
            thread=send.get("thread", False),
            test_address=config.smtp.get("test_address", ""),
        )


# -- the schedule ---------------------------------------------------------------------


def last_slot(now: datetime, policy: Policy) -> datetime:
    """The latest scheduled moment at or before `now`: the week it opens is the post's."""
    local = now.astimezone(policy.zone)
    day = local.date() - timedelta(days=(local.weekday() - policy.weekday) % 7)
    slot = datetime.combine(day, policy.at, tzinfo=policy.zone)
    if slot > now:  # the right weekday, but not yet the time
        slot = datetime.combine(day - timedelta(days=7), policy.at, tzinfo=policy.zone)
    return slot


def next_slot(now: datetime, policy: Policy) -> datetime:
    day = last_slot(now, policy).date() + timedelta(days=7)
    return datetime.combine(day, policy.at, tzinfo=policy.zone)


def window_end(slot: datetime, policy: Policy) -> datetime:
    """In UTC: "24 hours late" means 24 real hours, also across a DST change."""
    return (slot.astimezone(UTC) + policy.late).astimezone(policy.zone)


def when(moment: datetime, policy: Policy) -> str:
    """A moment as the RM reads it: "Mon 20 Aug 2012 09:00 Europe/London"."""
    local = moment.astimezone(policy.zone)
    return f"{local:%a %d %b %Y %H:%M} {policy.zone}"


@dataclass(frozen=True)
class Due:
    due: bool
    why: str


def due(now: datetime, policy: Policy, posted: bool) -> Due:
    """Is this week's post due now? `posted`: this week's post already went out."""
    slot, upcoming = last_slot(now, policy), next_slot(now, policy)
    if posted:
        return Due(False, f"this week's post went out already; the next slot is "
                          f"{when(upcoming, policy)}")
    end = window_end(slot, policy)
    if now >= end:
        return Due(False, f"not due: the slot of {when(slot, policy)} closed at "
                          f"{when(end, policy)} ([send] late_hours); the next is "
                          f"{when(upcoming, policy)}")
    return Due(True, f"due since {when(slot, policy)} (until {when(end, policy)})")


def backoff(attempts: int, policy: Policy) -> timedelta:
    """5, 10, 20, 40... minutes after the 1st, 2nd, 3rd... failed attempt, capped."""
    return min(policy.retry_first * 2 ** max(attempts - 1, 0), policy.retry_max)


# -- the RM's word: a draft that lost most of the list ------------------------------------


def shrinkage(base: Post, base_ids: Mapping[str, int], draft: Post,
              draft_ids: Mapping[str, Any], min_kept: float) -> str | None:
    """Why this draft needs the RM's explicit word, or None.

    Done, dropped and deferred items leave the post the week after by design,
    so only the items that were still open count; a draft keeping fewer of
    them than `min_kept` (or none, or with no items at all) looks like a
    template or a hand edit gone wrong, not like a week's work.
    """
    from bot.release import TERMINAL, item_paths

    if not any(not item.placeholder for item in item_paths(draft).values()):
        return "it has no items at all"
    was_open = {base_ids[path]: item.text for path, item in item_paths(base).items()
                if path in base_ids and not item.placeholder and item.status not in TERMINAL}
    kept = was_open.keys() & {int(v) for v in draft_ids.values()}
    if was_open and len(kept) < min_kept * len(was_open):
        gone = [text for item_id, text in was_open.items() if item_id not in kept]
        shown = "; ".join(excerpt(text, 50) for text in gone[:5])
        shown += "; ..." if len(gone) > 5 else ""
        return (f"it keeps {len(kept)} of the {len(was_open)} items the last post had open "
                f"([send] min_kept = {min_kept:g}); gone: {shown}")
    return None


def stale(draft: Row, last_post: int | None) -> str | None:
    """Why a draft must never go as it is: it is built on a post that is not the last
    one (a post was imported, sent by hand, or sent since), so it would undo that post."""
    if last_post is not None and draft["baseline"] == last_post:
        return None
    return (f"it was drafted from post #{draft['baseline']}, but the last post is now "
            f"#{last_post if last_post is not None else '?'} (imported or sent since): it "
            "would undo that post")


# -- the mails --------------------------------------------------------------------------


def post_body(text: str, subject_line: bool) -> str:
    """The draft without its first line when that line is the subject (the seed's is)."""
    lines = text.split("\n", 2)
    if subject_line and len(lines) == 3 and not lines[1].strip():
        return lines[2]
    return text


def post_mail(config: Config, policy: Policy, draft: Row, last_post_id: str,
              now: datetime, message_id: str) -> Outgoing:
    """The weekly post for a stored draft row; `last_post_id` threads it (bare id or "")."""
    data = json.loads(draft["json"])
    fields = {
        "subject": config.subject,
        "post_subject": " ".join(_LIST_TAG.sub("", data.get("subject", "")).split())
        or config.subject,
        "release": config.release,
        "date": date.fromisoformat(draft["draft_date"]),
        "list": config.list_address,
    }
    refs = (f"<{last_post_id}>",) if policy.thread and last_post_id else ()
    out = Outgoing(
        from_addr=policy.sender,
        to=policy.to,
        cc=policy.cc,
        subject=policy.subject.format(**fields),
        body=post_body(draft["text"], data.get("subject_line", False)),
        message_id=message_id,
        date=now.astimezone(policy.zone),
        in_reply_to=refs[0] if refs else "",
        references=refs,
        extra_headers=(("X-Todobot", "post"),),
    )
    return addressed(policy, out)


def notice_mail(config: Config, policy: Policy, subject: str, body: str, now: datetime,
                message_id: str) -> Outgoing | None:
    """A mail to the release managers; None when the config gives none an address."""
    rms = tuple(sorted(config.rm_addresses))
    if not rms and not policy.test_address:
        return None
    out = Outgoing(
        from_addr=config.bot_address,
        to=rms or (policy.test_address,),
        cc=(),
        subject=f"todobot: {subject}",
        body=body,
        message_id=message_id,
        date=now.astimezone(policy.zone),
        # RFC 3834: no vacation replies to a robot's mail
        extra_headers=(("X-Todobot", "notice"), ("Auto-Submitted", "auto-generated")),
    )
    return addressed(policy, out)


def addressed(policy: Policy, out: Outgoing) -> Outgoing:
    """Test mode: everything goes to the test address, and the Subject says so."""
    if not policy.test_address:
        return out
    meant = ", ".join(out.to + out.cc)
    return replace(out, to=(policy.test_address,), cc=(), subject=TEST_MARK + out.subject,
                   extra_headers=(*out.extra_headers, ("X-Todobot-Test", f"meant for {meant}")))


# -- what the RM is told ----------------------------------------------------------------


def _body(*paragraphs: str) -> str:
    """Paragraphs filled at 72 columns; one that starts with spaces is kept as written."""
    import textwrap

    return "\n\n".join(p.rstrip("\n") if p.startswith(" ") else
                       textwrap.fill(" ".join(p.split()), 72, break_long_words=False,
                                     break_on_hyphens=False)
                       for p in paragraphs) + "\n"


def reminder_text(config: Config, policy: Policy, slot: datetime,
                  draft: Row | None) -> tuple[str, str]:
    if draft is None or draft["state"] in ("sent", "superseded"):
        state = "There is no draft yet: `todobot draft` makes one."
    elif draft["state"] == "rejected":
        state = (f"Draft #{draft['id']} was rejected ({draft['reason'] or 'no reason given'}): "
                 "`todobot draft` makes a new one.")
    else:
        state = (f"Draft #{draft['id']} of {draft['draft_date']} waits for your approval: "
                 "`todobot review`, or `todobot approve`.")
    return f"{config.subject} is due and no draft is approved", _body(
        f"The weekly post to {', '.join(policy.to)} was due at {when(slot, policy)}, and "
        "no draft is approved, so nothing was sent.",
        state,
        "Once a draft is approved, the next `todobot send` run posts it, until "
        f"{when(window_end(slot, policy), policy)}; after that it waits for the next slot. "
        "This is the only reminder for this week.")


def blocked_text(config: Config, draft: Row, why: str,
                 stale: bool) -> tuple[str, str]:
    if stale:
        todo = ("Reject it (`todobot reject --why ...`), make a new draft (`todobot draft`) "
                "and approve that one.")
    else:
        todo = ("If that is what you want, give your word: `todobot send --force` (it is then "
                "sent when due). If not: `todobot reject --why ...`, fix the draft (`todobot "
                "draft --edit`) and approve it again.")
    return f"draft #{draft['id']} was NOT sent: {excerpt(why.split(';')[0], 60)}", _body(
        f"Draft #{draft['id']} of {draft['draft_date']} is approved, but it was not sent to "
        f"the list, because {why}.", todo)


def failed_text(config: Config, send: Row, detail: str) -> tuple[str, str]:
    return f"the weekly post was NOT sent: {excerpt(detail, 60)}", _body(
        f"Draft #{send['draft_id']} (Message-ID <{send['message_id']}>) was not sent to the "
        f"list: {detail}",
        "Nothing reached the list. Fix the cause (the [smtp] settings, the password, an "
        "address the server refuses), then `todobot send --resend` sends the same mail; or "
        "`todobot reject --why ...` and make a new draft.")


def unknown_text(config: Config, send: Row, detail: str) -> tuple[str, str]:
    return f"did the weekly post reach the list? (<{send['message_id']}>)", _body(
        f"The post of draft #{send['draft_id']} went to the server, but no verdict came "
        f"back: {detail}",
        "It has not come back through `todobot ingest` either, and it is NOT sent again on "
        f"its own. Please look for Message-ID <{send['message_id']}> in the list archive "
        "(or your inbox), then:",
        "    todobot send --arrived    it is there: the draft becomes the last post\n"
        "    todobot send --resend     it is not: send the same mail again",
        "If it comes back through `todobot ingest` first, it counts as arrived.")
