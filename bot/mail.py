"""Mail bytes -> decoded Message: the one place that knows about MIME.

Parsing path (see LIBRARY-NOTES.md for the measured rates): the stdlib's
compat32 parser does the work, because it is the fastest correct one.  A
single-part mail is read with the header-only parser (its body stays the
raw payload, which ``get_payload(decode=True)`` decodes just as well); only
``multipart/*`` and ``message/*`` mails get the full parse.  Headers are
decoded here (RFC 2047, raw 8-bit), not by ``policy=default``, whose header
classes cost 75 % of its time.  Text is always decoded from the payload
*bytes* through a charset chain, so the stdlib trap of 8-bit text read as
ASCII never bites.  mail-parser is the rescue path when no unnamed text part
is found (it also reads named inline text bodies); it and ftfy are imported
only when needed, because an MTA starts one process per mail.
"""

import binascii
import codecs
import hashlib
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from email import message_from_bytes
from email.message import Message as _EmailMessage
from email.parser import BytesHeaderParser
from email.policy import compat32
from email.utils import parseaddr, parsedate_tz
from html.parser import HTMLParser
from types import MappingProxyType

__all__ = ["Message", "message_key", "parse_message", "quick_headers"]

_KEPT_HEADERS = ("list-id", "auto-submitted", "precedence", "x-loop",
                 "x-todobot-token", "x-todobot", "content-type", "reply-to",
                 "return-path")
_QUICK_HEADERS = ("message-id", "in-reply-to", "references", "subject", "from",
                  "auto-submitted", "precedence", "x-loop", "list-id")
_WANTED = frozenset(_KEPT_HEADERS + _QUICK_HEADERS + ("date", "dkim-signature"))
_ID_HEADERS = ("message-id", "in-reply-to")


@dataclass(frozen=True)
class Message:
    """One mail, decoded; ``raw`` keeps the bytes exactly as they came."""

    message_id: str
    in_reply_to: str
    references: tuple[str, ...]
    from_name: str
    from_addr: str
    date: datetime | None
    subject: str
    body: str
    headers: Mapping[str, str] = field(hash=False)
    defects: tuple[str, ...]
    raw: bytes


# -- headers ---------------------------------------------------------------

_FOLD = re.compile(r"[ \t]*\r?\n[ \t]*|\r")
_ENCODED_WORD = re.compile(r"=\?([^?\s]+)\?([QqBb])\?([^?\s]*)\?=")
_HAS_ZONE = re.compile(r"[+-]\d{4}\s*(\(.*\))?\s*$|[A-Za-z]{1,5}\s*$")


def _unfold(value: str) -> str:
    """RFC 5322 unfolding; a fold and the blanks around it become one space."""
    return _FOLD.sub(" ", value).strip()


def _to_bytes(value: str) -> bytes:
    # compat32 carries raw 8-bit header bytes as surrogate escapes.
    return value.encode("utf-8", "surrogateescape")


def _header_text(value: str) -> str:
    """Unfold, read raw 8-bit bytes, decode RFC 2047 encoded-words."""
    value = _unfold(value)
    if not value.isascii():
        value = _decode_chain(_to_bytes(value), None)[0]
    return _decode_words(value) if "=?" in value else value


def _decode_words(text: str) -> str:
    """RFC 2047 decoding, lenient: words glued to text, split UTF-8 runs."""
    out: list[str] = []
    run: list[tuple[str, bytes]] = []
    pos = 0
    for m in _ENCODED_WORD.finditer(text):
        gap = text[pos:m.start()]
        # RFC 2047 §6.2: blanks between adjacent encoded-words are dropped.
        if not run or gap.strip():
            _flush_words(run, out)
            out.append(gap)
        charset = m.group(1).split("*")[0].lower()  # RFC 2231 language tag
        data = _to_bytes(m.group(3))
        try:
            if m.group(2) in "Bb":
                data = binascii.a2b_base64(data + b"=" * (-len(data) % 4))
            else:
                data = binascii.a2b_qp(data, header=True)
        except ValueError:
            charset, data = "ascii", _to_bytes(m.group(0))
        # Mailers split one multi-byte character over two words: glue them.
        if run and run[-1][0] == charset:
            run[-1] = (charset, run[-1][1] + data)
        else:
            run.append((charset, data))
        pos = m.end()
    _flush_words(run, out)
    out.append(text[pos:])
    return "".join(out)


def _flush_words(run: list[tuple[str, bytes]], out: list[str]) -> None:
    out.extend(_decode_chain(data, charset)[0] for charset, data in run)
    run.clear()


