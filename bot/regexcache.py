"""Compiled regular expressions kept on disk from one `todobot` process to the next.

An MTA starts one `todobot ingest` per mail, and the reply reader holds a few hundred
patterns. `re` parses and compiles a pattern in pure Python; `_sre` only builds the
matcher from the compiled opcodes, in C and in microseconds. Compiling every pattern
a mail needs took ~70 of the ~235 ms of that process on the machine we measure on
(`bench/ingest.py`'s per-process figure). So the opcodes are kept in one marshal file
per interpreter, keyed by the pattern's exact text and flags: a pattern that changes
is simply a new key, and a file from another Python (whose opcodes may differ) is
another file. Anything unreadable is ignored and compiled the ordinary way: the file
is a cache, never a source of truth.

It relies on two private names of the standard library (`re._compiler` and
`_sre.compile`, the same since 3.11); where they differ, `install` does nothing.
"""

from __future__ import annotations

import _sre
import array
import atexit
import marshal
import os
import re
import sys
from pathlib import Path
from typing import Any

try:
    from re import _compiler, _parser
except ImportError:  # another Python's private layout: no cache
    _compiler = _parser = None

_LIMIT = 5000  # entries; past it the file starts afresh (old releases' patterns)


def cache_dir() -> Path:
    """Where todobot keeps what it can always make again: `$XDG_CACHE_HOME/todobot`."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "todobot"


def default_path() -> Path | None:
    """`$TODOBOT_REGEX_CACHE` (empty: no cache), else a file of the cache folder."""
    named = os.environ.get("TODOBOT_REGEX_CACHE")
    if named is not None:
        return Path(named) if named else None
    version = "-".join(map(str, sys.version_info[:3]))
    return cache_dir() / f"regex-{sys.implementation.name}-{version}-{_sre.MAGIC}"


class RegexCache:
    """The opcodes of compiled patterns: loaded once, saved once at exit if it grew."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.entries: dict[tuple[Any, int], tuple] = self._load(path)
        self.grown = False

    @staticmethod
    def _load(path: Path) -> dict:
        try:
            entries = marshal.loads(path.read_bytes())
        except (OSError, EOFError, ValueError, TypeError):
            return {}
        return entries if isinstance(entries, dict) and len(entries) <= _LIMIT else {}

    def compile(self, pattern: Any, flags: int = 0) -> Any:
        """What `re._compiler.compile` returns, from the file when the pattern is in it."""
        if not isinstance(pattern, str | bytes) or flags & re.DEBUG:
            return _ORIGINAL(pattern, flags)
        key = (pattern, int(flags))
        known = self.entries.get(key)
        if known is not None:
            try:
                final_flags, code, groups, groupindex, indexgroup = known
                return _sre.compile(pattern, final_flags, array.array("I", code).tolist(),
                                    groups, groupindex, indexgroup)
            except (TypeError, ValueError, RuntimeError):
                del self.entries[key]
        parsed = _parser.parse(pattern, flags)
        code = [int(op) for op in _compiler._code(parsed, flags)]
        groupindex = dict(parsed.state.groupdict)
        indexgroup = [None] * parsed.state.groups
        for name, index in groupindex.items():
            indexgroup[index] = name
        entry = (int(flags | parsed.state.flags), array.array("I", code).tobytes(),
                 parsed.state.groups - 1, groupindex, tuple(indexgroup))
        self.entries[key] = entry
        self.grown = True
        return _sre.compile(pattern, entry[0], code, *entry[2:])

    def save(self) -> None:
        """Write the file whole and rename it into place: a reader never sees half."""
        if not self.grown:
            return
        entries = self.entries if len(self.entries) <= _LIMIT else {}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            partial = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
            partial.write_bytes(marshal.dumps(entries))
            os.replace(partial, self.path)
        except (OSError, ValueError):
            pass  # a cache that cannot be written only costs the next process time


_ORIGINAL: Any = None


def install(path: Path | None = None) -> RegexCache | None:
    """Route `re`'s compiling through the cache at `path` for this process."""
    global _ORIGINAL
    if (_compiler is None or not hasattr(_compiler, "_code") or not hasattr(_sre, "compile")
            or getattr(_sre, "CODESIZE", 0) != array.array("I").itemsize):
        return None
    path = path if path is not None else default_path()
    if path is None:
        return None
    cache = RegexCache(path)
    _ORIGINAL = _compiler.compile
    _compiler.compile = cache.compile
    atexit.register(cache.save)
    return cache
