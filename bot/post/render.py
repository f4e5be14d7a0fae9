"""Post → text through Jinja, byte for byte for whatever did not change.

The template lays out the post; the filters here decide, item by item,
whether the lines as written still say what the item says (then they are
emitted untouched) or the item must be re-written in its style
(`bot.post.layout`). Environment options follow LIBRARY-NOTES: trim_blocks and
lstrip_blocks so `{% %}` lines leave no trace, StrictUndefined, no
autoescape: text from mail is data here, never template source.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path

from bot.post.layout import item_lines
from bot.post.model import Item, Post
from bot.post.timeline import render_milestone

TEMPLATE = "todo.txt.j2"


def block_lines(item: Item) -> list[str]:
    """An item with the blank lines before it and its sub-items."""
    lines = list(item.gap_before)
    lines += list(item.source) if item.unchanged else item_lines(item)
    for child in item.children:
        lines += block_lines(child)
    return lines


def preamble_lines(post: Post) -> list[str]:
    """The preamble, with milestone lines re-written only where the marker moved."""
    lines = list(post.preamble)
    marked = [m for m in post.timeline if m.marker_text]
    template = marked[0] if marked else None
    for milestone in post.timeline:
        if milestone.source != lines[milestone.line_no]:
            continue  # the RM edited the line itself: keep the edit
        was_marked = bool(milestone.marker_text)
        if milestone.marker != was_marked:
            text = template.marker_text if template else "<< WE ARE HERE"
            col = _marker_col(template) if template else len(milestone.unmarked) + 10
            lines[milestone.line_no] = render_milestone(milestone, text, col)
    return lines


def _marker_col(milestone) -> int:
    """Where the RM put the marker; past the label when the line does not say."""
    column = milestone.source.find(milestone.marker_text) if milestone.marker_text else -1
    return column if column > 0 else len(milestone.unmarked.rstrip()) + 10


@lru_cache(maxsize=8)
def environment(template_dir: str | None = None):
    import jinja2

    search = [template_dir] if template_dir else []
    search.append(str(resources.files("bot.templates")))
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(search),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
        autoescape=False,
    )
    env.filters["block_lines"] = block_lines
    env.filters["preamble_lines"] = preamble_lines
    return env


def render_post(post: Post, template_dir: str | Path | None = None) -> str:
    """The post's text, with its own line ends and final newline."""
    env = environment(str(template_dir) if template_dir else None)
    text = env.get_template(TEMPLATE).render(post=post)
    if not post.final_newline and text.endswith("\n"):
        text = text[:-1]
    if post.newline != "\n":
        text = text.replace("\n", post.newline)
    return text
