"""A test report's detail part → the failures it describes that its lists do not name.

Under "Failed builds:" and "Failed tests:" a kernel test report gives its details: a
build's error log, a warning's backtrace, unit tests that fail, often for failures its
lists never name ("Building mips:ci20_defconfig ... failed" under a build count of no
failures, a lockdep splat). Developers answer those by quoting them, so each is an item
too. The rest of the part (logs, prose, the reporter's own headings) stays as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.lazy import LazyPattern
from bot.post.items import BUILD_MESSAGE_RE


@dataclass(frozen=True)
class Entry:
    """A failure the detail part describes, at line `at`: `open` + name + `close` + `rest`."""

    at: int
    name: str
    open: str = ""  # what the line says before the name ("Building ")
    close: str = ""  # and after it (" ... failed")
    rest: str = ""  # a parenthesis a draft wrote after it: " (patch posted)"


# "Building mips:ci20_defconfig ... failed", as the report's script writes each failed build
_BUILDING = LazyPattern(r"^(?P<open>Building )(?P<name>[\w.,:+=-]+)(?P<close> \.\.\. failed)"
                        r"(?P<rest>[ \t]+\(.*\))?[ \t]*$")
# the first line of a kernel's splat (not a build's "WARNING: modpost: ..." message)
_SPLAT = LazyPattern(r"^(?:(?:WARNING|BUG|UBSAN|KASAN|KFENCE|KCSAN|KMSAN|Internal error):(?! "
                     r"modpost:)|Oops(?::| -| \[)|Kernel panic - |general protection fault"
                     r"|Unable to handle kernel|INFO: (?:task|rcu)\b)")
_CUT_HERE = LazyPattern(r"\[ cut here \]")
# a test's name alone on its line, flush left: "sh:r2d:rts7751r2d_defconfig:ata:ext2"
# (and a draft's parenthesis after it, as after each of these lines: "(in progress)")
_NAME = LazyPattern(r"^(?=[^\s:]*[A-Za-z])(?=\S*:[\w.,+-]*[A-Za-z])[A-Za-z0-9][\w.,+-]*"
                    r"(?::[\w.,+-]+)+(?: \([^()\n]*\))?$")  # (not "gcc:13.2", a version)
# a unit test and where it fails, in a list of them: "frob_bitmap (big endian only)"
_SCOPED = LazyPattern(r"^[a-z0-9][\w.+-]*(?: [\w.+-]+){0,4} \([^()\n]{1,60}\)(?: \([^()\n]*\))?$")
_RULE = LazyPattern(r"^[ \t]*(?:-{3,}|={3,})[ \t]*$")
_DASHES = LazyPattern(r"^-{3,}[ \t]*$")


def failure_entries(lines: list[str], listed: set[str]) -> list[Entry]:
    """The failures of a report's detail part that are not among `listed` (the names of
    its lists), in the order written."""
    found: dict[int, Entry] = {}
    for at, line in enumerate(lines):
        building = _BUILDING.match(line)
        if building:
            if building["name"] not in listed:
                found[at] = Entry(at, building["name"], building["open"], building["close"],
                                  building["rest"] or "")
            continue
        if not _opens(lines, at):
            continue
        following = lines[at + 1] if at + 1 < len(lines) else ""
        if _SPLAT.match(line) or (_CUT_HERE.search(following) and not _RULE.match(line)
                                  and not _CUT_HERE.search(line) and len(line) <= 400):
            found[at] = Entry(at, line.rstrip())
    for at, name in _name_lists(lines):
        if name not in listed:
            found.setdefault(at, Entry(at, name))
    for at in _dashed_titles(lines, set(found)):
        if lines[at].strip() not in listed:
            found[at] = Entry(at, lines[at].rstrip())
    return [found[at] for at in sorted(found)]


def _opens(lines: list[str], at: int) -> bool:
    """Whether the line opens a paragraph, flush left: after a blank line, a rule, or the
    "[ cut here ]" line a splat starts with."""
    line = lines[at]
    if not line.strip() or line[:1] in " \t>[" or _RULE.match(line):
        return False
    previous = lines[at - 1] if at else ""
    return not previous.strip() or bool(_RULE.match(previous)) or (
        bool(_CUT_HERE.search(previous)) and bool(_SPLAT.match(line)) and (
            at < 2 or not lines[at - 2].strip() or bool(_RULE.match(lines[at - 2]))))


def _name_lists(lines: list[str]):
    """(line, name) of each line of a paragraph that lists tests one a line: names
    ("xtensa:lx60:generic_kc705_defconfig:initrd"), or unit tests with where they fail
    ("frob_hash (all architectures)"), two or more of those (one under a lead-in)."""
    at = 0
    while at < len(lines):
        if not _opens(lines, at) or _BUILDING.match(lines[at]):
            at += 1
            continue
        end = at
        while end < len(lines) and lines[end].strip():
            end += 1
        block = [line.strip() for line in lines[at:end]]
        names = all(_NAME.match(line) for line in block)
        scoped = (len(block) > 1 or _under_colon(lines, at)) and all(
            _NAME.match(line) or _SCOPED.match(line) for line in block)
        if names or scoped:  # (a title over dashes is no paragraph of names: see below)
            yield from ((at + number, line) for number, line in enumerate(block))
        at = end + 1


def _under_colon(lines: list[str], at: int) -> bool:
    """Whether the paragraph above ends with ':' ("Previously reported:" over one test)."""
    above = at - 1
    while above >= 0 and not lines[above].strip():
        above -= 1
    return above >= 0 and lines[above].rstrip().endswith(":")


def _dashed_titles(lines: list[str], entries: set[int]):
    """Lines underlined with dashes that name a failure ("frob_sched_kunit (new)" over its
    words); not one that groups failures below it ("arm" over two splats, a failed build
    or a compiler's messages), not a build's "Building ... failed" over its log."""
    titles = dashed_titles(lines)
    for number, at in enumerate(titles):
        stop = titles[number + 1] if number + 1 < len(titles) else len(lines)
        stop = next((i for i in range(at + 2, stop) if _RULE.match(lines[i]) and (
            not lines[i - 1].strip() or "=" in lines[i])), stop)  # (a heading's underline)
        if not any(i in entries or _BUILDING.match(lines[i]) or _SPLAT.match(lines[i])
                   or BUILD_MESSAGE_RE.match(lines[i]) for i in range(at + 2, stop)):
            yield at


def bounds(lines: list[str]) -> list[int]:
    """Where the description of a failure above ends: a title over dashes (a failure's, or
    a group's: "riscv"), or any build's "Building ... failed", listed or not (its log is
    its own, not the failure's above)."""
    return sorted({*dashed_titles(lines), *(at for at, line in enumerate(lines)
                                             if _BUILDING.match(line))})


def dashed_titles(lines: list[str]) -> list[int]:
    """The lines underlined with dashes that title what follows them, a failure or a group
    of them ("riscv"): where the description of a failure above them ends."""
    return [at for at in range(len(lines) - 1)
            if _DASHES.match(lines[at + 1]) and _opens(lines, at)
            and not _BUILDING.match(lines[at]) and not lines[at].rstrip().endswith(":")
            and len(lines[at]) <= 100 and re.search(r"[A-Za-z]", lines[at])
            and not _NO_FAILURE_TITLE.match(lines[at])]


# a report's own titles over dashes that name no failure
_NO_FAILURE_TITLE = LazyPattern(r"^\s*(?:summary|notes?|general notes|environment|setup|details"
                                r"|results|build reference|reference|none|overview|context"
                                r"|configuration|versions?)\s*$", re.I)
