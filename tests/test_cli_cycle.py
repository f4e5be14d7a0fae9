"""The cycle's commands as an RM and an MTA run them: real processes, a real SQLite file."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from bot.demo import demo_config, seed_path

REPLIES = Path(__file__).parent.parent / "fixtures" / "mails" / "replies-2012"
THREAD = "<1344853542.27429.92.camel@zakaz.uk.xensource.com>"
CHECK_REPLY = REPLIES / "20-vm-emacs-explicit-todobot-done.eml"


def todobot(config: Path, *args: str, stdin: bytes = b"") -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [sys.executable, "-c", "from bot.cli import run; run()", "--config", str(config),
         *args], input=stdin, capture_output=True, check=False)
    return subprocess.CompletedProcess(result.args, result.returncode,
                                       result.stdout.decode("utf-8", "replace"),
                                       result.stderr.decode("utf-8", "replace"))


@pytest.fixture
def rm(tmp_path: Path):
    """A configured, initialised release; calls `todobot` with its config."""
    config = tmp_path / "todobot.toml"
    config.write_text(demo_config("store.sqlite", busy_timeout_ms="100"), encoding="utf-8")
    done = todobot(config, "init", str(seed_path(tmp_path)))
    assert done.returncode == 0, done.stderr
    assert "17 items" in done.stdout

    def run(*args: str, stdin: bytes = b"", code: int = 0) -> subprocess.CompletedProcess[str]:
        result = todobot(config, *args, stdin=stdin)
        assert result.returncode == code, (result.stdout, result.stderr)
        return result

    run.db = tmp_path / "store.sqlite"  # type: ignore[attr-defined]
    run.dir = tmp_path  # type: ignore[attr-defined]
    return run


def mbox(path: Path, mails: list[Path]) -> Path:
    with path.open("wb") as out:
        for mail in mails:
            out.write(b"From someone@example.org Mon Aug 13 12:00:00 2012\n")
            out.write(mail.read_bytes().replace(b"\r\n", b"\n").rstrip(b"\n") + b"\n\n")
    return path


def item_id(rm, text: str) -> str:
    line = next(line for line in rm("items").stdout.splitlines() if text in line)
    return line.split()[0].lstrip("#")


def count(db: Path, sql: str) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchone()[0]


def test_the_same_mbox_ingested_twice_changes_nothing_twice(rm) -> None:
    box = mbox(rm.dir / "replies.mbox", sorted(REPLIES.glob("*.eml")))
    first = rm("ingest", str(box))
    assert "43 mail(s)" in first.stdout
    items = rm("items").stdout
    changes = count(rm.db, "SELECT count(*) FROM changes")
    second = rm("ingest", str(box))
    assert "43 duplicate" in second.stdout and "0 change(s) applied" in second.stdout
    assert rm("items").stdout == items
    assert count(rm.db, "SELECT count(*) FROM changes") == changes > 0


def test_two_ingests_racing_lose_nothing(rm) -> None:
    mails = sorted(REPLIES.glob("*.eml"))
    one = mbox(rm.dir / "a.mbox", mails[::2] + mails[1:8])
    two = mbox(rm.dir / "b.mbox", mails[1::2] + mails[:8])
    command = [sys.executable, "-c", "from bot.cli import run; run()", "--config",
               str(rm.dir / "todobot.toml"), "ingest", "-q"]  # the MTA's path
    config = rm.dir / "todobot.toml"
    config.write_text(config.read_text().replace("busy_timeout_ms = 100",
                                                 "busy_timeout_ms = 30000"))
    racing = [subprocess.Popen([*command, str(box)], stderr=subprocess.PIPE)
              for box in (one, two)]
    assert [p.wait(timeout=120) for p in racing] == [0, 0], [p.stderr.read() for p in racing]
    for p in racing:
        p.stderr.close()
    assert count(rm.db, "SELECT count(*) FROM mails") == len(mails)
    assert count(rm.db, "SELECT count(*) FROM mails WHERE disposition = 'received'") == 0
    assert count(rm.db, "SELECT count(*) FROM changes") > 0
    # the same mails one after the other, in a fresh store, are read alike, mail by mail
    # (how many changes each gives may differ: a reply is read against the states the
    # thread's mails before it left, and racing, those are another order's)
    fresh = rm.dir / "seq"
    fresh.mkdir()
    (fresh / "todobot.toml").write_text(demo_config("store.sqlite"))
    assert todobot(fresh / "todobot.toml", "init", str(seed_path(fresh))).returncode == 0
    assert todobot(fresh / "todobot.toml", "ingest", str(REPLIES)).returncode == 0
    read = "SELECT group_concat(disposition, ',') FROM (SELECT disposition FROM mails " \
           "ORDER BY message_id)"
    assert count(fresh / "store.sqlite", read) == count(rm.db, read)
    assert "matches" in rm("rebuild").stdout


def test_one_mail_on_stdin_is_silent_and_applies(rm) -> None:
    result = rm("ingest", stdin=CHECK_REPLY.read_bytes())
    assert (result.stdout, result.stderr) == ("", "")
    assert "done" in rm("items").stdout
    history = rm("history", item_id(rm, "More formally deprecate")).stdout
    assert "20525.1321.220417.998340@mariner.uk.xensource.com" in history
    assert "todobot: done" in history and "applied by todobot" in history


def test_an_unreadable_mail_is_kept_and_exits_65(rm) -> None:
    result = rm("ingest", stdin=b"\x00\x01\x02 not a mail at all", code=65)
    assert "unreadable" in result.stderr and "kept as sha256:" in result.stderr
    assert count(rm.db, "SELECT count(*) FROM mails WHERE disposition = 'unreadable'") == 1


def test_a_busy_store_exits_75_so_the_mta_retries(rm) -> None:
    holder = sqlite3.connect(rm.db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        result = rm("ingest", stdin=CHECK_REPLY.read_bytes(), code=75)
        assert "busy" in result.stderr
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert count(rm.db, "SELECT count(*) FROM mails") == 0  # not kept: the MTA still has it
    rm("ingest", stdin=CHECK_REPLY.read_bytes())
    assert count(rm.db, "SELECT count(*) FROM mails") == 1


def test_auto_replies_and_off_thread_mails_are_kept_not_analysed(rm) -> None:
    rm("ingest", str(REPLIES / "27-exchange-out-of-office-auto-reply.eml"))
    off = CHECK_REPLY.read_bytes().replace(b"Message-ID: <20525.", b"Message-ID: <off.")
    off = off.replace(b"Subject: Re: [Xen-devel] Xen 4.2 TODO / Release Plan",
                      b"Subject: Re: [PATCH] xl: fix vcpu-set")
    off = off.replace(THREAD.encode(), b"<unrelated@example.org>")
    result = rm("ingest", "-v", stdin=off)
    assert "off the thread" in result.stderr
    rows = dict(sqlite3.connect(rm.db).execute("SELECT disposition, count(*) FROM mails "
                                               "GROUP BY 1").fetchall())
    assert rows == {"auto": 1, "ignored": 1}
    assert count(rm.db, "SELECT count(*) FROM changes") == 0


def test_proposals_accept_reject_and_undo(rm) -> None:
    rm("ingest", str(REPLIES / "28-gmail-base64-unknown-user-confident-confirmation.eml"),
       str(REPLIES / "22-evolution-pgp-signed-new-series-question-and-vague.eml"))
    listing = rm("proposals").stdout
    ids = [line.split()[0].lstrip("#") for line in listing.splitlines() if line[:1] == "#"]
    assert len(ids) >= 2 and "sender not in the configured people" in listing
    before = rm("items").stdout
    assert "applied" in rm("accept", ids[0]).stdout
    assert rm("items").stdout != before
    assert "rejected" in rm("reject", *ids[1:], "--why", "a question").stdout
    left = rm("proposals").stdout  # what is left are remarks: sentences nothing came of
    assert not [line for line in left.splitlines() if line[:1] == "#"]
    rm("undo", ids[0])
    assert rm("items").stdout == before
    assert "is reverted, not proposed" in rm("accept", ids[0], code=1).stderr


def test_a_remark_is_shown_and_the_rm_turns_it_into_a_change(rm) -> None:
    rm("ingest", str(REPLIES / "22-evolution-pgp-signed-new-series-question-and-vague.eml"))
    listing = rm("proposals").stdout
    remark = next(line for line in listing.splitlines() if line.startswith("remark #"))
    number = remark.split()[1].lstrip("#")
    assert "not understood: " in remark
    rm("draft")
    review = rm("review").stdout
    assert "-- not understood" in review and f"#{number} on " in review
    before = rm("items").stdout
    assert "is not a reading" in rm("accept-remark", number, "sorta", code=1).stderr
    assert "is on an item: say its state" in rm("accept-remark", number, "new", code=1).stderr
    done = rm("accept-remark", number, "partly-merged").stdout
    assert f"remark #{number} → change #" in done and "partly_merged" in done
    assert rm("items").stdout != before
    assert f"remark #{number} " not in rm("proposals").stdout
    assert "already change" in rm("accept-remark", number, "done", code=1).stderr
    assert "matches" in rm("rebuild").stdout


def test_words_under_the_posts_own_prose_are_a_remark_the_rm_can_make_an_item(rm) -> None:
    head, _body = CHECK_REPLY.read_bytes().split(b"\n\n", 1)
    mail = head.replace(b"Message-ID: <20525.", b"Message-ID: <prose.") + (
        b"\n\nIan Campbell writes (\"Xen 4.2 TODO / Release Plan\"):\n"
        b"> We released RC2 last week (tag \"4.2.0-rc2\" in xen-unstable.hg). The\n"
        b"> first Xen test day is happening right now on the #xentest channel on\n"
        b"> Freenode.\n\n"
        b"Several people on the users' forum asked me about the test day, so it\n"
        b"may be worth announcing it there as well.\n\nIan.\n")
    rm("ingest", stdin=mail)
    rm("ingest", stdin=mail.replace(b"Message-ID: <prose.", b"Message-ID: <prose2."))
    listing = rm("proposals").stdout
    remark, twin = [line for line in listing.splitlines() if line.startswith("remark #")]
    number = remark.split()[1].lstrip("#")
    assert "'We released RC2 last week" in remark and "the post's own words" in remark
    assert "no item: say new" in rm("accept-remark", number, "done", code=1).stderr
    made = rm("accept-remark", number, "new").stdout
    assert f"remark #{number} → change #" in made and "We released RC2 last week" in made
    assert "We released RC2 last week" in rm("draft").stdout
    assert "matches" in rm("rebuild").stdout
    second = twin.split()[1].lstrip("#")  # a second remark on the same paragraph
    assert "is an item already" in rm("accept-remark", second, "new", code=1).stderr


def test_undo_by_message_id_restores_the_state(rm) -> None:
    before = rm("items").stdout
    rm("ingest", str(REPLIES / "03-thunderbird-flowed-committed-drop-and-move-proposal.eml"))
    assert rm("items").stdout != before
    undone = rm("undo", "<5028FC3F.7040105@eu.citrix.com>").stdout
    assert undone.count("reverted") >= 2
    assert rm("items").stdout == before
    assert "matches" in rm("rebuild").stdout


def test_draft_edit_approve_and_forged_approval(rm) -> None:
    rm("ingest", str(REPLIES))
    draft = rm("draft", "--date", "2012-08-20").stdout
    assert "==== changelog ====" in draft and "+++ draft 2012-08-20" in draft
    post = draft.split("\n==== diff")[0]
    edited = rm.dir / "edited.txt"
    assert "      (Jinsong Liu,\n" in post  # Jinsong took the vcpu-set bug by mail
    edited.write_text(post.replace("      (Jinsong Liu,\n", "      (Jinsong Liu, Ian Jackson,\n"))
    result = rm("draft", "--from", str(edited), "-q")
    assert "Ian Jackson" in result.stdout and "1 change(s) recorded" in result.stderr
    assert "owner → '+Ian Jackson'" in rm("history", item_id(rm, "vcpu-set")).stdout
    shown = rm("review")
    review = shown.stdout
    token = review.split("Subject: confirm ")[1].split(":")[0]
    assert f"token for ian.campbell@citrix.com: {token}" in shown.stderr
    forged = ("From: Ian Campbell <Ian.Campbell@citrix.com>\nSubject: Re: Xen 4.2 TODO / "
              "Release Plan\nMessage-ID: <forged@x>\nDate: Mon, 20 Aug 2012 09:00:00 +0100\n"
              f"In-Reply-To: {THREAD}\n\napprove\n")
    refused = rm("ingest", stdin=forged.encode())
    assert "approval" not in refused.stderr  # no token: an ordinary reply, changes nothing
    stranger = forged.replace("Ian Campbell <Ian.Campbell@citrix.com>",
                              "Ian Campbell <ian.campbell@evil.example>")
    stranger = stranger.replace("Subject: Re: Xen", f"Subject: Re: confirm {token}: Xen")
    stranger = stranger.replace("<forged@x>", "<forged2@x>")
    result = rm("ingest", stdin=stranger.encode())
    assert "approval refused" in result.stderr and "not a release manager" in result.stderr
    genuine = stranger.replace("ian.campbell@evil.example", "Ian.Campbell@citrix.com")
    genuine = genuine.replace("<forged2@x>", "<real@x>")
    assert "approval" in rm("ingest", "-v", stdin=genuine.encode()).stderr
    assert "is approved: nothing to approve" in rm("approve", code=1).stderr
    states = sqlite3.connect(rm.db).execute("SELECT state FROM drafts ORDER BY id").fetchall()
    assert [s for (s,) in states] == ["superseded", "approved"]
    assert "matches" in rm("rebuild").stdout


def test_approve_and_reject_from_the_command_line(rm) -> None:
    rm("approve", code=1)  # nothing to approve yet
    rm("draft", "-q", "--date", "2012-08-20")
    assert "approved" in rm("approve").stdout
    rm("draft", "-q", code=1)  # an approved draft is not replaced
    assert "needs --why" in rm("reject", code=2).stderr
    assert "rejected: wrong date" in rm("reject", "--why", "wrong date").stdout
    rm("draft", "-q", "--date", "2012-08-21")


def test_a_bad_config_is_one_line_and_exit_78(tmp_path: Path) -> None:
    config = tmp_path / "todobot.toml"
    config.write_text(demo_config("s.db").replace('subject = "Xen', 'subjct = "Xen'))
    result = todobot(config, "items")
    assert result.returncode == 78
    assert result.stderr.count("\n") == 1 and "did you mean 'subject'" in result.stderr
    # an MTA pipe must retry rather than bounce: ingest says 75
    assert todobot(config, "ingest", stdin=CHECK_REPLY.read_bytes()).returncode == 75


def test_draft_edit_opens_the_editor_and_records_the_edit(rm, tmp_path: Path) -> None:
    editor = tmp_path / "editor.sh"
    editor.write_text("#!/bin/sh\nsed -i 's/Bump library SONAMES as necessary./Bump library "
                      "SONAMES as necessary. (Ian Jackson)/' \"$1\"\n")
    editor.chmod(0o755)
    config = rm.dir / "todobot.toml"
    result = subprocess.run(
        [sys.executable, "-c", "from bot.cli import main; main()", "--config", str(config),
         "draft", "--edit", "-q", "--date", "2012-08-20"], capture_output=True, text=True,
        env={**__import__("os").environ, "EDITOR": str(editor), "VISUAL": str(editor)},
        check=False)
    assert result.returncode == 0, result.stderr
    assert "Bump library SONAMES as necessary. (Ian Jackson)" in result.stdout
    assert "owner → '+Ian Jackson'" in rm("history", item_id(rm, "SONAMES")).stdout


def test_an_unedited_draft_handed_back_records_nothing(rm) -> None:
    """Whatever the week's changes did to the items, the draft's text reads back
    as the same items: the RM's hand edits are exactly what the RM changed."""
    rm("ingest", str(REPLIES))
    post = rm("draft", "--date", "2012-08-20").stdout.split("\n==== diff")[0]
    unedited = rm.dir / "unedited.txt"
    unedited.write_text(post)
    result = rm("draft", "--from", str(unedited), "-q")
    assert "0 change(s) recorded" in result.stderr
    assert "differ" not in result.stderr


