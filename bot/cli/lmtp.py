"""`todobot lmtp`: one long-lived process the MTA delivers every mail to over LMTP.

Wiring only; the work is in `bot.release.lmtp`. Exit codes: 0 stopped (SIGTERM or
Ctrl-C), 75 the store cannot be opened now, 78 a bad configuration or an address
it cannot listen on.
"""

from __future__ import annotations

import click

from bot.cli.base import EX_CONFIG, fail
from bot.cli.group import main, opened


@main.command("lmtp")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8024, show_default=True, type=click.IntRange(1, 65535),
              help="TCP port to listen on.")
@click.option("--socket", "socket_path", type=click.Path(dir_okay=False),
              help="Listen on this Unix socket instead of TCP.")
@click.option("-q", "--quiet", is_flag=True, help="Log only what went wrong.")
def lmtp_command(host: str, port: int, socket_path: str | None, quiet: bool) -> None:
    """Take the list's mail from the MTA over LMTP until stopped: each mail is kept
    and read as `todobot ingest` reads one on stdin, without a process per mail."""
    import logging
    import signal
    import threading

    from bot.release.lmtp import serve

    with opened() as (config, _store):
        pass  # the configuration and the store are sound before anything listens
    logging.basicConfig(level=logging.WARNING if quiet else logging.INFO,
                        format="todobot lmtp: %(message)s")
    where = socket_path or f"{host}:{port}"
    try:
        controller = serve(config, host=host, port=port, socket_path=socket_path)
    except (OSError, RuntimeError) as error:  # address in use, no such directory
        fail(f"cannot listen on {where}: {error}", EX_CONFIG)
        return
    stop = threading.Event()
    for number in (signal.SIGTERM, signal.SIGINT):
        signal.signal(number, lambda *_: stop.set())
    logging.getLogger("todobot.lmtp").info("listening on %s", where)
    try:
        stop.wait()
    finally:
        controller.stop()
        controller.intake.shutdown()
