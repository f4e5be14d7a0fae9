"""Stale items: open, and no news for N weeks. Pure.

"No news" means no applied change (a reply's words, an RM's edit, a ping)
since the item first appeared; a post that lists it again unchanged is not
news. Done, dropped and deferred items are never stale, nor is a heading
item with sub-items ("xl compatibility with xm:" over "* None"): its
sub-items are the work, each judged on its own.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from bot.post import Status

CLOSED = frozenset({Status.DONE, Status.DROPPED, Status.DEFERRED})
DEFAULT_WEEKS = 2


@dataclass(frozen=True)
class Quiet:
    """How long an item has been quiet."""

    item_id: int
    since: date
    weeks: int  # whole weeks
    days: int = 0

    @property
    def length(self) -> str:
        """How long, as the pages say it: "1 week", "10 days" (a 1.5-week threshold
        never reads "1 week"), "over 3 weeks"."""
        if self.days % 7 == 0 or not self.days:
            return f"{self.weeks} week{'s' if self.weeks != 1 else ''}"
        if self.days < 21:
            return f"{self.days} days"
        return f"over {self.weeks} weeks"


def is_stale(status: Status, last_news: date, day: date, weeks: float) -> bool:
    return status not in CLOSED and day - last_news >= timedelta(weeks=weeks)


def stale_items(items: Iterable, day: date, weeks: float) -> dict[int, Quiet]:
    """Item id → Quiet, for every `ItemView`-like value (id, item, last_news) gone quiet."""
    found = {}
    for view in items:
        if view.item.children:  # a heading: its sub-items carry the news
            continue
        if is_stale(view.item.status, view.last_news, day, weeks):
            days = (day - view.last_news).days
            found[view.id] = Quiet(view.id, view.last_news, days // 7, days)
    return found


def stale_report(items: Iterable, quiet: dict[int, Quiet], weeks: float) -> list[str]:
    """One line per stale item, for the RM's review mail."""
    from bot.post import excerpt

    lines = []
    for view in items:
        if view.id in quiet:
            names = getattr(view, "owners", view.item.owners)  # the roster's spelling
            owners = f" ({', '.join(names)})" if names else " (no owner)"
            lines.append(f"#{view.id} {excerpt(view.item.text, 50)!r}{owners}: no news since "
                         f"{quiet[view.id].since.isoformat()}")
    return lines
