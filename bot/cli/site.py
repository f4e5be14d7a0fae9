"""`todobot site OUT/` and `todobot nag`: wiring only; the work is in `bot.site`
and `bot.send.nag`.

Exit codes: 0 done, 1 refused (nothing to approve or send), 2 bad usage,
75 the store is busy or a ping could not go yet (the next run retries),
78 a bad configuration.
"""

from __future__ import annotations

from pathlib import Path

import click

from bot.cli.base import EX_CONFIG, fail
from bot.cli.group import main, opened


def site_settings(config):
    from bot.site import DEFAULT_WEEKS, SiteSettings

    return SiteSettings(archive_url=config.site.get("archive_url", ""),
                        stale_weeks=config.site.get("stale_weeks", DEFAULT_WEEKS),
                        templates=config.templates_dir())


@main.command("site")
@click.argument("out", metavar="OUT/", type=click.Path(file_okay=False, writable=True))
@click.option("--date", "day", type=click.DateTime(["%Y-%m-%d"]),
              help="Write the site as of this day (default: today).")
@click.option("-q", "--quiet", is_flag=True, help="Say nothing but errors.")
def site_command(out: str, day, quiet: bool) -> None:
    """Write the release's status site (static HTML, no JavaScript) into OUT/."""
    from jinja2 import TemplateError

    from bot.site import read_release, render_site, write_site

    with opened(EX_CONFIG) as (config, store):
        view = read_release(store, config, day.date() if day else None)
        try:
            pages = render_site(view, site_settings(config))
        except (TemplateError, OSError) as error:  # a broken override in [templates]
            fail(f"the site's templates: {type(error).__name__}: {error}", EX_CONFIG)
            return
    target = Path(out)
    try:
        written = write_site(target, pages)
    except OSError as error:
        fail(f"{out}: cannot write the site: {error.strerror or error}")
        return
    if not quiet:
        index = (target / "index.html").resolve()
        click.echo(f"wrote {len(written)} files; open {index.as_uri()}")


def _quiet(store, config, day=None):
    """(ReleaseView, stale items, weeks) as the site sees them."""
    from bot.site import read_release, stale_items

    weeks = site_settings(config).stale_weeks
    view = read_release(store, config, day)
    return view, stale_items(view.items, view.day, weeks), weeks


@main.command("nag")
@click.option("--approve", is_flag=True, help="Your word: send the drafted pings now.")
@click.option("--send", "send_only", is_flag=True,
              help="Send approved pings not sent yet (a retry; cron may run it).")
@click.option("--date", "day", type=click.DateTime(["%Y-%m-%d"]),
              help="Find the items stale on this day (default: today).")
def nag_command(approve: bool, send_only: bool, day) -> None:
    """Draft one ping mail per owner of stale items, for the RM to approve."""
    import sys

    from bot.cli.base import EX_REFUSED, EX_TEMPFAIL, actor
    from bot.send import pings

    if approve and send_only:
        fail("use one of --approve, --send")
    with opened(EX_CONFIG) as (config, store):
        if not (approve or send_only):
            from bot.site.nag import ping_drafts

            view, quiet, weeks = _quiet(store, config, day.date() if day else None)
            waiting = pings.waiting_items(store, config)
            for item_id in sorted(set(quiet) & set(waiting)):
                old = waiting[item_id]
                click.echo(f"todobot: no new ping for #{item_id}: the ping to {old.owner} is "
                           f"{old.state} (`todobot nag --send` settles it)", err=True)
            quiet = {i: q for i, q in quiet.items() if i not in waiting}
            drafts, problems = ping_drafts(view, quiet, config, weeks)
            for problem in problems:
                click.echo(f"todobot: no ping for {problem}", err=True)
            if not drafts:
                click.echo(f"no stale items with an owner to ping ({len(quiet)} stale)")
                return
            for ping in pings.draft(store, config, drafts):
                click.echo(f"==== to {ping.owner} <{ping.address}>: {ping.subject}\n")
                click.echo(ping.body)
            click.echo(f"{len(drafts)} ping(s) drafted: `todobot nag --approve` sends them")
            return
        settings = _settings(config)  # a config that cannot send fails before the approval
        if approve:
            approved = pings.approve(store, config, actor(config))
            if not approved:
                fail("no drafted pings to approve: run `todobot nag` first", EX_REFUSED)
            click.echo(f"{len(approved)} ping(s) approved")
        run = _send(store, config, settings, actor(config))
        for line in run.said or ["no approved ping waits to be sent"]:
            click.echo(line)
        if run.retry:
            sys.exit(EX_TEMPFAIL)


def _settings(config):
    from bot.send import SendError, smtp_settings

    try:
        return smtp_settings(config)
    except SendError as error:
        fail(str(error), EX_CONFIG)
        raise


def _recheck(store, config):
    """The ping's items still open, listed and stale today, re-quoted; None if none is."""
    from bot.site.nag import ping_drafts

    def recheck(ping):
        view, quiet, weeks = _quiet(store, config)
        wanted = {int(item[0]) for item in ping.items}
        drafts, _ = ping_drafts(view, {i: q for i, q in quiet.items() if i in wanted}, config,
                                weeks)
        found = next((d for d in drafts if d.owner == ping.owner), None)
        return None if found is None else (found.subject, found.body,
                                           [list(i) for i in found.items])

    return recheck


def _send(store, config, settings, actor: str):
    from datetime import UTC, datetime

    from bot.send import PingRun, SendBusy, SendError, send_lock

    try:
        with send_lock(config.database_path()):
            run = PingRun(store, config, settings, datetime.now(UTC),
                          recheck=_recheck(store, config),
                          verdicts=Path(f"{config.database_path()}.ping-verdicts"))
            run.run(actor)
            return run
    except SendBusy as error:
        from bot.cli.base import EX_TEMPFAIL

        fail(f"{error}; nothing sent, try again", EX_TEMPFAIL)
    except SendError as error:
        fail(str(error), EX_CONFIG)
    raise AssertionError("unreachable: fail() exits")
