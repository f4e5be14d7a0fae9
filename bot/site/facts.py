"""What the site shows, read from the store once: the release as plain values.

The only module of `bot.site` that reads the store; everything after it
(staleness, the burndown, the pages) is a pure function of these values.
A post's date is the day it was sent, or the Date of the mail it came in,
and never later than the first reply to it: a post imported by hand long
after it went out is still dated when it was posted.
"""

from __future__ import annotations

import email.utils
import json
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

from bot.config import Config
from bot.post import ChangeKind, Item, Post, Status, post_from_json
from bot.release import Store, current_state, item_paths, release_id
from bot.site.burndown import ItemLife
from bot.site.stale import CLOSED

if TYPE_CHECKING:
    from bot.release.store import LoggedChange


@dataclass(frozen=True)
class ItemView:
    """One item as it stands now, with everything that happened to it."""

    id: int
    section: str
    depth: int
    item: Item
    first_seen: date
    changes: tuple[LoggedChange, ...]  # every change, any state, in log order

    @property
    def last_news(self) -> date:
        """The day of the latest applied change, else the day the item first appeared."""
        days = [change_day(c) for c in self.changes if c.state == "applied"]
        return max([self.first_seen, *days])


@dataclass(frozen=True)
class ReleaseView:
    name: str
    subject: str
    day: date  # the day the site is written for
    first_post: date
    post: Post  # the items as they stand now (the last post + the changes since)
    items: tuple[ItemView, ...]  # in the post's order, sub-items after their parent
    week: tuple[LoggedChange, ...]  # applied since the last post
    proposals: tuple[tuple[LoggedChange, str], ...]  # waiting for the RM, and why
    lives: tuple[ItemLife, ...]  # every item the release ever had, for the burndown
    gone: tuple[ItemView, ...] = ()  # items of earlier posts that the list no longer has


def change_day(change: LoggedChange) -> date:
    """When it happened: the date the words give, the mail's date, else when it was logged."""
    c = change.change
    if c.when is not None:
        return c.when
    if c.evidence.date is not None:
        return c.evidence.date.date()
    return datetime.fromisoformat(change.created).date()


def _mail_date(store: Store, message_id: str) -> date | None:
    if not message_id:
        return None
    row = store.one("SELECT raw FROM mails WHERE message_id = ? LIMIT 1", message_id)
    if row is None:
        return None
    from email.parser import BytesHeaderParser

    value = BytesHeaderParser().parsebytes(bytes(row["raw"])).get("Date", "")
    try:
        return email.utils.parsedate_to_datetime(str(value)).date()
    except (TypeError, ValueError):
        return None


def post_dates(store: Store, rid: int) -> dict[int, date]:
    """Each post's day: sent → its draft's date; imported → its mail's Date, else the
    day it was imported; never later than the first reply that answered it."""
    dates: dict[int, date] = {}
    for row in store.all("SELECT p.id, p.message_id, p.created, d.draft_date FROM posts p "
                         "LEFT JOIN drafts d ON d.id = p.draft_id WHERE p.release_id = ? "
                         "ORDER BY p.id", rid):
        day = (date.fromisoformat(row["draft_date"]) if row["draft_date"]
               else _mail_date(store, row["message_id"])
               or datetime.fromisoformat(row["created"]).date())
        first = store.scalar("SELECT min(said_at) FROM changes WHERE post_id = ? AND "
                             "said_at IS NOT NULL", row["id"])
        if first:
            day = min(day, datetime.fromisoformat(first).date())
        dates[row["id"]] = day
    return dates


def _walk_ids(post: Post, ids: dict[str, int]):
    """(item id, section title, depth, item) in the post's order, placeholders left out."""
    paths = {id(item): path for path, item in item_paths(post).items()}
    for section, depth, item in post.walk():
        item_id = ids.get(paths[id(item)])
        if item_id is not None and not item.placeholder:
            yield item_id, section.title, depth, item


def read_release(store: Store, config: Config, day: date | None = None) -> ReleaseView:
    """The release as the site shows it on `day` (default: today, UTC)."""
    day = day or datetime.now(UTC).date()
    rid = release_id(store, config)
    dates = post_dates(store, rid)
    first_seen: dict[int, date] = {}
    initial: dict[int, bool] = {}
    listed: dict[int, tuple[str, int, Item]] = {}  # as the last post that listed it had it
    for row in store.all("SELECT id, json FROM posts WHERE release_id = ? ORDER BY id", rid):
        post = post_from_json(json.loads(row["json"]))
        for item_id, title, depth, item in _walk_ids(post, store.item_ids(row["id"])):
            listed[item_id] = (title, depth, item)
            if item_id not in first_seen:
                first_seen[item_id] = dates[row["id"]]
                initial[item_id] = item.status not in CLOSED
    changes = store.changes("c.release_id = ?", rid)
    by_item: dict[int, list[LoggedChange]] = {}
    for logged in changes:
        if logged.item_id is not None:
            by_item.setdefault(logged.item_id, []).append(logged)
            if logged.change.kind is ChangeKind.NEW and logged.state == "applied":
                first_seen.setdefault(logged.item_id, change_day(logged))
                initial.setdefault(logged.item_id, True)
    first_post = min(dates.values(), default=day)
    state = current_state(store, config, day)
    items = tuple(
        ItemView(item_id, title, depth, item, first_seen.get(item_id, first_post),
                 tuple(by_item.get(item_id, ())))
        for item_id, title, depth, item in _walk_ids(state.post, state.ids))
    proposals = tuple((c, store.decisions(c.id)[-1]["reason"]) for c in changes
                      if c.state == "proposed")
    lives = tuple(_life(first_seen[i], initial[i], by_item.get(i, ())) for i in first_seen)
    now = {view.id for view in items}
    gone = tuple(ItemView(i, title, depth, item, first_seen.get(i, first_post),
                          tuple(by_item.get(i, ())))
                 for i, (title, depth, item) in sorted(listed.items()) if i not in now)
    return ReleaseView(config.release, config.subject, day, first_post, state.post, items,
                       tuple(store.pending(rid)), proposals, lives, gone)


def _life(first_seen: date, open_at_first: bool, changes) -> ItemLife:
    events = []
    for logged in changes:
        kind = logged.change.kind
        if logged.state != "applied" or kind not in (ChangeKind.STATUS, ChangeKind.REMOVE):
            continue
        is_open = kind is ChangeKind.STATUS and Status(logged.change.value) not in CLOSED
        events.append((change_day(logged), is_open))
    return ItemLife(first_seen, open_at_first, tuple(events))
