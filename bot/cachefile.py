"""JSON files kept in todobot's cache folder (`bot.regexcache.cache_dir`): what a process
can always make again but need not make in every process (one per mail, from an MTA).

A file is named by a key of what it was made from, so a change is simply another
file; anything unreadable reads as absent, and a file that cannot be written only
costs the time. Writes are whole or not at all (another process may be at work)."""

from __future__ import annotations

import contextlib
import json
import os
from typing import Any

from bot.regexcache import cache_dir


def read(name: str) -> Any | None:
    """The cached value of `name`, or None when there is none to be had."""
    folder = cache_dir()
    if folder is None:
        return None
    try:
        return json.loads((folder / name).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def write(name: str, value: Any) -> None:
    folder = cache_dir()
    if folder is None:
        return
    path = folder / name
    partial = path.with_suffix(f".{os.getpid()}.tmp")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        partial.write_text(json.dumps(value), encoding="utf-8")
        os.replace(partial, path)
    except OSError:
        with contextlib.suppress(OSError):
            partial.unlink()
