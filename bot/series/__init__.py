"""Series: the list archive and the tree → events on patch series → item changes."""

from bot.lazy import exports

_WHERE = {
    "PatchSubject": "subject",
    "normalize_title": "subject",
    "parse_subject": "subject",
    "message_ids": "links",
    "SyncError": "sync",
    "SyncReport": "sync",
    "run_sync": "sync",
    "series_report": "report",
    "update_items": "items",
}
__all__ = sorted(_WHERE)
__getattr__ = exports(__name__, _WHERE)
