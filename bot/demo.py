"""`make demo`: one week of the cycle on the embedded default, in a temporary store.

Init from the seed post (Xen 4.2, 13 August 2012), ingest the replies to it
in `fixtures/mails/replies-2012/`, show what was applied and what waits
for the RM, then render next week's draft with its diff and changelog, and write the
week's status site into `demo-site/` (printing where to open it).
Everything runs through the real `todobot` commands against a real SQLite
file, exactly as an RM would type them.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from importlib import resources
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPLIES = ROOT / "fixtures" / "mails" / "replies-2012"
SITE = ROOT / "demo-site"  # outlives the temporary store, so it can be opened afterwards
THREAD = "<1344853542.27429.92.camel@zakaz.uk.xensource.com>"
ARCHIVE = "https://lore.kernel.org/xen-devel/{message_id}/"

# The people of the 2012 thread. Aliases are the spellings the post and the
# replies use: "Jan" in an item's parentheses, the seed's mojibake "Pasi
# KÃrkkÃinen".
PEOPLE = (
    ("Ian Campbell", "rm", ["Ian.Campbell@citrix.com"], ["Ian C", "IanC"]),
    ("Jan Beulich", "developer", ["JBeulich@suse.com", "jbeulich@novell.com"], ["Jan"]),
    ("George Dunlap", "developer", ["george.dunlap@eu.citrix.com"], ["George"]),
    ("Ian Jackson", "developer", ["Ian.Jackson@eu.citrix.com"], ["IanJ", "Ian J"]),
    ("Konrad Rzeszutek Wilk", "developer", ["konrad.wilk@oracle.com"], ["Konrad"]),
    ("Stefano Stabellini", "developer", ["stefano.stabellini@eu.citrix.com"], ["Stefano"]),
    ("Keir Fraser", "developer", ["keir@xen.org"], ["Keir"]),
    ("Pasi Kärkkäinen", "developer", ["pasik@iki.fi"], ["Pasi", "Pasi KÃrkkÃinen"]),
    ("Ben Guthro", "developer", ["ben@guthro.net"], ["Ben"]),
    ("Jinsong Liu", "developer", ["jinsong.liu@intel.com"], []),
    ("Roger Pau Monné", "developer", ["roger.pau@citrix.com"], ["Roger"]),
    ("Dario Faggioli", "developer", ["raistlin@linux.it"], ["Dario"]),
)


def demo_config(database: str | Path, **extra: str) -> str:
    """The embedded default configuration (TOML), with the store at `database`."""
    def strings(values: list[str]) -> str:
        return "[" + ", ".join(f'"{v}"' for v in values) + "]"

    lines = [
        "[list]", 'name = "xen-devel"', 'address = "xen-devel@lists.xen.org"', "",
        "[release]", 'name = "4.2"', "year = 2012", 'subject = "Xen 4.2 TODO / Release Plan"',
        f'thread = "{THREAD}"', "",
        "[bot]", 'address = "todobot@lists.xen.org"', "",
        "[thresholds]", "apply = 0.7", "",
        "[store]", f'database = "{Path(database).as_posix()}"',
        f"busy_timeout_ms = {extra.get('busy_timeout_ms', 5000)}", "",
        "[site]", f'archive_url = "{ARCHIVE}"', "stale_weeks = 1", "",
    ]
    if extra.get("dkim"):
        lines += ["[dkim]", "require = true", ""]
    for name, role, addresses, aliases in PEOPLE:
        lines += ["[[people]]", f'name = "{name}"', f'role = "{role}"',
                  f"addresses = {strings(addresses)}", f"aliases = {strings(aliases)}", ""]
    return "\n".join(lines)


def seed_path(directory: Path) -> Path:
    path = directory / "seed-2012.txt"
    path.write_bytes(resources.files("bot").joinpath("seed-2012.txt").read_bytes())
    return path


def run(title: str, *args: str, env: dict[str, str]) -> None:
    print(f"\n### {title}\n$ todobot {' '.join(args)}", flush=True)
    command = [sys.executable, "-c", "from bot.cli import main; main()", *args]
    subprocess.run(command, env=env, check=False)


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="todobot-demo-") as tmp:
        directory = Path(tmp)
        config = directory / "todobot.toml"
        config.write_text(demo_config(directory / "store.sqlite"), encoding="utf-8")
        env = {**os.environ, "TODOBOT_CONFIG": str(config), "PYTHONPATH": str(ROOT)}
        print(f"A temporary store in {directory}; the configuration is bot/demo.py's default.")
        run("Start the release from the seed post", "init", str(seed_path(directory)), env=env)
        run(f"Ingest the {len(list(REPLIES.glob('*.eml')))} replies to it", "ingest",
            str(REPLIES), env=env)
        run("Ingest them again: nothing changes twice", "ingest", str(REPLIES), env=env)
        run("What waits for the RM", "proposals", env=env)
        run("The RM accepts the new item a developer proposed", "accept", _proposal(env, "new in"),
            env=env)
        run("The items now", "items", env=env)
        run("Next week's draft, with its diff and changelog", "draft", "--date", "2012-08-20",
            env=env)
        run("The change log is the truth: replay it all and compare", "rebuild", env=env)
        run("The release at a glance: the status site of the week", "site", str(SITE),
            "--date", "2012-08-20", env=env)
    return 0


def _proposal(env: dict[str, str], kind: str) -> str:
    """The id of the first proposal of that kind (else the first one)."""
    command = [sys.executable, "-c", "from bot.cli import main; main()", "proposals"]
    out = subprocess.run(command, env=env, capture_output=True, text=True, check=False).stdout
    heads = [line for line in out.splitlines() if line.startswith("#")] or ["#0"]
    first = next((line for line in heads if kind in line), heads[0])
    return first.split()[0].lstrip("#")


if __name__ == "__main__":
    sys.exit(main())
