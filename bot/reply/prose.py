"""Words under a quote of the post's own prose: kept for the RM, not lost.

An RM's post says things outside its lists: a regressions report's preface
tells of the two regressions that worry its author most, a stable round-up
names the commits it still lacks in a sentence. Replies answer those
paragraphs inline as they answer items ("I'll revert it by rc1"). No item is
quoted, so no change can land; what the sender said is kept as a remark on
the paragraph, which the RM can make an item of (`todobot accept-remark N
new`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.post import Post
from bot.reply.learned import Remark, worth_remarking
from bot.reply.perpost import read_once
from bot.reply.sentences import sentences

_MIN_QUOTED = 20  # characters of the post's prose quoted: "Hi Linus," is no paragraph
_MIN_WORDS = 6  # a paragraph worth a remark says something: not a greeting or a sign-off
_MOST_REMARKS = 4  # sentences kept of one answer to a paragraph
_LEAD = 160  # characters of a paragraph's first sentence that name it to the RM
_MARKER = re.compile(r"^\s*(?:[*•-]|\(\d{1,2}\)|\d{1,2}[.)])\s+")
_TRAILER = re.compile(r"^[A-Z][\w-]*-by:", re.I)  # "Tested-by: ..." is a tag, not a remark
_FETCH = re.compile(r":\s*(?:https?|git|ftp)://")  # "... can be found at: https://..."
_REFERENCE = re.compile(r"^\s*(?:\[\d+\]\s*)?(?:https?://\S+\s*)?$")  # "[1] https://..."


def prose_quoted(quote_lines: Sequence[tuple[int, str]], post: Post) -> str:
    """What names the paragraph of the post's prose that the quote above the new words
    ends in (its first sentence; of a lead-in ending in ':' over lines, the first line
    quoted); "" when the quote ends in anything else."""
    chunk = _last_chunk(quote_lines)
    said = " ".join(" ".join(line.split()) for line in chunk).strip()
    if len(said) < _MIN_QUOTED:
        return ""
    for lines, flat in _paragraphs(post):
        if said in flat:
            first = chunk[0].strip()
            if lines[0].rstrip().endswith(":"):  # a list in prose: the line quoted first,
                return _shortened(_MARKER.sub("", first).rstrip(":"))  # or its lead-in
            return _shortened(next(iter(sentences(_MARKER.sub("", flat))), flat))
    return ""


def prose_remarks(text: str, lead: str) -> list[Remark]:
    """The sender's sentences under the paragraph `lead` names, as remarks on no item
    (a few: a long answer to the RM's prose is discussion, its opening says what it is)."""
    said = [sentence for sentence in sentences(" ".join(text.split()))
            if worth_remarking(sentence) and not _TRAILER.match(sentence)]
    return [Remark((), lead, sentence) for sentence in said[:_MOST_REMARKS]]


def _last_chunk(quote_lines: Sequence[tuple[int, str]]) -> list[str]:
    """The quoted lines right above the new words, up to a blank line or a change of
    depth: what the sender answers (a quote of a quote above them is another mail's)."""
    chunk: list[str] = []
    depth = None
    for level, line in reversed(quote_lines):
        if not line.strip():
            if chunk:
                break
            continue
        if depth is not None and level != depth:
            break
        depth = level
        if not _REFERENCE.match(line):
            chunk.append(line)
        elif chunk:
            break
    return chunk[::-1]


@read_once
def _paragraphs(post: Post) -> list[tuple[tuple[str, ...], str]]:
    """The post's prose outside its items, by paragraph: (lines, words on one line). A
    paragraph that gives an address after a colon says where to fetch something ("the
    branch is in: git://..."): no subject (a line of references alone is kept apart)."""
    prose = [*post.preamble]
    for section in post.sections:
        prose += ["", *section.gap_before, "", *section.intro, ""]
    prose += ["", *post.closing]
    found: list[tuple[tuple[str, ...], str]] = []
    lines: list[str] = []
    for line in [*prose, ""]:
        if line.strip() and not _REFERENCE.match(line):
            lines.append(line)
            continue
        flat = " ".join(" ".join(lines).split())
        if len(flat.split()) >= _MIN_WORDS and not _FETCH.search(flat):
            found.append((tuple(lines), flat))
        lines = []
    return found


def _shortened(line: str) -> str:
    words = " ".join(line.split())
    if len(words) <= _LEAD:
        return words
    return words[:_LEAD].rsplit(" ", 1)[0] + " ..."
