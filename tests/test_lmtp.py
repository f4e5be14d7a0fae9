"""`todobot lmtp`: the MTA delivers over LMTP to one long-lived process.

A real LMTP server (aiosmtpd) on 127.0.0.1 and a real SQLite store; the client is
smtplib's LMTP, or a raw socket where smtplib reads one reply for many recipients.
"""

from __future__ import annotations

import signal
import smtplib
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bot.config import parse_config
from bot.demo import demo_config, seed_path
from bot.release import Store, cycle
from bot.release.lmtp import serve

REPLIES = Path(__file__).parent.parent / "fixtures" / "mails" / "replies-2012"
ROOT = Path(__file__).parent.parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def release(tmp_path: Path):
    """A configured store holding the seed post, as after `todobot init`."""
    text = demo_config(tmp_path / "s.db", busy_timeout_ms="100")
    (tmp_path / "todobot.toml").write_text(text, encoding="utf-8")
    config = parse_config(text, tmp_path / "todobot.toml")
    from bot.post import parse_post

    seed = seed_path(tmp_path).read_text(encoding="utf-8")
    with Store.open(config.database_path()) as store:
        cycle.import_post(store, config, seed, parse_post(seed, year=2012), "", "seed")
    return config


@pytest.fixture
def server(release):
    controller = serve(release, port=free_port())
    yield controller
    controller.stop()
    controller.intake.shutdown()


def changes(config) -> list[tuple[str, str]]:
    with sqlite3.connect(config.database_path()) as db:
        return db.execute("SELECT kind, value FROM changes ORDER BY id").fetchall()


def lmtp_session(port: int, raw: bytes, recipients: int) -> list[str]:
    """The replies after DATA, read line by line: one per recipient (RFC 2033 4.2)."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        replies = sock.makefile("rb")

        def say(line: bytes) -> str:
            sock.sendall(line + b"\r\n")
            return replies.readline().decode()

        replies.readline()  # greeting
        sock.sendall(b"LHLO client.test\r\n")
        while not replies.readline().startswith(b"250 "):
            pass
        assert say(b"MAIL FROM:<jan@example.org>").startswith("250")
        for n in range(recipients):
            assert say(b"RCPT TO:<list%d@example.org>" % n).startswith("250")
        assert say(b"DATA").startswith("354")
        body = b"\r\n".join(b"." + line if line.startswith(b".") else line
                            for line in raw.replace(b"\r\n", b"\n").split(b"\n"))
        sock.sendall(body + b"\r\n.\r\n")
        return [replies.readline().decode().strip() for _ in range(recipients)]


def test_a_reply_delivered_over_lmtp_is_kept_and_read_as_on_the_pipe(release, server) -> None:
    raw = (REPLIES / "03-thunderbird-flowed-committed-drop-and-move-proposal.eml").read_bytes()
    with smtplib.LMTP("127.0.0.1", server.port) as client:
        refused = client.sendmail("jan@example.org", ["xen-devel@lists.xen.org"],
                                  raw.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n"))
    assert refused == {}
    read = changes(release)
    assert read, "the reply's changes are in the store"
    # the same mail on the pipe into a second store reads the same changes
    other = release.path.parent / "pipe"
    other.mkdir()
    text = demo_config(other / "s.db")
    (other / "todobot.toml").write_text(text, encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "bot.cli", "--config", str(other / "todobot.toml"),
                           "init", str(seed_path(other))], capture_output=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    piped = subprocess.run([sys.executable, "-m", "bot.cli", "--config",
                            str(other / "todobot.toml"), "ingest"], input=raw,
                           capture_output=True, cwd=ROOT)
    assert piped.returncode == 0, piped.stderr
    assert changes(parse_config(text, other / "todobot.toml")) == read


def test_each_recipient_gets_its_reply_and_a_mail_is_kept_once(release, server) -> None:
    raw = (REPLIES / "03-thunderbird-flowed-committed-drop-and-move-proposal.eml").read_bytes()
    replies = lmtp_session(server.port, raw, 3)
    assert len(replies) == 3 and all(r.startswith("250 2.0.0 kept as ") for r in replies)
    assert replies[0].endswith(": analysed")
    again = lmtp_session(server.port, raw, 1)  # the MTA's retry of the same mail
    assert again[0].endswith(": duplicate")
    with sqlite3.connect(release.database_path()) as db:
        assert db.execute("SELECT count(*) FROM mails").fetchone()[0] == 1


def test_a_mail_that_cannot_be_read_is_kept_not_bounced(release, server) -> None:
    """Nor one whose line is far longer than RFC 5321 allows (125 kB): kept, not refused."""
    replies = lmtp_session(server.port, b"\x00\x01 not a mail at all \xff\xfe" * 5000, 2)
    assert all(r.startswith("250 2.0.0 kept as ") for r in replies), replies
    with sqlite3.connect(release.database_path()) as db:
        assert db.execute("SELECT count(*) FROM mails").fetchone()[0] == 1


def test_a_busy_store_is_a_temporary_failure_for_every_recipient(release, server) -> None:
    raw = (REPLIES / "03-thunderbird-flowed-committed-drop-and-move-proposal.eml").read_bytes()
    holder = sqlite3.connect(release.database_path(), isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        replies = lmtp_session(server.port, raw, 2)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert [r[:3] for r in replies] == ["451", "451"], replies
    assert lmtp_session(server.port, raw, 1)[0].endswith(": analysed")  # the retry lands


def test_the_command_serves_until_sigterm(release) -> None:
    port = free_port()
    config = release.path
    process = subprocess.Popen([sys.executable, "-m", "bot.cli", "--config", str(config), "lmtp",
                                "--port", str(port)], cwd=ROOT, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert process.poll() is None, process.stderr.read()
                assert time.monotonic() < deadline, "the service never listened"
                time.sleep(0.05)
        raw = (REPLIES / "03-thunderbird-flowed-committed-drop-and-move-proposal.eml").read_bytes()
        assert lmtp_session(port, raw, 1)[0].endswith(": analysed")
    finally:
        process.send_signal(signal.SIGTERM)
        code = process.wait(timeout=30)
    log = process.stderr.read().decode()
    assert code == 0, log
    assert "listening on 127.0.0.1" in log and ": analysed, " in log


def test_an_address_in_use_is_one_line_and_exit_78(release) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        result = subprocess.run([sys.executable, "-m", "bot.cli", "--config", str(release.path),
                                 "lmtp", "--port", str(taken.getsockname()[1])],
                                capture_output=True, cwd=ROOT, timeout=60)
    assert result.returncode == 78, result.stderr
    assert result.stderr.decode().startswith("todobot: cannot listen on 127.0.0.1:")
    assert b"Traceback" not in result.stderr
