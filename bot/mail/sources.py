"""Where mails come from: stdin, .eml files, mbox files, Maildir folders.

Each source yields `(name, raw bytes)` one mail at a time, so a 100 MB mbox
is never held in memory, and reports how far it got (bytes) for a progress
bar. Nothing here decodes a mail: bytes go to the store as they came.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

Progress = Callable[[int], None]  # called with the bytes consumed since the last call


@dataclass(frozen=True)
class Source:
    name: str  # what the user typed: "-", a file, a folder
    kind: str  # "stdin" | "eml" | "mbox" | "maildir" | "folder"
    size: int  # bytes, for a progress bar; 0 when unknown (stdin)
    paths: tuple[Path, ...] = ()


class SourceError(ValueError):
    """A path that is not a mail, an mbox or a Maildir."""


def _is_maildir(path: Path) -> bool:
    return all((path / sub).is_dir() for sub in ("cur", "new"))


def _starts_mbox(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(5) == b"From "


def open_source(name: str) -> Source:
    """What `name` is; SourceError names the path and what was expected."""
    if name == "-":
        return Source("-", "stdin", 0)
    path = Path(name)
    if path.is_dir():
        if _is_maildir(path):
            files = sorted(f for sub in ("new", "cur") for f in (path / sub).iterdir()
                           if f.is_file() and not f.name.startswith("."))
            return Source(name, "maildir", sum(f.stat().st_size for f in files), tuple(files))
        files = sorted(f for f in path.iterdir()
                       if f.is_file() and f.suffix.lower() in (".eml", ".mbox", ".mbx"))
        if not files:
            raise SourceError(f"{name}: a folder with no Maildir (cur/, new/) and no .eml or "
                              ".mbox files")
        return Source(name, "folder", sum(f.stat().st_size for f in files), tuple(files))
    if not path.is_file():
        raise SourceError(f"{name}: no such file or folder")
    kind = "mbox" if _starts_mbox(path) else "eml"
    return Source(name, kind, path.stat().st_size, (path,))


def read_mails(source: Source, progress: Progress | None = None,
               stdin: BinaryIO | None = None) -> Iterator[tuple[str, bytes]]:
    """(name, raw) for every mail in the source, lazily, in order."""
    tick = progress or (lambda _n: None)
    if source.kind == "stdin":
        yield "<stdin>", (stdin or sys.stdin.buffer).read()
        return
    for path in source.paths:
        if source.kind == "maildir" or (path.suffix.lower() == ".eml" and
                                        not _starts_mbox(path)):
            raw = path.read_bytes()
            tick(len(raw))
            yield str(path), raw
            continue
        with path.open("rb") as handle:
            for number, raw in enumerate(split_mbox(handle, tick), 1):
                yield f"{path}#{number}", raw


_SEPARATOR = re.compile(rb"^From \S+\s+.*\b\d{1,2}:\d{2}(?::\d{2})?\b.*\b\d{4}\b")
_QUOTED_FROM = re.compile(rb"^>(>*From )")


def split_mbox(handle: BinaryIO, progress: Progress | None = None) -> Iterator[bytes]:
    """The mails of an mbox, streaming; the `From ` separator lines are dropped.

    A separator is a `From sender date` line (the asctime date is what sets
    it apart) at the start of the file or after a blank line, as mutt and
    Mailman's archives write them; a body line that merely begins "From "
    stays in its mail. Writers quote a body's own "From " lines as ">From "
    (mboxo, mboxrd): one ">" is taken off again, so the sender's words come
    back as written and are not mistaken for a quote.
    """
    tick = progress or (lambda _n: None)
    lines: list[bytes] = []
    previous_blank = True
    for line in handle:
        tick(len(line))
        if previous_blank and _SEPARATOR.match(line):
            if lines:
                yield _mail(lines)
            lines = []
            previous_blank = False
            continue
        lines.append(_QUOTED_FROM.sub(rb"\1", line))
        previous_blank = line in (b"\n", b"\r\n")
    if lines:
        yield _mail(lines)


def _mail(lines: list[bytes]) -> bytes:
    # The blank line before the next separator belongs to the mbox, not the mail.
    if lines and lines[-1] in (b"\n", b"\r\n"):
        lines = lines[:-1]
    return b"".join(lines)
