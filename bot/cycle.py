"""The weekly cycle's operations on the store: init, ingest, decide, draft, approve.

Every operation that changes the store writes one `journal` row with the
arguments it needs to be replayed (`bot.rebuild`), inside the same
transaction as its effect. Ingest keeps a mail's bytes in one transaction
(so nothing is lost whatever happens next) and records what it caused in a
second one that first re-checks, under the write lock, that no other
process got there first: two `ingest` runs over the same mbox record each
change once.
"""

from __future__ import annotations

import json
import re
import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import partial
from types import MappingProxyType

from bot.change import ChangeKind, Evidence
from bot.config import Config
from bot.mail import Message, message_key, parse_message, quick_headers
from bot.mail import _address as mail_address
from bot.mailtext import fix_mojibake
from bot.model import Post
from bot.rules import (
    MAIL_CHAIN,
    THREAD_CHAIN,
    Known,
    approval_token,
    approval_verdict,
    bare_id,
    clean_subject,
    decide,
    dkim_fails,
    on_thread,
)
from bot.store import Store, now


class CycleError(RuntimeError):
    """The operation cannot be done now; the message says why and what to do."""


@dataclass
class Verdict:
    """What ingest did with one mail, and why."""

    key: str
    # analysed | duplicate | own | auto | ignored | unreadable | approval | refused
    disposition: str
    findings: list[str] = field(default_factory=list)
    applied: int = 0
    proposed: int = 0


def _subject(store: Store, post_id: int) -> str:
    return json.loads(store.scalar("SELECT json FROM posts WHERE id = ?", post_id)).get(
        "subject", "")


def _post(row) -> Post:
    from bot.postjson import post_from_json

    return post_from_json(json.loads(row["json"]))


def release_id(store: Store, config: Config) -> int:
    found = store.release_id(config.release)
    if found is None:
        raise CycleError(f"no release {config.release!r} in the store yet: run `todobot init "
                         "POST` with its current post first")
    return found


# -- init ---------------------------------------------------------------------


def import_post(store: Store, config: Config, text: str, post: Post, message_id: str = "",
                name: str = "", *, year: int | None = None) -> tuple[int, bool]:
    """(post id, created): a post becomes the baseline; its items keep their ids.

    `year`: the one its timeline was read with (default: [release] year, else the
    year its year-less dates got, e.g. from the mail's Date); it is journalled, so
    `rebuild` reads the post as `init` did. A change applied since the last post
    is marked as shown only when this post's item already says it: the RM may
    have sent this post by hand before a reply came in.
    """
    from bot.postjson import post_to_json

    message_id = bare_id(message_id or config.thread_message_id)
    year = year if year is not None else config.year or timeline_year(post)
    with store.write():
        rid = store.release_id(config.release, year, create=True)
        assert rid is not None
        store.remember_year(rid, year)
        last = store.baseline(rid)
        if last is not None and last["text"] == text:
            return int(last["id"]), False
        pending = store.pending(rid)
        ids = _carried_ids(store, config, rid, last, pending, post)
        post_id = store.add_post(rid, "imported", text, post_to_json(post), message_id)
        store.map_items(post_id, ids)
        store.fold(post_id, _shown(pending, post, ids))
        store.journal(rid, "post", text=text, message_id=message_id, name=name, year=year)
        return post_id, True


def timeline_year(post: Post) -> int | None:
    """The year the timeline's year-less dates ("19 March") were read in, or None."""
    from collections import Counter

    years = Counter(m.date.year for m in post.timeline
                    if m.date is not None and str(m.date.year) not in m.when)
    return years.most_common(1)[0][0] if years else None


def release_year(store: Store, config: Config, rid: int) -> int | None:
    """[release] year, else the one the release's first post was read with."""
    return config.year or store.scalar("SELECT year FROM releases WHERE id = ?", rid)


