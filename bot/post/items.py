"""What one item's lines say: tag, text, owners, notes, links, fields.

Pure functions over the lines of one item as written. The house styles put
the same facts in different places: the 2012 post in trailing parentheses
(`(Jinsong Liu, Jan Beulich, DONE for 4.2)`) or on an owner line of its
own, 2013 in `owner:` / `status:` field lines, 2014 in `(prognosis)` and a
`-  Name` line, 2022 in a URL line and `Status:`, 2024 in a `[ link ]` and
`- note` sub-bullets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.lazy import LazyPattern
from bot.post.flags import split_flag
from bot.post.status import (
    Status,
    is_placeholder,
    mentions_status,
    status_from_commentary,
    status_from_notes,
    status_from_text,
)

BULLET_RE = LazyPattern(
    # " . commit subject": git's "What's cooking" marks a commit in no branch with a dot
    # "<3> 128  Yes  KASAN: ...": a syzbot report's row, numbered in angle brackets ("<new>":
    # one the thread raised, which the bot has not numbered)
    # "#2: nvme/041 (fc transport)": a test report's failures, numbered after a hash
    r"^(?P<indent>[ \t]*)(?P<marker>[*\u2022+-]|\d{1,3}[.)]|(?<=[ \t])\.|<(?:\d{1,3}|new)>"
    r"|(?<![ \t])#(?:\d{1,3}|new):)"  # (a "#1: acked" inside an item's lines is its words)
    r"(?P<gap>[ \t]+)"
    r"(?=\S)"
)
# a test lab's row: job (a name with a dash), step number and step (or "<job status>"), its
# result (" test-amd64-amd64-frob-pvh  14 guest-boot  fail REGR. vs. 204390", "
# build-arm64  5 host-prep(5) broken", as osstest writes them), one space in: one failure
LAB_ROW_PATTERN = (r"^[ \t]{1,8}[A-Za-z][\w.]{0,30}-[\w.-]{1,60}[ \t]{1,40}"
                   r"(?:\d{1,3}[ \t]{1,40}[\w./:()-]{3,80}|<job status>)[ \t]{1,40}"
                   r"(?:fail|pass|blocked|broken|starved|running|preparing|queued)\b[^\n]{0,600}$")
LAB_ROW_RE = LazyPattern(LAB_ROW_PATTERN)
# a gap between a table's columns: a tab, or two spaces or more
column_gap = LazyPattern(r"\t+ *|  +")


def table_row(line: str) -> bool:
    """A table's row: unindented, two columns or more (a tab, or two spaces, between)."""
    return bool(line.strip()) and not line[:1].isspace() and len(
        column_gap.split(line.strip())) >= 2

# a build's message as a build robot lists it, one a line: "fs/x.c:12:5: warning: ...",
# "frob.c:(.text+0x1c4): undefined reference to ...", "ERROR: modpost: ...", "sed: y: No
# such file or directory", "mm/frob.c:77 f() error: ..."
BUILD_MESSAGE_RE = LazyPattern(
    # ("fs/x.c:12:5: ...", "a.c:4:3-9: ...", "a.c:77 f() error: ...")
    r"^(?![*\u2022+-] )(?:[\w./+-]+\.\w+:\d+(?::\d+(?:-\d+)?)?:? \S"
    r"|\S[^\n]*?(?::\d+(?::\d+)?:? (?:warning|error|sparse|note|fatal error)\b"
    r"|\b(?i:error|warning|warn): |undefined reference to\b|: No such file or directory\b"
    r"|: can't open file\b|No rule to make target\b)|(?:ERROR|WARNING): )")
# a syzbot report's row: its number, crashes, whether it reproduces, then its title (read
# here; `bot.post.layout` writes a changed row's columns back as they were, up to the title)
REPORT_ROW_RE = re.compile(r"^[ \t]*<(?P<ref>\d{1,3})>[ \t]+(?P<crashes>\d{1,9})[ \t]{1,24}"
                           r"(?P<repro>Yes|No)[ \t]{1,24}(?P<title>\S.*)")
