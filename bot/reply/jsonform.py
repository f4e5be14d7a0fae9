"""The changes of one reply as JSON (`todobot analyze --json`, schema `todobot.analysis/1`)
and as text for people. See docs/analysis-json.md."""

from __future__ import annotations

from typing import Any

from bot.mail import Message
from bot.post import Change, remark_mark
from bot.reply.analysis import ReplyAnalysis

SCHEMA = "todobot.analysis/1"


def change_to_json(change: Change) -> dict[str, Any]:
    evidence = change.evidence
    return {
        "kind": str(change.kind),
        "value": change.value,
        "item": list(change.item),
        "item_text": change.item_text,
        "section": change.section,
        "confidence": change.confidence,
        "when": change.when.isoformat() if change.when else None,
        "reasons": list(change.reasons),
        "evidence": {
            "message_id": evidence.message_id,
            "sender_name": evidence.sender_name,
            "sender_addr": evidence.sender_addr,
            "date": evidence.date.isoformat() if evidence.date else None,
            "quoted": evidence.quoted,
            "words": evidence.words,
        },
    }


def analysis_to_json(message: Message, analysis: ReplyAnalysis) -> dict[str, Any]:
    return {
        "schema": SCHEMA,
        "message_id": message.message_id,
        "from": {"name": message.from_name, "address": message.from_addr},
        "date": message.date.isoformat() if message.date else None,
        "defects": list(message.defects),
        "changes": [change_to_json(c) for c in analysis.changes],
        "findings": list(analysis.findings),
        "remarks": [{"item": list(r.item), "item_text": r.item_text, "words": r.words,
                     "guess": r.guess, "named": r.named} for r in analysis.remarks],
        "off_topic": analysis.off_topic,
    }


def describe(message: Message, analysis: ReplyAnalysis) -> str:
    sender = f"{message.from_name} <{message.from_addr}>".strip()
    lines = [f"{message.message_id or '(no Message-ID)'} from {sender}"]
    lines += [f"  defect: {d}" for d in message.defects]
    if not analysis.changes:
        lines.append("  no changes")
    for change in analysis.changes:
        target = change.item_text[:60] or f"(new item in {change.section or 'a section to choose'})"
        when = f" on {change.when.isoformat()}" if change.when else ""
        lines.append(f"  {change.kind}: {change.value[:60]!r}{when}  [{change.confidence:.2f}]")
        lines.append(f"      item: {target}")
        lines.append(f"      said: {change.evidence.words[:100]!r}")
        if change.reasons:
            lines.append(f"      why:  {', '.join(change.reasons)}")
    for remark in analysis.remarks:
        named = remark_mark(remark.named, bool(remark.item))
        lines.append(f"  not understood, on {remark.item_text[:50]!r}{named}: "
                     f"{remark.words[:100]!r}")
    if analysis.off_topic:
        lines.append("  off-topic: quotes no item of the post")
    return "\n".join(lines)
