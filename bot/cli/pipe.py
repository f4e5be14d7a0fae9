"""`todobot ingest`, and the MTA's way to it without the CLI framework.

An MTA starts one `todobot [-c FILE] ingest` per mail. Loading click for it cost
~27 ms of a ~170 ms process, more than the mail's analysis. So `bot.cli.run` hands
the plain forms of that command line (`pipe_args`) straight to `ingest`, and click
parses everything else (`--help`, `-qv`, a typo) exactly as before; the click
command calls the same `ingest`.
"""

from __future__ import annotations

import os
import sys
from collections import Counter

from bot.cli.base import EX_DATAERR, fail, open_store, say

_FLAGS = {"-q": "quiet", "--quiet": "quiet", "-v": "verbose", "--verbose": "verbose"}


def pipe_args(argv: list[str]) -> tuple[str | None, tuple[str, ...], bool, bool] | None:
    """(config, sources, quiet, verbose) of a plain `[-c FILE] ingest [-q] [-v] [SOURCE...]`;
    None for any other command line, which click then reads (and a config that is a folder
    or cannot be read, which click refuses with exit 2)."""
    config = None
    rest = list(argv)
    while rest and rest[0] != "ingest":
        if rest[0] in ("-c", "--config") and len(rest) > 1 and not rest[1].startswith("-"):
            config, rest = rest[1], rest[2:]
        elif rest[0].startswith("--config=") and len(rest[0]) > len("--config="):
            config, rest = rest[0].split("=", 1)[1], rest[1:]
        else:
            return None
    if not rest:
        return None
    flags: set[str] = set()
    sources: list[str] = []
    for word in rest[1:]:
        if word in _FLAGS:
            flags.add(_FLAGS[word])
        elif word == "-" or not word.startswith("-"):
            sources.append(word)
        else:  # "--help", "-qv", "--": click says what they mean
            return None
    named = config or os.environ.get("TODOBOT_CONFIG") or None
    if named and os.path.exists(named) and (os.path.isdir(named) or not os.access(named, os.R_OK)):
        return None
    return config, tuple(sources), "quiet" in flags, "verbose" in flags


def run_ingest(config: str | None, sources: tuple[str, ...], quiet: bool, verbose: bool) -> None:
    """`ingest` as the process's command, ending as click's commands end: Ctrl-C says
    "Aborted!" and exits 1, a closed stdout exits 1 without a traceback."""
    try:
        ingest(config, sources, quiet=quiet, verbose=verbose)
    except KeyboardInterrupt:
        say("Aborted!")
        sys.exit(1)
    except BrokenPipeError:
        try:  # (the interpreter would flush into the closed pipe once more at exit)
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        except OSError:
            pass
        sys.exit(1)


def ingest(config_path: str | None, sources: tuple[str, ...], quiet: bool = False,
           verbose: bool = False) -> None:
    """Read replies: one mail on stdin, .eml files, mbox files, Maildir folders."""
    from bot.mail import SourceError, open_source, read_mails
    from bot.release import Ingest
    from bot.release.ingest import REPORTED

    names = sources or ("-",)
    try:
        opened_sources = [open_source(name) for name in names]
    except SourceError as error:
        fail(str(error))
        return
    counts: Counter[str] = Counter()
    unreadable = 0
    with open_store(config_path) as (config, store):
        ingest = Ingest(store, config)
        total = sum(s.size for s in opened_sources)
        bar = _progress(total) if not quiet and sys.stderr.isatty() and total > 1_000_000 \
            else None
        tick = bar.update if bar else None

        def report(name: str, verdict) -> None:
            nonlocal unreadable
            counts[verdict.disposition] += 1
            counts["applied"] += verdict.applied
            counts["proposed"] += verdict.proposed
            if verdict.disposition in REPORTED:
                unreadable += verdict.disposition in ("unreadable", "oversized")
                say(f"todobot: {name}: {verdict.findings[-1]} (kept as {verdict.key})")
            elif verbose:
                say(f"{name}: {verdict.disposition}")
                for finding in verdict.findings:
                    say(f"    {finding}")

        def skipped(problem: str, unread: bool) -> None:
            """An entry that is not a mail, or cannot be read: said; the run goes on."""
            nonlocal unreadable
            say(f"todobot: {problem}")
            counts["skipped"] += 1
            unreadable += unread

        finished = ingest.recover()  # what a killed run kept but never settled
        for verdict in finished:
            if verdict.disposition in REPORTED:
                say(f"todobot: {verdict.key}: {verdict.findings[-1]}")
        if finished and not quiet:
            say(f"todobot: finished {len(finished)} mail(s) an earlier run left half-done")
        for source in opened_sources:
            for name, raw in read_mails(source, tick, on_problem=skipped):
                report(name, ingest.mail(raw))
        if bar:
            bar.render_finish()
    piped = names == ("-",)
    if not quiet and (verbose or not piped):
        print(_summary(counts), flush=True)
    if unreadable:
        sys.exit(EX_DATAERR)


def _progress(total: int):
    """A progress bar on stderr for a big mbox or Maildir (click's: only a person at a
    terminal sees it, so only they load it)."""
    import click

    return click.progressbar(length=total, file=sys.stderr, label="ingest")


def _summary(counts: Counter[str]) -> str:
    mails = sum(v for k, v in counts.items() if k not in ("applied", "proposed", "skipped"))
    parts = [f"{counts[k]} {k}" for k in ("analysed", "duplicate", "ignored", "own", "auto",
                                          "approval", "refused", "conflict", "oversized",
                                          "unreadable") if counts[k]]
    if counts["skipped"]:
        parts.append(f"{counts['skipped']} entr{'y' if counts['skipped'] == 1 else 'ies'} "
                     "skipped")
    return (f"{mails} mail(s): {', '.join(parts) or 'none'}; "
            f"{counts['applied']} change(s) applied, {counts['proposed']} proposed")
