"""The `todobot` command: one module per command group, wired onto one click group,
`main` (`bot.cli.group`, loaded when asked for: an MTA's `todobot ingest` runs without
it)."""

import gc
import sys
from typing import Any

from bot import regexcache

__all__ = ["main", "run"]


def __getattr__(name: str) -> Any:
    if name == "main":
        from bot.cli.group import main

        return main
    raise AttributeError(f"module 'bot.cli' has no attribute {name!r}")


def run() -> None:
    """`main` as a process of its own (the console script, `python -m bot`).

    An MTA starts one `todobot ingest` per mail, whose imports make ~20,000 objects
    that live until exit. CPython's collector walked them some 60 times on the way
    (~5 ms, finding a few hundred cycles), and once more at exit only to hand the
    memory back to the OS (~13 ms). Here the young generation is collected every
    100,000 allocations instead of 700, and what is left at exit is frozen out of the
    last collection: stdout and stderr are still flushed and atexit handlers run (each
    command closes its store and files itself). Tests call `main` in-process and keep
    the collector as it is.

    Compiled patterns come from the previous process's cache (`bot.regexcache`); the
    plain `ingest` command lines skip click (`bot.cli.pipe`)."""
    from bot.cli.pipe import pipe_args, run_ingest

    regexcache.install()
    gc.set_threshold(100_000)
    try:
        piped = pipe_args(sys.argv[1:])
        if piped is None:
            from bot.cli.group import main

            main()
        else:
            run_ingest(*piped)
    finally:
        gc.freeze()
