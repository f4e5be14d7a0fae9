"""Train the sentence model (bot/reply/sentence_model.json) and print why it is this one.

    python bench/train_sentences.py --write    # cross-validate the variants, train, write
    python bench/train_sentences.py            # cross-validate only (as `make bench` runs it)

Labelled sentences come from three places:
- bench/sentences.tsv, the project's own writing;
- the fixture replies (fixtures/mails/replies-*): each sentence whose change
  the rules read is labelled with it, the other new sentences `none`;
- the *tuning* part of ../shared/realmail (see bench/accuracy.py's split):
  each label's evidence sentence with its kind, the reply's other new
  sentences `none`. Real text is read here and never written: the model
  file holds hashed features and weights only.

The trainer is plain Python (no numpy or scikit-learn needed): multinomial
logistic regression by stochastic gradient descent over hashed features.
"""

from __future__ import annotations

import json
import random
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from accuracy import split  # noqa: E402
from posts import REALMAIL_ROOTS, realmail_folders  # noqa: E402

from bot.mail import BlockKind, parse_message, split_quotes  # noqa: E402
from bot.post import ChangeKind  # noqa: E402
from bot.reply.classifier import (  # noqa: E402
    CLASSES,
    NONE,
    Model,
    bucket,
    features,
    model_to_json,
)
from bot.reply.realscore import mail_bytes  # noqa: E402
from bot.reply.sentences import sentences  # noqa: E402

OUT = ROOT / "bot" / "reply" / "sentence_model.json"
_REAL_KINDS = {k: k for k in CLASSES} | {"note": NONE}


