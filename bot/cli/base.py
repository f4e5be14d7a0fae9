"""What every command shares and the MTA's pipe needs: exit codes, one-line failures,
reading input, and the configuration and store of one run. No click here: `todobot
ingest` on a pipe (`bot.cli.pipe`) runs without loading the CLI framework.

Exit codes follow sysexits(3) so an MTA pipe does the right thing: 0 done, 1 refused
(e.g. nothing to approve), 2 bad usage or input that is not what the command reads,
65 (EX_DATAERR) a mail that could not be read at all (it is kept), 75 (EX_TEMPFAIL)
the store is busy or cannot be opened (the MTA retries), 78 a bad config.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.config import Config
    from bot.release import Store

EX_REFUSED = 1
EX_USAGE_INPUT = 2
EX_DATAERR = 65
EX_TEMPFAIL = 75
EX_CONFIG = 78


def say(message: str) -> None:
    """A line on stderr, for the person (or the MTA's log) watching."""
    print(message, file=sys.stderr, flush=True)


def fail(message: str, code: int = EX_USAGE_INPUT) -> None:
    """One line on stderr and a meaningful exit status; never a traceback."""
    say(f"todobot: {message}")
    sys.exit(code)


def read_input(path: str) -> bytes:
    try:
        if path == "-":
            return sys.stdin.buffer.read()
        return Path(path).read_bytes()
    except OSError as error:
        fail(f"{path}: cannot read: {error.strerror or error}")
        raise  # unreachable: fail() exits


def actor(config: Config) -> str:
    """Who did it, for the log: the RM, as the login that ran the command."""
    import getpass

    rm = next(p for p in config.people if p.role == "rm")
    return f"{rm.name} (as {getpass.getuser()})"


def load(config_path: str | None, code: int = EX_CONFIG) -> Config:
    """The configuration (None: $TODOBOT_CONFIG, else ./todobot.toml); exits with one
    line, and `code`, if it is bad."""
    from bot.config import ConfigError, load_config

    try:
        return load_config(config_path)
    except ConfigError as error:
        fail(str(error), code)
        raise


@contextmanager
def open_store(config_path: str | None,
               busy_code: int = EX_TEMPFAIL) -> Iterator[tuple[Config, Store]]:
    """(config, store) for one command; StoreBusy → exit 75, CycleError → exit 1."""
    from bot.release import CycleError, Store, StoreBusy, StoreError

    config = load(config_path, EX_TEMPFAIL if busy_code == EX_TEMPFAIL else EX_CONFIG)
    try:
        store = Store.open(config.database_path(), config.busy_timeout_ms)
    except StoreBusy as error:
        fail(str(error), EX_TEMPFAIL)
        raise
    except StoreError as error:
        fail(str(error), busy_code)
        raise
    try:
        yield config, store
    except StoreBusy as error:
        fail(f"{error}; try again later", EX_TEMPFAIL)
    except StoreError as error:  # damaged after it opened: still one line, never a traceback
        fail(str(error), busy_code)
    except CycleError as error:
        fail(str(error), EX_REFUSED)
    finally:
        store.close()
