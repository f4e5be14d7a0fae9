"""A new item asked for by its address alone ("one more series: <URL>") takes the
subject of the mail that address names, when the store kept that mail: `todobot
sync` passes every mail of the list through ingest, so a series' cover letter read
before the reply is there. Looked up once, as the reply is read, from the kept mails
only, so `rebuild` (which replays the kept mails in order) titles it the same way.
Otherwise its title stays the address, and the review asks the RM to name it before
approving (bot.release.draft)."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from bot.post import Change, ChangeKind
from bot.series.links import message_ids
from bot.series.subject import parse_subject

if TYPE_CHECKING:
    from bot.release.store import Store

# the whole value is one address, perhaps with the details the sender gave in brackets
_ADDRESS_ONLY = re.compile(r"^(?P<url>https?://\S+)(?P<details>\s+\([^\n]*\))?$")
# git format-patch's cover letter left as it was generated: no subject at all
_PLACEHOLDER = re.compile(r"^\W*\*+\s*SUBJECT HERE\s*\*+\W*$", re.I)
_REPLY = re.compile(r"^\W*(?:re|aw|sv|fwd?)\s*:", re.I)
UNNAMED = "title is the URL: the RM names it"
NAMED = "titled by the archive: the subject of the mail its address names"


def address_only(value: str) -> str | None:
    """The address a new item's title is made of alone, else None."""
    found = _ADDRESS_ONLY.match(value.strip())
    return found["url"] if found else None


def titled(store: Store, change: Change, limit: int = 200) -> Change:
    """A new item titled by its address alone, titled by the subject of the mail the
    address names when the store kept it; an address still alone carries the reason
    that asks the RM for a name."""
    found = _ADDRESS_ONLY.match(change.value.strip()) if change.kind is ChangeKind.NEW else None
    if found is None:
        return change
    reasons = tuple(r for r in change.reasons if r != UNNAMED)
    subject = next(filter(None, (_subject(store, mid) for mid in message_ids(found["url"]))), "")
    if not subject:
        return replace(change, reasons=(*reasons, UNNAMED))
    tail = f" {found['url']}{found['details'] or ''}"
    room = max(limit - len(tail), 20)  # the subject gives way: the address stays whole
    return replace(change, value=subject[:room].rstrip() + tail, reasons=(*reasons, NAMED))


def _subject(store: Store, message_id: str) -> str:
    """The title one kept mail's subject gives, without "[PATCH v2 0/4]"; "" for a reply
    (its subject names the thread, not the work), the release's own post, a mail kept
    unread or in conflict, and git's unedited "*** SUBJECT HERE ***"."""
    from bot.release.ingest import REPORTED  # (loaded already: titles are asked at ingest)

    row = store.one("SELECT subject, disposition FROM mails WHERE message_id = ? "
                    "AND subject != '' ORDER BY received LIMIT 1", message_id)
    if row is None or row["disposition"] in (*REPORTED, "received") or store.one(
            "SELECT 1 FROM posts WHERE message_id = ?", message_id):
        return ""
    subject = parse_subject(row["subject"])
    title = " ".join(subject.title.split())  # one line, whatever the folding left in it
    if subject.is_reply or _REPLY.match(title) or _PLACEHOLDER.match(title):
        return ""
    return title
