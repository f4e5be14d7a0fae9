"""Real chains: an RM's post, the replies before the next post, that next post.

Prints figures; asserts nothing. Skips quietly when ../shared/realmail is
not there. For each chain the whole cycle runs as an RM would run it, in a
temporary store (the RM, and the repliers as listed developers, as
bench/accuracy.py counts them): `init` the post, `ingest` the replies, draft
next week's post. Then, for each decision the replies carry (labelled in
a set's `chains.json`, such as ../realmail-extra/xen-b/; and chains built
from `xen/` by release and date, the decisions from its `truth.json`), the
draft is compared with the RM's real next post, when that post carries on
at least one item of the list: is the item there or not, and done,
dropped, deferred or open, as the RM had it? Twice: with the changes todobot applies
on its own, and with every proposal accepted as well (an RM who says yes
to all). Links lost: a link of the post's items the draft shows neither in
the post nor in its changelog (must be 0).

The baseline, run in the same process, is parsing and rendering the same
posts alone: the least a draft must do.
"""

from __future__ import annotations

import json
import re
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from posts import REALMAIL_ROOTS, mail_bytes, realmail_folders, same_title  # noqa: E402

VERBOSE = "-v" in sys.argv


@dataclass
class Chain:
    name: str
    post: Path
    replies: list[Path]
    next_post: Path
    decisions: list[dict]


def _path(folder: Path, key: str) -> Path:
    return (folder / f"{key}.txt").resolve()


def chains() -> list[Chain]:
    """Labelled chains (a set's `chains.json`), then those built from xen/'s truth."""
    found = []
    for folder in realmail_folders():
        labelled = folder / "chains.json"
        if not labelled.is_file():
            continue
        for entry in json.loads(labelled.read_text()):
            if not entry.get("next_post") or not _path(folder, entry["post"]).is_file():
                continue  # no next post in the corpus: nothing to compare with
            if not _path(folder, entry["next_post"]).is_file():
                continue
            found.append(Chain(
                f"{folder.name}/{entry['post'].rsplit('/', 1)[-1]}",
                _path(folder, entry["post"]),
                [_path(folder, r) for r in entry["replies"]],
                _path(folder, entry["next_post"]),
                entry.get("decisions", []),
            ))
    return found + _chains_from_truth()


def _chains_from_truth() -> list[Chain]:
    """Without chains.json: xen/ posts of one release in date order, each with the
    replies that answer it; a decision per labelled firm change."""
    from email.utils import parsedate_to_datetime

    from bot.mail import parse_message

    folder = next((f for f in realmail_folders() if f.name == "xen"), None)
    if folder is None or not (folder / "truth.json").is_file():
        return []
    truth = json.loads((folder / "truth.json").read_text())
    dated = []
    for path in sorted((folder / "posts").glob("*.txt")):
        message = parse_message(mail_bytes(path)[0])
        release = re.search(r"4\.\d+", message.subject or "")
        when = message.date or parsedate_to_datetime("Thu, 1 Jan 1970 00:00:00 +0000")
        dated.append((release[0] if release else "", when, path))
    dated.sort(key=lambda row: (row[0], row[1]))
    listing = {path for _, _, path in dated if _lists_items(path)}
    found = []
    for number, (release, _, path) in enumerate(dated):
        # the next version of the list: the release's next post that lists items (a schedule
        # mail between two updates is no version of the list)
        following = next((later for after, _, later in dated[number + 1:]
                          if after == release and later in listing), None)
        if following is None or not release:
            continue
        replies = [k for k, v in truth.items() if v["answers_post"] == path.stem]
        decisions = [
            {"item": c["item"], "kind": c["kind"]}
            for k in replies for c in truth[k]["changes"] if c["certainty"] == "firm"
        ]
        found.append(Chain(f"xen/{path.stem}", path,
                           [folder / "replies" / f"{k}.txt" for k in replies],
                           following, decisions))
    return found


def _lists_items(path: Path) -> bool:
    from bot.post import PostParseError
    from bot.post.source import post_source, read_post

    try:
        post = read_post(post_source(mail_bytes(path)[0]), path.name)
    except (PostParseError, ValueError):
        return False  # not a post at all: no version of the list
    return any(not item.placeholder for _, _, item in post.walk())


def _config(directory: Path, subject: str, rm_name: str, rm_address: str,
            message_id: str, year: int | None, developers: dict[str, str]) -> Path:
    release = re.search(r"\d+\.\d+", subject)
    lines = [
        "[list]", 'name = "devel"', 'address = "devel@lists.example.org"', "",
        "[release]", f'name = "{release[0] if release else "next"}"',
        *([f"year = {year}"] if year else []),
        f"subject = {json.dumps(subject or 'status')}", f"thread = {json.dumps(message_id)}", "",
        "[bot]", 'address = "todobot@example.org"', "",
        "[store]", f'database = "{(directory / "store.sqlite").as_posix()}"', "",
        "[[people]]", f"name = {json.dumps(rm_name or 'RM')}", 'role = "rm"',
        f"addresses = [{json.dumps(rm_address.lower())}]", "",
    ]
    for address, name in developers.items():  # the list's regulars, as an RM configures
        if address != rm_address.lower():
            lines += ["[[people]]", f"name = {json.dumps(name or address)}",
                      'role = "developer"', f"addresses = [{json.dumps(address)}]", ""]
    path = directory / "todobot.toml"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def outcome(post, title: str) -> str:
    """absent, done, dropped, deferred or open: what a post says of an item."""
    from bot.post import Status

    for _, _, item in post.walk():
        if not item.placeholder and same_title(title, item.text):
            if item.status in (Status.DONE, Status.DROPPED, Status.DEFERRED):
                return str(item.status)
            return "open"
    return "absent"


