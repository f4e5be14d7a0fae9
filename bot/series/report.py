"""`todobot series [ITEM]`: for each tracked item, its series, the versions with
dates and links, and per patch its reviews and where it was merged, each with
its evidence. Text for a terminal; read-only."""

from __future__ import annotations

from bot.config import Config
from bot.release import Store
from bot.series import store as db
from bot.series.items import tie
from bot.series.links import archive_link
from bot.series.progress import MERGED, REVIEWED


def series_report(store: Store, config: Config, only: int | None = None) -> list[str]:
    from bot.release import current_state, item_paths

    state = current_state(store, config)
    titles = {r["title"]: r["id"] for r in db.all_series(store)}
    archive = config.series.get("archive", f"https://lore.kernel.org/{config.list_name}/")
    min_score = float(config.series.get("min_title_score", 90))
    out: list[str] = []
    for path, item in item_paths(state.post).items():
        item_id = state.ids.get(path)
        if item_id is None or item.placeholder or (only is not None and item_id != only):
            continue
        found = tie(store, item, titles, min_score)
        if found is None:
            if only is not None:
                out.append(f"#{item_id} {item.text}\n    no series tied (no archive link, no "
                           "title close enough)")
            continue
        out.append(f"#{item_id} {item.text}  [{item.status}]")
        out.append(f"    series {found.series_id}, tied by {found.how}")
        for version in db.versions(store, found.series_id):
            when = (version.date or "")[:10]
            tag = f", for {version.for_release}" if version.for_release else ""
            out.append(f"    v{version.version} {when} {archive_link(archive, version.root)}"
                       f"{tag}")
            for patch in db.patches(store, version.id):
                if patch["number"] == 0 and version.total > 0:
                    continue
                out.append(f"        {patch['subject']}")
                for event in db.events(store, patch["message_id"]):
                    kind = event["kind"]
                    where = (f"<{event['evidence']}>" if "@" in event["evidence"]
                             else f"commit {event['evidence'][:12]}")
                    what = ("merged" if kind in MERGED else kind if kind in REVIEWED
                            or kind == "tested" else "asked for a new version")
                    said = f': "{event["words"]}"' if event["words"] else ""
                    out.append(f"            {what} by {event['who']}, "
                               f"{(event['at'] or '')[:10]}, {where}{said}")
        logged = store.changes("c.item_id = ? AND c.source LIKE ?", item_id,
                               f"series:{item_id}:%")
        if logged:
            out.append("    changes it made:")
        for change in logged:
            value = change.change.value
            out.append(f"        #{change.id} {change.change.kind} → {value} ({change.state}; "
                       f"{', '.join(change.change.reasons)})")
    return out
