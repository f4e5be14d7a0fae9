"""The ingest rules, in the Mailman spirit: each a small named check. Pure.

A rule looks at one decoded mail and what the store knows (`Known`) and
returns a finding (why it hit) or None. `bot.release.cycle` runs the chain top to
bottom; the first rule that hits decides the mail's disposition, and every
finding is kept with the mail so `todobot` can say why a mail did nothing.
Permission and threshold are per change (`decide`), not per mail.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from bot.config import Config
from bot.mail import Message

_PREFIX = re.compile(r"^\s*(?:(?:re|aw|sv|antw|fwd?|wg|tr|r|ref|réf)\s*(?:\[\d+\])?\s*:\s*"
                     r"|\[[^\]]{1,40}\]\s*)", re.IGNORECASE)
_TOKEN = re.compile(r"\bconfirm\s+([0-9a-f]{16})\b", re.IGNORECASE)
_APPROVE = re.compile(r"^\s*(?:approved?|ok(?:ay)?|yes|ack(?:ed)?|lgtm|send it)\b", re.I)
_REJECT = re.compile(r"^\s*(?:reject(?:ed)?|no|nak|nack|don'?t send)\b[\s:,.-]*", re.I)
_HOLD = re.compile(
    r"\b(?:but|wait|hold|don'?t|do not|not|until|unless|after|later|tomorrow|first)\b", re.I
)
_DAEMONS = ("mailer-daemon@", "postmaster@")


def clean_subject(subject: str) -> str:
    """"Re: AW: [Xen-devel] Xen 4.2 TODO" → "xen 4.2 todo": for thread matching."""
    previous = None
    while previous != subject:
        previous, subject = subject, _PREFIX.sub("", subject, count=1)
    return " ".join(subject.lower().split())


def bare_id(message_id: str) -> str:
    return message_id.strip().strip("<>").strip()


def ancestors(message, most: int = 50) -> list[str]:
    """The mails above this one, nearest first: the one it answers (In-Reply-To, else the
    last of References), then up References; bare ids, each once, at most `most` (a
    hostile References of thousands makes no giant look-up)."""
    found = (bare_id(r) for r in (message.in_reply_to, *reversed(message.references or ()))
             if r)
    return list(dict.fromkeys(i for i in found if i))[:most]


@dataclass(frozen=True)
class Known:
    """What the store knows that the rules need, read once per mail."""

    thread_ids: frozenset[str]  # posts and replies already on the thread (bare ids)
    post_ids: frozenset[str]  # Message-IDs of posts imported or sent
    own_ids: frozenset[str]  # Message-IDs the bot made: sends, review mails
    subjects: frozenset[str]  # cleaned subjects that mark the thread
    review_ids: frozenset[str] = field(default_factory=frozenset)


Rule = Callable[[Message, Config, Known], str | None]


def unreadable(message: Message, config: Config, known: Known) -> str | None:
    bad = {"empty input", "no mail headers found"}
    hits = [d for d in message.defects if d in bad or d.startswith("could not parse")]
    if hits or (not message.from_addr and not message.message_id and not message.subject):
        return "unreadable: " + "; ".join(hits or ["no From, Message-ID or Subject"])
    return None


def own_mail(message: Message, config: Config, known: Known) -> str | None:
    """The bot's own mail, or a post, coming back: never read as a reply."""
    mid = bare_id(message.message_id)
    if mid and mid in known.own_ids:
        return f"own mail <{mid}> came back"
    if mid and mid in known.post_ids:
        return f"a post we have (<{mid}>) came back from the list"
    if "x-todobot" in message.headers:
        return f"X-Todobot: {message.headers['x-todobot']} (our own mail)"
    loops = message.headers.get("x-loop", "").lower().split("\n")
    if config.bot_address and config.bot_address in (v.strip() for v in loops):
        return f"X-Loop: {config.bot_address} (our own mail)"
    if message.from_addr and message.from_addr == config.bot_address:
        return f"From the bot's own address {config.bot_address}"
    return None


def auto_reply(message: Message, config: Config, known: Known) -> str | None:
    """RFC 3834 auto-replies, bulk mail, bounces, other robots' loops."""
    heads = message.headers
    auto = heads.get("auto-submitted", "").strip().lower()
    if auto and auto != "no":
        return f"Auto-Submitted: {auto}"
    precedence = heads.get("precedence", "").strip().lower()
    if precedence in ("bulk", "junk", "auto_reply"):
        return f"Precedence: {precedence}"
    if heads.get("x-loop"):
        return f"X-Loop: {heads['x-loop'].splitlines()[0]} (another robot's mail)"
    if heads.get("return-path", "").strip() == "<>":
        return "empty Return-Path (a bounce)"
    if not message.from_addr or message.from_addr.startswith(_DAEMONS):
        return f"bounce or no sender (From: {message.from_addr or 'none'})"
    if heads.get("content-type", "").lower().startswith("multipart/report"):
        return "a delivery report (multipart/report)"
    return None


def on_thread(refs: Iterable[str], subject: str, thread_ids: frozenset[str],
              subjects: frozenset[str]) -> bool:
    """A reference to a known mail of the thread, or the thread's subject.

    Works on `quick_headers` as well as on a decoded Message, so a busy
    list's other traffic can be set aside before any body is decoded.
    """
    if {bare_id(r) for r in refs if r} & thread_ids:
        return True
    return clean_subject(subject) in subjects


