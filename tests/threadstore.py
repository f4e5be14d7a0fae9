"""A store on disk with one post imported, as `todobot init` leaves it: the thread tests'
world (a reply read against the thread, not the post alone)."""

from __future__ import annotations

from pathlib import Path

from bot.config import Config, parse_config
from bot.demo import demo_config
from bot.post import parse_post
from bot.release import Store, cycle


def config_at(folder: Path) -> Config:
    """The demo configuration with its store at `folder`/s.db (the same file each call)."""
    return parse_config(demo_config(folder / "s.db"), folder / "todobot.toml")


def store_with_post(folder: Path, text: str, thread: str, name: str) -> tuple[Config, Store]:
    config = config_at(folder)
    store = Store.open(config.database_path())
    cycle.import_post(store, config, text, parse_post(text, year=2031), thread, name)
    return config, store
