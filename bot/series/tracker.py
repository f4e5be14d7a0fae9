"""One mail into the series tables: a patch or cover letter joins its version and
series; a reply to one adds its reviews, acks, tests and a committer's "applied".

Only mails that are patches, or answer a known patch, are decoded: the
headers decide (In-Reply-To, References, the subject's brackets). Recording
is idempotent, so a mail seen twice (the MTA pipe and then `sync`) is fine.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.config import Config
from bot.mail import Message, parse_message, quick_headers
from bot.release import Store, bare_id
from bot.series import store as db
from bot.series.subject import PatchSubject, parse_subject
from bot.series.trailers import asks_new_version, change_id, own_lines, says_merged, trailers


@dataclass(frozen=True)
class Recorded:
    """What one mail added: a new version, patches, events (for the sync's summary)."""

    versions: int = 0
    patches: int = 0
    events: int = 0


def record(store: Store, config: Config, raw: bytes) -> Recorded:
    quick = quick_headers(raw)
    mid = quick.get("message-id", "")
    if not mid:
        return Recorded()
    subject = parse_subject(quick.get("subject", ""))
    refs = [r for r in (quick.get("in-reply-to", ""), *reversed(quick.get("references", "")
                                                                   .split())) if r]
    if subject.is_patch and not subject.is_reply:
        if db.patch(store, mid) is not None:
            return Recorded()
        with store.write():
            return _patch(store, parse_message(raw), subject, refs)
    answered = next((p for r in refs if (p := db.patch(store, bare_id(r))) is not None), None)
    if answered is None:
        return Recorded()
    with store.write():
        return _reply(store, config, parse_message(raw), answered)


def _date(message: Message) -> str | None:
    return message.date.isoformat() if message.date else None


def _patch(store: Store, message: Message, subject: PatchSubject, refs: list[str]) -> Recorded:
    mid = bare_id(message.message_id)
    author = message.from_addr.lower()
    cover = subject.number == 0
    found = None
    if not cover:  # git-send-email threads a version's patches under its cover letter
        for ref in refs:
            ref = bare_id(ref)
            found = db.version_by_root(store, ref)
            if found is None and (row := db.patch(store, ref)) is not None:
                found = db.version(store, row["version_id"])
            if found is not None and found.version == subject.version:
                break
            found = None  # v2 sent in reply to v1's cover letter: not v1's patch
    else:
        found = db.version_by_root(store, mid)  # its patches came first
        if found is not None:
            db.set_cover(store, found.id, mid, message.subject)
    made = 0
    if found is None:
        root = mid if cover or not refs else bare_id(refs[0])  # In-Reply-To: the cover
        change = change_id(message.body)
        series = db.find_series(store, subject.key, author, change)
        if series is not None:
            same = [v for v in db.versions(store, series) if v.version == subject.version
                    and not subject.resend]
            if same and not cover:
                found = same[-1]
        if found is None:
            if series is None:
                series = db.new_series(store, subject.key, author, change)
            found = db.new_version(store, series, subject.version, root,
                                   message.subject if cover or not refs else "",
                                   subject.total, author, _date(message), subject.for_release
                                   or _for_release_in(message.body))
            made = 1
    added = db.add_patch(store, mid, found.id, subject.number, message.subject, subject.key,
                         author, _date(message))
    events = 0
    for trailer in trailers(own_lines(message.body, stop_at_diff=True)):
        if trailer.kind in ("reviewed", "acked", "tested"):
            events += db.add_event(store, mid, trailer.kind, trailer.value, mid, _date(message))
    return Recorded(made, int(added), events)


def _for_release_in(body: str) -> str:
    """"for 4.19" in a cover letter's own words (the subject may not say it)."""
    import re

    text = "\n".join(own_lines(body, stop_at_diff=True))
    match = re.search(r"(?<!not )(?<!n't )\bfor[- ](\d+\.\d+)\b", text, re.IGNORECASE)
    return match.group(1) if match else ""


def _targets(store: Store, answered, numbers: tuple[int, ...]) -> list[str]:
    """The patches a reply speaks for: the one it answers, or, for a cover letter,
    the numbers it names, else every patch of the version."""
    if answered["number"] != 0:
        return [answered["message_id"]]
    rows = [r for r in db.patches(store, answered["version_id"]) if r["number"] > 0]
    if not rows:
        return [answered["message_id"]]  # a single patch without numbering
    if numbers:
        rows = [r for r in rows if r["number"] in numbers]
    return [r["message_id"] for r in rows]


def _reader_agrees(sentence: str, config: Config) -> bool:
    """The reply reader's own understanding (the list's vocabulary, `bot.reply`) must
    read the committer's sentence as a firm "done" too: two readers, one verdict."""
    from bot.reply import read_sentence

    return any(hit.rule.kind == "status" and hit.value == "done"
               and hit.confidence >= config.apply_threshold
               for hit in read_sentence(sentence, config.rules))


def _reply(store: Store, config: Config, message: Message, answered) -> Recorded:
    mid = bare_id(message.message_id)
    who = (f"{message.from_name} <{message.from_addr}>" if message.from_name
           else message.from_addr)
    lines = own_lines(message.body)
    events = 0
    for trailer in trailers(lines):
        if trailer.kind in ("reviewed", "acked", "tested"):
            for target in _targets(store, answered, ()):
                events += db.add_event(store, target, trailer.kind, trailer.value, mid,
                                       _date(message))
    asked = asks_new_version(lines)
    if asked and message.from_addr.lower() != answered["author"]:
        events += db.add_event(store, answered["message_id"], "asks-version", who, mid,
                               _date(message), asked)
    merged = says_merged(lines)
    if merged and message.from_addr.lower() in config.committers \
            and _reader_agrees(merged[0], config):
        sentence, numbers = merged
        for target in _targets(store, answered, numbers):
            events += db.add_event(store, target, "merged", who, mid, _date(message),
                                   sentence)
    return Recorded(events=events)
