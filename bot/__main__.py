"""`python -m bot`: the todobot command."""

from bot.cli import main

main()
