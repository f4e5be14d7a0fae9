"""Mail bytes -> decoded Message: the one place that knows about MIME.

Path, chosen for speed (rates in LIBRARY-NOTES.md): a clean header block is
split here by the stdlib feedparser's own rules (anything odd goes to
``BytesHeaderParser``, compat32); a single-part body is decoded straight from
its wire bytes, and only multipart mails get ``message_from_bytes``
(compat32).  Header values are decoded here, not by ``policy=default``.
Text always comes from payload *bytes* through a charset chain, so 8-bit
text is never read as ASCII.  mail-parser is the rescue when no unnamed text
part is found; it and ftfy are imported only then (one process per mail).
"""

import binascii
import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from email import message_from_bytes
from email.message import Message as _EmailMessage
from email.parser import BytesHeaderParser
from email.utils import parsedate_tz
from types import MappingProxyType

from bot.mail.text import decode_chain, fix_mojibake, unflow

__all__ = ["Message", "message_key", "parse_message", "quick_headers"]

_KEPT = ("list-id", "list-post", "auto-submitted", "precedence", "x-loop", "x-todobot-token",
         "x-todobot", "content-type", "reply-to", "return-path", "dkim-signature", "to", "cc")
_QUICK = ("message-id", "in-reply-to", "references", "subject", "from",
          "auto-submitted", "precedence", "x-loop", "list-id", "reply-to", "list-post")
_PART_HEADERS = ("content-type", "content-transfer-encoding", "content-disposition")
_WANTED = frozenset(_KEPT + _QUICK + _PART_HEADERS + ("date",))
_QUICK_SET = frozenset(_QUICK)
_TEXT_TYPES = ("text/plain", "text/html")


@dataclass(frozen=True)
class Message:
    """One mail, decoded; ``raw`` keeps the bytes exactly as they came.

    ``headers``: the few the bot reads, lower-cased and decoded (X-Loop
    repeats joined by newlines; ``dkim-signature`` is "present").
    """

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
    via: str = ""  # the list's address a DMARC rewrite put in From, the sender's own taken


# -- headers ---------------------------------------------------------------

_FOLD = re.compile(r"(?<![ \t])[ \t]*\r?\n[ \t]*|\r")  # a blank run entered at its start
_ENCODED_WORD = re.compile(r"=\?([^?\s]+)\?([QqBb])\?([^?\s]*)\?=")
_NO_ZONE = re.compile(r"(?<![+-])\b\d\d:\d\d(:\d\d)?\s*$|-0000\s*$")
_MSG_ID = re.compile(r"<([^<>]*)>")
_COMMENT = re.compile(r"\((?:[^()\\]|\\.)*\)")
# on a stripped value; no two parts can take the same blanks (the old `\s*(name*?)\s*`
# was cubic on a From of many spaces)
_NAME_ADDR = re.compile(r'(?:"([^"\\]*)"\s*|([^"<>(),;:\\@]*))<([^<>\s]+)>')


def _unfold(value: str) -> str:
    """RFC 5322 unfolding; a fold and the blanks around it become one space."""
    if "\n" not in value and "\r" not in value:
        return value.strip()
    return _FOLD.sub(" ", value).strip()


def _to_bytes(value: str) -> bytes:
    return value.encode("utf-8", "surrogateescape")  # compat32 keeps 8-bit so


def _header_text(value: str, words: bool = True) -> str:
    """Unfold, read raw 8-bit bytes, decode RFC 2047 encoded-words."""
    value = _unfold(value)
    if not value.isascii():
        value = decode_chain(_to_bytes(value), None)[0]
    return _decode_words(value) if words and "=?" in value else value


def _decode_words(text: str) -> str:
    """RFC 2047, leniently: words glued to text, characters split over words."""
    out: list[str] = []
    run: list[tuple[str, bytes]] = []
    pos = 0
    for m in _ENCODED_WORD.finditer(text):
        gap = text[pos:m.start()]
        if not run or gap.strip():  # §6.2: blanks between words are dropped
            out.extend(decode_chain(data, cs)[0] for cs, data in run)
            run.clear()
            out.append(gap)
        charset, data = m.group(1).split("*")[0].lower(), _to_bytes(m.group(3))
        try:
            if m.group(2) in "Bb":
                data = binascii.a2b_base64(data + b"=" * (-len(data) % 4))
            else:
                data = binascii.a2b_qp(data, header=True)
        except ValueError:
            charset, data = "ascii", _to_bytes(m.group(0))
        if run and run[-1][0] == charset:
            run[-1] = (charset, run[-1][1] + data)
        else:
            run.append((charset, data))
        pos = m.end()
    out.extend(decode_chain(data, cs)[0] for cs, data in run)
    return "".join(out) + text[pos:]


