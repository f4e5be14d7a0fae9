"""What an RM hands the CLI by hand, broken in the ways hands break things."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from test_cli_cycle import count, rm  # noqa: F401  (rm is a fixture)

ROOT = Path(__file__).resolve().parent.parent


def test_an_edited_draft_that_is_not_utf8_is_one_line_and_changes_nothing(rm) -> None:  # noqa: F811
    edited = rm.dir / "latin1.txt"
    edited.write_bytes("    * Pasi K\u00e4rkk\u00e4inen\n".encode("latin-1"))
    result = rm("draft", "--from", str(edited), code=2)
    assert "not UTF-8" in result.stderr and "Traceback" not in result.stderr
    assert count(rm.db, "SELECT count(*) FROM drafts") == 0


def test_the_mta_pipes_plain_ingest_past_click_and_everything_else_to_it() -> None:
    from bot.cli.pipe import pipe_args

    assert pipe_args(["ingest"]) == (None, (), False, False)
    assert pipe_args(["-c", "t.toml", "ingest", "-q"]) == ("t.toml", (), True, False)
    assert pipe_args(["--config=t.toml", "ingest", "-v", "-", "box.mbox"]) == (
        "t.toml", ("-", "box.mbox"), False, True)
    for other in (["--help"], ["ingest", "--help"], ["ingest", "-qv"], ["-c"], ["-c", "ingest"],
                  ["--version"], ["draft"], ["-c", "t.toml", "items"], ["ingest", "--"],
                  ["--config=", "ingest"], []):
        assert pipe_args(other) is None, other


@pytest.mark.parametrize("long_line", [False, True])
def test_ingest_says_and_exits_the_same_with_and_without_click(rm, long_line: bool,  # noqa: F811
                                                                tmp_path) -> None:
    """The same mails through the console script's pipe path and through click's command:
    the same words, the same exit status, the same store."""
    reply = (ROOT / "fixtures" / "mails" / "replies-2012").glob("*.eml")
    first = next(iter(sorted(reply))).read_bytes()
    config = rm.dir / "todobot.toml"
    before = count(rm.db, "SELECT count(*) FROM mails")
    runs = []
    for number, entry in enumerate(("from bot.cli import run; run()",
                                    "from bot.cli import main; main()")):
        raw = re.sub(rb"(?im)^(message-id:\s*<)", rb"\g<1>%d-" % number, first, count=1)
        if long_line:  # over [limits] max_line_bytes: kept, reported, exit 65
            head, _, body = raw.partition(b"\n\n")
            raw = head + b"\n\n" + b"-_./" * 100_000 + b"\n" + body
        box = tmp_path / f"{number}.eml"
        box.write_bytes(raw)
        done = subprocess.run([sys.executable, "-c", entry, "-c", str(config), "ingest", "-v",
                               str(box)], capture_output=True, check=False)
        said = [out.replace(str(box).encode(), b"F").replace(b"%d-" % number, b"")
                for out in (done.stdout, done.stderr)]
        runs.append((done.returncode, *said))
    assert runs[0][0] == runs[1][0] == (65 if long_line else 0)
    assert runs[0][1] == runs[1][1]
    assert runs[0][2] == runs[1][2]
    assert count(rm.db, "SELECT count(*) FROM mails") == before + 2
    made = [count(rm.db, f"SELECT count(*) FROM changes WHERE message_id LIKE '{n}-%'")
            for n in (0, 1)]
    assert made[0] == made[1] and (made[0] > 0) is (not long_line)


def test_a_bad_config_on_the_pipe_asks_the_mta_to_retry(tmp_path) -> None:
    bad = tmp_path / "todobot.toml"
    bad.write_text("[list]\nname = 3\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "bot", "-c", str(bad), "ingest"],
                          input=b"From: a@b\n\nhi\n", capture_output=True, check=False)
    assert done.returncode == 75 and done.stderr.startswith(b"todobot: ")
    assert b"Traceback" not in done.stderr
