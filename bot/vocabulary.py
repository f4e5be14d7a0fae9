"""The phrase rules of `bot/data/vocabulary.toml`, compiled, and the reading of
one sentence against them.

A statement is only a fact when it is affirmative: a negation ("not done
yet", "isn't fixed"), a question ("is this done?") or a hedge ("I think")
keeps the change but lowers its confidence, so it can only become a
proposal for the RM.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

_NEGATION = re.compile(
    r"\b(?:not|never|no|nothing|neither)\b(?! longer relevant)|n't\b"
    r"|\bstill (?:broken|fails|failing|open|there|an issue|happens|not)\b"
    r"|\bbroken\b|\bfails?\b|\byet to\b",
    re.IGNORECASE,
)
_RELATIVE = re.compile(r"\w+\s+(?:that|which|what)\s+(?:\w+\s+)?$", re.IGNORECASE)
_CLAUSE = re.compile(r"""[:;,.()"]|\s-+\s|\bbut\b""")
_QUESTION = re.compile(r"\?")
_HEDGE = re.compile(
    r"\b(?:i think|i believe|probably|maybe|perhaps|might|iirc|afaik|not sure|i guess|"
    r"possibly|hopefully|should be|imho|imo|in my opinion)\b",
    re.IGNORECASE,
)
# Rules whose own words are negative: their negation words are the statement.
_NEGATIVE_RULES = frozenset(
    {"not-a-blocker", "deferred", "dropped", "reopen", "owner-named", "please-add", "move-to"}
)


@dataclass(frozen=True)
class Rule:
    name: str
    kind: str
    value: str
    confidence: float
    patterns: tuple[re.Pattern[str], ...]
    only_tag: str = ""


@dataclass(frozen=True)
class Hit:
    """One rule firing on one sentence."""

    rule: Rule
    value: str  # the rule's value with the pattern's groups filled in
    groups: dict[str, str]
    confidence: float
    reasons: tuple[str, ...]


def compile_rules(raw: Iterable[dict]) -> tuple[Rule, ...]:
    rules = []
    for entry in raw:
        rules.append(
            Rule(
                name=entry["name"],
                kind=entry["kind"],
                value=entry["value"],
                confidence=float(entry.get("confidence", 0.8)),
                patterns=tuple(re.compile(p, re.IGNORECASE) for p in entry["patterns"]),
                only_tag=entry.get("only_tag", ""),
            )
        )
    return tuple(rules)


@lru_cache(maxsize=1)
def default_rules() -> tuple[Rule, ...]:
    text = resources.files("bot.data").joinpath("vocabulary.toml").read_text(encoding="utf-8")
    return compile_rules(tomllib.loads(text)["rule"])


@lru_cache(maxsize=8)
def _any_rule(rules: tuple[Rule, ...]) -> re.Pattern[str]:
    """One pattern for all rules: most sentences of a discussion match none."""
    alternatives = (re.sub(r"\(\?P<\w+>", "(?:", p.pattern) for r in rules for p in r.patterns)
    return re.compile("|".join(f"(?:{a})" for a in alternatives), re.IGNORECASE)


@lru_cache(maxsize=8)
def _extra(frozen: str) -> tuple[Rule, ...]:
    import json

    return compile_rules(json.loads(frozen))


def rules_with(extra) -> tuple[Rule, ...]:
    """A list's own rules (from its config) ahead of the shipped ones."""
    if not extra:
        return default_rules()
    import json

    return _extra(json.dumps([dict(r) for r in extra], sort_keys=True)) + default_rules()


def read_sentence(sentence: str, rules: tuple[Rule, ...], tag: str = "") -> list[Hit]:
    """Every rule that fires on `sentence`, with its confidence for this wording."""
    hits: list[Hit] = []
    if not _any_rule(rules).search(sentence):
        return hits
    seen_kinds: set[tuple[str, str]] = set()
    for rule in rules:
        if rule.only_tag and rule.only_tag != tag:
            continue
        for pattern in rule.patterns:
            match = pattern.search(sentence)
            if not match:
                continue
            groups = {k: v for k, v in match.groupdict().items() if v}
            value = rule.value
            for key, group in groups.items():
                value = value.replace("{" + key + "}", group.strip())
            if (rule.kind, value) in seen_kinds:
                break
            seen_kinds.add((rule.kind, value))
            confidence, reasons = rule.confidence, [f"rule {rule.name}"]
            # negation counts only inside the statement's own clause
            before = _CLAUSE.split(sentence[: match.start()])[-1]
            after = _CLAUSE.split(sentence[match.end() :])[0]
            if _RELATIVE.search(before):
                break  # "the changes that went in": about something else
            question = bool(_QUESTION.search(sentence))
            if rule.name not in _NEGATIVE_RULES and (
                _NEGATION.search(before[-40:]) or _NEGATION.search(after[:25])
            ):
                if not question:
                    break  # "not done yet" states nothing new; "isn't this done?" asks
                reasons = [*reasons, "negated"]
            if question:
                confidence, reasons = min(confidence, 0.3), [*reasons, "question"]
            if _HEDGE.search(sentence):
                confidence, reasons = confidence * 0.6, [*reasons, "hedged"]
            hits.append(Hit(rule, value, groups, round(confidence, 3), tuple(reasons)))
            break
    return hits