def _carried_ids(store: Store, config: Config, rid: int, last, pending, post: Post
                 ) -> dict[str, int]:
    """Item ids for the post's items: the items as they stand now (the last post with
    the changes since, new items included) first, then the last post as it was."""
    from bot.draft import build_draft, item_paths
    from bot.handedit import flatten, match_items

    ids: dict[str, int] = {}
    if last is not None:
        old_post, old_ids = _post(last), store.item_ids(last["id"])
        now = build_draft(old_post, old_ids, pending, release=config.release,
                          day=datetime.now(UTC).date())
        after = flatten(post)
        for before, before_ids in ((flatten(now.post), now.ids), (flatten(old_post), old_ids)):
            taken = set(ids.values())
            free = [f for f in before if f.path in before_ids
                    and before_ids[f.path] not in taken]
            todo = [f for f in after if f.path not in ids]
            for new, old in match_items(free, todo).items():
                ids[new] = before_ids[old]
    for path, item in item_paths(post).items():
        if path not in ids and not item.placeholder:
            ids[path] = store.new_item(rid)
    return ids


def _shown(pending, post: Post, ids: dict[str, int]) -> list[int]:
    """The applied changes the post already says (the rest stay for the next draft)."""
    from bot.draft import item_paths, shows

    items, paths = item_paths(post), {item_id: path for path, item_id in ids.items()}
    shown = []
    for logged in pending:
        path = paths.get(logged.item_id)
        section = post.sections[int(path.split(".")[0])].title if path else ""
        if shows(items[path] if path else None, section, logged.change):
            shown.append(logged.id)
    return shown


# -- ingest -------------------------------------------------------------------


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
        subjects.add(clean_subject((subject_of or partial(_subject, store))(posts[-1]["id"])))
    reviews = frozenset(r[0] for r in store.all(
        "SELECT review_message_id FROM drafts WHERE release_id = ? AND "
        "review_message_id IS NOT NULL", rid))
    sends = frozenset(r[0] for r in store.all("SELECT message_id FROM sends"))
    return Known(frozenset(store.thread_ids(rid, refs)), post_ids, sends | reviews,
                 frozenset(s for s in subjects if s), reviews)


# A mail whose raw bytes hold any of these may say "confirm <token>" where only the full
# decode sees it (base64, UTF-16, a QP soft break) or be a robot's: it is decoded.
_MAYBE_APPROVAL = re.compile(rb"confirm|base64|utf-?16|utf-?32|ucs-?[24]", re.IGNORECASE)
_ROBOT_HEAD = re.compile(rb"^x-todobot|^return-path:\s*<\s*>|multipart/report",
                         re.IGNORECASE | re.MULTILINE)
_QP_SOFT_BREAK = re.compile(rb"=\r?\n")
_HEAD_END = re.compile(rb"\r?\n\r?\n")


