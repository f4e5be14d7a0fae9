"""The weekly cycle's commands: init, ingest, proposals, accept, reject, undo,
items, history, draft, approve, review, rebuild.

Wiring only: the work is in `bot.release.cycle`, `bot.release.replay` and the pure
modules. Imports stay inside the commands: loading Jinja or dateparser for one mail
would cost more than its analysis. `ingest` is `bot.cli.pipe`'s, which an MTA's pipe
reaches without click. Exit codes are `bot.cli.base`'s.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from bot.cli.base import EX_CONFIG, EX_REFUSED, EX_TEMPFAIL, actor, fail, read_input
from bot.cli.group import config_from_context, config_path, main, opened

if TYPE_CHECKING:
    from bot.config import Config
    from bot.release import Store

__all__ = ["EX_CONFIG", "EX_REFUSED", "EX_TEMPFAIL", "config_from_context", "opened"]


@main.command("init")
@click.argument("post_file", metavar="POST")
@click.option("--message-id", default="", help="The post's Message-ID on the list "
              "(default: the mail's own, else [release] thread).")
def init_command(post_file: str, message_id: str) -> None:
    """Start the release from its current post (text or the whole mail)."""
    from bot.post import post_source, read_post

    source = post_source(read_input(post_file))  # a mail is decoded once
    with opened(EX_CONFIG) as (config, store):
        post = read_post(source, post_file, year=config.year, on_error=fail)
        text = source.text
        message_id = message_id or source.message_id
        from bot.release import import_post, item_paths

        post_id, created = import_post(store, config, text, post, message_id, post_file,
                                       year=config.year or source.year)
        count = sum(not i.placeholder for i in item_paths(post).values())
        what = "imported" if created else "already the current post"
        click.echo(f"release {config.release}: post #{post_id} {what}, {count} items")


@main.command("ingest")
@click.argument("sources", nargs=-1, metavar="[FILE|DIR|-]...")
@click.option("-q", "--quiet", is_flag=True, help="Say nothing but errors.")
@click.option("-v", "--verbose", is_flag=True, help="Say why each mail did what it did.")
def ingest_command(sources: tuple[str, ...], quiet: bool, verbose: bool) -> None:
    """Read replies: one mail on stdin, .eml files, mbox files, Maildir folders."""
    from bot.cli.pipe import ingest

    ingest(config_path(), sources, quiet=quiet, verbose=verbose)


def _short(text: str, width: int = 60) -> str:
    from bot.post import excerpt

    return excerpt(text, width, "…")


@main.command("proposals")
def proposals_command() -> None:
    """Changes waiting for the RM, with their evidence."""
    from bot.post import remark_mark
    from bot.release import release_id
    from bot.release.draft import describe

    with opened(EX_CONFIG) as (config, store):
        waiting = [c for c in store.changes("c.release_id = ?", release_id(store, config))
                   if c.state == "proposed"]
        remarks = store.remarks(release_id(store, config))
        if not waiting and not remarks:
            click.echo("no proposals")
        for logged in waiting:
            why = store.decisions(logged.id)[-1]["reason"]
            click.echo(describe(logged))
            sure = "" if "confidence" in why else f" (confidence {logged.change.confidence:.2f})"
            click.echo(f"    why a proposal: {why}{sure}")
        for row in remarks:
            who = row["sender_name"] or row["sender_addr"]
            guess = f" (the model's guess: {row['guess']})" if row["guess"] else ""
            named = remark_mark(row["named"], bool(row["path"]))
            click.echo(f"remark #{row['id']} on {_short(row['item_text'], 50)!r}{named}: "
                       f"not understood: \"{_short(row['words'], 70)}\"\n    {who}{guess}; "
                       f"`todobot accept-remark {row['id']} {'STATE' if row['path'] else 'new'}`"
                       " to apply it")


@main.command("accept-remark")
@click.argument("remark", type=int)
@click.argument("reading", metavar="STATE")
def accept_remark_command(remark: int, reading: str) -> None:
    """Turn remark N into a change: STATE is a status (done, partly-merged ...) or note;
    `new` makes an item of a remark on the post's own words."""
    from bot.release import accept_remark

    with opened(EX_CONFIG) as (config, store):
        click.echo(accept_remark(store, config, remark, reading, actor(config)))


@main.command("accept")
@click.argument("changes", nargs=-1, type=int, required=True)
def accept_command(changes: tuple[int, ...]) -> None:
    """Apply proposals N...."""
    from bot.release import decide_change

    with opened(EX_CONFIG) as (config, store):
        for change_id in changes:
            click.echo(decide_change(store, config, change_id, "accept", actor(config)))


