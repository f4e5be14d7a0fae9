"""The send state machine in-process, against real SMTP servers on 127.0.0.1.

Every fault ends one of two ways: the list has the post exactly once, or the
RM is told (by mail, else on stderr). Never twice, never silently nothing.
The real-process faults (two crons at once, a kill half way) are in
test_cli_send.py.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from email import message_from_bytes, policy
from importlib import resources
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.config import ConfigError, parse_config
from bot.demo import THREAD, demo_config
from bot.post import parse_post
from bot.release import Store, cycle, drafting, rebuild
from bot.release import ingest as ingest_mod
from bot.send import (
    Policy,
    Report,
    Sender,
    SendError,
    backoff,
    deliver_sync,
    due,
    force,
    last_slot,
    next_slot,
    post_body,
    resolve,
    send_lock,
    sends,
    window_end,
)

pytest_plugins = ["smtp_server"]  # fixtures: real servers on 127.0.0.1

SEED = resources.files("bot").joinpath("seed-2012.txt").read_text(encoding="utf-8")
LONDON = ZoneInfo("Europe/London")
LIST = "xen-devel@lists.xen.org"
RM = "ian.campbell@citrix.com"
SCHEDULE = '\n[schedule]\nweekday = "monday"\ntime = "09:00"\ntimezone = "Europe/London"\n'
DROP, SILENT = "drop", "silent"


def at(day: int, hour: int, minute: int = 0, month: int = 8) -> datetime:
    return datetime(2012, month, day, hour, minute, tzinfo=LONDON)


MONDAY = at(20, 9, 5)  # five minutes after the slot


@dataclass
class World:
    config: object
    store: Store
    dir: Path

    def reconfigure(self, extra: str) -> None:
        self.config = parse_config(demo_config(self.dir / "s.db") + SCHEDULE + extra,
                                   self.dir / "todobot.toml")

    def approve(self, day: date = date(2012, 8, 20)) -> int:
        draft_id, _ = drafting.make_draft(self.store, self.config, day)
        drafting.set_draft(self.store, self.config, "approved", "Ian Campbell")
        return draft_id

    def run(self, now: datetime, server=None, deliver=deliver_sync, **kw) -> Report:
        settings = server.settings(**kw) if server is not None else None
        with send_lock(self.config.database_path()):
            return Sender(self.store, self.config, now, settings, deliver).run()

    def send_row(self):
        return sends(self.store, 1)[-1]

    def journal(self, kind: str) -> list[dict]:
        return [json.loads(r[0]) for r in self.store.all(
            "SELECT args FROM journal WHERE kind = ? ORDER BY seq", kind)]


@pytest.fixture
def world(tmp_path: Path):
    config = parse_config(demo_config(tmp_path / "s.db") + SCHEDULE, tmp_path / "todobot.toml")
    store = Store.open(config.database_path())
    cycle.import_post(store, config, SEED, parse_post(SEED, year=2012), THREAD, "seed")
    yield World(config, store, tmp_path)
    store.close()


def to_list(server) -> list:
    return [m for m in server.messages if LIST in m.rcpt_tos]


def to_rm(server) -> list:
    return [m for m in server.messages if m.rcpt_tos == [RM]]


def subject(data: bytes) -> str:
    return str(message_from_bytes(data, policy=policy.default)["Subject"])


def came_back(data: bytes) -> bytes:
    """The post as the list delivers it to the bot's ingest address."""
    return b"List-Id: Xen developer discussion <xen-devel.lists.xen.org>\r\n" + data


# -- the schedule, pure ------------------------------------------------------------------


def policy_of(world: World) -> Policy:
    return Policy.from_config(world.config)


def test_the_slot_is_the_last_monday_9_00_in_london(world) -> None:
    p = policy_of(world)
    assert last_slot(at(20, 9), p) == at(20, 9)
    assert last_slot(at(20, 8, 59), p) == at(13, 9)  # Monday, but not yet the time
    assert last_slot(datetime.fromisoformat("2012-08-20T08:30+00:00"), p) == at(20, 9)  # BST
    assert next_slot(at(22, 12), p) == at(27, 9)
    assert last_slot(datetime(2012, 10, 29, 9, 0, tzinfo=LONDON), p).utcoffset() == timedelta(0)


