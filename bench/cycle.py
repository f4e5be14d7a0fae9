"""Figures for the weekly cycle (prints, asserts nothing).

- ingest of 1,000 replies (the fixture replies, each with its own Message-ID)
  into a fresh SQLite store, in-process;
- a draft for a 1,000-item release with 300 applied changes;
- process start to exit of `todobot ingest` of one mail on stdin (the MTA
  pipe), bytecode compiled as an install has it, the median of 15 runs,
  against the target of 150 ms: with the compiled patterns the previous
  process left (bot/regexcache.py, as an MTA's second mail has them) and
  without them, in the same minutes.
"""

from __future__ import annotations

import compileall
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from importlib import resources
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.config import parse_config  # noqa: E402
from bot.demo import THREAD, demo_config  # noqa: E402
from bot.post import (  # noqa: E402
    Change,
    ChangeKind,
    Evidence,
    parse_post,  # noqa: E402
)
from bot.release import (  # noqa: E402
    Store,  # noqa: E402
    cycle,
    drafting,
)
from bot.release import ingest as ingest_mod  # noqa: E402

REPLIES = sorted((ROOT / "fixtures" / "mails" / "replies-2012").glob("*.eml"))
SEED = resources.files("bot").joinpath("seed-2012.txt").read_text(encoding="utf-8")


def fresh(folder: Path, text: str = SEED):
    (folder / "todobot.toml").write_text(demo_config(folder / "bench.sqlite"), encoding="utf-8")
    config = parse_config(demo_config(folder / "bench.sqlite"), folder / "todobot.toml")
    store = Store.open(config.database_path())
    cycle.import_post(store, config, text, parse_post(text, year=2012), THREAD)
    return config, store


def replies(n: int) -> list[bytes]:
    out = []
    for number in range(n):
        raw = REPLIES[number % len(REPLIES)].read_bytes()
        out.append(raw.replace(b"Message-ID: <", f"Message-ID: <bench{number}.".encode(), 1)
                   .replace(b"Message-Id: <", f"Message-Id: <bench{number}.".encode(), 1))
    return out


def bench_ingest(folder: Path) -> None:
    config, store = fresh(folder)
    mails = replies(1000)
    ingest = ingest_mod.Ingest(store, config)
    start = time.perf_counter()
    verdicts = [ingest.mail(raw) for raw in mails]
    took = time.perf_counter() - start
    applied = sum(v.applied for v in verdicts)
    base = _bare_keep(folder, mails)
    print(f"ingest of 1,000 replies: {took:.2f} s ({1000 / took:.0f} mails/s; "
          f"{applied} changes applied, "
          f"{sum(v.proposed for v in verdicts)} proposed); baseline (parse + one INSERT per "
          f"mail, one transaction each): {base:.2f} s, ratio {took / base:.1f}x")
    store.close()


