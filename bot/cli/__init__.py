"""The `todobot` command: one module per command group, wired onto one click group."""

import gc

from bot.cli.main import main

__all__ = ["main", "run"]


def run() -> None:
    """`main` as a process of its own (the console script, `python -m bot`).

    An MTA starts one `todobot ingest` per mail, and at exit CPython's last garbage
    collection walked every object the imports made (~13 ms of the mail's ~140) only
    to hand the memory back to the OS. Frozen objects are left out of it; output is
    still flushed, files closed and atexit handlers run. Tests call `main` in-process
    and keep the collector as it is."""
    try:
        main()
    finally:
        gc.freeze()