def test_late_hours_are_real_hours_across_the_end_of_summer_time(world) -> None:
    world.reconfigure("\n[send]\nlate_hours = 24\n")
    p = replace(policy_of(world), weekday=5, at=datetime(2012, 1, 1, 12).time())
    slot = at(27, 12, month=10)  # Saturday noon BST; the clocks go back that night
    assert last_slot(at(28, 10, month=10), p) == slot
    assert window_end(slot, p) == datetime(2012, 10, 28, 11, 0, tzinfo=LONDON)  # GMT


def test_due_says_why_not(world) -> None:
    p = policy_of(world)
    assert due(MONDAY, p, posted=False).due
    assert "went out already" in due(MONDAY, p, posted=True).why
    late = due(at(21, 9, 1), p, posted=False)
    assert not late.due and "closed at Tue 21 Aug 2012 09:00" in late.why
    assert "next is Mon 27 Aug 2012 09:00 Europe/London" in late.why


def test_backoff_doubles_to_a_cap(world) -> None:
    p = policy_of(world)
    assert [backoff(n, p).seconds // 60 for n in range(1, 8)] == [5, 10, 20, 40, 80, 120, 120]


def test_the_subject_line_of_the_draft_is_not_in_the_body() -> None:
    assert post_body("[Xen-devel] Xen TODO\n\nHello\n", True) == "Hello\n"
    assert post_body("Hello\n\nworld\n", False) == "Hello\n\nworld\n"


@pytest.mark.parametrize(("table", "bad", "key"), [
    ("schedule", 'weekday = "mondy"', "weekday"),
    ("schedule", 'time = "9 am"', "time"),
    ("schedule", 'timezone = "Europe/Londn"', "timezone"),
    ("smtp", 'security = "ssl"', "security"),
    ("smtp", 'test_address = "me at example"', "test_address"),
    ("send", 'to = ["list@example.org\\nBcc: all@example.org"]', "to"),
    ("send", 'subject = "{subject} {secret}"', "subject"),
    ("send", 'subject = "a\\r\\nBcc: x@example.org"', "subject"),
    ("send", "min_kept = 2", "min_kept"),
    ("send", "retry_minutes = 0", "retry_minutes"),
    ("send", "thread = 1", "thread"),
    ("send", "late_hours = inf", "late_hours"),  # timedelta(hours=inf): every send crashed
    ("send", "give_up_hours = nan", "give_up_hours"),
    ("send", "retry_minutes = 1e300", "retry_minutes"),
    ("send", "confirm_minutes = -inf", "confirm_minutes"),
    ("smtp", "timeout = inf", "timeout"),
    ("smtp", 'test_address = "me@example.org\u2028"', "test_address"),  # outbox refuses them
    ("smtp", 'test_address = "Me\u0085 <me@example.org>"', "test_address"),
    ("send", 'from = "Xen RM <rm@example.org>\u2029"', "from"),
    ("send", 'to = ["list@exämple.org"]', "to"),
    ("send", 'subject = "{subject}\u0085Bcc: x@example.org"', "subject"),
])
def test_send_settings_are_checked_at_load(tmp_path: Path, table: str, bad: str, key: str):
    text = demo_config("s.db") + f"\n[{table}]\n{bad}\n"
    with pytest.raises(ConfigError, match=rf"\[{table}\] {key}"):
        parse_config(text, tmp_path / "todobot.toml")


@pytest.mark.parametrize(("bad", "message"), [
    ('address = "todobot@lists_xen.org"', "Message-IDs"),  # make_message_id refused it
    ('address = "todobot at lists.xen.org"', "one mail address"),
    ('address = "todobot@lists.xen.org\u2028"', "one mail address"),
    ('address = "Todobot <todobot@lists.xen.org>"', "bare address"),
])
def test_the_bot_address_is_checked_at_load(tmp_path: Path, bad: str, message: str) -> None:
    text = demo_config("s.db").replace('address = "todobot@lists.xen.org"', bad)
    with pytest.raises(ConfigError, match=rf"\[bot\] address: .*{message}"):
        parse_config(text, tmp_path / "todobot.toml")


def test_every_config_that_loads_can_build_its_mails(world) -> None:
    """The addresses the config check lets through are the ones bot.outbox takes."""
    from bot.send import build_message, make_message_id, notice_mail, post_mail

    world.reconfigure('\n[send]\nfrom = "Xen 4.2 RM\t<rm@example.org>"\n'
                      'cc = ["Xen Users <xen-users@lists.xen.org>"]\n'
                      'subject = "{subject}\t({date})"\n'
                      '[smtp]\ntest_address = "Me <me@example.org>"\n')
    world.approve()
    policy = policy_of(world)
    draft = world.store.current_draft(1)
    message_id = make_message_id(world.config.bot_address.rpartition("@")[2])
    for out in (post_mail(world.config, policy, draft, THREAD.strip("<>"), MONDAY, message_id),
                notice_mail(world.config, policy, "s", "b", MONDAY, message_id)):
        build_message(out)  # raises on anything the config let through by mistake


def with_database(database: str) -> str:
    """The demo config with [store] database as written (demo_config takes a path)."""
    return demo_config("s.db").replace('database = "s.db"', f'database = "{database}"')


@pytest.mark.parametrize("database", ["sqlite:///data/s.db", "data/s.db"])
def test_a_sqlite_url_is_a_file_beside_the_config_and_send_locks_it(tmp_path: Path,
                                                                     monkeypatch, database):
    from bot.send import SendBusy

    etc, elsewhere = tmp_path / "etc", tmp_path / "cron-cwd"
    (etc / "data").mkdir(parents=True)
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)  # cron runs from anywhere
    config = parse_config(with_database(database), etc / "todobot.toml")
    assert config.database_path() == str(etc / "data" / "s.db")
    Store.open(config.database_path()).close()
    assert (etc / "data" / "s.db").exists() and not (elsewhere / "data").exists()
    with send_lock(config.database_path()):
        with pytest.raises(SendBusy), send_lock(config.database_path()):
            pass  # a second `todobot send` at the same time gives way
    assert (etc / "data" / "s.db.send-lock").exists()


