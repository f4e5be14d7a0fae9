"""Where mails come from: stdin, .eml files, mbox files, Maildir folders.

Each source yields `(name, raw bytes)` one mail at a time, so a 100 MB mbox
is never held in memory, and reports how far it got (bytes) for a progress
bar. Nothing here decodes a mail: bytes go to the store as they came.
"""

from __future__ import annotations

import os
import re
import stat
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from bot.lazy import LazyPattern

Progress = Callable[[int], None]  # called with the bytes consumed since the last call


@dataclass(frozen=True)
class Source:
    name: str  # what the user typed: "-", a file, a folder
    kind: str  # "stdin" | "eml" | "mbox" | "maildir" | "folder"
    size: int  # bytes, for a progress bar; 0 when unknown (stdin)
    paths: tuple[Path, ...] = ()


class SourceError(ValueError):
    """A path that is not a mail, an mbox or a Maildir."""


Problem = Callable[[str, bool], None]  # (what to say, was it a read error?)


def _is_maildir(path: Path) -> bool:
    return all((path / sub).is_dir() for sub in ("cur", "new"))


def _starts_mbox(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(5) == b"From "
    except OSError:
        return False  # read (and reported) as one mail, with its error


def _size(path: Path) -> int:
    try:
        found = path.lstat()
    except OSError:
        return 0
    return found.st_size if stat.S_ISREG(found.st_mode) else 0


def open_source(name: str) -> Source:
    """What `name` is; SourceError names the path and what was expected."""
    if name == "-":
        return Source("-", "stdin", 0)
    path = Path(name)
    if path.is_dir():
        if _is_maildir(path):
            # every entry, whatever it is: read_mails says why it skips one
            files = sorted(f for sub in ("new", "cur") for f in (path / sub).iterdir()
                           if not f.name.startswith("."))
            return Source(name, "maildir", sum(map(_size, files)), tuple(files))
        files = sorted(f for f in path.iterdir()
                       if f.is_file() and f.suffix.lower() in (".eml", ".mbox", ".mbx"))
        if not files:
            raise SourceError(f"{name}: a folder with no Maildir (cur/, new/) and no .eml or "
                              ".mbox files")
        return Source(name, "folder", sum(map(_size, files)), tuple(files))
    if not path.is_file():
        raise SourceError(f"{name}: no such file or folder")
    kind = "mbox" if _starts_mbox(path) else "eml"
    return Source(name, kind, path.stat().st_size, (path,))


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder (a Maildir++ subfolder is read only when named itself)"
    if stat.S_ISLNK(mode):
        return "a symbolic link (not followed: it may point anywhere)"
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a device or other special file"


def read_entry(path: Path) -> tuple[bytes | None, str, bool]:
    """(bytes, "", False) of a regular file; else (None, why it is skipped, is it a
    read error). Symbolic links are not followed and nothing blocks on a FIFO: the file
    is opened with O_NOFOLLOW | O_NONBLOCK and only then checked (no race)."""
    try:
        mode = os.lstat(path).st_mode
        if not stat.S_ISREG(mode):
            return None, f"{path}: skipped, {_kind(mode)}, not a mail", False
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError as error:
        return None, f"{path}: cannot read: {error.strerror or error}; skipped", True
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):  # swapped in after the lstat
            return None, f"{path}: skipped, not a regular file", False
        with os.fdopen(fd, "rb", closefd=False) as handle:
            return handle.read(), "", False
    except OSError as error:
        return None, f"{path}: cannot read: {error.strerror or error}; skipped", True
    finally:
        os.close(fd)


