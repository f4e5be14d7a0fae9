"""Big and malformed mail: peak memory and time of ingest (issue 12).

Targets: peak RSS ≤ 4 × the largest mail, no mail slower than 2 s per MB.
Each case runs in a fresh child process (so its peak RSS is its own): a
baseline child that only initialises the store, a 20 MB mail with the default
[limits] (kept, reported, not analysed), the same with limits raised so it is
analysed, and a 300-mail mbox of the malformed corpus (tests/support/corpus.py).
Figures: seconds, s/MB, peak RSS and its growth over the baseline child.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHILD = r"""
import json, resource, sys, time
from pathlib import Path
sys.path.insert(0, {root!r})
from bot.config import parse_config
from bot.demo import THREAD, demo_config
from bot.mail import open_source, read_mails
from bot.post import parse_post
from bot.release import Store, cycle, Ingest
folder = Path({folder!r})
text = demo_config(folder / "s.db") + {extra!r}
config = parse_config(text, folder / "t.toml")
seed = (Path({root!r}) / "bot/seed-2012.txt").read_text()
store = Store.open(config.database_path())
cycle.import_post(store, config, seed, parse_post(seed, year=2012), THREAD)
ingest = Ingest(store, config)
worst, count, largest = 0.0, 0, 0
start = time.perf_counter()
for name in {sources!r}:
    for _, raw in read_mails(open_source(name)):
        t = time.perf_counter()
        ingest.mail(raw)
        took = time.perf_counter() - t
        worst = max(worst, took / max(len(raw) / 1e6, 0.05))
        largest = max(largest, len(raw))
        count += 1
print(json.dumps({{"seconds": time.perf_counter() - start, "worst_s_per_mb": worst,
                   "mails": count, "largest": largest,
                   "rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024}}))
"""


def child(folder: Path, sources: list[str], extra: str = "") -> dict:
    code = CHILD.format(root=str(ROOT), folder=str(folder), sources=sources, extra=extra)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    return json.loads(out.splitlines()[-1])


def main() -> int:
    sys.path.insert(0, str(ROOT / "tests"))
    from support.corpus import REPLY, corpus, mbox

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        head, _, body = REPLY.partition(b"\n\n")
        big = folder / "big.eml"
        line = b"Some words of a long mail, as a person writes them, again and again.\n"
        big.write_bytes(head + b"\n\n" + body + line * (20_000_000 // len(line)))
        mails = corpus()
        mails = [(n, r) for n, r in (mails * (300 // len(mails) + 1))[:300]]
        mails = [(n, r.replace(b"Message-ID: <", b"Message-ID: <%d." % i, 1))
                 for i, (n, r) in enumerate(mails)]
        mbox(mails, folder / "corpus.mbox")
        cases = [("baseline (store only)", [], ""),
                 ("20 MB mail, default limits", [str(big)], ""),
                 ("20 MB mail, analysed", [str(big)],
                  "\n[limits]\nmax_mail_bytes = 33554432\nmax_line_bytes = 33554432\n"),
                 ("300-mail malformed mbox", [str(folder / "corpus.mbox")], "")]
        base = None
        print(f"{'case':32} {'mails':>5} {'s':>7} {'worst s/MB':>10} {'peak RSS MB':>11} "
              f"{'growth/largest':>14}")
        for number, (name, sources, extra) in enumerate(cases):
            sub = folder / f"case{number}"
            sub.mkdir(exist_ok=True)
            got = child(sub, sources, extra)
            base = base or got["rss"]
            growth = (got["rss"] - base) / got["largest"] if got["largest"] else 0.0
            print(f"{name:32} {got['mails']:>5} {got['seconds']:>7.2f} "
                  f"{got['worst_s_per_mb']:>10.3f} {got['rss'] / 1e6:>11.1f} {growth:>14.2f}")
    print("targets: worst s/MB ≤ 2; (peak RSS − baseline) / largest mail ≤ 4")
    return 0


if __name__ == "__main__":
    sys.exit(main())
