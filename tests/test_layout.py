"""The layout shows the architecture: the README's folder map is `ls bot/`, and
one mail through `todobot ingest` loads none of the heavy stages."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from bot.demo import demo_config

ROOT = Path(__file__).resolve().parent.parent
REPLIES = ROOT / "fixtures" / "mails" / "replies-2012"
REPLY = REPLIES / "01-groupwise-heading-and-item-patch-posted.eml"


def test_the_readme_folder_map_is_the_tree() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    mapped = set(re.findall(r"^\| `bot/(\w+)/` \|", readme, re.M))
    packages = {p.parent.name for p in (ROOT / "bot").glob("*/__init__.py")}
    assert mapped == packages


def test_every_stage_says_what_it_does_and_every_export_resolves() -> None:
    for init in (ROOT / "bot").glob("*/__init__.py"):
        assert init.read_text(encoding="utf-8").startswith('"""'), init
        check = f"import bot.{init.parent.name} as m\nfor n in m.__all__: getattr(m, n)"
        subprocess.run([sys.executable, "-c", check], check=True)


def test_one_mail_through_ingest_loads_no_jinja_dateparser_outbox_or_click(tmp_path) -> None:
    config = tmp_path / "todobot.toml"
    config.write_text(demo_config(tmp_path / "store.sqlite"), encoding="utf-8")
    subprocess.run([sys.executable, "-m", "bot", "--config", str(config), "init",
                    str(ROOT / "bot" / "seed-2012.txt")], check=True, capture_output=True)
    loaded = tmp_path / "modules.txt"
    record = (f"import atexit, sys; atexit.register(lambda: open({str(loaded)!r}, 'w')"
              ".write(chr(10).join(sys.modules))); from bot.cli import run; run()")
    subprocess.run([sys.executable, "-c", record, "--config", str(config), "ingest"],
                         input=REPLY.read_bytes(), capture_output=True, check=True)
    modules = set(loaded.read_text().split())
    assert {"bot.release.ingest", "bot.reply.analysis"} <= modules
    assert not modules & {"jinja2", "dateparser", "bot.send.outbox", "bot.post.render"}
    assert not modules & {"click", "bot.cli.group"}  # the MTA's pipe skips the CLI framework
