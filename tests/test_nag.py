"""`todobot nag`: pings drafted per owner of stale items, approved by the RM, sent once
through a real SMTP server on 127.0.0.1; each item records "Ping sent" with provenance."""

from __future__ import annotations

import email
import json
import sqlite3
import subprocess
import sys
from email import policy
from pathlib import Path

import pytest
from sitebuild import demo_store

pytest_plugins = ["smtp_server"]  # fixtures: real servers on 127.0.0.1

LATER = "2012-08-27"  # two weeks after the seed post: the quiet items are stale
COMMAND = [sys.executable, "-c", "from bot.cli import main; main()"]
RM = "ian.campbell@citrix.com"


class Nag:
    def __init__(self, directory: Path, server) -> None:
        self.config = demo_store(directory)
        self.config.write_text(self.config.read_text() + "\n[smtp]\nhost = \"127.0.0.1\"\n"
                               f"port = {server.port}\nsecurity = \"none\"\ntimeout = 5\n")
        self.db = directory / "store.sqlite"

    def __call__(self, *args: str, code: int = 0) -> subprocess.CompletedProcess[str]:
        result = subprocess.run([*COMMAND, "--config", str(self.config), *args],
                                capture_output=True, text=True, check=False)
        assert result.returncode == code, (result.stdout, result.stderr)
        assert "Traceback" not in result.stderr
        return result

    def pings(self) -> list[tuple[str, str]]:
        with sqlite3.connect(self.db) as db:
            rows = db.execute("SELECT args FROM journal WHERE kind = 'ping' ORDER BY seq")
            return [(a["key"], a["state"]) for a in (json.loads(r[0]) for r in rows)]


def states(nag: Nag) -> dict[str, str]:
    return dict(nag.pings())


@pytest.fixture
def nag(tmp_path: Path, smtp_plain) -> Nag:
    return Nag(tmp_path, smtp_plain)


def parse(raw: bytes) -> email.message.EmailMessage:
    return email.message_from_bytes(raw, policy=policy.default)  # type: ignore[return-value]


def test_pings_are_drafted_per_owner_quoting_the_items_and_sent_once(nag, smtp_plain) -> None:
    drafted = nag("nag", "--date", LATER).stdout
    assert "4 ping(s) drafted" in drafted and smtp_plain.messages == []
    assert "==== to Jinsong Liu <jinsong.liu@intel.com>" in drafted
    assert "    * [BUG] vcpu-set doesn't take effect on guest, reported by Intel:" in drafted

    sent = nag("nag", "--approve").stdout
    assert sent.count("sent ping to ") == 4 and 'record "Ping sent"' in sent
    assert len(smtp_plain.messages) == 4
    mails = {parse(m.data)["To"]: (m, parse(m.data)) for m in smtp_plain.messages}
    received, mail = mails["jinsong.liu@intel.com"]
    assert set(received.rcpt_tos) == {"jinsong.liu@intel.com", RM}
    assert " ".join(mail["Subject"].split()).startswith("Ping: 1 item of the Xen 4.2 TODO")
    assert mail["Auto-Submitted"] == "auto-generated"
    body = mail.get_content().replace("\r\n", "\n")
    assert "      (Jinsong Liu,\n" in body and "no news since 2012-08-14" in body

    # the item records the ping, as the RM writes it, with the mail as its provenance
    item = next(line.split()[0].lstrip("#") for line in nag("items").stdout.splitlines()
                if "vcpu-set" in line)
    history = nag("history", item).stdout
    message_id = mail["Message-ID"].strip("<>")
    assert "status → 'pinged'" in history and f"<{message_id}>" in history
    assert '"Ping sent"' in history
    draft = nag("draft", "--date", LATER, "-q").stdout
    item_text = draft.split("* [BUG] vcpu-set")[1].split("*")[0]
    assert " ".join(item_text.split()).endswith("id=1822, Ping sent)")
    assert "rebuild matches" in nag("rebuild").stdout

    # exactly once: another run, another approval, a fresh nag send nothing more
    assert "no approved ping" in nag("nag", "--send").stdout
    nag("nag", "--approve", code=1)
    assert len(smtp_plain.messages) == 4
    again = nag("nag")  # the pinged items have news today (as of LATER they had none yet)
    assert "vcpu-set" not in again.stdout


def test_a_new_nag_withdraws_the_unapproved_drafts(nag, smtp_plain) -> None:
    nag("nag", "--date", LATER)
    nag("nag", "--date", LATER)
    found = list(states(nag).values())
    assert found.count("withdrawn") == 4 and found.count("drafted") == 4
    nag("nag", "--approve")
    assert len(smtp_plain.messages) == 4


def test_an_unknown_outcome_is_never_sent_again(tmp_path: Path, scripted_smtp) -> None:
    dropping = scripted_smtp(message="drop")  # the data went out, then silence: maybe sent
    nag = Nag(tmp_path, dropping)
    nag("nag", "--date", LATER)
    said = nag("nag", "--approve").stdout
    assert said.count("outcome is unknown") == 4
    assert len(dropping.messages) == 4
    assert "no approved ping" in nag("nag", "--send").stdout
    assert len(dropping.messages) == 4 and list(states(nag).values()).count("unknown") == 4
    assert "pinged" not in nag("items").stdout.split("vcpu-set")[0].splitlines()[-1]


