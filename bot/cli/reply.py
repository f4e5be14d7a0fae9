"""`todobot analyze REPLY --post POST`: what one reply says, without touching a store."""

from __future__ import annotations

import json

import click

from bot.cli.group import fail, main, read_input


def _optional_config():
    """The list's config when one is named (--config, $TODOBOT_CONFIG): its people
    and its own [[vocabulary]] rules; without one, the shipped rules alone."""
    import os

    from bot.config import ENV_VAR, ConfigError, load_config

    named = click.get_current_context().find_root().meta.get("todobot.config")
    if not (named or os.environ.get(ENV_VAR)):
        return None
    try:
        return load_config(named)
    except ConfigError as error:
        fail(str(error), 78)
        raise


@main.command("analyze")
@click.argument("reply", default="-")
@click.option("--post", "post_file", required=True, type=click.Path(dir_okay=False),
              help="The post the reply answers: its text, or its whole mail.")
@click.option("--json", "as_json", is_flag=True, help="Print the changes as JSON.")
@click.option("--year", type=int, help="Year for timeline dates written without one.")
def analyze_command(reply: str, post_file: str, as_json: bool, year: int | None) -> None:
    """Print the changes REPLY (a mail; - for stdin) makes to the items of POST."""
    from bot.mail import parse_message
    from bot.post import read_post
    from bot.reply import analysis_to_json, analyze_reply, describe

    post = read_post(read_input(post_file), post_file, year=year, on_error=fail)
    raw = read_input(reply)
    if not raw.strip():
        fail(f"{reply}: empty input, not a mail", 65)
    message = parse_message(raw)
    config = _optional_config()
    roster, rules = (config.roster, config.rules) if config else (None, None)
    analysis = analyze_reply(message, post, roster=roster, rules=rules)
    if as_json:
        click.echo(json.dumps(analysis_to_json(message, analysis), indent=2, ensure_ascii=False))
    else:
        click.echo(describe(message, analysis))