def own() -> list[tuple[str, str]]:
    rows = []
    for line in (ROOT / "bench" / "sentences.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            label, sentence = line.split("\t", 1)
            rows.append((sentence, label))
    return rows


def new_sentences(raw: bytes) -> list[str]:
    message = parse_message(raw)
    found = []
    for block in split_quotes(message.body).blocks:
        if block.kind is BlockKind.NEW:
            found += sentences("\n".join(block.lines))
    return [s for s in found if len(s) > 2]


def label_of(change) -> str | None:
    if change.kind is ChangeKind.STATUS:
        return change.value if change.value in CLASSES else None
    if change.kind is ChangeKind.OWNER:
        return "owner_removed" if change.value.startswith("-") else "owner_added"
    if change.kind is ChangeKind.NEW:
        return "new_item"
    return None


def fixtures() -> list[tuple[str, str]]:
    from bot.post import parse_post
    from bot.reply.analysis import analyze_reply

    rows = []
    posts = ROOT / "fixtures" / "posts"
    import tomllib

    for expect in sorted((ROOT / "fixtures" / "mails").glob("replies-*/*.expect.toml")):
        name = tomllib.loads(expect.read_text(encoding="utf-8")).get("post", "seed")
        post_path = posts / ("seed-2012.txt" if name == "seed" else f"{name}.txt")
        post = parse_post(post_path.read_text(encoding="utf-8"), year=2012)
        raw = expect.with_name(expect.name.replace(".expect.toml", ".eml")).read_bytes()
        labels: dict[str, str | None] = {}
        for change in analyze_reply(parse_message(raw), post).changes:
            labels.setdefault(" ".join(change.evidence.words.split()), label_of(change))
        for sentence in new_sentences(raw):
            label = labels.get(sentence, NONE)
            if label is not None:
                rows.append((sentence, label))
    return rows


def _squash(text: str) -> str:
    return " ".join(text.lower().replace("...", " ").split()).strip(" .")


def real(part: str = "tuning") -> list[tuple[str, str]]:
    """Labelled sentences of one part of the real set (tuning by default)."""
    rows = []
    if not REALMAIL_ROOTS:
        return rows
    for folder in (f for f in realmail_folders() if (f / "truth.json").is_file()):
        names = split(folder)[0 if part == "tuning" else 1]
        truth = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
        for name in sorted(names):
            path = folder / "replies" / f"{name}.txt"
            if not path.exists():
                continue
            evidence = [(_squash(c.get("evidence", "")), _REAL_KINDS.get(c["kind"]))
                        for c in truth[name].get("changes", []) if c.get("evidence")]
            for sentence in new_sentences(mail_bytes(path)):
                mine = _squash(sentence)
                label = NONE
                for words, kind in evidence:
                    if words and (mine in words or words in mine) and len(mine) > 8:
                        label = kind
                        break
                if label is not None:
                    rows.append((sentence, label))
    return rows


def featurise(rows, variant: str = "full"):
    import bot.reply.classifier as classifier

    shipped = classifier.NGRAMS
    if variant == "ngrams-345":
        classifier.NGRAMS = (3, 4, 5)
    try:
        return _featurise(rows, variant)
    finally:
        classifier.NGRAMS = shipped


def _featurise(rows, variant: str):
    out = []
    for sentence, label in rows:
        feats = features(sentence)
        if variant == "words":
            feats = [f for f in feats if not f.startswith("c:")]
        elif variant == "no-markers":
            feats = [f for f in feats if not f.startswith("m:")]
        out.append((sorted({bucket(f) for f in feats}), CLASSES.index(label)))
    return out


def train_lr(data, epochs: int = 20, rate: float = 2.0, seed: int = 9,
             keep: float = 0.6) -> Model:
    """SGD on the softmax loss; a sentence's features each count 1/sqrt(n), so long
    sentences do not shout; weights below `keep` are dropped from the file (0.6: 65 KiB instead of
    810 KiB at 0.05, the same cross-validated figures within 0.01-0.03)."""
    import math

    k = len(CLASSES)
    weights: dict[int, list[float]] = defaultdict(lambda: [0.0] * k)
    bias = [0.0] * k
    order = list(range(len(data)))
    rng = random.Random(seed)
    for epoch in range(epochs):
        rng.shuffle(order)
        step = rate / (1 + epoch * 0.5)
        for index in order:
            feats, label = data[index]
            scale = 1 / math.sqrt(len(feats) or 1)
            rows = [weights[f] for f in feats]
            totals = list(bias)
            for row in rows:
                for c in range(k):
                    totals[c] += row[c] * scale
            top = max(totals)
            exps = [math.exp(t - top) for t in totals]
            whole = sum(exps)
            grad = [e / whole for e in exps]
            grad[label] -= 1.0
            for c in range(k):
                g = grad[c]
                if -1e-4 < g < 1e-4:
                    continue
                bias[c] -= step * g * 0.1
                for row in rows:
                    row[c] -= step * g * scale
    return Model(CLASSES, tuple(bias), {
        f: kept for f, row in weights.items()
        if (kept := tuple((c, round(w, 2)) for c, w in enumerate(row) if abs(w) >= keep))})


def train_nb(data, alpha: float = 0.1) -> Model:  # scored unscaled: see Model.scaled
    """Multinomial naive Bayes, as a linear model (log-probabilities as weights)."""
    import math

    k = len(CLASSES)
    counts: dict[int, list[float]] = defaultdict(lambda: [0.0] * k)
    per_class = Counter()
    totals = [0.0] * k
    for feats, label in data:
        per_class[label] += 1
        for f in feats:
            counts[f][label] += 1
            totals[label] += 1
    vocabulary = len(counts)
    bias = tuple(math.log((per_class[c] + 1) / (len(data) + k)) for c in range(k))
    weights = {f: tuple((c, math.log((row[c] + alpha) / (totals[c] + alpha * vocabulary)))
                        for c in range(k)) for f, row in counts.items()}
    return Model(CLASSES, bias, weights, scaled=False)


def predict(model: Model, feats: list[int]) -> int:
    totals = model.totals(feats)
    return max(range(len(totals)), key=totals.__getitem__)


def figures(model: Model, data) -> tuple[float, float, float]:
    """(accuracy, precision and recall of the change classes: `none` is no reading)."""
    right = said = said_right = wanted = 0
    for feats, label in data:
        guess = predict(model, feats)
        right += guess == label
        if guess:
            said += 1
            said_right += guess == label
        wanted += label != 0
    return right / len(data), said_right / max(said, 1), said_right / max(wanted, 1)


def cross_validate(rows, trainer, variant: str, folds: int = 5) -> tuple[float, float, float]:
    data = featurise(rows, variant)
    rng = random.Random(4)
    order = list(range(len(data)))
    rng.shuffle(order)
    sums = [0.0, 0.0, 0.0]
    for fold in range(folds):
        test = [data[i] for i in order[fold::folds]]
        train = [data[i] for n, i in enumerate(order) if n % folds != fold]
        for n, value in enumerate(figures(trainer(train), test)):
            sums[n] += value / folds
    return tuple(round(s, 3) for s in sums)


def main(check: bool) -> None:
    rows = own() + fixtures() + real("tuning")
    held = real("held-out")
    print(f"sentences: {len(rows)} ({Counter(label for _s, label in rows).most_common()})")
    print("5-fold cross-validation on the training sentences: accuracy, precision, recall "
          "of the change readings; then trained on all, scored on the held-out real sentences")
    for name, trainer, variant in (
        ("logistic regression, words+pairs+char 3-4-grams+markers", train_lr, "full"),
        ("logistic regression, words+pairs+char 3-5-grams+markers", train_lr, "ngrams-345"),
        ("logistic regression, words+pairs+markers (no char n-grams)", train_lr, "words"),
        ("logistic regression, no modality markers", train_lr, "no-markers"),
        ("naive Bayes, words+pairs+char 3-4-grams+markers", train_nb, "full"),
    ):
        cv = cross_validate(rows, trainer, variant)
        heldout = figures(trainer(featurise(rows, variant)), featurise(held, variant)) if held \
            else ()
        print(f"  {name:62} cv {cv}  held-out {tuple(round(v, 3) for v in heldout)}")
    if check:
        return
    model = train_lr(featurise(rows))
    OUT.write_text(json.dumps(model_to_json(model), separators=(",", ":")) + "\n",
                   encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}: {len(model.weights)} features, "
          f"{OUT.stat().st_size // 1024} KiB")


if __name__ == "__main__":
    main(check="--write" not in sys.argv)
