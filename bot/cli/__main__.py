"""`python -m bot.cli`: the todobot command."""

from bot.cli import run

run()
