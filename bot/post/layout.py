"""Lines for an item whose facts changed, in the style its post was written in.

Only changed items come here (unchanged ones keep their lines, see
`bot.post.render`). The 2012 house style is filled at 70 columns, Emacs' default
fill column, with the text hanging under its first word and owners and
notes in trailing parentheses; a long URL may run past the column.
"""

from __future__ import annotations

import re
from textwrap import TextWrapper
from typing import TYPE_CHECKING

from bot.post.flags import flagged
from bot.post.items import REPORT_ROW_RE, words_column
from bot.post.status import Status, status_from_notes

if TYPE_CHECKING:
    from bot.post.model import Item

FILL_COLUMN = 70
# The styles that write an item's links on lines of their own (`[ link ]`, a URL
# line): a link added to such an item is one of its links, not a note about it.
LINK_STYLES = frozenset({"bracket", "numbered", "paragraph", "entry", "dashes", "row"})


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
    hang = lay.pad or " " * lay.text_col
    title = (f"[{item.tag}] " if item.tag else "") + lay.title_open + item.text + lay.title_close
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
        for note in item.notes:  # the detail lines under the title, as the post has them
            lines += fill(note, hang, hang)
        dash = lay.dash or f"{hang}-  "
        return lines + [f"{dash}{owner}" for owner in item.owners or ("?",)]
    if lay.style == "fields":
        lines = fill(title, lead, hang)
        sub = hang if lay.indent < lay.text_col else " " * (lay.indent + 2)
        lines.append(f"{sub}owner: {', '.join(item.owners) or '?'}")  # "?": nobody yet
        lines += [f"{sub}{key}: {value}" for key, value in item.fields]
        return lines + [f"{sub}status: {note}" for note in item.notes]
    if lay.style == "detail":
        lines = fill(title, lead, hang)
        for note in item.notes:
            lines += fill(note, hang, hang)
        return lines
    if lay.style == "bracket":
        return _bracket(item, title, lead, hang)
    if lay.style == "dashes":
        return _dashes(item, title, lead, hang)
    if lay.style == "stanza":
        pad = " " * lay.indent
        lines = [f"{pad}S: {title}"]
        lines += [f"{pad}O: {owner}" for owner in item.owners]
        names = {"email": "E", "prognosis": "P"}
        lines += [f"{pad}{names.get(k, k)}: {v}" for k, v in item.fields]
        return lines + [f"{pad}N: {note}" for note in item.notes]
    if lay.style == "tablerow":  # "dmi<TAB>2022-09-23 (dropped)" over its address, as written
        said = _name_meta(item)
        details = list(item.source[1:])
        written = " ".join([item.text, *details])
        return [item.text + (f" ({said})" if said else ""), *details,
                *(f"  {link}" for link in item.links if link not in written)]
    if lay.style in ("name", "subject", "failure"):  # "\tarm:allmodconfig (in -next)"
        line = f"{hang}{title}" + (f" ({said})" if (said := _name_meta(item)) else "")
        if lay.style != "failure":
            return [line]
        # a described failure keeps its log under it; a new one is underlined, as a report
        # writes a failure over its words ("frob_sched_kunit" over "-----"), to read back
        return [line, *item.source[1:]] if item.source else [line, "-" * max(len(line), 3)]
    if lay.style == "entry":
        title = flagged(item.tag, item.text)  # "[ *NEW* ] title", as the report writes it
        lines = [title, "-" * max(len(title), 3)]
        lines += list(item.links)
        return lines + ([""] + list(item.notes) if item.notes else [])
    if lay.style == "row":
        return _described(item, title) if lay.marker[:1] == "#" else _row(item, title)
    if lay.style == "numbered":
        lines = fill(title, lead, hang, width=72)
        lines += list(_unmentioned_links(item, title))
        if item.notes:
            lines += fill("Status: " + _sentences(item.notes), "", "", width=72)
        return lines
    # paragraph (an indented block, 2021): title, link lines, owner lines, Status:
    lines = fill(title, hang, hang, width=72)
    lines += [f"{hang}{link}" for link in _unmentioned_links(item, title)]
    lines += [f"{hang}{owner}" for owner in item.owners]
    if item.notes:
        lines += fill("Status: " + _sentences(item.notes), hang, hang, width=72)
    return lines


