"""`todobot analyze REPLY --post POST`: what one reply says, without touching a store."""

from __future__ import annotations

import json

import click

from bot.cli import fail, main, read_input


@main.command("analyze")
@click.argument("reply", default="-")
@click.option("--post", "post_file", required=True, type=click.Path(dir_okay=False),
              help="The post the reply answers: its text, or its whole mail.")
@click.option("--json", "as_json", is_flag=True, help="Print the changes as JSON.")
@click.option("--year", type=int, help="Year for timeline dates written without one.")
def analyze_command(reply: str, post_file: str, as_json: bool, year: int | None) -> None:
    """Print the changes REPLY (a mail; - for stdin) makes to the items of POST."""
    from bot.mail import parse_message
    from bot.postinput import read_post
    from bot.reply import analyze_reply
    from bot.replyjson import analysis_to_json, describe

    post = read_post(read_input(post_file), post_file, year=year, on_error=fail)
    raw = read_input(reply)
    if not raw.strip():
        fail(f"{reply}: empty input, not a mail", 65)
    message = parse_message(raw)
    analysis = analyze_reply(message, post)
    if as_json:
        click.echo(json.dumps(analysis_to_json(message, analysis), indent=2, ensure_ascii=False))
    else:
        click.echo(describe(message, analysis))
