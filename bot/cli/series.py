"""`todobot sync` (cron, before `send`) and `todobot series [ITEM]`. Wiring only:
the work is in `bot.series`, which only these commands import."""

from __future__ import annotations

import sqlite3

import click

from bot.cli.base import EX_CONFIG, EX_TEMPFAIL, fail
from bot.cli.group import main, opened


@main.command("sync")
@click.option("-q", "--quiet", is_flag=True, help="Say nothing but problems.")
@click.option("--source", "only", multiple=True, metavar="NAME",
              help="Only this [[sources]] name (repeatable).")
def sync_command(quiet: bool, only: tuple[str, ...]) -> None:
    """Read what is new in the [[sources]] and the [tree]; update the items' series."""
    from bot.series import run_sync

    with opened() as (config, store):
        unknown = set(only) - {entry["name"] for entry in config.sources}
        if unknown:
            fail(f"--source {sorted(unknown)[0]!r}: no [[sources]] has that name "
                 f"(names: {', '.join(e['name'] for e in config.sources) or 'none'})")
        if not config.sources and not config.tree:
            fail("nothing to sync: the config has no [[sources]] and no [tree] "
                 "(see config.example.toml)", EX_CONFIG)
        try:
            report = run_sync(store, config, say=lambda line: click.echo(
                f"todobot: {line}", err=True), only=only)
        except sqlite3.Error as error:  # a store another todobot's migration made
            fail(f"the store cannot be used for sync: {error}", EX_CONFIG)
    for problem in report.problems:
        click.echo(f"todobot: {problem}", err=True)
    if not quiet:
        click.echo(report.summary())
    if report.problems:
        raise SystemExit(EX_TEMPFAIL)


@main.command("series")
@click.argument("item", required=False, type=int)
def series_command(item: int | None) -> None:
    """Each tracked item's series: versions, links, reviews and merges, with evidence."""
    from bot.series import series_report

    with opened(EX_CONFIG) as (config, store):
        try:
            lines = series_report(store, config, item)
        except sqlite3.Error as error:  # a store another todobot's migration made
            fail(f"the store cannot be read for series: {error}", EX_CONFIG)
    if not lines:
        click.echo("no item is tied to a series yet (run `todobot sync`)")
    for line in lines:
        click.echo(line)
