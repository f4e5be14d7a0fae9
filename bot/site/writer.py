"""The site's pages from a ReleaseView, through Jinja with autoescape on.

Text from mail is data: it only ever fills `{{ }}` slots, which Jinja
escapes for HTML; a URL from mail becomes a link only when it is http(s)
(never `javascript:`), and a Message-ID only through the configured
archive template, quoted. `render_site` is pure (file name → text);
`write_site` puts the files in place, each written whole then renamed, so
a web server never serves half a page.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path
from urllib.parse import quote

from bot.post import ChangeKind, Status, excerpt, item_lines
from bot.site.burndown import chart, points
from bot.site.facts import ItemView, ReleaseView, change_day
from bot.site.stale import CLOSED, stale_items

CSS = "site.css"
_URL = re.compile(r"https?://[^\s<>\"']+\Z", re.IGNORECASE)
_MESSAGE_ID = re.compile(r"<?([^<>\s@]+@[^<>\s@]+)>?\Z")


@dataclass(frozen=True)
class SiteSettings:
    archive_url: str = ""  # "https://lore.kernel.org/xen-devel/{message_id}/"
    stale_weeks: float = 2
    templates: str | None = None  # a directory whose site/ overrides the built-in pages


def archive_link(template: str, message_id: str) -> str:
    """The archive's URL for a Message-ID ("" without a template); the id is URL-quoted."""
    match = _MESSAGE_ID.match(message_id.strip())
    if not template or not match:
        return ""
    return template.replace("{message_id}", quote(match[1], safe="@!$&'()*+,;=:~"))


def link_target(template: str, link: str) -> str:
    """Where a link of an item points: an http(s) URL as it is, a <message-id> in the
    archive; "" for a changeset id or anything else (shown as text)."""
    if _URL.match(link):
        return link
    if link.startswith("<") and link.endswith(">"):
        return archive_link(template, link)
    return ""


def describe_change(change) -> str:
    kind, value = change.kind, change.value
    if kind is ChangeKind.STATUS:
        return f"state → {state_label(value)}"
    if kind is ChangeKind.NEW:
        return f"new item in {change.section or 'the post'}"
    if kind is ChangeKind.REMOVE:
        return "removed"
    if kind is ChangeKind.MOVE:
        return f"moved to {value}"
    if kind in (ChangeKind.OWNER, ChangeKind.NOTE, ChangeKind.LINK):  # "-x" removes, "+x" adds
        removed = value.startswith("-")
        what = excerpt(value[1:] if removed else value.removeprefix("+"), 80, "…")
        return f"{kind} {'removed' if removed else 'added'}: {what}"
    return f"{kind} → {excerpt(value, 80, '…')}"


def state_label(value: str) -> str:
    return {Status.WAITING_ON: "waiting on others",
            Status.WAITING_REVIEW: "waiting for review",
            Status.NEEDS_VERSION: "needs a new version"}.get(value, value.replace("_", " "))


@lru_cache(maxsize=4)
def environment(templates: str | None, archive: str):
    import jinja2

    builtin = str(resources.files("bot.templates").joinpath("site"))
    paths = [os.path.join(templates, "site"), builtin] if templates else [builtin]
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(paths), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True,
                             lstrip_blocks=True)
    env.filters.update(
        state=state_label,
        short=lambda text, width=60: excerpt(str(text), width, "…"),
        href=lambda link: link_target(archive, link),
        archive_url=lambda mid: archive_link(archive, mid),
        what=describe_change,
        day=lambda logged: change_day(logged).isoformat(),
    )
    return env


def _sections(view: ReleaseView) -> list[tuple[str, list[ItemView]]]:
    rows: dict[str, list[ItemView]] = {s.title: [] for s in view.post.sections}
    for row in view.items:
        rows.setdefault(row.section, []).append(row)
    return list(rows.items())


def _milestones(view: ReleaseView) -> list[tuple[date, str, str]]:
    return [(m.date, m.label, m.when) for m in view.post.timeline if m.date is not None]


def render_site(view: ReleaseView, settings: SiteSettings) -> dict[str, str]:
    """Every page of the site: relative file name → HTML (and the stylesheet)."""
    env = environment(settings.templates, settings.archive_url)
    quiet = stale_items(view.items, view.day, settings.stale_weeks)
    found = points(view.lives, view.first_post, view.day)
    archive_root = settings.archive_url.split("{", 1)[0] if settings.archive_url else ""
    common = {"view": view, "archive": archive_root,
              "paged": {row.id for row in (*view.items, *view.gone)}}
    pages = {"index.html": env.get_template("release.html.j2").render(
        **common, root="", points=found, chart=chart(found, _milestones(view), view.day),
        sections=_sections(view), quiet=quiet, stale_weeks=settings.stale_weeks,
        open_count=sum(row.item.status not in CLOSED for row in view.items))}
    item_page = env.get_template("item.html.j2")
    for row in (*view.items, *view.gone):
        lines = row.item.source if row.item.unchanged else item_lines(row.item)
        pages[f"items/{row.id}.html"] = item_page.render(
            **common, root="../", row=row, quiet=quiet.get(row.id), lines="\n".join(lines),
            gone=row in view.gone)
    pages[CSS] = resources.files("bot.templates").joinpath("site", CSS).read_text("utf-8")
    return pages


def write_site(out: Path, pages: Mapping[str, str]) -> list[Path]:
    """Write the pages under `out` (created if need be); the paths written."""
    written = []
    for name, text in pages.items():
        path = out / name
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".todobot-", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
                handle.write(text)
            os.chmod(tmp, 0o644)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        written.append(path)
    return written

