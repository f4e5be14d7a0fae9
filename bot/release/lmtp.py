"""LMTP intake: the MTA hands each mail to one long-lived todobot, as to mailman 3.

A pipe starts a process per mail, and most of its time goes on starting Python
and importing the reader; over LMTP (RFC 2033) the MTA connects to a service that
has done that once. Each mail is kept and read exactly as `todobot ingest` keeps
and reads one from stdin (the same `Ingest`). The answer is one reply per
accepted recipient, as LMTP wants (RFC 2033 4.2), for failures too:

- 250 once the mail is kept, whatever reading it found (a mail that cannot be
  read is kept and reported, as on the pipe: it is not bounced);
- 451, a temporary failure, when the store is busy or cannot be written: the
  MTA keeps the mail and tries again, as it does on exit status 75.
"""

from __future__ import annotations

import asyncio
import logging
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.config import Config
    from bot.release.ingest import Ingest
    from bot.release.store import Store

log = logging.getLogger("todobot.lmtp")


@dataclass
class IntakeHandler:
    """aiosmtpd's handler: DATA keeps and reads the mail; nothing else is special.

    Mails are read one at a time in one worker thread of their own (the store is
    opened there on the first mail and kept open), so a busy store's wait or a DKIM
    lookup does not stall the server's other connections."""

    config: Config
    _store: Store | None = field(default=None, init=False, repr=False)
    _ingest: Ingest | None = field(default=None, init=False, repr=False)
    _worker: ThreadPoolExecutor = field(
        default_factory=lambda: ThreadPoolExecutor(1, thread_name_prefix="todobot-lmtp"),
        init=False, repr=False)

    def ingest(self) -> Ingest:
        from bot.release import Ingest, Store

        if self._ingest is None:
            self._store = Store.open(self.config.database_path(), self.config.busy_timeout_ms)
            ingest = Ingest(self._store, self.config)
            for verdict in ingest.recover():  # what a killed run kept, settled now (if this
                # fails, the next mail tries again: only then is the intake ready)
                log.info("finished %s left half-done: %s", verdict.key, verdict.disposition)
            self._ingest = ingest
        return self._ingest

    async def handle_DATA(self, server, session, envelope) -> str:  # noqa: N802 - aiosmtpd's
        replies = len(envelope.rcpt_tos) or 1
        raw = envelope.original_content or b""
        reply = await asyncio.get_running_loop().run_in_executor(self._worker, self.deliver, raw)
        return "\r\n".join([reply] * replies)

    def deliver(self, raw: bytes) -> str:
        """One LMTP reply line for one mail."""
        from bot.release import StoreBusy, StoreError
        from bot.release.ingest import REPORTED

        try:
            verdict = self.ingest().mail(raw)
        except StoreBusy as error:
            log.warning("store busy, the MTA will retry: %s", error)
            return "451 4.3.0 todobot: the store is busy, try again later"
        except StoreError as error:
            log.error("store error, the MTA will retry: %s", error)
            self.close()  # the next mail opens it afresh
            return "451 4.3.0 todobot: the store cannot be written, try again later"
        finally:
            if self._ingest is None and self._store is not None:
                self.close()  # opened, but its recovery failed: the next mail starts over
        if verdict.disposition in REPORTED:
            log.warning("%s: %s", verdict.key, verdict.findings[-1] if verdict.findings else "")
        log.info("%s: %s, %d applied, %d proposed", verdict.key, verdict.disposition,
                 verdict.applied, verdict.proposed)
        return f"250 2.0.0 kept as {verdict.key}: {verdict.disposition}"

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
        self._store = self._ingest = None

    def shutdown(self) -> None:
        """After the server stopped: the mail being read is finished, then the store closed."""
        self._worker.shutdown(wait=True)
        self.close()


def serve(config: Config, *, host: str = "127.0.0.1", port: int = 8024,
          socket_path: str | None = None):
    """A started aiosmtpd controller (TCP, or a Unix socket when `socket_path`); its
    `stop()` ends it. The caller keeps the process alive meanwhile."""
    from aiosmtpd.controller import Controller, UnixSocketController
    from aiosmtpd.lmtp import LMTP

    handler = IntakeHandler(config)
    # no size limit of the server's: a mail too big to read is kept as its headers
    # by ingest (and reported), never refused back to its sender
    options = {"ident": "todobot LMTP", "data_size_limit": None}

    class _Server(LMTP):
        # RFC 5321's 1,000 is the sender's duty: a longer line is kept, not refused (a
        # refusal is one reply for all recipients, and a bounce); the MTA's message size
        # limit (Postfix: 10 MB) bounds a line as it bounds the mail
        line_length_limit = 1 << 26

    class _LMTP:  # the server class is the only difference from an SMTP controller
        def factory(self):
            return _Server(self.handler, **self.SMTP_kwargs)

    if socket_path:
        controller = type("UnixLMTP", (_LMTP, UnixSocketController), {})(
            handler, unix_socket=socket_path, **options)
    else:
        controller = type("LMTPController", (_LMTP, Controller), {})(
            handler, hostname=host, port=port, **options)
    controller.start()
    controller.intake = handler
    return controller