def _msg_ids(value: str) -> tuple[str, ...]:
    """Message-ids in order, without <>; comments go first, since Emacs
    writes ``<id> (message from Foo <foo@x> on Mon, ...)``."""
    plain = value.strip()  # the common case first: one <id>, asked of every mail triaged
    if plain[:1] == "<" and plain[-1:] == ">" and plain.count("<") == plain.count(">") == 1 \
            and not any(c in plain for c in " \t\r\n()"):
        return (plain[1:-1],) if len(plain) > 2 else ()
    value = _unfold(value)
    while "(" in value and (stripped := _COMMENT.sub(" ", value)) != value:
        value = stripped
    ids = ["".join(i.split()) for i in _MSG_ID.findall(value)]
    if not any(ids):  # bare ids, as some broken mailers write them
        ids = [t.strip("<>,;") for t in value.split() if "@" in t]
    return tuple(dict.fromkeys(i for i in ids if i))


def _first_id(value: str) -> str:
    return next(iter(_msg_ids(value)), "")


def _parse_date(value: str | None, defects: list[str]) -> datetime | None:
    """RFC 5322 date, kept in the mail's own offset (the sender's day)."""
    if not value:
        defects.append("no Date header")
        return None
    try:
        t = parsedate_tz(value)
        if t is None:
            raise ValueError(value)
        if _NO_ZONE.search(value):
            defects.append(f"Date {value!r} has no time zone; assumed UTC")
        return datetime(*t[:6], tzinfo=timezone(timedelta(seconds=t[9] or 0)))
    except (ValueError, OverflowError, TypeError, IndexError):
        defects.append(f"bad Date header {value!r}")
        return None


def parse_address(value: str) -> tuple[str, str]:
    """(display name, lower-cased address): the address is the addr-spec alone.

    Identity comes only from the addr-spec (the part in <>, or the whole
    value when there are none): ``JBeulich@suse.com <eve@evil.example>`` is
    eve, whatever the display name says.  More than one mailbox, or an
    addr-spec that is not ``local@domain``, gives no address.  Names are
    decoded after parsing: an encoded-word may hide a comma.
    """
    m = _NAME_ADDR.fullmatch(value.strip())
    name, addr = (m.group(1) or m.group(2) or "", m.group(3)) if m else _split_mailbox(value)
    if "=?" in name:  # also inside quotes: wrong, but Outlook does it
        name = _decode_words(name)
    addr = addr.strip().lower()
    if addr.startswith("@") and ":" in addr:  # an obsolete source route: @relay:local@domain
        addr = addr.rpartition(":")[2]
    if not _ADDR_SPEC.fullmatch(addr):
        addr = ""
    return " ".join(name.split()), addr


def sender_of(headers: Mapping[str, str]) -> tuple[str, str, str]:
    """(name, address, the list's address when a DMARC rewrite hid the sender) of a mail's
    decoded headers: From, or the sender a list's rewrite of it keeps in Reply-To."""
    name, addr = parse_address(headers.get("from", ""))
    sender = unmunged(name, addr, headers.get("reply-to", ""),
                      headers.get("list-id", "") + " " + headers.get("list-post", ""))
    return (*sender, addr) if sender else (name, addr, "")


def unmunged(name: str, addr: str, reply_to: str, list_headers: str) -> tuple[str, str] | None:
    """The sender of a mail whose From a list rewrote for DMARC ("Wei Gao via ltp"
    <ltp@lists.example.org>, Mailman's and Google Groups' way): the From address is the
    list's own (its List-Id or List-Post says so) and Reply-To keeps the sender under the
    same name; None for any other mail. The mail's own headers say so, which anyone can
    write: ingest believes it only of the configured list's address (`Message.via`, which a
    DKIM check then wants the list's signature for: `bot.release.rules.dkim_fails`)."""
    munged = _VIA.fullmatch(name)
    if not munged or not reply_to or "," in reply_to or not addr:
        return None
    said = list_headers.lower()
    ids = set(re.findall(r"<([^<>\s]+)>", said))  # List-Id's <ltp.lists.linux.it>,
    posts = set(re.findall(r"mailto:([^<>\s?]+)", said))  # List-Post's <mailto:...>
    if addr not in posts and addr.replace("@", ".", 1) not in ids:
        return None  # (From is no list's address: nobody rewrote it)
    sender, addr = parse_address(reply_to)
    same = " ".join(munged["name"].strip("'\"").split()).casefold() == sender.casefold()
    return (sender, addr) if addr and same else None


