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
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from bot.change import ChangeKind, Evidence
from bot.config import Config
from bot.mail import Message, message_key, parse_message
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
                name: str = "") -> tuple[int, bool]:
    """(post id, created): a post becomes the baseline; its items keep their ids."""
    from bot.draft import item_paths
    from bot.handedit import flatten, match_items
    from bot.postjson import post_to_json

    message_id = bare_id(message_id or config.thread_message_id)
    with store.write():
        rid = store.release_id(config.release, config.year, create=True)
        assert rid is not None
        last = store.baseline(rid)
        if last is not None and last["text"] == text:
            return int(last["id"]), False
        ids: dict[str, int] = {}
        if last is not None:  # the same items as last week keep their ids
            old_ids = store.item_ids(last["id"])
            pairs = match_items(flatten(_post(last)), flatten(post))
            ids = {new: old_ids[old] for new, old in pairs.items() if old in old_ids}
        for path, item in item_paths(post).items():
            if path not in ids and not item.placeholder:
                ids[path] = store.new_item(rid)
        post_id = store.add_post(rid, "imported", text, post_to_json(post), message_id)
        store.map_items(post_id, ids)
        store.fold(post_id, [c.id for c in store.pending(rid)])
        store.journal(rid, "post", text=text, message_id=message_id, name=name)
        return post_id, True


# -- ingest -------------------------------------------------------------------


def known(store: Store, config: Config, rid: int | None) -> Known:
    if rid is None:
        return Known(frozenset(), frozenset(), frozenset(), frozenset({clean_subject(
            config.subject)}))
    posts = store.all("SELECT message_id, json FROM posts WHERE release_id = ? ORDER BY id",
                      rid)
    post_ids = frozenset(r["message_id"] for r in posts if r["message_id"])
    subjects = {clean_subject(config.subject)}
    subjects |= {clean_subject(json.loads(r["json"]).get("subject", "")) for r in posts[-1:]}
    reviews = frozenset(r[0] for r in store.all(
        "SELECT review_message_id FROM drafts WHERE release_id = ? AND "
        "review_message_id IS NOT NULL", rid))
    sends = frozenset(r[0] for r in store.all("SELECT message_id FROM sends"))
    return Known(frozenset(store.thread_ids(rid)), post_ids, sends | reviews,
                 frozenset(s for s in subjects if s), reviews)


@dataclass
class Ingest:
    """One ingest run: a store, a config, and how to check DKIM."""

    store: Store
    config: Config
    dnsfunc: Callable[..., bytes] | None = None  # tests give DKIM keys without DNS

    def mail(self, raw: bytes, received: str | None = None) -> Verdict:
        key = message_key(raw)
        kept = self.store.mail(key)
        if kept is not None and kept["disposition"] != "received":
            return Verdict(key, "duplicate", [f"already seen ({kept['received'][:19]}): "
                                              f"{kept['disposition']}"])
        message = parse_message(raw)
        if kept is None:
            self.store.keep_mail(key, bare_id(message.message_id), raw, message.from_addr,
                                 message.subject, received or now())
        return self._settle(key, message)

    def _settle(self, key: str, message: Message) -> Verdict:
        rid = self.store.release_id(self.config.release)
        facts = known(self.store, self.config, rid)
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
                verdict.findings.append(f"{name}: {finding}")
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
        rows = self.store.all("SELECT * FROM posts WHERE release_id = ? ORDER BY id", rid)
        answered = [r for r in rows if r["message_id"] in refs]
        row = (answered or rows)[-1]
        analysis = analyze_reply(message, _post(row), roster=self.config.roster,
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
        draft = self.store.current_draft(rid)
        action, reason = approval_verdict(message)
        problem = None
        if not token:
            problem = "no confirmation token: approves nothing"
        elif draft is None or draft["token"] != token:
            problem = "the token is not the current draft's"
        elif draft["state"] != "draft":
            problem = f"draft #{draft['id']} is already {draft['state']}"
        elif message.from_addr not in self.config.rm_addresses:
            problem = f"{message.from_addr or 'no sender'} is not a release manager address"
        elif self.config.dkim_require and (why := dkim_fails(message.raw, self.dnsfunc)):
            problem = why
        elif not action:
            problem = "neither 'approve' nor 'reject' in the first line"
        if problem:
            verdict.disposition = "refused"
            verdict.findings.append(f"approval refused: {problem}")
            return self._finish(verdict, rid, message)
        verdict.disposition = "approval"
        verdict.findings.append(f"draft #{draft['id']} {action}d by {message.from_addr} by mail"
                                + (f": {reason}" if reason else ""))
        state = "approved" if action == "approve" else "rejected"
        return self._finish(verdict, rid, message, then=lambda: self.store.set_draft_state(
            draft["id"], state, reason))


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
        store.decide(change_id, wanted[1], actor, reason)
        store.journal(rid, "decision", source=change.source,
                      ordinal=change.ordinal, action=action, actor=actor, reason=reason)
    return f"#{change_id} {wanted[1]}"


def undo_mail(store: Store, config: Config, message_id: str, actor: str) -> list[str]:
    """Revert every applied change that one mail caused."""
    rid = release_id(store, config)
    mid = bare_id(message_id)
    changes = [c for c in store.changes("c.release_id = ? AND c.message_id = ?", rid, mid)
               if c.state == "applied" and c.source.startswith("mail:")]
    if not changes:
        raise CycleError(f"no applied change came from <{mid}>")
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

    return parse_post(row["text"], year=config.year)


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


def hand_edit(store: Store, config: Config, text: str) -> tuple[int, list[str]]:
    """Record what the RM changed in the current draft; (new draft id, findings)."""
    from bot.handedit import edit_changes, facts
    from bot.post import PostParseError, parse_post

    rid = release_id(store, config)
    current = store.current_draft(rid)
    if current is None or current["state"] != "draft":
        raise CycleError("no unapproved draft to edit: run `todobot draft` first")
    try:
        edited = parse_post(text, year=config.year)
    except PostParseError as error:
        raise CycleError(f"the edited draft is not a post: {error}") from None
    rm = next(p for p in config.people if p.role == "rm")
    with store.write():
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
