"""Outbox: turn a post into exact mail bytes and hand them to SMTP.

The store owns the exactly-once state machine; ``deliver`` reports what the
wire says happened to one attempt, so the store can pick "done", "retry" or
"ask a human".
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from email import policy
from email.headerregistry import Address, HeaderRegistry
from email.message import EmailMessage
from email.parser import BytesHeaderParser
from email.utils import getaddresses
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from bot.mail import DOMAIN, HeaderInjection, clean, one_address

if TYPE_CHECKING:
    import aiosmtplib

# C0 but TAB, DEL, C1 (NEL) and U+2028/9: all that str.splitlines() or some
# mail reader could take for a line break.
_FIELD_NAME = re.compile(r"[!-9;-~]+\Z")  # RFC 5322 ftext
_OUR_ID = re.compile(r"<[!-;=?-~]+@[A-Za-z0-9.-]+>\Z")
_ANY_ID = re.compile(r"<[!-;=?-~]+>\Z")  # other mailers' ids vary more
_SET_BY_US = frozenset(
    "from to cc bcc subject date message-id in-reply-to references mime-version content-type"
    " content-transfer-encoding".split()
)
_EOL = re.compile(rb"\r\n|\r|\n")
_LEADING_DOT = re.compile(rb"^\.", re.MULTILINE)


class SmtpConfigError(ValueError):
    """The SMTP settings cannot work as written; a human has to fix them."""


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    security: Literal["starttls", "tls", "none"] = "starttls"
    username: str = ""
    password_env: str = ""  # name of an env var holding the password
    password_file: str = ""  # path of a file holding it; never the password itself
    timeout: float = 30.0  # per network step (connect, each reply), not in total
    cert_bundle: str = ""  # CA file for a private or test server
    validate_certs: bool = True


@dataclass(frozen=True)
class Outgoing:
    from_addr: str
    to: tuple[str, ...]
    cc: tuple[str, ...]
    subject: str
    body: str
    message_id: str  # made by make_message_id and stored by the caller first
    date: datetime
    in_reply_to: str = ""
    references: tuple[str, ...] = ()
    extra_headers: tuple[tuple[str, str], ...] = ()


class Outcome(StrEnum):
    SENT = "sent"  # a 2xx reply to the end of the data
    TRANSIENT = "transient"  # not delivered; retrying is safe
    PERMANENT = "permanent"  # not delivered; retrying will not help
    UNKNOWN = "unknown"  # the data went out and no verdict came back


@dataclass(frozen=True)
class DeliveryResult:
    outcome: Outcome
    detail: str
    smtp_code: int | None = None


class _IdListHeader:
    """References / In-Reply-To, folded between ids only: the stdlib takes them
    for text and RFC 2047-encodes an id too long for the line (breaks threads)."""

    max_count = 1

    @classmethod
    def parse(cls, value: str, kwds: dict[str, Any]) -> None:
        kwds["decoded"] = " ".join(value.split())
        kwds["parse_tree"] = None

    def fold(self, *, policy: Any) -> str:
        lines, line = [], f"{self.name}:"  # type: ignore[attr-defined]
        for msg_id in str(self).split():
            if len(line) + 1 + len(msg_id) > policy.max_line_length and ">" in line:
                lines.append(line)
                line = ""
            line += " " + msg_id
        return policy.linesep.join([*lines, line]) + policy.linesep


_registry = HeaderRegistry()
_registry.map_to_type("references", _IdListHeader)
_registry.map_to_type("in-reply-to", _IdListHeader)
_POLICY = policy.default.clone(header_factory=_registry)


def make_message_id(domain: str) -> str:
    """A fresh Message-ID; stored before the send, it finds the post later."""
    if not DOMAIN.match(domain):
        raise ValueError(f"not a usable Message-ID domain: {domain!r}")
    stamp = datetime.now(UTC).strftime("%Y%m%d%H%M%S")
    return f"<{stamp}.{secrets.token_hex(8)}@{domain}>"


def _address(field: str, value: str) -> Address:
    name, addr = one_address(field, value)
    return Address(display_name=name, addr_spec=addr)


def _msg_id(field: str, value: str, pattern: re.Pattern[str]) -> str:
    if not pattern.match(clean(field, value)):
        raise ValueError(f"{field} is not a <message-id>: {value!r}")
    return value


def _cte(body: str) -> str:
    """7bit where any server takes it, else quoted-printable; never 8bit.

    The bytes must not depend on the server (aiosmtplib re-encodes 8bit as
    base64 if 8BITMIME is missing): --dry-run shows exactly what is sent.
    """
    too_long = any(len(line) > 998 for line in re.split(r"\r\n|\r|\n", body))
    return "7bit" if body.isascii() and not too_long else "quoted-printable"


def build_message(out: Outgoing) -> EmailMessage:
    """The post as a UTF-8 text/plain mail, every header value checked."""
    if out.date.tzinfo is None or not out.to:
        raise ValueError("Outgoing needs a timezone-aware date and a To address")
    msg = EmailMessage(policy=_POLICY)
    msg["From"] = _address("From", out.from_addr)
    msg["To"] = [_address("To", a) for a in out.to]
    if out.cc:
        msg["Cc"] = [_address("Cc", a) for a in out.cc]
    msg["Subject"] = clean("Subject", out.subject)
    msg["Date"] = out.date
    msg["Message-ID"] = _msg_id("Message-ID", out.message_id, _OUR_ID)
    if out.in_reply_to:
        msg["In-Reply-To"] = _msg_id("In-Reply-To", out.in_reply_to, _ANY_ID)
    if out.references:
        msg["References"] = " ".join(_msg_id("References", r, _ANY_ID) for r in out.references)
    for name, value in out.extra_headers:
        if not _FIELD_NAME.match(name) or name.lower() in _SET_BY_US:
            raise HeaderInjection(f"extra header name not allowed: {name!r}")
        msg[name] = clean(name, value)
    msg.set_content(out.body, charset="utf-8", cte=_cte(out.body))
    return msg


def message_bytes(msg: EmailMessage) -> bytes:
    """Exactly the bytes that go on the wire (SMTP dot-stuffing aside)."""
    return msg.as_bytes(policy=policy.SMTP)


def read_password(settings: SmtpSettings) -> str | None:
    """Check the settings and read the AUTH password now (None: no AUTH).

    Raises SmtpConfigError naming the variable or file; the CLI can call it
    first, to fail before a send is recorded as started.
    """
    env, file = settings.password_env, settings.password_file
    if settings.security not in ("starttls", "tls", "none"):  # a typo must not mean clear text
        raise SmtpConfigError(f"SMTP security must be starttls, tls or none: {settings.security!r}")
    if not (settings.username or env or file):
        return None
    if not settings.username or bool(env) == bool(file):
        raise SmtpConfigError("SMTP: set username and one of password_env, password_file")
    if env:
        value, where = os.environ.get(env, ""), f"environment variable {env}"
    else:
        where = f"password_file {file}"
        try:
            value = Path(file).read_text(encoding="utf-8").rstrip("\r\n")
        except (OSError, UnicodeError) as exc:
            raise SmtpConfigError(f"SMTP password: cannot read {where}: {exc}") from exc
    if not value:
        raise SmtpConfigError(f"SMTP password: {where} is unset or empty")
    return value


def _envelope(data: bytes) -> tuple[str, list[str]]:
    """Sender and recipients from the headers that go out, so the two agree."""
    headers = BytesHeaderParser(policy=policy.default).parsebytes(data)
    if "Bcc" in headers:
        raise ValueError("refusing to send a Bcc header: the list would show it")

    def addrs(*names: str) -> list[str]:
        values = [str(v) for n in names for v in headers.get_all(n, [])]
        return list(dict.fromkeys(a for _, a in getaddresses(values) if a))

    senders, recipients = addrs("From"), addrs("To", "Cc")
    if len(senders) != 1 or not recipients:
        raise ValueError("a message needs one From address and a To or Cc")
    return senders[0], recipients


def _by_code(code: int, what: str) -> DeliveryResult:
    """A reply that refused the message: 4xx may pass later, the rest won't."""
    outcome = Outcome.TRANSIENT if 400 <= code < 500 else Outcome.PERMANENT
    return DeliveryResult(outcome, what, code)