@pytest.mark.parametrize(("database", "message"), [
    ("sqlite://dbhost/s.db", "has no host"),
    ("mysql://db.example/todobot", "a file path, sqlite:///path or postgresql://"),
    ("", "empty"),
])
def test_a_store_setting_todobot_cannot_open_is_a_config_error(tmp_path: Path, database: str,
                                                               message: str) -> None:
    with pytest.raises(ConfigError, match=rf"\[store\] database: .*{message}"):
        parse_config(with_database(database), tmp_path / "todobot.toml")


def test_an_absolute_sqlite_url_and_postgresql(tmp_path: Path) -> None:
    from bot.release import StoreError

    url = f"sqlite:///{tmp_path}/abs.db"  # sqlite:////tmp/...: four slashes, absolute
    assert parse_config(with_database(url), tmp_path / "etc.toml").database_path() == \
        str(tmp_path / "abs.db")
    config = parse_config(with_database("postgresql://db.example/todobot"),
                          tmp_path / "t.toml")
    assert config.database_path() == "postgresql://db.example/todobot"
    with send_lock(config.database_path()):  # no file to lock; the store refuses it anyway
        with pytest.raises(StoreError, match="PostgreSQL"):
            Store.open(config.database_path())


# -- the post goes out, once ------------------------------------------------------------------


