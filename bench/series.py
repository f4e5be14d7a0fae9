"""Figures for `todobot sync` (prints, asserts nothing).

A generated public-inbox v2 mirror of 50,000 mails (two epochs: patch series
with cover letters, reviews with trailers, committers' "applied", other
threads) and a tree of 20,000 commits (some carry the archive's patches),
both written with `git fast-import`; a release whose tracking list ties 60
items to series. Then:

- the first sync of the whole archive and tree, in-process;
- an incremental sync of 500 new mails, against `git log -p` over the same
  commits (listing and reading every message, nothing else), in the same run;
- one day's traffic (100 mails, 10 commits) through `todobot sync` as cron runs
  it, process start to exit, against the target of 2 s.

Usage: python bench/series.py [MAILS] [COMMITS]  (defaults 50000 20000)
"""

from __future__ import annotations

import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))  # the same mail writers as the tests

from seriesmail import Series, reply_mail, write_inbox  # noqa: E402

from bot.config import parse_config  # noqa: E402
from bot.post import parse_post  # noqa: E402
from bot.release import Store, import_post  # noqa: E402
from bot.series import run_sync  # noqa: E402

AUTHORS = [f"Dev Eloper{n} <dev{n}@dev.example.org>" for n in range(40)]
MAINT = "Maint Ainer <maint@example.org>"
AREAS = ("arm", "x86", "tools", "common", "docs", "libxl")


def traffic(count: int, start: int, rng: random.Random) -> tuple[list[bytes], list[str]]:
    """About `count` mails of list traffic; the patch titles posted, for the tree."""
    mails: list[bytes] = []
    titles: list[str] = []
    number = start
    while len(mails) < count:
        number += 1
        area = AREAS[number % len(AREAS)]
        size = rng.randint(1, 8)
        patches = tuple(f"{area}/{number}: change {n} of work item {number}"
                        for n in range(1, size + 1))
        series = Series(rng.choice(AUTHORS), f"b{number}", f"{area}: work item {number}",
                        rng.randint(1, 4), patches, day=number / 100)
        mails += series.mails()
        titles += patches
        for n in range(1, size + 1):
            if rng.random() < 0.6:
                mails.append(reply_mail(rng.choice(AUTHORS), f"rv{number}.{n}@example.org",
                                        series.subject(n), series.patch_id(n),
                                        f"Reviewed-by: {rng.choice(AUTHORS)}",
                                        day=number / 100))
        if rng.random() < 0.3:
            mails.append(reply_mail(MAINT, f"ap{number}@example.org", series.subject(0),
                                    series.cover_id, "Applied, thanks.", day=number / 100))
        for k in range(rng.randint(0, 3)):  # a discussion that is not about patches
            mails.append(reply_mail(rng.choice(AUTHORS), f"d{number}.{k}@example.org",
                                    f"question {number} about the build", f"q{number}@x.org",
                                    "I think so too.", day=number / 100))
    return mails[:count], titles


def write_tree(path: Path, count: int, titles: list[str], rng: random.Random) -> None:
    """`count` commits, a third of them carrying a posted patch's title."""
    subprocess.run(["git", "init", "-q", "-b", "staging", str(path)], check=True)
    stream = bytearray()
    for n in range(count):
        subject = rng.choice(titles) if titles and n % 3 == 0 else f"misc: commit {n}"
        message = f"{subject}\n\nSigned-off-by: {MAINT}\n".encode()
        stream += (b"commit refs/heads/staging\ncommitter C <c@example.org> %d +0000\n"
                   b"data %d\n%s\n" % (1_700_000_000 + n, len(message), message))
    subprocess.run(["git", "-C", str(path), "fast-import", "--quiet"], input=bytes(stream),
                   check=True)


