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


def test_each_rm_gets_their_own_review_mail_and_only_their_token_approves(
        tmp_path: Path, smtp_starttls_auth) -> None:
    server = smtp_starttls_auth
    todobot = Todobot(tmp_path, server, username=server.username, password_env=PASSWORD_ENV)
    other = "rm2@xen.org"
    todobot.config.write_text(todobot.config.read_text() + '\n[[people]]\nname = "Release Two"'
                              f'\nrole = "rm"\naddresses = ["{other}"]\n')
    todobot("init", str(Path(__file__).parent.parent / "fixtures" / "posts" / "seed-2012.txt"))
    todobot("draft", "-q", "--date", "2012-08-20")
    said = todobot("review", "--send").stdout.decode()
    assert f"review mail sent to {RM}, {other}" in said
    reviews = {m.rcpt_tos[0]: email.message_from_bytes(m.data) for m in server.messages}
    assert sorted(reviews) == [RM, other] and all(len(m.rcpt_tos) == 1 for m in server.messages)
    assert reviews[RM]["To"] == RM and reviews[other]["To"] == other
    assert reviews[RM]["X-Todobot-Token"] != reviews[other]["X-Todobot-Token"]

    def reply(sender: str, review, mid: str) -> bytes:
        return (f"From: {sender}\nSubject: Re: {review['Subject']}\nMessage-ID: <{mid}>\n"
                f"In-Reply-To: {review['Message-ID']}\n\napprove\n").encode()

    forwarded = todobot("ingest", "-v", stdin=reply(f"Release Two <{other}>", reviews[RM], "f@x"))
    assert "approval refused: the token is not the current draft's for rm2@xen.org" in \
        forwarded.stderr.decode()
    assert todobot.rows("SELECT state FROM drafts")[-1] == ("draft",)
    own = todobot("ingest", "-v", stdin=reply(f"Release Two <{other}>", reviews[other], "o@x"))
    assert "approved by rm2@xen.org" in own.stderr.decode() + own.stdout.decode()
    assert todobot.rows("SELECT state FROM drafts")[-1] == ("approved",)