def _strip_comments(value: str) -> str:
    """Drop RFC 5322 comments, e.g. Emacs' ``<id> (message from Foo ...)``."""
    if "(" not in value:
        return value
    out: list[str] = []
    depth, angle, quote, escaped = 0, False, False, False
    for ch in value:
        if escaped:
            escaped = False
            if not depth:
                out.append(ch)
            continue
        if ch == "\\" and (depth or quote):
            escaped = True
            if not depth:
                out.append(ch)
            continue
        if depth:
            depth += {"(": 1, ")": -1}.get(ch, 0)
            continue
        if quote:
            quote = ch != '"'
        elif ch == "<":
            angle = True
        elif ch == ">":
            angle = False
        elif ch == '"' and not angle:
            quote = True
        elif ch == "(" and not angle:
            depth = 1
            out.append(" ")
            continue
        out.append(ch)
    return "".join(out)


_MSG_ID = re.compile(r"<([^<>]*)>")


def _msg_ids(value: str) -> tuple[str, ...]:
    """Message-ids in order, without <>; bare ids only when none is bracketed."""
    value = _strip_comments(_unfold(value))
    ids = ["".join(i.split()) for i in _MSG_ID.findall(value)]
    if not any(ids):
        ids = [t.strip("<>,;") for t in value.split() if "@" in t]
    return tuple(dict.fromkeys(i for i in ids if i))


def _first_id(value: str) -> str:
    ids = _msg_ids(value)
    if ids:
        return ids[0]
    bare = _strip_comments(_unfold(value)).strip().strip("<>")
    return bare if bare and " " not in bare else ""


def _parse_date(value: str | None, defects: list[str]) -> datetime | None:
    """RFC 5322 date, kept in the mail's own offset (the sender's day)."""
    if not value:
        defects.append("no Date header")
        return None
    value = _unfold(value)
    try:
        t = parsedate_tz(value)
        if t is None:
            raise ValueError(value)
        offset = t[9] or 0
        if value.rstrip().endswith("-0000") or not _HAS_ZONE.search(value):
            defects.append(f"Date {value!r} has no time zone; assumed UTC")
        return datetime(*t[:6], tzinfo=timezone(timedelta(seconds=offset)))
    except (ValueError, OverflowError, TypeError, IndexError):
        defects.append(f"bad Date header {value!r}")
        return None


# -- text ------------------------------------------------------------------

_FAST_CODECS = frozenset(("utf-8", "ascii", "iso8859-1", "cp1252", "latin-1"))


def _decode_chain(data: bytes, declared: str | None) -> tuple[str, str]:
    """Decode with declared -> utf-8 -> cp1252 -> latin-1; never raises.

    Returns the text and a problem description ('' when the declared charset,
    or plain ASCII, did the job).
    """
    tried: list[str] = []
    unknown = False
    if declared:
        try:
            tried.append(codecs.lookup(declared).name)
        except (LookupError, ValueError, TypeError):
            unknown = True
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
            ok = data.isascii()
            return text, "" if ok else f"no charset declared; read as {name}"
        what = "unknown charset" if unknown else "charset"
        verb = "fell back to" if unknown else "did not decode; fell back to"
        return text, f"{what} {declared!r} {verb} {name}"
    raise AssertionError("latin-1 decodes any bytes")  # pragma: no cover


_MOJIBAKE = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e"
    "\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201a\u201c-\u201e\u2020-\u2022"
    "\u2026\u2030\u2039\u203a\u20ac\u2122]"
)


def _fix_mojibake(text: str) -> tuple[str, bool]:
    """Repair UTF-8 read as latin-1/cp1252 ("KÃ¤rkkÃ¤inen"), line by line.

    Only lines showing a UTF-8 lead+continuation pair are handed to ftfy,
    with every fixer but the encoding ones off: quotes, dashes, ligatures,
    widths, HTML entities and NFC normalisation stay as the sender wrote
    them, and a lossy sequence (the seed's "KÃrkkÃinen") is left alone.
    """
    if text.isascii() or not _MOJIBAKE.search(text):
        return text, False
    import ftfy

    config = ftfy.TextFixerConfig(
        unescape_html=False, remove_terminal_escapes=False,
        restore_byte_a0=False, replace_lossy_sequences=False,
        fix_c1_controls=False, fix_latin_ligatures=False,
        fix_character_width=False, uncurl_quotes=False, fix_line_breaks=False,
        fix_surrogates=False, remove_control_chars=False, normalization=None,
        explain=False,
    )
    lines = text.split("\n")
    changed = False
    for i, line in enumerate(lines):
        if _MOJIBAKE.search(line):
            fixed = ftfy.fix_text(line, config)
            changed |= fixed != line
            lines[i] = fixed
    return "\n".join(lines), changed


