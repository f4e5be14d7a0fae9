"""The status vocabulary shared by posts and replies.

A post states an item's status in free words ("Patch posted, discussion,
... Ping sent"); the RM reads the *latest* statement as the truth, so the
canonical status is the last status phrase found in the notes.
"""

from __future__ import annotations

import re
from enum import StrEnum


class Status(StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    PATCH_POSTED = "patch_posted"
    # Patch trackers' states (patchwork: under review, changes requested):
    # whose move it is matters more to an RM than "posted".
    WAITING_REVIEW = "waiting_review"
    NEEDS_VERSION = "needs_version"  # changes requested: the author's move
    PARTLY_MERGED = "partly_merged"  # some patches in, the rest outstanding
    WAITING_ON = "waiting_on"  # blocked on a named person
    PINGED = "pinged"
    DONE = "done"
    DROPPED = "dropped"
    DEFERRED = "deferred"


# Phrases as release managers write them in the post's notes. Order does
# not matter: the phrase that occurs last in the text wins.
_NOTE_PHRASES: tuple[tuple[Status, str], ...] = (
    (
        Status.DONE,
        r"\bdone\b|\bcommitted\b|\bin[- ]tree\b|\bapplied\b|\bmerged\b"
        r"|\bfixed\b|\bwent in\b|\bresolved\b|\bcompleted?\b",
    ),
    (
        Status.PATCH_POSTED,
        r"\bpatch(?:es)?(?: series)? (?:re)?posted\b|\bposted\b"
        r"|\bv\d+\b[^,.;]*\b(?:was |were |is )?(?:sent|posted)\b"
        r"|\bnew version\b[^,.;]*\bsent\b|\bunder review\b"
        r"|\b(?:series|version|patch(?:es)?) (?:was |were |been )?(?:re)?sent\b"
        r"|\bpatch(?:es)?(?: postings?)? (?:is |are )?associated\b",
    ),
    (Status.PINGED, r"\bping(?:ed)? sent\b|\bpinged\b"),
    (Status.WAITING_REVIEW, r"\breview pending\b"),
    (Status.NEEDS_VERSION, r"\bneeds? a new version\b"),
    (Status.PARTLY_MERGED, r"\bpart(?:ial)?ly merged\b"),
    (Status.WAITING_ON, r"\bwaiting on (?!(?:the |an? )?(?:acks?|reviews?)\b)"),
    (
        Status.IN_PROGRESS,
        r"\bin progress\b|\bworking on\b|\bbeing worked on\b"
        r"|\bneeds? to be (?:ported|put|written|reworked|rebased)\b"
        r"|\bwip\b|\bstarted\b|\bfix incoming\b",
    ),
    (
        Status.DEFERRED,
        r"\bnot for \d|\bdeferred\b|\bpost[- ]release\b"
        r"|\b\d+\.\d+ material\b|\bpostponed\b",
    ),
    (Status.DROPPED, r"\bdropped\b|\bwithdrawn\b|\bno longer relevant\b|\bnot a bug\b"),
)
# Words that put an item back to plain open: the ball is in someone else's
# court again ("Patch #1 merged, #2 needs a v4", "not started").
_REOPEN = (
    r"\bneeds? (?:a )?v\d+\b|\bstill needs?\b|\bneeds? (?:an? )?(?:acks?|reviews?)\b"
    r"|\bnot (?:yet )?started\b|\bno one has\b|\bwaiting for (?:an? )?(?:acks?|reviews?)\b"
)
_NOTE_PHRASES += ((Status.OPEN, _REOPEN),)
_NOTE_RE = re.compile("|".join(f"(?P<{s.name}>{p})" for s, p in _NOTE_PHRASES), re.IGNORECASE)
# "not done", "isn't fixed": a negated phrase states nothing.
_NEGATED = re.compile(r"(?:\b(?:not|never|no|to be)|n't)\s+(?:yet\s+)?$", re.IGNORECASE)


def status_from_text(text: str) -> Status | None:
    """The status the last status phrase in `text` states, if any."""
    found: Status | None = None
    for match in _NOTE_RE.finditer(text):
        if _NEGATED.search(text[max(0, match.start() - 12) : match.start()]):
            continue
        status = Status[match.lastgroup or "OPEN"]
        if status is not Status.OPEN or found is Status.DONE:
            found = status  # "reopen" words only undo a partial "merged"
    return found


def mentions_status(text: str) -> bool:
    """Whether `text` uses any status phrase at all (even one that only reopens)."""
    return _NOTE_RE.search(text) is not None


def status_from_notes(notes: tuple[str, ...] | list[str]) -> Status:
    """Canonical status of an item from its notes; OPEN when none speaks."""
    found = status_from_text(" ; ".join(notes))
    return found or Status.OPEN


PLACEHOLDERS = frozenset(
    {"none", "none known", "no known issues", "nothing", "n/a", "none yet", "tbd"}
)


def is_placeholder(text: str) -> bool:
    return text.strip().rstrip(".").lower() in PLACEHOLDERS