@main.command("reject")
@click.argument("changes", nargs=-1, type=int)
@click.option("--why", default="", help="The reason (required to reject the draft).")
def reject_command(changes: tuple[int, ...], why: str) -> None:
    """Reject proposals N...; with no N, reject the current draft (--why TEXT)."""
    from bot.release import decide_change, set_draft

    with opened(EX_CONFIG) as (config, store):
        if not changes:
            if not why:
                fail("rejecting the draft needs --why TEXT")
            draft_id = set_draft(store, config, "rejected", actor(config), why)
            click.echo(f"draft #{draft_id} rejected: {why}")
            return
        for change_id in changes:
            click.echo(decide_change(store, config, change_id, "reject", actor(config), why))


@main.command("undo")
@click.argument("target", metavar="CHANGE|MESSAGE-ID")
def undo_command(target: str) -> None:
    """Revert one applied change, or every change one mail caused."""
    from bot.release import decide_change, undo_mail

    with opened(EX_CONFIG) as (config, store):
        if target.lstrip("#").isdigit():
            done = [decide_change(store, config, int(target.lstrip("#")), "undo",
                                  actor(config))]
        else:
            done = undo_mail(store, config, target, actor(config))
        for line in done:
            click.echo(line)


@main.command("items")
def items_command() -> None:
    """The current list, by section: last post + changes applied since."""
    from bot.release import current_state, path_key

    with opened(EX_CONFIG) as (config, store):
        state = current_state(store, config)
        for number, section in enumerate(state.post.sections):
            click.echo(f"{section.title}:")

            def show(items, prefix, depth):
                for index, item in enumerate(items):
                    path = (*prefix, index)
                    item_id = state.ids.get(path_key(path))
                    ident = f"#{item_id}" if item_id else "-"
                    tag = f"[{item.tag}] " if item.tag else ""
                    owners = f" ({', '.join(item.owners)})" if item.owners else ""
                    status = "" if item.placeholder else str(item.status)
                    click.echo(f"  {ident:>5} {status:<13}{'  ' * depth}"
                               f"{_short(tag + item.text + owners, 70)}")
                    show(item.children, path, depth + 1)

            show(section.items, (number,), 0)


@main.command("history")
@click.argument("item", type=int)
def history_command(item: int) -> None:
    """Every change to ITEM: when, who, which mail, the words."""
    from bot.release import release_id

    with opened(EX_CONFIG) as (config, store):
        rid = release_id(store, config)
        seen = store.all("SELECT p.id, p.kind, p.created FROM post_items i JOIN posts p ON "
                         "p.id = i.post_id WHERE i.item_id = ? AND p.release_id = ? ORDER BY "
                         "p.id", item, rid)
        changes = store.changes("c.item_id = ? AND c.release_id = ?", item, rid)
        if not seen and not changes:
            fail(f"no item #{item} in release {config.release}", EX_REFUSED)
        for row in seen:
            click.echo(f"{row['created'][:10]}  in post #{row['id']} ({row['kind']})")
        for logged in changes:
            ev = logged.change.evidence
            when = ev.date.isoformat(" ", "minutes") if ev.date else logged.created[:16]
            who = f"{ev.sender_name} <{ev.sender_addr}>" if ev.sender_addr else ev.sender_name
            mail = f" in <{ev.message_id}>" if ev.message_id else f" ({logged.source})"
            click.echo(f"{when}  #{logged.id} {logged.change.kind} → "
                       f"{_short(logged.change.value, 50)!r}, {who}{mail}")
            if ev.words:
                click.echo(f"      \"{_short(ev.words, 90)}\"")
            for decision in store.decisions(logged.id):
                click.echo(f"      {decision['at'][:16]} {decision['state']} by "
                           f"{decision['actor']}: {decision['reason']}")


def _show_draft(store: Store, draft_id: int, quiet: bool) -> None:
    import json

    row = store.one("SELECT * FROM drafts WHERE id = ?", draft_id)
    sys.stdout.write(row["text"])
    if quiet:
        return
    log = json.loads(row["changelog"])
    click.echo(f"\n==== diff against the last post (draft #{draft_id}, {row['state']}) ====")
    sys.stdout.write(row["diff"] or "(no difference)\n")
    click.echo("==== changelog ====")
    for line in log["log"] or ["(no changes)"]:
        click.echo(f"- {line}")
    for line in log["skipped"]:
        click.echo(f"! {line}")


@main.command("draft")
@click.option("--date", "day", type=click.DateTime(["%Y-%m-%d"]), help="Date of the post "
              "(default: today); moves the timeline marker.")
