"""Scoring reply analysis against hand-written expectations (fixtures' `.expect.toml`).

A change counts as found when kind, item and value agree and it lands on
the same side of the line (applied, or only proposed) as the expectation.
Used by `bench/accuracy.py` and the tests; pure apart from reading files.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from bot.config import Config
from bot.post import Change, ChangeKind

THRESHOLD = Config.__dataclass_fields__["apply_threshold"].default
RM_THRESHOLD = Config.__dataclass_fields__["rm_threshold"].default


@dataclass
class Score:
    expected: int = 0
    produced: int = 0
    matched: int = 0
    misses: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)
    dated: int = 0  # matched changes whose expectation gives a date
    dated_right: int = 0  # ... and the analysis found that same date
    wrong_dates: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.matched / self.produced if self.produced else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.expected if self.expected else 1.0


def applies(change: Change, sender: str, roster: dict[str, str], rms: frozenset[str]) -> bool:
    """The store's default policy (bot.release.rules.decide): a listed person's confident change
    applies, an RM's at a lower bar; an unknown sender's never does."""
    if sender.lower() in rms:
        return change.confidence >= RM_THRESHOLD
    return change.confidence >= THRESHOLD and sender.lower() in roster


def key_of(change: Change, applied: bool) -> tuple[str, str, str, bool, str]:
    item = "" if change.kind is ChangeKind.NEW else change.item_text
    when = change.when.isoformat() if change.when else ""
    return (str(change.kind), item, change.value, applied, when)


def matches(want: dict, got: tuple[str, str, str, bool, str]) -> bool:
    kind, item, value, applied, _when = got
    if want["kind"] == "status" and want["value"] == "duplicate" and kind == "duplicate":
        # a label that says the item repeats another, not which: as the blind sets 47 and 48
        # write it; any duplicate of that item matches
        want = {**want, "kind": "duplicate", "value": value}
    if want["kind"] != kind or bool(want.get("applied", True)) != applied:
        return False
    if kind != "new" and not item.startswith(want["item"]):
        return False
    if kind in ("new", "duplicate"):
        return (
            value.lower().startswith(want["value"].lower()[:20])
            or want["value"].lower()[:20] in value.lower()
        )
    if kind == "link":
        return want["value"] in value or value in want["value"]
    return value.lower() == want["value"].lower()


def score_mail(expect_path: Path, got: list[tuple[str, str, str, bool, str]], score: Score) -> None:
    wanted = tomllib.loads(expect_path.read_text(encoding="utf-8")).get("change", [])
    score.expected += len(wanted)
    score.produced += len(got)
    left = list(got)
    for want in wanted:
        hit = next((g for g in left if matches(want, g)), None)
        if hit is None:
            score.misses.append(f"{expect_path.stem}: {want}")
        else:
            left.remove(hit)
            score.matched += 1
            if "when" in want:
                score.dated += 1
                if str(want["when"]) == hit[4]:
                    score.dated_right += 1
                else:
                    score.wrong_dates.append(f"{expect_path.stem}: {want['when']} != {hit[4]!r}")
    score.extras += [f"{expect_path.stem}: {g}" for g in left]


def people_of(folder: Path) -> tuple[dict[str, str], frozenset[str]]:
    """(roster, RM addresses) of a fixture folder's people.toml."""
    people = tomllib.loads((folder / "people.toml").read_text(encoding="utf-8"))
    roster = {k.lower(): v for k, v in people["people"].items()}
    return roster, frozenset(a.lower() for a in people.get("rm", []))


def score_fixture(expect: Path, posts: Path, score: Score) -> None:
    """Analyse the reply beside `expect` against the post it names, and score it: as
    `todobot ingest` reads it, knowing what the mails above it in the folder spoke of."""
    roster, rms = people_of(expect.parent)
    message, post = _mail_and_post(expect, posts)
    if message.headers.get("auto-submitted", "no").lower() not in ("", "no"):
        got = []  # never analysed: the ingest rules keep auto-replies aside
    else:
        changes = _analysis(expect, posts, roster, rms).changes
        got = [key_of(c, applies(c, message.from_addr, roster, rms)) for c in changes]
    score_mail(expect, got, score)


def _post_name(expect: Path) -> str:
    return tomllib.loads(expect.read_text(encoding="utf-8")).get("post", "seed")


@cache  # (a fixture is parsed once: for its own score and for each mail below it)
def _mail_and_post(expect: Path, posts: Path):
    from bot.mail import parse_message
    from bot.post import parse_post

    name = _post_name(expect)
    post_path = posts / ("seed-2012.txt" if name == "seed" else f"{name}.txt")
    post = parse_post(post_path.read_text(encoding="utf-8"), year=2012)
    message = parse_message(expect.with_name(expect.name.replace(".expect.toml", ".eml"))
                            .read_bytes())
    return message, post


def _analysis(expect: Path, posts: Path, roster, rms, depth: int = 0):
    """The reply's analysis with its thread's context: the items the nearest mail above
    it in the folder spoke of, as ingest lends them (`_thread_above`)."""
    from bot.reply.analysis import analyze_reply

    key = (expect, posts)
    if key not in _READ:
        message, post = _mail_and_post(expect, posts)
        spoke, far = _thread_above(expect, message, posts, roster, rms, depth)
        _READ[key] = analyze_reply(message, post, roster=roster, rms=rms,
                                   context=spoke[0] if len(spoke) == 1 else None,
                                   several=tuple(spoke) if len(spoke) > 1 else (),
                                   context_far=far)
    return _READ[key]


_READ: dict = {}  # each fixture's analysis, read once however many mails below it ask


def _thread_above(expect: Path, message, posts: Path, roster, rms,
                  depth: int) -> tuple[list, bool]:
    """What the nearest mail above this one that spoke of an item spoke of, and whether it
    is further up than the one it answers, as ingest's `_spoken_of` reads a thread: a mail
    of another post's thread ends the search; an auto-reply, never analysed, spoke of none."""
    from bot.release import ancestors
    from bot.reply.analysis import LENT

    ids = _folder_ids(expect.parent)
    for number, above in enumerate(ancestors(message) if depth < 8 else []):
        parent = ids.get(above)
        if parent is None:
            continue
        if _post_name(parent) != _post_name(expect):
            break
        parent_mail, _post = _mail_and_post(parent, posts)
        if parent_mail.headers.get("auto-submitted", "no").lower() not in ("", "no"):
            continue
        told = _analysis(parent, posts, roster, rms, depth + 1)
        spoke = sorted({c.item for c in told.changes if c.item and LENT not in c.reasons}
                       | {r.item for r in told.remarks if r.item and not r.named})
        if spoke:
            return spoke, number > 0
    return [], False


@cache
def _folder_ids(folder: Path) -> dict[str, Path]:
    from bot.mail import parse_message
    from bot.release import bare_id

    return {bare_id(parse_message(mail.read_bytes()).message_id): mail.with_name(
        mail.name.replace(".eml", ".expect.toml")) for mail in sorted(folder.glob("*.eml"))
        if mail.with_name(mail.name.replace(".eml", ".expect.toml")).exists()}
