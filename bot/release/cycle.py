"""The release in the store: its posts, and the RM's decisions on changes.

Importing a post (init), accepting, rejecting and undoing changes, and the
current state of the items (the last post plus every applied change). Every
operation that changes the store writes one `journal` row with the
arguments it needs to be replayed (`bot.release.replay`), inside the same
transaction as its effect. Mails come in through `bot.release.ingest`; drafts go
out through `bot.release.drafting`.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

from bot.config import Config
from bot.post import Post
from bot.release.rules import (
    bare_id,
)
from bot.release.store import Store


class CycleError(RuntimeError):
    """The operation cannot be done now; the message says why and what to do."""


def post_subject(store: Store, post_id: int) -> str:
    return json.loads(store.scalar("SELECT json FROM posts WHERE id = ?", post_id)).get(
        "subject", "")


def post_of(row) -> Post:
    from bot.post import post_from_json

    return post_from_json(json.loads(row["json"]))


def release_id(store: Store, config: Config) -> int:
    found = store.release_id(config.release)
    if found is None:
        raise CycleError(f"no release {config.release!r} in the store yet: run `todobot init "
                         "POST` with its current post first")
    return found


# -- init ---------------------------------------------------------------------


def import_post(store: Store, config: Config, text: str, post: Post, message_id: str = "",
                name: str = "", *, year: int | None = None) -> tuple[int, bool]:
    """(post id, created): a post becomes the baseline; its items keep their ids.

    `year`: the one its timeline was read with (default: [release] year, else the
    year its year-less dates got, e.g. from the mail's Date); it is journalled, so
    `rebuild` reads the post as `init` did. A change applied since the last post
    is marked as shown only when this post's item already says it: the RM may
    have sent this post by hand before a reply came in.
    """
    from bot.post import post_to_json

    message_id = bare_id(message_id or config.thread_message_id)
    year = year if year is not None else config.year or timeline_year(post)
    with store.write():
        rid = store.release_id(config.release, year, create=True)
        assert rid is not None
        store.remember_year(rid, year)
        last = store.baseline(rid)
        if last is not None and last["text"] == text:
            return int(last["id"]), False
        pending = store.pending(rid)
        ids = _carried_ids(store, config, rid, last, pending, post)
        post_id = store.add_post(rid, "imported", text, post_to_json(post), message_id)
        store.map_items(post_id, ids)
        store.fold(post_id, _shown(pending, post, ids))
        store.journal(rid, "post", text=text, message_id=message_id, name=name, year=year)
        return post_id, True


def timeline_year(post: Post) -> int | None:
    """The year the timeline's year-less dates ("19 March") were read in, or None."""
    from collections import Counter

    years = Counter(m.date.year for m in post.timeline
                    if m.date is not None and str(m.date.year) not in m.when)
    return years.most_common(1)[0][0] if years else None


def release_year(store: Store, config: Config, rid: int) -> int | None:
    """[release] year, else the one the release's first post was read with."""
    return config.year or store.scalar("SELECT year FROM releases WHERE id = ?", rid)


def _carried_ids(store: Store, config: Config, rid: int, last, pending, post: Post
                 ) -> dict[str, int]:
    """Item ids for the post's items: the items as they stand now (the last post with
    the changes since, new items included) first, then the last post as it was."""
    from bot.release.draft import build_draft, item_paths
    from bot.release.handedit import flatten, match_items

    ids: dict[str, int] = {}
    if last is not None:
        old_post, old_ids = post_of(last), store.item_ids(last["id"])
        now = build_draft(old_post, old_ids, pending, release=config.release,
                          day=datetime.now(UTC).date(), house=config.house)
        after = flatten(post)
        for before, before_ids in ((flatten(now.post), now.ids), (flatten(old_post), old_ids)):
            taken = set(ids.values())
            free = [f for f in before if f.path in before_ids
                    and before_ids[f.path] not in taken]
            todo = [f for f in after if f.path not in ids]
            for new, old in match_items(free, todo).items():
                ids[new] = before_ids[old]
    for path, item in item_paths(post).items():
        if path not in ids and not item.placeholder:
            ids[path] = store.new_item(rid)
    return ids


def _shown(pending, post: Post, ids: dict[str, int]) -> list[int]:
    """The applied changes the post already says (the rest stay for the next draft)."""
    from bot.release.draft import item_paths, shows

    items, paths = item_paths(post), {item_id: path for path, item_id in ids.items()}
    shown = []
    for logged in pending:
        path = paths.get(logged.item_id)
        section = post.sections[int(path.split(".")[0])].title if path else ""
        if shows(items[path] if path else None, section, logged.change):
            shown.append(logged.id)
    return shown


# -- ingest -------------------------------------------------------------------


def decide_change(store: Store, config: Config, change_id: int, action: str, actor: str,
                  reason: str = "") -> str:
    """accept / reject a proposal, undo an applied change; returns what happened."""
    wanted = {"accept": ("proposed", "applied"), "reject": ("proposed", "rejected"),
              "undo": ("applied", "reverted")}[action]
    with store.write():
        change = store.change(change_id)
        rid = release_id(store, config)
        if change is None or store.scalar("SELECT release_id FROM changes WHERE id = ?",
                                          change_id) != rid:
            raise CycleError(f"no change #{change_id} in release {config.release}")
        if change.state != wanted[0]:
            raise CycleError(f"change #{change_id} is {change.state}, not {wanted[0]}")
        if action == "undo" and store.folded(change_id):
            raise CycleError(f"change #{change_id} is already in a post that went out; "
                             "edit the next draft instead")
        if action != "reject":
            _check_approved(store, rid, change_id, action)
        store.decide(change_id, wanted[1], actor, reason)
        store.journal(rid, "decision", source=change.source,
                      ordinal=change.ordinal, action=action, actor=actor, reason=reason)
    return f"#{change_id} {wanted[1]}"


def _check_approved(store: Store, rid: int, change_id: int, action: str) -> None:
    """An approved draft is the post that goes out as it is: an accept would not be in
    it, an undo of a change it shows would still go to the list. Refused, so the RM
    says which they mean (reject the draft and draft again, or wait for the post)."""
    draft = store.current_draft(rid)
    if draft is None or draft["state"] != "approved":
        return
    shown = store.one("SELECT 1 FROM draft_changes WHERE draft_id = ? AND change_id = ?",
                      draft["id"], change_id) is not None
    if action == "undo" and not shown:
        return  # applied after the approval: not in the post, undoing it changes nothing there
    where = "is in" if action == "undo" else "would not be in"
    later = "" if action == "undo" else "; or accept it once the post went out, for next week's"
    raise CycleError(f"change #{change_id} {where} approved draft #{draft['id']}, which goes "
                     "to the list as it is: `todobot reject --why ...` the draft, then "
                     f"`todobot {action} {change_id}` and `todobot draft` again{later}")


def undo_mail(store: Store, config: Config, message_id: str, actor: str) -> list[str]:
    """Revert every applied change that one mail caused (all or none)."""
    rid = release_id(store, config)
    mid = bare_id(message_id)
    changes = [c for c in store.changes("c.release_id = ? AND c.message_id = ?", rid, mid)
               if c.state == "applied" and c.source.startswith("mail:")]
    if not changes:
        raise CycleError(f"no applied change came from <{mid}>")
    with store.write():
        return [decide_change(store, config, c.id, "undo", actor) for c in changes]


# -- drafts -------------------------------------------------------------------------


def current_state(store: Store, config: Config, day: date | None = None):
    """The post as it stands now: last post + pending changes (a Draft, not stored)."""
    from bot.release.draft import build_draft

    rid = release_id(store, config)
    base = store.baseline(rid)
    assert base is not None
    return build_draft(post_of(base), store.item_ids(base["id"]), store.pending(rid),
                       release=config.release, day=day or datetime.now(UTC).date(),
                       house=config.house)


# -- pings (`todobot nag`) -------------------------------------------------------------


def record_ping(store: Store, config: Config, items: list[tuple[int, str]], message_id: str,
                when: datetime, actor: str) -> list[int]:
    """The RM's chore: each pinged item records "Ping sent", with the ping's Message-ID
    as its provenance, as the RM writes it by hand; journalled, so `rebuild` replays it.
    An item closed or gone by then records nothing: a ping never reopens an item."""
    from bot.post import Change, ChangeKind, Evidence, Status
    from bot.release.draft import TERMINAL, item_paths

    rid = release_id(store, config)
    rm = next(p for p in config.people if p.role == "rm")
    mid = bare_id(message_id)
    done = []
    with store.write():
        if store.one("SELECT 1 FROM changes WHERE source = ?", f"ping:{mid}"):
            return done  # recorded already: a ping is one event however often it is told
        state = current_state(store, config, when.date())
        now = {state.ids[path]: item for path, item in item_paths(state.post).items()
               if path in state.ids}
        for ordinal, (item_id, text) in enumerate(items):
            if item_id not in now or now[item_id].status in TERMINAL:
                continue  # closed or gone meanwhile: "pinged" would reopen it
            evidence = Evidence(mid, rm.name, config.bot_address, when, text, "Ping sent")
            change = Change(ChangeKind.STATUS, str(Status.PINGED), (), text, 1.0, evidence,
                            when=when.date(), reasons=("ping approved by the RM",))
            done.append(store.log_change(rid, change, item_id=item_id, post_id=None,
                                         source=f"ping:{mid}", ordinal=ordinal,
                                         state="applied", actor=actor, reason="ping sent"))
        store.journal(rid, "ping-sent", message_id=mid, items=[list(i) for i in items],
                      when=when.isoformat(), actor=actor)
    return done