_VIA = re.compile(r"(?P<name>.{1,80}?) via (?P<list>[\w .@-]{1,60})")
_ADDR_SPEC = re.compile(r'(?:[^\s<>()\[\]@,;:"\\]+|"[^"\\]*")@[^\s<>()\[\]@,;:"\\]+')


def _split_mailbox(value: str) -> tuple[str, str]:
    """RFC 5322 mailbox, strictly: quotes and comments are skipped while the angle
    brackets are looked for, so nothing in a display name can pose as the address."""
    outside: list[str] = []  # the value with quoted strings and comments blanked
    depth, quoted, escaped = 0, False, False
    for char in _unfold(value):
        if escaped:
            escaped = False
            outside.append(" ")
        elif char == "\\" and (quoted or depth):
            escaped = True
            outside.append(" ")
        elif quoted:
            quoted = char != '"'
            outside.append(" ")
        elif char == "(":
            depth += 1
            outside.append(" ")
        elif char == ")" and depth:
            depth -= 1
            outside.append(" ")
        elif depth:
            outside.append(" ")
        else:
            quoted = char == '"'
            outside.append(" " if quoted else char)
    plain = "".join(outside)
    unfolded = _unfold(value)
    if plain.count("<") > 1 or plain.count(">") > 1 or "," in plain.replace(
            plain[plain.find("<"):plain.find(">") + 1] if "<" in plain else "", ""):
        return "", ""  # a group or several mailboxes: no one sender
    if "<" in plain and ">" in plain[plain.index("<"):]:
        start, end = plain.index("<"), plain.index(">", plain.index("<"))
        addr = unfolded[start + 1:end].strip()
        if plain[end + 1:].strip():
            return "", ""  # text after the address: not one mailbox
        return unfolded[:start].strip().strip('"'), addr
    if "<" in plain or ">" in plain:
        return "", ""
    comment = _COMMENT.search(unfolded)
    name = comment.group(0)[1:-1] if comment else ""
    return name, "".join(plain.split())


def head_end(raw: bytes) -> tuple[int, int] | None:
    """Where the first blank line starts and ends (the line ending before it
    included), as `\r?\n\r?\n` would match: by `bytes.find`, several times faster
    than that search, and asked of every mail triaged."""
    lf = raw.find(b"\n\n")
    crlf = raw.find(b"\n\r\n", 0, len(raw) if lf < 0 else lf + 2)
    first, length = (crlf, 3) if crlf >= 0 else (lf, 2)
    if first < 0:
        return None
    return first - (raw[first - 1 : first] == b"\r"), first + length


def _read_head(raw: bytes) -> tuple[list[tuple[str, str]], bytes, _EmailMessage | None]:
    """Header fields, body bytes, and the stdlib's parse when the head was
    odd (the body is then in that parse).  Skips an mbox "From " line."""
    end = head_end(raw)
    if end and not raw.startswith((b"\n", b"\r\n")):
        fields: list[tuple[str, str]] = []
        for line in raw[: end[0]].decode("ascii", "surrogateescape").split("\n"):
            name, colon, value = line.partition(":")
            if line[:1] in (" ", "\t") and fields:
                fields[-1] = (fields[-1][0], fields[-1][1] + "\n" + line)
            elif colon and name and name.isascii() and name.isprintable() and " " not in name:
                # feedparser's header name: printable ASCII, no blank, no colon (checked
                # without a regex: this is asked of every head line of every mail)
                fields.append((name, value.lstrip(" \t")))
            elif fields or not line.startswith("From "):
                break
        else:
            return fields, raw[end[1]:], None
    # the default policy is compat32: naming it would import email.policy and its header
    # registry (~2 ms of each `todobot ingest`), which nothing here uses
    msg = BytesHeaderParser().parsebytes(raw)
    return list(msg.raw_items()), b"", msg


def _header_map(fields: Iterable[tuple[str, str]],
                wanted: frozenset[str] = _WANTED) -> dict[str, str]:
    """The wanted headers, lower-cased: ids and From raw, the rest decoded."""
    found: dict[str, list[str]] = {}
    for name, value in fields:
        if (key := name.lower()) in wanted and isinstance(value, str):
            found.setdefault(key, []).append(value)
    out: dict[str, str] = {}
    for key, values in found.items():
        if key in ("message-id", "in-reply-to", "references"):
            # 8-bit bytes in an id are read like any 8-bit header (never kept as
            # surrogates, which no store, JSON or terminal can take)
            out[key] = " ".join(v if v.isascii() else _header_text(v, words=False)
                                for v in values)
        elif key in ("from", "dkim-signature"):
            out[key] = _header_text(values[0], words=False) if key == "from" else "present"
        else:  # X-Loop repeats, one per hop; other repeats are noise
            out[key] = "\n".join(map(_header_text, values if key == "x-loop" else values[:1]))
    return out