@dataclass
class Ingest:
    """One ingest run: a store, a config, and how to check DKIM."""

    store: Store
    config: Config
    dnsfunc: Callable[..., bytes] | None = None  # tests give DKIM keys without DNS
    # posts are never changed once stored: each is read once per run
    _posts: dict[int, Post] = field(default_factory=dict, init=False, repr=False)
    _subjects: dict[int, str] = field(default_factory=dict, init=False, repr=False)

    def post(self, post_id: int) -> Post:
        """A stored post, parsed once per run (only a mail to analyse needs it)."""
        found = self._posts.get(post_id)
        if found is None:
            found = self._posts[post_id] = _post(
                self.store.one("SELECT json FROM posts WHERE id = ?", post_id))
        return found

    def subject(self, post_id: int) -> str:
        """A stored post's subject, which every mail's thread test needs."""
        if post_id in self._posts:
            return self._posts[post_id].subject
        if post_id not in self._subjects:
            self._subjects[post_id] = _subject(self.store, post_id)
        return self._subjects[post_id]

    def mail(self, raw: bytes, received: str | None = None) -> Verdict:
        quick = quick_headers(raw)
        key = quick.get("message-id") or message_key(raw)
        kept = self.store.mail(key)
        if kept is not None and kept["disposition"] != "received":
            return Verdict(key, "duplicate", [f"already seen ({kept['received'][:19]}): "
                                              f"{kept['disposition']}"])
        rid = self.store.release_id(self.config.release)
        refs = [bare_id(r) for r in (quick.get("in-reply-to", ""),
                                     *quick.get("references", "").split()) if r]
        facts = known(self.store, self.config, rid, self.subject, refs)
        message = self._off_thread(raw, quick, refs, rid, facts)
        settled = message is not None
        if message is None:
            message = parse_message(raw)
        if kept is None:
            self.store.keep_mail(key, bare_id(message.message_id), raw, message.from_addr,
                                 message.subject, received or now())
        if settled:
            verdict = Verdict(key, "analysed")
            self._stopped_by(THREAD_CHAIN, message, facts, verdict)
            return self._finish(verdict, rid, message)
        return self._settle(key, message, rid, facts)

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
        name, addr = mail_address(sender)
        if self._maybe_earlier(raw, quick, sender, addr, subject, set(refs), facts):
            return None
        return Message(message_id=quick["message-id"], in_reply_to=quick.get("in-reply-to", ""),
                       references=tuple(quick.get("references", "").split()), from_name=name,
                       from_addr=addr, date=None, subject=subject, body="",
                       headers=MappingProxyType({}), defects=(), raw=raw)

    def _maybe_earlier(self, raw: bytes, quick: dict[str, str], sender: str, addr: str,
                       subject: str, refs: set[str], facts: Known) -> bool:
        """Could own-mail, auto-reply or an approval take this mail? Then it is decoded
        and they decide, as before; the checks err on that side."""
        head = raw[:end.end()] if (end := _HEAD_END.search(raw)) else raw
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
            mark_sent(self.store, self.config, send["draft_id"], send["message_id"])
            verdict.findings.append(f"send #{send['id']} confirmed: the list delivered it")

    def _analyse(self, verdict: Verdict, rid: int, message: Message) -> Verdict:
        from bot.reply import analyze_reply

        refs = {bare_id(r) for r in (message.in_reply_to, *message.references) if r}
        rows = self.store.all("SELECT id, message_id FROM posts WHERE release_id = ? "
                              "ORDER BY id", rid)
        answered = [r for r in rows if r["message_id"] in refs]
        row = (answered or rows)[-1]
        analysis = analyze_reply(message, self.post(row["id"]), roster=self.config.roster,
                                 rules=self.config.rules)
        verdict.findings.extend(analysis.findings)
        person = self.config.person(message.from_addr)
        dkim_problem = (dkim_fails(message.raw, self.dnsfunc)
                        if self.config.dkim_require else None)
        if dkim_problem:
            verdict.findings.append(f"dkim: {dkim_problem}")
        ids = self.store.item_ids(row["id"])
        source = f"mail:{verdict.key}"

        def record() -> None:
            from bot.draft import path_key

            for ordinal, change in enumerate(analysis.changes):
                state, why = decide(change.confidence, person.role if person else None,
                                    self.config, bool(dkim_problem))
                if change.kind is ChangeKind.NEW:
                    item_id: int | None = self.store.new_item(rid)
                else:
                    item_id = ids.get(path_key(change.item))
                    if item_id is None:
                        state, why = "proposed", "the item it names has no id in the post"
                self.store.log_change(rid, change, item_id=item_id, post_id=row["id"],
                                      source=source, ordinal=ordinal, state=state,
                                      actor="todobot", reason=why)
                verdict.findings.append(f"permission: {change.kind} {change.value!r}: "
                                        f"{state} ({why})")
                verdict.applied += state == "applied"
                verdict.proposed += state == "proposed"

        return self._finish(verdict, rid, message, row["id"], then=record)

    def _approval(self, verdict: Verdict, rid: int, message: Message, token: str) -> Verdict:
        action, reason = approval_verdict(message)
        problem = self._draft_problem(self.store.current_draft(rid), token)
        if problem is None and message.from_addr not in self.config.rm_addresses:
            problem = f"{message.from_addr or 'no sender'} is not a release manager address"
        if problem is None and self.config.dkim_require:
            problem = dkim_fails(message.raw, self.dnsfunc)
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
            late = self._draft_problem(draft, token)
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
    def _draft_problem(draft, token: str) -> str | None:
        """Why the token approves nothing now, or None."""
        if not token:
            return "no confirmation token: approves nothing"
        if draft is None or draft["token"] != token:
            return "the token is not the current draft's"
        if draft["state"] != "draft":
            return f"draft #{draft['id']} is already {draft['state']}"
        return None


