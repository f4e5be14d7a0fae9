"""What the site shows, read from the store once: the release as plain values.

The only module of `bot.site` that reads the store; everything after it
(staleness, the burndown, the pages) is a pure function of these values.
A post's date is the day it was sent, or the Date of the mail it came in;
a post imported from a file (no mail) is dated by the first replies to it,
so a post imported long after it went out is still dated when it was posted.

The release on a day is what the draft makes of it: the last post by then
plus the changes that had arrived by then, applied in log order by
`bot.release.build_draft` itself, so the site and the burndown never count
an item differently from the post (a duplicate is dropped, a reopened item
is open). A change is dated by when it arrived (its mail's Date, never
before its post nor after it was logged), not by a date its words name.
"""

from __future__ import annotations

import email.utils
import json
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING

from bot.config import Config
from bot.post import ChangeKind, Item, Post, post_from_json
from bot.release import TERMINAL, Store, build_draft, item_paths, release_id
from bot.site.burndown import ItemLife, weeks

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
    heard: tuple[date, ...] = ()  # the days its applied changes arrived
    names: tuple[str, ...] = ()  # its owners as [[people]] spells them ("Pasi KÃrkkÃinen"
    #                              in a mangled post is an alias of "Pasi Kärkkäinen")

    @property
    def owners(self) -> tuple[str, ...]:
        """The owners to show: the roster's names, else as the post writes them."""
        return self.names or self.item.owners

    @property
    def last_news(self) -> date:
        """The day the latest applied change arrived, else the day the item appeared."""
        return max([self.first_seen, *self.heard])


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
    """When it happened, as the words tell (shown beside the change): the date they give,
    the mail's date, else when it was logged. News and the burndown use `arrived`."""
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


def arrived(change: LoggedChange, dates: dict[int, date]) -> date:
    """When the change reached us: its mail's Date, never before the post it answers
    (a wrong clock) nor after it was logged; a change without a mail, when logged."""
    logged = datetime.fromisoformat(change.created).date()
    said = change.change.evidence.date
    day = said.date() if said is not None else logged
    low = dates.get(change.post_id) if change.post_id is not None else None
    return min(max(day, low) if low else day, logged)


