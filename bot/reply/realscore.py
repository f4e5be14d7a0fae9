"""Scoring reply analysis against the hand labels of real mail (`../shared/realmail/`).

The labels (`truth.json`) name items as the post titles them and kinds in
the labeller's words (done, patch_posted, new_item, owner_removed ...), so
a change is compared by kind and by fuzzy item title, not by exact value.
The measure is the realmail README's: a firm label is *found* when an
applied change of its kind lands on its item (a hedged one may be a
proposal); every applied change no label explains is *false* (links excepted: the
labels have no kind for them; they are counted apart); *covered*
when shown at all: as a change, a proposal, or a remark on the right item.
Pure apart from reading the folder; real text never leaves this process.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from bot.post import Change, ChangeKind

# the labeller's kinds → (our ChangeKind, status value or "" for any)
_KINDS: dict[str, tuple[ChangeKind, str]] = {
    "done": (ChangeKind.STATUS, "done"),
    "dropped": (ChangeKind.STATUS, "dropped"),
    "in_progress": (ChangeKind.STATUS, "in_progress"),
    "patch_posted": (ChangeKind.STATUS, "patch_posted"),
    "pinged": (ChangeKind.STATUS, "pinged"),
    "deferred": (ChangeKind.STATUS, "deferred"),
    "waiting_review": (ChangeKind.STATUS, "waiting_review"),
    "needs_version": (ChangeKind.STATUS, "needs_version"),
    "partly_merged": (ChangeKind.STATUS, "partly_merged"),
    "waiting_on": (ChangeKind.STATUS, "waiting_on"),
    "new_item": (ChangeKind.NEW, ""),
    "owner_added": (ChangeKind.OWNER, "+"),
    "owner_removed": (ChangeKind.OWNER, "-"),
    "moved": (ChangeKind.MOVE, ""),
    "duplicate": (ChangeKind.DUPLICATE, ""),
    "note": (ChangeKind.NOTE, ""),
}


@dataclass
class RealScore:
    firm: int = 0  # firm labels
    found: int = 0  # ... found as applied changes
    covered: int = 0  # ... shown at all (change, proposal or remark on the item)
    applied: int = 0  # applied changes produced
    explained: int = 0  # ... that a label (any certainty) explains
    firm_analysed: int = 0  # firm labels of replies that could be analysed
    links: int = 0  # applied links: the labels have no kind for them, so not judged
    refused: int = 0  # replies whose post would not parse
    replies: int = 0
    misses: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.explained / self.applied if self.applied else 1.0

    @property
    def recall(self) -> float:
        return self.found / self.firm if self.firm else 1.0

    @property
    def analysed_recall(self) -> float:
        """Recall over the replies whose post could be read (what analysis alone does)."""
        return self.found / self.firm_analysed if self.firm_analysed else 1.0

    @property
    def coverage(self) -> float:
        return self.covered / self.firm if self.firm else 1.0

    def add(self, other: RealScore) -> None:
        for name in ("firm", "found", "covered", "applied", "explained", "links", "refused",
                     "replies", "firm_analysed"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.misses += other.misses
        self.extras += other.extras


def mail_bytes(path: Path) -> bytes:
    """A realmail file's mail: its first three lines (URL, COMPLETE, blank) are not."""
    return path.read_bytes().split(b"\n", 3)[3]


def same_item(label: str, change: Change) -> bool:
    """Whether a labelled item title names the change's item (or new item's title): by
    fuzzy title, or by the address or commit id both give ("commit 861f724d03e1 (gitlab
    URL ...)" and the item titled by that commit's address are one item)."""
    from rapidfuzz import fuzz

    ours = (change.value if change.kind is ChangeKind.NEW else change.item_text).lower()
    label = label.lower()
    if not ours or not label:
        return False
    if _same_key(_KEYS.findall(label), _KEYS.findall(ours)):
        return True
    # the titles as words, and without their addresses (one side's address is no word of
    # the other's title: "hwmon fan speed reads as 0" is "fan speed reads as 0 <URL>")
    bare = (_URLS.sub(" ", label).strip(" ()"), _URLS.sub(" ", ours).strip(" ()"))
    return any(fuzz.partial_ratio(theirs[:80], mine[:200]) >= 80
               or fuzz.token_set_ratio(theirs, mine) >= 80
               for theirs, mine in ((label, ours), bare) if theirs and mine)