def test_a_refused_connection_is_retried_by_the_next_run(tmp_path: Path, closed_port,
                                                        smtp_plain) -> None:
    nag = Nag(tmp_path, smtp_plain)
    text = nag.config.read_text()
    nag.config.write_text(text.replace(f"port = {smtp_plain.port}", f"port = {closed_port}"))
    nag("nag", "--date", LATER)
    assert "not sent yet" in nag("nag", "--approve", code=75).stdout
    nag.config.write_text(text)
    assert nag("nag", "--send").stdout.count("sent ping to ") == 4
    assert len(smtp_plain.messages) == 4


def test_without_smtp_nag_says_so_in_one_line(tmp_path: Path, smtp_plain) -> None:
    nag = Nag(tmp_path, smtp_plain)
    nag.config.write_text(nag.config.read_text().split("\n[smtp]")[0])
    nag("nag", "--date", LATER)
    result = nag("nag", "--approve", code=78)
    assert result.stderr.startswith("todobot: ") and "[smtp] host" in result.stderr
    assert list(states(nag).values()) == ["drafted"] * 4  # not approved: nothing waits


def test_the_review_mail_names_the_stale_items(nag) -> None:
    nag("draft", "--date", LATER, "-q")
    review = parse(nag("review").stdout.encode()).get_content()
    stale = review.split("-- stale: no news for weeks")[1]
    assert "vcpu-set" in stale and "(Jinsong Liu): no news since 2012-08-14" in stale