def test_starttls_auth_post_arrives_byte_for_byte_once(world, smtp_starttls_auth,
                                                        monkeypatch) -> None:
    server = smtp_starttls_auth
    monkeypatch.setenv("TODOBOT_TEST_PW", server.password)
    draft_id = world.approve()
    auth = {"username": server.username, "password_env": "TODOBOT_TEST_PW"}
    report = world.run(MONDAY, server, **auth)
    assert report.code == 0 and "posted draft #1" in report.said[0]
    (got,) = server.messages
    send = world.send_row()
    assert got.data == bytes(send["raw"]) and got.tls and got.login == server.username.encode()
    assert got.rcpt_tos == [LIST] and got.mail_from == "todobot@lists.xen.org"
    mail = message_from_bytes(got.data, policy=policy.default)
    assert mail["Subject"] == "Xen 4.2 TODO / Release Plan" and mail["X-Todobot"] == "post"
    assert mail["Message-ID"] == f"<{send['message_id']}>" and "In-Reply-To" not in mail
    assert mail["Date"].datetime == MONDAY
    draft = world.store.one("SELECT text FROM drafts WHERE id = ?", draft_id)["text"]
    assert mail.get_content().replace("\r\n", "\n") == post_body(draft, True)
    assert world.store.baseline(1)["message_id"] == send["message_id"]  # next week's base
    again = world.run(at(20, 9, 20), server, **auth)  # cron, a quarter of an hour later
    assert len(server.messages) == 1 and "went out already" in again.why[0]
    assert rebuild(world.store, world.config) == []


def test_threaded_post_and_subject_template(world, smtp_plain) -> None:
    world.reconfigure('\n[send]\nthread = true\ncc = ["Xen Users <xen-users@lists.xen.org>"]\n'
                      'subject = "{post_subject} ({date})"\n')
    world.approve()
    world.run(MONDAY, smtp_plain)
    (got,) = smtp_plain.messages
    mail = message_from_bytes(got.data, policy=policy.default)
    assert mail["Subject"] == "Xen 4.2 TODO / Release Plan (2012-08-20)"  # no "[Xen-users]"
    assert mail["In-Reply-To"] == mail["References"] == THREAD
    assert got.rcpt_tos == [LIST, "xen-users@lists.xen.org"]


def test_test_mode_sends_everything_to_the_test_address(world, smtp_plain) -> None:
    world.reconfigure('\n[smtp]\ntest_address = "me@example.org"\n')
    world.run(MONDAY, smtp_plain)  # the reminder, too
    world.approve()
    world.run(at(20, 9, 20), smtp_plain)
    assert [m.rcpt_tos for m in smtp_plain.messages] == [["me@example.org"]] * 2
    reminder, post = (message_from_bytes(m.data, policy=policy.default)
                      for m in smtp_plain.messages)
    assert reminder["Subject"].startswith("[todobot test] todobot: ")
    assert post["Subject"] == "[todobot test] Xen 4.2 TODO / Release Plan"
    assert post["X-Todobot-Test"] == f"meant for {LIST}"


def test_not_due_sends_nothing_and_says_when(world, smtp_plain) -> None:
    world.approve()
    report = world.run(at(19, 23, 59), smtp_plain)  # Sunday night
    assert smtp_plain.messages == [] and report.said == []
    assert "closed at" in report.why[0] and "next is Mon 20 Aug 2012 09:00" in report.why[0]
    assert "draft #1 is approved" in report.why[0]


def test_one_post_a_week_a_second_draft_waits_for_the_next_slot(world, smtp_plain) -> None:
    world.approve()
    world.run(MONDAY, smtp_plain)
    world.approve(date(2012, 8, 21))  # the RM corrects something on Tuesday morning
    report = world.run(at(21, 8), smtp_plain)
    assert len(smtp_plain.messages) == 1 and "went out already" in report.why[0]
    world.run(at(27, 9, 1), smtp_plain)
    assert len(to_list(smtp_plain)) == 2


def test_ingest_seeing_the_post_before_the_verdict_is_recorded_marks_it_once(world,
                                                                             smtp_plain):
    world.approve()

    def fast_list(raw: bytes, settings):
        result = deliver_sync(raw, settings)
        verdict = ingest_mod.Ingest(world.store, world.config).mail(came_back(raw))
        assert "confirmed" in verdict.findings[-1]
        return result

    report = world.run(MONDAY, smtp_plain, deliver=fast_list)
    assert "ingest had seen it come back already" in report.said[0]
    assert world.send_row()["state"] == "sent"
    assert world.store.scalar("SELECT count(*) FROM posts WHERE kind = 'sent'") == 1


