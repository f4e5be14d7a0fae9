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
from dataclasses import dataclass, replace

from bot.post import Post
from bot.reply.learned import Remark, worth_remarking
from bot.reply.matching import Entry
from bot.reply.newitems import TRAILER
from bot.reply.perpost import read_once
from bot.reply.sentences import sentences

_MIN_QUOTED = 20  # characters of the post's prose quoted: "Hi Linus," is no paragraph
_MIN_WORDS = 6  # a paragraph worth a remark says something: not a greeting or a sign-off
_MOST_REMARKS = 4  # sentences kept of one answer to a paragraph
_LEAD = 160  # characters of a paragraph's first sentence that name it to the RM
_MARKER = re.compile(r"^\s*(?:[*•-]|\(\d{1,2}\)|\d{1,2}[.)])\s+")
_REFERENCE = re.compile(r"^\s*(?:\[\d+\]\s*)?(?:https?://\S+\s*)?$")  # "[1] https://..."
_ADDRESS = re.compile(r"https?://\S+")
_APART = "\x00"  # between the post's parts of prose: no paragraph runs over it
_FETCH = re.compile(r":\s*(?:https?|git|ftp)://")  # "... can be found at: https://..."
_SIGNATURE = re.compile(r"^--\s*$")  # the signature's own separator: what follows is no say
# a word of letters: a paragraph needs a line with four of them (not a diffstat's "file |
# 3 +-", a lab's job row, a date and a milestone)
_WORD = re.compile(r"(?<!\S)[A-Za-z][a-z'’]*[,.;:!?]?(?!\S)")


@dataclass(frozen=True)
class _Paragraph:
    lines: tuple[str, ...]
    flat: str  # its words on one line, as a re-flowed quote of it is found
    lead: str  # what names it: its first sentence
    links: frozenset[str] = frozenset()  # the addresses it gives, its references below


def prose_quoted(quote_lines: Sequence[tuple[int, str]], post: Post,
                 entries: Sequence[Entry] = ()) -> tuple[tuple[int, ...], str]:
    """What the paragraph of the post's prose that the quote above the new words ends in
    is about: the one item its addresses link to (a preface's "the thread is here: <URL>"
    of a listed regression), as (path, text); else no item and what names the paragraph (its
    first sentence; of a lead-in ending in ':' over lines, the first line quoted); ((),
    "") when the quote ends in anything else."""
    chunk = _last_chunk(quote_lines)
    said = " ".join(" ".join(line.split()) for line in chunk).strip()
    if len(said) < _MIN_QUOTED:
        return (), ""
    for paragraph in _paragraphs(post):
        if said in paragraph.flat:
            by_link = _items_by_link(entries) if paragraph.links else {}
            linked = {entry.path: entry for link in paragraph.links
                      for entry in by_link.get(link, ())}
            entry = next(iter(linked.values())) if len(linked) == 1 else None
            if entry is not None and not _names_another(paragraph.flat, entry, entries):
                return entry.path, entry.item.text
            first = " ".join(chunk[0].split())
            if paragraph.lines[0].rstrip().endswith(":"):  # a list in prose: the line
                return (), _shortened(_MARKER.sub("", first).rstrip(":"))  # quoted first
            return (), paragraph.lead
    return (), ""


def prose_remarks(text: str, subject: tuple[tuple[int, ...], str]) -> list[Remark]:
    """The sender's sentences under the paragraph, as remarks on the item it links to, or
    on no item (a few: a long answer to the RM's prose is discussion, its opening says
    what it is)."""
    path, name = subject
    said = [sentence for sentence in sentences(text)
            if worth_remarking(sentence) and not TRAILER.match(sentence)]
    return [Remark(path, name, sentence) for sentence in said[:_MOST_REMARKS]]


@read_once
def _items_by_link(entries: Sequence[Entry]) -> dict[str, list[Entry]]:
    """The post's items by each address they give, as compared (once per post's index)."""
    found: dict[str, list[Entry]] = {}
    for entry in entries:
        for link in entry.item.links:
            if bare := _bare(link):
                found.setdefault(bare, []).append(entry)
    return found


def _bare(link: str) -> str:
    """An address as compared: its scheme and host in lower case (a message id in its path
    keeps its case); "" for a list's root, which links to no one item."""
    link = link.strip().rstrip("/.,;:)>")
    scheme, _, rest = link.partition("://")
    host, slash, path = rest.partition("/")
    parts = [part for part in path.split("/") if part]
    if len(parts) < 2 and not re.search(r"[?=@\d]", path):
        return ""  # ("https://lore.kernel.org/xen-devel/": the archive, not a thread; but
        # "show_bug.cgi?id=217252" is one report)
    return f"{scheme.lower()}://{host.lower()}{slash}{path}"


def _names_another(flat: str, entry: Entry, entries: Sequence[Entry]) -> bool:
    """Whether the paragraph's words name an item other than the one it links to ("Two
    blockers remain: the licensing question and the libvirt fix"): then it is about no one
    item."""
    words = flat.lower()
    return any(other is not entry and len(head := other.item.text.split("\n")[0][:30].lower())
               >= 12 and head in words for other in entries)


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
def _paragraphs(post: Post) -> list[_Paragraph]:
    """The post's prose outside its items, by paragraph. Not its timeline, its signature,
    a lead-in alone ("The time line is as follows:"), lines that are no sentence (a
    diffstat, a job table), nor a paragraph that gives an address after a colon: it says
    where to fetch something ("the branch is in: git://..."); a line of references alone
    is kept apart."""
    timeline = {milestone.line_no for milestone in post.timeline}
    preamble = ["" if number in timeline else line for number, line in enumerate(post.preamble)]
    prose = [*preamble]
    for section in post.sections:
        prose += [_APART, *section.gap_before, _APART, *section.intro, _APART]
    closing = list(post.closing)
    signed = next((n for n, line in enumerate(closing) if _SIGNATURE.match(line)), len(closing))
    prose += [_APART, *closing[:signed]]
    found: list[_Paragraph] = []
    lines: list[str] = []
    open_ = False  # whether references below are the last paragraph's (a lead-in such as
    for line in [*prose, ""]:  # "Reports and an earlier fix:" between them keeps it open)
        if line is _APART:
            line, open_ = "", False  # (a section's heading or list lies between them)
        if line.strip() and not _REFERENCE.match(line):
            lines.append(line)
            continue
        if lines:
            flat = " ".join(" ".join(lines).split())
            if len(flat.split()) >= _MIN_WORDS and not _FETCH.search(flat) and not (
                    len(lines) == 1 and flat.endswith(":")) and any(
                    len(_WORD.findall(line)) >= 4 for line in lines):
                lead = next(iter(sentences(_MARKER.sub("", flat[: 2 * _LEAD]))), flat)
                found.append(_Paragraph(tuple(lines), flat, _shortened(lead),
                                        frozenset(map(_bare, _ADDRESS.findall(flat)))))
                open_ = True
            else:
                open_ = open_ and flat.endswith(":")
            lines = []
        if line.strip() and open_:  # a line of references below the paragraph
            last = found[-1]
            found[-1] = replace(last, links=last.links | set(map(_bare, _ADDRESS.findall(line))))
    found = [replace(paragraph, links=paragraph.links - {""}) for paragraph in found]
    return found


def _shortened(line: str) -> str:
    words = " ".join(line.split())
    if len(words) <= _LEAD:
        return words
    return words[:_LEAD].rsplit(" ", 1)[0] + " ..."
