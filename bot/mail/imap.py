"""An IMAP folder, read incrementally: UIDVALIDITY and the last UID read are
remembered, so each run fetches only new mail, and a folder that was rebuilt
(a new UIDVALIDITY) is read again from the start (the store skips what it has).

The standard library's imaplib, over TLS (implicit, or STARTTLS); the folder
is opened read-only (EXAMINE) and fetched with BODY.PEEK[], so the bot never
marks anyone's mail as read. The password comes from the environment or a
file, never from the config.
"""

from __future__ import annotations

import imaplib
import os
import re
import ssl
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

BATCH = 200  # UIDs per FETCH: one round trip each, and a bounded response
_UID = re.compile(rb"\bUID (\d+)")


class ImapError(RuntimeError):
    """The server cannot be reached or refuses; the message is one line."""


@dataclass(frozen=True)
class ImapMail:
    uid: int
    raw: bytes


def password(entry: Mapping[str, Any], base: Path) -> str:
    if entry.get("password_env"):
        value = os.environ.get(entry["password_env"])
        if value is None:
            raise ImapError(f"the environment has no {entry['password_env']} (the IMAP "
                            "password)")
        return value
    path = base / os.path.expanduser(entry["password_file"])
    try:
        return path.read_text(encoding="utf-8").rstrip("\r\n")
    except (OSError, UnicodeDecodeError) as error:
        raise ImapError(f"{path}: cannot read the IMAP password: {error}") from None


def parse_position(text: str) -> tuple[int, int]:
    """(UIDVALIDITY, last UID) from "validity:uid"; (0, 0) the first time."""
    validity, _, uid = text.partition(":")
    try:
        return int(validity), int(uid)
    except ValueError:
        return 0, 0


def connect(entry: Mapping[str, Any], secret: str) -> imaplib.IMAP4:
    context = ssl.create_default_context(cafile=entry.get("cert_bundle") or None)
    host, timeout = entry["host"], float(entry.get("timeout", 60))
    security = entry.get("security", "tls")
    port = int(entry.get("port", 993 if security == "tls" else 143))
    try:
        if security == "tls":
            client: imaplib.IMAP4 = imaplib.IMAP4_SSL(host, port, ssl_context=context,
                                                      timeout=timeout)
        else:
            client = imaplib.IMAP4(host, port, timeout=timeout)
            client.starttls(ssl_context=context)
        client.login(entry["username"], secret)
    except (OSError, imaplib.IMAP4.error, ssl.SSLError) as error:
        raise ImapError(f"imap {host}:{port}: {error}") from None
    return client


def read_folder(client: imaplib.IMAP4, folder: str, position: str
                ) -> Iterator[ImapMail | str]:
    """New mails in UID order; after each batch, the position to remember
    ("validity:uid")."""
    try:
        kind, data = client.select(_quote(folder), readonly=True)
        if kind != "OK":
            raise ImapError(f"imap: cannot open folder {folder!r}: {_text(data)}")
        validity = int((client.response("UIDVALIDITY")[1] or [b"0"])[0] or 0)
        known, last = parse_position(position)
        if known != validity:
            last = 0
        kind, data = client.uid("SEARCH", None, f"UID {last + 1}:*")
        uids = sorted(u for u in map(int, (data[0] or b"").split()) if u > last)
        for start in range(0, len(uids), BATCH):
            batch = uids[start:start + BATCH]
            kind, data = client.uid("FETCH", ",".join(map(str, batch)), "(UID BODY.PEEK[])")
            if kind != "OK":
                raise ImapError(f"imap: FETCH failed: {_text(data)}")
            for part in data:
                if isinstance(part, tuple) and (m := _UID.search(part[0])):
                    yield ImapMail(int(m.group(1)), part[1])
            yield f"{validity}:{batch[-1]}"
        if not uids and known != validity:
            yield f"{validity}:{last}"
    except (OSError, imaplib.IMAP4.error, ssl.SSLError) as error:
        raise ImapError(f"imap: {error}") from None


def _quote(folder: str) -> str:
    """A folder name as an IMAP quoted string (a name with spaces would split)."""
    return '"' + folder.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _text(data: Any) -> str:
    return " ".join(d.decode("utf-8", "replace") if isinstance(d, bytes) else str(d)
                    for d in data or [])