def test_a_send_the_store_settled_otherwise_meanwhile_is_not_said_to_be_ingests(world,
                                                                             smtp_plain):
    world.approve()

    def settled_elsewhere(raw: bytes, settings):
        result = deliver_sync(raw, settings)
        row = world.send_row()
        world.store.finish_send(row["id"], "failed", "set by hand", only_from=("sending",))
        return result

    report = world.run(MONDAY, smtp_plain, deliver=settled_elsewhere)
    assert "ingest had seen it" not in report.said[0]
    assert "the store had the send failed already (set by hand)" in report.said[0]
    assert report.code == 1 and "--status" in report.problems[0]


# -- faults ----------------------------------------------------------------------------


@pytest.mark.parametrize("script", [{"RCPT": DROP}, {"DATA": DROP}, {"message": "451 4.3.0 "
                                    "try later"}, {"RCPT": "451 4.2.1 mailbox busy"}])
def test_transient_failure_retries_after_the_backoff_and_posts_once(world, scripted_smtp,
                                                                   smtp_plain, script):
    flaky = scripted_smtp(**script)
    world.approve()
    first = world.run(MONDAY, flaky)
    assert first.code == 75 and "the next attempt is after Mon 20 Aug 2012 09:10" in first.said[0]
    assert world.send_row()["state"] == "retry"
    early = world.run(at(20, 9, 8), flaky)
    assert flaky.connections == 1 and "next attempt is after" in early.why[0]
    world.run(at(20, 9, 10), smtp_plain)  # the server is back
    (got,) = to_list(smtp_plain)
    assert got.data == bytes(world.send_row()["raw"]) and world.send_row()["state"] == "sent"
    assert world.send_row()["attempts"] == 2 and to_rm(smtp_plain) == []


def test_connection_refused_retries(world, closed_port, smtp_plain) -> None:
    world.approve()
    settings = replace(smtp_plain.settings(), port=closed_port)
    with send_lock(world.config.database_path()):
        report = Sender(world.store, world.config, MONDAY, settings).run()
    assert report.code == 75 and world.send_row()["state"] == "retry"
    assert "Connect call failed" in world.send_row()["detail"]


def test_transient_for_too_long_gives_up_and_tells_the_rm(world, scripted_smtp, smtp_plain):
    world.reconfigure("\n[send]\ngive_up_hours = 1\n")
    busy = scripted_smtp(message="451 4.3.0 try later")
    world.approve()
    for minute in (5, 10, 20):
        world.run(at(20, 9, minute), busy)
    assert busy.connections == 3 and world.send_row()["state"] == "retry"
    world.run(at(20, 10, 5), busy)
    row = world.send_row()
    assert row["state"] == "failed" and "gave up after 4 attempt(s)" in row["detail"]
    # the RM's mail went through the same (busy) server and could not go: next run
    report = world.run(at(20, 10, 20), smtp_plain)
    assert to_list(smtp_plain) == []
    (notice,) = to_rm(smtp_plain)
    assert "NOT sent" in subject(notice.data) and report.said[0].startswith("told the RM")
    assert world.run(at(20, 11), smtp_plain).said == []  # told once


def test_550_from_the_list_address_is_permanent_and_the_rm_is_told(world,
                                                                   smtp_server_factory):
    server = smtp_server_factory(rcpt_replies={LIST: "550 5.1.1 no such list"})
    world.approve()
    report = world.run(MONDAY, server)
    row = world.send_row()
    assert row["state"] == "failed" and "550" in row["detail"] and report.code == 1
    (notice,) = server.messages  # only the RM's mail got through
    assert notice.rcpt_tos == [RM] and "NOT sent" in subject(notice.data)
    body = message_from_bytes(notice.data, policy=policy.default)
    assert body["Auto-Submitted"] == "auto-generated" and "--resend" in body.get_content()
    later = world.run(at(20, 9, 20), server)
    assert len(server.messages) == 1 and "--resend" in later.why[-1]


