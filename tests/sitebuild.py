"""The demo week's store and site, made through the real `todobot` commands (a helper
for the site tests, the browser tests and the screenshots; not a test module)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from bot.demo import REPLIES, demo_config, seed_path

DAY = "2012-08-20"
COMMAND = [sys.executable, "-c", "from bot.cli.main import main; main()"]


def todobot(config: Path, *args: str) -> str:
    result = subprocess.run([*COMMAND, "--config", str(config), *args], capture_output=True,
                            text=True, check=False)
    assert result.returncode == 0, (args, result.stdout, result.stderr)
    return result.stdout


def demo_store(directory: Path, **extra: str) -> Path:
    """The seed post and its replies in a store under `directory`; the config's path."""
    config = directory / "todobot.toml"
    config.write_text(demo_config(directory / "store.sqlite", **extra), encoding="utf-8")
    todobot(config, "init", str(seed_path(directory)))
    todobot(config, "ingest", "-q", str(REPLIES))
    return config


def demo_site(directory: Path) -> Path:
    """The demo week's site, written by `todobot site`; its folder."""
    config = demo_store(directory)
    out = directory / "site"
    todobot(config, "site", str(out), "--date", DAY, "-q")
    return out
