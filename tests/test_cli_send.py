"""`todobot send` as cron runs it: real processes, one SQLite file, real servers.

The faults that need a real process: two crons firing at once, and a send
killed (SIGKILL) while the server holds the reply to the data.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from bot.demo import demo_config, seed_path

pytest_plugins = ["smtp_server"]  # fixtures: real servers on 127.0.0.1

SCHEDULE = '\n[schedule]\nweekday = "monday"\ntime = "09:00"\ntimezone = "Europe/London"\n'
LIST = "xen-devel@lists.xen.org"
RM = "ian.campbell@citrix.com"
PASSWORD_ENV = "TODOBOT_TEST_SMTP_PASSWORD"
COMMAND = [sys.executable, "-c", "from bot.cli import main; main()"]


def smtp_table(server, **extra: object) -> str:
    lines = ["", "[smtp]", 'host = "127.0.0.1"', f"port = {server.port}",
             f'security = "{getattr(server, "security", "none")}"', "timeout = 5"]
    if getattr(server, "ca_file", ""):
        lines.append(f'cert_bundle = "{server.ca_file}"')
    lines += [f"{k} = {v!r}".replace("'", '"') for k, v in extra.items()]
    return "\n".join(lines) + "\n"


class Todobot:
    """`todobot --config FILE ...` in a fresh process, with the test's environment."""

    def __init__(self, directory: Path, server, **smtp: object) -> None:
        self.dir = directory
        self.config = directory / "todobot.toml"
        self.env = {**os.environ, PASSWORD_ENV: getattr(server, "password", "")}
        self.point_at(server, **smtp)

    def point_at(self, server, **smtp: object) -> None:
        self.config.write_text(demo_config("store.sqlite") + SCHEDULE + smtp_table(server, **smtp))

    def argv(self, *args: str) -> list[str]:
        return [*COMMAND, "--config", str(self.config), *args]

    def __call__(self, *args: str, stdin: bytes = b"", code: int = 0):
        result = subprocess.run(self.argv(*args), input=stdin, capture_output=True,
                                env=self.env, check=False)
        assert result.returncode == code, (result.stdout, result.stderr.decode())
        return result

    def popen(self, *args: str) -> subprocess.Popen:
        return subprocess.Popen(self.argv(*args), env=self.env, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE)

    def rows(self, sql: str) -> list[tuple]:
        with sqlite3.connect(self.dir / "store.sqlite") as db:
            return db.execute(sql).fetchall()


def approved(tmp_path: Path, server, **smtp: object) -> Todobot:
    """A release initialised from the seed, with next week's draft approved."""
    todobot = Todobot(tmp_path, server, **smtp)
    todobot("init", str(seed_path(tmp_path)))
    todobot("draft", "-q", "--date", "2012-08-20")
    todobot("approve")
    return todobot


def wait_for(condition, what: str) -> None:
    """Poll briefly; the deadline only stops a broken test from hanging."""
    deadline = time.monotonic() + 60
    while not condition():
        assert time.monotonic() < deadline, f"gave up waiting for {what}"
        time.sleep(0.01)


def without_fresh_headers(data: bytes) -> bytes:
    return b"\r\n".join(line for line in data.split(b"\r\n")
                        if not line.startswith((b"Message-ID:", b"Date:")))


def test_cron_posts_over_starttls_and_auth_exactly_what_the_dry_run_showed(
        tmp_path: Path, smtp_starttls_auth) -> None:
    server = smtp_starttls_auth
    todobot = approved(tmp_path, server, username=server.username, password_env=PASSWORD_ENV)
    early = todobot("send", "-v", "--now", "2012-08-20T08:55")
    assert b"not due" in early.stdout and b"next is Mon 20 Aug 2012 09:00" in early.stdout
    dry = todobot("send", "--dry-run", "--now", "2012-08-20T09:05")
    assert b"due since Mon 20 Aug 2012 09:00" in dry.stderr and server.messages == []
    assert todobot.rows("SELECT count(*) FROM sends") == [(0,)]
    quiet = todobot("send", "--now", "2012-08-20T09:05")
    assert quiet.stdout.startswith(b"posted draft #1 to xen-devel@lists.xen.org as <")
    (got,) = server.messages
    [(raw,)] = todobot.rows("SELECT raw FROM sends")
    assert got.data == raw and got.tls and got.login == server.username.encode()
    assert without_fresh_headers(got.data) == without_fresh_headers(dry.stdout)
    assert todobot("send", "--now", "2012-08-20T09:20").stdout == b""  # cron again: silent
    back = b"List-Id: <xen-devel.lists.xen.org>\r\n" + got.data
    assert b"own" in todobot("ingest", "-v", stdin=back).stderr
    status = todobot("send", "--status", "--now", "2012-08-20T09:30").stdout.decode()
    assert "draft #1 of 2012-08-20: sent" in status and ": sent, 1 attempt(s)" in status
    assert b"matches" in todobot("rebuild").stdout
    assert len(server.messages) == 1