def off_thread(message: Message, config: Config, known: Known) -> str | None:
    """No In-Reply-To/References chain to the thread and no matching subject."""
    if on_thread((message.in_reply_to, *message.references), message.subject,
                 known.thread_ids, known.subjects):
        return None
    return f"off the thread (subject {message.subject!r}, no reference to it)"


def rm_token(secret: str, address: str) -> str:
    """One RM's confirmation token for a draft: an HMAC of their address under the
    draft's secret, so a token seen in one RM's review mail (forwarded, leaked)
    approves nothing From another address. Derived, so a rebuild needs no more."""
    message = b"todobot-review\0" + address.strip().lower().encode()
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()[:16]


def approval_token(message: Message, known: Known) -> tuple[bool, str]:
    """(is this an answer to a review mail?, the token it carries or "")."""
    text = "\n".join([message.subject, message.headers.get("x-todobot-token", ""),
                      *(line for line in message.body.splitlines()
                        if not line.lstrip().startswith(">"))])
    found = _TOKEN.search(text)
    refs = {bare_id(r) for r in (message.in_reply_to, *message.references) if r}
    return bool(found or refs & known.review_ids), found.group(1).lower() if found else ""


def approval_verdict(message: Message) -> tuple[str, str]:
    """("approve" | "reject" | "", reason) from the RM's own first words."""
    lines = [line for line in message.body.splitlines()
             if line.strip() and not line.lstrip().startswith(">")
             and not _TOKEN.search(line) and not re.match(r"^On .* wrote:$", line.strip())]
    first = lines[0] if lines else ""
    if _APPROVE.match(first):
        # "OK, but wait for rc3" is not a yes: only an unconditional word approves
        return ("", "") if _HOLD.search(first) else ("approve", "")
    match = _REJECT.match(first)
    if match:
        rest = [first[match.end():].strip(), *(line.strip() for line in lines[1:3])]
        return "reject", " ".join(r for r in rest if r).strip() or "rejected by mail"
    return "", ""


def decide(confidence: float, role: str | None, config: Config,
           dkim_failed: bool) -> tuple[str, str]:
    """(state, why) for one change: who may change what, and how sure we are."""
    if dkim_failed:
        return "proposed", "DKIM signature did not verify: only a proposal"
    if role == "rm":
        if confidence >= config.rm_threshold:
            return "applied", "from a release manager"
        return "proposed", f"confidence {confidence:.2f} below the RM threshold"
    if role == "developer":
        if confidence >= config.apply_threshold:
            return "applied", f"listed developer, confidence {confidence:.2f}"
        return "proposed", (f"confidence {confidence:.2f} below the threshold "
                            f"{config.apply_threshold:.2f}")
    return "proposed", "sender not in the configured people"


MAIL_CHAIN: tuple[tuple[str, Rule, str], ...] = (
    # (rule name, check, disposition when it hits), read top to bottom
    ("unreadable", unreadable, "unreadable"),
    ("own-mail", own_mail, "own"),
    ("auto-reply", auto_reply, "auto"),
)
THREAD_CHAIN: tuple[tuple[str, Rule, str], ...] = (("off-thread", off_thread, "ignored"),)


def dkim_fails(raw: bytes, from_addr: str,
               dnsfunc: Callable[..., bytes] | None = None) -> str | None:
    """Why no DKIM signature vouches for the From address, or None when one does.

    Only a signature that verifies *and* whose d= domain aligns with the From
    domain (DMARC, relaxed) counts: a mail signed by the sender's own domain
    with someone else's From proves nothing about that someone.
    """
    import dkim  # ~50 ms: only when the config asks for DKIM

    from bot.release.alignment import aligned

    from_domain = from_addr.rpartition("@")[2]
    if not from_domain:
        return "no From address to align a DKIM signature with"
    try:
        headers, _body = dkim.rfc822_parse(raw)
    except Exception as error:  # dkimpy raises on a mail it cannot split
        return f"DKIM check failed: {error}"
    signatures = [value for name, value in headers if name.lower() == b"dkim-signature"]
    if not signatures:
        return "no DKIM signature"
    problems: list[str] = []
    for index, value in enumerate(signatures):
        try:
            tags = dkim.util.parse_tag_value(value)
            domain = tags.get(b"d", b"").decode("ascii").strip()
        except Exception:  # a malformed signature: it vouches for nothing
            problems.append("a malformed signature")
            continue
        if not aligned(domain, from_domain):
            problems.append(f"d={domain or '?'} does not align with the From domain "
                            f"{from_domain}")
            continue
        try:
            checker = dkim.DKIM(raw)
            ok = checker.verify(index, dnsfunc=dnsfunc) if dnsfunc else checker.verify(index)
        except Exception as error:  # dkimpy raises on malformed signatures and DNS errors
            problems.append(f"d={domain}: DKIM check failed: {error}")
            continue
        if ok:
            return None
        problems.append(f"d={domain}: signature does not verify")
    return "no aligned DKIM signature verifies (" + "; ".join(problems) + ")"
