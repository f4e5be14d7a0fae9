"""`python -m bot`: the todobot command."""

from bot.cli import run

run()
