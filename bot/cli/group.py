"""The `todobot` click group, `bot.cli.main`: wiring only; each command's work lives in
its module.

Exit codes and one-line failures are `bot.cli.base`'s (sysexits(3), so an MTA pipe
does the right thing).
"""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING

import click

from bot.cli.base import (
    EX_CONFIG,
    EX_DATAERR,
    EX_TEMPFAIL,
    EX_USAGE_INPUT,
    fail,
    load,
    open_store,
    read_input,
)

if TYPE_CHECKING:
    from bot.config import Config

__all__ = ["EX_DATAERR", "EX_TEMPFAIL", "EX_USAGE_INPUT", "config_from_context", "config_path",
           "fail", "main", "opened", "read_input"]


def _remember_config(ctx: click.Context, _param: click.Parameter, value: str | None) -> None:
    ctx.meta["todobot.config"] = value


@click.group()
@click.version_option(package_name="todobot")
# `todobot --config FILE <command>`: kept in ctx.meta, for every command to find
@click.option("--config", "-c", envvar="TODOBOT_CONFIG", expose_value=False,
              callback=_remember_config, type=click.Path(dir_okay=False),
              help="Configuration file (default: $TODOBOT_CONFIG, else ./todobot.toml).")
def main() -> None:
    """Keep a release's weekly TODO post from the replies on its thread."""


def config_path() -> str | None:
    """The --config of this command line (None: $TODOBOT_CONFIG, else ./todobot.toml)."""
    return click.get_current_context().find_root().meta.get("todobot.config")


def config_from_context(busy_code: int = EX_CONFIG) -> Config:
    """The configuration named on the command line; exits with one line if it is bad."""
    return load(config_path(), busy_code)


def opened(busy_code: int = EX_TEMPFAIL):
    """(config, store) for one command; StoreBusy → exit 75, CycleError → exit 1."""
    return open_store(config_path(), busy_code)


@main.command("parse")
@click.argument("file", default="-")
@click.option("--year", type=int, help="Year for timeline dates written without one.")
def parse_command(file: str, year: int | None) -> None:
    """Print the structured post in FILE (text or a whole mail) as JSON."""
    from bot.post import post_to_json, read_post

    post = read_post(read_input(file), file, year=year, on_error=fail)
    click.echo(json.dumps(post_to_json(post), indent=2, ensure_ascii=False))


@main.command("render")
@click.argument("file", default="-")
@click.option("--templates", type=click.Path(file_okay=False), help="Template directory.")
def render_command(file: str, templates: str | None) -> None:
    """Print the post text for FILE.json (the output of `todobot parse`)."""
    from bot.post import SchemaError, post_from_json, render_post

    try:
        data = json.loads(read_input(file))
        post = post_from_json(data)
    except (ValueError, SchemaError) as error:
        fail(f"{file}: {error}")
        return
    sys.stdout.buffer.write(render_post(post, templates).encode("utf-8"))


for _module in ("bot.cli.reply", "bot.cli.cycle", "bot.cli.send", "bot.cli.site",
                "bot.cli.series", "bot.cli.lmtp"):
    try:
        __import__(_module)
    except ModuleNotFoundError as _error:
        if _error.name != _module:
            raise