@dataclass
class _Attempt:
    stage: str = "connect"
    data_sent: bool = False  # the final "." was handed to the transport


async def deliver(msg: EmailMessage | bytes, settings: SmtpSettings) -> DeliveryResult:
    """Send one message once and say what happened; it never retries.

    - SENT: a 2xx reply to the end of the data.
    - TRANSIENT (nothing delivered, safe to retry): connection refused, DNS,
      TLS failure, a drop or timeout before the final "." was sent, any 4xx.
    - PERMANENT (nothing delivered, a human must act): any 5xx (550 on RCPT,
      535 on AUTH...), a missing password, STARTTLS or AUTH not offered. If
      any recipient is refused the mail is abandoned before DATA, so nobody
      gets a post that others miss (all refusals 4xx: TRANSIENT).
    - UNKNOWN: a drop, timeout or garbled reply after the data was sent. It
      may have been delivered: don't blindly retry; look for the Message-ID.

    ``msg`` may be the bytes the caller stored, so a retry sends exactly
    them. A malformed message raises ValueError before any network traffic.
    Record the result at once: a kill before that leaves only the caller's
    "in flight" mark, which must be treated as UNKNOWN.
    """
    data = msg if isinstance(msg, bytes) else message_bytes(msg)
    if not data.isascii():  # build_message never makes 8bit: see _cte
        raise ValueError("8-bit message; make it with build_message")
    envelope = _envelope(data)
    try:
        password = read_password(settings)
    except SmtpConfigError as exc:
        return DeliveryResult(Outcome.PERMANENT, str(exc))
    import aiosmtplib  # lazily: ~60 ms that the CLI pays only when it sends

    client = aiosmtplib.SMTP(
        hostname=settings.host,
        port=settings.port,
        timeout=settings.timeout,
        use_tls=settings.security == "tls",
        start_tls=False,  # decided below; by default it upgrades only if offered
        validate_certs=settings.validate_certs,
        cert_bundle=settings.cert_bundle or None,
    )
    attempt = _Attempt()
    try:
        result = await _converse(client, settings, password, envelope, data, attempt)
    except Exception as exc:  # every failure becomes an outcome, never a crash
        return _failure(exc, attempt)  # and no QUIT: the dialogue may be out of step
    else:
        with contextlib.suppress(Exception):  # politeness only: the verdict is in
            await client.quit(timeout=min(settings.timeout, 5.0))
        return result
    finally:
        client.close()


