"""What the reader keeps from one reading to the next must read exactly as reading afresh:
a word's hashed n-grams, a class's weights summed by column, a quote matched once per
post, and the whole post quoted over "Thanks." (no asker in the quote to read again)."""

from __future__ import annotations

import math
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.mail import parse_message
from bot.post import parse_post
from bot.reply import analyze_reply
from bot.reply.analysis import _besides_post
from bot.reply.classifier import _pairs, bucket, buckets, features, shipped_model
from bot.reply.matching import best_item, index

ROOT = Path(__file__).resolve().parent.parent
SEED = (ROOT / "fixtures" / "posts" / "seed-2012.txt").read_text()

SENTENCES = [
    "v3 of the series is out, Jan acked patches 1-4 and 2/7 is committed.",
    "I don’t think this will make 4.31; let's defer it.",
    "Ping: could someone review https://lore.example.org/frob/20260101.1234@example.org/ ?",
    "Committed as 3fa9c2e1d0b4, thanks.",
    "",
]


def _features_buckets(sentence: str) -> set[int]:
    return {bucket(f) for f in features(sentence)}


def test_a_sentences_buckets_are_its_features_hashed() -> None:
    for sentence in SENTENCES:
        found, modal = buckets(sentence)
        assert found == _features_buckets(sentence)
        assert modal == tuple(f[2:] for f in features(sentence) if f.startswith("m:"))


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=80))
def test_any_texts_buckets_are_its_features_hashed(sentence: str) -> None:
    assert buckets(sentence)[0] == _features_buckets(sentence)


def test_the_models_totals_are_the_plain_sums_of_its_weights() -> None:
    model = shipped_model()
    assert model is not None
    for sentence in SENTENCES:
        found = list(buckets(sentence)[0])
        sums = [0.0] * len(model.bias)
        for each in found:
            for klass, weight in _pairs(model.weights.get(each, ())):
                sums[klass] += weight
        scale = 1 / math.sqrt(len(found) or 1)
        plain = [b + s * scale for b, s in zip(model.bias, sums, strict=True)]
        assert model.totals(found) == plain
        assert model.totals(found) == plain  # (the second time from the kept rows)


def test_a_quote_is_matched_once_per_post_and_alike_each_time() -> None:
    post = parse_post(SEED, year=2012)
    entries = index(post)
    quoted = "* libxl stable API -- we would like 4.2 to define a stable API"
    first = best_item(quoted, entries)
    assert first is not None
    assert best_item(quoted, entries) == first
    assert (quoted, "") in entries.matched
    other = index(parse_post(SEED, year=2012))  # another post: its own matches
    assert (quoted, "") not in other.matched


def _whole_post_quoted(own: str) -> bytes:
    quoted = "\n".join(f"> {line}".rstrip() for line in SEED.splitlines())
    return (b"From: Dev <dev@example.org>\nSubject: Re: Xen 4.2 TODO / Release Plan\n"
            b"Message-ID: <whole@example.org>\nDate: Mon, 13 Aug 2012 12:00:00 +0100\n\n"
            + f"Ian Campbell wrote:\n{quoted}\n\n{own}\n".encode())


def test_the_whole_post_quoted_holds_no_asker_to_read_again() -> None:
    post = parse_post(SEED, year=2012)
    plain = "\n".join(SEED.splitlines())
    assert not _besides_post(plain, post)
    assert not _besides_post("On Mon, Ian Campbell wrote:\n" + plain, post)
    assert _besides_post(plain + "\nCould we also track the frob fix for 4.2?", post)
    analysis = analyze_reply(parse_message(_whole_post_quoted("Thanks.")), post)
    assert analysis.changes == ()
