"""Figures for `todobot send` (prints, asserts nothing).

- process start to exit of `todobot send` when nothing is due: what cron
  pays every quarter of an hour, the median of 15 runs;
- the same with `--dry-run` on an approved draft (builds the message);
- one real send to aiosmtpd on 127.0.0.1: process start to exit, with the
  post queued, claimed, delivered and marked sent.
"""

from __future__ import annotations

import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from aiosmtpd.controller import Controller  # noqa: E402

from bot.demo import demo_config, seed_path  # noqa: E402

COMMAND = [sys.executable, "-c", "from bot.cli import main; main()"]


class Sink:
    def __init__(self) -> None:
        self.count = 0

    async def handle_DATA(self, server, session, envelope) -> str:
        self.count += 1
        return "250 OK"


def todobot(config: Path, *args: str) -> float:
    start = time.perf_counter()
    subprocess.run([*COMMAND, "--config", str(config), *args], check=True,
                   capture_output=True)
    return time.perf_counter() - start


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def main() -> None:
    sink, port = Sink(), free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            config = folder / "todobot.toml"
            config.write_text(demo_config("bench.sqlite") + "\n[schedule]\ntimezone = "
                              f'"Europe/London"\n\n[smtp]\nhost = "127.0.0.1"\nport = {port}\n'
                              'security = "none"\n', encoding="utf-8")
            todobot(config, "init", str(seed_path(folder)))
            bare = []
            for _ in range(15):
                start = time.perf_counter()
                subprocess.run([sys.executable, "-c", "pass"], check=True)
                bare.append(time.perf_counter() - start)
            baseline = statistics.median(bare)
            print(f"baseline `python -c pass`: {baseline * 1000:.0f} ms (median of 15)")
            idle = [todobot(config, "send", "--now", "2012-08-22T10:00") for _ in range(15)]
            print(f"todobot send, nothing due: {statistics.median(idle) * 1000:.0f} ms "
                  f"(median of 15, process start to exit; "
                  f"{statistics.median(idle) / baseline:.1f}x the baseline)")
            todobot(config, "draft", "-q", "--date", "2012-08-20")
            todobot(config, "approve")
            dry = [todobot(config, "send", "--dry-run", "--now", "2012-08-20T09:05")
                   for _ in range(15)]
            print(f"todobot send --dry-run of the approved draft: "
                  f"{statistics.median(dry) * 1000:.0f} ms (median of 15; "
                  f"{statistics.median(dry) / baseline:.1f}x the baseline)")
            took = todobot(config, "send", "--now", "2012-08-20T09:05")
            print(f"todobot send posting to aiosmtpd on loopback: {took * 1000:.0f} ms "
                  f"({sink.count} message received)")
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
