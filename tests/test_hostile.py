# ruff: noqa: F811 - `rm`, the CLI fixture of test_cli_cycle, is the argument of most tests
"""Issue 12: mail from a hostile or careless world, through the real CLI and a real store."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from test_cli_cycle import CHECK_REPLY, count, rm  # noqa: F401 - rm is a fixture

from bot.mail import parse_address, parse_message, split_mbox

REPLY = CHECK_REPLY.read_bytes()  # Ian Jackson (a listed developer): "todobot: done"


def with_header(raw: bytes, name: bytes, value: bytes) -> bytes:
    lines = raw.split(b"\n")
    out = [line for line in lines if not line.lower().startswith(name.lower() + b":")]
    return out[0] + b"\n" + name + b": " + value + b"\n" + b"\n".join(out[1:])


def test_identity_is_the_addr_spec_not_the_display_name() -> None:
    assert parse_address("JBeulich@suse.com <eve@evil.example>")[1] == "eve@evil.example"
    assert parse_address('"Ian.Campbell@citrix.com" <eve@evil.example>')[1] == \
        "eve@evil.example"
    assert parse_address("eve@evil.example (JBeulich@suse.com)")[1] == "eve@evil.example"
    assert parse_address("Jan <JBeulich@SUSE.com>")[1] == "jbeulich@suse.com"
    assert parse_address("JBeulich@suse.com, eve@evil.example")[1] == ""


def test_a_display_name_does_not_make_an_outsider_a_developer(rm) -> None:
    forged = with_header(REPLY, b"From", b"Ian.Jackson@eu.citrix.com <eve@evil.example>")
    result = rm("ingest", "-v", "-", stdin=forged)
    assert "0 change(s) applied, 1 proposed" in result.stdout
    assert "sender not in the configured people" in result.stderr


def test_a_display_name_does_not_approve_a_draft(rm) -> None:
    rm("draft", "--date", "2012-08-20")
    review = rm("review").stdout
    subject = next(line for line in review.splitlines() if line.startswith("Subject:"))
    token = subject.split("confirm ")[1].split(":")[0]
    forged = (b"From: Ian.Campbell@citrix.com <eve@evil.example>\nTo: todobot@lists.xen.org\n"
              b"Subject: Re: confirm " + token.encode() + b": Xen 4.2 TODO\n"
              b"Message-ID: <forged@evil.example>\nDate: Mon, 20 Aug 2012 10:00:00 +0000\n\n"
              b"approve\n")
    result = rm("ingest", "-", stdin=forged)
    assert "approval refused" in result.stderr and "eve@evil.example" in result.stderr
    assert count(rm.db, "SELECT count(*) FROM drafts WHERE state = 'approved'") == 0


def test_8bit_bytes_in_ids_never_raise_and_the_mbox_goes_on(rm) -> None:
    bad = REPLY.replace(b"Message-ID: <20525.1321", b"Message-ID: <20525.\xe9\xff1321")
    bad = bad.replace(b"In-Reply-To: <", b"In-Reply-To: <\xfe")
    result = rm("ingest", "-", stdin=bad)
    assert "Traceback" not in result.stderr
    assert count(rm.db, "SELECT count(*) FROM mails") == 1
    other = with_header(REPLY, b"Message-ID", b"<after-the-bad-one@x>")
    box = rm.dir / "box.mbox"
    box.write_bytes(b"".join(b"From a@b Mon Aug 13 12:00:00 2012\n" + m + b"\n" for m in
                             (with_header(bad, b"Message-ID", b"<\x80\x81@x>"), other)))
    result = rm("ingest", str(box))
    assert "2 mail(s)" in result.stdout and "Traceback" not in result.stderr
    assert count(rm.db, "SELECT count(*) FROM mails") == 3


def test_analyze_json_is_utf8_for_an_8bit_message_id(rm) -> None:
    bad = REPLY.replace(b"Message-ID: <20525.1321", b"Message-ID: <20525.\xe9\xff1321")
    (rm.dir / "bad.eml").write_bytes(bad)
    out = subprocess.run([sys.executable, "-m", "bot", "analyze", str(rm.dir / "bad.eml"),
                          "--post", str(rm.dir / "seed-2012.txt"), "--json"],
                         capture_output=True, check=True, env={**os.environ,
                                                                "TODOBOT_CONFIG": ""}).stdout
    assert "\u00e9\u00ff" in json.loads(out.decode("utf-8"))["message_id"]


def test_a_long_run_of_punctuation_is_analysed_in_bounded_work(rm) -> None:
    head, _, body = REPLY.partition(b"\n\n")
    big = head + b"\n\n" + b"-_./" * 100_000 + b"\n" + body  # 400 KB: was about 15 minutes
    done = subprocess.run([sys.executable, "-m", "bot", "--config", str(rm.dir / "todobot.toml"),
                           "ingest", "-"], input=big, capture_output=True, timeout=60)
    assert done.returncode == 65, done.stderr  # its line is over [limits] max_line_bytes
    assert b"oversized" in done.stderr and b"kept as" in done.stderr
    config = rm.dir / "todobot.toml"
    config.write_text(config.read_text() + "\n[limits]\nmax_line_bytes = 1048576\n")
    done = subprocess.run([sys.executable, "-m", "bot", "--config", str(config), "ingest", "-"],
                          input=big.replace(b"<20525", b"<again"), capture_output=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr  # analysed, linearly


def test_an_odd_maildir_is_reported_and_the_run_goes_on(rm) -> None:
    maildir = rm.dir / "Maildir"
    for sub in ("cur", "new", "tmp"):
        (maildir / sub).mkdir(parents=True)
    (maildir / "new" / "1.good").write_bytes(REPLY)
    os.mkfifo(maildir / "new" / "2.fifo")
    (maildir / "new" / "3.link").symlink_to("/etc/passwd")
    (maildir / "new" / "4.folder").mkdir()
    (maildir / "new" / "5.gone").write_bytes(b"x")
    from bot.mail import open_source, read_mails

    source = open_source(str(maildir))
    (maildir / "new" / "5.gone").unlink()  # a read error after the listing (as EACCES, EIO)
    said: list[tuple[str, bool]] = []
    mails = list(read_mails(source, on_problem=lambda text, error: said.append((text, error))))
    assert [name.rsplit("/", 1)[1] for name, _ in mails] == ["1.good"]
    assert [error for _, error in said] == [False, False, False, True]
    assert "FIFO" in said[0][0] and "symbolic link" in said[1][0] and "folder" in said[2][0]
    result = rm("ingest", str(maildir), code=0)
    assert "1 mail(s): 1 analysed" in result.stdout and "skipped" in result.stderr
    assert count(rm.db, "SELECT count(*) FROM mails WHERE raw LIKE 'root:%'") == 0


def test_a_reply_without_message_id_applies_once_however_its_copies_differ(rm) -> None:
    plain = b"\n".join(line for line in REPLY.split(b"\n")
                       if not line.startswith(b"Message-ID:"))
    relayed = b"Received: from relay.example.org by mx.example.org; Mon, 20 Aug 2012\n" + plain
    tagged = plain.replace(b"Subject: Re: [Xen-devel] Xen", b"Subject: Re: [xen-devel] [PATCH] "
                           b"Xen").replace(b"Ian.\n\n___", b"Ian.\n\n\n___")
    for copy in (plain, relayed, tagged, plain.replace(b"\n", b"\r\n")):
        rm("ingest", "-", stdin=copy)

    assert count(rm.db, "SELECT count(*) FROM mails") == 1


def test_a_reused_message_id_with_other_content_is_kept_and_reported(rm) -> None:
    rm("ingest", "-", stdin=REPLY)
    copy = b"Received: from elsewhere by mx; Mon, 20 Aug 2012\n" + REPLY  # the same mail
    assert "" == rm("ingest", "-", stdin=copy).stderr
    other = REPLY.replace(b"todobot: done", b"todobot: dropped")
    result = rm("ingest", "-", stdin=other)
    assert "conflict" in result.stderr and "other content" in result.stderr
    assert count(rm.db, "SELECT count(*) FROM mails") == 2



def test_a_post_whose_first_line_is_a_heading_keeps_that_section(rm) -> None:
    post = rm.dir / "first.txt"
    post.write_text("tools, blockers:\n\n    * item one (Jan)\n\n"
                    "hypervisor, nice to have:\n\n    * item two (Keir)\n")
    sections = json.loads(rm("parse", str(post)).stdout)["sections"]
    assert [s["title"] for s in sections] == ["tools, blockers", "hypervisor, nice to have"]


def test_mbox_separators_without_date_or_blank_line(tmp_path) -> None:
    box = tmp_path / "box"
    box.write_bytes(b"From a@b Mon Aug 13 12:00:00 2012\nFrom: a@b\nMessage-ID: <1@b>\n\none\n"
                    b"From c@d Mon Aug 13 12:01:00 2012\nFrom: c@d\nMessage-ID: <2@d>\n\ntwo\n\n"
                    b"From e@f\nFrom: e@f\nMessage-ID: <3@f>\n\nthree\n"
                    b"From what I see it is in.\n")
    with box.open("rb") as handle:
        mails = list(split_mbox(handle))
    assert [parse_message(m).message_id for m in mails] == ["1@b", "2@d", "3@f"]
    assert mails[2].endswith(b"From what I see it is in.\n")


def test_an_html_mail_with_a_huge_character_reference_is_read() -> None:
    raw = (b"From: Jan <JBeulich@suse.com>\nMessage-ID: <h@x>\nContent-Type: text/html\n\n"
           b"<p>Done &#" + b"9" * 5000 + b"; here</p>\n")
    message = parse_message(raw)
    assert "Done \ufffd here" in message.body
    assert not any("could not parse" in d for d in message.defects)


def test_a_half_processed_mail_is_finished_by_the_next_run(rm) -> None:
    from bot.config import load_config
    from bot.release import Store

    config = load_config(rm.dir / "todobot.toml")
    with Store.open(config.database_path()) as store:  # what a SIGKILL between the two
        store.keep_mail("20525.1321.220417.998340@mariner.uk.xensource.com",  # transactions
                        "20525.1321.220417.998340@mariner.uk.xensource.com", REPLY,
                        "ian.jackson@eu.citrix.com", "Re: x", "2012-08-16T14:46:46+00:00")
    assert rm("rebuild", code=1).stdout  # the live store has a mail the journal has not
    result = rm("ingest", "-", stdin=with_header(REPLY, b"Message-ID", b"<next@x>"))
    assert "finished 1 mail(s)" in result.stderr
    assert "rebuild matches" in rm("rebuild").stdout