def test_a_send_running_holds_the_lock_and_nag_waits_its_turn(nag, smtp_plain) -> None:
    import fcntl
    import os

    nag("nag", "--date", LATER)
    fd = os.open(f"{nag.db}.send-lock", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # as `todobot send` holds it
        busy = nag("nag", "--approve", code=75)
        assert "another todobot send is running" in busy.stderr
        assert smtp_plain.messages == []
    finally:
        os.close(fd)
    assert nag("nag", "--send").stdout.count("sent ping to ") == 4


# -- the review of issue 13 ------------------------------------------------------------

POST_ID = "1344853542.27429.92.camel@zakaz.uk.xensource.com"  # the seed post's Message-ID
VCPU = "    * [BUG] vcpu-set doesn't take effect on guest, reported by Intel:"


def reply(nag: Nag, name: str, words: str, *, date: str = "Tue, 28 Aug 2012 09:00:00 +0100",
          parent: str = POST_ID, quote: str = VCPU, refs: str | None = None,
          subject: str = "Re: [Xen-devel] Xen 4.2 TODO / Release Plan") -> str:
    """Jinsong's inline reply under `quote`, ingested through `todobot ingest`."""
    path = nag.db.parent / f"{name}.eml"
    path.write_text(
        f"Date: {date}\nFrom: Jinsong Liu <jinsong.liu@intel.com>\n"
        f"To: Ian Campbell <Ian.Campbell@citrix.com>\nSubject: {subject}\n"
        f"Message-ID: <{name}@intel.com>\nIn-Reply-To: <{parent}>\n"
        f"References: {refs if refs is not None else f'<{parent}>'}\n"
        "Content-Type: text/plain; charset=utf-8\n\n"
        f"> {quote}\n\n{words}\n", encoding="utf-8")
    return nag("ingest", str(path)).stdout


def item_line(nag: Nag, words: str) -> str:
    return next(line for line in nag("items").stdout.splitlines() if words in line)


def test_an_approved_ping_is_not_sent_for_an_item_done_meanwhile(nag, smtp_plain) -> None:
    nag("nag", "--date", LATER)
    reply(nag, "done-14", "This is done, fixed in c/s 25750.")
    assert "done" in item_line(nag, "vcpu-set")
    said = nag("nag", "--approve").stdout
    assert "ping to Jinsong Liu withdrawn" in said
    assert "jinsong.liu@intel.com" not in [parse(m.data)["To"] for m in smtp_plain.messages]
    assert len(smtp_plain.messages) == 3
    assert "done" in item_line(nag, "vcpu-set") and "pinged" not in item_line(nag, "vcpu-set")
    assert "rebuild matches" in nag("rebuild").stdout


def test_a_ping_never_reopens_an_item_closed_after_it_was_queued(nag, smtp_plain) -> None:
    from datetime import UTC, datetime

    from bot.config import load_config
    from bot.release import Store, record_ping

    nag("nag", "--date", LATER)
    reply(nag, "done-14", "This is done, fixed in c/s 25750.")
    config = load_config(nag.config)
    store = Store.open(str(nag.db))
    item = int(item_line(nag, "vcpu-set").split()[0].lstrip("#"))
    assert record_ping(store, config, [(item, "vcpu-set")], "late@example.org",
                       datetime.now(UTC), "test") == []
    store.close()
    assert "done" in item_line(nag, "vcpu-set")


def test_an_unsettled_ping_is_not_drafted_again(tmp_path: Path, closed_port,
                                               smtp_plain) -> None:
    nag = Nag(tmp_path, smtp_plain)
    text = nag.config.read_text()
    nag.config.write_text(text.replace(f"port = {smtp_plain.port}", f"port = {closed_port}"))
    nag("nag", "--date", LATER)
    nag("nag", "--approve", code=75)
    nag.config.write_text(text)
    again = nag("nag", "--date", LATER)
    assert "no stale items with an owner to ping" in again.stdout
    assert "is retry (`todobot nag --send` settles it)" in again.stderr
    nag("nag", "--approve", code=1)
    assert nag("nag", "--send").stdout.count("sent ping to ") == 4
    assert len(smtp_plain.messages) == 4
    history = nag("history", item_line(nag, "vcpu-set").split()[0].lstrip("#")).stdout
    assert history.count('"Ping sent"') == 1


def test_a_ping_the_server_took_while_the_store_was_busy_is_recorded_later(
        nag, smtp_plain, store_busy_after_data) -> None:
    nag.config.write_text(nag.config.read_text().replace("busy_timeout_ms = 5000",
                                                         "busy_timeout_ms = 100"))
    nag("nag", "--date", LATER)
    with store_busy_after_data(smtp_plain, nag.db):
        busy = nag("nag", "--approve", code=75)
        assert "the store was busy" in busy.stdout and len(smtp_plain.messages) == 1
    later = nag("nag", "--send").stdout
    assert "outcome is unknown" not in later and later.count("sent ping to ") == 4
    assert len(smtp_plain.messages) == 4  # the first one went once
    assert "sending" not in states(nag).values() and "unknown" not in states(nag).values()
    assert list(states(nag).values()).count("sent") == 4
    assert not Path(f"{nag.db}.ping-verdicts").exists()


def test_an_unreadable_verdict_file_is_one_line_not_a_traceback(nag, smtp_plain) -> None:
    Path(f"{nag.db}.ping-verdicts").write_text("{not json", encoding="utf-8")
    nag("nag", "--date", LATER)
    said = nag("nag", "--approve").stdout
    assert "verdict file cannot be read" in said
    assert len(smtp_plain.messages) == 4  # the pings themselves still go, once


def test_a_reply_to_a_ping_is_read_as_on_the_thread(nag, smtp_plain) -> None:
    nag("nag", "--date", LATER)
    nag("nag", "--approve")
    ping = next(parse(m.data) for m in smtp_plain.messages
                if parse(m.data)["To"] == "jinsong.liu@intel.com")
    assert ping["In-Reply-To"] == f"<{POST_ID}>" and ping["References"] == f"<{POST_ID}>"
    ping_id = ping["Message-ID"].strip("<>")
    said = reply(nag, "ping-answer", "This is done, fixed in c/s 25750.", parent=ping_id,
                 subject=f"Re: {' '.join(ping['Subject'].split())}",
                 refs=f"<{POST_ID}> <{ping_id}>")
    assert "off-thread" not in said and "done" in item_line(nag, "vcpu-set"), said


def test_a_reply_naming_only_the_ping_is_on_the_thread(nag, smtp_plain) -> None:
    nag("nag", "--date", LATER)
    nag("nag", "--approve")
    ping = next(parse(m.data) for m in smtp_plain.messages
                if parse(m.data)["To"] == "jinsong.liu@intel.com")
    said = reply(nag, "ping-only", "This is done, fixed in c/s 25750.",
                 parent=ping["Message-ID"].strip("<>"), subject="Re: ping")
    assert "off-thread" not in said and "done" in item_line(nag, "vcpu-set"), said


def test_a_ping_whose_other_items_got_news_goes_with_the_rest(nag, smtp_plain) -> None:
    rtc = "    * fix high change rate to CMOS RTC periodic interrupt causing"
    reply(nag, "take", "I'll take this one.", quote=rtc)  # Jinsong owns two quiet items
    drafted = nag("nag", "--date", "2012-09-10").stdout
    assert "to Jinsong Liu <jinsong.liu@intel.com>: Ping: 2 items" in drafted
    reply(nag, "done-14", "This is done, fixed in c/s 25750.",
          date="Mon, 10 Sep 2012 09:00:00 +0100")
    said = nag("nag", "--approve").stdout
    assert "ping to Jinsong Liu: 1 item(s) left out" in said
    mail = next(parse(m.data) for m in smtp_plain.messages
                if parse(m.data)["To"] == "jinsong.liu@intel.com")
    body = mail.get_content()
    assert "CMOS RTC" in body and "vcpu-set" not in body
    assert " ".join(mail["Subject"].split()).startswith("Ping: 1 item of")
    assert "done" in item_line(nag, "vcpu-set") and "pinged" in item_line(nag, "CMOS RTC")