# a commit's (abbreviated) id: hex with a letter and a digit, so no word and no number
COMMIT_ID = r"(?=[0-9a-f]*[a-f])(?=[0-9a-f]*[0-9])[0-9a-f]{7,40}"
# a stable branch's list: "3fa9c2e1d0<TAB>x86/vpt: fix ...", 'b71e0a44c9 "xen/sched: fix ..."'
# (numbered, with its author, the subject on the next line: "01 3fa9c2e1d0 Jonas Berg:")
COMMIT_LINE_RE = LazyPattern(rf"^(?:\d{{1,3}}\*?[ \t]+)?{COMMIT_ID}[ \t]+[\"'\w(\[]")
TAG_RE = LazyPattern(r"^\[(?P<tag>BUG\(\?\)|BUG\?|BUG|CHECK|REGRESSION|FEATURE)\]\s*",
                     re.IGNORECASE)
FIELD_RE = LazyPattern(
    r"^(?P<indent>\s*)(?P<key>owners?|status|prognosis|developers?|dev|who|links?|"
    r"patch(?:es)?|notes?|eta|bug|url|target)(?: \([^)]{1,20}\))?\s*:\s*(?P<value>.*)$",
    re.IGNORECASE,
)
GENERIC_FIELD_RE = LazyPattern(
    r"^(?P<indent>\s*)(?P<key>[A-Za-z][\w-]{1,20}(?: \([^)]{1,20}\))?)\s*:\s+(?P<value>\S.*)$"
)
_TRAILING_BRACKET_RE = LazyPattern(r"(?<!\s)\s*\[\s*(?P<url>(?:https?|ftp)://\S+?)?\s*\]?:?\s*$")
# a note that is only a reference: URL, <message-id>, changeset or commit id
_LINK_ONLY = LazyPattern(
    r"^(?:(?:https?|ftp)://\S+|<[^<>\s@]+@[^<>\s]+>|(?:c/s )?\d{4,6}(?::[0-9a-f]{12})?"
    r"|[0-9a-f]{7,40})$"
)
_OWNER_LINE_RE = LazyPattern(r"^\s+\((?P<inner>[^()]*)\)\s*$")
_DASH_RE = LazyPattern(r"^\s*-\s+(?P<text>\S.*)$")
_DASH_LEAD_RE = LazyPattern(r"^\s*-\s+")
_BRACKET_LINK_RE = LazyPattern(r"^\s*\[\s*(?P<url>(?:https?|ftp)://\S*)?\s*\]?\s*$")
_URL_ONLY_RE = LazyPattern(r"^\s*<?(?P<url>(?:https?|ftp)://\S+?)>?\s*$")
_DASH_URL_RE = LazyPattern(r"^\s*-<?(?P<url>(?:https?|ftp)://\S+?)>?\s*$")  # "   -https://..."
URL_RE = LazyPattern(r"(?:https?|ftp)://[^\s<>\]\"']+")
MSGID_RE = LazyPattern(r"<[^<>\s@]+@[^<>\s@]+>")
_BUG_RE = LazyPattern(r"(?:show_bug\.cgi\?id=|\bbug\s*#?\s*|\bissues?/)(\d{2,7})\b", re.IGNORECASE)
_PROGNOSIS = frozenset(
    {
        "none",
        "good",
        "fair",
        "ok",
        "poor",
        "bad",
        "very good",
        "excellent",
        "done",
        "at risk",
        "unknown",
        "tbd",
        "low",
        "medium",
        "high",
    }
)
_NOBODY = frozenset({"?", "none", "nobody", "tbd", "n/a", "unknown", "-"})
_PARTICLES = frozenset({"de", "van", "von", "der", "da", "di", "le", "la", "del", "dos", "du"})
_NOT_NAMES = frozenset(
    {
        "none",
        "done",
        "ping",
        "patch",
        "patches",
        "again",
        "in",
        "but",
        "the",
        "this",
        "that",
        "tbd",
        "see",
        "also",
        "needs",
        "need",
        "fixed",
        "posted",
        "ack",
        "acked",
        "reviewed",
        "note",
        "thread",
        "discussion",
        "pending",
        "and",
        "or",
        "if",
        "it",
        "a",
        "an",
        "bug",
        "intel",
        "amd",
        "arm",
        "x86",
        "xen",
        "linux",
        "qemu",
        "yes",
        "no",
        "maybe",
        "we",
        "i",
    }
)
_NAME_WORD_RE = LazyPattern(r"^[A-Z\u00C0-\u024F][\w'\u00C0-\u024F.-]*$")
_NAME_SPLIT_RE = LazyPattern(r"(?<!\s)\s+(?:&|/|and)\s+|(?<!\s)\s*/\s*")  # linear: a run of
# blanks is entered only at its start (issue 12)


