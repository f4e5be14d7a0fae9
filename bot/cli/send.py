"""`todobot send`: wiring only; the work is in `bot.send`.

Exit codes: 0 done or nothing to do (and the RM was told whatever needs
them), 1 refused (nothing to send on a dry run, nothing waiting for the
RM's word, a mail to the RM that could not go: it is on stderr), 2 bad
usage, 75 another `send` is running, the store is busy, or a transient
failure that the next run retries, 78 a bad configuration.
"""

from __future__ import annotations

import sys
from datetime import datetime
from typing import TYPE_CHECKING

import click

from bot.cli.base import EX_CONFIG, EX_TEMPFAIL, actor, fail
from bot.cli.group import main, opened

if TYPE_CHECKING:
    from bot.send import Policy, Report


def _clock(text: str | None, policy: Policy) -> datetime:
    """Now, or the --now moment (ISO 8601; no offset: the [schedule] timezone)."""
    from datetime import UTC

    if not text:
        return datetime.now(UTC)
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        fail(f"--now: not an ISO 8601 date and time: {text!r}")
        raise
    return moment if moment.tzinfo else moment.replace(tzinfo=policy.zone)


@main.command("send")
@click.option("--dry-run", is_flag=True,
              help="Print the exact bytes that would be sent; change and send nothing.")
@click.option("-v", "--verbose", is_flag=True, help="Say why it did what it did, or nothing.")
@click.option("--status", is_flag=True, help="Show the schedule, the draft, every send and "
              "every mail to the RM; change nothing.")
@click.option("--force", is_flag=True, help="Your word: send the approved draft although it "
              "is empty or lost most of the last post's items.")
@click.option("--arrived", is_flag=True, help="Your word: the post whose outcome was unknown "
              "is on the list.")
@click.option("--resend", is_flag=True, help="Your word: it is not on the list, or you fixed "
              "what failed: send the same mail again, now.")
@click.option("--now", "now_text", metavar="DATETIME", help="Act as if it were DATETIME "
              "(ISO 8601; without an offset, in [schedule] timezone): for tests and trials.")
def send_command(dry_run: bool, verbose: bool, status: bool, force: bool, arrived: bool,
                 resend: bool, now_text: str | None) -> None:
    """Post the approved draft when it is due (cron runs this); exactly once."""
    from bot.send import Policy
    from bot.send import sender as send
    from bot.send import word as sendword

    words = [name for name, on in (("--force", force), ("--arrived", arrived),
                                   ("--resend", resend)) if on]
    if len(words) > 1 or (words and (dry_run or status)) or (dry_run and status):
        fail("use one of --dry-run, --status, --force, --arrived, --resend at a time")
    with opened(EX_CONFIG) as (config, store):
        policy = Policy.from_config(config)
        now = _clock(now_text, policy)
        if status:
            for line in sendword.status(store, config, now):
                click.echo(line)
            return
        try:
            settings = None if dry_run else send.smtp_settings(config)
            with send.send_lock(config.database_path()):
                if force:
                    click.echo(sendword.force(store, config, actor(config), now))
                elif words:
                    click.echo(sendword.resolve(store, config, arrived, actor(config), now))
                    if arrived:
                        return
                sender = send.Sender(store, config, now, settings, dry_run=dry_run,
                                     verdicts=send.verdicts_file(config.database_path()))
                report = sender.run()
        except send.SendBusy as error:
            if verbose or words or dry_run:  # the cron that lost the race stays quiet
                click.echo(f"todobot: {error}; nothing done, try again", err=True)
            sys.exit(EX_TEMPFAIL)
        except send.SendError as error:
            fail(str(error), EX_CONFIG)
            return
    _show(report, verbose, dry_run)


def _show(report: Report, verbose: bool, dry_run: bool) -> None:
    """Dry run: the bytes on stdout, the rest on stderr. Else events on stdout."""
    out = sys.stderr if dry_run else sys.stdout
    for news, line in report.log:
        if news or verbose or dry_run:
            click.echo(line, file=out)
    for problem in report.problems:
        click.echo(f"todobot: {problem}", err=True)
    if report.message is not None:
        sys.stdout.flush()
        sys.stdout.buffer.write(report.message)
        sys.stdout.buffer.flush()
    sys.exit(report.code)
