"""`todobot rebuild`: replay the journal into a fresh store and compare.

The change log is the truth: every post imported, every mail kept, every
decision, draft and hand edit is in the journal with what it needs to be
done again. Replaying it into an empty in-memory store, with the current
code and configuration, must give the same items, changes and draft as
the live store; any difference is reported (a new analyser that reads a
mail differently shows up here first). Sends are the outbox's record of
the wire, not derived state, and are not replayed.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from bot.config import Config
from bot.release.cycle import (
    CycleError,
    current_state,
    decide_change,
    import_post,
    record_ping,
)
from bot.release.drafting import hand_edit, make_draft, mark_sent, set_draft
from bot.release.ingest import Ingest
from bot.release.store import Store


def replay(live: Store, fresh: Store, config: Config,
           dnsfunc: Callable[..., bytes] | None = None) -> list[str]:
    """Do again, in `fresh`, everything the journal of `live` records; problems found."""
    from bot.post import parse_post

    problems: list[str] = []
    rid = live.release_id(config.release)
    ingest = Ingest(fresh, config, dnsfunc)
    rows = live.all("SELECT * FROM journal WHERE release_id IS NULL OR release_id = ? "
                    "ORDER BY seq", rid)
    for row in rows:
        args = json.loads(row["args"])
        kind = row["kind"]
        try:
            if kind == "post":  # read in the year `init` read it in (older journals: none)
                year = args.get("year", config.year)
                post = parse_post(args["text"], year=year)
                import_post(fresh, config, args["text"], post, args["message_id"], args["name"],
                            year=year)
            elif kind == "mail":
                mail = live.mail(args["key"])
                ingest.mail(bytes(mail["raw"]), mail["received"])
            elif kind == "decision":
                found = _replayed(fresh, "changes", args, "change", f" to {args['action']}")
                decide_change(fresh, config, found, args["action"], args["actor"],
                              args["reason"])
            elif kind == "remark":
                from bot.release.remarks import accept_remark

                found = _replayed(fresh, "remarks", args, "remark")
                accept_remark(fresh, config, found, args["word"], args["actor"])
            elif kind == "draft":
                make_draft(fresh, config, date.fromisoformat(args["day"]), args["token"])
            elif kind == "edit":
                hand_edit(fresh, config, args["text"])
            elif kind == "draft-state":
                set_draft(fresh, config, args["state"], args["actor"], args["reason"])
            elif kind == "series":
                _copy_event_change(live, fresh, config, args)
            elif kind == "sent":
                draft_id = fresh.scalar("SELECT id FROM drafts WHERE token = ? AND state = "
                                        "'approved' ORDER BY id DESC LIMIT 1", args["token"])
                if draft_id is None:
                    raise CycleError("no approved draft to mark sent")
                mark_sent(fresh, config, draft_id, args["message_id"])
            elif kind == "ping-sent":
                record_ping(fresh, config, [(int(i), t) for i, t in args["items"]],
                            args["message_id"], datetime.fromisoformat(args["when"]),
                            args["actor"])
        except CycleError as error:
            problems.append(f"journal #{row['seq']} ({kind}): {error}")
    return problems


def _copy_event_change(live: Store, fresh: Store, config: Config, args: dict) -> None:
    """A change `todobot sync` made from the archive or the tree: those are facts from
    outside the store, so the replay takes the change as it was logged."""
    found = live.changes("c.source = ? AND c.ordinal = ?", args["source"], args["ordinal"])
    rid = fresh.release_id(config.release)
    if not found or rid is None:
        raise CycleError(f"no change {args['source']}#{args['ordinal']} to copy")
    logged, first = found[0], live.decisions(found[0].id)[0]
    with fresh.write():
        item_id = fresh.new_item(rid) if str(logged.change.kind) == "new" else logged.item_id
        fresh.log_change(rid, logged.change, item_id=item_id, post_id=logged.post_id,
                         source=logged.source, ordinal=logged.ordinal, state=first["state"],
                         actor=first["actor"], reason=first["reason"])


def _changes(store: Store, rid: int | None) -> dict[tuple[str, int], tuple]:
    return {(c.source, c.ordinal): (str(c.change.kind), c.change.value, c.change.item_text,
                                    c.item_id, c.state)
            for c in store.changes("c.release_id = ?", rid)}


def _mails(store: Store) -> dict[str, str]:
    return {r["key"]: r["disposition"] for r in store.all("SELECT key, disposition FROM mails")}


def compare(live: Store, fresh: Store, config: Config) -> list[str]:
    """Every way the fresh state differs from the live one."""
    from bot.post import render_post
    from bot.release.draft import unified_diff

    out: list[str] = []
    old_rid, new_rid = live.release_id(config.release), fresh.release_id(config.release)
    old, new = _changes(live, old_rid), _changes(fresh, new_rid)
    for key in sorted(old.keys() | new.keys()):
        if old.get(key) != new.get(key):
            out.append(f"change {key[0]}#{key[1]}: live {old.get(key)} ≠ rebuilt "
                       f"{new.get(key)}")
    old_mails, new_mails = _mails(live), _mails(fresh)
    for key in sorted(old_mails.keys() | new_mails.keys()):
        if old_mails.get(key) != new_mails.get(key):
            out.append(f"mail {key}: live {old_mails.get(key)} ≠ rebuilt {new_mails.get(key)}")
    if old_rid is not None and new_rid is not None:
        day = date.today()
        before = current_state(live, config, day)
        after = current_state(fresh, config, day)
        text = unified_diff(render_post(before.post), render_post(after.post), "rebuilt")
        if text or before.ids != after.ids:
            out.append("items differ:\n" + (text or "(the same text, other item ids)"))
        drafts = [s.current_draft(r) for s, r in ((live, old_rid), (fresh, new_rid))]
        seen = [(d["state"], d["text"]) if d is not None else None for d in drafts]
        if seen[0] != seen[1]:
            out.append(f"current draft differs: live {seen[0] and seen[0][0]}, rebuilt "
                       f"{seen[1] and seen[1][0]}")
    return out


def rebuild(live: Store, config: Config,
            dnsfunc: Callable[..., bytes] | None = None) -> list[str]:
    """Replay into a fresh in-memory store; the differences (empty: they agree)."""
    fresh = Store.open(":memory:")
    try:
        return replay(live, fresh, config, dnsfunc) + compare(live, fresh, config)
    finally:
        fresh.close()


def _replayed(fresh: Store, table: str, args: dict[str, Any], what: str, why: str = "") -> int:
    """The replayed row a journalled decision names: ids differ, (source, ordinal) do not."""
    found = fresh.scalar(f"SELECT id FROM {table} WHERE source = ? AND ordinal = ?",
                         args["source"], args["ordinal"])
    if found is None:
        raise CycleError(f"the replay has no {what} {args['source']}#{args['ordinal']}{why}")
    return int(found)