def test_550_to_everyone_puts_the_rm_mail_on_stderr(world, scripted_smtp) -> None:
    refusing = scripted_smtp(message="550 5.7.1 policy violation")
    world.approve()
    report = world.run(MONDAY, refusing)
    assert world.send_row()["state"] == "failed" and report.code == 1
    assert "could not mail the RM" in report.problems[0] and "--resend" in report.problems[0]
    assert world.run(at(20, 9, 20), refusing).problems == []  # said once
    assert refusing.connections == 2


def test_drop_after_data_is_unknown_and_the_post_coming_back_settles_it(world,
                                                                        scripted_smtp):
    dropping = scripted_smtp(message=DROP)
    world.approve()
    report = world.run(MONDAY, dropping)
    assert world.send_row()["state"] == "unknown" and "not sent again" in report.said[0]
    assert "until Mon 20 Aug 2012 10:05" in report.said[0]
    report = world.run(at(20, 9, 20), dropping)
    assert dropping.connections == 1 and "waiting until" in report.why[0]
    (posted,) = dropping.messages
    verdict = ingest_mod.Ingest(world.store, world.config).mail(came_back(posted))
    assert verdict.disposition == "own" and "confirmed" in verdict.findings[-1]
    assert world.send_row()["state"] == "sent" and world.store.current_draft(1)["state"] == "sent"
    assert "went out already" in world.run(at(20, 11), dropping).why[0]
    assert dropping.connections == 1


def test_unknown_with_no_echo_asks_the_rm_once_then_resend_posts_the_same_bytes(
        world, scripted_smtp, smtp_plain):
    silent = scripted_smtp(message=SILENT)
    world.approve()
    world.run(MONDAY, silent, timeout=0.5)
    assert world.send_row()["state"] == "unknown"
    report = world.run(at(20, 10, 10), smtp_plain)  # past [send] confirm_minutes
    (question,) = to_rm(smtp_plain)
    assert "did the weekly post reach the list" in subject(question.data)
    assert "--arrived" in report.why[-1] and to_list(smtp_plain) == []
    world.run(at(20, 10, 30), smtp_plain)
    assert len(smtp_plain.messages) == 1  # asked once
    said = resolve(world.store, world.config, False, "Ian Campbell", at(20, 11))
    assert "same Message-ID" in said
    world.run(at(20, 11), smtp_plain)
    (post,) = to_list(smtp_plain)
    assert post.data == silent.messages[0] == bytes(world.send_row()["raw"])
    assert world.send_row()["state"] == "sent"


def test_unknown_then_the_rm_saw_it_arrive(world, scripted_smtp) -> None:
    world.approve()
    world.run(MONDAY, scripted_smtp(message=DROP))
    resolve(world.store, world.config, True, "Ian Campbell", at(20, 12))
    assert world.send_row()["state"] == "sent"
    assert world.store.baseline(1)["message_id"] == world.send_row()["message_id"]
    assert rebuild(world.store, world.config) == []


def test_a_send_cut_off_while_sending_is_unknown_never_resent(world, smtp_plain) -> None:
    world.approve()

    def killed(raw: bytes, settings):
        raise KeyboardInterrupt  # the process dies while the server has the data

    with pytest.raises(KeyboardInterrupt):
        world.run(MONDAY, smtp_plain, deliver=killed)
    assert world.send_row()["state"] == "sending"
    report = world.run(at(20, 9, 20), smtp_plain)
    assert "cut off while sending" in report.said[0] and smtp_plain.messages == []
    assert world.send_row()["state"] == "unknown"


