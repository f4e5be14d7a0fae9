"""A new item asked for by its address alone ("one more series: <URL>") takes the
subject of the mail that address names, when the store holds that mail: a series'
cover letter or a patch that `todobot sync` recorded, or any mail of the list that
`ingest` kept. Otherwise its title stays the address, and the review asks the RM
to name it before approving (bot.release.draft)."""

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
UNNAMED = "title is the URL: the RM names it"
NAMED = "titled by the archive: the subject of the mail its address names"


def address_only(value: str) -> str | None:
    """The address a new item's title is made of alone, else None."""
    found = _ADDRESS_ONLY.match(value.strip())
    return found["url"] if found else None


def archive_title(store: Store, value: str) -> str | None:
    """`value` with the archive's subject in front of its address, or None when it is
    not an address alone or no mail the address names is in the store."""
    found = _ADDRESS_ONLY.match(value.strip())
    if found is None:
        return None
    for message_id in message_ids(found["url"]):
        subject = _subject(store, message_id)
        if subject:
            return f"{subject} {found['url']}{found['details'] or ''}"
    return None


def titled(store: Store, change: Change) -> Change:
    """A new item titled by its address alone, titled by the archive when it can be; an
    address still alone carries the reason that asks the RM for a name."""
    if change.kind is not ChangeKind.NEW or address_only(change.value) is None:
        return change
    value = archive_title(store, change.value)
    reasons = tuple(r for r in change.reasons if r != UNNAMED)
    if value is None:
        return replace(change, reasons=(*reasons, UNNAMED))
    return replace(change, value=value[:200], reasons=(*reasons, NAMED))


def _subject(store: Store, message_id: str) -> str:
    """The title the store knows for one mail: the series version it roots, the patch,
    else the kept mail's subject; without "Re:" and "[PATCH v2 0/4]"."""
    row = (store.one("SELECT subject FROM series_versions WHERE root = ?", message_id)
           or store.one("SELECT subject FROM patches WHERE message_id = ?", message_id)
           or store.one("SELECT subject FROM mails WHERE message_id = ? AND subject != '' "
                        "ORDER BY received LIMIT 1", message_id))
    if row is None:
        return ""
    title = parse_subject(row["subject"]).title
    return " ".join(title.split())  # one line, whatever the mail's folding left in it