def _row(item: Item, title: str) -> list[str]:
    """A report's row re-written: its number, crash count and reproducer as the row had
    them, the title, its link under the title as the report writes it, and what the
    thread says of it (the notes) under the link."""
    row = REPORT_ROW_RE.match(item.source[0]) if item.source else None
    lead = item.source[0][: row.start("title")] if row else f"{item.layout.marker} "
    hang = " " * len(lead.expandtabs())
    lines = [lead + title, *(hang + link for link in _unmentioned_links(item, title))]
    if item.owners:
        lines.append(f"{hang}owner: {', '.join(item.owners)}")
    return lines + [hang + note for note in item.notes]  # a note a line: one reads back as one


def _described(item: Item, title: str) -> list[str]:
    """A test report's failure ("#2: queue/014 (tcp)" over the words on it and a pasted log)
    re-written: its lines as the report wrote them, then what the thread added, at the
    column of the report's words, and a "Status:" line that says its state (the parser
    reads that line over the report's words; a log's own lines say none). The draft's own
    lines of an earlier week go: its "Status:" line, an owner no longer the item's."""
    col = words_column(list(item.source[1:]))
    col = col if col >= 0 else 3
    owned = {f"Owner: {owner}" for owner in item.owners}
    saids = {f"status: {said or 'open'}" for said in _STATUS_SAID.values()}
    source = [line for line in item.source
              if len(line) - len(line.lstrip()) != col or not (
                  line.strip().lower() in saids or line.strip().startswith("Owner:")
                  and line.strip() not in owned)]
    head = f"{item.layout.marker} {title}"
    if source and source[0].split(None, 1)[-1].strip() != title.strip():
        source[0] = head
    lines = source or [head]
    pad = " " * col
    written = {" ".join(line.split()) for line in lines}
    lines += [pad + link for link in item.links if link not in " ".join(written)]
    lines += [f"{pad}Owner: {owner}" for owner in item.owners
              if f"Owner: {owner}" not in written]
    said = _STATUS_SAID[item.status] or "open"
    lines += [pad + note for note in item.notes if " ".join(note.split()) not in written
              and note.strip().lower() not in {said, *saids}]
    return lines + [f"{pad}Status: {said}"]  # (the state's own words: said on this line)


def _name_meta(item: Item) -> str:
    """What goes in the parenthesis after a name (one name a line): its owners and notes,
    parted by commas as the parser parts them (a note's own commas and parentheses written
    as semicolons and brackets), with the item's status said first when the notes alone
    would read back as another (the parser reads the status from the notes)."""
    notes = [note.replace(",", ";").replace("(", "[").replace(")", "]") for note in item.notes]
    if item.layout.style in ("subject", "tablerow"):  # a commit's subject, a table's row: the
        # state said first, always, so that the parenthesis reads as the draft's, never as
        # the line's own ("(Ice Lake)")
        said = _STATUS_SAID[item.status] or OPEN_SAID
        restated = [note for note in notes if _RESTATES.match(note)
                    and status_from_notes((note,)) is item.status  # ("DONE for 3.4.12")
                    or note.strip().lower() == said]  # ("in progress, in progress")
        return ", ".join([said, *item.owners, *(note for note in notes if note not in restated)])
    if item.status is not Status.OPEN and status_from_notes(tuple(notes)) is not item.status:
        notes.insert(0, _STATUS_SAID[item.status])
    elif item.status is Status.OPEN and (notes or item.owners and item.layout.style ==
                                         "failure" or item.layout.style == "name") and (
            " " in item.text.strip() or item.layout.style == "failure"):
        notes.insert(0, OPEN_SAID)  # a message's own words may end in a parenthesis: "open"
        # says this one is the draft's ("... (see line 12) (open, bisected to 4d1e0b9)"), as
        # after a described failure's name ("frob_hash (open, bisected to 4d1e0b9)")
    return ", ".join([*item.owners, *notes])


