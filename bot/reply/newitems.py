"""Changes that name their item themselves: a request for a new item, and a
patch series sent in reply to the post.

Neither hangs under a quoted item: "Please add the xenstored memory leak to
tools, blockers" names a section and a title; `[PATCH v6 0/4] tools: add
systemd support` names the item it posts in its Subject.
"""

from __future__ import annotations

import re

from bot.mail import Message
from bot.post import Change, ChangeKind, Evidence, Status
from bot.reply.matching import Entry, named_item, resolve_section

_PATCH_SUBJECT = re.compile(
    r"^\s*(?:\[[^\]]*\]\s*)*\[(?:[^\]]*\s)?PATCH\b[^\]]*\]\s*(?P<title>.*)$", re.I
)
_SERIES_TITLE = re.compile(r"^\s*(?:[*-]\s+)?(\[(?:PATCH|RFC|XEN)[^\]]*\][^\[]+?)\s*\[?\s*$", re.I)
_QUOTED_TITLE = re.compile(r"""^["“'`](.+?)["”'`]""")
_POINTS_ONWARD = re.compile(r"^(?:the )?(?:following|below|this|these|attached)\b", re.I)
_TITLE_END = re.compile(r"\s<|\s\(v\d|,\s*owners?\b|\.\s")


def evidence(message: Message, quoted: str, words: str) -> Evidence:
    return Evidence(
        message.message_id, message.from_name, message.from_addr, message.date, quoted, words
    )


def section_titles(entries: list[Entry]) -> list[str]:
    return list(dict.fromkeys(e.section for e in entries))


def new_item(
    hit, entries: list[Entry], message: Message, quoted: str, sentence: str, block: str
) -> Change:
    """A proposed new item; naming an existing section makes the request clear."""
    what = " ".join(hit.value.split())
    quoted_title = _QUOTED_TITLE.match(what)
    if quoted_title:
        what = quoted_title.group(1)
    elif _POINTS_ONWARD.match(what):
        what = _title_after(sentence, block) or what
    else:
        what = _TITLE_END.split(what, maxsplit=1)[0]
    what = re.sub(r"^(?:the|a|an)\s+", "", what.strip(" \"'`:,."), flags=re.I)
    section = resolve_section(hit.groups.get("section", ""), section_titles(entries))
    wording = hit.confidence / hit.rule.confidence  # what hedges and questions left of it
    confidence = round((0.85 if section else 0.5) * wording, 3)
    return Change(
        ChangeKind.NEW,
        what[:200],
        (),
        "",
        confidence,
        evidence(message, quoted, sentence),
        section=section,
        reasons=hit.reasons,
    )


def _title_after(sentence: str, block: str) -> str:
    """ "Please add the following series: <newline> [PATCH 0/3] x86/irq: ..." → its title."""
    words = sentence.split()
    tail = block.split(words[-1], 1)[-1] if words else block
    for line in tail.splitlines():
        match = _SERIES_TITLE.match(line)
        if match:
            return match.group(1).strip()
    return next((" ".join(ln.split()) for ln in tail.splitlines() if ln.strip()), "")


def series_posting(message: Message, entries: list[Entry], stated: list[Change]) -> Change | None:
    """A patch series sent in reply to the post (git send-email --in-reply-to) is
    itself the news: the item its Subject names has a patch posted."""
    match = _PATCH_SUBJECT.match(message.subject)
    if not match:
        return None
    named = named_item(match["title"], entries)
    if named is None:
        return None
    entry, score = named
    if any(c.item == entry.path and c.kind == ChangeKind.STATUS for c in stated):
        return None
    return Change(
        ChangeKind.STATUS,
        Status.PATCH_POSTED.value,
        entry.path,
        entry.item.text,
        round(0.9 * score / 100, 3),
        evidence(message, "", message.subject),
        when=message.date.date() if message.date else None,
        reasons=("patch series",),
    )
