"""Post ⇄ JSON: the stable, documented schema of `todobot parse` (docs/post-json.md).

The JSON carries the lines each value came from, so `todobot render` of an
unedited `todobot parse` output gives back the post byte for byte, and an
item edited in the JSON is re-written in its post's style.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Any

from bot.model import Item, Layout, Post, Section
from bot.status import Status
from bot.timeline import Milestone

SCHEMA = "todobot.post/1"


def post_to_json(post: Post) -> dict[str, Any]:
    return {
        "schema": SCHEMA,
        "subject": post.subject,
        "subject_line": post.subject_line,
        "newline": post.newline,
        "final_newline": post.final_newline,
        "preamble": list(post.preamble),
        "timeline": [
            {**asdict(m), "date": m.date.isoformat() if m.date else None} for m in post.timeline
        ],
        "sections": [
            {
                "title": s.title,
                "area": s.area,
                "class": s.klass,
                "heading": s.heading,
                "gap_before": list(s.gap_before),
                "intro": list(s.intro),
                "items": [item_to_json(i) for i in s.items],
            }
            for s in post.sections
        ],
        "closing": list(post.closing),
    }


def item_to_json(item: Item) -> dict[str, Any]:
    return {
        "text": item.text,
        "tag": item.tag,
        "owners": list(item.owners),
        "notes": list(item.notes),
        "status": str(item.status),
        "placeholder": item.placeholder,
        "links": list(item.links),
        "bugs": list(item.bugs),
        "fields": [list(f) for f in item.fields],
        "children": [item_to_json(c) for c in item.children],
        "layout": asdict(item.layout),
        "source": list(item.source),
        "gap_before": list(item.gap_before),
        "origin": item.origin,
    }


class SchemaError(ValueError):
    """The JSON is not a todobot post."""


def post_from_json(data: Any) -> Post:
    if not isinstance(data, dict) or data.get("schema") != SCHEMA:
        raise SchemaError(f'not a todobot post: expected "schema": "{SCHEMA}"')
    try:
        return Post(
            subject=data["subject"],
            subject_line=data["subject_line"],
            newline=data["newline"],
            final_newline=data["final_newline"],
            preamble=tuple(data["preamble"]),
            timeline=tuple(
                Milestone(**{**m, "date": date.fromisoformat(m["date"]) if m["date"] else None})
                for m in data["timeline"]
            ),
            sections=tuple(
                Section(
                    title=s["title"],
                    heading=s["heading"],
                    gap_before=tuple(s["gap_before"]),
                    intro=tuple(s["intro"]),
                    items=tuple(item_from_json(i) for i in s["items"]),
                )
                for s in data["sections"]
            ),
            closing=tuple(data["closing"]),
        )
    except (KeyError, TypeError, ValueError) as error:
        raise SchemaError(f"malformed post JSON: {error!r}") from error


def item_from_json(data: dict[str, Any]) -> Item:
    return Item(
        text=data["text"],
        tag=data.get("tag", ""),
        owners=tuple(data.get("owners", ())),
        notes=tuple(data.get("notes", ())),
        status=Status(data.get("status", "open")),
        placeholder=data.get("placeholder", False),
        links=tuple(data.get("links", ())),
        bugs=tuple(data.get("bugs", ())),
        fields=tuple(tuple(f) for f in data.get("fields", ())),  # type: ignore[misc]
        children=tuple(item_from_json(c) for c in data.get("children", ())),
        layout=Layout(**data.get("layout", {})),
        source=tuple(data.get("source", ())),
        gap_before=tuple(data.get("gap_before", ())),
        origin=data.get("origin", ""),
    )
