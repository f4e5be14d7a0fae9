"""Ingest: one mail in, kept first, then read: the chain of rules, the thread
test, the analysis, the decision per change.

Ingest keeps a mail's bytes in one transaction (so nothing is lost whatever
happens next) and records what it caused in a second one that first
re-checks, under the write lock, that no other process got there first: two
`ingest` runs over the same mbox record each change once. A mail that is
plainly off the thread is settled from its headers alone.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from types import MappingProxyType

from bot.config import Config
from bot.mail import (
    Message,
    fix_mojibake,
    head_end,
    message_key,
    parse_message,
    quick_headers,
    sender_of,
)
from bot.post import ChangeKind, Post
from bot.release.cycle import post_of, post_subject
from bot.release.mailkey import conflict_key, content_digest, content_key
from bot.release.posts import path_key, path_of
from bot.release.rules import (
    MAIL_CHAIN,
    THREAD_CHAIN,
    Known,
    ancestors,
    approval_token,
    approval_verdict,
    bare_id,
    clean_subject,
    decide,
    dkim_fails,
    on_thread,
    rm_token,
)
from bot.release.store import Store, StoreBusy, StoreError, now

# said whatever the verbosity: the mail is kept, but did not do what it says
REPORTED = ("unreadable", "oversized", "conflict", "refused")


@dataclass
class Verdict:
    """What ingest did with one mail, and why."""

    key: str
    # analysed | duplicate | own | auto | ignored | unreadable | approval | refused
    disposition: str
    findings: list[str] = field(default_factory=list)
    applied: int = 0
    proposed: int = 0


def _pings(store: Store, rid: int, refs: Sequence[str] | None) -> frozenset[str]:
    """The pings `todobot nag` sent (their Message-IDs, among `refs`): a reply to a ping
    answers the weekly post's items, so it is on the thread even when it names no more."""
    wanted = {bare_id(r) for r in refs or () if r}
    sent = (json.loads(r[0]).get("message_id", "") for r in store.all(
        "SELECT args FROM journal WHERE release_id = ? AND kind = 'ping-sent'", rid))
    return frozenset(m for m in sent if m and (refs is None or m in wanted))


def known(store: Store, config: Config, rid: int | None,
          subject_of: Callable[[int], str] | None = None, refs: Sequence[str] | None = None
          ) -> Known:
    """What the rules need to know, read afresh for each mail; `subject_of` gives a
    stored post's subject (an ingest run's cache), else its JSON is read for it.

    `refs`: the mail's In-Reply-To and References; the thread's ids are then only
    those of them (the rules ask no more), not every mail kept so far.
    """
    if rid is None:
        return Known(frozenset(), frozenset(), frozenset(), frozenset({clean_subject(
            config.subject)}))
    posts = store.all("SELECT id, message_id FROM posts WHERE release_id = ? ORDER BY id", rid)
    post_ids = frozenset(r["message_id"] for r in posts if r["message_id"])
    subjects = {clean_subject(config.subject)}
    if posts:
        subjects.add(clean_subject((subject_of or partial(post_subject, store))(posts[-1]["id"])))
    reviews = frozenset(i for r in store.all(  # one review mail per RM, ids space-separated
        "SELECT review_message_id FROM drafts WHERE release_id = ? AND "
        "review_message_id IS NOT NULL", rid) for i in r[0].split())
    sends = frozenset(r[0] for r in store.all("SELECT message_id FROM sends"))
    return Known(frozenset(store.thread_ids(rid, refs)) | _pings(store, rid, refs), post_ids,
                 sends | reviews,
                 frozenset(s for s in subjects if s), reviews)


# A mail whose raw bytes hold any of these may say "confirm <token>" where only the full
# decode sees it (base64, UTF-16, a QP soft break) or be a robot's: it is decoded.
_MAYBE_APPROVAL = re.compile(rb"confirm|base64|utf-?16|utf-?32|ucs-?[24]", re.IGNORECASE)
_ROBOT_HEAD = re.compile(rb"^x-todobot|^return-path:\s*<\s*>|multipart/report",
                         re.IGNORECASE | re.MULTILINE)
