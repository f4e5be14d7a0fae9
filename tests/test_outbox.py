"""The outbox against real SMTP servers on loopback.

What matters: the bytes that arrive are exactly the bytes built, and every
way a send can fail maps to the outcome that keeps "exactly once" true.
"""

from __future__ import annotations

import email
import re
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from email import policy

import hypothesis
import pytest
from hypothesis import strategies as st

from bot.send.outbox import (
    HeaderInjection,
    Outcome,
    Outgoing,
    SmtpSettings,
    build_message,
    deliver_sync,
    make_message_id,
    message_bytes,
)

pytest_plugins = ["smtp_server"]  # fixtures: real servers on 127.0.0.1

DROP, RESET, SILENT = "drop", "reset", "silent"  # what a scripted server does at a step
LIST = "xen-devel@lists.example.org"
BODY = (
    "Hello,\n"
    "\n"
    "    * xl: fix the thing (Pasi Kärkkäinen, ping sent)\n"
    "      continued with  double  spaces and trailing ones  \n"
    ".\n"
    ".leading dot\n"
    "..two dots\n"
    "\n"
    "-- \n"
    "Ian\n"
)
ASCII_BODY = BODY.replace("ä", "a")
LONG_ID = "<" + "x" * 90 + "@mail.example.org>"