def test_a_verdict_the_busy_store_cannot_record_is_said_and_never_resent(tmp_path,
                                                                        smtp_plain):
    world = World(None, Store.open(str(tmp_path / "s.db"), busy_timeout_ms=50), tmp_path)
    world.reconfigure("")
    cycle.import_post(world.store, world.config, SEED, parse_post(SEED, year=2012), THREAD)
    world.approve()
    other = Store.open(str(tmp_path / "s.db"))

    def then_busy(raw: bytes, settings):
        result = deliver_sync(raw, settings)
        other.db.execute("BEGIN IMMEDIATE")  # say, a long ingest holds the write lock
        return result

    report = world.run(MONDAY, smtp_plain, deliver=then_busy)
    assert report.code == 75 and "was sent (250" in report.problems[0]
    other.db.rollback()
    again = world.run(at(20, 9, 20), smtp_plain)
    assert "cut off while sending" in again.said[0] and len(smtp_plain.messages) == 1
    ingest_mod.Ingest(world.store, world.config).mail(came_back(smtp_plain.messages[0].data))
    assert world.send_row()["state"] == "sent"
    other.close()
    world.store.close()


def test_nothing_in_a_draft_can_add_a_header(world, smtp_plain) -> None:
    world.reconfigure('\n[send]\nsubject = "{post_subject}"\n')
    draft_id = world.approve()
    data = json.loads(world.store.one("SELECT json FROM drafts")["json"])

    def subject_line(text: str) -> None:  # as if the RM's hand edit had put it there
        world.store.db.execute("UPDATE drafts SET json = ? WHERE id = ?",
                               (json.dumps({**data, "subject": text}), draft_id))

    subject_line("TODO\x00\rBcc: everyone@example.org")
    with pytest.raises(SendError, match="line break or control"):
        world.run(MONDAY, smtp_plain)
    assert sends(world.store, 1) == [] and smtp_plain.messages == []  # refused, not recorded
    subject_line("TODO\x0b\x0cBcc: everyone@example.org")
    world.run(MONDAY, smtp_plain)
    (got,) = smtp_plain.messages
    assert got.rcpt_tos == [LIST] and b"\r\nBcc:" not in got.data
    assert subject(got.data) == "TODO Bcc: everyone@example.org"


def test_a_rejected_draft_stops_its_retries(world, scripted_smtp) -> None:
    busy = scripted_smtp(message="451 later")
    world.approve()
    world.run(MONDAY, busy)
    drafting.set_draft(world.store, world.config, "rejected", "Ian Campbell", "wrong date")
    report = world.run(at(20, 9, 30), busy)
    assert "withdrawn: the draft is rejected" in report.said[0]
    assert sum(b"X-Todobot: post" in m for m in busy.messages) == 1  # tried once, never again


# -- the RM's word ---------------------------------------------------------------------------


def test_one_reminder_when_due_and_nothing_is_approved(world, smtp_plain) -> None:
    assert world.run(at(20, 8, 45), smtp_plain).said == []  # not due yet: no reminder
    world.run(MONDAY, smtp_plain)
    drafting.make_draft(world.store, world.config, date(2012, 8, 20))
    world.run(at(20, 9, 20), smtp_plain)
    (reminder,) = smtp_plain.messages
    assert reminder.rcpt_tos == [RM] and "no draft is approved" in subject(reminder.data)
    assert "There is no draft yet" in reminder.data.decode()
    world.run(at(27, 9, 5), smtp_plain)  # a week later, still not approved: a new reminder
    assert "Draft #1 of 2012-08-20 waits for your approval" in smtp_plain.messages[1].data.decode()


def gutted(world: World) -> None:
    """The RM's hand edit drops the nice-to-have sections: 11 of 16 open items gone."""
    draft = world.store.current_draft(1)["text"]
    text = (draft.split("hypervisor, nice to have:")[0] + "hypervisor, nice to have:\n\n"
            "    * None\n\ntools, nice to have:\n\n    * None\n")
    drafting.hand_edit(world.store, world.config, text)


def test_a_draft_that_lost_most_items_needs_the_rms_word(world, smtp_plain) -> None:
    drafting.make_draft(world.store, world.config, date(2012, 8, 20))
    gutted(world)
    drafting.set_draft(world.store, world.config, "approved", "Ian Campbell")
    report = world.run(MONDAY, smtp_plain)
    (notice,) = smtp_plain.messages
    assert notice.rcpt_tos == [RM] and "was NOT sent: it keeps 5 of the 16" in subject(notice.data)
    assert "todobot send --force" in notice.data.decode() and "gone: vMCE" not in report.why[1]
    world.run(at(20, 9, 20), smtp_plain)
    assert len(smtp_plain.messages) == 1  # told once, still not sent
    assert "recorded" in force(world.store, world.config, "Ian Campbell", at(20, 9, 30))
    report = world.run(at(20, 9, 30), smtp_plain)
    assert "the RM gave their word" in report.why[1] and len(to_list(smtp_plain)) == 1