def run_chain(chain: Chain) -> dict:
    from bot.config import load_config
    from bot.mail import parse_message
    from bot.post import parse_post, render_post
    from bot.post.source import post_source, read_post
    from bot.release import Ingest, Store, current_state, decide_change, import_post
    from bot.release import release_id as rid_of

    raw = mail_bytes(chain.post)[0]
    source = post_source(raw)
    message = parse_message(raw)
    post = read_post(source, chain.post.name)
    following = read_post(post_source(mail_bytes(chain.next_post)[0]), chain.next_post.name)
    if not any(True for _ in following.walk()):  # an RM's repost that quotes the list
        text = post_source(mail_bytes(chain.next_post)[0]).text
        following = parse_post(re.sub(r"(?m)^> ?", "", text))
    day = (message.date.date() if message.date else date.today()) + timedelta(days=7)
    drafts = {}
    with tempfile.TemporaryDirectory(prefix="todobot-chain-") as tmp:
        senders = {}
        for reply in chain.replies:
            if reply.is_file():
                sent = parse_message(mail_bytes(reply)[0])
                senders.setdefault(sent.from_addr.lower(), sent.from_name)
        config = load_config(_config(Path(tmp), source.subject, message.from_name,
                                     message.from_addr, source.message_id, source.year,
                                     senders))
        store = Store.open(config.database_path(), config.busy_timeout_ms)
        try:
            import_post(store, config, source.text, post, source.message_id, chain.post.name,
                        year=source.year)
            ingest = Ingest(store, config)
            for reply in chain.replies:
                if reply.is_file():
                    ingest.mail(mail_bytes(reply)[0])
            drafts["applied"] = current_state(store, config, day)
            rid = rid_of(store, config)
            for logged in store.changes("c.release_id = ?", rid):
                if logged.state == "proposed":
                    decide_change(store, config, logged.id, "accept", message.from_name or "RM")
            drafts["accept all"] = current_state(store, config, day)
        finally:
            store.close()
    row: dict = {"name": chain.name, "decisions": 0, "visible": 0}
    before = {link for _, _, item in post.walk() for link in item.links}
    for label, draft in drafts.items():
        shown = render_post(draft.post) + "\n".join(draft.changelog)
        row[f"lost {label}"] = sorted(link for link in before if link not in shown)
        row[label] = 0
    # the next post continues the list when it carries on at least one of its items: an
    # RM's mail that lists none of them (a branching notice's rules) shows no decision
    has_items = any(outcome(following, item.text) != "absent"
                    for _, _, item in post.walk() if not item.placeholder)
    for decision in chain.decisions:
        titles = [t.strip() for t in decision["item"].split(" / ")]
        if decision["item"].startswith("(") or not titles:
            continue
        row["decisions"] += 1
        if not has_items:
            continue  # the next post is no version of the list: what the RM did is not there
        row["visible"] += 1
        for label, draft in drafts.items():
            same = all(outcome(draft.post, t) == outcome(following, t) for t in titles)
            row[label] += same
            if VERBOSE and label == "applied":
                print(f"  {'ok ' if same else 'NO '}{decision['kind']:<12} "
                      f"{decision['item'][:50]!r}: was {outcome(post, titles[0])}, draft "
                      f"{outcome(draft.post, titles[0])}, RM {outcome(following, titles[0])}")
    return row


def main() -> int:
    if not REALMAIL_ROOTS:
        print("bench/chains.py: no ../shared/realmail here; nothing to measure")
        return 0
    found = chains()
    start = time.perf_counter()
    rows = [run_chain(chain) for chain in found]
    elapsed = (time.perf_counter() - start) * 1000
    from bot.post import parse_post, render_post
    from bot.post.source import post_source

    base_start = time.perf_counter()
    for chain in found:
        render_post(parse_post(post_source(mail_bytes(chain.post)[0]).text))
    base = (time.perf_counter() - base_start) * 1000
    print(f"{'chain':<64} {'decisions':>9} {'visible':>7} {'applied':>7} {'all':>5} lost")
    for row in rows:
        lost = len(row["lost applied"]) + len(row["lost accept all"])
        print(f"{row['name'][:64]:<64} {row['decisions']:>9} {row['visible']:>7} "
              f"{row['applied']:>7} {row['accept all']:>5} {lost}")
    visible = sum(r["visible"] for r in rows)
    for label in ("applied", "accept all"):
        done = sum(r[label] for r in rows)
        lost = sum(len(r[f"lost {label}"]) for r in rows)
        print(f"{label:>10}: decisions as the RM made them {done} of {visible} visible "
              f"({done / max(visible, 1):.0%}); links lost {lost}")
    print(f"time: {len(rows)} chains {elapsed:.0f} ms   baseline parse+render of their posts "
          f"{base:.1f} ms   ratio {elapsed / max(base, 1e-6):.0f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
