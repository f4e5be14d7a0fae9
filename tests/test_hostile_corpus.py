"""Issue 12, the corpus: every malformed mail through stdin, an mbox and a Maildir is
applied or kept and reported; no traceback; mails in = mails accounted for."""

# ruff: noqa: F811 - `rm`, the CLI fixture of test_cli_cycle
from __future__ import annotations

import re

from support.corpus import corpus, maildir, mbox
from test_cli_cycle import count, rm, todobot  # noqa: F401

MAILS = corpus()


def accounted(stdout: str) -> int:
    return int(re.search(r"(\d+) mail\(s\)", stdout).group(1))


def test_the_corpus_through_stdin(rm) -> None:
    for name, raw in MAILS:
        result = todobot(rm.dir / "todobot.toml", "ingest", "-v", "-", stdin=raw)
        assert result.returncode in (0, 65), (name, result.stderr)
        assert "Traceback" not in result.stderr and "could not process" not in result.stderr, name
        assert accounted(result.stdout) == 1, (name, result.stdout)
    assert count(rm.db, "SELECT count(*) FROM mails") == len(MAILS)  # every one kept
    assert count(rm.db, "SELECT count(*) FROM mails WHERE disposition = 'received'") == 0


def test_the_corpus_as_an_mbox_and_a_maildir(rm) -> None:
    sent = mbox(MAILS, rm.dir / "corpus.mbox")
    result = rm("ingest", str(rm.dir / "corpus.mbox"), code=65)  # some are unreadable
    assert "Traceback" not in result.stderr and "could not process" not in result.stderr
    assert accounted(result.stdout) == sent
    kept = count(rm.db, "SELECT count(*) FROM mails")
    assert kept == sent
    sent = maildir(MAILS, rm.dir / "Maildir")
    result = rm("ingest", str(rm.dir / "Maildir"), code=65)
    assert "Traceback" not in result.stderr
    assert accounted(result.stdout) == sent  # the FIFO, link and folder: said, not mails
    assert result.stderr.count("skipped") == 3
    assert count(rm.db, "SELECT count(*) FROM mails WHERE disposition = 'received'") == 0
