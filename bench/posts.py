"""Every real post (../shared/realmail/, ../realmail-extra/): refused, items, round trip, states.

Prints figures; asserts nothing. Skips quietly when the shared mail is not
there (it is data to measure with, never part of the repo). For each post:
whether `read_post` refuses it, how many items it finds, whether the
decoded text renders back byte for byte, and, where labels exist, how many
of the labelled items it finds and with the state the post's own text gives:

- a set's `posts.json` (e.g. `xen-b/`): per post the item titles and their states;
- `truth.json`: the titles of the existing items that replies speak of
  (every change but `new_item`) are items the post holds, unless a reply of
  the thread raised them (a `new_item` of that title under the same post).

The baseline, run in the same process, is `str.splitlines()` + join of the
same texts: the least any lossless round trip must do.
"""

from __future__ import annotations

import json
import os
import re
import sys
import time
from difflib import SequenceMatcher
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _roots() -> list[Path]:
    """Where real mail lives, never in what git tracks: `$TODOBOT_REALMAIL` (paths
    joined by ':'), else ../shared/realmail and ../realmail-extra beside the checkout
    (or beside its parent, for a git worktree one folder deeper), and the ignored
    `.realmail/` of the checkout, where gathered mail survives a new workplace."""
    named = os.environ.get("TODOBOT_REALMAIL")
    candidates = [Path(p) for p in named.split(os.pathsep)] if named else [
        base / name for name in ("shared/realmail", "realmail-extra")
        for base in (ROOT.parent, ROOT.parent.parent)] + [ROOT / ".realmail"]
    found: list[Path] = []
    for candidate in candidates:
        if candidate.is_dir() and candidate.resolve() not in found:
            found.append(candidate.resolve())
    return found


REALMAIL_ROOTS = _roots()
SHARED = REALMAIL_ROOTS[0] if REALMAIL_ROOTS else ROOT.parent / "shared" / "realmail"


def realmail_folders() -> list[Path]:
    """Every set of real mail (a folder with posts/), over all roots, by name."""
    folders = [f for root in REALMAIL_ROOTS for f in root.iterdir() if (f / "posts").is_dir()]
    return sorted(folders, key=lambda f: f.name)


def mail_bytes(path: Path) -> tuple[bytes, bool]:
    """The mail in a realmail file (its first three lines stripped), and whether it is complete."""
    head, complete, _blank, raw = path.read_bytes().split(b"\n", 3)
    return raw, complete.strip().endswith(b"yes")


def norm(title: str) -> str:
    title = re.sub(r"\[[^\]]*\]|\(v[\d ,>-]*\)|\"", " ", title)
    return re.sub(r"[^a-z0-9]+", " ", title.lower()).strip()


def same_title(label: str, text: str) -> bool:
    a, b = norm(label), norm(text)
    if not a or not b:
        return False
    if a in b or (len(b) > 12 and b in a):
        return True
    return SequenceMatcher(None, a, b).ratio() >= 0.8


def best_match(title: str, items: list):
    """The item a labelled title names: of those it may name, the closest (a post can
    list "series" open and "series 1/3" applied)."""
    named = [i for i in items if same_title(title, i.text)]
    return max(named, key=lambda i: SequenceMatcher(None, norm(title), norm(i.text)).ratio(),
               default=None)


REPLY_NAMED = "(named by a reply)"  # no state: a reply speaks of it, the post may lack it


def labels() -> dict[str, dict[str, str | None]]:
    """post key (folder/posts/name) → {labelled title: state or None}."""
    found: dict[str, dict[str, str | None]] = {}
    labels_only = [f for root in REALMAIL_ROOTS for f in root.iterdir()
                   if (f / "posts.json").is_file() and not (f / "posts").is_dir()]
    for path in [*realmail_folders(), *labels_only]:  # labels-only: keys "../set/posts/name"
        folder = path.name
        truth = path / "truth.json"
        if truth.is_file():
            entries = json.loads(truth.read_text()).values()
            # an item a reply raised is the thread's, not the post's, whatever later replies say
            raised = {(f"{folder}/posts/{entry['answers_post']}", change["item"].strip())
                      for entry in entries for change in entry["changes"]
                      if change["kind"] == "new_item"}
            for entry in entries:
                post = f"{folder}/posts/{entry['answers_post']}"
                for change in entry["changes"]:
                    title = change["item"].strip()
                    if change["kind"] != "new_item" and not title.startswith(("(", "http")) \
                            and (post, title) not in raised:
                        found.setdefault(post, {}).setdefault(title, REPLY_NAMED)
        posts_json = path / "posts.json"
        if posts_json.is_file():
            for key, entry in json.loads(posts_json.read_text()).items():
                if key.startswith("_"):
                    continue  # "_notes": the labeller's judgement calls
                post = f"{folder}/{key}" if not key.startswith("../") else key[3:]
                states = entry.get("states", {})
                for title in entry.get("titles", []):
                    found.setdefault(post, {})[title] = states.get(title)
    return found