def _unflow(text: str, delsp: bool) -> str:
    """RFC 3676 format=flowed: join soft breaks, unstuff, keep quote depth."""
    trailing = text.endswith("\n")
    out: list[str] = []
    buf: str | None = None
    buf_depth = 0
    for line in (text[:-1] if trailing else text).split("\n"):
        content = line.lstrip(">")
        depth = len(line) - len(content)
        if content.startswith(" "):
            content = content[1:]  # §4.4 space-stuffing
        flowed = content.endswith(" ") and content != "-- "  # §4.3 sig line
        if flowed and delsp:
            content = content[:-1]
        if buf is not None and depth == buf_depth:
            buf += content
        else:
            if buf is not None:  # §4.5: a depth change ends the paragraph
                out.append(_requote(buf_depth, buf))
            buf, buf_depth = content, depth
        if not flowed:
            out.append(_requote(buf_depth, buf))
            buf = None
    if buf is not None:
        out.append(_requote(buf_depth, buf))
    return "\n".join(out) + ("\n" if trailing else "")


def _requote(depth: int, content: str) -> str:
    if not depth:
        return content
    return ">" * depth + (" " + content if content else "")


# -- HTML-only mail ----------------------------------------------------------

_BLOCK_TAGS = frozenset(
    "p div tr table ul ol li dl dt dd h1 h2 h3 h4 h5 h6 pre address center "
    "section article header footer".split())
_HIDDEN_TAGS = frozenset(("head", "style", "script", "title"))
_HTML_SPACE = re.compile(r"[ \t\r\n\f]+")


