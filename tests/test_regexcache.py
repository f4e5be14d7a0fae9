"""The on-disk cache of compiled patterns (bot/regexcache.py): what it hands back must
be the pattern `re.compile` makes, in this process and in the next one."""

from __future__ import annotations

import marshal
import re
import subprocess
import sys
from pathlib import Path

import pytest

from bot import regexcache
from bot.reply.vocabulary import default_rules

SAMPLES = [
    "Patch 3/7 was committed yesterday; v4 of the rest is here: https://lore.kernel.org/x/1",
    "I'll take this one over from Jan, if nobody objects.",
    "NAK.  Not for 4.19, see <20240101.123@example.org> -- George",
    "Ｆｕｌｌｗｉｄｔｈ, naïve, İstanbul, straße, KELVIN \u212a, \u00a0no-break",
    "",
]

TRICKY = [
    (r"(?P<who>\w+) (?:wrote|said):$", re.MULTILINE),
    (r"(?<=v)(?P<n>\d+)(?!\d)", 0),
    (r"(?i:done)|DONE|(?-i:Done)", re.IGNORECASE),
    (r"""
        ^\s*(?:\[(?P<tag>[A-Z]+)\])?   # a tag
        \s*(?P<title>.+?)\s*$          # the title
     """, re.VERBOSE),
    (r"(a|b)?c(?(1)d|e)", 0),
    (rb"^From \S+", re.MULTILINE),
    (r"[^\W\d_]{2,}(?:'[a-z]+)?", re.ASCII),
]


def _patterns() -> list[tuple[str | bytes, int]]:
    found = [(wording, re.IGNORECASE) for rule in default_rules() for wording in rule.wordings]
    assert len(found) > 100
    return found + TRICKY


def _same(made: re.Pattern, wanted: re.Pattern) -> None:
    assert (made.pattern, made.flags, made.groups, made.groupindex) == (
        wanted.pattern, wanted.flags, wanted.groups, wanted.groupindex)
    for sample in SAMPLES:
        text = sample.encode() if isinstance(wanted.pattern, bytes) else sample
        assert ([m.span() for m in made.finditer(text)]
                == [m.span() for m in wanted.finditer(text)])
        assert [m.groups() for m in made.finditer(text)] == [
            m.groups() for m in wanted.finditer(text)]


def test_a_saved_and_reloaded_cache_makes_the_patterns_re_makes(tmp_path: Path) -> None:
    path = tmp_path / "regex"
    first = regexcache.RegexCache(path)
    patterns = _patterns()
    for source, flags in patterns:
        _same(first.compile(source, flags), re.compile(source, flags))
    first.save()
    second = regexcache.RegexCache(path)
    assert len(second.entries) == len({(s, int(f)) for s, f in patterns})
    for source, flags in patterns:
        _same(second.compile(source, flags), re.compile(source, flags))
    assert not second.grown  # every one came from the file


@pytest.mark.parametrize("content", [b"", b"not marshal at all", marshal.dumps([1, 2, 3]),
                                     marshal.dumps({("a", 0): ("junk",)})])
