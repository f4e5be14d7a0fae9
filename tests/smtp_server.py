"""Real SMTP servers on 127.0.0.1 for tests (a pytest plugin module).

Use it with ``pytest_plugins = ["smtp_server"]`` in a test module (don't
import from it as well: pytest would warn it cannot rewrite its asserts).

- ``smtp_plain``: aiosmtpd, no TLS, no AUTH.
- ``smtp_starttls_auth``: aiosmtpd requiring STARTTLS, then AUTH PLAIN or
  LOGIN for ``server.username`` / ``server.password``.
- ``smtp_tls``: aiosmtpd behind implicit TLS (port-465 style).
- ``smtp_server_factory``: start your own, e.g. one answering 550 to a RCPT.
- ``scripted_smtp``: a raw server that misbehaves at one named step.
- ``closed_port``: a port on 127.0.0.1 where nothing listens.
- ``store_busy_after_data``: a context that makes a server take a SQLite
  store's write lock right after it accepts a mail's data (a 250 the store
  is then too busy to record), and gives the lock back on leaving.

A server's ``messages`` are what it accepted; ``settings(**overrides)`` gives
matching ``SmtpSettings`` (TLS servers: a throwaway ``trustme`` CA in
``cert_bundle``). Each runs its own event loop in a thread, so sync code
(``deliver_sync``, the CLI) and async tests can both talk to it.
"""

from __future__ import annotations

import asyncio
import socket
import sqlite3
import ssl
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pytest
import trustme
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from bot.send import SmtpSettings

HOST = "127.0.0.1"
USERNAME = "rm@example.org"
PASSWORD = "s3cret pässword"
DROP = "drop"  # scripted step: close the connection (FIN) instead of replying
RESET = "reset"  # scripted step: abort the connection (RST) instead of replying
SILENT = "silent"  # scripted step: never reply, keep the connection open


@dataclass
class Received:
    """One message as a server got it (dot-stuffing undone, CRLF kept)."""

    mail_from: str
    rcpt_tos: list[str]
    data: bytes
    tls: bool = False
    login: bytes | None = None


class Sink:
    """aiosmtpd handler keeping every message; reply codes can be scripted.

    ``rcpt_replies`` maps an address to the reply for its RCPT;
    ``data_reply`` is the reply after the message data (default 250).
    """

    def __init__(self, rcpt_replies: dict[str, str] | None = None, data_reply: str = "") -> None:
        self.messages: list[Received] = []
        self.rcpt_replies = rcpt_replies or {}
        self.data_reply = data_reply

    async def handle_RCPT(self, server, session, envelope, address, options) -> str:
        reply = self.rcpt_replies.get(address, "250 OK")
        if reply.startswith("250"):
            envelope.rcpt_tos.append(address)
        return reply

    async def handle_DATA(self, server, session, envelope) -> str:
        if self.data_reply:
            return self.data_reply
        login = session.auth_data.login if session.authenticated else None
        tls = server.transport.get_extra_info("ssl_object") is not None
        self.messages.append(
            Received(
                envelope.mail_from,
                list(envelope.rcpt_tos),
                envelope.original_content,
                tls=tls,
                login=login,
            )
        )
        return "250 2.0.0 OK queued"


def check_password(server, session, envelope, mechanism, auth_data) -> AuthResult:
    """aiosmtpd authenticator accepting only USERNAME / PASSWORD."""
    ok = isinstance(auth_data, LoginPassword) and auth_data == (
        USERNAME.encode(),
        PASSWORD.encode(),
    )
    # handled=False: aiosmtpd itself must send the 535 (True means "sent it").
    return AuthResult(success=ok, handled=False, auth_data=auth_data)


class _AnyPortController(Controller):
    """Controller on port 0: learn the real port before aiosmtpd probes it."""

    def _trigger_server(self) -> None:
        assert self.server is not None
        self.port = self.server.sockets[0].getsockname()[1]
        super()._trigger_server()


@dataclass
class SmtpServer:
    """A running test server: where it is and what it got."""

    port: int
    handler: Any
    security: str = "none"
    ca_file: str = ""
    username: str = USERNAME  # the only login the auth servers accept
    password: str = PASSWORD

    @property
    def messages(self) -> list[Received]:
        return self.handler.messages

    def settings(self, **overrides: Any) -> SmtpSettings:
        base = SmtpSettings(
            host=HOST,
            port=self.port,
            security=self.security,  # type: ignore[arg-type]
            cert_bundle=self.ca_file,
            timeout=5.0,
        )
        return replace(base, **overrides)


@dataclass
class TlsFiles:
    ca_file: str
    server_context: ssl.SSLContext


@pytest.fixture(scope="session")
def tls_files(tmp_path_factory: pytest.TempPathFactory) -> TlsFiles:
    """A throwaway CA and a server certificate for 127.0.0.1 / localhost."""
    ca = trustme.CA()
    ca_file = tmp_path_factory.mktemp("tls") / "ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert(HOST, "localhost").configure_cert(context)
    return TlsFiles(str(ca_file), context)


