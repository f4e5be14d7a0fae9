"""Approval by mail, end to end: the review mail goes to the RM through a real
SMTP server, and the RM's reply to it (the token in its Subject) approves."""

from __future__ import annotations

import email
from pathlib import Path

from test_cli_send import PASSWORD_ENV, RM, Todobot

pytest_plugins = ["smtp_server"]


def test_review_mail_reaches_the_rm_and_a_reply_approves(tmp_path: Path,
                                                          smtp_starttls_auth) -> None:
    server = smtp_starttls_auth
    todobot = Todobot(tmp_path, server, username=server.username, password_env=PASSWORD_ENV)
    todobot("init", "--message-id", "<1344853542.27429.92.camel@zakaz.uk.xensource.com>",
            str(Path(__file__).parent.parent / "fixtures" / "posts" / "seed-2012.txt"))
    todobot("draft", "-q", "--date", "2012-08-20")
    said = todobot("review", "--send").stdout.decode()
    assert f"review mail sent to {RM}" in said
    (received,) = server.messages
    assert received.rcpt_tos == [RM] and received.tls
    assert received.login == server.username.encode()
    review = email.message_from_bytes(received.data)
    assert review["Subject"].startswith("confirm ") and review["X-Todobot"] == "review"
    token = review["Subject"].split()[1].rstrip(":")
    reply = (f"From: Ian Campbell <{RM}>\nTo: todobot@lists.xen.org\n"
             f"Subject: Re: {review['Subject']}\nMessage-ID: <approve-1@citrix.com>\n"
             f"In-Reply-To: {review['Message-ID']}\nDate: Mon, 20 Aug 2012 08:30:00 +0100\n\n"
             "approve\n\nOn Mon, todobot wrote:\n> Reply to this mail with 'approve'\n")
    result = todobot("ingest", "-v", stdin=reply.encode())
    assert "approved" in result.stderr.decode() + result.stdout.decode()
    assert token and todobot.rows("SELECT state FROM drafts")[-1] == ("approved",)


def test_review_send_without_a_server_is_a_retry_not_a_traceback(tmp_path: Path,
                                                                  closed_port) -> None:
    class Nobody:  # a port nothing listens on
        port = closed_port

    todobot = Todobot(tmp_path, Nobody())
    todobot("init", str(Path(__file__).parent.parent / "fixtures" / "posts" / "seed-2012.txt"))
    todobot("draft", "-q", "--date", "2012-08-20")
    result = todobot("review", "--send", code=75)
    assert b"Traceback" not in result.stderr and b"not sent" in result.stderr