async def _converse(
    client: aiosmtplib.SMTP,
    settings: SmtpSettings,
    password: str | None,
    envelope: tuple[str, list[str]],
    data: bytes,
    attempt: _Attempt,
) -> DeliveryResult:
    """The SMTP dialogue step by step, noting how far the message got."""
    from aiosmtplib import SMTPRecipientRefused

    sender, recipients = envelope
    await client.connect()
    attempt.stage = "EHLO"
    await client.ehlo()
    if settings.security == "starttls":  # required: no password in clear
        attempt.stage = "STARTTLS"
        await client.starttls()
        await client.ehlo()
    if password is not None:
        attempt.stage = "AUTH"
        await client.login(settings.username, password)
    options = [f"SIZE={len(data)}"] if client.supports_extension("size") else []
    attempt.stage = "MAIL"
    await client.mail(sender, options=options)
    attempt.stage = "RCPT"
    refused: list[SMTPRecipientRefused] = []
    for rcpt in recipients:
        try:
            await client.rcpt(rcpt)
        except SMTPRecipientRefused as exc:
            refused.append(exc)
    if refused:
        text = "; ".join(f"{e.recipient}: {e.code} {e.message}" for e in refused)
        worst = max(e.code for e in refused)
        return _by_code(worst, f"recipient refused, nothing sent: {text}")
    # Not client.data(): it raises the same SMTPServerDisconnected whether the
    # drop came before the 354 (nothing sent) or after the "." (maybe sent).
    attempt.stage = "DATA"
    reply = await client.execute_command(b"DATA")
    if reply.code != 354:
        return _by_code(reply.code, f"DATA refused: {reply.code} {reply.message}")
    if client.protocol is None:
        raise ConnectionError("connection lost after 354")
    attempt.stage = "end of data"
    body = _LEADING_DOT.sub(b"..", _EOL.sub(b"\r\n", data).removesuffix(b"\r\n"))
    client.protocol.write(body + b"\r\n.\r\n")  # raises if already closed
    attempt.data_sent = True
    reply = await client.protocol.read_response(timeout=settings.timeout)
    what = f"{reply.code} {reply.message}"
    if 200 <= reply.code < 300:
        return DeliveryResult(Outcome.SENT, what, reply.code)
    if 400 <= reply.code < 600:
        return _by_code(reply.code, f"message refused: {what}")
    return DeliveryResult(Outcome.UNKNOWN, f"odd reply to the data: {what}")


def _failure(exc: Exception, attempt: _Attempt) -> DeliveryResult:
    """An exception's outcome depends on how far the message had got."""
    what = f"at {attempt.stage}: {type(exc).__name__}: {exc}"
    if attempt.data_sent:
        return DeliveryResult(Outcome.UNKNOWN, f"{what} (after the data went out)")
    code = getattr(exc, "code", None)  # aiosmtplib's SMTPResponseException
    if isinstance(code, int) and code >= 400:
        return _by_code(code, what)
    if isinstance(exc, OSError) or isinstance(code, int):  # net, TLS, timeout, garble
        return DeliveryResult(Outcome.TRANSIENT, what)
    return DeliveryResult(Outcome.PERMANENT, what)  # e.g. AUTH/STARTTLS not offered


def deliver_sync(msg: EmailMessage | bytes, settings: SmtpSettings) -> DeliveryResult:
    """``deliver`` for the CLI, in a fresh event loop."""
    import asyncio  # lazily, like aiosmtplib: ~35 ms of start-up for commands that don't send

    return asyncio.run(deliver(msg, settings))