@pytest.fixture
def smtp_server_factory(
    tls_files: TlsFiles,
) -> Iterator[Callable[..., SmtpServer]]:
    """Start aiosmtpd servers with ``start(...)``.

    ``security``: "none", "starttls" (required) or "tls"; ``auth``: check
    AUTH against ``server.username``/``password``; ``rcpt_replies`` and
    ``data_reply``: see ``Sink``; ``kw`` goes to aiosmtpd's SMTP (e.g.
    ``auth_exclude_mechanism=["PLAIN"]``).
    """
    controllers: list[Controller] = []

    def start(
        security: str = "none",
        auth: bool = False,
        rcpt_replies: dict[str, str] | None = None,
        data_reply: str = "",
        **kw: Any,
    ) -> SmtpServer:
        handler = Sink(rcpt_replies, data_reply)
        if auth:
            kw["authenticator"] = check_password
        if security == "starttls":
            kw.update(tls_context=tls_files.server_context, require_starttls=True)
        if security == "tls":
            kw["ssl_context"] = tls_files.server_context
        controller = _AnyPortController(handler, hostname=HOST, port=0, **kw)
        controller.start()
        controllers.append(controller)
        ca_file = tls_files.ca_file if security != "none" else ""
        return SmtpServer(controller.port, handler, security, ca_file)

    yield start
    for controller in controllers:
        controller.stop()


@pytest.fixture
def store_busy_after_data() -> Callable[..., Any]:
    @contextmanager
    def busy(server: SmtpServer, database: Path) -> Iterator[None]:
        holder = sqlite3.connect(database, isolation_level=None, check_same_thread=False)
        take = server.handler.handle_DATA

        async def data_then_lock(smtp, session, envelope) -> str:  # the store busy from now
            reply = await take(smtp, session, envelope)
            if not holder.in_transaction:
                holder.execute("BEGIN IMMEDIATE")
            return reply

        server.handler.handle_DATA = data_then_lock
        try:
            yield
        finally:
            if holder.in_transaction:
                holder.execute("ROLLBACK")
            holder.close()
            server.handler.handle_DATA = take

    return busy


@pytest.fixture
def smtp_plain(smtp_server_factory: Callable[..., SmtpServer]) -> SmtpServer:
    return smtp_server_factory()


@pytest.fixture
def smtp_starttls_auth(smtp_server_factory: Callable[..., SmtpServer]) -> SmtpServer:
    return smtp_server_factory(security="starttls", auth=True)


@pytest.fixture
def smtp_tls(smtp_server_factory: Callable[..., SmtpServer]) -> SmtpServer:
    return smtp_server_factory(security="tls")


@pytest.fixture
def closed_port() -> int:
    """A port nobody listens on: connecting is refused."""
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


_DEFAULT_SCRIPT = {
    "greeting": "220 scripted.test ESMTP",
    "EHLO": "250-scripted.test\r\n250 SIZE 10000000",
    "HELO": "250 scripted.test",
    "MAIL": "250 OK",
    "RCPT": "250 OK",
    "DATA": "354 End data with <CR><LF>.<CR><LF>",
    "message": "250 OK queued",  # the reply after the final "."
    "RSET": "250 OK",
    "NOOP": "250 OK",
    "QUIT": "221 Bye",
}


@dataclass
class ScriptedSmtp:
    """A raw TCP server speaking just enough SMTP, with scripted replies.

    Each step (``greeting``, a command verb, or ``message`` for the end of
    the data) answers with its script line, "drop", "reset" or "silent".
    """

    script: dict[str, str]
    port: int = 0
    connections: int = 0
    commands: list[str] = field(default_factory=list)
    messages: list[bytes] = field(default_factory=list)  # each complete message

    def settings(self, **overrides: Any) -> SmtpSettings:
        base = SmtpSettings(host=HOST, port=self.port, security="none", timeout=5.0)
        return replace(base, **overrides)

    async def _reply(self, step: str, reader, writer) -> bool:
        action = self.script.get(step, "502 Command not implemented")
        if action == RESET:
            writer.transport.abort()
            return False
        if action == DROP:
            writer.close()
            return False
        if action == SILENT:
            await reader.read()  # until the client gives up and closes
            return False
        writer.write(action.encode() + b"\r\n")
        await writer.drain()
        return True

    async def serve(self, reader, writer) -> None:
        self.connections += 1
        try:
            if not await self._reply("greeting", reader, writer):
                return
            while line := await reader.readline():
                self.commands.append(line.decode("utf-8", "replace").rstrip())
                verb = line.split(b" ", 1)[0].strip().upper().decode("ascii", "replace")
                if not await self._reply(verb, reader, writer) or verb == "QUIT":
                    return
                if verb == "DATA" and self.script["DATA"].startswith("354"):
                    lines = []
                    while (line := await reader.readline()) not in (b".\r\n", b""):
                        lines.append(line[1:] if line.startswith(b".") else line)
                    self.messages.append(b"".join(lines))
                    if not await self._reply("message", reader, writer):
                        return
        except ConnectionError:
            pass
        finally:
            writer.close()


@pytest.fixture
def scripted_smtp() -> Iterator[Callable[..., ScriptedSmtp]]:
    """Start scripted servers: ``start(RCPT=DROP, message=SILENT, ...)``."""
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    servers: list[asyncio.Server] = []

    def start(**script: str) -> ScriptedSmtp:
        scripted = ScriptedSmtp({**_DEFAULT_SCRIPT, **script})
        coro = asyncio.start_server(scripted.serve, HOST, 0)
        server = asyncio.run_coroutine_threadsafe(coro, loop).result(10)
        servers.append(server)
        scripted.port = server.sockets[0].getsockname()[1]
        return scripted

    yield start

    async def shutdown() -> None:
        for server in servers:
            server.close()
        tasks = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    asyncio.run_coroutine_threadsafe(shutdown(), loop).result(10)
    loop.call_soon_threadsafe(loop.stop)
    thread.join(10)
    loop.close()
