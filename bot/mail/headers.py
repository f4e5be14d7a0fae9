"""What may go into a header line of a mail the bot sends: one check, used both
when the config is loaded and when the mail is built, so a config that loads can
always send, and nothing from a mail or the config can add a header line.
"""

from __future__ import annotations

import re
from email.utils import getaddresses

# Line breaks (CR, LF, NEL, U+2028/9) and other controls end a header line early.
CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029]")
DOMAIN = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?\Z")


class HeaderInjection(ValueError):
    """A value would have broken out of its header line."""


def clean(field: str, value: str) -> str:
    if CONTROL.search(value):
        raise HeaderInjection(f"{field} contains a line break or control character")
    return value


def one_address(field: str, value: str) -> tuple[str, str]:
    """(display name, address) of exactly one ASCII address on one line."""
    pairs = [p for p in getaddresses([clean(field, value)]) if p != ("", "")]
    if len(pairs) != 1 or "@" not in pairs[0][1]:
        raise ValueError(f"{field} must be exactly one address, got {value!r}")
    if not pairs[0][1].isascii():  # would need SMTPUTF8, which we never use
        raise ValueError(f"{field}: non-ASCII address {value!r} is not supported")
    return pairs[0]
