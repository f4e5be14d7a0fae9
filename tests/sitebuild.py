"""The demo week's store and site, made through the real `todobot` commands (a helper
for the site tests, the browser tests and the screenshots; not a test module)."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

from bot.demo import REPLIES, demo_config, seed_path

DAY = "2012-08-20"
COMMAND = [sys.executable, "-c", "from bot.cli import main; main()"]


def todobot(config: Path, *args: str) -> str:
    result = subprocess.run([*COMMAND, "--config", str(config), *args], capture_output=True,
                            text=True, check=False)
    assert result.returncode == 0, (args, result.stdout, result.stderr)
    return result.stdout


_BUILT: dict[str, Path] = {}  # the first store made in this process, copied for the others


def demo_store(directory: Path) -> Path:
    """The seed post and its replies in a store under `directory`; the config's path.

    Made once per test process through `todobot init` and `todobot ingest`, then
    copied with SQLite's backup API (the same rows, a second or so saved per test).
    """
    config = directory / "todobot.toml"
    store = directory / "store.sqlite"
    config.write_text(demo_config(store), encoding="utf-8")
    if "store" not in _BUILT:
        first = Path(tempfile.mkdtemp(prefix="todobot-demo-store-"))
        made = first / "todobot.toml"
        made.write_text(demo_config(first / "store.sqlite"), encoding="utf-8")
        todobot(made, "init", str(seed_path(first)))
        todobot(made, "ingest", "-q", str(REPLIES))
        _BUILT["store"] = first / "store.sqlite"
    with sqlite3.connect(_BUILT["store"]) as source, sqlite3.connect(store) as target:
        source.backup(target)
    source.close()
    target.close()
    seed_path(directory)
    return config


def demo_site(directory: Path) -> Path:
    """The demo week's site, written by `todobot site`; its folder."""
    config = demo_store(directory)
    out = directory / "site"
    todobot(config, "site", str(out), "--date", DAY, "-q")
    return out