def _bare_keep(folder: Path, mails: list[bytes]) -> float:
    """The least an ingest must do: parse the mail and keep its bytes, durably, per mail."""
    import email
    import sqlite3

    db = sqlite3.connect(folder / "baseline.sqlite", isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("CREATE TABLE mails (key TEXT PRIMARY KEY, raw BLOB)")
    start = time.perf_counter()
    for number, raw in enumerate(mails):
        message = email.message_from_bytes(raw)
        db.execute("BEGIN IMMEDIATE")
        db.execute("INSERT INTO mails VALUES (?, ?)", (message["Message-ID"] or str(number), raw))
        db.execute("COMMIT")
    took = time.perf_counter() - start
    db.close()
    return took


def big_post(items: int = 1000) -> str:
    head = SEED.split("hypervisor, blockers:")[0]
    sections = []
    for number, title in enumerate(("hypervisor, blockers", "tools, blockers",
                                    "hypervisor, nice to have", "tools, nice to have")):
        lines = [f"{title}:", ""]
        for index in range(items // 4):
            lines.append(f"    * Item {number}-{index} fix the frobnicator in subsystem "
                         f"{index} so that it does not lag (Jan Beulich, patch posted)")
            lines.append("")
        sections.append("\n".join(lines))
    return head + "\n".join(sections)


def bench_draft(folder: Path) -> None:
    config, store = fresh(folder, big_post())
    rid = cycle.release_id(store, config)
    ids = list(store.item_ids(store.baseline(rid)["id"]).values())
    evidence = Evidence("m@x", "Jan Beulich", "jbeulich@suse.com", None, "", "Done.")
    with store.write():
        for n, item in enumerate(ids[::3][:300]):
            kind, value = ((ChangeKind.STATUS, "done") if n % 3 == 0 else
                           (ChangeKind.NOTE, "v3 sent") if n % 3 == 1 else
                           (ChangeKind.OWNER, "Ian Jackson"))
            store.log_change(rid, Change(kind, value, (), "", 1.0, evidence), item_id=item,
                             post_id=None, source="bench", ordinal=n, state="applied",
                             actor="bench")
    start = time.perf_counter()
    draft_id, draft = drafting.make_draft(store, config, date(2012, 8, 20))
    took = time.perf_counter() - start
    print(f"draft of a {len(ids)}-item release with {len(draft.included)} changes: "
          f"{took * 1000:.0f} ms (render, diff and changelog included)")
    store.close()


def bench_process(folder: Path, runs: int = 15) -> None:
    config, store = fresh(folder)
    store.close()
    script = Path(sys.executable).parent / "todobot"
    command = [str(script)] if script.exists() else [sys.executable, "-m", "bot.cli"]
    mails = replies(runs + 1)
    # Timed as installed: `pip install` (docs/deploy.md) leaves the package's bytecode
    # compiled. The first run below was to write it, but under PYTHONDONTWRITEBYTECODE
    # nothing is written, and every run compiled ~9,500 lines of bot/ (~50 ms).
    compileall.compile_dir(str(ROOT / "bot"), quiet=1)
    # Each mail twice under two Message-IDs, the two ways alternating: a mail the store
    # already holds would be skipped, and the two figures must come from the same minutes.
    timed: dict[str, list[float]] = {"compiled patterns cached": [], "no pattern cache": []}
    nocache = dict(os.environ, TODOBOT_REGEX_CACHE="")
    for raw in mails:
        for times, env in zip(timed.values(), (None, nocache), strict=True):
            mail = raw if env is None else raw.replace(b"<bench", b"<bench-nocache", 1)
            start = time.perf_counter()
            subprocess.run([*command, "--config", str(config.path), "ingest"], input=mail,
                           check=True, capture_output=True, env=env)
            times.append(time.perf_counter() - start)
    # the first run of each warms the page cache (and writes the pattern cache)
    timed = {label: times[1:] for label, times in timed.items()}
    bare = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], check=True)
        bare.append(time.perf_counter() - start)
    for label, times in timed.items():
        print(f"`todobot ingest` of one mail on stdin, start to exit, {label}: median "
              f"{statistics.median(times) * 1000:.0f} ms, min {min(times) * 1000:.0f} ms, "
              f"max {max(times) * 1000:.0f} ms over {len(times)} runs (target 150 ms); "
              f"baseline `python -c pass`: {statistics.median(bare) * 1000:.0f} ms, ratio "
              f"{statistics.median(times) / statistics.median(bare):.1f}x")


def bench_lmtp(folder: Path, runs: int = 15) -> None:
    """One mail handed to a running `todobot lmtp`, connect to the last reply; the
    baseline is the same session with a server that keeps nothing (LMTP's own cost)."""
    import smtplib
    import socket

    from aiosmtpd.controller import Controller
    from aiosmtpd.lmtp import LMTP

    def free_port() -> int:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            return probe.getsockname()[1]

    def deliver(port: int) -> list[float]:
        times = []
        for raw in replies(runs + 1):
            data = raw.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
            start = time.perf_counter()
            with smtplib.LMTP("127.0.0.1", port) as client:
                client.sendmail("bench@example.org", ["todobot@lists.xen.org"], data)
            times.append(time.perf_counter() - start)
        return times[1:]  # the first opens the store

    config, store = fresh(folder)
    store.close()
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "bot.cli", "--config", str(config.path),
                               "lmtp", "-q", "--port", str(port)], cwd=ROOT)
    try:
        for _ in range(600):  # until it listens
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.05)
        times = deliver(port)
    finally:
        server.terminate()
        server.wait(timeout=30)

    class Nothing:
        async def handle_DATA(self, server, session, envelope) -> str:  # noqa: N802
            return "250 OK"

    class Bare(Controller):
        def factory(self):
            return LMTP(self.handler)

    bare_port = free_port()
    bare_server = Bare(Nothing(), hostname="127.0.0.1", port=bare_port)
    bare_server.start()
    try:
        bare = deliver(bare_port)
    finally:
        bare_server.stop()
    print(f"one mail over LMTP to a running `todobot lmtp`, connect to reply: median "
          f"{statistics.median(times) * 1000:.0f} ms, min {min(times) * 1000:.0f} ms, "
          f"max {max(times) * 1000:.0f} ms over {len(times)} mails; baseline (an LMTP "
          f"server that keeps nothing): {statistics.median(bare) * 1000:.1f} ms, ratio "
          f"{statistics.median(times) / statistics.median(bare):.1f}x")


def main() -> None:
    for bench in (bench_ingest, bench_draft, bench_process, bench_lmtp):
        with tempfile.TemporaryDirectory() as tmp:
            bench(Path(tmp))


if __name__ == "__main__":
    main()