def test_two_crons_at_once_post_once(tmp_path: Path, smtp_starttls_auth) -> None:
    server = smtp_starttls_auth
    todobot = approved(tmp_path, server, username=server.username, password_env=PASSWORD_ENV)
    release, entered = threading.Event(), []
    accept = server.handler.handle_DATA

    async def hold(*args):  # the server keeps the reply to the data until we say
        entered.append(args)
        while not release.is_set():
            await asyncio.sleep(0.005)
        return await accept(*args)

    server.handler.handle_DATA = hold
    racing = [todobot.popen("send", "-v", "--now", "2012-08-20T09:00") for _ in range(2)]
    wait_for(lambda: any(p.poll() is not None for p in racing) or len(entered) > 1,
             "one send to give way")
    release.set()
    outputs = [p.communicate(timeout=60) for p in racing]
    codes = sorted(p.returncode for p in racing)
    assert codes == [0, 75], outputs
    loser = next(err for (_, err), p in zip(outputs, racing, strict=True) if p.returncode == 75)
    assert b"another todobot send is running" in loser
    assert len(entered) == 1 and [m.rcpt_tos for m in server.messages] == [[LIST]]
    assert todobot.rows("SELECT state, attempts FROM sends") == [("sent", 1)]


@pytest.fixture
def killed_half_way(tmp_path: Path, scripted_smtp):
    """A send SIGKILLed while the server holds the reply to its data."""
    holding = scripted_smtp(message="silent")
    todobot = approved(tmp_path, holding)
    sending = todobot.popen("send", "--now", "2012-08-20T09:05")
    wait_for(lambda: holding.messages, "the post to reach the server")
    sending.send_signal(signal.SIGKILL)
    sending.communicate(timeout=60)
    assert todobot.rows("SELECT state FROM sends") == [("sending",)]
    return todobot, holding


def test_killed_half_way_then_the_list_echo_settles_it(killed_half_way) -> None:
    todobot, holding = killed_half_way
    after = todobot("send", "--now", "2012-08-20T09:20")
    assert b"cut off while sending" in after.stdout and b"not sent again" in after.stdout
    waiting = todobot("send", "-v", "--now", "2012-08-20T09:35")
    assert b"waiting until Mon 20 Aug 2012 10:20" in waiting.stdout
    assert holding.connections == 1
    back = b"List-Id: <xen-devel.lists.xen.org>\r\n" + holding.messages[0]
    assert b"confirmed" in todobot("ingest", "-v", stdin=back).stderr
    assert todobot.rows("SELECT state FROM sends") == [("sent",)]
    done = todobot("send", "-v", "--now", "2012-08-20T10:30")
    assert b"went out already" in done.stdout and holding.connections == 1


def test_killed_half_way_no_echo_asks_the_rm_who_has_it_resent_once(killed_half_way,
                                                                     smtp_plain) -> None:
    todobot, holding = killed_half_way
    todobot.point_at(smtp_plain)  # the server recovers; the mail it held never went out
    todobot("send", "--now", "2012-08-20T09:20")
    asked = todobot("send", "--now", "2012-08-20T10:25")
    assert asked.stdout.startswith(b"told the RM (ian.campbell@citrix.com): did the weekly")
    assert todobot("send", "--now", "2012-08-20T10:40").stdout == b""  # asked once
    (question,) = smtp_plain.messages
    assert question.rcpt_tos == [RM] and b"todobot send --resend" in question.data
    resent = todobot("send", "--resend", "--now", "2012-08-20T11:00")
    assert b"with the same Message-ID" in resent.stdout and b"posted draft #1" in resent.stdout
    post = smtp_plain.messages[1]
    assert post.rcpt_tos == [LIST] and post.data == holding.messages[0]
    todobot("send", "--arrived", code=1)  # nothing waits for a word any more
    assert len(smtp_plain.messages) == 2


def test_a_post_the_server_took_while_the_store_was_busy_is_recorded_sent_later(
        tmp_path: Path, smtp_plain, store_busy_after_data) -> None:
    todobot = approved(tmp_path, smtp_plain)
    todobot.config.write_text(todobot.config.read_text().replace("busy_timeout_ms = 5000",
                                                                 "busy_timeout_ms = 100"))
    with store_busy_after_data(smtp_plain, tmp_path / "store.sqlite"):
        busy = todobot("send", "--now", "2012-08-20T09:05", code=75)
        assert b"the next run records the send as sent" in busy.stderr, busy.stderr
    assert todobot.rows("SELECT state FROM sends") == [("sending",)]
    assert (tmp_path / "store.sqlite.send-verdicts").exists()
    later = todobot("send", "--now", "2012-08-20T09:20").stdout
    assert b"cut off" not in later and b"unknown" not in later, later
    assert b"recorded now" in later and b"posted draft #1 to xen-devel" in later
    assert todobot.rows("SELECT state FROM sends") == [("sent",)]
    assert todobot.rows("SELECT state FROM drafts WHERE id = 1") == [("sent",)]
    assert not (tmp_path / "store.sqlite.send-verdicts").exists()
    assert todobot("send", "--now", "2012-08-20T09:35").stdout == b""
    assert len(smtp_plain.messages) == 1  # the server received exactly one DATA


def test_a_missing_password_is_exit_78_and_records_nothing(tmp_path: Path,
                                                          smtp_starttls_auth) -> None:
    server = smtp_starttls_auth
    todobot = approved(tmp_path, server, username=server.username,
                       password_env="TODOBOT_NOT_SET_ANYWHERE")
    result = todobot("send", "--now", "2012-08-20T09:05", code=78)
    assert b"TODOBOT_NOT_SET_ANYWHERE is unset" in result.stderr
    assert result.stderr.count(b"\n") == 1
    assert todobot.rows("SELECT count(*) FROM sends") == [(0,)] and server.messages == []
    todobot("send", "--force", "--resend", code=2)