@dataclass(frozen=True)
class ItemFacts:
    """Everything one item's own lines (not its sub-items) state."""

    tag: str
    text: str
    owners: tuple[str, ...]
    notes: tuple[str, ...]
    links: tuple[str, ...]
    bugs: tuple[str, ...]
    fields: tuple[tuple[str, str], ...]
    status: Status
    placeholder: bool
    style: str  # paren | fields | roadmap | numbered | paragraph
    owner_line: int  # indent of a line of its own holding `(owners)`, or -1
    paren_closed: bool
    owners_last: bool  # "(needs a v3, Jan Beulich)": notes first, then owners
    owner_sep: str  # ", " or the " & " / " / " the RM joined names with
    link_line: bool = False  # 2024: the link alone on a line between "[" and "]:"
    note_col: int = -1  # where its "- note" sub-bullets start, -1 if it has none
    dash: str = ""  # 2020: how its "  -  Owner" lines begin
    title_open: str = ""  # `"` of a quoted subject: written, not part of the title
    title_close: str = ""  # `".` of a quoted subject, ` [1]` of a footnote mark


def person_names(part: str) -> tuple[str, ...]:
    """The names in `part` ("Ben & Jan Beulich", "George Dunlap / Jan Beulich"), or ()."""
    part = re.sub(r"\s*<[^<>@\s]+@[^<>\s]+>\s*$", "", part.strip())
    names = tuple(p.strip() for p in _NAME_SPLIT_RE.split(part) if p.strip())
    if names and all(_is_name(n) for n in names):
        return names
    return ()


def _is_name(text: str) -> bool:
    if status_from_text(text):
        return False
    words = text.split()
    if not 1 <= len(words) <= 4 or words[0].lower() in _NOT_NAMES:
        return False
    if len(words) == 1 and words[0].isupper():
        return False  # "(RFC)", "(WIP)": a state of the series, not a person
    capitals = [w for w in words if w.lower() not in _PARTICLES]
    if not capitals or any(w.lower() in _NOT_NAMES for w in words):
        return False
    return all(_NAME_WORD_RE.match(w) and not any(c.isdigit() for c in w) for w in capitals)


def split_parts(inner: str) -> list[str]:
    """Comma-separated parts of a parenthesis, ignoring commas in nested ones."""
    parts, depth, current = [], 0, []
    for char in inner:
        depth += (char == "(") - (char == ")")
        if char == "," and depth == 0:
            parts.append("".join(current).strip())
            current = []
        else:
            current.append(char)
    parts.append("".join(current).strip())
    return [p for p in parts if p]


def trailing_paren(text: str) -> tuple[str, str, bool] | None:
    """(text before, inside, closed) of the parenthesis that ends `text`.

    The seed has one parenthesis that is never closed ("(draft patch ...,
    Jan"): an unclosed "(" also counts as trailing.
    """
    stack: list[int] = []
    for index, char in enumerate(text):
        if char == "(":
            stack.append(index)
        elif char == ")" and stack:
            start = stack.pop()
            if not stack and text[index + 1 :].strip() == "":
                return text[:start].rstrip(), text[start + 1 : index], True
    if stack:
        start = stack[0]
        return text[:start].rstrip(), text[start + 1 :].strip(), False
    return None