_URLS = re.compile(r"https?://\S+")
# what names one item exactly: an address (to its end), or a commit id of 12 hex digits or more
_KEYS = re.compile(r"https?://[^\s)\]>]+[^\s)\]>.,;]|\b(?=[0-9a-f]*[a-f])[0-9a-f]{12,40}\b")


def _same_key(theirs: list[str], ours: list[str]) -> bool:
    """Whether two titles give the same address (whole, a final "/" aside) or the same
    commit (one id a prefix of the other): a bare archive root names no item."""
    def address(key: str) -> str:
        return key.rstrip("/") if "://" in key and key.count("/") > 3 else ""

    def commits(keys: list[str]) -> list[str]:  # an id, or the one a commit's page names
        return [k for k in keys if "://" not in k] + [
            found for k in keys if "://" in k for found in _COMMIT_PAGE.findall(k)]

    mine = {address(k) for k in ours} - {""}
    ids = commits(ours)
    return any(address(k) in mine for k in theirs if "://" in k) or any(
        k.startswith(i) or i.startswith(k) for k in commits(theirs) for i in ids)


# a commit's own page names that commit: ".../-/commit/861f724d03e1...", ".../commit/?id=..."
_COMMIT_PAGE = re.compile(r"/commit/(?:\?id=)?([0-9a-f]{12,40})\b")


def same_kind(kind: str, change: Change) -> bool:
    want = _KINDS.get(kind)
    if want is None or want[0] is not change.kind:
        return False
    if want[0] is ChangeKind.STATUS:
        return change.value == want[1]
    if want[0] is ChangeKind.OWNER:
        return change.value.startswith("-") == (want[1] == "-")
    return True


def explains(label: dict, change: Change) -> bool:
    return same_kind(label["kind"], change) and same_item(label["item"], change)


@dataclass(frozen=True)
class Outcome:
    """What the analysis of one reply showed, for scoring."""

    applied: tuple[Change, ...]
    proposed: tuple[Change, ...]
    remarks: tuple[tuple[str, str], ...] = ()  # (item text, words)


def score_reply(name: str, labels: list[dict], outcome: Outcome | None) -> RealScore:
    """One reply's labels against what its analysis showed (None: not analysed)."""
    score = RealScore(replies=1, refused=int(outcome is None))
    firm = [lb for lb in labels if lb.get("certainty", "firm") == "firm"]
    score.firm = len(firm)
    score.firm_analysed = 0 if outcome is None else len(firm)
    outcome = outcome or Outcome((), ())
    for label in firm:
        if any(explains(label, c) for c in outcome.applied):
            score.found += 1
            score.covered += 1
            continue
        shown = any(explains(label, c) for c in outcome.proposed) or any(
            label["kind"] != "new_item" and _names(label["item"], item)
            for item, _words in outcome.remarks)
        score.covered += int(shown)
        score.misses.append(f"{name}: {label['kind']} on {label['item'][:60]!r}"
                            + (" (shown)" if shown else ""))
    judged = [c for c in outcome.applied if c.kind is not ChangeKind.LINK]
    score.applied = len(judged)
    score.links = len(outcome.applied) - len(judged)
    for change in judged:
        if any(explains(label, change) for label in labels):
            score.explained += 1
        else:
            score.extras.append(f"{name}: {change.kind} {change.value[:40]!r} on "
                                f"{(change.item_text or change.value)[:50]!r}")
    return score


def _names(label: str, item_text: str) -> bool:
    from rapidfuzz import fuzz

    return bool(item_text) and fuzz.partial_ratio(label.lower()[:80], item_text.lower()) >= 80


def post_file(folder: Path, answers_post: str) -> Path:
    """The post a reply answers: by name in the folder's posts/, or by a path relative
    to the folder when a later set answers a post an earlier set holds
    (`../other/posts/03-...`)."""
    if "/" in answers_post:
        return folder / f"{answers_post}.txt"
    return folder / "posts" / f"{answers_post}.txt"