def measure(path: Path, wanted: dict[str, str | None]) -> dict:
    from bot.post import render_post
    from bot.post.source import post_source, read_post

    raw, complete = mail_bytes(path)
    source = post_source(raw)
    row = {"name": f"{path.parent.parent.name}/{path.stem}", "complete": complete}
    try:
        post = read_post(source, path.name)
    except Exception as error:  # noqa: BLE001 - a refusal is a figure here
        row.update(refused=str(error)[:70], items=0, roundtrip=None)
        stated = sum(state not in (None, REPLY_NAMED) for state in wanted.values())
        listed = sum(state != REPLY_NAMED for state in wanted.values())
        row.update(labelled=len(wanted), found=0, stated=stated, state_right=0, warnings=0,
                   listed=listed, listed_found=0)
        return row
    items = [item for _, _, item in post.walk() if not item.placeholder]
    row.update(refused="", items=len(items), roundtrip=render_post(post) == source.text)
    row["warnings"] = len(getattr(post, "warnings", ()))
    found = stated = right = listed = listed_found = 0
    for title, state in wanted.items():
        match = best_match(title, items)
        found += match is not None
        if state != REPLY_NAMED:
            listed += 1
            listed_found += match is not None
        if state not in (None, REPLY_NAMED):
            stated += 1
            right += match is not None and str(match.status) == state
    row.update(labelled=len(wanted), found=found, stated=stated, state_right=right,
               listed=listed, listed_found=listed_found)
    return row


def main() -> int:
    if not REALMAIL_ROOTS:
        print("bench/posts.py: no ../shared/realmail here; nothing to measure")
        return 0
    wanted = labels()
    paths = [p for folder in realmail_folders() for p in sorted(folder.glob("posts/*.txt"))]
    start = time.perf_counter()
    rows = []
    for path in paths:
        key = f"{path.parent.parent.name}/posts/{path.stem}"
        rows.append(measure(path, wanted.get(key, {})))
    elapsed = (time.perf_counter() - start) * 1000
    texts = [mail_bytes(p)[0].decode("utf-8", "replace") for p in paths]
    base_start = time.perf_counter()
    for text in texts:
        "\n".join(text.split("\n"))
    base = (time.perf_counter() - base_start) * 1000
    print(f"{'post':<72} {'items':>5} {'found/lab':>9} {'state':>6} rt")
    for row in rows:
        rt = "-" if row["roundtrip"] is None else ("ok" if row["roundtrip"] else "DIFF")
        lab = f"{row['found']}/{row['labelled']}" if row["labelled"] else ""
        state = f"{row['state_right']}/{row['stated']}" if row["stated"] else ""
        refused = f"  REFUSED {row['refused']}" if row["refused"] else ""
        print(f"{row['name'][:72]:<72} {row['items']:>5} {lab:>9} {state:>6} {rt}{refused}")
    refused = sum(bool(r["refused"]) for r in rows)
    complete = [r for r in rows if r["complete"]]
    exact = sum(bool(r["roundtrip"]) for r in complete)
    labelled = sum(r["labelled"] for r in rows)
    found = sum(r["found"] for r in rows)
    stated = sum(r["stated"] for r in rows)
    right = sum(r["state_right"] for r in rows)
    listed = sum(r["listed"] for r in rows)
    listed_found = sum(r["listed_found"] for r in rows)
    print(
        f"\nposts {len(rows)}: refused {refused}; round trip byte-exact {exact} of "
        f"{len(complete)} complete; items found {sum(r['items'] for r in rows)}\n"
        f"items a post's labels list (posts.json) found: {listed_found} of {listed} "
        f"({listed_found / max(listed, 1):.0%}); items replies name found in the post they "
        f"answer: {found - listed_found} of {labelled - listed} (some are not in it)\n"
        f"state as labelled {right} of {stated} ({right / max(stated, 1):.0%})"
    )
    print(
        f"time: parse+render all {elapsed:.1f} ms   baseline split+join {base:.3f} ms   "
        f"ratio {elapsed / max(base, 1e-6):.0f}x"
    )
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
