"""Issue 12, defect 4: no regular expression in bot/ backtracks over long runs.

Every compiled pattern (module level, class attributes, the shipped vocabulary)
is run over 120 KB runs of the characters mail is made of (`-_./`, blanks,
`<`, `>`...). A backtracking pattern takes minutes on them (the quadratic
`_WORD` of reply matching: 136 s); a linear one, milliseconds to a few seconds
for all the runs. Each pattern's CPU time is measured on its own and must stay
under `PER_PATTERN` (so neither a loaded machine nor the number of patterns,
which grows, makes the test fail); a pattern that never finishes is cut off by
the subprocess timeout, the last name printed.
A pattern that the code only ever anchors (`.match` / `.fullmatch` on one
header value or one line) is run anchored, and the test checks in the source
that it is indeed never searched.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Only ever `.match()`ed or `.fullmatch()`ed: anchored at one place, so linear there.
ANCHORED = {
    "bot.mail.headers.DOMAIN", "bot.send.outbox.DOMAIN", "bot.mail.message._ADDR_SPEC",
    "bot.mail.message._NAME_ADDR", "bot.mail.quote._ATTRIBUTION",
    "bot.mail.quote._ATTR_START", "bot.mail.quote._LIST_NAME", "bot.mail.quote._SEPARATOR",
    "bot.mail.quote._SIG_NAME", "bot.mail.quote._SNIP", "bot.mail.sources._SEPARATOR",
    "bot.mail.sources._BARE_SEPARATOR", "bot.mail.sources._FIRST_HEADER",
    "bot.mail.quotelines.SNIP_LINE", "bot.mail.quote.SNIP_LINE", "bot.mail.quotelines._ATTRIBUTION",
    "bot.mail.quotelines._ATTR_VERB", "bot.mail.quotelines._LIST_NAME",
    "bot.mail.quotelines._SEPARATOR", "bot.mail.quotelines._SIG_NAME",
    "bot.reply.newitems._HEADING_LINE", "bot.post.items._NAME_LINE_RE",
    "bot.site.writer._MESSAGE_ID", "bot.reply.newitems._PENDING",
    "bot.reply.newitems._IDS_OPENING",
}
# Patterns known to backtrack, each a debt to pay (none today).
KNOWN_SLOW: set[str] = set()

SCRIPT = """
import sys
sys.path.insert(0, {tests!r})
from support.patterns import run
run({size}, {anchored!r}, {shard}, {shards}, {skip!r})
"""
SIZE = 120_000  # the quadratic `_WORD` took 49 s per input at this size; linear ones, ms
PER_PATTERN = 20.0  # CPU seconds over every input; the slowest linear one takes about 6


def test_anchored_patterns_are_never_searched() -> None:
    for name in ANCHORED:
        module, _, attr = name.rpartition(".")
        source = (ROOT / (module.replace(".", "/") + ".py")).read_text(encoding="utf-8")
        importer = [p for p in ROOT.joinpath("bot").rglob("*.py")
                    if re.search(rf"\bimport\b[^\n]*\b{attr}\b", p.read_text(encoding="utf-8"))]
        for path in [ROOT / (module.replace(".", "/") + ".py"), *importer]:
            text = path.read_text(encoding="utf-8") if path.exists() else source
            uses = re.findall(rf"\b{attr}\.(\w+)\(", text)
            assert set(uses) <= {"match", "fullmatch"}, (name, path, uses)


SHARDS = 4  # test items of their own, which pytest-xdist spreads over the cores


@pytest.mark.slow
@pytest.mark.parametrize("shard", range(SHARDS))
def test_every_pattern_is_linear_on_long_runs(shard: int) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-c", SCRIPT.format(tests=str(ROOT / "tests"), size=SIZE,
                                             anchored=ANCHORED, shard=shard, shards=SHARDS,
                                             skip=KNOWN_SLOW)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        out, err = proc.communicate(timeout=480)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, _ = proc.communicate()
        raise AssertionError(f"a pattern backtracks: {out.splitlines()[-1:]}") from None
    assert proc.returncode == 0, err[-2000:]
    assert out.endswith("done\n")
    timed = [line.split("\t") for line in out.splitlines()[:-1]]
    slow = [(name, float(seconds)) for name, seconds in timed if float(seconds) > PER_PATTERN]
    assert not slow, f"patterns that backtrack: {slow}"
    assert len(timed) > 200 // SHARDS  # every pattern was found and run


PHRASE_RUNS = """
import sys
sys.path.insert(0, {tests!r})
from test_reply_wordings import POST, SENDER, _mail
from bot.reply import analyze_reply
runs = ["move it to x for " * 1200 + ";", "belongs under x rather than " * 700,
        ";" * 20000 + " it is done", "#1 " * 6600 + "x is in", "goes back to x " * 1300 + ";",
        "it sits in completed " * 900 + ";", "ought to be on the list instead is " * 500,
        "1/ " * 6600 + "x merged", " " * 20000 + "x [1]", "please add one to the list: " * 600,
        "duplicate of x. " * 1000, "the same problem as item 1. " * 2000,
        "Friday " * 10000 + "committed", "committed " + "last week " * 8000,
        'Could a line be added for "' * 2000, "fold the two into one entry. " * 1000]
for run in runs:
    analyze_reply(_mail("> *  Core scheduling (v4)\\n\\n" + run + "\\n"), POST,
                  roster={{SENDER: "Jonas Berg"}})
"""


@pytest.mark.slow
def test_a_phrase_repeated_over_a_long_run_on_sentence_reads_in_linear_time() -> None:
    """Runs of the very words the phrase rules look for (the review of the fourth round
    found tails that took 10-140 s on 20 kB); read a sentence in pieces, each linear.
    Linear, the ten take well under a second; the timeout is a hang guard."""
    script = PHRASE_RUNS.format(tests=str(ROOT / "tests"))
    subprocess.run([sys.executable, "-c", script], check=True, timeout=120, cwd=ROOT)