def config_text(tmp: Path) -> str:
    return f"""
[list]
name = "xen-devel"
address = "xen-devel@lists.example.org"
[release]
name = "4.19"
subject = "Xen 4.19 release status tracking list"
[bot]
address = "todobot@example.org"
[store]
database = "{tmp / 'store.sqlite'}"
[series]
committers = ["maint@example.org"]
[tree]
path = "{tmp / 'tree'}"
branches = ["staging"]
[[sources]]
kind = "public-inbox"
name = "xen-devel"
path = "{tmp / 'inbox'}"
[[people]]
name = "Rel Manager"
role = "rm"
addresses = ["rm@example.org"]
"""


def tracking_post(count: int) -> str:
    lines = ["Hello everyone,", "", "*** all ***:"]
    for number in range(1, count + 1):
        lines += [f"  * [PATCH 0/3] {AREAS[number % len(AREAS)]}: work item {number} [",
                  f"https://lore.kernel.org/xen-devel/b{number}-v1-0@dev.example.org/", "]",
                  ""]
    return "\n".join(lines + ["Bye", ""])


def git_log_p(repo: Path, span: str) -> float:
    start = time.perf_counter()
    subprocess.run(["git", "--git-dir", str(repo), "log", "-p", "--format=%H", span],
                   stdout=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def main() -> None:
    total = int(sys.argv[1]) if len(sys.argv) > 1 else 50_000
    commits = int(sys.argv[2]) if len(sys.argv) > 2 else 20_000
    rng = random.Random(11)
    tmp = Path(tempfile.mkdtemp(prefix="todobot-bench-series-"))
    start = time.perf_counter()
    mails, titles = traffic(total + 600, 0, rng)
    first, extra, day = mails[:total], mails[total:total + 500], mails[total + 500:]
    half = total // 2
    write_inbox(tmp / "inbox", first[:half], epoch=0)
    write_inbox(tmp / "inbox", first[half:], epoch=1)
    write_tree(tmp / "tree", commits, titles, rng)
    print(f"generated {total:,} mails in 2 epochs and {commits:,} commits in "
          f"{time.perf_counter() - start:.1f} s ({tmp})")
    (tmp / "todobot.toml").write_text(config_text(tmp))
    config = parse_config((tmp / "todobot.toml").read_text(), tmp / "todobot.toml")
    post = tracking_post(60)
    with Store.open(config.database_path()) as store:
        import_post(store, config, post, parse_post(post, year=2024), "post@example.org")
        start = time.perf_counter()
        report = run_sync(store, config)
        took = time.perf_counter() - start
        print(f"first sync: {took:.1f} s, {total / took:,.0f} mails/s; {report.summary()}")
        repo = tmp / "inbox" / "git" / "1.git"
        before = subprocess.run(["git", "--git-dir", str(repo), "rev-parse", "HEAD"],
                                capture_output=True, text=True, check=True).stdout.strip()
        write_inbox(tmp / "inbox", extra, epoch=1)
        start = time.perf_counter()
        report = run_sync(store, config)
        took = time.perf_counter() - start
        base = git_log_p(repo, f"{before}..HEAD")
        print(f"incremental sync of 500 mails: {took * 1000:.0f} ms; `git log -p` over the "
              f"same commits {base * 1000:.0f} ms; ratio {took / base:.1f}; "
              f"{report.summary()}")
    write_inbox(tmp / "inbox", day, epoch=1)
    for n in range(10):
        subprocess.run(["git", "-C", str(tmp / "tree"), "commit", "-q", "--allow-empty", "-m",
                        f"misc: today {n}"], check=True,
                       env={"GIT_AUTHOR_NAME": "C", "GIT_AUTHOR_EMAIL": "c@example.org",
                            "GIT_COMMITTER_NAME": "C", "GIT_COMMITTER_EMAIL": "c@example.org",
                            "PATH": "/usr/bin:/bin"})
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "bot.cli", "--config",
                           str(tmp / "todobot.toml"), "sync"], capture_output=True, text=True,
                          cwd=ROOT)
    took = time.perf_counter() - start
    print(f"one day ({len(day)} mails, 10 commits), `todobot sync` start to exit: "
          f"{took:.2f} s (target 2 s); {done.stdout.strip() or done.stderr.strip()}")


if __name__ == "__main__":
    main()