# -- decisions on changes ------------------------------------------------------------


def decide_change(store: Store, config: Config, change_id: int, action: str, actor: str,
                  reason: str = "") -> str:
    """accept / reject a proposal, undo an applied change; returns what happened."""
    wanted = {"accept": ("proposed", "applied"), "reject": ("proposed", "rejected"),
              "undo": ("applied", "reverted")}[action]
    with store.write():
        change = store.change(change_id)
        rid = release_id(store, config)
        if change is None or store.scalar("SELECT release_id FROM changes WHERE id = ?",
                                          change_id) != rid:
            raise CycleError(f"no change #{change_id} in release {config.release}")
        if change.state != wanted[0]:
            raise CycleError(f"change #{change_id} is {change.state}, not {wanted[0]}")
        if action == "undo" and store.folded(change_id):
            raise CycleError(f"change #{change_id} is already in a post that went out; "
                             "edit the next draft instead")
        if action != "reject":
            _check_approved(store, rid, change_id, action)
        store.decide(change_id, wanted[1], actor, reason)
        store.journal(rid, "decision", source=change.source,
                      ordinal=change.ordinal, action=action, actor=actor, reason=reason)
    return f"#{change_id} {wanted[1]}"


def _check_approved(store: Store, rid: int, change_id: int, action: str) -> None:
    """An approved draft is the post that goes out as it is: an accept would not be in
    it, an undo of a change it shows would still go to the list. Refused, so the RM
    says which they mean (reject the draft and draft again, or wait for the post)."""
    draft = store.current_draft(rid)
    if draft is None or draft["state"] != "approved":
        return
    shown = store.one("SELECT 1 FROM draft_changes WHERE draft_id = ? AND change_id = ?",
                      draft["id"], change_id) is not None
    if action == "undo" and not shown:
        return  # applied after the approval: not in the post, undoing it changes nothing there
    where = "is in" if action == "undo" else "would not be in"
    later = "" if action == "undo" else "; or accept it once the post went out, for next week's"
    raise CycleError(f"change #{change_id} {where} approved draft #{draft['id']}, which goes "
                     "to the list as it is: `todobot reject --why ...` the draft, then "
                     f"`todobot {action} {change_id}` and `todobot draft` again{later}")


def undo_mail(store: Store, config: Config, message_id: str, actor: str) -> list[str]:
    """Revert every applied change that one mail caused (all or none)."""
    rid = release_id(store, config)
    mid = bare_id(message_id)
    changes = [c for c in store.changes("c.release_id = ? AND c.message_id = ?", rid, mid)
               if c.state == "applied" and c.source.startswith("mail:")]
    if not changes:
        raise CycleError(f"no applied change came from <{mid}>")
    with store.write():
        return [decide_change(store, config, c.id, "undo", actor) for c in changes]


# -- drafts -------------------------------------------------------------------------


def current_state(store: Store, config: Config, day: date | None = None):
    """The post as it stands now: last post + pending changes (a Draft, not stored)."""
    from bot.draft import build_draft

    rid = release_id(store, config)
    base = store.baseline(rid)
    assert base is not None
    return build_draft(_post(base), store.item_ids(base["id"]), store.pending(rid),
                       release=config.release, day=day or datetime.now(UTC).date())


def _last_edit(store: Store, config: Config, rid: int, baseline: int) -> Post | None:
    row = store.one("SELECT e.text FROM edits e JOIN drafts d ON d.id = e.draft_id "
                    "WHERE d.release_id = ? AND d.baseline = ? ORDER BY e.id DESC LIMIT 1",
                    rid, baseline)
    if row is None:
        return None
    from bot.post import parse_post

    return parse_post(row["text"], year=release_year(store, config, rid))


