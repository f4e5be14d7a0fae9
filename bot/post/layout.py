"""Lines for an item whose facts changed, in the style its post was written in.

Only changed items come here (unchanged ones keep their lines, see
`bot.post.render`). The 2012 house style is filled at 70 columns, Emacs' default
fill column, with the text hanging under its first word and owners and
notes in trailing parentheses; a long URL may run past the column.
"""

from __future__ import annotations

from textwrap import TextWrapper
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.post.model import Item

FILL_COLUMN = 70


def fill(text: str, first: str, rest: str, width: int = FILL_COLUMN) -> list[str]:
    """`text` filled at `width`, never breaking a word or a URL."""
    wrapper = TextWrapper(
        width=width,
        initial_indent=first,
        subsequent_indent=rest,
        break_long_words=False,
        break_on_hyphens=False,
    )
    return wrapper.wrap(text) or [first.rstrip()]


def item_lines(item: Item) -> list[str]:
    """The item's own lines (not its sub-items), re-written from its facts."""
    lay = item.layout
    lead = " " * lay.indent + lay.marker
    lead += " " * max(lay.text_col - len(lead), 1 if lay.marker else 0)
    hang = " " * lay.text_col
    title = (f"[{item.tag}] " if item.tag else "") + item.text
    owners = [lay.owner_sep.join(item.owners)] if item.owners else []
    meta = ", ".join([*item.notes, *owners] if lay.owners_last else [*owners, *item.notes])
    if lay.style == "paren":
        if lay.owner_line >= 0 and meta:
            owner_lead = " " * lay.owner_line
            return fill(title, lead, hang) + fill(f"({meta})", owner_lead, owner_lead + " ")
        return fill(f"{title} ({meta})" if meta else title, lead, hang)
    if lay.style == "roadmap":
        prognosis = dict(item.fields).get("prognosis", "")
        lines = fill(f"{title} ({prognosis})" if prognosis else title, lead, hang)
        lines += [f"{hang}-  {owner}" for owner in item.owners]
        return lines + [f"{hang}-  {note}" for note in item.notes]
    if lay.style == "fields":
        lines = fill(title, lead, hang)
        sub = hang if lay.indent < lay.text_col else " " * (lay.indent + 2)
        if item.owners:
            lines.append(f"{sub}owner: {', '.join(item.owners)}")
        lines += [f"{sub}{key}: {value}" for key, value in item.fields]
        return lines + [f"{sub}status: {note}" for note in item.notes]
    if lay.style == "numbered":
        lines = fill(title, lead, hang, width=72)
        lines += list(_unmentioned_links(item, title))
        if item.notes:
            lines += fill("Status: " + "; ".join(item.notes), "", "", width=72)
        return lines
    # paragraph (2024 tracking list): title, [ link ], - notes
    lines = fill(title, hang, hang, width=72)
    lines += [f"{hang}[ {link} ]" for link in _unmentioned_links(item, title)]
    if item.owners:
        lines.append(f"{hang}  - {', '.join(item.owners)}")
    return lines + [f"{hang}  - {note}" for note in item.notes]


def _unmentioned_links(item: Item, title: str):
    notes = " ".join(item.notes)
    return (link for link in item.links if link not in title and link not in notes)
