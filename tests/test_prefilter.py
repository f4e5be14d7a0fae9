"""The vocabulary's prefilter (bot/reply/prefilter.py) skips only searches that
could not match: every reading is the one searching every wording gives."""

from __future__ import annotations

import re
import string
import tomllib
from pathlib import Path

import pytest

from bot.mail import BlockKind, parse_message, split_quotes
from bot.reply.prefilter import _FOLD, Gate, folded, needed, needed_all
from bot.reply.sentences import sentences
from bot.reply.vocabulary import _read, _reader, _shipped_table, default_rules

ROOT = Path(__file__).resolve().parent.parent


def _fixture_sentences() -> list[str]:
    """Every sentence of every fixture reply's new text (real mail bytes)."""
    found = []
    for path in sorted((ROOT / "fixtures" / "mails").glob("*/*.eml")):
        body = split_quotes(parse_message(path.read_bytes()).body)
        for block in body.blocks:
            if block.kind is BlockKind.NEW:
                found += sentences("\n".join(block.lines))
                found += [line.strip() for line in block.lines if line.strip()]
    return found


OURS = [
    "İt ıs DONE now.",  # dotted and dotless i: IGNORECASE reads them as i
    "It went ın last week.",
    "Commİtted yesterday.",
    "The patch waſ committed to ſtaging.",  # the long s
    "Patch poſted.",
    "\u212aeir's series is in staging; please add the \u212aexec fix to the list.",  # Kelvin
    "I'll ta\u212ae this one.",
    "Résumé: v3 posted — the rest is deferred to 4.3.",
    "please add libxl hotplug to the Deferred to 4.3 section.",
]


@pytest.mark.slow
@pytest.mark.parametrize("half", [0, 1])  # two test items, which can run side by side
def test_readings_are_those_of_searching_every_wording(half: int) -> None:
    reader = _reader(default_rules())
    every = tuple((n, w) for n, rule in enumerate(reader.rules)
                  for w in range(len(rule.wordings)))
    exhaustive = type(reader)(reader.rules, (), every)
    said = _fixture_sentences() + OURS
    assert len(said) > 500
    fired = 0
    for sentence in said[half::2]:
        for tag in ("", "CHECK"):
            got = _read(sentence, reader, tag)
            assert got == _read(sentence, exhaustive, tag), sentence
            fired += bool(got)
    assert fired > 100  # the comparison saw rules fire, not only silence


@pytest.mark.slow
def test_every_match_has_the_texts_its_wording_needs() -> None:
    said = _fixture_sentences() + OURS
    for rule in default_rules():
        for number, wording in enumerate(rule.wordings):
            texts, _groups = needed(wording)
            for sentence in said:
                if rule.pattern(number).search(sentence):
                    for one in texts:
                        assert any(t in folded(sentence) for t in one), (wording, sentence)


def test_needed_texts_of_simple_patterns() -> None:
    assert needed(r"\bwent in\b")[0] == (frozenset({"went in"}),)
    assert needed(r"(?-i:\bDONE\b)")[0] == (frozenset({"done"}),)
    assert needed(r"\b(?:committed|applied)\b")[0] == (frozenset({"committed", "applied"}),)
    texts = needed(r"\bv\d+ (?:is|was) out\b")[0]  # all needed, the one to look for first
    assert texts[0] == frozenset({" out"})  # four characters, one string: one test
    assert {frozenset({" is out", " was out"}), frozenset({"is", "was"}),
            frozenset({"v"})} <= set(texts)
    # the parser writes "not|never" as "n" and a branch: the words are whole again
    assert needed(r"\b(?:not|never|no)\b")[0][0] == frozenset({"not", "never", "no"})
    assert needed(r"(?:done)?\s*")[0] == ()  # an optional group needs nothing
    assert needed(r"a|\d+")[0] == ()  # nor does a branch with a side that has no text
    assert needed(r"(?P<what>x+) to")[1] == frozenset({"what"})
    assert needed("(unclosed") == ((), frozenset())


@pytest.mark.slow
def test_a_gate_says_what_the_search_says() -> None:
    from bot.reply.classifier import _MODALITY

    for _name, pattern in _MODALITY:
        gate = Gate(pattern)
        for sentence in _fixture_sentences() + OURS:
            assert gate.found(sentence, folded(sentence)) is bool(pattern.search(sentence))


def test_fold_names_every_letter_ignorecase_takes_for_an_ascii_one() -> None:
    ascii_letter = re.compile("|".join(string.ascii_letters), re.IGNORECASE)
    others = {cp for cp in range(128, 0x110000) if ascii_letter.fullmatch(chr(cp))}
    assert others == set(_FOLD)


def test_the_cached_texts_are_those_the_parse_trees_give(tmp_path, monkeypatch) -> None:
    patterns = [w for rule in default_rules() for w in rule.wordings]
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    fresh = needed_all(patterns)  # read from the trees, then written
    assert fresh == [needed(p) for p in patterns]
    (cached,) = (tmp_path / "todobot").glob("prefilter-*.json")
    assert needed_all(patterns) == fresh  # read back from the file
    cached.write_text("{not json", encoding="utf-8")
    assert needed_all(patterns) == fresh  # a spoilt cache is read afresh
    assert needed_all(patterns[:3]) == fresh[:3]  # other patterns: another file


def test_no_cache_to_be_had_only_costs_the_time(tmp_path, monkeypatch) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))  # its todobot/ cannot be made
    assert needed_all([r"\bcommitted\b", r"v\d+ (?:sent|posted)"]) == [
        needed(r"\bcommitted\b"), needed(r"v\d+ (?:sent|posted)")]


def test_the_vocabulary_is_read_from_its_cached_table_as_from_its_toml(tmp_path,
                                                                       monkeypatch) -> None:
    shipped = Path(__file__).resolve().parent.parent / "bot" / "reply" / "vocabulary.toml"
    own = tmp_path / "vocabulary.toml"
    own.write_bytes(shipped.read_bytes())
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    expected = tomllib.loads(shipped.read_text(encoding="utf-8"))["rule"]
    assert _shipped_table(own) == expected  # parsed, then written
    (cached,) = (tmp_path / "cache" / "todobot").glob("vocabulary-*.json")
    assert _shipped_table(own) == expected  # read back
    cached.write_text('{"rule": "spoilt"}', encoding="utf-8")
    assert _shipped_table(own) == expected  # a spoilt cache: the TOML again
    own.write_bytes(shipped.read_bytes().replace(b"[[rule]]", b"[[rule]]\n", 1))
    assert _shipped_table(own) == expected  # an edited vocabulary: another file
    assert len(list((tmp_path / "cache" / "todobot").glob("vocabulary-*.json"))) == 2