OPEN_SAID = "open"  # the word a draft writes first for an open message's notes


_RESTATES = re.compile(r"^(?:done|dropped|deferred)\b", re.I)
_STATUS_SAID = {Status.IN_PROGRESS: "in progress", Status.PATCH_POSTED: "patch posted",
                Status.WAITING_REVIEW: "needs review", Status.NEEDS_VERSION: "needs a new version",
                Status.PARTLY_MERGED: "partly merged", Status.WAITING_ON: "waiting on others",
                Status.PINGED: "pinged", Status.DONE: "done", Status.DROPPED: "dropped",
                Status.DEFERRED: "deferred", Status.OPEN: ""}


def drafted_status(said: str) -> Status | None:
    """The state a draft's word for it names ("in progress"; "open")."""
    said = said.strip().lower()
    return Status.OPEN if said == OPEN_SAID else next(
        (status for status, word in _STATUS_SAID.items() if word and word == said), None)


def _sentences(notes: tuple[str, ...]) -> str:
    """A `Status:` line as the 2021-22 RMs write it: each note a sentence ("v3 sent,
    needs an ack. Patch #1 merged."), never "Need reviews.; ..."."""
    said = []
    for note in notes:
        note = note[:1].upper() + note[1:] if note[:1].islower() else note
        said.append(note if note.endswith((".", "!", "?")) else f"{note}.")
    return " ".join(said)


def _bracket(item: Item, title: str, lead: str, hang: str) -> list[str]:
    """2024: `* title [ link ]:` (the link on a line of its own where the post
    put it there), the status as `- note` sub-bullets; more links as notes."""
    lay = item.layout
    links = list(_unmentioned_links(item, title))
    first, more = (links[0], links[1:]) if links else ("", [])
    notes = [*item.notes, *more]
    if item.owners:
        notes.insert(0, ", ".join(item.owners))
    colon = ":" if notes else ""
    # these lists are hard-wrapped by the RM's mailer: a wrapped line starts at column 0
    if first and lay.link_line:
        lines = fill(f"{title} [", lead, "", width=72) + [first, f"]{colon}"]
    elif first:
        lines = fill(f"{title} [ {first} ]{colon}", lead, "", width=72)
    else:
        lines = fill(f"{title}{colon}", lead, "", width=72)
    pad = " " * (lay.note_col if lay.note_col >= 0 else lay.text_col + 2)
    for note in notes:
        lines += fill(f"- {note}", pad, "", width=72)
    return lines


def _dashes(item: Item, title: str, lead: str, hang: str) -> list[str]:
    """2019-2025 updates: `*  title (vN)`, then `  -  Owner` lines, the
    prognosis and notes on a line, then `  - link` lines."""
    dash = item.layout.dash or f"{hang[:-1] or ' '}-  "
    lines = fill(title, lead, hang)
    lines += [f"{dash}{owner}" for owner in item.owners or ("?",)]
    prognosis = dict(item.fields).get("prognosis", "")
    said = ", ".join(p for p in (prognosis, "; ".join(item.notes)) if p)
    if said:
        lines.append(f"{dash}{said}")  # one line: a wrapped one would end the item
    return lines + [f"{dash}{link}" for link in _unmentioned_links(item, title)]


def _unmentioned_links(item: Item, title: str):
    # a link the title or a note carries is written there; a word, not a substring:
    # a patch's link has its cover letter's in it
    # a link a footnote mark points at is written in the post's foot, under "[1]"
    said = {word.strip("<>()[],;") for word in " ".join((title, *item.notes)).split()}
    said.update(item.layout.foot_links.split())
    return (link for link in item.links if link not in said)