def make_draft(store: Store, config: Config, day: date, token: str | None = None, *,
               text: str | None = None, edited: Post | None = None,
               ids: dict[str, int] | None = None):
    """Store next week's draft, replacing an unapproved one: (draft id, Draft).

    With `text` (the RM's hand edit) the stored draft is their text and its
    parse (`edited`, `ids`); the Draft returned is what the log rebuilds.
    """
    from bot.draft import build_draft, unified_diff
    from bot.postjson import post_to_json
    from bot.render import render_post

    with store.write():
        rid = release_id(store, config)
        current = store.current_draft(rid)
        if current is not None and current["state"] == "approved":
            raise CycleError(f"draft #{current['id']} is approved and not sent yet: "
                             "`todobot reject --why ...` it first")
        base = store.baseline(rid)
        assert base is not None
        override = edited if edited is not None else _last_edit(store, config, rid, base["id"])
        draft = build_draft(_post(base), store.item_ids(base["id"]), store.pending(rid),
                            release=config.release, day=day, edited=override)
        final = text if text is not None else render_post(draft.post, config.templates_dir())
        post = edited if text is not None and edited is not None else draft.post
        if current is not None and current["state"] == "draft":
            store.set_draft_state(current["id"], "superseded")
        token = token or secrets.token_hex(8)
        draft_id = store.insert(
            "INSERT INTO drafts (release_id, baseline, draft_date, created, text, json, ids, "
            "changelog, diff, token, state, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
            "'draft', '')", rid, base["id"], day.isoformat(), now(), final,
            json.dumps(post_to_json(post)), json.dumps(ids if ids is not None else draft.ids),
            json.dumps({"log": list(draft.changelog), "skipped": list(draft.skipped)}),
            unified_diff(base["text"], final, f"draft {day.isoformat()}"), token)
        for change_id in draft.included:
            store._run("INSERT INTO draft_changes VALUES (?, ?)", (draft_id, change_id))
        if text is None:
            store.journal(rid, "draft", day=day.isoformat(), token=token)
        return draft_id, draft


def hand_edit(store: Store, config: Config, text: str,
              based_on: int | None = None) -> tuple[int, list[str]]:
    """Record what the RM changed in the current draft; (new draft id, findings).

    `based_on`: the draft the RM's text was made from; when another draft (or a
    reject, an approval) came since, the edit is refused rather than read
    against a draft the RM did not see.
    """
    from bot.handedit import edit_changes, facts
    from bot.post import PostParseError, parse_post

    rid = release_id(store, config)
    try:
        edited = parse_post(text, year=release_year(store, config, rid))
    except PostParseError as error:
        raise CycleError(f"the edited draft is not a post: {error}") from None
    rm = next(p for p in config.people if p.role == "rm")
    with store.write():  # the draft is read under the lock: nothing changes it meanwhile
        current = store.current_draft(rid)
        if current is None or current["state"] != "draft":
            what = f"draft #{current['id']} is {current['state']}" if current else "no draft"
            raise CycleError(f"{what}: no unapproved draft to edit; run `todobot draft` first")
        if based_on is not None and current["id"] != based_on:
            raise CycleError(f"draft #{based_on} was replaced by draft #{current['id']} while "
                             "you edited it: edit the new one")
        edit_id = store.insert("INSERT INTO edits (draft_id, text, created) VALUES (?, ?, ?)",
                               current["id"], text, now())
        evidence = Evidence("", rm.name, rm.addresses[0] if rm.addresses else "",
                            datetime.now(UTC), "", f"hand edit of draft #{current['id']}")
        result = edit_changes(_post(current), json.loads(current["ids"]), edited, evidence)
        new_ids: dict[str, int] = {}
        for ordinal, (target, change) in enumerate(result.changes):
            if isinstance(target, str):
                if target not in new_ids:
                    new_ids[target] = store.new_item(rid)
                item_id = new_ids[target]
            else:
                item_id = target
            store.log_change(rid, change, item_id=item_id, post_id=current["baseline"],
                             source=f"edit:{edit_id}", ordinal=ordinal, state="applied",
                             actor=rm.name, reason="hand edit")
        store.journal(rid, "edit", text=text)
        ids = {path: new_ids[t] if isinstance(t, str) else t for path, t in result.matches.items()}
        draft_id, rebuilt = make_draft(store, config, date.fromisoformat(current["draft_date"]),
                                       current["token"], text=text, edited=edited, ids=ids)
        findings = list(result.findings)
        ours, theirs = facts(rebuilt.post), facts(edited)
        if sorted(ours) != sorted(theirs):
            findings.append("the items rebuilt from the changes differ from your text; the "
                            "post keeps your text, a re-run `todobot draft` would not")
        elif ours != theirs:
            findings.append("your order of the items is kept in this draft only: a re-run "
                            "`todobot draft` puts new and moved items last in their section")
        findings.append(f"{len(result.changes)} change(s) recorded from the hand edit")
    return draft_id, findings