def meta_order(inner: str) -> tuple[bool, str]:
    """(owners written after notes, separator between names) in a parenthesis."""
    parts = split_parts(inner)
    named = [bool(person_names(p)) for p in parts]
    sep = next((s for p in parts for s in (" & ", " / ") if s in p and person_names(p)), ", ")
    return bool(named) and named[-1] and not named[0], sep


def read_meta(inner: str) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """(owners, notes) when a parenthesis holds them, None when it is prose (or code:
    the empty "()" of "mapping in p2m_init()")."""
    if not inner.strip():
        return None
    owners, notes = split_meta(inner)
    if not owners and not any(mentions_status(n) for n in notes) and not all(
        _LINK_ONLY.match(n) for n in notes
    ):
        return None
    return owners, notes


def split_meta(inner: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(owners, notes) of a parenthesis's comma-separated parts, whatever they say."""
    owners: list[str] = []
    notes: list[str] = []
    for part in split_parts(inner):
        names = person_names(part)
        if names:
            owners.extend(names)
        else:
            notes.append(part)
    return tuple(owners), tuple(notes)


def extract_links(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(URLs and <message-id>s, bug numbers) mentioned in `text`."""
    links = [u.rstrip(".,;:)") for u in URL_RE.findall(text)]
    links += [m for m in MSGID_RE.findall(text) if "://" not in m]
    bugs = _BUG_RE.findall(text)
    return tuple(dict.fromkeys(links)), tuple(dict.fromkeys(bugs))


def _name_line(line: str) -> tuple[str, ...]:
    match = _NAME_LINE_RE.match(line)
    return person_names(match["names"]) if match else ()


def dash_role(text: str, parent_head: str) -> str:
    """What a `- ...` line under an item is: "note", "owner" or "child".

    2024 lists put status notes there (under a head ending in ':'), 2014
    roadmaps the developer (`-  Roger Pau Monné`), 2013 updates sub-items.
    """
    if _COMMITS_HEAD.search(parent_head):
        return "child"  # git's topic: its commits, whatever their subjects say ("fix ...")
    if parent_head.rstrip().endswith(":") or status_from_text(text):
        return "note"
    if re.split(r"[,:;]", text, maxsplit=1)[0].strip().lower() in _PROGNOSIS:
        return "note"  # "  -  unknown", "  -  ok, v5 next week" (2020)
    names = [n for p in split_parts(text) for n in person_names(p)]
    if text.strip() == "?" or (names and (len(names) > 1 or " " in names[0])):
        return "owner"
    return "child"


# git's "What's cooking": "* ab/topic-name (2026-05-16) 4 commits" over its commits
_COMMITS_HEAD = LazyPattern(r"\(\d{4}-\d\d-\d\d\) \d+ commits?\s*$")
_STANZA_RE = LazyPattern(r"^\s*(?P<key>[SOEP]):\s*(?P<value>.*?)\s*$")
_STANZA_KEYS = {"S": "text", "O": "owner", "E": "email", "P": "prognosis"}
_NAME_LINE_RE = LazyPattern(r"^\s*(?P<names>[^<>@:\d]+?)(?:\s*<[^<>\s]+@[^<>\s]+>)?\s*$")


def read_stanza(lines: list[str], section_status: Status | None = None) -> ItemFacts:
    """`S: feature / O: owner / E: email / P: probability`, one field a line."""
    text, owners, fields = "", [], []
    for line in lines:
        match = _STANZA_RE.match(line)
        if not match:
            if fields:
                fields[-1] = (fields[-1][0], fields[-1][1] + " " + line.strip())
            else:
                text = (text + " " + line.strip()).strip()
            continue
        key, value = _STANZA_KEYS[match["key"]], match["value"]
        if key == "text":
            text = value
        elif key == "owner":
            owners.extend(p for p in split_parts(value) if p.lower() not in _NOBODY)
        else:
            fields.append((key, value))
    links, bugs = extract_links(" ".join([text, *(v for _, v in fields)]))
    prognosis = dict(fields).get("prognosis", "")
    status = status_from_notes([prognosis]) if prognosis else Status.OPEN
    if section_status and status is Status.OPEN:
        status = section_status
    return ItemFacts(
        tag="",
        text=text,
        owners=tuple(dict.fromkeys(owners)),
        notes=(),
        links=links,
        bugs=bugs,
        fields=tuple(fields),
        status=status,
        placeholder=is_placeholder(text),
        style="stanza",
        owner_line=-1,
        paren_closed=True,
        owners_last=False,
        owner_sep=", ",
    )


# "title [1]": a mark pointing at a numbered link list below the post (2023)
_FOOT_MARK = LazyPattern(r"(?<=[^\s\]])(?P<mark>[ \t]+\[\d{1,3}\](?:[ \t]*\[\d{1,3}\])*+)[ \t]*$")
# `"x86/shadow: resync ..."`. : a patch subject quoted whole, its full stop after it
_WHOLE_QUOTE = LazyPattern(
    r'^(?P<open>["\u201c])(?P<title>[^"\u201c\u201d]*[^"\u201c\u201d\s])'
    r'(?P<close>["\u201d][.,;:!?]*)$'
)


def split_mark(text: str) -> tuple[str, str]:
    """(title, footnote marks) of "title [1]": the mark is how the post points at
    the item's link, not a word of its title."""
    match = _FOOT_MARK.search(text)
    return (text[: match.start()], match["mark"]) if match else (text, "")


def split_quotes(text: str) -> tuple[str, str, str]:
    """(opening quote, title, closing quote and punctuation) of a title that is one
    quoted string (`"subject".`); ("", text, "") for any other title."""
    match = _WHOLE_QUOTE.match(text)
    if not match:
        return "", text, ""
    return match["open"], match["title"], match["close"]


_QUOTED_TITLE = LazyPattern(r'^(?P<title>(?:Revert )?"[^"]{8,}"\.?)\s+(?P<rest>\S.*)$')
_TERMINAL = (Status.DONE, Status.DROPPED, Status.DEFERRED)
# "(v4 -> v6)", "(v2->v3)", "(->v5)" after a title (2024-2025 lists): the round the last
# list had, then the one posted since
_NEWER_ROUND = LazyPattern(
    r"\((?:v(?P<old>\d+))?\s*(?:-+>|\u2192)\s*v(?P<new>\d+)(?:,[^()]*)?\)\s*$")
# (an RFC's round too: "[RFC PATCH v2] X", "[RFC] X (v1)"; an RFC tag alone, "[RFC] X", is
# early work)
_POSTED_ROUND = LazyPattern(r"\(v\d{1,3}\)\s*$|^\[[^\]\n]{0,30}\bPATCH\b", re.I)
# a line of words under a test report's failure, not of its pasted log: "The test case
# trips ...", "Status: in progress" (not "-Test complete", "+++ results/...", "[  12.3] ...")
# a line of a test log or a diff pasted under a failure, not the report's words on it:
# "-Test complete", "+++ results/...", "@@ -2,5", "[   12.345] nvme ...", "--- tests/..."
_LOG_LINE = LazyPattern(r"^(?:[-+@]|\[\s*\d)")


def words_column(lines: list[str]) -> int:
    """The column of a test report's words under a failure: that of its first line that
    opens a sentence ("Reproduced. ...", "The test case ...", "Update: ..."), else the
    indent most of its lines that are neither a log's nor an address have (a log's lines,
    "runtime 3.1s", "nvme nvme0: I/O timeout", open no sentence); -1 when there are none."""
    counts: dict[int, int] = {}
    for line in lines:
        said = line.strip()
        if said and not _LOG_LINE.match(said) and not _URL_ONLY_RE.match(line):
            indent = len(line) - len(line.lstrip())
            if _SENTENCE_START.match(said):
                return indent
            counts[indent] = counts.get(indent, 0) + 1
    return min(counts, key=lambda indent: (-counts[indent], indent)) if counts else -1


_SENTENCE_START = LazyPattern(r"^[A-Z][a-z]+[,:.]?(?:\s|$)")
_LATER_TAG = LazyPattern(r"^\[next[- ]rel", re.I)
_LISTED_PATCH = LazyPattern(r"^\s*\*\s+(?:Re:\s*)?\[(?:PATCH|RFC)", re.I)


def read_entry(lines: list[str], section_status: Status | None = None) -> ItemFacts:
    """A regressions-report entry: an underlined title, links, then its history.

    The links are every URL under it; its notes the lines that are neither a
    link nor a listed patch (`* ...`); its status what those notes say.
    """
    tag, title = split_flag(lines[0].strip())
    notes = [
        line.strip()
        for line in lines[2:]
        if line.strip() and not URL_RE.match(line.strip()) and line[:1] not in " *\t"
    ]
    links, bugs = extract_links("\n".join(lines[1:]))
    status = status_from_notes([n for n in notes if not n.lower().startswith("introduced")])
    if status is Status.OPEN and any(_LISTED_PATCH.match(line) for line in lines):
        status = Status.PATCH_POSTED  # a patch listed under "Noteworthy links:"
    if section_status and status is Status.OPEN:
        status = section_status
    return ItemFacts(
        tag=tag,
        text=title,
        owners=(),
        notes=tuple(notes),
        links=links,
        bugs=bugs,
        fields=(),
        status=status,
        placeholder=False,
        style="entry",
        owner_line=-1,
        paren_closed=True,
        owners_last=False,
        owner_sep=", ",
    )


def read_item(
    lines: list[str], marker: str, text_col: int, section_status: Status | None = None
) -> ItemFacts:
    """Facts of one item from its own lines; `lines[0]` carries the marker."""
    if not marker and _STANZA_RE.match(lines[0]) and lines[0].lstrip().startswith("S:"):
        return read_stanza(lines, section_status)
    text_parts: list[str] = [lines[0][text_col:].strip()]
    owners: list[str] = []
    notes: list[str] = []
    link_lines: list[str] = []
    fields: list[list[str]] = []
    owner_line = -1
    owners_last, owner_sep = False, ", "
    last = "text"
    previous = lines[0]
    prose: list[str] = []  # a test report's words on its failure, at their own column
    prose_col = -2  # (worked out when first needed)
    for line in lines[1:]:
        if not line.strip():
            continue
        wrapped = len(previous.rstrip()) >= 55
        before, previous = previous, line
        field = FIELD_RE.match(line) or (fields and GENERIC_FIELD_RE.match(line))
        if field and marker[:1] in ("<", "#") and not field["key"].lower().startswith("owner"):
            field = None  # under a report row, "Note: needs a reproducer" is a note
        owner = _OWNER_LINE_RE.match(line)
        dash = _DASH_RE.match(line)
        stripped = line.strip()
        if field:
            fields.append([field["key"].lower(), field["value"].strip()])
            last = "field"
        elif owner and (meta := read_meta(owner["inner"])) is not None:
            owners_last, owner_sep = meta_order(owner["inner"])
            owners.extend(meta[0])
            notes.extend(meta[1])
            owner_line = len(line) - len(line.lstrip())
            last = "owner"
        elif marker[:1] in ("<", "#"):  # under a report row (its title one line): its link, and
            # what is known of it, a note a line (so under a test report's "#2: nvme/041")
            last = "link" if _URL_ONLY_RE.match(line) else "note"
            (link_lines if last == "link" else notes).append(stripped)
            if prose_col == -2:
                prose_col = words_column(lines[1:])  # the report's words on it (not a log's)
            if last == "note" and len(line) - len(line.lstrip()) == prose_col and not \
                    _LOG_LINE.match(stripped):
                prose.append(stripped)  # (a log pasted under it, indented apart, says no state)
        elif dash and marker != "-" and _URL_ONLY_RE.match(dash["text"]):
            link_lines.append(dash["text"].strip())  # "  - https://..." (2024-2025)
            last = "link"
        elif marker != "-" and (glued := _DASH_URL_RE.match(line)):
            link_lines.append(glued["url"])  # the same with no space after the dash
            last = "link"
        elif dash and marker != "-":
            said = dash["text"].strip()
            names = [n for p in split_parts(said) for n in person_names(p)]
            word = re.split(r"[,:;]", said, maxsplit=1)[0].strip().lower()
            if said == "?":
                last = "owner"  # nobody yet
            elif word in _PROGNOSIS and not names:
                # "  -  ok, v5 expected next week": a prognosis, then its words
                fields.append(["prognosis", word])
                rest = said[len(word) :].strip(" ,:;")
                if rest:
                    notes.append(rest)
                last = "note"
            elif names and (
                dash_role(said, ":" if last == "note" else before) == "owner" or last == "owner"
            ):
                owners.extend(names)
                last = "owner"
            else:
                notes.append(said)
                last = "note"
        elif wrapped and last == "field":
            fields[-1][1] = (fields[-1][1] + " " + stripped).strip()
        elif (wrapped or _URL_ONLY_RE.match(line)) and last == "note":
            # "- only one patch is still to be merged:" and its link on the next line
            notes[-1] = notes[-1] + " " + stripped
        elif stripped == "-" and marker != "-":
            last = "link"  # a bare "  -" whose link the mailer wrapped onto the next line
        elif (
            _BRACKET_LINK_RE.match(line)
            or stripped in ("]", "]:")
            or (_URL_ONLY_RE.match(line) and (marker[:1].isdigit() or marker[:1] in ("", "<")))
            or (_URL_ONLY_RE.match(line) and last == "link")
        ):
            link_lines.append(stripped.strip("[]:").strip())
            last = "link"
        elif not marker and last in ("link", "owner") and _name_line(line):
            # an indented block (2021): title, link line, then owner lines
            owners.extend(_name_line(line))
            last = "owner"
        else:
            text_parts.append(stripped)
            last = "text"
    title_end = next(
        (
            k
            for k, part in enumerate(text_parts)
            if (p := trailing_paren(part)) and p[2] and p[1].strip().lower() in _PROGNOSIS
        ),
        -1,
    )
    if 0 <= title_end < len(text_parts) - 1:
        # 2014 roadmaps: the lines under "title (prognosis)" say its status
        notes = [" ".join(text_parts[title_end + 1 :])] + notes
        text_parts = text_parts[: title_end + 1]
    text = " ".join(p for p in text_parts if p)
    row = REPORT_ROW_RE.match(lines[0]) if marker[:1] == "<" else None
    if row:  # "<3> 128  Yes  KASAN: ...": a syzbot report's crash count and reproducer
        fields += [["crashes", row["crashes"]], ["repro", row["repro"]]]
        text = row["title"].rstrip()
    detail = _QUOTED_TITLE.match(text) if marker and marker[0] in "*-" else None
    if detail and detail["rest"].strip(" .") and not owners and not notes:
        # 2021: `* "patch subject"` and the RM's words on it under it
        text, notes = detail["title"], [detail["rest"].strip()]
    else:
        detail = None
    text, title_close = split_mark(text)
    bracket = _TRAILING_BRACKET_RE.search(text)
    if bracket:  # "title [ https://... ]:" as 2024 lists write a series' link
        text = text[: bracket.start()]
        link_lines.insert(0, bracket["url"] or "")
    tag = ""
    tag_match = TAG_RE.match(text)
    if tag_match:
        tag, text = tag_match["tag"].upper().replace("BUG?", "BUG(?)"), text[tag_match.end() :]
    closed = True
    paren_meta = title_prognosis = False
    paren = trailing_paren(text)
    if paren:
        before, inner, closed = paren
        if closed and inner.strip().lower() in _PROGNOSIS:
            fields.insert(0, ["prognosis", inner.strip()])
            text = before
            title_prognosis = True
        else:
            meta = read_meta(inner)
            paren_meta = bool(meta)
            if meta:
                text = before
                owners_last, owner_sep = meta_order(inner)
                owners = list(meta[0]) + owners
                notes = list(meta[1]) + notes
            else:
                closed = True  # prose in parentheses stays part of the text
    title_open, text, quote_close = split_quotes(text)
    title_close = quote_close + title_close
    plain_fields: list[tuple[str, str]] = []
    for key, value in fields:
        if key.startswith(("owner", "developer", "dev", "who")):
            # kept as written, handles too: "owner: mukesh@oracle"; "?" is nobody
            owners.extend(p for p in split_parts(value) if p.lower() not in _NOBODY)
        elif key.startswith("status"):
            notes.append(value)
        elif key in ("link", "links", "url"):
            link_lines.append(value)
        else:
            plain_fields.append((key, value))
    links, bugs = extract_links(" ".join([text, *link_lines, *notes, *(v for _, v in fields)]))
    # the RM's running commentary under a quoted subject states a status only in its
    # plain sentences, not in "I have not seen v4 posted yet. Did it go out ?"
    stated = [said[7:] for said in prose if said[:7].lower() == "status:"] if marker[:1] == "#" \
        else []  # the draft's own line on a failure
    status = status_from_commentary(notes) if detail and notes else status_from_notes(
        (stated[-1],) if stated else tuple(prose) if marker[:1] == "#" else notes)
    if status is Status.OPEN and _LATER_TAG.match(text):
        status = Status.DEFERRED  # "[next-rel(s)] title": tracked for a later release
    elif status is Status.OPEN and not section_status and (
            _NEWER_ROUND.search(text) or _POSTED_ROUND.search(text)):
        status = Status.PATCH_POSTED  # "title (v4)", "(v4 -> v6)", "[PATCH v2] title": a
        # round is on the list, and nothing said of it since
    prognosis = dict(plain_fields).get("prognosis", "").lower()
    if prognosis == "done":
        section_status = Status.DONE
    if section_status and status is Status.OPEN:
        status = section_status
    elif section_status is Status.DONE and status not in _TERMINAL:
        status = Status.DONE  # under "Completed" / "Graduated": old progress notes are history
    dashes = [line for line in lines[1:] if _DASH_RE.match(line)]
    note_col = len(dashes[0]) - len(dashes[0].lstrip()) if dashes else -1
    link_line = any(link and line.strip() == link for line in lines for link in link_lines)
    dash = _DASH_LEAD_RE.match(dashes[0])[0] if dashes else ""  # type: ignore[index]
    if marker[:1] in ("<", "#"):
        style = "row"  # a syzbot report's "<2> 9  No  title" over its link; "#2: title"
    elif marker[:1].isdigit():
        style = "numbered"
    elif marker == "":
        style = "paragraph"
    elif bracket or any(_BRACKET_LINK_RE.match(line) for line in lines[1:]):
        style = "bracket"  # 2024: "* title [ link ]:" and "- status" sub-bullets
    elif detail and notes and not dashes:
        style = "detail"  # the title line, the RM's words filled under it
    elif dashes and marker != "-" and owner_line < 0 and not paren_meta and not title_prognosis:
        style = "dashes"  # 2019-2025: "*  title (vN)", "  -  Owner", "  - link"
    elif (
        fields
        and any(k == "prognosis" for k, _ in fields)
        and not any(k != "prognosis" for k, _ in fields)
    ):
        style = "roadmap"
    elif fields:
        style = "fields"
    else:
        style = "paren"
    return ItemFacts(
        tag=tag,
        text=text,
        owners=tuple(dict.fromkeys(o for o in owners if o)),
        notes=tuple(notes),
        links=links,
        bugs=bugs,
        fields=tuple(plain_fields),
        status=status,
        placeholder=is_placeholder(text) and not owners and not notes,
        style=style,
        owner_line=owner_line,
        paren_closed=closed,
        owners_last=owners_last,
        owner_sep=owner_sep,
        link_line=link_line,
        note_col=note_col,
        dash=dash,
        title_open=title_open,
        title_close=title_close,
    )
