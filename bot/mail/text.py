"""Bytes and text of a mail body → the text a person wrote.

The charset chain (declared → utf-8 → cp1252 → latin-1, so a wrong or
unknown charset never raises), format=flowed (RFC 3676) and mojibake (HTML-only
mails: `bot.mail.htmltext`). Pure functions on bytes and strings; `bot.mail.message`
calls them.
"""

import codecs
import re

_FAST_CODECS = frozenset(("utf-8", "ascii", "iso8859-1", "cp1252", "latin-1"))


def decode_chain(data: bytes, declared: str | None) -> tuple[str, str]:
    """Decode with declared -> utf-8 -> cp1252 -> latin-1; never raises.

    Returns the text and a problem ('' when the declared charset, or plain
    ASCII, did the job).
    """
    tried: list[str] = []
    if declared:
        try:
            tried.append(codecs.lookup(declared).name)
        except (LookupError, ValueError, TypeError):
            pass
    for name in tried + ["utf-8", "cp1252", "latin-1"]:
        try:
            text = data.decode(name)
            if name not in _FAST_CODECS:
                text.encode("utf-8")  # utf-7/16 can yield lone surrogates
        except (UnicodeError, LookupError):
            continue
        if tried and name == tried[0]:
            return text, ""
        if not declared:
            return text, "" if data.isascii() else f"no charset declared; read as {name}"
        if not tried:
            return text, f"unknown charset {declared!r} fell back to {name}"
        return text, f"charset {declared!r} did not decode; fell back to {name}"
    raise AssertionError("latin-1 decodes any bytes")  # pragma: no cover


_MOJIBAKE = re.compile(  # a UTF-8 lead byte, then a continuation byte, as cp1252
    "[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192"
    "\u02c6\u02dc\u2013\u2014\u2018-\u201a\u201c-\u201e\u2020-\u2022\u2026\u2030"
    "\u2039\u203a\u20ac\u2122]")
_FTFY_OFF = ("unescape_html", "remove_terminal_escapes", "restore_byte_a0",
             "replace_lossy_sequences", "fix_c1_controls", "fix_latin_ligatures",
             "fix_character_width", "uncurl_quotes", "fix_line_breaks", "fix_surrogates",
             "remove_control_chars", "explain")


def fix_mojibake(text: str) -> tuple[str, bool]:
    """Repair UTF-8 read as latin-1/cp1252 ("KÃ¤rkkÃ¤inen"), line by line.

    Only lines holding a lead+continuation pair go to ftfy, with only its
    encoding fixers on: quotes, dashes, ligatures, widths, entities, C1
    controls and normalisation stay as written, "Ã " is not taken for a lost
    NBSP, and a lossy sequence (the seed's "KÃrkkÃinen") is left alone.
    """
    if text.isascii() or not _MOJIBAKE.search(text):
        return text, False
    import ftfy

    config = ftfy.TextFixerConfig(normalization=None, **dict.fromkeys(_FTFY_OFF, False))
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if _MOJIBAKE.search(line):
            lines[i] = ftfy.fix_text(line, config)
    fixed = "\n".join(lines)
    return fixed, fixed != text


def unflow(text: str, delsp: bool) -> str:
    """RFC 3676 format=flowed: join soft breaks, unstuff, keep quote depth."""
    out: list[str] = []
    buf: str | None = None
    depth = 0
    for line in text.removesuffix("\n").split("\n"):
        content = line.lstrip(">")
        level = len(line) - len(content)
        content = content.removeprefix(" ")  # §4.4 space-stuffing
        flowed = content.endswith(" ") and content != "-- "  # §4.3 sig line
        content = content[:-1] if flowed and delsp else content
        if buf is not None and level == depth:
            buf += content
        else:  # §4.5: a depth change ends the paragraph
            if buf is not None:
                out.append(">" * depth + (" " if depth and buf else "") + buf)
            buf, depth = content, level
        if not flowed:
            out.append(">" * depth + (" " if depth and buf else "") + buf)
            buf = None
    if buf is not None:
        out.append(">" * depth + (" " if depth and buf else "") + buf)
    return "\n".join(out) + ("\n" if text.endswith("\n") else "")
