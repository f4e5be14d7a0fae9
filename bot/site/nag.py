"""`todobot nag`: one ping mail per owner of stale items, for the RM to approve. Pure.

The mail quotes each item as the post writes it (its own lines, or the
house style's re-write of a changed item), under its section's heading,
so the owner can answer inline exactly as they answer the weekly post.
An owner the config cannot give an address to is reported, not guessed.
Sending, exactly once, is `bot.send.pings`; the "Ping sent" it records
on each item is `bot.release.record_ping`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from bot.config import Config
from bot.post import item_lines
from bot.site.facts import ItemView, ReleaseView
from bot.site.stale import Quiet


@dataclass(frozen=True)
class PingDraft:
    owner: str  # the person's name as the config spells it
    address: str
    subject: str
    body: str
    items: tuple[tuple[int, str], ...]  # (item id, item text), for the "Ping sent" record


def _weeks(weeks: float) -> str:
    return f"{weeks:g} week{'s' if weeks != 1 else ''}"


def item_quote(view: ItemView) -> list[str]:
    return list(view.item.source) if view.item.unchanged else item_lines(view.item)


def by_owner(views: Sequence[ItemView], quiet: Mapping[int, Quiet],
             config: Config) -> tuple[dict[str, list[ItemView]], list[str]]:
    """Stale items per person in [[people]]; and the owners nobody could be found for."""
    roster = config.roster
    found: dict[str, list[ItemView]] = {}
    unknown: list[str] = []
    for view in views:
        if view.id not in quiet:
            continue
        if not view.item.owners:
            unknown.append(f"#{view.id} {view.item.text[:40]!r}: it names no owner")
        for owner in view.item.owners:
            name = roster.get(owner.strip().lower())
            person = next((p for p in config.people if p.name == name), None)
            if person is None or not person.addresses:
                unknown.append(f"#{view.id} {owner!r}: not in [[people]] with an address")
            elif view not in found.setdefault(person.name, []):
                found[person.name].append(view)
    return found, unknown


def ping_body(name: str, views: Sequence[ItemView], quiet: Mapping[int, Quiet],
              release: ReleaseView, weeks: float, rm: str) -> str:
    import textwrap

    first = name.split()[0] if name.split() else name
    intro = (f"These items of the {release.subject} name you and have had no news for "
             f"{_weeks(weeks)} or more: where do they stand? A reply under the item "
             f'("done", "patch posted", "not for {release.name}") is enough; todobot reads '
             "it like a reply to the weekly post.")
    lines = [f"Hello {first},", "", *textwrap.wrap(intro, 70), ""]
    section = None
    for view in views:
        if view.section != section:
            section = view.section
            lines += [f"{section}:", ""]
        lines += item_quote(view)
        lines += [f"      (no news since {quiet[view.id].since.isoformat()})", ""]
    lines += ["Thanks,", f"todobot, for {rm}"]
    return "\n".join(lines) + "\n"


def ping_drafts(release: ReleaseView, quiet: Mapping[int, Quiet], config: Config,
                weeks: float) -> tuple[list[PingDraft], list[str]]:
    """One PingDraft per owner with stale items; and the problems to show the RM."""
    rm = next(p.name for p in config.people if p.role == "rm")
    owners, unknown = by_owner(release.items, quiet, config)
    drafts = []
    for name, views in sorted(owners.items()):
        person = next(p for p in config.people if p.name == name)
        count = f"{len(views)} item{'s' if len(views) != 1 else ''}"
        subject = f"Ping: {count} of the {release.subject} with no news for {_weeks(weeks)}"
        drafts.append(PingDraft(name, person.addresses[0], subject,
                                ping_body(name, views, quiet, release, weeks, rm),
                                tuple((v.id, v.item.text) for v in views)))
    return drafts, unknown
