"""The release: the store that remembers, mail ingested into changes, drafts, the RM's decisions."""

from bot.lazy import exports

_WHERE = {
    "CycleError": "cycle",
    "current_state": "cycle",
    "decide_change": "cycle",
    "import_post": "cycle",
    "record_ping": "cycle",
    "release_id": "cycle",
    "undo_mail": "cycle",
    "TERMINAL": "draft",
    "build_draft": "draft",
    "house_note": "draft",
    "item_paths": "draft",
    "move_marker": "draft",
    "path_key": "posts",
    "with_status": "draft",
    "hand_edit": "drafting",
    "make_draft": "drafting",
    "mark_sent": "drafting",
    "review_mails": "drafting",
    "set_draft": "drafting",
    "Ingest": "ingest",
    "rebuild": "replay",
    "accept_remark": "remarks",
    "READINGS": "remarks",
    "ancestors": "rules",
    "approval_verdict": "rules",
    "auto_reply": "rules",
    "bare_id": "rules",
    "clean_subject": "rules",
    "on_thread": "rules",
    "rm_token": "rules",
    "MIGRATIONS": "schema",
    "SCHEMA_VERSION": "schema",
    "Store": "store",
    "StoreBusy": "store",
    "StoreError": "store",
    "sqlite_path": "store",
}
__all__ = sorted(_WHERE)
__getattr__ = exports(__name__, _WHERE)