def outgoing(**changes: object) -> Outgoing:
    base = Outgoing(
        from_addr="Release Manager <rm@example.org>",
        to=(LIST,),
        cc=("Pasi Kärkkäinen <pasi@example.org>",),
        subject="TODO / Release Plan for Xen 4.2 (Kärkkäinen edition)",
        body=BODY,
        message_id="<20120813102600.0123456789abcdef@todobot.example.org>",
        date=datetime(2012, 8, 13, 11, 26, tzinfo=timezone(timedelta(hours=1))),
        in_reply_to="<1344853610.24024.29.camel@zakaz.uk.xensource.com>",
        references=("<50290BB3.1020700@example.com>", LONG_ID),
        extra_headers=(("X-Todobot", "post"), ("X-Todobot-Token", "t0k3n")),
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def parse(data: bytes) -> email.message.EmailMessage:
    return email.message_from_bytes(data, policy=policy.default)  # type: ignore[return-value]


def body_of(data: bytes) -> str:
    return parse(data).get_content().replace("\r\n", "\n")


def wire_body(data: bytes) -> bytes:
    return data.split(b"\r\n\r\n", 1)[1]


# -- building the message ------------------------------------------------------


def test_headers_are_all_there_and_decode_back() -> None:
    data = message_bytes(build_message(outgoing()))
    msg = parse(data)
    assert msg["From"] == "Release Manager <rm@example.org>"
    assert msg["To"] == LIST
    assert msg["Cc"] == "Pasi Kärkkäinen <pasi@example.org>"
    assert msg["Subject"] == "TODO / Release Plan for Xen 4.2 (Kärkkäinen edition)"
    assert msg["Date"] == "Mon, 13 Aug 2012 11:26:00 +0100"
    assert msg["Message-ID"] == outgoing().message_id
    assert msg["In-Reply-To"] == outgoing().in_reply_to
    assert msg["X-Todobot"] == "post" and msg["X-Todobot-Token"] == "t0k3n"
    assert msg.get_content_type() == "text/plain"
    assert msg.get_content_charset() == "utf-8"
    assert data.isascii() and b"\r\n" in data and b"\n" not in data.replace(b"\r\n", b"")


def test_long_message_ids_are_folded_never_encoded() -> None:
    """An encoded-word References header would break threading everywhere."""
    data = message_bytes(build_message(outgoing(in_reply_to=LONG_ID)))
    assert f"In-Reply-To: {LONG_ID}\r\n".encode() in data
    assert b"References: <50290BB3.1020700@example.com>\r\n " + LONG_ID.encode() in data
    assert parse(data)["References"].split() == list(outgoing().references)


def test_ascii_body_goes_out_line_for_line() -> None:
    data = message_bytes(build_message(outgoing(body=ASCII_BODY)))
    assert parse(data)["Content-Transfer-Encoding"] == "7bit"
    assert wire_body(data) == ASCII_BODY.replace("\n", "\r\n").encode()


def test_8bit_body_goes_out_quoted_printable_and_decodes_back() -> None:
    data = message_bytes(build_message(outgoing()))
    assert parse(data)["Content-Transfer-Encoding"] == "quoted-printable"
    assert b"(Pasi K=C3=A4rkk=C3=A4inen, ping sent)\r\n" in data
    assert b"\r\n    * xl: fix" in data  # indentation survives QP
    assert body_of(data) == BODY


def test_line_over_998_octets_goes_quoted_printable() -> None:
    body = "short\n" + "x" * 1200 + "\n"
    data = message_bytes(build_message(outgoing(body=body)))
    assert parse(data)["Content-Transfer-Encoding"] == "quoted-printable"
    assert max(len(line) for line in data.split(b"\r\n")) <= 998
    assert body_of(data) == body


@hypothesis.settings(deadline=None)
@hypothesis.given(st.text(st.characters(blacklist_categories=("Cs",))))
def test_any_body_survives_the_wire(body: str) -> None:
    data = message_bytes(build_message(outgoing(body=body)))
    assert data.isascii()
    assert max(len(line) for line in data.split(b"\r\n")) <= 998
    expected = re.sub(r"\r\n|\r|\n", "\n", body)
    assert body_of(data) == (expected if expected.endswith("\n") else expected + "\n")


INJECTIONS = ["\r\nBcc: x@evil.org", "\nBcc: x@evil.org", "\rX", "\u2028X", "\x85X", "\x00"]


@pytest.mark.parametrize("evil", INJECTIONS)
@pytest.mark.parametrize(
    "field",
    ["subject", "from_addr", "to", "cc", "in_reply_to", "references", "message_id",
     "extra_value", "extra_name"],
)  # fmt: skip
def test_header_injection_is_refused(field: str, evil: str) -> None:
    changes: dict[str, object] = {
        "subject": {"subject": "Plan" + evil},
        "from_addr": {"from_addr": "rm@example.org" + evil},
        "to": {"to": (LIST + evil,)},
        "cc": {"cc": ("Pasi" + evil + " <pasi@example.org>",)},
        "in_reply_to": {"in_reply_to": "<a@b>" + evil},
        "references": {"references": ("<a@b>" + evil,)},
        "message_id": {"message_id": "<a@b>" + evil},
        "extra_value": {"extra_headers": (("X-Todobot", "post" + evil),)},
        "extra_name": {"extra_headers": (("X-Todobot" + evil, "post"),)},
    }[field]  # type: ignore[assignment]
    with pytest.raises(HeaderInjection):
        build_message(outgoing(**changes))  # type: ignore[arg-type]


@pytest.mark.parametrize("name", ["Bcc", "subject", "Message-ID", "X Space", "X:Y"])
def test_extra_headers_cannot_replace_ours(name: str) -> None:
    with pytest.raises(HeaderInjection):
        build_message(outgoing(extra_headers=((name, "x"),)))


def test_injection_is_caught_before_any_network_traffic(scripted_smtp) -> None:
    server = scripted_smtp()
    with pytest.raises(HeaderInjection):
        deliver_sync(build_message(outgoing(subject="Hi\r\nBcc: x@evil.org")), server.settings())
    assert server.connections == 0


@pytest.mark.parametrize(
    "changes",
    [
        {"to": ("a@example.org, b@evil.org",)},  # one entry, two recipients
        {"to": ()},
        {"date": datetime(2012, 8, 13, 11, 26)},  # naive
        {"message_id": "no-brackets@example.org"},
        {"from_addr": "Kärkkäinen <pasi@exämple.org>"},  # would need SMTPUTF8
    ],
)
def test_malformed_outgoing_is_refused(changes: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        build_message(outgoing(**changes))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "stored",
    [
        b"From: rm@example.org\r\nTo: l@example.org\r\nBcc: x@example.org\r\n\r\nhi\r\n",
        b"From: rm@example.org\r\nTo: l@example.org\r\n\r\nK\xc3\xa4rkk\xc3\xa4inen\r\n",
        b"To: l@example.org\r\n\r\nno sender\r\n",
    ],
)
def test_stored_bytes_that_cannot_go_out_as_they_are_raise(scripted_smtp, stored: bytes) -> None:
    """A Bcc would show on the list; 8-bit bytes would depend on 8BITMIME."""
    server = scripted_smtp()
    with pytest.raises(ValueError):
        deliver_sync(stored, server.settings())
    assert server.connections == 0


def test_make_message_id_is_fresh_and_well_formed() -> None:
    ids = {make_message_id("todobot.example.org") for _ in range(1000)}
    assert len(ids) == 1000
    assert all(re.fullmatch(r"<\d{14}\.[0-9a-f]{16}@todobot\.example\.org>", i) for i in ids)
    with pytest.raises(ValueError):
        make_message_id("example.org>\r\nBcc: x")


# -- sending to well-behaved servers -------------------------------------------


def test_plain_server_receives_exact_bytes(smtp_plain) -> None:
    msg = build_message(outgoing())
    result = deliver_sync(msg, smtp_plain.settings())
    assert (result.outcome, result.smtp_code) == (Outcome.SENT, 250)
    [got] = smtp_plain.messages
    assert got.data == message_bytes(msg)
    assert got.mail_from == "rm@example.org"
    assert got.rcpt_tos == [LIST, "pasi@example.org"]
    assert b"\r\n.\r\n.leading dot\r\n..two dots\r\n" in got.data  # dots unstuffed
    assert body_of(got.data) == BODY


def test_stored_bytes_are_resent_unchanged(smtp_plain) -> None:
    """A retry sends what was stored at the first attempt, Message-ID and all."""
    stored = message_bytes(build_message(outgoing()))
    assert deliver_sync(stored, smtp_plain.settings()).outcome is Outcome.SENT
    assert smtp_plain.messages[0].data == stored


@pytest.mark.parametrize("mechanism", ["PLAIN", "LOGIN"])
def test_starttls_and_auth_with_password_from_env(
    smtp_server_factory, monkeypatch, mechanism: str
) -> None:
    other = {"PLAIN": "LOGIN", "LOGIN": "PLAIN"}[mechanism]
    server = smtp_server_factory(security="starttls", auth=True, auth_exclude_mechanism=[other])
    monkeypatch.setenv("TODOBOT_TEST_SMTP_PW", server.password)
    settings = server.settings(username=server.username, password_env="TODOBOT_TEST_SMTP_PW")
    msg = build_message(outgoing())
    result = deliver_sync(msg, settings)
    assert result.outcome is Outcome.SENT, result.detail
    [got] = server.messages
    assert got.tls and got.login == server.username.encode()
    assert got.data == message_bytes(msg)


def test_password_from_file(smtp_starttls_auth, tmp_path) -> None:
    secret = tmp_path / "smtp-password"
    server = smtp_starttls_auth
    secret.write_text(server.password + "\n", encoding="utf-8")
    settings = server.settings(username=server.username, password_file=str(secret))
    assert deliver_sync(build_message(outgoing()), settings).outcome is Outcome.SENT
    assert server.messages[0].login == server.username.encode()


def test_implicit_tls(smtp_tls) -> None:
    msg = build_message(outgoing())
    result = deliver_sync(msg, smtp_tls.settings())
    assert result.outcome is Outcome.SENT, result.detail
    [got] = smtp_tls.messages
    assert got.tls and got.data == message_bytes(msg)


# -- refusals and configuration errors -----------------------------------------


def test_wrong_password_is_permanent(smtp_starttls_auth, monkeypatch) -> None:
    monkeypatch.setenv("TODOBOT_TEST_SMTP_PW", "wrong")
    settings = smtp_starttls_auth.settings(
        username=smtp_starttls_auth.username, password_env="TODOBOT_TEST_SMTP_PW"
    )
    result = deliver_sync(build_message(outgoing()), settings)
    assert (result.outcome, result.smtp_code) == (Outcome.PERMANENT, 535)
    assert smtp_starttls_auth.messages == []


@pytest.mark.parametrize(
    ("changes", "named"),
    [
        ({"username": "rm", "password_env": "TODOBOT_TEST_SMTP_PW"}, "TODOBOT_TEST_SMTP_PW"),
        ({"username": "rm", "password_file": "/nonexistent/todobot-pw"}, "/nonexistent/todobot-pw"),
        ({"username": "rm"}, "password_env"),  # a username and no password
        ({"password_env": "TODOBOT_TEST_SMTP_PW"}, "username"),  # and the reverse
        ({"security": "ssl"}, "'ssl'"),  # a typo must not mean clear text
    ],
)
def test_config_errors_are_permanent_and_send_nothing(
    scripted_smtp, monkeypatch, changes: dict[str, str], named: str
) -> None:
    monkeypatch.delenv("TODOBOT_TEST_SMTP_PW", raising=False)
    server = scripted_smtp()
    result = deliver_sync(build_message(outgoing()), server.settings(**changes))
    assert (result.outcome, result.smtp_code) == (Outcome.PERMANENT, None)
    assert named in result.detail
    assert server.connections == 0


def test_empty_password_file_is_a_config_error(scripted_smtp, tmp_path) -> None:
    server = scripted_smtp()
    empty = tmp_path / "smtp-password"
    empty.write_text("\n")
    result = deliver_sync(
        build_message(outgoing()), server.settings(username="rm", password_file=str(empty))
    )
    assert result.outcome is Outcome.PERMANENT and str(empty) in result.detail


def test_starttls_required_but_not_offered_is_permanent(smtp_plain) -> None:
    result = deliver_sync(build_message(outgoing()), smtp_plain.settings(security="starttls"))
    assert result.outcome is Outcome.PERMANENT and "STARTTLS" in result.detail
    assert smtp_plain.messages == []


@pytest.mark.parametrize("fixture", ["smtp_tls", "smtp_starttls_auth"])
def test_untrusted_certificate_is_transient(request, fixture: str) -> None:
    server = request.getfixturevalue(fixture)
    result = deliver_sync(build_message(outgoing()), server.settings(cert_bundle=""))
    assert result.outcome is Outcome.TRANSIENT
    assert "CERTIFICATE_VERIFY_FAILED" in result.detail
    assert server.messages == []


@pytest.mark.parametrize(
    ("replies", "outcome", "code"),
    [
        ({"data_reply": "451 4.3.0 Try again later"}, Outcome.TRANSIENT, 451),
        ({"data_reply": "550 5.7.1 Message rejected"}, Outcome.PERMANENT, 550),
        ({"rcpt_replies": {LIST: "550 5.1.1 No such list"}}, Outcome.PERMANENT, 550),
        ({"rcpt_replies": {LIST: "450 4.2.0 Greylisted"}}, Outcome.TRANSIENT, 450),
        # one refused recipient stops the post for all: nobody gets it alone
        ({"rcpt_replies": {"pasi@example.org": "550 No"}}, Outcome.PERMANENT, 550),
    ],
)
def test_server_refusals(smtp_server_factory, replies, outcome, code) -> None:
    server = smtp_server_factory(**replies)
    result = deliver_sync(build_message(outgoing()), server.settings())
    assert (result.outcome, result.smtp_code) == (outcome, code), result.detail
    assert server.messages == []


# -- faults: servers that break at one point -----------------------------------


def test_connection_refused_is_transient(closed_port: int) -> None:
    settings = SmtpSettings(host="127.0.0.1", port=closed_port, security="none")
    result = deliver_sync(build_message(outgoing()), settings)
    assert (result.outcome, result.smtp_code) == (Outcome.TRANSIENT, None)
    assert "Connect" in result.detail


@pytest.mark.parametrize("how", [DROP, RESET])
@pytest.mark.parametrize("step", ["greeting", "EHLO", "MAIL", "RCPT", "DATA"])
def test_drop_before_the_data_is_transient(scripted_smtp, step: str, how: str) -> None:
    server = scripted_smtp(**{step: how})
    result = deliver_sync(build_message(outgoing()), server.settings())
    assert (result.outcome, result.smtp_code) == (Outcome.TRANSIENT, None), result.detail
    assert server.messages == []


@pytest.mark.parametrize("how", [DROP, RESET])
def test_drop_after_the_data_is_unknown(scripted_smtp, how: str) -> None:
    server = scripted_smtp(message=how)
    msg = build_message(outgoing())
    result = deliver_sync(msg, server.settings())
    assert result.outcome is Outcome.UNKNOWN, result.detail
    assert server.messages == [message_bytes(msg)]  # it may well be delivered


def test_garbled_reply_after_the_data_is_unknown(scripted_smtp) -> None:
    server = scripted_smtp(message="hello, this is not SMTP")
    result = deliver_sync(build_message(outgoing()), server.settings())
    assert result.outcome is Outcome.UNKNOWN, result.detail


@pytest.mark.parametrize(
    ("script", "outcome", "code"),
    [
        ({"greeting": "421 4.3.2 Too busy"}, Outcome.TRANSIENT, 421),
        ({"greeting": "554 5.3.2 No service"}, Outcome.PERMANENT, 554),
        ({"MAIL": "553 5.7.1 Sender not allowed"}, Outcome.PERMANENT, 553),
        ({"DATA": "451 4.3.0 Not now"}, Outcome.TRANSIENT, 451),
        ({"DATA": "554 5.5.1 No valid recipients"}, Outcome.PERMANENT, 554),
        ({"message": "452 4.3.1 Out of storage"}, Outcome.TRANSIENT, 452),
    ],
)
def test_reply_codes_at_each_step(scripted_smtp, script, outcome, code) -> None:
    server = scripted_smtp(**script)
    result = deliver_sync(build_message(outgoing()), server.settings())
    assert (result.outcome, result.smtp_code) == (outcome, code), result.detail


@pytest.mark.parametrize(
    ("step", "outcome"),
    [
        ("greeting", Outcome.TRANSIENT),
        ("RCPT", Outcome.TRANSIENT),
        ("DATA", Outcome.TRANSIENT),
        ("message", Outcome.UNKNOWN),
    ],
)
def test_silent_server_times_out(scripted_smtp, step: str, outcome: Outcome) -> None:
    server = scripted_smtp(**{step: SILENT})
    result = deliver_sync(build_message(outgoing()), server.settings(timeout=1.0))
    assert result.outcome is outcome, result.detail
    assert "Timeout" in result.detail or "Timed out" in result.detail


def test_server_hanging_on_quit_after_accepting_still_counts_as_sent(scripted_smtp) -> None:
    server = scripted_smtp(QUIT=SILENT)
    result = deliver_sync(build_message(outgoing()), server.settings(timeout=1.0))
    assert result.outcome is Outcome.SENT and len(server.messages) == 1
