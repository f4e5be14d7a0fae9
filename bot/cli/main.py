"""The `todobot` command: wiring only; each command's work lives in its module.

Exit codes and one-line failures are `bot.cli.base`'s (sysexits(3), so an MTA pipe
does the right thing).
"""

from __future__ import annotations

import json
import sys

import click

from bot.cli.base import EX_DATAERR, EX_TEMPFAIL, EX_USAGE_INPUT, fail, read_input

__all__ = ["EX_DATAERR", "EX_TEMPFAIL", "EX_USAGE_INPUT", "fail", "main", "read_input"]


@click.group()
@click.version_option(package_name="todobot")
def main() -> None:
    """Keep a release's weekly TODO post from the replies on its thread."""


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

