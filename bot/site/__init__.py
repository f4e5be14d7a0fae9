"""The site: the release at a glance as static HTML, the burndown, and stale items."""

from bot.lazy import exports

_WHERE = {
    "ItemLife": "burndown",
    "Point": "burndown",
    "chart": "burndown",
    "points": "burndown",
    "ItemView": "facts",
    "ReleaseView": "facts",
    "change_day": "facts",
    "read_release": "facts",
    "CLOSED": "stale",
    "DEFAULT_WEEKS": "stale",
    "Quiet": "stale",
    "is_stale": "stale",
    "stale_items": "stale",
    "stale_report": "stale",
    "SiteSettings": "writer",
    "archive_link": "writer",
    "render_site": "writer",
    "write_site": "writer",
}
__all__ = sorted(_WHERE)
__getattr__ = exports(__name__, _WHERE)
