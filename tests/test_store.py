"""The store on a real SQLite file: schema and migrations, locking, the log, sends."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.post import Change, ChangeKind, Evidence
from bot.release import MIGRATIONS, SCHEMA_VERSION, Store, StoreBusy, StoreError


def _change(value: str = "done") -> Change:
    evidence = Evidence("a@b", "Jan Beulich", "jbeulich@suse.com",
                        datetime(2012, 8, 14, 9, 0, tzinfo=UTC), "    * item", "Done.")
    return Change(ChangeKind.STATUS, value, (1, 2), "item", 0.9, evidence, reasons=("done",))


def test_a_new_store_has_the_current_schema_in_wal_mode(tmp_path: Path) -> None:
    with Store.open(str(tmp_path / "s.db")) as store:
        assert store.version() == SCHEMA_VERSION
        assert store.scalar("PRAGMA journal_mode") == "wal"
        tables = {r[0] for r in store.all("SELECT name FROM sqlite_master WHERE type='table'")}
        assert {"mails", "posts", "items", "changes", "decisions", "drafts", "sends",
                "journal", "schema_version"} <= tables


def test_a_v1_store_migrates_and_keeps_its_rows(tmp_path: Path) -> None:
    path = tmp_path / "v1.db"
    db = sqlite3.connect(path)
    db.executescript(MIGRATIONS[0].format(id="INTEGER PRIMARY KEY", blob="BLOB"))
    db.execute("CREATE TABLE schema_version (version INTEGER NOT NULL, applied TEXT NOT NULL)")
    db.execute("INSERT INTO schema_version VALUES (1, 'then')")
    db.execute("INSERT INTO releases (name, year, created) VALUES ('4.2', 2012, 'then')")
    db.commit()
    db.close()
    with Store.open(str(path)) as store:
        assert store.version() == SCHEMA_VERSION == 6
        assert store.release_id("4.2") == 1
        assert store.scalar("SELECT count(*) FROM sends") == 0
        versions = [r[0] for r in store.all("SELECT version FROM schema_version ORDER BY 1")]
        assert versions == [1, 2, 3, 4, 5, 6]
        plan = store.all("EXPLAIN QUERY PLAN SELECT id FROM changes "
                         "WHERE post_id = 1 AND kind = 'new'")
        assert "changes_post_kind" in " ".join(str(tuple(r)) for r in plan)


def test_a_store_from_a_newer_todobot_is_refused(tmp_path: Path) -> None:
    path = str(tmp_path / "new.db")
    Store.open(path).close()
    db = sqlite3.connect(path)
    db.execute("INSERT INTO schema_version VALUES (99, 'later')")
    db.commit()
    db.close()
    with pytest.raises(StoreError, match="newer"):
        Store.open(path)


def test_a_held_write_lock_makes_the_second_writer_busy(tmp_path: Path) -> None:
    path = str(tmp_path / "s.db")
    holder = Store.open(path)
    waiter = Store.open(path, busy_timeout_ms=20)
    try:
        with holder.write():
            with pytest.raises(StoreBusy):
                waiter.keep_mail("k", "k", b"raw", "a@b", "s", "now")
            # readers are never blocked (WAL)
            assert waiter.scalar("SELECT count(*) FROM mails") == 0
        assert waiter.keep_mail("k", "k", b"raw", "a@b", "s", "now") is True
    finally:
        holder.close()
        waiter.close()


def test_a_mail_is_kept_once(tmp_path: Path) -> None:
    with Store.open(str(tmp_path / "s.db")) as store:
        assert store.keep_mail("m@x", "m@x", b"bytes", "a@b", "subject", "t0") is True
        assert store.keep_mail("m@x", "m@x", b"other", "a@b", "subject", "t1") is False
        assert bytes(store.mail("m@x")["raw"]) == b"bytes"
        assert store.mail("m@x")["disposition"] == "received"


def test_a_failed_transaction_leaves_nothing(tmp_path: Path) -> None:
    with Store.open(str(tmp_path / "s.db")) as store:
        with pytest.raises(RuntimeError), store.write():
            store.release_id("4.2", 2012, create=True)
            raise RuntimeError("crash half way")
        assert store.release_id("4.2") is None


def test_the_change_log_keeps_every_decision_and_reads_the_latest(tmp_path: Path) -> None:
    with Store.open(str(tmp_path / "s.db")) as store, store.write():
        rid = store.release_id("4.2", 2012, create=True)
        item = store.new_item(rid)
        cid = store.log_change(rid, _change(), item_id=item, post_id=None, source="mail:a@b",
                               ordinal=0, state="proposed", actor="todobot", reason="unknown")
        store.decide(cid, "applied", "Ian Campbell", "accepted")
        logged = store.change(cid)
        assert logged.state == "applied"
        assert logged.change.evidence.date == datetime(2012, 8, 14, 9, 0, tzinfo=UTC)
        assert logged.change.reasons == ("done",)
        assert [d["state"] for d in store.decisions(cid)] == ["proposed", "applied"]
        assert [c.id for c in store.pending(rid)] == [cid]
        post = store.add_post(rid, "sent", "text", {}, "p@x")
        store.fold(post, [cid])
        assert store.pending(rid) == [] and store.folded(cid)
        with pytest.raises(sqlite3.IntegrityError):  # one change per (source, ordinal)
            store.log_change(rid, _change(), item_id=item, post_id=None, source="mail:a@b",
                             ordinal=0, state="applied", actor="x")


def test_the_send_state_machine_lets_one_process_send(tmp_path: Path) -> None:
    path = str(tmp_path / "s.db")
    with Store.open(path) as one, Store.open(path) as two:
        send = one.queue_send(7, "id@todobot", b"bytes")
        assert two.queue_send(7, "id@todobot") == send  # queued once per draft
        assert one.claim_send(send) is True
        assert two.claim_send(send) is False  # cron fired twice: the second does nothing
        one.finish_send(send, "retry", "451 try later", next_attempt="2012-08-20T10:00")
        assert two.claim_send(send) is True
        two.finish_send(send, "unknown", "connection dropped after DATA")
        assert one.claim_send(send) is False  # unknown is never blindly re-sent
        row = one.send_by_message_id("id@todobot")
        assert (row["state"], row["attempts"], bytes(row["raw"])) == ("unknown", 2, b"bytes")


def test_postgresql_urls_are_named_not_silently_opened_as_files(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="PostgreSQL"):
        Store.open("postgresql://db.example/todobot")


def test_a_file_that_is_not_a_database_is_the_stores_own_error(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    path.write_bytes(b"not a database, but the notes someone saved over it\n" * 100)
    with pytest.raises(StoreError, match=r"s\.db: cannot open the store: file is not a database"):
        Store.open(str(path))


@pytest.mark.parametrize("url", ["sqlite:///s.db", "s.db"])
def test_a_sqlite_url_opens_the_file_it_names(tmp_path: Path, monkeypatch, url: str) -> None:
    monkeypatch.chdir(tmp_path)
    Store.open(url).close()
    assert (tmp_path / "s.db").exists() and not (tmp_path / "sqlite:").exists()