def set_draft(store: Store, config: Config, state: str, actor: str, reason: str = "") -> int:
    """approve / reject the current draft from the command line."""
    with store.write():
        rid = release_id(store, config)
        draft = store.current_draft(rid)
        allowed = {"approved": ("draft",), "rejected": ("draft", "approved")}[state]
        if draft is None or draft["state"] not in allowed:
            what = f"draft #{draft['id']} is {draft['state']}" if draft else "no draft"
            raise CycleError(f"{what}: nothing to {state[:-1]}")
        store.set_draft_state(draft["id"], state, reason)
        store.journal(rid, "draft-state", state=state, actor=actor, reason=reason)
        return int(draft["id"])


def mark_sent(store: Store, config: Config, draft_id: int, message_id: str) -> int:
    """The draft went to the list: it becomes the post next week's draft starts from."""
    with store.write():
        draft = store.one("SELECT * FROM drafts WHERE id = ?", draft_id)
        if draft is None:
            raise CycleError(f"no draft #{draft_id}")
        if draft["state"] == "sent":
            return int(store.scalar("SELECT id FROM posts WHERE draft_id = ?", draft_id))
        store.set_draft_state(draft_id, "sent")
        post_id = store.add_post(draft["release_id"], "sent", draft["text"],
                                 json.loads(draft["json"]), bare_id(message_id), draft_id)
        store.map_items(post_id, {k: int(v) for k, v in json.loads(draft["ids"]).items()})
        store.fold(post_id, [r[0] for r in store.all(
            "SELECT change_id FROM draft_changes WHERE draft_id = ?", draft_id)])
        store.journal(draft["release_id"], "sent", message_id=bare_id(message_id),
                      token=draft["token"])
        return post_id


def review_mail(store: Store, config: Config, rid: int) -> bytes:
    """The mail that asks the RMs to approve the current draft; its id is kept.

    As in Mailman's moderation, the token in the Subject, not the From
    header, proves that the answer comes from someone who got this mail.
    """
    from email.message import EmailMessage
    from email.utils import format_datetime, make_msgid

    draft = store.current_draft(rid)
    if draft is None or draft["state"] != "draft":
        raise CycleError("no unapproved draft to review: run `todobot draft` first")
    log = json.loads(draft["changelog"])
    domain = config.bot_address.rpartition("@")[2] or "localhost"
    message_id = make_msgid("todobot-review", domain=domain)
    mail = EmailMessage()
    mail["From"] = config.bot_address
    mail["To"] = ", ".join(sorted(config.rm_addresses))
    mail["Subject"] = f"confirm {draft['token']}: {config.subject} ({draft['draft_date']})"
    mail["Date"] = format_datetime(datetime.now(UTC))
    mail["Message-ID"] = message_id
    mail["X-Todobot"] = "review"
    mail["X-Todobot-Token"] = draft["token"]
    mail["Auto-Submitted"] = "auto-generated"
    body = ("Reply to this mail with 'approve' on the first line to have it sent,\n"
            "or 'reject' and your reason. Keep the Subject as it is.\n\n"
            + draft["text"] + "\n-- changes --\n"
            + "".join(f"- {line}\n" for line in log["log"] or ["(none)"]))
    mail.set_content(body)
    with store.write():
        store._run("UPDATE drafts SET review_message_id = ? WHERE id = ?",
                   (bare_id(message_id), draft["id"]))
    return bytes(mail)
