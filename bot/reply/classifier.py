"""A learned reading of one sentence: which change, if any, a developer's words state.

The phrase rules (`vocabulary.toml`) are precise but each new list needs
new phrases; this linear model (multinomial logistic regression over words,
word pairs, character n-grams and modality markers) generalises from
labelled sentences to wordings nobody wrote a rule for. It is trained
offline (`make train`, bench/train_sentences.py) and shipped as
`sentence_model.json`: weights keyed by hashed features, so the file holds
no sentence. Scoring is pure Python: one dict look-up per feature.
"""

from __future__ import annotations

import json
import math
import re
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from bot.reply.matching import LINK
from bot.reply.prefilter import Gate, folded, needed_all
from bot.reply.vocabulary import CONDITION, FUTURE, HEDGE, NEGATION, QUESTION, TYPOGRAPHIC

NONE = "none"
# the readings the model knows; `none` says the sentence states no change
CLASSES = (
    NONE, "done", "partly_merged", "patch_posted", "needs_version", "waiting_review",
    "in_progress", "pinged", "deferred", "dropped", "waiting_on", "owner_removed",
    "owner_added", "new_item",
)
BITS = 18
NGRAMS = (3, 4)  # character n-gram sizes (5 as well cost 40 % more time for nothing)

_HASH = re.compile(r"\b(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{7,40}\b")
_VERSION = re.compile(r"\bv\d+\b")
_RELEASE = re.compile(r"\b\d+\.\d+(?:\.\d+)?\b")
_FRACTION = re.compile(r"\b\d+\s*/\s*\d+\b|\b\d+ (?:of|out of) \d+\b")
_NUMBER = re.compile(r"\b\d+\b")
_TOKEN = re.compile(r"[a-z][a-z'+-]*[a-z]|[a-z]|\?|<[a-z]+>")
_REPORTED = re.compile(
    r"\b(?:said|says|told|according to|mentioned|reported|claims?|claimed|wrote)\b", re.I)
_REQUEST = re.compile(r"\b(?:could|can|would|will) you\b|\bplease\b", re.I)


def normalise(sentence: str) -> str:
    """Lower case, with what varies and says nothing replaced by a placeholder."""
    text = LINK.sub(" <url> ", sentence.lower())
    text = _HASH.sub(" <hash> ", text)
    text = _FRACTION.sub(" <frac> ", text)
    text = _VERSION.sub(" <vn> ", text)
    text = _RELEASE.sub(" <rel> ", text)
    return _NUMBER.sub(" <num> ", text)


_MODALITY = (("?", QUESTION), ("neg", NEGATION), ("hedge", HEDGE), ("cond", CONDITION),
             ("plan", FUTURE), ("said", _REPORTED), ("ask", _REQUEST))


def markers(sentence: str) -> list[str]:
    """Modality: what makes a statement less than a fact (question, negation,
    hedge, condition, plan, reported speech, request)."""
    lowered = folded(sentence)
    return ["m:" + name for name, gate in _modality() if gate.found(sentence, lowered)]


@lru_cache(maxsize=1)
def _modality() -> tuple[tuple[str, Gate], ...]:
    """The gates, their needed texts from the cache file: reading these few large
    patterns' trees cost ~6 ms of each `todobot ingest`. (The texts read as if
    IGNORECASE: lower-cased, what a case-sensitive match needs too.)"""
    needs = needed_all([pattern.pattern for _name, pattern in _MODALITY])
    return tuple((name, Gate(pattern, texts))
                 for (name, pattern), (texts, _groups) in zip(_MODALITY, needs, strict=True))


def features(sentence: str) -> list[str]:
    sentence = sentence.translate(TYPOGRAPHIC)  # "isn’t" is "isn't", as the rules read it
    words = _TOKEN.findall(normalise(sentence))
    found = ["w:" + w for w in words]
    found += ["b:" + a + "_" + b for a, b in zip(["^", *words], [*words, "$"], strict=True)]
    found += [f"c:{padded[i : i + size]}" for padded in {f" {w} " for w in words if w[0] != "<"}
              for size in NGRAMS for i in range(len(padded) - size + 1)]
    found += markers(sentence)
    return found


def bucket(feature: str) -> int:
    return zlib.crc32(feature.encode("utf-8")) & ((1 << BITS) - 1)