# -- review fixes ----------------------------------------------------------------------------


def test_a_store_that_is_not_a_database_is_one_line_75_for_ingest_78_else(rm) -> None:
    for suffix in ("-wal", "-shm"):
        (rm.db.parent / (rm.db.name + suffix)).unlink(missing_ok=True)
    rm.db.write_bytes(b"These are not the bytes of a SQLite database.\n" * 200)
    ingest = rm("ingest", stdin=CHECK_REPLY.read_bytes(), code=75)  # the MTA keeps the mail
    items = rm("items", code=78)
    for result in (ingest, items):
        assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
        assert "not a database" in result.stderr and str(rm.db) in result.stderr


def test_an_unreadable_mail_says_so_once(rm) -> None:
    result = rm("ingest", stdin=b"\x00\x01\x02 not a mail at all", code=65)
    assert "unreadable: " in result.stderr and "unreadable: unreadable" not in result.stderr


def test_undo_after_approve_is_refused_with_what_to_do(rm) -> None:
    rm("ingest", stdin=CHECK_REPLY.read_bytes())
    change = count(rm.db, "SELECT min(id) FROM changes")
    rm("draft", "-q", "--date", "2012-08-20")
    rm("approve")
    refused = rm("undo", str(change), code=1)
    assert f"change #{change} is in approved draft #1" in refused.stderr
    assert "todobot reject --why" in refused.stderr and refused.stderr.count("\n") == 1
    rm("reject", "--why", "undo the CHECK")
    assert "reverted" in rm("undo", str(change)).stdout