def read_mails(source: Source, progress: Progress | None = None,
               stdin: BinaryIO | None = None,
               on_problem: Problem | None = None) -> Iterator[tuple[str, bytes]]:
    """(name, raw) for every mail in the source, lazily, in order.

    An entry that is not a mail (a folder, FIFO or symbolic link in a Maildir) or
    cannot be read (EACCES, EIO) goes to `on_problem` and the run goes on; without
    `on_problem`, a read error raises OSError."""
    tick = progress or (lambda _n: None)

    def problem(text: str, read_error: bool) -> None:
        if on_problem is None:
            if read_error:
                raise OSError(text)
            return
        on_problem(text, read_error)

    if source.kind == "stdin":
        yield "<stdin>", (stdin or sys.stdin.buffer).read()
        return
    for path in source.paths:
        if source.kind == "maildir" or (path.suffix.lower() == ".eml" and
                                        not _starts_mbox(path)):
            raw, why, read_error = read_entry(path)
            if raw is None:
                problem(why, read_error)
                continue
            tick(len(raw))
            yield str(path), raw
            continue
        try:
            with path.open("rb") as handle:
                for number, raw in enumerate(split_mbox(handle, tick), 1):
                    yield f"{path}#{number}", raw
        except OSError as error:  # mails before the error were read; said, and on
            problem(f"{path}: cannot read: {error.strerror or error}; the rest skipped", True)


# mutt, Mailman and mailbox.py write `From sender asctime-date`
_SEPARATOR = LazyPattern(rb"From \S+[ \t]+[^\n]*?\b\d{1,2}:\d{2}(?::\d{2})?\b[^\n]*?\b\d{4}\b")
# without the date, or with no blank line before it: a `From address` line that a
# mail's own header block follows (a body's "From what I see" has no address)
_BARE_SEPARATOR = LazyPattern(rb"From (?:[^\s@]+@[^\s@]+|MAILER-DAEMON|-)(?:[ \t][^\n]*)?\r?\n?")
_FIRST_HEADER = LazyPattern(
    rb"(?:return-path|received|from|date|message-id|subject|to|cc|delivered-to|envelope-to"
    rb"|sender|reply-to|in-reply-to|references|mime-version|content-type|dkim-signature"
    rb"|arc-[a-z-]+|authentication-results|x-[a-z0-9-]+):", re.IGNORECASE)
_QUOTED_FROM = LazyPattern(rb"^>(>*From )")


def split_mbox(handle: BinaryIO, progress: Progress | None = None) -> Iterator[bytes]:
    """The mails of an mbox, streaming; the `From ` separator lines are dropped.

    A separator is a `From sender date` line (the asctime date is what sets
    it apart) at the start of the file or after a blank line, as mutt and
    Mailman's archives write them; or, written by hand or a careless tool,
    one without the date or without the blank line, when a header block
    follows it. A body line that merely begins "From " stays in its mail.
    Writers quote a body's own "From " lines as ">From "
    (mboxo, mboxrd): one ">" is taken off again, so the sender's words come
    back as written and are not mistaken for a quote.
    """
    tick = progress or (lambda _n: None)
    lines: list[bytes] = []
    previous_blank = True
    pending: bytes | None = None  # a bare `From addr` line: a separator if headers follow
    for line in handle:
        tick(len(line))
        if pending is not None:
            if _FIRST_HEADER.match(line):
                if lines:
                    yield _mail(lines)
                lines = []
            else:
                lines.append(pending)
            pending = None
        elif line.startswith(b"From ") and len(line) < 1000:
            if previous_blank and _SEPARATOR.match(line):
                if lines:
                    yield _mail(lines)
                lines = []
                previous_blank = False
                continue
            if _BARE_SEPARATOR.fullmatch(line) or _SEPARATOR.match(line):
                pending = line  # decided by the next line
                previous_blank = False
                continue
        lines.append(_QUOTED_FROM.sub(rb"\1", line))
        previous_blank = line in (b"\n", b"\r\n")
    if pending is not None:
        lines.append(pending)
    if lines:
        yield _mail(lines)


def _mail(lines: list[bytes]) -> bytes:
    # The blank line before the next separator belongs to the mbox, not the mail.
    if lines and lines[-1] in (b"\n", b"\r\n"):
        lines = lines[:-1]
    return b"".join(lines)