@click.option("--edit", is_flag=True, help="Open the draft in $EDITOR; record your edits.")
@click.option("--from", "from_file", type=click.Path(dir_okay=False, allow_dash=True),
              help="Take your edited draft from FILE; record your edits.")
@click.option("-q", "--quiet", is_flag=True, help="Print the post only.")
def draft_command(day, edit: bool, from_file: str | None, quiet: bool) -> None:
    """Render and store next week's post, with a diff and a changelog."""
    from datetime import UTC, datetime

    from bot.release import hand_edit, make_draft, release_id

    with opened(EX_CONFIG) as (config, store):
        rid = release_id(store, config)
        current = store.current_draft(rid)
        if edit or from_file:
            text = _edited_text(from_file) if from_file else None  # read it before any write
            if current is None or current["state"] != "draft":
                when = day.date() if day else datetime.now(UTC).date()
                current = store.one("SELECT * FROM drafts WHERE id = ?",
                                    make_draft(store, config, when)[0])
            if text is None:
                text = click.edit(current["text"], extension=".txt", require_save=True)
                if text is None:
                    click.echo("no edit made")
                    return
            draft_id, findings = hand_edit(store, config, text, based_on=current["id"])
            for finding in findings:
                click.echo(f"todobot: {finding}", err=True)
        else:
            when = day.date() if day else datetime.now(UTC).date()
            draft_id = make_draft(store, config, when)[0]
        _show_draft(store, draft_id, quiet)


def _edited_text(name: str) -> str:
    """The RM's edited draft: UTF-8 as the draft was written, or one clear line."""
    raw = read_input(name)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        fail(f"{name}: not UTF-8 (byte {error.start}): save the draft as UTF-8 and try again")
        raise


@main.command("approve")
def approve_command() -> None:
    """Approve the current draft: `todobot send` (cron) posts it when due."""
    from bot.release import set_draft

    with opened(EX_CONFIG) as (config, store):
        draft_id = set_draft(store, config, "approved", actor(config))
        click.echo(f"draft #{draft_id} approved")


@main.command("review")
@click.option("--send", is_flag=True, help="Mail it to the release managers through [smtp].")
def review_command(send: bool) -> None:
    """Print the mail that asks the RMs to approve the draft (exact bytes of the
    first RM's; every RM's token on stderr), or with --send mail each RM their own.

    The RM approves by replying "approve" (or "reject, because ...") from
    their address: the reply carries their token in its Subject.
    """
    from bot.release import release_id, review_mails

    with opened(EX_CONFIG) as (config, store):
        mails = review_mails(store, config, release_id(store, config),
                             _stale_lines(store, config))
        if not send:
            sys.stdout.buffer.write(mails[0][2])
            for address, token, _ in mails:
                click.echo(f"token for {address}: {token}", err=True)
            return
        for address, _, raw in mails:
            _send_review(config, raw, address)
        click.echo(f"review mail sent to {', '.join(address for address, _, _ in mails)}")


def _send_review(config: Config, raw: bytes, address: str) -> None:
    """Mail one RM their review mail through [smtp]; a failure ends the command."""
    from bot.send import Outcome, SendError, deliver_sync, smtp_settings

    try:
        result = deliver_sync(raw, smtp_settings(config))
    except SendError as error:
        fail(str(error), EX_CONFIG)
        return
    if result.outcome is not Outcome.SENT:
        fail(f"the review mail to {address} was not sent ({result.outcome}): {result.detail}",
             EX_TEMPFAIL if result.outcome is Outcome.TRANSIENT else EX_REFUSED)


def _stale_lines(store: Store, config: Config) -> list[str]:
    """The items with no news for [site] stale_weeks, as the site marks them."""
    from datetime import date

    from bot.release import release_id
    from bot.site import DEFAULT_WEEKS, read_release, stale_items, stale_report

    weeks = config.site.get("stale_weeks", DEFAULT_WEEKS)
    draft = store.current_draft(release_id(store, config))
    day = date.fromisoformat(draft["draft_date"]) if draft is not None else None
    view = read_release(store, config, day)
    return stale_report(view.items, stale_items(view.items, view.day, weeks), weeks)


@main.command("rebuild")
def rebuild_command() -> None:
    """Replay every stored post, mail, decision and hand edit; report any difference."""
    from bot.release import rebuild

    with opened(EX_CONFIG) as (config, store):
        differences = rebuild(store, config)
        for line in differences:
            click.echo(line)
        if differences:
            sys.exit(EX_REFUSED)
        click.echo("rebuild matches the live state")