_QP_SOFT_BREAK = re.compile(rb"=\r?\n")


def _body_bytes(raw: bytes) -> bytes:
    return raw[end[1]:] if (end := head_end(raw)) else b""


def headers_only(raw: bytes) -> Message:
    """A Message of a mail's headers alone, its body not decoded (too big to read)."""
    quick = quick_headers(raw)
    name, addr, via = sender_of(quick)
    return Message(message_id=quick.get("message-id", ""),
                   in_reply_to=quick.get("in-reply-to", ""),
                   references=tuple(quick.get("references", "").split()), from_name=name,
                   from_addr=addr, date=None, subject=quick.get("subject", ""), body="",
                   headers=MappingProxyType({}), defects=(), raw=raw, via=via)


@dataclass
class Ingest:
    """One ingest run: a store, a config, and how to check DKIM."""

    store: Store
    config: Config
    dnsfunc: Callable[..., bytes] | None = None  # tests give DKIM keys without DNS
    # posts are never changed once stored: each is read once per run
    _posts: dict[int, Post] = field(default_factory=dict, init=False, repr=False)
    _subjects: dict[int, str] = field(default_factory=dict, init=False, repr=False)
    # the post plus its thread's raised items, by post: (their change ids, post, ids)
    _threads: dict[int, tuple] = field(default_factory=dict, init=False, repr=False)

    def post(self, post_id: int) -> Post:
        """A stored post, parsed once per run (only a mail to analyse needs it)."""
        found = self._posts.get(post_id)
        if found is None:
            found = self._posts[post_id] = post_of(
                self.store.one("SELECT json FROM posts WHERE id = ?", post_id))
        return found

    def thread_post(self, post_id: int) -> tuple[Post, dict[str, int]]:
        """The post as its thread knows it, and its item ids: the items earlier
        replies raised (and nobody rejected or undid) follow the post's own, so "queued" under
        a commit another reply asked for lands on that commit's item; and each item in the
        state the changes applied since give it, so "a v4 is needed" after Tuesday's "v3 is
        out" is news, though the post said a new version was needed."""
        from bot.reply.raised import Raised, with_raised, with_states

        ids = self.store.item_ids(post_id)
        raised = [c for c in self.store.changes(
            "c.post_id = ? AND c.kind = ? AND c.item_id IS NOT NULL", post_id,
            str(ChangeKind.NEW)) if c.state not in ("rejected", "reverted")]
        states = self.store.item_states(post_id)
        key = (tuple(c.id for c in raised), tuple(sorted(states.items())))
        cached = self._threads.get(post_id)
        if cached is None or cached[0] != key:
            post, paths = with_raised(self.post(post_id), [
                Raised(c.change.value, c.change.section) for c in raised])
            known: dict[str, int] = {}
            for path, change in zip(paths, raised, strict=True):
                if path and path_key(path) not in ids:  # a title raised twice: its first
                    known.setdefault(path_key(path), change.item_id)
            where = {item_id: path_of(key) for key, item_id in {**ids, **known}.items()}
            post = with_states(post, {where[item_id]: value for item_id, value in states.items()
                                      if item_id in where})
            cached = self._threads[post_id] = (key, post, known)
        return cached[1], {**ids, **cached[2]}

    def subject(self, post_id: int) -> str:
        """A stored post's subject, which every mail's thread test needs."""
        if post_id in self._posts:
            return self._posts[post_id].subject
        if post_id not in self._subjects:
            self._subjects[post_id] = post_subject(self.store, post_id)
        return self._subjects[post_id]

    def mail(self, raw: bytes, received: str | None = None) -> Verdict:
        """Keep one mail, then read it. Never raises but for the store: a defect
        of ours keeps the mail and reports it, and the run goes on."""
        try:
            return self._mail(raw, received)
        except (StoreBusy, StoreError):
            raise
        except Exception as error:  # noqa: BLE001 - the mail must not be lost
            return self._kept_anyway(raw, received, error)

    def recover(self) -> list[Verdict]:
        """Finish the mails a killed run kept but never settled (disposition
        `received`): without it they would wait for their next copy, and
        `rebuild` would not match until then."""
        rows = self.store.all("SELECT key, raw, received FROM mails WHERE "
                              "disposition = 'received' ORDER BY received")
        return [self.mail(bytes(row["raw"]), row["received"]) for row in rows]

    def _mail(self, raw: bytes, received: str | None) -> Verdict:
        quick = quick_headers(raw)
        mid = quick.get("message-id", "")
        message = None
        if mid:
            key = mid
        elif len(raw) <= self.config.max_mail_bytes:
            message = parse_message(raw)  # no Message-ID: keyed by its content
            key = content_key(message) if message.from_addr else message_key(raw)
        else:
            key = message_key(raw)
        kept = self.store.mail(key)
        if kept is not None and kept["disposition"] != "received":
            if not mid or not self._other_content(bytes(kept["raw"]), raw):
                return Verdict(key, "duplicate", [f"already seen ({kept['received'][:19]}): "
                                                  f"{kept['disposition']}"])
            return self._conflict(raw, mid, kept, received)
        rid = self.store.release_id(self.config.release)
        refs = [bare_id(r) for r in (quick.get("in-reply-to", ""),
                                     *quick.get("references", "").split()) if r]
        facts = known(self.store, self.config, rid, self.subject, refs)
        settled = message is None and self._off_thread(raw, quick, refs, rid, facts)
        if settled:
            message = settled
        oversized = self._oversized(raw, message)
        if message is None:
            message = oversized or parse_message(raw)
        message = self._own_list(message)
        if kept is None:
            self.store.keep_mail(key, bare_id(message.message_id), raw, message.from_addr,
                                 message.subject, received or now())
        if settled:
            verdict = Verdict(key, "analysed")
            self._stopped_by(THREAD_CHAIN, message, facts, verdict)
            return self._finish(verdict, rid, message)
        if oversized is None:
            oversized = self._oversized(raw, message)
        if oversized is not None:
            return self._finish(Verdict(key, "oversized", [oversized.defects[-1]]), rid,
                                message)
        return self._settle(key, message, rid, facts)

    def _own_list(self, message: Message) -> Message:
        """A From rewritten as "X via list" is X's only when the list is this one: another
        address, whatever the mail's List-Id says, is taken as it stands (anyone can write
        List-Id)."""
        if not message.via or message.via.lower() == self.config.list_address.lower():
            return message
        return replace(message, from_addr=message.via, via="", defects=(
            *message.defects, f"From {message.via} is no address of this list: taken as is"))

    def _oversized(self, raw: bytes, message: Message | None) -> Message | None:
        """A mail too big to analyse (bounded work): a Message of its headers, whose last
        defect says why; None when it may be analysed."""
        limit = self.config.max_mail_bytes
        if message is None:
            if len(raw) <= limit:
                return None
            why = f"{len(raw)} bytes, over [limits] max_mail_bytes = {limit}"
            message = headers_only(raw)
        else:
            line_limit = self.config.max_line_bytes
            longest = max(map(len, message.body.split("\n")), default=0)
            if len(raw) <= limit and longest <= line_limit:
                return None
            why = (f"a line of {longest} characters, over [limits] max_line_bytes = "
                   f"{line_limit}" if longest > line_limit else
                   f"{len(raw)} bytes, over [limits] max_mail_bytes = {limit}")
        return replace(message, defects=(*message.defects,
                                         f"oversized: {why}: kept, not analysed"))

    def _other_content(self, kept: bytes, raw: bytes) -> bool:
        """Does a mail under a Message-ID we have say something else? Copies of one mail
        differ in transit (Received:, the list's tag and footer); senders' words do not."""
        if kept == raw:
            return False
        limit = self.config.max_mail_bytes
        if len(kept) > limit or len(raw) > limit:  # too big to decode: compare the bodies
            return _body_bytes(kept) != _body_bytes(raw)
        return content_digest(parse_message(kept)) != content_digest(parse_message(raw))

    def _conflict(self, raw: bytes, mid: str, kept, received: str | None) -> Verdict:
        """A reused Message-ID with other content: kept under its own key, reported,
        not analysed (it may be a forgery riding on a mail we trust)."""
        message = (parse_message(raw) if len(raw) <= self.config.max_mail_bytes
                   else headers_only(raw))
        key = conflict_key(mid, message)
        found = self.store.mail(key)
        if found is not None and found["disposition"] != "received":
            return Verdict(key, "duplicate", [f"already seen ({found['received'][:19]}): "
                                              f"{found['disposition']}"])
        if found is None:
            self.store.keep_mail(key, bare_id(mid), raw, message.from_addr, message.subject,
                                 received or now())
        rid = self.store.release_id(self.config.release)
        return self._finish(Verdict(key, "conflict", [
            f"conflict: Message-ID <{mid}> is already kept ({kept['received'][:19]}) with "
            "other content: kept, not analysed"]), rid, message)

    def _kept_anyway(self, raw: bytes, received: str | None, error: Exception) -> Verdict:
        """A defect of ours: the mail is kept as unreadable, with what went wrong."""
        key = "sha256:" + hashlib.sha256(raw).hexdigest()
        finding = (f"unreadable: todobot could not process it ({type(error).__name__}: "
                   f"{str(error)[:200]}): kept, please report")
        row = self.store.mail(key)
        if row is not None and row["disposition"] != "received":
            return Verdict(key, "duplicate", [f"already seen: {row['disposition']}"])
        if row is None:
            self.store.keep_mail(key, "", raw, "", "", received or now())
        with self.store.write():
            self.store.settle_mail(key, "unreadable", [finding])
            self.store.journal(self.store.release_id(self.config.release), "mail", key=key)
        return Verdict(key, "unreadable", [finding])

    def _off_thread(self, raw: bytes, quick: dict[str, str], refs: list[str],
                    rid: int | None, facts: Known) -> Message | None:
        """A mail off the thread by its headers alone, that no rule read before the
        thread test could take either: a Message of its headers (the body is not
        decoded, the disposition and finding are the same). Else None: decode it."""
        if rid is None or not quick.get("message-id"):
            return None  # unreadable, or no release yet: the chain says which
        subject = quick.get("subject", "")
        if not subject.isascii():
            subject = fix_mojibake(subject)[0]  # as parse_message reads it
        if on_thread(refs, subject, facts.thread_ids, facts.subjects):
            return None
        sender = quick.get("from", "")
        name, addr, via = sender_of(quick)
        if self._maybe_earlier(raw, quick, sender, addr, subject, set(refs), facts):
            return None
        return Message(message_id=quick["message-id"], in_reply_to=quick.get("in-reply-to", ""),
                       references=tuple(quick.get("references", "").split()), from_name=name,
                       from_addr=addr, date=None, subject=subject, body="",
                       headers=MappingProxyType({}), defects=(), raw=raw, via=via)

    def _maybe_earlier(self, raw: bytes, quick: dict[str, str], sender: str, addr: str,
                       subject: str, refs: set[str], facts: Known) -> bool:
        """Could own-mail, auto-reply or an approval take this mail? Then it is decoded
        and they decide, as before; the checks err on that side."""
        head = raw[:end[1]] if (end := head_end(raw)) else raw
        mid = quick["message-id"]
        own = (mid in facts.own_ids or mid in facts.post_ids or addr == self.config.bot_address
               # quick_headers decodes encoded-words before reading the address, the full
               # decode after (one may hide a comma): only one in plain sight reads the same
               or not (f"<{addr}>" in sender.lower() or sender.strip().lower() == addr))
        auto = (not addr or addr.startswith(("mailer-daemon@", "postmaster@"))
                or bool(quick.get("x-loop"))
                or quick.get("auto-submitted", "no").strip().lower() != "no"
                or quick.get("precedence", "").strip().lower() in ("bulk", "junk", "auto_reply")
                or _ROBOT_HEAD.search(head) is not None)
        if own or auto:
            return True
        return (bool(refs & facts.review_ids) or "confirm" in subject.lower()  # an approval
                or _MAYBE_APPROVAL.search(_QP_SOFT_BREAK.sub(b"", raw)) is not None)

    def _settle(self, key: str, message: Message, rid: int | None, facts: Known) -> Verdict:
        verdict = Verdict(key, "analysed")
        if self._stopped_by(MAIL_CHAIN, message, facts, verdict):
            return self._finish(verdict, rid, message)
        if rid is None:
            verdict.disposition = "ignored"
            verdict.findings.append("no release initialised yet: kept, not analysed")
            return self._finish(verdict, rid, message)
        is_approval, token = approval_token(message, facts)
        if is_approval:
            return self._approval(verdict, rid, message, token)
        if self._stopped_by(THREAD_CHAIN, message, facts, verdict):
            return self._finish(verdict, rid, message)
        return self._analyse(verdict, rid, message)

    def _stopped_by(self, chain, message: Message, facts, verdict: Verdict) -> bool:
        """Run a chain of rules; the first that finds something decides the mail."""
        for name, rule, disposition in chain:
            finding = rule(message, self.config, facts)
            if finding:
                verdict.disposition = disposition
                # the chain names the rule; a rule that names itself is not named twice
                verdict.findings.append(f"{name}: {finding.removeprefix(f'{name}: ')}")
                return True
        return False

    def _finish(self, verdict: Verdict, rid: int | None, message: Message,
                post_id: int | None = None, then: Callable[[], None] | None = None) -> Verdict:
        with self.store.write():
            row = self.store.mail(verdict.key)
            if row is not None and row["disposition"] != "received":
                return Verdict(verdict.key, "duplicate", ["already seen: another todobot "
                                                          "recorded it first"])
            if then is not None:
                then()
            if verdict.disposition == "own":
                self._confirm_send(message, verdict)
            self.store.settle_mail(verdict.key, verdict.disposition, verdict.findings, rid,
                                   post_id)
            self.store.journal(rid, "mail", key=verdict.key)
        return verdict

    def _confirm_send(self, message: Message, verdict: Verdict) -> None:
        """Our post came back from the list: a send whose outcome was unknown is sent."""
        send = self.store.send_by_message_id(bare_id(message.message_id))
        if send is not None and send["state"] in ("sending", "unknown", "retry"):
            self.store.finish_send(send["id"], "sent", "seen coming back from the list")
            from bot.release.drafting import mark_sent  # drafting imports nothing of ingest

            mark_sent(self.store, self.config, send["draft_id"], send["message_id"])
            verdict.findings.append(f"send #{send['id']} confirmed: the list delivered it")

    def _analyse(self, verdict: Verdict, rid: int, message: Message) -> Verdict:
        from bot.reply import analyze_reply

        refs = {bare_id(r) for r in (message.in_reply_to, *message.references) if r}
        rows = self.store.all("SELECT id, message_id FROM posts WHERE release_id = ? "
                              "ORDER BY id", rid)
        answered = [r for r in rows if r["message_id"] in refs]
        row = (answered or rows)[-1]

        def read(post, spoken_of):
            spoken, far = spoken_of
            return analyze_reply(message, post, roster=self.config.roster,
                                 rules=self.config.rules, rms=self.config.rm_addresses,
                                 context=spoken[0] if len(spoken) == 1 else None,
                                 several=tuple(spoken) if len(spoken) > 1 else (),
                                 context_far=far)

        post, ids = self.thread_post(row["id"])
        spoken_of = self._spoken_of(message, ids)
        analysis = read(post, spoken_of)
        read_at = len(verdict.findings)  # where this reading's findings start
        verdict.findings.extend(analysis.findings)
        person = self.config.person(message.from_addr)
        dkim_problem = (dkim_fails(message.raw, message.via or message.from_addr, self.dnsfunc)
                        if self.config.dkim_require else None)
        if dkim_problem:
            verdict.findings.append(f"dkim: {dkim_problem}")
        source = f"mail:{verdict.key}"

        def record() -> None:
            from bot.reply.raised import title_key  # (as thread_post: only a read mail needs it)

            nonlocal analysis, ids
            now, now_ids = self.thread_post(row["id"])  # (under the write lock; the post the
            # mail answers was chosen above, outside it: a post the RM imports meanwhile is
            # not looked for again)
            now_spoken = self._spoken_of(message, now_ids)
            if now is not post or now_ids != ids or now_spoken != spoken_of:
                # another todobot changed the thread while this mail was read: read it again
                # against the thread as it is now, as a store rebuilt mail by mail in the
                # journal's order would; its findings replace the first reading's
                first = len(analysis.findings)
                analysis, ids = read(now, now_spoken), now_ids
                verdict.findings[read_at:read_at + first] = [
                    "read again: the thread changed while it was read", *analysis.findings]

            raised_here: dict[str, int] = {}  # a new item's title → its id, for what the
            # same mail says of it (an item the quoted mail asked for, then its state)
            for ordinal, change in enumerate(analysis.changes):
                state, why = decide(change.confidence, person.role if person else None,
                                    self.config, bool(dkim_problem))
                if change.kind is ChangeKind.NEW:
                    from bot.release.archivetitle import titled

                    asked = title_key(change.value)
                    change = titled(self.store, change)  # "one more: <URL>": its subject
                    item_id: int | None = self.store.new_item(rid)
                    raised_here.setdefault(asked, item_id)
                else:
                    item_id = ids.get(path_key(change.item)) or raised_here.get(
                        title_key(change.item_text))
                    if item_id is None:
                        state, why = "proposed", "the item it names has no id in the post"
                self.store.log_change(rid, change, item_id=item_id, post_id=row["id"],
                                      source=source, ordinal=ordinal, state=state,
                                      actor="todobot", reason=why)
                verdict.findings.append(f"permission: {change.kind} {change.value!r}: "
                                        f"{state} ({why})")
                verdict.applied += state == "applied"
                verdict.proposed += state == "proposed"
            _keep_remarks(self.store, analysis, message, rid, row["id"], ids, source, verdict)

        return self._finish(verdict, rid, message, row["id"], then=record)

    def _spoken_of(self, message: Message,
                   ids: dict[str, int]) -> tuple[list[tuple[int, ...]], bool]:
        """The items of the post the mail this one answers spoke of (its changes, its
        remarks under a quoted item or on an item it gave the id of, and the items it
        raised): a sub-thread stays on its item, or on its items when the answer says
        "both". When that mail spoke of none, or never reached us, the nearest mail above
        it that did (References, nearest first), and True: a guess to propose on."""
        from bot.reply.analysis import LENT  # (imported with analyze_reply, by the caller)

        above = ancestors(message)
        if not above:
            return [], False
        forms = [form for ancestor in above for form in (ancestor, f"<{ancestor}>")]
        marks = ", ".join("?" * len(forms))
        spoke: dict[str, set[int]] = {}
        for row in self.store.all(  # one look-up for the whole chain, nearest chosen below
                f"SELECT message_id, item_id FROM changes WHERE message_id IN ({marks}) "
                f"AND item_id IS NOT NULL AND instr(reasons, ?) = 0 UNION "
                f"SELECT message_id, item_id FROM remarks WHERE message_id IN ({marks}) "
                f"AND item_id IS NOT NULL AND named = 0", *forms, LENT, *forms):
            spoke.setdefault(bare_id(row["message_id"]), set()).add(row["item_id"])
        for number, ancestor in enumerate(above):
            found = spoke.get(ancestor)
            if not found:
                continue
            paths = sorted(path_of(key) for key, item_id in ids.items() if item_id in found)
            return (paths, number > 0) if len(paths) == len(found) else ([], False)
        return [], False

    def _approval(self, verdict: Verdict, rid: int, message: Message, token: str) -> Verdict:
        action, reason = approval_verdict(message)
        problem = None
        if message.from_addr not in self.config.rm_addresses:
            problem = f"{message.from_addr or 'no sender'} is not a release manager address"
        if problem is None:
            problem = self._draft_problem(self.store.current_draft(rid), token,
                                          message.from_addr)
        if problem is None and self.config.dkim_require:
            problem = dkim_fails(message.raw, message.via or message.from_addr, self.dnsfunc)
        if problem is None and not action:
            problem = "neither 'approve' nor 'reject' in the first line"
        if problem:
            verdict.disposition = "refused"
            verdict.findings.append(f"approval refused: {problem}")
            return self._finish(verdict, rid, message)
        state = "approved" if action == "approve" else "rejected"

        def decide_draft() -> None:
            # The checks above ran before the write lock (DKIM asks DNS): a `todobot
            # reject` or a new draft may have come in between. Only now is it sure.
            draft = self.store.current_draft(rid)
            late = self._draft_problem(draft, token, message.from_addr)
            if late:
                verdict.disposition = "refused"
                verdict.findings.append(f"approval refused: {late}")
                return
            verdict.disposition = "approval"
            verdict.findings.append(f"draft #{draft['id']} {action}d by {message.from_addr} "
                                    "by mail" + (f": {reason}" if reason else ""))
            self.store.set_draft_state(draft["id"], state, reason)

        return self._finish(verdict, rid, message, then=decide_draft)

    @staticmethod
    def _draft_problem(draft, token: str, sender: str) -> str | None:
        """Why the token approves nothing now, or None: it must be the one the
        current draft's review mail gave this sender, not another RM's."""
        if not token:
            return "no confirmation token: approves nothing"
        if draft is None or not hmac.compare_digest(rm_token(draft["token"], sender), token):
            return f"the token is not the current draft's for {sender}"
        if draft["state"] != "draft":
            return f"draft #{draft['id']} is already {draft['state']}"
        return None


# -- decisions on changes ------------------------------------------------------------


def _keep_remarks(store: Store, analysis, message: Message, rid: int, post_id: int,
                  ids: dict[str, int], source: str, verdict: Verdict) -> None:
    """Nothing silently ignored (issue 9): what a sender said of an item (quoted, or named
    clearly in their own words) that changed nothing is kept for the RM; a mail that
    quotes and names no item is off-topic."""
    from bot.post import Evidence

    for ordinal, remark in enumerate(analysis.remarks):
        said = Evidence(message.message_id, message.from_name, message.from_addr, message.date,
                        "", remark.words)
        store.log_remark(rid, remark, said,
                         item_id=ids.get(path_key(remark.item)), post_id=post_id,
                         path=path_key(remark.item), source=source, ordinal=ordinal)
    if analysis.remarks:
        verdict.findings.append(f"{len(analysis.remarks)} remark(s) not understood, kept "
                                "for the RM (`todobot proposals`)")
    elif analysis.off_topic:
        verdict.findings.append("off-topic: the mail quotes no item of the post")