# -IME parts ------------------------------------------------------------


def _params(value: str, default: str) -> tuple[str, dict[str, str]]:
    """``'text/plain; charset="utf-8"'`` -> ``('text/plain', {...})``."""
    head, *rest = _unfold(value).split(";")
    params: dict[str, str] = {}
    for key, sep, val in (item.partition("=") for item in rest):
        if sep:  # RFC 2231 "name*0*" counts as "name"
            params.setdefault(key.strip().lower().split("*")[0], val.strip(' "'))
    head = head.strip().lower()
    return (head if head.count("/") == 1 else default), params


_Leaf = tuple[str, dict[str, str], str]  # content type, its params, CTE


def _text_leaf(heads: Mapping[str, str]) -> _Leaf | None:
    """Type, params and CTE of a body text part; None for anything else."""
    ctype, params = _params(heads.get("content-type", ""), "text/plain")
    disposition, dparams = _params(heads.get("content-disposition", ""), "")
    # Apple Mail sends attached .txt files as *inline* named parts.
    if (ctype not in _TEXT_TYPES or disposition.startswith("attachment")
            or "name" in params or "filename" in dparams):
        return None
    return ctype, params, _unfold(heads.get("content-transfer-encoding", "")).lower()


def _body_parts(part: _EmailMessage, depth: int = 0) -> list[tuple[_EmailMessage, _Leaf]]:
    """The parts that carry the body text, in order (plain over HTML)."""
    heads: dict[str, str] = {}
    for name, value in part.raw_items():  # get()/get_param() rescan per call
        if name.lower() in _PART_HEADERS and isinstance(value, str):
            heads.setdefault(name.lower(), value)
    if not part.is_multipart():
        return [(part, leaf)] if (leaf := _text_leaf(heads)) else []
    ctype = _params(heads.get("content-type", ""), "")[0]
    if depth and (ctype.startswith("message/")
                  or _params(heads.get("content-disposition", ""), "")[0] == "attachment"):
        return []  # a forwarded or attached mail is not the sender's text
    subs = [s for s in part.get_payload() if isinstance(s, _EmailMessage)]
    picks = [_body_parts(s, depth + 1) for s in subs if depth < 30]
    if ctype != "multipart/alternative":
        return [p for pick in picks for p in pick]
    for want in _TEXT_TYPES:
        if pick := next((p for p in picks if p and p[0][1][0] == want), None):
            return pick
    return next((pick for pick in picks if pick), [])


def _part_bytes(part: _EmailMessage) -> bytes:
    """A stdlib part's payload as on the wire.  ``get_payload()`` is lossy
    for 8-bit text; ``decode=True`` is not, but compares the CTE unstripped
    ("base64 " stays encoded): with the CTE set to 8bit it hands the bytes
    back untouched, and ``_transfer_decode`` uses the stripped CTE."""
    payload = part.get_payload()
    if isinstance(payload, str) and payload.isascii():  # no 8-bit: nothing lost
        return payload.encode("ascii")
    if "content-transfer-encoding" in part:
        part.replace_header("content-transfer-encoding", "8bit")
    data = part.get_payload(decode=True)
    return data if isinstance(data, bytes) else b""


