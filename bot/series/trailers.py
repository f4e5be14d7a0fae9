"""What a patch mail or a reply to one says in its own lines: trailers
(Reviewed-by, Acked-by, Tested-by, b4's change-id, Link:) and a maintainer's
"applied" / "committed" / "pushed". Pure.

Only the sender's own lines count: a reply quotes the patch, and the patch
carries the Signed-off-by and older Reviewed-by lines of the version before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

REVIEW_KINDS = {"reviewed-by": "reviewed", "acked-by": "acked", "tested-by": "tested",
                "release-acked-by": "acked"}
_TRAILER = re.compile(r"^\s*([A-Za-z][A-Za-z-]*-by|change-id|link|message-id)\s*:\s*(\S.*?)\s*$",
                      re.IGNORECASE)
_MERGED = re.compile(r"\b(applied|committed|pushed|queued|merged)\b", re.IGNORECASE)
_NOT = re.compile(r"\b(not|n't|never|cannot|can't|won't|wouldn't|doesn't|didn't|isn't|"
                  r"fails?|failed|if|once|before|until|when|unless|should|could|would|"
                  r"please|will)\b|n't\b", re.IGNORECASE)
_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n\s*\n")
_NUMBERS = re.compile(r"\bpatch(?:es)?\s+((?:\d+\s*(?:-|to|,|and|&)?\s*)+)", re.IGNORECASE)
_SIGNATURE = re.compile(r"^-- ?$")
_DIFF = re.compile(r"^(diff --git |---\s*$|\+\+\+ )")


@dataclass(frozen=True)
class Trailer:
    kind: str  # "reviewed" | "acked" | "tested" | "change-id" | "link" | "message-id" | other
    value: str  # the person ("Jan Beulich <jbeulich@suse.com>") or the id / URL


def own_lines(body: str, *, stop_at_diff: bool = False) -> list[str]:
    """The lines the sender wrote: no quotes, nothing after the signature mark; with
    `stop_at_diff`, nothing after the patch's `---` (the diffstat and the diff)."""
    out: list[str] = []
    for line in body.splitlines():
        if _SIGNATURE.match(line):
            break
        if stop_at_diff and _DIFF.match(line):
            break
        if line.lstrip().startswith(">"):
            continue
        out.append(line)
    return out


def trailers(lines: list[str]) -> list[Trailer]:
    found: list[Trailer] = []
    for line in lines:
        match = _TRAILER.match(line)
        if match:
            name, value = match.group(1).lower(), match.group(2)
            found.append(Trailer(REVIEW_KINDS.get(name, name), value))
    return found


def change_id(body: str) -> str:
    """b4's `change-id:` (after the cover letter's `---`, so the whole body is read)."""
    for line in body.splitlines():
        match = _TRAILER.match(line)
        if match and match.group(1).lower() == "change-id":
            return match.group(2)
    return ""


def says_merged(lines: list[str]) -> tuple[str, tuple[int, ...]] | None:
    """(the sentence, the patch numbers it names or ()) when the sender says they
    applied, committed or pushed it; a question, a negation or a condition ("will
    apply once acked") says nothing."""
    text = "\n".join(line for line in lines if not _TRAILER.match(line))
    for sentence in _SENTENCE.split(text):
        sentence = " ".join(sentence.split())
        if not sentence or not _MERGED.search(sentence):
            continue
        if "?" in sentence or _NOT.search(sentence):
            continue
        return sentence, _numbers(sentence)
    return None


def _numbers(sentence: str) -> tuple[int, ...]:
    match = _NUMBERS.search(sentence)
    if not match:
        return ()
    numbers: set[int] = set()
    for part in re.split(r"\s*(?:,|and|&)\s*", match.group(1).strip()):
        ends = [int(n) for n in re.findall(r"\d+", part)]
        if len(ends) == 2 and ends[0] <= ends[1] <= ends[0] + 100:
            numbers.update(range(ends[0], ends[1] + 1))
        else:
            numbers.update(ends)
    return tuple(sorted(numbers))


_ASKS = re.compile(r"\b(please (?:re)?send|(?:send|post) (?:an? )?(?:new|updated|next|v\d+)|"
                   r"(?:needs?|wants?) (?:an? )?(?:new|next|another) (?:version|spin|round)|"
                   r"respin|re-spin|(?:in|for) (?:the )?(?:next version|v\d+))\b",
                   re.IGNORECASE)


def asks_new_version(lines: list[str]) -> str:
    """The reviewer's sentence asking for another version, or ""."""
    text = "\n".join(line for line in lines if not _TRAILER.match(line))
    for sentence in _SENTENCE.split(text):
        sentence = " ".join(sentence.split())
        if _ASKS.search(sentence):
            return sentence
    return ""
