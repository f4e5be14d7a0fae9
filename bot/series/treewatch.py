"""The tree into the series tables: each watched branch read from its last commit;
a commit carrying a tracked patch is recorded as that patch's "committed" event."""

from __future__ import annotations

from bot.config import Config
from bot.release import Store
from bot.series import store as db
from bot.series.tree import Commit, TreeError, new_commits

_CHUNK = 500  # titles per query (SQLite's parameter limit is higher; this stays small)


def watch_tree(store: Store, config: Config) -> int:
    """Events recorded for commits on the watched branches since the last run."""
    from bot.series.sync import SyncError

    path = config.relative(config.tree["path"])
    found = 0
    for branch in config.tree.get("branches", ["master"]):
        key = f"tree:{path}:{branch}"
        try:
            commits = list(new_commits(path, branch, db.position(store, key)))
        except TreeError as error:
            raise SyncError(str(error)) from None
        with store.write():
            found += _match(store, commits, branch)
            if commits:
                db.remember(store, key, commits[-1].sha)
    return found


def _match(store: Store, commits: list[Commit], branch: str) -> int:
    by_title: dict[str, list] = {}
    keys = list({c.key for c in commits})
    for start in range(0, len(keys), _CHUNK):
        for row in db.patches_titled(store, keys[start:start + _CHUNK]):
            if row["number"] > 0 or not _is_cover(store, row):
                by_title.setdefault(row["title"], []).append(row)
    found = 0
    for commit in commits:
        rows = list(by_title.get(commit.key, []))
        rows += [r for i in commit.ids if (r := db.patch(store, i)) is not None]
        for row in {r["message_id"]: r for r in rows}.values():
            found += db.add_event(store, row["message_id"], "committed",
                                  f"{commit.author} ({branch})", commit.sha, commit.date,
                                  commit.subject)
    return found


def _is_cover(store: Store, row) -> bool:
    return db.version(store, row["version_id"]).total > 0