def test_an_unreadable_or_foreign_file_is_ignored(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "regex"
    path.write_bytes(content)
    cache = regexcache.RegexCache(path)
    _same(cache.compile("a", 0), re.compile("a"))
    cache.save()
    assert regexcache.RegexCache(path).entries  # written afresh, readable


def test_an_unwritable_place_costs_only_time(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file where the folder would go")
    cache = regexcache.RegexCache(blocker / "sub" / "regex")
    _same(cache.compile(r"\bv(\d+)\b", re.I), re.compile(r"\bv(\d+)\b", re.I))
    cache.save()  # no error


def _two_processes(code: str, path: Path) -> list[list[str]]:
    """The words each of two `python -c code <path>` processes printed, one after the other,
    as an MTA starts them."""
    return [subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True,
                           text=True, check=True).stdout.split() for _ in range(2)]


def test_the_next_todobot_process_reads_what_the_first_wrote(tmp_path: Path) -> None:
    """Two real processes, as an MTA starts them: the second compiles nothing."""
    path = tmp_path / "regex"
    code = (
        "import sys, re; from pathlib import Path; from bot import regexcache\n"
        "cache = regexcache.install(Path(sys.argv[1]))\n"
        "from bot.reply import vocabulary\n"
        "[rule.patterns for rule in vocabulary.default_rules()]\n"
        "p = re.compile(r'(?P<v>v\\d+) is (?:in|out)', re.I)\n"
        "assert p.search('V7 is IN').group('v') == 'V7'\n"
        "print(len(cache.entries), cache.grown)\n")
    runs = _two_processes(code, path)
    assert runs[0][1] == "True" and int(runs[0][0]) > 100
    assert runs[1] == [runs[0][0], "False"]


def test_a_file_another_interpreter_wrote_is_not_read(tmp_path: Path) -> None:
    path = tmp_path / "regex"
    entries = {("abc", 0): (32, b"", 0, {}, (None,))}  # opcodes of nothing, if it were read
    path.write_bytes(marshal.dumps((("otherpython", (9, 9, 9), 0, 4), entries)))
    assert regexcache.RegexCache(path).compile("abc", 0).search("xabc")


def test_two_processes_saving_keep_both_and_the_file_stays_bounded(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "regex"
    first, second = regexcache.RegexCache(path), regexcache.RegexCache(path)
    first.compile(r"first\d", 0)
    second.compile(r"second\d", 0)
    first.save()
    second.save()
    assert {("first\\d", 0), ("second\\d", 0)} <= set(regexcache.RegexCache(path).entries)
    monkeypatch.setattr(regexcache, "_LIMIT", 3)
    third = regexcache.RegexCache(path)
    for n in range(3):
        third.compile(rf"mail words {n}\b", 0)  # patterns made of one mail's words
    third.save()
    kept = set(regexcache.RegexCache(path).entries)
    assert len(kept) == 3 and all(key[0].startswith("mail words") for key in kept)


def test_no_home_means_no_cache_not_a_tilde_folder_here(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.delenv("TODOBOT_REGEX_CACHE", raising=False)
    monkeypatch.setattr("os.path.expanduser", lambda path: path)  # no HOME, no passwd entry
    assert regexcache.cache_dir() is None and regexcache.default_path() is None


def test_the_next_process_makes_its_dataclasses_from_the_kept_code(tmp_path: Path) -> None:
    """The methods `dataclasses` writes are compiled once: the second process compiles
    none of them, and its classes behave as the first's (init, defaults, eq, repr, hash,
    frozen, order)."""
    path = tmp_path / "regex"
    code = (
        "import builtins, sys, dataclasses; from pathlib import Path\n"
        "from bot import regexcache\n"
        "cache = regexcache.install(Path(sys.argv[1]))\n"
        "made = [0]; plain = builtins.compile\n"
        "def counted(*a, **k):\n"
        "    made[0] += 1\n"
        "    return plain(*a, **k)\n"
        "builtins.compile = counted\n"
        "@dataclasses.dataclass(frozen=True, order=True)\n"
        "class Item:\n"
        "    title: str\n"
        "    owners: tuple = ()\n"
        "    done: bool = dataclasses.field(default=False, compare=False)\n"
        "a, b = Item('frob', ('Jan',)), Item('frob', ('Jan',), True)\n"
        "assert a == b and hash(a) == hash(b) and a < Item('zap')\n"
        "assert repr(a) == \"Item(title='frob', owners=('Jan',), done=False)\"\n"
        "try:\n"
        "    a.title = 'x'\n"
        "except dataclasses.FrozenInstanceError:\n"
        "    pass\n"
        "else:\n"
        "    raise SystemExit('not frozen')\n"
        "print(made[0], sum(1 for key in cache.entries if key[0] == 'dataclass-code'))\n")
    runs = _two_processes(code, path)
    assert int(runs[0][0]) >= 5 and runs[0][1] == runs[0][0]  # each method compiled, kept
    assert runs[1] == ["0", runs[0][1]]  # the second process compiled none


def test_kept_dataclass_code_keeps_dataclasses_own_annotations(tmp_path: Path) -> None:
    """The methods compiled for the file are compiled as `dataclasses` compiles them, not
    under this package's `from __future__ import annotations`."""
    code = ("import sys, dataclasses, typing; from pathlib import Path\n"
            "from bot import regexcache\n"
            "regexcache.install(Path(sys.argv[1]))\n"
            "@dataclasses.dataclass\n"
            "class A:\n"
            "    x: int = 0\n"
            "print(typing.get_type_hints(A.__init__))\n")
    out = subprocess.run([sys.executable, "-c", code, str(tmp_path / "regex")],
                         capture_output=True, text=True, check=True).stdout
    assert "<class 'int'>" in out


def test_a_cache_file_others_may_write_is_not_read(tmp_path: Path) -> None:
    """The file holds code the next process runs: one another user could have written is
    ignored (it is only a cache)."""
    path = tmp_path / "regex"
    first = regexcache.RegexCache(path)
    first.compile(r"kept\d", 0)
    first.save()
    assert ("kept\\d", 0) in regexcache.RegexCache(path).entries
    path.chmod(0o666)
    assert regexcache.RegexCache(path).entries == {}
