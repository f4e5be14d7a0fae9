"""The `todobot` command: one module per command group, wired onto one click group."""

from bot.cli.main import main

__all__ = ["main"]