def _transfer_decode(data: bytes, cte: str) -> bytes:
    """RFC 2045 transfer decoding, lenient about torn base64."""
    try:
        if cte == "base64":
            return binascii.a2b_base64(data)
        if cte == "quoted-printable":
            return binascii.a2b_qp(data)
    except binascii.Error:  # bad padding: keep every whole quantum
        core = re.sub(rb"[^A-Za-z0-9+/]", b"", data)
        return binascii.a2b_base64(core[: len(core) // 4 * 4])
    return data


def _part_text(data: bytes, leaf: _Leaf, defects: list[str]) -> str:
    ctype, params, cte = leaf
    text, problem = decode_chain(_transfer_decode(data, cte), params.get("charset"))
    if problem:
        defects.append(f"{problem} ({ctype} part)")
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if ctype == "text/html":
        from bot.mail.htmltext import html_to_text

        return html_to_text(text)
    if params.get("format", "").lower() == "flowed":
        return unflow(text, params.get("delsp", "").lower() == "yes")
    return text


def _rescue_text(raw: bytes) -> str:
    """mail-parser's reading (it takes named inline text bodies)."""
    import logging

    import mailparser

    from bot.mail.htmltext import html_to_text

    logging.getLogger("mailparser").setLevel(logging.CRITICAL)
    mp = mailparser.parse_from_bytes(raw)
    if mp.text_plain:
        return "\n".join(mp.text_plain)
    return html_to_text("\n".join(mp.text_html)) if mp.text_html else ""


# -- entry points ----------------------------------------------------------


def quick_headers(raw: bytes) -> dict[str, str]:
    """Header-only parse for the thread test: the head split by `_read_head`, the body untouched.

    Ids come back without <> (``references``: joined by spaces); absent
    headers are absent.  Never raises.
    """
    try:
        raw = bytes(raw)
        end = head_end(raw)  # only the head is read: the body is never copied
        head = raw[: end[1]] if end else raw
        out = _header_map(_read_head(head)[0], _QUICK_SET)  # only what triage reads decoded
    except Exception:  # garbage in: the caller keys by hash instead
        return {}
    for key, value in out.items():
        if key == "references":
            out[key] = " ".join(_msg_ids(value))
        elif key in ("message-id", "in-reply-to"):
            out[key] = _first_id(value)
        elif key == "from" and "=?" in value:
            out[key] = _decode_words(value)
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
        return _parse(raw) if raw.strip() else _salvage(raw, "empty input")
    except Exception as exc:  # a crash would lose the mail: keep it instead
        return _salvage(raw, f"could not parse the mail ({type(exc).__name__})")


def _parse(raw: bytes) -> Message:
    defects: list[str] = []
    fields, body_bytes, msg = _read_head(raw)
    found = _header_map(fields)
    if not fields:
        defects.append("no mail headers found")
    if not (message_id := _first_id(found.get("message-id", ""))):
        defects.append("no Message-ID header")
    date = _parse_date(found.get("date"), defects)
    name, addr, via = sender_of(found)
    if not addr:
        defects.append("no From address")
    if via:
        defects.append("From rewritten by the list (\"... via list\"): the sender is its Reply-To")

    if _params(found.get("content-type", ""), "")[0].startswith(("multipart/", "message/")):
        msg = message_from_bytes(raw)  # compat32, the default (see _read_head)
        texts = [(_part_bytes(p), leaf) for p, leaf in _body_parts(msg)]
    else:
        leaf = _text_leaf(found)
        texts = [(body_bytes if msg is None else _part_bytes(msg), leaf)] if leaf else []
    body = ""
    for data, leaf in texts:
        text = _part_text(data, leaf, defects)
        body += ("\n" if body and not body.endswith("\n") else "") + text
    if texts and all(leaf[0] == "text/html" for _, leaf in texts):
        defects.append("no text/plain part; text taken from HTML")
    if not texts:
        body = _rescue_text(raw) if fields else ""
        defects.append("no unnamed text part; mail-parser found the text"
                       if body else "no text part")

    name, fixed_name = fix_mojibake(name)
    subject, fixed_subject = fix_mojibake(found.get("subject", ""))
    body, fixed_body = fix_mojibake(body)
    for what, fixed in (("From name", fixed_name), ("Subject", fixed_subject),
                        ("body", fixed_body)):
        if fixed:
            defects.append(f"mojibake repaired in {what}")
    for part in msg.walk() if msg is not None else ():
        defects.extend(f"MIME defect: {type(d).__name__}" for d in part.defects)
    return Message(
        message_id=message_id, in_reply_to=_first_id(found.get("in-reply-to", "")),
        references=_msg_ids(found.get("references", "")),
        from_name=name, from_addr=addr, date=date, subject=subject, body=body,
        headers=MappingProxyType({k: v for k, v in found.items() if k in _KEPT}),
        defects=tuple(dict.fromkeys(defects)), raw=raw, via=via,
    )


def _salvage(raw: bytes, problem: str) -> Message:
    """What we can still say about a mail the parser choked on."""
    quick = quick_headers(raw) if raw.strip() else {}
    head, sep, rest = raw.replace(b"\r\n", b"\n").partition(b"\n\n")
    body = decode_chain(rest if sep else head, None)[0].replace("\r", "\n")
    name, addr = parse_address(quick.get("from", ""))
    return Message(
        message_id=quick.get("message-id", ""), in_reply_to=quick.get("in-reply-to", ""),
        references=tuple(quick.get("references", "").split()),
        from_name=name, from_addr=addr, date=None, subject=quick.get("subject", ""),
        body=body if raw.strip() else "", headers=MappingProxyType({}),
        defects=(problem,), raw=raw,
    )
