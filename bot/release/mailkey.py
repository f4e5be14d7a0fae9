"""What makes two copies of a mail the same mail: its content, not its bytes.

Copies of one mail differ on the way (a `Received:` line more, the list's
`[Xen-devel]` tag, its footer, CRLF): the store must see them as one, so a
reply without a Message-ID is keyed by what its sender wrote, and a reused
Message-ID is told apart from a second copy by the same measure. Pure.
"""

from __future__ import annotations

import hashlib
import re

from bot.mail import Message
from bot.release.rules import clean_subject

# Mailman's footer rule: what follows it is the list's, not the sender's
_FOOTER = re.compile(r"^_{20,}[ \t]*$", re.MULTILINE)


def content_digest(message: Message) -> str:
    """sha256 of sender address, Date, cleaned Subject and the body without the
    list's footer, trailing blanks and line-end differences."""
    body = message.body
    if footer := _FOOTER.search(body):
        body = body[: footer.start()]
    lines = [line.rstrip() for line in body.replace("\r", "").split("\n")]
    while lines and not lines[-1]:
        lines.pop()
    when = message.date.isoformat() if message.date else ""
    parts = (message.from_addr, when, clean_subject(message.subject), "\n".join(lines))
    text = "\0".join(parts).encode("utf-8", "surrogatepass")
    return hashlib.sha256(text).hexdigest()


def content_key(message: Message) -> str:
    """The store key of a mail without a Message-ID: the same for every copy."""
    return "content:" + content_digest(message)


def conflict_key(message_id: str, message: Message) -> str:
    """The key of a mail that reuses another mail's Message-ID with other content
    (its own copies share it)."""
    return f"{message_id}#content:{content_digest(message)[:16]}"
