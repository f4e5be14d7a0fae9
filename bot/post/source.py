"""Bytes that hold a post, as a file or a whole mail → Post.

A post can arrive as plain text or as the mail that carried it
(quoted-printable, base64, multipart/alternative, CRLF): the parser then
reads the decoded text/plain body, and the mail's Date gives the year.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from bot.post.parse import Post, PostParseError, parse_post

_HEADER_RE = re.compile(rb"^[A-Za-z][A-Za-z0-9-]*:[ \t]")
_MAIL_HEADERS = (b"from:", b"subject:", b"date:", b"message-id:", b"mime-version:")


def looks_like_mail(raw: bytes) -> bool:
    """An RFC 5322 header block first: a header line, and known headers before a blank line."""
    head = raw.replace(b"\r\n", b"\n").split(b"\n\n", 1)[0].lower()
    if not _HEADER_RE.match(raw) and not raw.startswith(b"From "):
        return False
    return sum(h in head for h in _MAIL_HEADERS) >= 2


@dataclass(frozen=True)
class PostSource:
    """What bytes that hold a post say: its text, and from a mail its subject,
    year (from Date) and Message-ID."""

    text: str
    subject: str = ""
    year: int | None = None
    message_id: str = ""


def post_source(raw: bytes) -> PostSource:
    """The post held in `raw`, a file or a whole mail, decoded once."""
    if looks_like_mail(raw):
        from bot.mail import parse_message

        message = parse_message(raw)
        year = message.date.year if message.date else None
        return PostSource(message.body, message.subject, year, message.message_id)
    if b"\x00" in raw:
        return PostSource(raw.decode("latin-1"))
    try:
        return PostSource(raw.decode("utf-8"))
    except UnicodeDecodeError:
        return PostSource(raw.decode("cp1252", errors="replace"))


def read_post(
    raw: bytes | PostSource,
    name: str,
    *,
    year: int | None = None,
    on_error: Callable[[str], None] | None = None,
    on_warning: Callable[[str], None] | None = None,
) -> Post:
    """The post in `raw`; a PostParseError names the line where parsing gave up.

    What the reader should know about a post that is read all the same (no
    list found) goes to `on_warning`; from the command line (`on_error`
    given) to stderr by default, one line each.
    """
    source = raw if isinstance(raw, PostSource) else post_source(raw)
    text, subject, mail_year = source.text, source.subject, source.year
    try:
        post = parse_post(text, year=year or mail_year)
    except PostParseError as error:
        if on_error is None:
            raise
        on_error(f"{name}: {error}")
        raise
    if on_warning is None and on_error is not None:
        on_warning = _to_stderr
    for warning in post.warnings if on_warning else ():
        on_warning(f"{name}: warning: {warning}")  # type: ignore[misc]
    if subject and not post.subject:
        from dataclasses import replace

        post = replace(post, subject=subject)
    return post


def _to_stderr(line: str) -> None:
    import sys

    print(line, file=sys.stderr)