def buckets(sentence: str) -> tuple[set[int], tuple[str, ...]]:
    """The buckets of `features(sentence)`, and its modality markers: the same set, with
    each word's character n-grams hashed once per process (a mail's words are mostly
    words every mail uses; hashing them afresh was most of a sentence's scoring)."""
    sentence = sentence.translate(TYPOGRAPHIC)
    words = _TOKEN.findall(normalise(sentence))
    marks = markers(sentence)
    found = {bucket(f) for f in (*("w:" + w for w in words), *marks, *(
        "b:" + a + "_" + b for a, b in zip(["^", *words], [*words, "$"], strict=True)))}
    for word in set(words):
        if word[0] != "<":
            found.update(_grams(word))
    return found, tuple(m[2:] for m in marks)


@lru_cache(maxsize=8192)
def _grams(word: str) -> frozenset[int]:
    padded = f" {word} "
    return frozenset(bucket(f"c:{padded[i : i + size]}") for size in NGRAMS
                     for i in range(len(padded) - size + 1))


@dataclass(frozen=True)
class Reading:
    label: str  # one of CLASSES
    probability: float
    modal: tuple[str, ...]  # the modality markers found ("?", "neg", "hedge" ...)


@dataclass(frozen=True)
class Model:
    classes: tuple[str, ...]
    bias: tuple[float, ...]
    # bucket → ((class, weight), ...), or the file's "class:weight ..." until first met
    weights: Mapping[int, tuple[tuple[int, float], ...] | str]
    scaled: bool = True  # each of n features counts 1/sqrt(n) (as trained)
    # bucket → its weight for every class, in class order, made when a sentence first
    # meets it (the columns then sum in C: a class at a time in a Python loop cost ~0.2 ms
    # a sentence); () for a bucket the model has no weights for
    rows: dict[int, tuple[float, ...]] = field(default_factory=dict, compare=False, repr=False)

    def totals(self, buckets) -> list[float]:
        rows, found = self.rows, []
        for bucket_ in buckets:
            row = rows.get(bucket_)
            if row is None:
                row = rows[bucket_] = self._row(bucket_)
            if row:
                found.append(row)
        empty = [0.0] * len(self.bias)
        sums = [sum(column) for column in zip(*found, strict=True)] if found else empty
        scale = 1 / math.sqrt(len(buckets) or 1) if self.scaled else 1.0
        return [b + s * scale for b, s in zip(self.bias, sums, strict=True)]

    def _row(self, bucket_: int) -> tuple[float, ...]:
        pairs = self.weights.get(bucket_)
        if pairs is None:
            return ()
        row = [0.0] * len(self.bias)
        for klass, weight in _pairs(pairs):
            row[klass] += weight
        return tuple(row)

    def scores(self, sentence: str, found: set[int] | None = None) -> list[float]:
        totals = self.totals(list(buckets(sentence)[0] if found is None else found))
        top = max(totals)
        exps = [math.exp(t - top) for t in totals]
        whole = sum(exps)
        return [e / whole for e in exps]

    def read(self, sentence: str) -> Reading:
        found, modal = buckets(sentence)
        probabilities = self.scores(sentence, found)
        best = max(range(len(probabilities)), key=probabilities.__getitem__)
        return Reading(self.classes[best], round(probabilities[best], 3), modal)


def _pairs(found) -> tuple[tuple[int, float], ...]:
    """A bucket's weights, parsed from the file's "class:weight ..." when first met."""
    if not found:
        return ()
    if isinstance(found, str):
        return tuple((int(k), float(w)) for k, w in (pair.split(":") for pair in found.split()))
    return found


def model_from_json(data: dict) -> Model:
    """The file's model; a bucket's "class:weight ..." is parsed when a sentence first
    meets it (one mail meets a few hundred of the thousands)."""
    weights = {int(key): value for key, value in data["weights"].items()}
    return Model(tuple(data["classes"]), tuple(data["bias"]), weights)


def model_to_json(model: Model) -> dict:
    return {
        "about": "todobot sentence model: hashed features → per-class weights (no text)",
        "bits": BITS,
        "classes": list(model.classes),
        "bias": [round(b, 4) for b in model.bias],
        "weights": {
            str(key): " ".join(f"{k}:{w:.3g}" for k, w in _pairs(pairs))
            for key, pairs in sorted(model.weights.items())
        },
    }


@lru_cache(maxsize=1)
def shipped_model() -> Model | None:
    """The model shipped with the package; None when the file is absent (rules only)."""
    try:  # beside this module (importlib.resources costs more than the file)
        text = Path(__file__).with_name("sentence_model.json").read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    return model_from_json(json.loads(text))
