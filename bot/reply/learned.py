"""The rules and the sentence model together, and what is left: remarks.

Where the model reads what a rule read, the change is surer; a reading only
the model makes is at most a proposal (below every apply threshold), and
never from a question, a condition, a negation or a plan; a sentence under
a quoted item that yields nothing at all is kept as a remark on that item,
so nothing the sender wrote about an item is silently dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from bot.post import Change, ChangeKind, Status
from bot.post.change import GUESS
from bot.reply.classifier import NONE, Reading, shipped_model

MODEL_ONLY = GUESS  # a model-only reading's confidence: a proposal for any sender
AGREES = 0.1  # what agreement adds to a rule's confidence
# where +0.1 can carry a change over the RM's (0.6) or a developer's (0.7) bar: elsewhere
# the model is not asked about a sentence the rules read (it costs ~0.15 ms a sentence)
AGREEMENT_MATTERS = (0.5, 0.7)
SURE = 0.6  # the least probability a model-only reading needs
_STATUSES = frozenset(s.value for s in Status)
# readings whose own words are negative ("nobody has reviewed it", "won't make it")
_NEGATIVE = frozenset({"deferred", "dropped", "waiting_review", "needs_version", "owner_removed",
                       "waiting_on", "partly_merged"})
_MODAL = frozenset({"question", "negated", "hedged", "condition", "belief", "reported"})
_EVENTS = frozenset({"done", "patch_posted", "partly_merged", "dropped"})
_ACT_DECLINED = re.compile(r"(?:\b(?:not|never|no need to)|n[\x27’]t)\s+(?:\w+\s+){0,2}?"
                           r"(?:defer|drop|move|postpone|punt|remove|withdraw|abandon)", re.I)


@dataclass(frozen=True)
class Remark:
    """A sentence about an item that changed nothing: shown to the RM, who can
    turn it into a change (`todobot accept-remark N done`)."""

    item: tuple[int, ...]
    item_text: str
    words: str
    guess: str = ""  # the model's reading when it had one it would not act on
    # the item named in the sender's own words, none quoted, nor its commit id, link or
    # subject given: shown to the RM, but no ground for a sub-thread below to be about
    # that item (a name read from words is a guess)
    named: bool = False


# Words without which no sentence of the training data reads as a change: the model is
# asked only about sentences that have one (most of what is not understood has none).
_WORTH_ASKING = re.compile(
    r"\b(?:merg|commit|appl|push|land|went|gone|in\b|tree|stag|master|upstream|fix|resol|done"
    r"|complet|post|sent|send|resen|submit|v\d|version|respin|rebas|review|ack|nack|wait|block"
    r"|depend|ping|remind|ask|chas|nudg|poke|work|progress|look|start|debug|investig|track"
    r"|drop|remov|withdr|supersed|abandon|obsolet|defer|postpon|punt|later|next|scope|release"
    r"|freeze|time|back|own|take|pick|handl|mine|me\b|add|list|missing|more|part|half|bulk"
    r"|remain|rest\b|only|need|want|change|request|expect|stuck|\d+ ?/ ?\d+)",
    re.I,
)


def worth_asking(sentence: str) -> bool:
    return bool(_WORTH_ASKING.search(sentence))


def read(sentence: str) -> Reading | None:
    model = shipped_model()
    return model.read(sentence) if model is not None else None


def label_of(change: Change) -> str:
    if change.kind is ChangeKind.STATUS:
        return change.value
    if change.kind is ChangeKind.OWNER:
        return "owner_removed" if change.value.startswith("-") else "owner_added"
    if change.kind is ChangeKind.NEW:
        return "new_item"
    return ""


def agreed(change: Change, reading: Reading | None) -> Change:
    """A rule's change, surer when the model reads the same."""
    if reading is None or reading.label != label_of(change) or reading.probability < SURE:
        return change
    if _MODAL & set(change.reasons):
        return change  # a question or a hedge stays a proposal, however well it reads
    return replace(change, confidence=round(min(1.0, change.confidence + AGREES), 3),
                   reasons=(*change.reasons, f"model agrees ({reading.probability:.2f})"))


def acts_on(reading: Reading | None, sentence: str = "") -> bool:
    """Whether a model-only reading is firm enough to propose: a negative state under a
    negation only where the negation is not of the act itself ("this won't make 4.31" is a
    deferral, "please don't move it to Deferred" none)."""
    if reading is None or reading.label in (NONE, "new_item") or reading.probability < SURE:
        return False
    modal = set(reading.modal)
    if modal & {"?", "cond"}:
        return False
    if "neg" in modal and (reading.label not in _NEGATIVE or _ACT_DECLINED.search(sentence)):
        return False
    return not ("plan" in modal and reading.label in _EVENTS)


def model_change(reading: Reading, sender: str) -> tuple[ChangeKind, str] | None:
    """(kind, value) of a model-only reading."""
    if reading.label in _STATUSES:
        return ChangeKind.STATUS, reading.label
    if reading.label == "owner_added":
        return ChangeKind.OWNER, sender
    if reading.label == "owner_removed":
        return ChangeKind.OWNER, "-" + sender
    return None


def worth_remarking(sentence: str) -> bool:
    """A sentence with something in it: two words at least, not a bare link, not a
    greeting ("Hi Henri,") or a signing name ("Li Wei")."""
    words = [w for w in sentence.split() if any(c.isalpha() for c in w) and "://" not in w]
    return len(words) >= 2 and not greeting(sentence) and not _SIGNATURE.match(sentence) \
        and not _TOPIC_ONLY.match(sentence)


def greeting(sentence: str) -> bool:
    """ "Hi Henri,", "Good morning all": it names whom the mail asks, it says nothing."""
    return bool(_GREETING.match(sentence))


_TOPIC_ONLY = re.compile(r'^\s*["“][^"”\n]{2,200}["”]:\s*$')  # '"Live update":' says nothing yet
_GREETING = re.compile(r"^(?:hi|hello|hey|dear|good (?:morning|afternoon|evening)|all)\b"
                       r"[^.?!]{0,30}[,!:]?$", re.I)
_SIGNATURE = re.compile(r"^[-~]*\s*(?-i:[A-Z][\w'’.-]+)(?:\s+(?-i:[A-Z][\w'’.-]+)){0,2}\.?$")
