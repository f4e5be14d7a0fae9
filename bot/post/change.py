"""Changes: one event on one item, with the evidence that caused it.

Reply analysis (`bot.reply.analysis`) produces them as pure values; the store keeps
them in an append-only log and derives each item's state from it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum


class ChangeKind(StrEnum):
    STATUS = "status"  # value: a bot.post.status.Status value
    NOTE = "note"  # value: free text shown in the item's notes
    OWNER = "owner"  # value: a person's name
    MOVE = "move"  # value: the target section title ("tools, nice to have")
    NEW = "new"  # value: the proposed item's text; section: where it goes
    LINK = "link"  # value: URL, changeset id, commit hash or <message-id>
    DUPLICATE = "duplicate"  # value: the text of the item it duplicates
    TAG = "tag"  # value: "BUG", "CHECK", ""
    TEXT = "text"  # value: the item's new text (an RM's hand edit)
    REMOVE = "remove"  # value: "" (an RM's hand edit, or a done item aged out)


# how a remark on an item the bot guessed is marked, wherever remarks are shown (`todobot
# proposals`, the review mail, `analyze --json`): named in the sender's prose, no quote of
# it, or lent by a mail further up the thread when the one answered was lost
NAMED_IN_PROSE = " (not quoted: the item is a guess)"
# how a remark under a quote of the post's own prose (no item) is marked: the RM can make
# an item of it (`accept-remark <its number> new`)
ON_PROSE = " (the post's own words, no item: say new to make one)"
# the confidence of what only the bot guesses (the sentence model alone, a problem told
# under the post): a proposal for any sender, as no threshold may be set this low
GUESS = 0.5


def remark_mark(named: bool, on_item: bool) -> str:
    """What a remark's subject is, wherever remarks are shown."""
    return NAMED_IN_PROSE if named and on_item else "" if on_item else ON_PROSE


@dataclass(frozen=True)
class Evidence:
    """Where a change came from: which mail, who, when, which words."""

    message_id: str
    sender_name: str
    sender_addr: str
    date: datetime | None
    quoted: str  # the quoted item text the words answered ("" when top-posted)
    words: str  # the sender's exact sentence(s)


@dataclass(frozen=True)
class Change:
    kind: ChangeKind
    value: str
    item: tuple[int, ...]  # path in the answered post: (section, item, sub-item...); () for NEW
    item_text: str  # the item's text, for people and for matching across weeks
    confidence: float  # 0..1; below the configured threshold it is only a proposal
    evidence: Evidence
    section: str = ""  # for NEW: the section title it should go in ("" when unnamed)
    when: date | None = None  # the date the words give for the event ("yesterday")
    reasons: tuple[str, ...] = ()  # which rules fired, to explain the decision
