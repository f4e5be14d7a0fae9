"""Post ⇄ JSON: the stable, documented schema of `todobot parse` (docs/post-json.md).

The JSON carries the lines each value came from, so `todobot render` of an
unedited `todobot parse` output gives back the post byte for byte, and an
item edited in the JSON is re-written in its post's style.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Any

from bot.post.model import Item, Layout, Post, Section
from bot.post.status import Status
from bot.post.timeline import Milestone

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
                "parent": s.parent,
                "gap_before": list(s.gap_before),
                "intro": list(s.intro),
                "items": [item_to_json(i) for i in s.items],
            }
            for s in post.sections
        ],
        "closing": list(post.closing),
        "warnings": list(post.warnings),
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
    """The JSON is not a todobot post; the message names the field."""


def _want(value: Any, kind: type | tuple[type, ...], where: str) -> Any:
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        name = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
        raise SchemaError(f"{where}: expected {name}, got {type(value).__name__}")
    return value


def _lines(value: Any, where: str) -> tuple[str, ...]:
    _want(value, list, where)
    return tuple(_want(v, str, f"{where}[{n}]") for n, v in enumerate(value))


def _get(data: dict[str, Any], key: str, where: str, default: Any = ...) -> Any:
    if key not in data:
        if default is ...:
            raise SchemaError(f"{where}.{key}: missing")
        return default
    return data[key]


def post_from_json(data: Any) -> Post:
    """The Post a `todobot parse` JSON describes, edited or not; SchemaError names
    the first field that is missing or of the wrong type, so `render` never crashes."""
    if not isinstance(data, dict) or data.get("schema") != SCHEMA:
        raise SchemaError(f'not a todobot post: expected "schema": "{SCHEMA}"')
    preamble = _lines(_get(data, "preamble", "post"), "post.preamble")
    newline = _want(_get(data, "newline", "post"), str, "post.newline")
    if newline not in ("\n", "\r\n"):
        raise SchemaError('post.newline: expected "\\n" or "\\r\\n"')
    return Post(
        subject=_want(_get(data, "subject", "post"), str, "post.subject"),
        subject_line=_want(_get(data, "subject_line", "post"), bool, "post.subject_line"),
        newline=newline,
        final_newline=_want(_get(data, "final_newline", "post"), bool, "post.final_newline"),
        preamble=preamble,
        timeline=tuple(
            _milestone(m, f"post.timeline[{n}]", len(preamble))
            for n, m in enumerate(_want(_get(data, "timeline", "post"), list, "post.timeline"))
        ),
        sections=tuple(
            _section(s, f"post.sections[{n}]")
            for n, s in enumerate(_want(_get(data, "sections", "post"), list, "post.sections"))
        ),
        closing=_lines(_get(data, "closing", "post"), "post.closing"),
        warnings=_lines(_get(data, "warnings", "post", []), "post.warnings"),
    )


def _milestone(data: Any, where: str, preamble_lines: int) -> Milestone:
    _want(data, dict, where)
    line_no = _want(_get(data, "line_no", where), int, f"{where}.line_no")
    if not 0 <= line_no < preamble_lines:
        raise SchemaError(f"{where}.line_no: {line_no} is not a line of the preamble")
    when = _get(data, "date", where, None)
    try:
        day = date.fromisoformat(_want(when, str, f"{where}.date")) if when else None
    except ValueError:
        raise SchemaError(f"{where}.date: {when!r} is not an ISO date") from None
    source = _want(_get(data, "source", where), str, f"{where}.source")
    marker_text = _want(_get(data, "marker_text", where, ""), str, f"{where}.marker_text")
    if marker_text and marker_text not in source:
        raise SchemaError(f"{where}.marker_text: {marker_text!r} is not in its line")
    return Milestone(
        when=_want(_get(data, "when", where), str, f"{where}.when"),
        label=_want(_get(data, "label", where), str, f"{where}.label"),
        date=day,
        marker=_want(_get(data, "marker", where), bool, f"{where}.marker"),
        line_no=line_no,
        source=source,
        marker_text=marker_text,
    )


def _section(data: Any, where: str) -> Section:
    _want(data, dict, where)
    items = _want(_get(data, "items", where), list, f"{where}.items")
    return Section(
        title=_want(_get(data, "title", where), str, f"{where}.title"),
        heading=_want(_get(data, "heading", where), str, f"{where}.heading"),
        parent=_want(_get(data, "parent", where, ""), str, f"{where}.parent"),
        gap_before=_lines(_get(data, "gap_before", where, []), f"{where}.gap_before"),
        intro=_lines(_get(data, "intro", where, []), f"{where}.intro"),
        items=tuple(item_from_json(i, f"{where}.items[{n}]") for n, i in enumerate(items)),
    )


def item_from_json(data: Any, where: str = "item") -> Item:
    _want(data, dict, where)
    status = _want(_get(data, "status", where, "open"), str, f"{where}.status")
    if status not in {s.value for s in Status}:
        raise SchemaError(f"{where}.status: {status!r} is not a status")
    fields = _want(_get(data, "fields", where, []), list, f"{where}.fields")
    pairs = tuple(tuple(_lines(f, f"{where}.fields[{n}]")) for n, f in enumerate(fields))
    if any(len(pair) != 2 for pair in pairs):
        raise SchemaError(f"{where}.fields: each field is [name, value]")
    layout = _want(_get(data, "layout", where, {}), dict, f"{where}.layout")
    try:
        shape = Layout(**layout)
    except TypeError as error:
        raise SchemaError(f"{where}.layout: {error}") from None
    for key, default in asdict(Layout()).items():
        value = _want(getattr(shape, key), type(default), f"{where}.layout.{key}")
        if isinstance(value, int) and not -1 <= value <= 200:  # columns of a text line
            raise SchemaError(f"{where}.layout.{key}: {value} is not a column")
    children = _want(_get(data, "children", where, []), list, f"{where}.children")
    return Item(
        text=_want(_get(data, "text", where), str, f"{where}.text"),
        tag=_want(_get(data, "tag", where, ""), str, f"{where}.tag"),
        owners=_lines(_get(data, "owners", where, []), f"{where}.owners"),
        notes=_lines(_get(data, "notes", where, []), f"{where}.notes"),
        status=Status(status),
        placeholder=_want(_get(data, "placeholder", where, False), bool, f"{where}.placeholder"),
        links=_lines(_get(data, "links", where, []), f"{where}.links"),
        bugs=_lines(_get(data, "bugs", where, []), f"{where}.bugs"),
        fields=pairs,  # type: ignore[arg-type]
        children=tuple(
            item_from_json(c, f"{where}.children[{n}]") for n, c in enumerate(children)
        ),
        layout=shape,
        source=_lines(_get(data, "source", where, []), f"{where}.source"),
        gap_before=_lines(_get(data, "gap_before", where, []), f"{where}.gap_before"),
        origin=_want(_get(data, "origin", where, ""), str, f"{where}.origin"),
    )
