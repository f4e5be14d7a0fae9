"""The sender's words, cut into what the vocabulary reads: sentences without
sign-offs, the references they cite, and the day they mean.

Pure functions on strings; `bot.reply` decides what the words are about.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n\s*\n")
SIGN_OFF = re.compile(
    r"^(?:thanks|thank you|cheers|regards|best|br|ta|hth)\b.{0,20}$|^[-~]?\s*[A-Z][a-z]+\.?$",
    re.I,
)
LINKS = re.compile(
    r"(?:https?://\S+[^\s.,;:)>\]])|<[^<>\s@]+@[^<>\s]+>|\b\d{5}:[0-9a-f]{12}\b"
    r"|\bc/s\s+(\d{4,6}(?::[0-9a-f]{12})?)\b|\bcommit\s+([0-9a-f]{7,40})\b|\b[0-9a-f]{12,40}\b"
)
DATE_WORDS = re.compile(
    r"\b(?:today|tonight|yesterday|tomorrow|(?:last|next|this) (?:week|monday|tuesday|wednesday|"
    r"thursday|friday|saturday|sunday)|(?:by |on )?(?:monday|tuesday|wednesday|thursday|friday|"
    r"saturday|sunday))\b",
    re.I,
)
LINK_WORDS = re.compile(
    r"\b(?:bug|filed|see|tracked|thread|reference|changeset|c/s|link|details)\b", re.I
)


def sentences(text: str) -> list[str]:
    lines = [ln for ln in text.splitlines() if not SIGN_OFF.match(ln.strip())]
    joined = "\n".join(lines)
    return [" ".join(s.split()) for s in SENTENCE_END.split(joined) if s and s.strip()]


def links(sentence: str) -> list[str]:
    """URLs, <message-id>s, changesets ("c/s 25731" → "25731") and commit hashes."""
    return [next((g for g in m.groups() if g), m.group(0)) for m in LINKS.finditer(sentence)]


def when(sentence: str, sent: datetime | None) -> date | None:
    match = DATE_WORDS.search(sentence)
    if not match or sent is None:
        return None
    word = match.group(0).lower().removeprefix("by ").removeprefix("on ")
    base = sent.date()
    if word in ("today", "tonight"):
        return base
    if word == "yesterday":
        return base - timedelta(days=1)
    if word == "tomorrow":
        return base + timedelta(days=1)
    import dateparser  # only for weekday phrases

    prefer = (
        "past" if word.startswith("last") or match.group(0).lower().startswith("on") else "future"
    )
    found = dateparser.parse(
        word,
        languages=["en"],
        settings={"RELATIVE_BASE": sent.replace(tzinfo=None), "PREFER_DATES_FROM": prefer},
    )
    return found.date() if found else None
