"""The tree: commits on the watched branches of the RM's local clone mark the
patches they carry as committed, with the commit id as evidence.

A commit carries a patch when its subject, normalized, equals the patch's
title (git am keeps the subject without the `[PATCH v4 3/8]` prefix), or when
a `Link:` or `Message-ID:` trailer names the patch's Message-ID. Read with
the `git` command (one `git log` per branch since the last commit read):
it is on every machine that has the clone, needs no compiled binding
(pygit2) and does the walk in C rather than in the interpreter (dulwich);
the README's dependency table says more.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from bot.series.links import message_ids
from bot.series.subject import normalize_title
from bot.series.trailers import trailers

_FORMAT = "%H%x1f%an <%ae>%x1f%cI%x1f%s%x1f%b%x1e"


class TreeError(RuntimeError):
    """The clone or a branch cannot be read; one line."""


@dataclass(frozen=True)
class Commit:
    sha: str
    author: str
    date: str
    subject: str
    ids: tuple[str, ...]  # Message-IDs its Link: / Message-ID: trailers name

    @property
    def key(self) -> str:
        return normalize_title(self.subject)


def _git(path: Path, *args: str) -> bytes:
    try:
        done = subprocess.run(["git", "-C", str(path), *args], capture_output=True, check=False)
    except FileNotFoundError:
        raise TreeError("git is not installed") from None
    if done.returncode != 0:
        lines = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise TreeError(f"{path}: git {args[0]}: {lines[-1] if lines else 'failed'}")
    return done.stdout


def tip(path: Path, branch: str) -> str:
    return _git(path, "rev-parse", "--verify", "--end-of-options", f"{branch}^{{commit}}"
                ).decode().strip()


def new_commits(path: Path, branch: str, last: str) -> Iterator[Commit]:
    """Commits on `branch` after `last` (all of it the first time), oldest first."""
    head = tip(path, branch)
    if head == last:
        return
    out = ""
    if last:  # a rewound branch whose old tip is gone: read it all (events are idempotent)
        try:
            out = _git(path, "log", "--reverse", "--no-merges", f"--format={_FORMAT}",
                       f"{last}..{head}", "--").decode("utf-8", "replace")
        except TreeError:
            last = ""
    if not last:
        out = _git(path, "log", "--reverse", "--no-merges", f"--format={_FORMAT}", head,
                   "--").decode("utf-8", "replace")
    for record in out.split("\x1e"):
        fields = record.strip("\n").split("\x1f")
        if len(fields) != 5:
            continue
        sha, author, date, subject, body = fields
        ids = tuple(i for t in trailers(body.splitlines())
                    if t.kind in ("link", "message-id") for i in message_ids(
                        t.value if t.kind == "link" else f"<{t.value.strip('<>')}>"))
        yield Commit(sha, author, date, subject, ids)