def test_an_empty_draft_needs_the_rms_word(world, smtp_plain) -> None:
    from bot.send import shrinkage

    post = parse_post(SEED, year=2012)
    empty = parse_post(SEED.split("hypervisor, blockers:")[0] + "hypervisor, blockers:\n\n"
                       "    * None\n", year=2012)
    assert shrinkage(post, {}, empty, {}, 0.0) == "it has no items at all"
    assert shrinkage(post, {}, post, {}, 0.5) is None


def test_a_draft_built_on_an_older_post_is_never_sent(world, smtp_plain) -> None:
    world.approve()
    handmade = SEED.replace("Bump library SONAMES", "Bump the library SONAMES")
    cycle.import_post(world.store, world.config, handmade, parse_post(handmade, year=2012),
                      "<by-hand@example.org>", "by hand")
    report = world.run(MONDAY, smtp_plain)
    (notice,) = smtp_plain.messages
    assert notice.rcpt_tos == [RM] and "drafted from post #1" in report.why[1]
    assert "todobot reject" in notice.data.decode() and to_list(smtp_plain) == []


@pytest.mark.parametrize("waiting", ["retry", "queued"])
def test_a_waiting_send_is_withdrawn_when_the_rm_imports_a_hand_sent_post(
        world, scripted_smtp, smtp_plain, waiting: str) -> None:
    """The RM gave up on the retries, posted by hand and ran `todobot init hand.txt`:
    the old draft must not follow it to the list, nor become the last post."""
    draft_id = world.approve()
    busy = scripted_smtp(message="451 4.3.0 try later")
    if waiting == "retry":
        world.run(MONDAY, busy)
    else:  # queued, then the cron was killed before it claimed the send
        world.store.queue_send(draft_id, "queued@lists.xen.org", b"Subject: old draft\r\n")
    assert world.send_row()["state"] == waiting
    handmade = SEED.replace("Bump library SONAMES", "Bump the library SONAMES")
    cycle.import_post(world.store, world.config, handmade, parse_post(handmade, year=2012),
                      "<by-hand@example.org>", "hand.txt")
    report = world.run(at(20, 9, 15), smtp_plain)
    assert to_list(smtp_plain) == [] and world.send_row()["state"] == "failed"
    assert "withdrawn: it was drafted from post #1" in world.send_row()["detail"]
    assert "withdrawn" in report.said[0]
    (notice,) = to_rm(smtp_plain)
    assert "was NOT sent" in subject(notice.data) and "todobot reject" in notice.data.decode()
    assert world.store.baseline(1)["message_id"] == "by-hand@example.org"
    for later in (at(20, 9, 30), at(20, 10, 30)):  # told once, never sent
        world.run(later, smtp_plain)
    assert len(smtp_plain.messages) == 1
    from bot.release import CycleError

    with pytest.raises(CycleError, match="not resent: it was drafted from post #1"):
        resolve(world.store, world.config, False, "Ian Campbell", at(20, 11))


def test_dry_run_changes_nothing_and_shows_the_bytes_that_go(world, scripted_smtp,
                                                            smtp_plain) -> None:
    world.approve()
    with send_lock(world.config.database_path()):
        dry = Sender(world.store, world.config, MONDAY, dry_run=True).run()
    assert dry.message and b"X-Todobot: post" in dry.message and sends(world.store, 1) == []
    world.run(MONDAY, scripted_smtp(DATA="451 later"))
    stored = Sender(world.store, world.config, at(20, 9, 6), dry_run=True).run().message
    world.run(at(20, 9, 11), smtp_plain)
    assert stored == smtp_plain.messages[0].data == bytes(world.send_row()["raw"])