def test_a_post_read_from_a_mail_keeps_the_mails_year_for_rebuild(tmp_path: Path) -> None:
    """No [release] year: `init` of the post as a mail reads year-less dates ("30
    July") in the year of its Date; `rebuild` must read them the same way."""
    config = tmp_path / "todobot.toml"
    config.write_text(demo_config("store.sqlite").replace("year = 2012\n", ""))
    seed = seed_path(tmp_path).read_text()
    early = "\n".join(line.split("<<")[0].rstrip() for line in seed.split("\n"))
    early = early.replace("-- TODO list locked down", "-- TODO list locked down  << WE ARE HERE")
    post = tmp_path / "post.eml"
    post.write_text("From: Ian Campbell <Ian.Campbell@citrix.com>\nSubject: Xen 4.2 TODO / "
                    "Release Plan\nDate: Mon, 13 Aug 2012 11:26:12 +0100\nMessage-ID: "
                    f"{THREAD}\nContent-Type: text/plain; charset=utf-8\n\n{early}")
    assert todobot(config, "init", str(post)).returncode == 0
    draft = todobot(config, "draft", "-q", "--date", "2012-08-20").stdout
    assert "30 July         -- First release candidate  << WE ARE HERE" in draft
    rebuilt = todobot(config, "rebuild")
    assert "matches" in rebuilt.stdout, rebuilt.stdout
