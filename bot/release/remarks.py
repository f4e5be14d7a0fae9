"""`todobot accept-remark N STATE`: the RM reads a remark and says what it means.

A remark is a sentence under an item that the analysis did not understand
(see bot/reply/learned.py); the RM's reading turns it into an applied
change with the sender's words as evidence, journalled so a rebuild does it
again.
"""

from __future__ import annotations

from datetime import datetime

from bot.config import Config
from bot.post import Change, ChangeKind, Evidence, Status
from bot.release.cycle import CycleError, release_id
from bot.release.posts import path_of
from bot.release.store import Store

# what the RM can say a remark means: a state, "note" (its words join the item's notes),
# or, of a remark on the post's own words, "new" (an item made of that paragraph)
READINGS = tuple(s.value.replace("_", "-") for s in Status) + ("note", "new")


def reading_of(word: str) -> tuple[ChangeKind, str]:
    word = word.strip().lower().replace("_", "-")
    if word == "note":
        return ChangeKind.NOTE, ""
    if word == "new":
        return ChangeKind.NEW, ""
    for status in Status:
        if status.value.replace("_", "-") == word:
            return ChangeKind.STATUS, status.value
    raise CycleError(f"{word!r} is not a reading: say one of {', '.join(READINGS)}")


def accept_remark(store: Store, config: Config, remark_id: int, word: str, actor: str) -> str:
    """Remark N → an applied change of the reading `word`; returns what happened."""
    kind, value = reading_of(word)
    with store.write():
        rid = release_id(store, config)
        row = store.remark(remark_id)
        if row is None or row["release_id"] != rid:
            raise CycleError(f"no remark #{remark_id} in release {config.release}")
        if row["change_id"] is not None:
            raise CycleError(f"remark #{remark_id} is already change #{row['change_id']}")
        if (kind is ChangeKind.NEW) != (not row["path"]):
            raise CycleError(
                f"remark #{remark_id} is on the post's own words, no item: say new" if
                not row["path"] else f"remark #{remark_id} is on an item: say its state or note")
        said = datetime.fromisoformat(row["said_at"]) if row["said_at"] else None
        evidence = Evidence(row["message_id"], row["sender_name"], row["sender_addr"], said,
                            "", row["words"])
        reasons = ("remark", f"read as {word} by {actor}")
        change = Change(ChangeKind.NEW, _title(row["item_text"]), (), "", 1.0, evidence,
                        section="unsorted", reasons=reasons) if kind is ChangeKind.NEW else \
            Change(kind, value or row["words"], path_of(row["path"]), row["item_text"], 1.0,
                   evidence, reasons=reasons)
        if kind is ChangeKind.NEW and (made := _made_already(store, rid, change.value)):
            raise CycleError(f"remark #{remark_id}'s paragraph is an item already: change "
                             f"#{made}")
        item_id = store.new_item(rid) if kind is ChangeKind.NEW else row["item_id"]
        change_id = store.log_change(rid, change, item_id=item_id, post_id=row["post_id"],
                                     source=f"remark:{row['source']}", ordinal=row["ordinal"],
                                     state="applied", actor=actor,
                                     reason=f"the RM read remark #{remark_id} as {word}")
        store.settle_remark(remark_id, change_id)
        store.journal(rid, "remark", source=row["source"], ordinal=row["ordinal"], word=word,
                      actor=actor)
    return f"remark #{remark_id} → change #{change_id}: {kind} {value or change.value[:50]}"


def _made_already(store: Store, rid: int, title: str) -> int | None:
    """The change that made an item of the same paragraph (a second remark on it)."""
    return next((logged.id for logged in store.changes(
        "c.release_id = ? AND c.kind = ? AND c.value = ?", rid, str(ChangeKind.NEW), title)
        if logged.state == "applied"), None)


def _title(lead: str) -> str:
    """A new item's title from the words that name a paragraph (cut where they were cut)."""
    return lead.removesuffix(" ...").rstrip(" :.")