def post_dates(store: Store, rid: int) -> dict[int, date]:
    """Each post's day: sent → its draft's date; imported → its mail's Date; from a file,
    the day the first replies to it were written (else the day it was imported). A
    reply whose Date is weeks before the others' is a wrong clock, not the post's day."""
    dates: dict[int, date] = {}
    for row in store.all("SELECT p.id, p.message_id, p.created, d.draft_date FROM posts p "
                         "LEFT JOIN drafts d ON d.id = p.draft_id WHERE p.release_id = ? "
                         "ORDER BY p.id", rid):
        if row["draft_date"]:
            dates[row["id"]] = date.fromisoformat(row["draft_date"])
            continue
        day = _mail_date(store, row["message_id"])
        if day is None:
            day = datetime.fromisoformat(row["created"]).date()
            said = sorted(datetime.fromisoformat(r[0]).date() for r in store.all(
                "SELECT said_at FROM changes WHERE post_id = ? AND said_at IS NOT NULL",
                row["id"]))
            if said:
                middle = said[(len(said) - 1) // 2]
                day = min(day, next(d for d in said if middle - d <= OUTLIER))
        dates[row["id"]] = day
    return dates


OUTLIER = timedelta(weeks=2)  # replies to one weekly post come within days of each other


def _walk_ids(post: Post, ids: dict[str, int]):
    """(item id, section title, depth, item) in the post's order, placeholders left out."""
    paths = {id(item): path for path, item in item_paths(post).items()}
    for section, depth, item in post.walk():
        item_id = ids.get(paths[id(item)])
        if item_id is not None and not item.placeholder:
            yield item_id, section.title, depth, item


@dataclass(frozen=True)
class _Posts:
    """Every post of the release (id, day, post, item ids) and each change's post."""

    release: str
    rows: tuple[tuple[int, date, Post, dict[str, int]], ...]
    folded: dict[int, int]  # change id → the first post that shows it
    dates: dict[int, date]

    def on(self, day: date, changes: tuple[LoggedChange, ...]):
        """(the draft: the release as it stood on `day`, the changes it applied)."""
        base = next((r for r in reversed(self.rows) if r[1] <= day), self.rows[0])
        pending = [c for c in changes if c.state == "applied"
                   and arrived(c, self.dates) <= day
                   and self.folded.get(c.id, base[0] + 1) > base[0]]
        return build_draft(base[2], base[3], pending, release=self.release, day=day), pending


def _read_posts(store: Store, config: Config, rid: int) -> _Posts:
    dates = post_dates(store, rid)
    rows = tuple((int(r["id"]), dates[r["id"]], post_from_json(json.loads(r["json"])),
                  store.item_ids(r["id"]))
                 for r in store.all("SELECT id, json FROM posts WHERE release_id = ? "
                                    "ORDER BY id", rid))
    folded: dict[int, int] = {}
    for r in store.all("SELECT pc.change_id, pc.post_id FROM post_changes pc JOIN posts p "
                       "ON p.id = pc.post_id WHERE p.release_id = ? ORDER BY pc.post_id",
                       rid):
        folded.setdefault(int(r["change_id"]), int(r["post_id"]))
    return _Posts(config.release, rows, folded, dates)


def read_release(store: Store, config: Config, day: date | None = None) -> ReleaseView:
    """The release as the site shows it on `day` (default: today, UTC): the posts and the
    changes that had arrived by then, nothing later."""
    day = day or datetime.now(UTC).date()
    rid = release_id(store, config)
    roster = config.roster
    posts = _read_posts(store, config, rid)
    dates = posts.dates
    first_post = min(dates.values(), default=day)
    changes = tuple(c for c in store.changes("c.release_id = ?", rid)
                    if arrived(c, dates) <= day)
    first_seen: dict[int, date] = {}
    listed: dict[int, tuple[str, int, Item]] = {}  # as the last post that listed it had it
    for post_id, posted, post, ids in posts.rows:
        if posted > day and post_id != posts.rows[0][0]:
            continue
        for item_id, title, depth, item in _walk_ids(post, ids):
            listed[item_id] = (title, depth, item)
            first_seen.setdefault(item_id, posted)
    by_item: dict[int, list[LoggedChange]] = {}
    for logged in changes:
        if logged.item_id is not None:
            by_item.setdefault(logged.item_id, []).append(logged)
            if logged.change.kind is ChangeKind.NEW and logged.state == "applied":
                first_seen.setdefault(logged.item_id, arrived(logged, dates))

    def view(item_id: int, title: str, depth: int, item: Item) -> ItemView:
        mine = tuple(by_item.get(item_id, ()))
        return ItemView(item_id, title, depth, item, first_seen.get(item_id, first_post),
                        mine, tuple(arrived(c, dates) for c in mine if c.state == "applied"),
                        tuple(roster.get(o.strip().lower(), o) for o in item.owners))

    state, week = posts.on(day, changes)
    items = tuple(view(*row) for row in _walk_ids(state.post, state.ids))
    proposals = tuple((c, store.decisions(c.id)[-1]["reason"]) for c in changes
                      if c.state == "proposed")
    now = {v.id for v in items}
    gone = tuple(view(i, *listed[i]) for i in sorted(listed) if i not in now)
    return ReleaseView(config.release, config.subject, day, first_post, state.post, items,
                       tuple(week), proposals, _lives(posts, changes, first_post, day), gone)


def _lives(posts: _Posts, changes: tuple[LoggedChange, ...], start: date,
           end: date) -> tuple[ItemLife, ...]:
    """Each item's state at every point of the burndown, from the draft of that day (built
    again only when the post or the changes by then differ: the day moves only the
    timeline's marker); an event is kept only where the item's state changed."""
    seen: dict[int, list[tuple[date, bool]]] = {}
    drafts: dict[tuple[int, ...], dict[int, bool]] = {}
    for day in weeks(start, max(start, end)):
        base = next((r[0] for r in reversed(posts.rows) if r[1] <= day), posts.rows[0][0])
        key = (base, *(c.id for c in changes if arrived(c, posts.dates) <= day))
        if key not in drafts:
            state, _ = posts.on(day, changes)
            drafts[key] = {i: item.status not in TERMINAL for i, _, _, item
                           in _walk_ids(state.post, state.ids)}
        open_now = drafts[key]
        for _, posted, post, ids in posts.rows:  # listed by then, closed since (aged out)
            if posted <= day:
                for item_id, *_ in _walk_ids(post, ids):
                    seen.setdefault(item_id, [])
        now = {i: False for i in seen.keys() - open_now.keys()}  # gone from the list: closed
        for item_id, is_open in (*now.items(), *open_now.items()):
            events = seen.setdefault(item_id, [])
            if not events or events[-1][1] != is_open:
                events.append((day, is_open))
    return tuple(ItemLife(events[0][0], events[0][1], tuple(events)) for events in
                 seen.values() if events)
