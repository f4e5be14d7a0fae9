"""Compiled regular expressions kept on disk from one `todobot` process to the next.

An MTA starts one `todobot ingest` per mail, and the reply reader holds a few hundred
patterns. `re` parses and compiles a pattern in pure Python; `_sre` only builds the
matcher from the compiled opcodes, in C and in microseconds. Compiling every pattern
a mail needs took ~70 of the ~235 ms of that process on the machine we measure on
(`bench/cycle.py`'s per-process figure). So the opcodes are kept in one marshal file
per interpreter, keyed by the pattern's exact text and flags: a pattern that changes
is simply a new key, and a file another Python wrote (whose opcodes may differ) is
ignored, by the interpreter's tag stored in it. Anything unreadable is ignored and
compiled the ordinary way: the file is a cache, never a source of truth.

The same file keeps the compiled code of the methods `dataclasses` writes for each
class (~190 functions, whose compiling was ~23 ms of every process), keyed by their
source text: code the standard library generated, loaded as Python loads its own
bytecode caches, from the user's own cache folder.

It relies on private names of the standard library (`re._compiler`, `_sre.compile`,
the same since 3.11; the module name `exec` inside `dataclasses`); where they differ,
`install` leaves that part alone.
"""

from __future__ import annotations

import _sre
import array
import atexit
import contextlib
import dataclasses
import marshal
import os
import re
import sys
from pathlib import Path
from types import CodeType
from typing import Any

try:
    from re import _compiler, _parser
except ImportError:  # another Python's private layout: no cache
    _compiler = _parser = None

_LIMIT = 2000  # entries kept: those this process used first, then the rest
# what the file's opcodes are valid for: a file written by another interpreter is ignored
_TAG = (sys.implementation.name, tuple(sys.version_info[:3]), getattr(_sre, "MAGIC", 0),
        getattr(_sre, "CODESIZE", 0))
_PLAIN = _compiler.compile if _compiler is not None else None


def cache_dir() -> Path | None:
    """Where todobot keeps what it can always make again: `$XDG_CACHE_HOME/todobot`;
    None with no home to put it in (a user without one: no cache, not `./~`)."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "todobot" if os.path.isabs(base) else None


def default_path() -> Path | None:
    """`$TODOBOT_REGEX_CACHE` (empty: no cache), else a file of the cache folder."""
    named = os.environ.get("TODOBOT_REGEX_CACHE")
    if named is not None:
        return Path(named) if named else None
    folder = cache_dir()
    version = "-".join(map(str, sys.version_info[:3]))
    return folder / f"regex-{sys.implementation.name}-{version}" if folder else None


class RegexCache:
    """The opcodes of compiled patterns: loaded once, saved once at exit if it grew.

    Patterns made from a mail's words (a section or a name it says) are new keys in
    every process; so the file keeps at most `_LIMIT` entries, those this process
    used first, and a save merges what another process wrote meanwhile."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.entries: dict[tuple[Any, int], tuple] = self._load(path)
        self.used: set[tuple[Any, int]] = set()
        self.grown = False

    @staticmethod
    def _load(path: Path) -> dict:
        try:
            if not _own_file(path):
                return {}  # (it holds code this process runs: only a file of the user's own)
            tag, entries = marshal.loads(path.read_bytes())
        except (OSError, EOFError, ValueError, TypeError):
            return {}
        return entries if tag == _TAG and isinstance(entries, dict) else {}

    def compile(self, pattern: Any, flags: int = 0) -> Any:
        """What `re._compiler.compile` returns, from the file when the pattern is in it."""
        if type(pattern) not in (str, bytes) or flags & re.DEBUG:
            return _PLAIN(pattern, flags)
        key = (pattern, int(flags))
        known = self.entries.get(key)
        if known is not None:
            try:
                final_flags, code, groups, groupindex, indexgroup = known
                made = _sre.compile(pattern, final_flags, array.array("I", code).tolist(),
                                    groups, groupindex, indexgroup)
                self.used.add(key)
                return made
            except Exception:  # noqa: BLE001 - a damaged entry: compile it afresh
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
        self.used.add(key)
        self.grown = True
        return _sre.compile(pattern, entry[0], code, *entry[2:])

    def run_generated(self, source: str, globals_: dict | None = None,
                      namespace: dict | None = None) -> None:
        """`exec` of the source `dataclasses` generates for each class's methods, its
        compiled code kept like a pattern's opcodes: compiling ~190 such functions cost
        ~23 ms of every `todobot ingest` (bench/cycle.py), loading them ~1 ms."""
        key = ("dataclass-code", source)  # (not the first version's "exec": compiled
        # under this module's future import)
        code = self.entries.get(key)
        if not isinstance(code, CodeType):
            code = compile(source, "<string>", "exec", dont_inherit=True)  # (not this
            # module's `from __future__ import annotations`: dataclasses' own semantics)
            self.entries[key] = code
            self.grown = True
        self.used.add(key)
        exec(code, globals_, namespace)  # noqa: S102 - dataclasses' own generated source

    def save(self) -> None:
        """Merge with the file as it is now, keep this process's patterns first, and
        write it whole under a new name renamed into place: a reader never sees half."""
        if not self.grown:
            return
        merged = {**self._load(self.path), **self.entries}
        kept = {key: merged[key] for key in self.used if key in merged}
        for key in merged:
            if len(kept) >= _LIMIT:
                break
            kept.setdefault(key, merged[key])
        partial = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            partial.write_bytes(marshal.dumps((_TAG, kept)))
            partial.chmod(0o600)  # (read back only as the user's own: `_own_file`)
            os.replace(partial, self.path)
        except (OSError, ValueError):
            with contextlib.suppress(OSError):
                partial.unlink()  # a cache that cannot be written only costs time


def _own_file(path: Path) -> bool:
    """Whether the file is this user's and nobody else may write it: it is read as code."""
    found = os.stat(path)
    owner = getattr(os, "getuid", lambda: found.st_uid)()
    return found.st_uid == owner and not found.st_mode & 0o022


def install(path: Path | None = None) -> RegexCache | None:
    """Route `re`'s compiling through the cache at `path` for this process."""
    if (_compiler is None or not hasattr(_compiler, "_code") or not hasattr(_sre, "compile")
            or getattr(_sre, "CODESIZE", 0) != array.array("I").itemsize):
        return None
    path = path if path is not None else default_path()
    if path is None:
        return None
    cache = RegexCache(path)
    _compiler.compile = cache.compile
    if hasattr(dataclasses, "_create_fn") or hasattr(dataclasses, "_FuncBuilder"):
        dataclasses.exec = cache.run_generated  # type: ignore[attr-defined]  # (its module's
        # name for the builtin: every class it makes from here on compiles through the file)
    atexit.register(cache.save)
    return cache