def analyse_real(folder: Path, reply: str, entry: dict,
                 spoke_of: dict[str, set] | None = None, message=None,
                 raised: dict[str, list] | None = None) -> Outcome | None:
    """Analyse one real reply against its post as `todobot ingest` would; None when
    the post (or the reply) cannot be read. `spoke_of`: the items each earlier mail of
    the set spoke of, by Message-ID (filled in here), for a sub-thread reply's context;
    `message`: the reply already parsed, when the caller has it; `raised`: the items
    earlier replies raised, by post (filled in here), which the post's thread knows."""
    from bot.mail import parse_message
    from bot.post import PostParseError, post_source, read_post
    from bot.release import bare_id
    from bot.reply.analysis import LENT, analyze_reply
    from bot.reply.evaluate import RM_THRESHOLD, THRESHOLD
    from bot.reply.raised import Raised, with_raised

    if not entry.get("answers_post"):
        return None  # the post it answers is not in the archive: not analysed
    post_path = post_file(folder, entry["answers_post"])
    reply_path = folder / "replies" / f"{reply}.txt"
    if not post_path.exists() or not reply_path.exists():
        return None
    try:
        source = post_source(mail_bytes(post_path))
        post = read_post(source, post_path.name, year=source.year)
    except (PostParseError, ValueError):
        return None
    if entry.get("stand_in_post"):
        post = _reopened(post)
    raised = {} if raised is None else raised
    known = raised.setdefault(entry["answers_post"], [])
    bare = post
    post, _paths = with_raised(bare, known)
    message = message or parse_message(mail_bytes(reply_path))
    rms = {message.from_addr} if entry.get("is_rm") else set()
    spoke_of = {} if spoke_of is None else spoke_of
    parent, far = thread_above(message, spoke_of)
    context = next(iter(parent))[1] if len(parent) == 1 else None
    several = tuple(sorted(path for _post, path in parent)) if len(parent) > 1 else ()
    analysis = analyze_reply(message, post, rms=rms, context=context, several=several,
                             context_far=far)
    new = [c for c in analysis.changes if c.kind is ChangeKind.NEW]
    known.extend(Raised(c.value, c.section) for c in new)
    _post, paths = with_raised(bare, known)
    spoke_of[bare_id(message.message_id)] = {
        (entry["answers_post"], c.item) for c in analysis.changes
        if c.item and LENT not in c.reasons} | {
        (entry["answers_post"], r.item) for r in getattr(analysis, "remarks", ())
        if r.item and not r.named} | {
        (entry["answers_post"], path) for path in paths[len(paths) - len(new):] if path}
    bar = RM_THRESHOLD if entry.get("is_rm") else THRESHOLD
    applied = tuple(c for c in analysis.changes if c.confidence >= bar)
    proposed = tuple(c for c in analysis.changes if c.confidence < bar)
    remarks = tuple(getattr(analysis, "remarks", ()))
    return Outcome(applied, proposed, tuple((r.item_text, r.words) for r in remarks))


def thread_above(message, spoke_of: dict[str, set]) -> tuple[set, bool]:
    """What the nearest mail above this one that spoke of an item spoke of, and whether
    that mail is further up than the one it answers (which the set lacks, or which spoke
    of none): as ingest reads a sub-thread."""
    from bot.release import ancestors

    for number, above in enumerate(ancestors(message)):
        found = spoke_of.get(above)
        if found:
            return found, number > 0
    return set(), False


def _reopened(post):
    """A later list standing in for a post the archive lost, its items as they were
    before the replies: open (the replies are what finished them)."""
    from dataclasses import replace

    from bot.post.status import Status

    def reopen(items):
        return tuple(replace(i, status=Status.OPEN, children=reopen(i.children)) for i in items)

    return replace(post, sections=tuple(replace(s, items=reopen(s.items)) for s in post.sections))


def score_folder(folder: Path, only: set[str] | None = None) -> RealScore:
    """Every labelled reply of one realmail folder (or those named in `only`), read in
    date order so a sub-thread reply knows what the mail it answers spoke of."""
    from bot.mail import parse_message

    truth = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
    total = RealScore()
    spoke_of: dict[str, set] = {}
    raised: dict[str, list] = {}
    parsed = {name: parse_message(mail_bytes(path)) for name in truth
              if (path := folder / "replies" / f"{name}.txt").exists()}

    def sent(name: str) -> float:  # the order the thread was written in, as ingest reads
        when = parsed[name].date if name in parsed else None  # it (in UTC: "10:26 -0700"
        return when.timestamp() if when else 0.0  # comes after "19:23 +0200")

    for reply in sorted(truth, key=lambda name: (sent(name), name)):
        entry = truth[reply]
        # every reply is read, scored or not: the thread's later replies need it
        outcome = analyse_real(folder, reply, entry, spoke_of, parsed.get(reply), raised)
        if only is None or reply in only:
            total.add(score_reply(reply, entry.get("changes", []), outcome))
    return total
