"""A public-inbox v2 mirror (how lore.kernel.org archives are cloned): epochs
`git/0.git`, `git/1.git`, ... each commit adding one message as the file `m`.

Read with the `git` command line, not a library: `git log` lists what is new
since the last commit read in an epoch, and one `git cat-file --batch` process
streams every message's bytes, which is as fast as git itself gets (see
bench/series.py). Arguments are always passed as a list, never to a shell.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

_EPOCH = re.compile(r"^(\d+)\.git$")


class InboxError(RuntimeError):
    """The folder is not a public-inbox v2 mirror, or git cannot read it."""


@dataclass(frozen=True)
class InboxMail:
    epoch: int
    commit: str
    raw: bytes


def epochs(root: Path) -> list[tuple[int, Path]]:
    """The epochs in order; new ones appear as the archive grows (every ~1 GB)."""
    folder = root / "git"
    if not folder.is_dir():
        raise InboxError(f"{root}: not a public-inbox v2 mirror (no git/0.git, git/1.git, ...)")
    found = sorted((int(m.group(1)), p) for p in folder.iterdir()
                   if (m := _EPOCH.match(p.name)) and p.is_dir())
    if not found:
        raise InboxError(f"{root}: not a public-inbox v2 mirror (no git/N.git in git/)")
    return found


def git(repo: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[bytes]:
    try:
        done = subprocess.run(["git", "--git-dir", str(repo), *args], capture_output=True,
                              check=False)
    except FileNotFoundError:
        raise InboxError("git is not installed: todobot reads archives and trees with "
                         "the git command") from None
    if check and done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise InboxError(f"{repo}: git {args[0]}: {message[-1] if message else 'failed'}")
    return done


def head(repo: Path) -> str:
    """The epoch's newest commit ("" for an empty epoch)."""
    done = git(repo, "rev-parse", "--verify", "--quiet", "HEAD", check=False)
    return done.stdout.decode().strip() if done.returncode == 0 else ""


def new_commits(repo: Path, last: str, tip: str) -> list[str]:
    """Commits after `last` up to `tip`, oldest first; all of them when `last` is ""
    or gone (the archive was rewritten to purge a message and collected: everything
    is read again and the store skips what it has). A rewritten history whose old
    commit is still there gives the commits since the two histories parted."""
    if not tip or last == tip:
        return []
    if last:
        done = git(repo, "log", "--reverse", "--format=%H", f"{last}..{tip}", check=False)
        if done.returncode == 0:
            return done.stdout.decode().split()
    return git(repo, "log", "--reverse", "--format=%H", tip).stdout.decode().split()


def read_blobs(repo: Path, commits: list[str]) -> Iterator[tuple[str, bytes | None]]:
    """(commit, the bytes of its `m`) for each commit, through one `git cat-file
    --batch`; None when a commit has no `m` (public-inbox deletes a purged message
    with a commit that removes the file)."""
    if not commits:
        return
    try:
        process = subprocess.Popen(["git", "--git-dir", str(repo), "cat-file", "--batch"],
                                   stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                   stderr=subprocess.DEVNULL)
    except FileNotFoundError:
        raise InboxError("git is not installed") from None
    assert process.stdin and process.stdout
    import threading

    def feed() -> None:  # a writer thread: both pipes stay flowing, whatever their size
        try:
            for commit in commits:
                process.stdin.write(f"{commit}:m\n".encode())
            process.stdin.close()
        except BrokenPipeError:
            pass

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    out = process.stdout
    try:
        for commit in commits:
            header = out.readline().split()
            if len(header) == 3 and header[1] == b"blob":
                raw = out.read(int(header[2]))
                out.read(1)  # the newline after the contents
                yield commit, raw
            else:
                yield commit, None  # "<name> missing"
    finally:
        out.close()
        process.wait()
        writer.join()


def read_inbox(root: Path, last: dict[int, str]) -> Iterator[InboxMail | tuple[int, str]]:
    """New mails of every epoch after `last` (epoch → commit), oldest epoch first.
    After an epoch's mails it yields `(epoch, commit)`: remember it, and a run that
    stops half way resumes from there."""
    for number, repo in epochs(root):
        tip = head(repo)
        commits = new_commits(repo, last.get(number, ""), tip)
        for commit, raw in read_blobs(repo, commits):
            if raw is not None:
                yield InboxMail(number, commit, raw)
        if commits:
            yield number, tip
