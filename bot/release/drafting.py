"""A week's draft from making to sending: make, hand-edit, review, approve or
reject, and, once the list has it, the new baseline.

Each operation writes its journal row in the same transaction as its effect,
so `bot.release.replay` can replay it.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Sequence
from datetime import UTC, date, datetime

from bot.config import Config
from bot.post import Evidence, Post, remark_mark
from bot.release.cycle import CycleError, post_of, release_id, release_year
from bot.release.rules import bare_id, rm_token
from bot.release.store import Store, now


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
    from bot.post import post_to_json, render_post
    from bot.release.draft import build_draft, unified_diff

    with store.write():
        rid = release_id(store, config)
        current = store.current_draft(rid)
        if current is not None and current["state"] == "approved":
            raise CycleError(f"draft #{current['id']} is approved and not sent yet: "
                             "`todobot reject --why ...` it first")
        base = store.baseline(rid)
        assert base is not None
        override = edited if edited is not None else _last_edit(store, config, rid, base["id"])
        draft = build_draft(post_of(base), store.item_ids(base["id"]), store.pending(rid),
                            release=config.release, day=day, edited=override,
                            house=config.house)
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
    from bot.post import PostParseError, parse_post
    from bot.release.handedit import edit_changes, facts

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
        result = edit_changes(post_of(current), json.loads(current["ids"]), edited, evidence)
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


def not_understood(store: Store, rid: int) -> str:
    """The remarks no change came of, beside their items, for the review mail (issue 9)."""
    from bot.post import excerpt

    rows = store.remarks(rid)
    if not rows:
        return ""
    return "\n-- not understood (todobot accept-remark N STATE) --\n" + "".join(
        f"- #{r['id']} on {excerpt(r['item_text'], 50)!r}"
        f"{remark_mark(r['named'], bool(r['path']))}: not understood: "
        f"\"{excerpt(r['words'], 70)}\" ({r['sender_name'] or r['sender_addr']})\n"
        for r in rows)


def review_mails(store: Store, config: Config, rid: int,
                 stale: Sequence[str] = ()) -> list[tuple[str, str, bytes]]:
    """One mail per RM, (address, token, bytes), that asks them to approve the current draft;
    the mails' ids are kept so a reply that drops the token is still recognised.

    `stale`: lines naming the items with no news for weeks (`bot.site`), shown
    under the changes so the RM sees whom to chase (`todobot nag`).

    As in Mailman's moderation, the token in the Subject, not the From
    header, proves that the answer comes from someone who got this mail; each
    RM's token is their own (`rm_token`), so it proves that it was theirs.
    """
    draft = store.current_draft(rid)
    if draft is None or draft["state"] != "draft":
        raise CycleError("no unapproved draft to review: run `todobot draft` first")
    if not config.rm_addresses:
        raise CycleError("no release manager address in the config: nobody to review")
    body = _review_body(store, rid, draft, stale)
    addresses = sorted(config.rm_addresses)
    tokens = [rm_token(draft["token"], address) for address in addresses]
    mails = [_review_mail(config, draft, address, token, body)
             for address, token in zip(addresses, tokens, strict=True)]
    ids = " ".join(message_id for message_id, _ in mails)
    with store.write():
        store._run("UPDATE drafts SET review_message_id = ? WHERE id = ?", (ids, draft["id"]))
    return [(address, token, raw)
            for address, token, (_, raw) in zip(addresses, tokens, mails, strict=True)]


def _review_body(store: Store, rid: int, draft, stale: Sequence[str]) -> str:
    """The draft, its changes and what to settle: the same for every RM."""
    log = json.loads(draft["changelog"])
    body = ("Reply to this mail with 'approve' on the first line to have it sent,\n"
            "or 'reject' and your reason. Keep the Subject as it is.\n\n"
            + draft["text"] + "\n-- changes --\n"
            + "".join(f"- {line}\n" for line in log["log"] or ["(none)"]))
    settle = [line for line in log.get("skipped", []) if "before approving" in line]
    if settle:  # new items nobody placed sit in "Unsorted" (bot.release.draft)
        body += "\n-- settle before approving --\n" + "".join(f"- {line}\n" for line in settle)
    if stale:
        body += ("\n-- stale: no news for weeks (`todobot nag` drafts pings) --\n"
                 + "".join(f"- {line}\n" for line in stale))
    return body + not_understood(store, rid)


def _review_mail(config: Config, draft, address: str, token: str,
                 body: str) -> tuple[str, bytes]:
    """(bare Message-ID, bytes) of the review mail to one RM, with their own token."""
    from email.message import EmailMessage
    from email.utils import format_datetime, make_msgid

    domain = config.bot_address.rpartition("@")[2] or "localhost"
    message_id = make_msgid("todobot-review", domain=domain)
    mail = EmailMessage()
    mail["From"] = config.bot_address
    mail["To"] = address
    mail["Subject"] = f"confirm {token}: {config.subject} ({draft['draft_date']})"
    mail["Date"] = format_datetime(datetime.now(UTC))
    mail["Message-ID"] = message_id
    mail["X-Todobot"] = "review"
    mail["X-Todobot-Token"] = token
    mail["Auto-Submitted"] = "auto-generated"
    mail.set_content(body)
    return bare_id(message_id), bytes(mail)