class _HtmlText(HTMLParser):
    """HTML to the text a plain-text mailer would have sent.

    <br>, <p>, <div> end lines; <blockquote> (Gmail, Thunderbird, Apple
    Mail quoting) becomes '> ' prefixed lines; <hr> becomes Outlook's
    plain-text separator so its "From:/Sent:" block is recognised.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.buf: list[str] = []
        self.depth = self.hidden = self.pre = 0

    def _flush(self, force: bool = False) -> None:
        if self.buf or force:
            text = "".join(self.buf).replace("\xa0", " ").rstrip()
            self.lines.append(("> " * self.depth + text).rstrip())
        self.buf = []

    def handle_starttag(self, tag: str, attrs: object) -> None:
        if tag in _HIDDEN_TAGS:
            self.hidden += 1
        elif tag == "br":
            self._flush(force=True)
        elif tag == "hr":
            self._flush()
            self.lines.append("> " * self.depth + "_" * 32)
        elif tag == "blockquote":
            self._flush()
            self.depth += 1
        elif tag in _BLOCK_TAGS:
            self._flush()
            self.pre += tag == "pre"
            if tag == "li":
                self.buf.append("* ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN_TAGS:
            self.hidden = max(0, self.hidden - 1)
        elif tag == "blockquote":
            self._flush()
            self.depth = max(0, self.depth - 1)
        elif tag in _BLOCK_TAGS:
            self._flush()
            self.pre = max(0, self.pre - (tag == "pre"))

    def handle_data(self, data: str) -> None:
        if self.hidden:
            return
        if self.pre:
            *done, data = data.split("\n")
            for piece in done:
                self.buf.append(piece)
                self._flush(force=True)
        else:
            data = _HTML_SPACE.sub(" ", data)
            if not self.buf or self.buf[-1].endswith(" "):
                data = data.lstrip(" ")
        if data:
            self.buf.append(data)


def html_to_text(html: str) -> str:
    """Text of an HTML-only mail (entities unescaped, quotes as '> ')."""
    parser = _HtmlText()
    parser.feed(html)
    parser.close()
    parser._flush()
    return "\n".join(parser.lines).strip("\n") + "\n"


# -- MIME parts ------------------------------------------------------------
# Content-Type and friends are read from one scan of raw_items(): the
# stdlib's get()/get_param() rescan every header per call and cost more
# than the parse itself.

_PART_HEADERS = frozenset(("content-type", "content-transfer-encoding",
                           "content-disposition"))
_TEXT_TYPES = ("text/plain", "text/html")


def _params(value: str, default: str) -> tuple[str, dict[str, str]]:
    """``'text/plain; charset="utf-8"'`` -> ``('text/plain', {...})``."""
    head, *rest = _unfold(value).split(";")
    params: dict[str, str] = {}
    for item in rest:
        key, sep, val = item.partition("=")
        if sep:  # RFC 2231 "name*0*" keys count as "name"
            params.setdefault(key.strip().lower().split("*")[0], val.strip(' "'))
    head = head.strip().lower()
    return (head if head.count("/") == 1 else default), params


def _part_headers(part: _EmailMessage) -> dict[str, str]:
    out: dict[str, str] = {}
    for name, value in part.raw_items():
        if name.lower() in _PART_HEADERS and isinstance(value, str):
            out.setdefault(name.lower(), value)
    return out


_Part = tuple[_EmailMessage, str, dict[str, str], str]  # part, type, params, cte


def _body_parts(part: _EmailMessage, heads: dict[str, str],
                depth: int = 0) -> list[_Part]:
    """The parts that carry the body text, in order (plain over HTML)."""
    ctype, params = _params(heads.get("content-type", ""), "text/plain")
    if part.is_multipart():
        subs = [s for s in part.get_payload() if isinstance(s, _EmailMessage)]
        picks = [_body_parts(s, _part_headers(s), depth + 1)
                 for s in subs if depth < 30]
        if ctype != "multipart/alternative":
            return [p for pick in picks for p in pick]
        for want in _TEXT_TYPES:
            for pick in picks:
                if pick and pick[0][1] == want:
                    return pick
        return next((pick for pick in picks if pick), [])
    disposition, dparams = _params(heads.get("content-disposition", ""), "")
    # Apple Mail sends attached .txt files as *inline* named parts.
    if (ctype not in _TEXT_TYPES or disposition.startswith("attachment")
            or "name" in params or "filename" in dparams):
        return []
    cte = _unfold(heads.get("content-transfer-encoding", "")).lower()
    return [(part, ctype, params, cte)]


def _payload_bytes(part: _EmailMessage, cte: str) -> bytes:
    payload = part.get_payload()
    if not isinstance(payload, str):
        return b""
    data = _to_bytes(payload)
    try:
        if cte == "base64":
            return binascii.a2b_base64(data)
        if cte == "quoted-printable":
            return binascii.a2b_qp(data)
    except binascii.Error:
        pass  # the stdlib repairs bad base64 padding
    if cte in ("base64", "x-uuencode", "uuencode", "x-uue", "uue"):
        decoded = part.get_payload(decode=True)
        return decoded if isinstance(decoded, bytes) else data
    return data


def _part_text(found: _Part, defects: list[str]) -> str:
    part, ctype, params, cte = found
    text, problem = _decode_chain(_payload_bytes(part, cte), params.get("charset"))
    if problem:
        defects.append(f"{problem} ({ctype} part)")
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if ctype == "text/html":
        return html_to_text(text)
    if params.get("format", "").lower() == "flowed":
        return _unflow(text, params.get("delsp", "").lower() == "yes")
    return text


def _rescue_text(raw: bytes) -> str:
    """Ask mail-parser when our walk found no unnamed text part."""
    import mailparser

    logging.getLogger("mailparser").setLevel(logging.CRITICAL)
    mp = mailparser.parse_from_bytes(raw)
    if mp.text_plain:
        return "\n".join(mp.text_plain)
    if mp.text_html:
        return html_to_text("\n".join(mp.text_html))
    return ""  # text_not_managed would hand us images


# -- entry points ----------------------------------------------------------


def _header_map(msg: _EmailMessage) -> dict[str, str]:
    """Wanted headers, lower-cased; repeats joined with newlines (X-Loop)."""
    found: dict[str, list[str]] = {}
    for name, value in msg.raw_items():
        key = name.lower()
        if key in _WANTED and isinstance(value, str):
            found.setdefault(key, []).append(value)
    out: dict[str, str] = {}
    for key, values in found.items():
        if key in _RAW_HEADERS:
            out[key] = values[0] if key in _PART_HEADERS else " ".join(values)
        else:
            out[key] = "\n".join(_header_text(v) for v in values)
    return out


def quick_headers(raw: bytes) -> dict[str, str]:
    """Header-only parse for the on-thread test; ids come back without <>.

    ``references`` is the ids joined by single spaces.  Never raises.
    """
    try:
        msg = BytesHeaderParser(policy=compat32).parsebytes(bytes(raw))
        found = _header_map(msg)
    except Exception:  # garbage in: the caller keys by hash instead
        return {}
    out = {k: v for k, v in found.items() if k in _QUICK_HEADERS}
    for key in _ID_HEADERS:
        if key in out:
            out[key] = _first_id(out[key])
    if "references" in out:
        out["references"] = " ".join(_msg_ids(out["references"]))
    return out


def message_key(raw: bytes) -> str:
    """The Message-ID, or ``sha256:<hex>`` of the bytes when there is none."""
    return quick_headers(raw).get("message-id") or (
        "sha256:" + hashlib.sha256(bytes(raw)).hexdigest())


def parse_message(raw: bytes) -> Message:
    """Decode one mail.  Never raises: problems go to ``defects``."""
    try:
        raw = bytes(raw)
    except TypeError:
        raw = str(raw).encode("utf-8", "surrogateescape")
    try:
        return _parse(raw)
    except Exception as exc:  # a crash would lose the mail: keep it instead
        return _salvage(raw, f"could not parse the mail ({type(exc).__name__})")


_NAME_ADDR = re.compile(r'\s*(?:"([^"\\]*)"|([^"<>(),;:\\@]*?))\s*<([^<>\s]+)>\s*')


def _address(value: str) -> tuple[str, str]:
    """(display name, address); fast path for ``Name <addr>``."""
    m = _NAME_ADDR.fullmatch(value)
    name, addr = (m.group(1) or m.group(2) or "", m.group(3)) if m else parseaddr(value)
    if "=?" in name:  # encoded-words inside quotes: wrong, but Outlook does it
        name = _decode_words(name)
    return " ".join(name.split()), addr.strip().lower()


def _parse(raw: bytes) -> Message:
    if not raw.strip():
        return _salvage(raw, "empty input")
    defects: list[str] = []
    msg = BytesHeaderParser(policy=compat32).parsebytes(raw)
    found = _header_map(msg)
    ctype = _params(found.get("content-type", ""), "text/plain")[0]
    if ctype.startswith(("multipart/", "message/")):
        msg = message_from_bytes(raw, policy=compat32)
    if not found and not msg.keys():
        defects.append("no mail headers found")

    message_id = _first_id(found.get("message-id", ""))
    if not message_id:
        defects.append("no Message-ID header")
    date = _parse_date(found.get("date"), defects)
    name, addr = _address(found.get("from", ""))
    if not addr:
        defects.append("no From address")
    name, fixed_name = _fix_mojibake(name)
    subject, fixed_subject = _fix_mojibake(found.get("subject", ""))

    parts = _body_parts(msg, found)
    if parts:
        body = "\n".join(t[:-1] if t.endswith("\n") else t
                         for t in (_part_text(p, defects) for p in parts))
        body += "\n" if body and _part_text_ends_nl(parts) else ""
        if all(p[1] == "text/html" for p in parts):
            defects.append("no text/plain part; text taken from HTML")
    else:
        body = _rescue_text(raw) if msg.keys() else ""
        defects.append("no unnamed text part; mail-parser found the text"
                       if body else "no text part")
    body, fixed_body = _fix_mojibake(body)
    for what, fixed in (("From name", fixed_name), ("Subject", fixed_subject),
                        ("body", fixed_body)):
        if fixed:
            defects.append(f"mojibake repaired in {what}")
    for part in msg.walk():
        defects.extend(f"MIME defect: {type(d).__name__}" for d in part.defects)

    headers = {k: v for k, v in found.items() if k in _KEPT_HEADERS}
    if "dkim-signature" in found:
        headers["dkim-signature"] = "present"
    return Message(
        message_id=message_id,
        in_reply_to=_first_id(found.get("in-reply-to", "")),
        references=_msg_ids(found.get("references", "")),
        from_name=name, from_addr=addr, date=date, subject=subject,
        body=body, headers=MappingProxyType(headers),
        defects=tuple(dict.fromkeys(defects)), raw=raw,
    )


def _salvage(raw: bytes, problem: str) -> Message:
    """What we can still say about a mail the parser choked on."""
    quick = quick_headers(raw) if raw.strip() else {}
    head, sep, rest = raw.replace(b"\r\n", b"\n").partition(b"\n\n")
    body = _decode_chain(rest if sep else head, None)[0].replace("\r", "\n")
    name, addr = parseaddr(quick.get("from", ""))
    return Message(
        message_id=quick.get("message-id", ""),
        in_reply_to=quick.get("in-reply-to", ""),
        references=tuple(quick.get("references", "").split()),
        from_name=name, from_addr=addr.lower(), date=None,
        subject=quick.get("subject", ""), body=body if raw.strip() else "",
        headers=MappingProxyType({}), defects=(problem,), raw=raw,
    )
