"""Issue 12: fuzz targets per entry point (parse, analyze, the ingest pipeline), hypothesis.

Brief and derandomized in `make test` (30 examples each); `make fuzz` runs
rounds of 500 random examples each until FUZZ_SECONDS (default 600) are spent.
A crash is any exception: each entry point must keep or report bad input.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.config import parse_config
from bot.demo import THREAD, demo_config
from bot.mail import parse_message
from bot.post import PostParseError, parse_post
from bot.release import Store, cycle
from bot.release import ingest as ingest_mod
from bot.reply import analyze_reply

ROOT = Path(__file__).resolve().parent.parent
SEED_TEXT = (ROOT / "bot" / "seed-2012.txt").read_text(encoding="utf-8")
REPLY = (ROOT / "fixtures/mails/replies-2012/20-vm-emacs-explicit-todobot-done.eml").read_bytes()
FUZZING = bool(os.environ.get("FUZZ_SECONDS"))  # `make fuzz` runs rounds until time is up
PROFILE = settings(max_examples=500 if FUZZING else 30, deadline=None, derandomize=not FUZZING,
                   suppress_health_check=list(HealthCheck), database=None)

PIECES = [b"\n", b"\r\n", b"> ", b">", b"From ", b"Message-ID: <", b"\xe9", b"\xff", b"\x00",
          b"=?utf-8?b?", b"?=", b"Content-Type: multipart/mixed; boundary=x\n", b"--x\n",
          b"Content-Transfer-Encoding: base64\n", b"charset=utf-16", b"&#99999999999;",
          b"-_./" * 50, b"todobot: done", b"    * ", b"<", b">", b"(", b")", b"\"", b"@"]


def mutated(seed: bytes):
    """A real mail with random slices replaced by mail-ish pieces or random bytes."""
    edit = st.tuples(st.integers(0, len(seed)), st.integers(0, 200),
                     st.one_of(st.sampled_from(PIECES), st.binary(max_size=40)))
    return st.lists(edit, max_size=8).map(lambda edits: _apply(seed, edits))


def _apply(seed: bytes, edits) -> bytes:
    data = seed
    for at, length, piece in edits:
        at = min(at, len(data))
        data = data[:at] + piece + data[at + length:]
    return data


POST = parse_post(SEED_TEXT, year=2012)


@PROFILE
@given(st.one_of(mutated(SEED_TEXT.encode()), st.binary(max_size=2000)))
def test_fuzz_parse_post(data: bytes) -> None:
    try:
        parse_post(data.decode("utf-8", "replace"), year=2012)
    except PostParseError:
        pass  # a clear, one-line refusal is the right answer


@PROFILE
@given(st.one_of(mutated(REPLY), st.binary(max_size=2000)))
def test_fuzz_analyze(data: bytes) -> None:
    message = parse_message(data)
    analyze_reply(message, POST)


@PROFILE
@given(st.lists(st.one_of(mutated(REPLY), st.binary(max_size=500)), min_size=1, max_size=4))
def test_fuzz_ingest_pipeline(mails: list[bytes]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        config = parse_config(demo_config(Path(folder) / "s.db"), Path(folder) / "t.toml")
        with Store.open(config.database_path()) as store:
            cycle.import_post(store, config, SEED_TEXT, POST, THREAD)
            ingest = ingest_mod.Ingest(store, config)
            for raw in mails:
                verdict = ingest.mail(raw)
                assert verdict.disposition != "unreadable" or verdict.findings
                assert not any("todobot could not process" in f for f in verdict.findings), \
                    verdict.findings
            kept = store.scalar("SELECT count(*) FROM mails WHERE disposition = 'received'")
            assert kept == 0  # every kept mail was settled
