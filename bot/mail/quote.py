"""Body text -> quote structure: which lines the sender wrote, which are quoted.

Pure: a string in, values out.  A body's lines are ``body.split("\\n")``
(a final newline does not open an empty last line), and every line lands in
exactly one block, in order.  ``Block.lines`` are the lines with their quote
markers removed (and U+00A0 indentation turned into spaces, as Apple Mail
and Outlook write it); lines without markers are as written.
"""

import re
from dataclasses import dataclass
from enum import StrEnum

from bot.mail.quotelines import SNIP_LINE, LineMarks, groupwise_depth

__all__ = ["Block", "BlockKind", "QuoteStructure", "split_quotes"]


class BlockKind(StrEnum):
    """What a run of lines is, for the reply analyser: only NEW is the sender's say."""

    NEW = "new"
    QUOTE = "quote"
    ATTRIBUTION = "attribution"
    SIGNATURE = "signature"
    FOOTER = "footer"  # list footers and mailer banners: noise
    SNIP = "snip"
    HEADERS = "headers"  # Outlook's quoted "From: / Sent: / To:" block
    PATCH = "patch"  # the sender's own patch below their words: code, not say


@dataclass(frozen=True)
class Block:
    """A run of body lines of one kind and depth."""

    kind: BlockKind
    depth: int  # quote depth; 0 for the sender's own lines
    lines: tuple[str, ...]
    first_line: int  # 0-based line number in the body


@dataclass(frozen=True)
class QuoteStructure:
    """A body's blocks, in order, covering every line once."""

    blocks: tuple[Block, ...]
    top_posted: bool  # the sender's new text sits above the whole quote
    attribution: str  # the sender's (depth 0) attribution, unwrapped


NEW, QUOTE, ATTRIBUTION, SIGNATURE, FOOTER, SNIP, HEADERS, PATCH = BlockKind


class _Scanner(LineMarks):
    """One pass over the lines; spans are [kind, depth, start, end]."""

    def __init__(self, lines: list[str]) -> None:
        super().__init__(lines)
        self.spans: list[list] = []
        self.base = 0  # depth added by an Outlook header block (its quote
        # below is not '>'-prefixed)


    def run(self) -> list[list]:
        i, pending = 0, None
        while i < len(self.recs):
            rec = self.recs[i]
            if rec.q == 0 and rec.blank and not self.base:
                pending = i if pending is None else pending
                i += 1
                continue
            kind, depth, n = self.classify(i)
            self.add(kind, depth, i, i + n, pending)
            pending = None
            i += n
        if pending is not None:
            self.add(None, 0, len(self.recs), len(self.recs), pending)
        return self.spans

    def classify(self, i: int) -> tuple[BlockKind, int, int]:
        rec = self.recs[i]
        depth = rec.q + self.base
        if rec.blank:
            return QUOTE, depth, 1
        n, at = self.attribution(i)
        if n:
            return ATTRIBUTION, at + self.base, n
        if n := self.headers(i):
            # Outlook's quote below the headers has no '>': one level deeper,
            # unless it was set to prefix the original after all.
            k = i + n
            while k < len(self.recs) and self.recs[k].blank:
                k += 1
            if rec.q == 0 and k < len(self.recs) and self.recs[k].q == 0:
                self.base += 1
            return HEADERS, depth, n
        if n := self.footer(i) or self.banner(i):
            return FOOTER, depth, n
        if n := self.signature(i):
            return SIGNATURE, depth, n
        if n := self.patch(i):
            return PATCH, depth, n
        if SNIP_LINE.fullmatch(rec.content.strip()):
            return SNIP, depth, 1
        return (QUOTE if depth else NEW), depth, 1

    def add(self, kind: BlockKind | None, depth: int, start: int, end: int,
            pending: int | None) -> None:
        """Append a span; blank lines before it go where a reader puts them."""
        spans = self.spans
        prev = spans[-1] if spans else None
        if pending is not None:
            # After own text they are own text; before own text, its start;
            # between quotes (of one depth: they merge), the quote's.
            own = prev is not None and prev[0] in (NEW, SIGNATURE, FOOTER, PATCH) and prev[1] == 0
            if prev is None or (kind is NEW and not own):
                start = pending
            else:
                prev[3] = start
        if kind is None:
            if prev is None and start < end:
                spans.append([NEW, 0, start, end])
            return
        if prev and prev[0] is kind and kind in (NEW, QUOTE) and prev[1] == depth \
                and prev[3] == start:
            prev[3] = end
        else:
            spans.append([kind, depth, start, end])


def split_quotes(body: str) -> QuoteStructure:
    """Split a reply body into new text, quotes, attributions and noise."""
    lines = body.split("\n")
    if lines[-1] == "":
        lines.pop()
    scanner = _Scanner(lines)
    blocks = []
    for kind, depth, start, end in scanner.run():
        recs = scanner.recs[start:end]
        texts = tuple(r.text for r in recs)
        if kind is ATTRIBUTION and groupwise_depth(lines[start], recs[0]) == depth:
            # GroupWise's '>>>' is no quote marker: it stays.
            texts = (lines[start] if not depth else ">>> " + texts[0], *texts[1:])
        elif kind is QUOTE:
            texts = tuple(t.replace("\u00a0", " ") for t in texts)
        blocks.append(Block(kind, depth, texts, start))
    return QuoteStructure(tuple(blocks), _top_posted(blocks), _attribution(blocks))


def _top_posted(blocks: list[Block]) -> bool:
    """New text above the quote and none below it (Outlook, Gmail, phones)."""
    quoted = [i for i, b in enumerate(blocks) if b.kind in (QUOTE, ATTRIBUTION, HEADERS)]
    if not quoted:
        return False
    said = [i for i, b in enumerate(blocks)
            if b.kind is NEW and any(line.strip() for line in b.lines)]
    return bool(said) and max(said) < quoted[0]


def _attribution(blocks: list[Block]) -> str:
    for block in blocks:
        if block.kind is ATTRIBUTION and block.depth == 0:
            text = " ".join(line.strip() for line in block.lines if line.strip())
            return re.sub(r"<\s+", "<", re.sub(r"^>>>\s*", "", text))
    return ""
