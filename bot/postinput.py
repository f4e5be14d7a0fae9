"""Bytes that hold a post, as a file or a whole mail → Post.

A post can arrive as plain text or as the mail that carried it
(quoted-printable, base64, multipart/alternative, CRLF): the parser then
reads the decoded text/plain body, and the mail's Date gives the year.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from bot.post import Post, PostParseError, parse_post

_HEADER_RE = re.compile(rb"^[A-Za-z][A-Za-z0-9-]*:[ \t]")
_MAIL_HEADERS = (b"from:", b"subject:", b"date:", b"message-id:", b"mime-version:")


def looks_like_mail(raw: bytes) -> bool:
    """An RFC 5322 header block first: a header line, and known headers before a blank line."""
    head = raw.replace(b"\r\n", b"\n").split(b"\n\n", 1)[0].lower()
    if not _HEADER_RE.match(raw) and not raw.startswith(b"From "):
        return False
    return sum(h in head for h in _MAIL_HEADERS) >= 2


def post_text(raw: bytes) -> tuple[str, str, int | None]:
    """(text, subject, year) of the post held in `raw`."""
    if looks_like_mail(raw):
        from bot.mail import parse_message

        message = parse_message(raw)
        return message.body, message.subject, message.date.year if message.date else None
    if b"\x00" in raw:
        return raw.decode("latin-1"), "", None
    try:
        return raw.decode("utf-8"), "", None
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace"), "", None


def read_post(
    raw: bytes,
    name: str,
    *,
    year: int | None = None,
    on_error: Callable[[str], None] | None = None,
) -> Post:
    """The post in `raw`; a PostParseError names the line where parsing gave up."""
    text, subject, mail_year = post_text(raw)
    try:
        post = parse_post(text, year=year or mail_year)
    except PostParseError as error:
        if on_error is None:
            raise
        on_error(f"{name}: {error}")
        raise
    if subject and not post.subject:
        from dataclasses import replace

        post = replace(post, subject=subject)
    return post
