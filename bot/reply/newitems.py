"""Changes that name their item themselves: a request for a new item, and a
patch series sent in reply to the post.

Neither hangs under a quoted item: "Please add the xenstored memory leak to
tools, blockers" names a section and a title; `[PATCH v6 0/4] tools: add
systemd support` names the item it posts in its Subject.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace

from bot.lazy import LazyPattern
from bot.mail import Message
from bot.post import Change, ChangeKind, Evidence, Status
from bot.post.items import COMMIT_ID, TAG_RE, trailing_paren
from bot.reply.learned import greeting
from bot.reply.matching import STRONG, Entry, best_item, named_item, resolve_section
from bot.reply.naming import SUBJECT_TAGS, marked_names, named, named_as_topic, tokens

_PATCH_SUBJECT = re.compile(
    r"^\s*(?:\[[^\]]*\]\s*)*\[(?:[^\]]*\s)?PATCH\b[^\]]*\]\s*(?P<title>.*)$", re.I
)
# a series' subject on a line of its own (in quotes too), "[" after it in the 2024 style
_SERIES_TITLE = re.compile(r"^\s*(?:[*-]\s+)?[\"“]?(\[(?:PATCH|RFC|XEN)[^\]]*\][^\[]+?)[\"”]?"
                           r"\s*\[?\s*$", re.I)
_TRAILER = LazyPattern(r"^\s*(?:Signed-off-by|Reviewed-by|Acked-by|Tested-by|Reported-by|Fixes|Cc"
                      r"|Suggested-by|Co-developed-by|Link):\s", re.I)
TRAILER = _TRAILER  # a commit's tag line ("Tested-by: ..."): no title, no remark


def commit_message_end(message: Message, lines: tuple[str, ...]) -> int:
    """Where a patch sent as the answer ("[PATCH v3] ...") ends its commit message: after
    its trailers (Signed-off-by: ...). Those are the commit's words, not the sender's
    say; 0 when the mail is no patch or the lines hold no trailer."""
    if not _PATCH_SUBJECT.match(message.subject or ""):
        return 0
    trailers = [n for n, line in enumerate(lines) if _TRAILER.match(line)]
    return trailers[-1] + 1 if trailers else 0

# "track it as well", "could you track it for 4.19 in place of the dropped one?"
_PRONOUN_ONLY = re.compile(r"(?:it|this|that|them|these)(?: one)?(?: (?:as well|too|also))?"
                           r"(?:[,;.]|$|\s+(?:for \d+\.\d+|in place of|instead of|as well|too"
                           r"|also|please)\b)", re.I)
_QUOTED_TITLE = re.compile(r"""^["“'`](.+?)["”'`]""")
_PLACEHOLDER = re.compile(r"^(?:one|another(?: one)?|an? (?:new )?(?:one|item|entry|series)"
                          r"|two|these|this one)\b", re.I)
_ONE_MORE = re.compile(r"^(?:one|another)(?: more)?\b", re.I)
_VAGUE = LazyPattern(r"(?:(?:this|these|that|it|them|one|my|our)(?: (?:one|two|three|series"
                     r"|patch(?:es)?|fix(?:es)?|commits?))?|patch(?:es)?|series|fix(?:es)?|change)",
                     re.I)
# a series' subject beside its address: in quotes, or a subject line in parentheses
_GIVEN_TITLE = (r"""(?:\(?["“](?P<title>[^"”\n]{6,200})["”]\)?"""
                r"""|\((?P<bare>(?:\[[^\]\n]{1,40}\]\s*)?[\w.+/-]+: [^()"“”\n]{4,200})\))""")
_TITLE_OPENS = re.compile(rf"^\s*{_GIVEN_TITLE}")
_URL_THEN_TITLE = re.compile(rf"^<?(?P<url>https?://[^\s<>]+?)>?,?\s*{_GIVEN_TITLE}[.,;]?\s*$")
_QUOTED_ANYWHERE = re.compile(r"""["“]([^"”]{8,160})["”]""")
_POINTS_ONWARD = re.compile(r"^(?:the )?(?:following|below|this|these|attached)\b|^a follow-?up\b"
                            r"|^(?:my|our|his|her|their)(?: \w+)? (?:series|patch(?:es)?|fix(?:es)?"
                            r"|work|one|item)\b", re.I)  # "my series for 4.19", "a follow-up":
# the subject line below says what it is
_CLAUSE_START = re.compile(r"^(?:it|this|that|which|who|they|he|she|we|i)\s", re.I)
_TITLE_END = re.compile(r"\s<|\s\(v\d|,\s*owners?\b|\.\s")
_WISH_THEN_ADDRESS = re.compile(r"^(?:that |which )?(?:I|we)\b[^:]{0,80}:\s*<?(?P<url>https?://"
                                r"[^\s<>]+?)>?[.,;]?$", re.I)


def evidence(message: Message, quoted: str, words: str) -> Evidence:
    return Evidence(
        message.message_id, message.from_name, message.from_addr, message.date, quoted, words
    )


def section_titles(entries: list[Entry]) -> list[str]:
    return list(dict.fromkeys(e.section for e in entries))


_STATES_VERB = re.compile(r"\b(?:is|are|was|were|has|have|had|got|went)\b", re.I)
# a wish list's entry the sender puts off: proposed only
_WAITS = re.compile(r"\b(?:can wait|(?:for|to|until|in) the next (?:release|cycle)|after the "
                    r"release|not (?:for|in) this release|postpone|defer)", re.I)
# where a wish list's entry goes on in a clause of its own: ", it fails with ...", ", which",
# ", but that one can wait"
_CLAUSE_AFTER = re.compile(r",\s+(?=(?:it|which|that one|this one|that|but|and it|since|as it)\b)",
                           re.I)
# a wish that names its work: "the fix for the mount leak in the fanotify tests"
_NAMES_ITS_WORK = re.compile(r"\b(?:fix|patch|series|rework|rewrite|cleanup)(?:es)? (?:for|of|to"
                             r"|in|on) \S", re.I)
# "please also take" with what to take on the lines below it: a commit by its id and
# subject, a patch's subject or an address names it (not "the rest when it lands")
_TAKE_BELOW = re.compile(r"\b(?:take|pick(?: up)?|queue|backport|apply)\s*:?\s*$", re.I)
_COMMIT_OR_PATCH = re.compile(r"^\s*(?:[0-9a-f]{8,40}\b|\[[^\]]*PATCH|<?https?://)", re.I)


def new_item(
    hit, entries: list[Entry], message: Message, quoted: str, sentence: str, block: str,
    here: str = "",
) -> Change:
    """A proposed new item; naming an existing section makes the request clear (`here`:
    the section of the item the words answer, the one "this section" means)."""
    what = re.sub(r"^(?:also|too)\s+", "", " ".join(hit.value.split()), flags=re.I)
    this_here = bool(_FOR_THIS.match(what))  # "one more series for this section: <URL>"
    wish = _WISH_THEN_ADDRESS.match(what)  # "one more series I'd like to see on the list:
    what = wish["url"] if wish else what  # <URL>": the series by its address alone
    if _TO_THE_LIST.match(what) and (named := _QUOTED_ANYWHERE.search(sentence)):
        what = f'"{named.group(1)}"'  # "please add to the list: \"x86: expose A to guests\""
    what = _TO_THE_LIST.sub("", what)
    titled = _URL_THEN_TITLE.match(what)  # '<URL> ("xen/arm: cache the LPI table")'
    if titled:
        what = f"{titled['title'] or titled['bare']} {titled['url']}"
    elif address := _URL_ONLY.match(what):  # ... its title opening the line below
        url = address["url"]
        rest = block.split(url, 1)[1] if url in block else ""
        below = _TITLE_OPENS.match(rest)
        # (or named in the sentence after it: 'That\'s "[PATCH v2 0/4] xen/arm: ..."')
        called = None if below else _CALLED_BELOW.search(rest[:400])
        what = f"{below['title'] or below['bare']} {url}" if below else (
            f"{' '.join((called[1] or called[2]).split())} {url}" if called else what)
    what = _WHOSE.sub("", what)  # 'please also track Kenji's "credit2: ..."'
    if _PLACEHOLDER.match(what):  # "please add one to the critical list: \"title\""
        named = _QUOTED_ANYWHERE.search(sentence)
        below = _title_after(sentence, block) if not named and _ONE_MORE.match(what) else ""
        what = named.group(1) if named else below if _subject_like(below) or (
            below and _in_list_form(below, block)) else what  # ("Could you add one more to
        # this section?" over its subject line a paragraph below, or "Could you add one under
        # this heading?" over the item written as the post writes items)
    if _PRONOUN_ONLY.match(what):  # "[PATCH] x: fix y" on its own line, then "Please
        # track it as well": the subject above is what "it" is
        what = _series_named(block) or what
    what = re.sub(r"^(?:the|a|an)\s+(?=[\"“'`][^\"”'`]{6,}[\"”'`](?:\s+(?:series|patch(?:es|set)?"
                  r"|fix(?:es)?|work|item)\b|\s*$|[,.]))", "", what, flags=re.I)  # 'the "X" series'
    inner = _QUOTED_ANYWHERE.search(what) if _POINTS_ONWARD.match(what) else None
    what = f'"{inner.group(1)}"' if inner else what  # 'my small series "X"': X
    quoted_title = _QUOTED_TITLE.match(what)
    if quoted_title:
        what = quoted_title.group(1)
    elif not what or _POINTS_ONWARD.match(what) or sentence.rstrip().endswith(":") and not (
            _NAMES_ITS_WORK.search(what) and _URL_ONLY.match(_title_after(sentence, block) or "x")):
        # "Please add a second one of mine below it:" and the item in the post's format (not
        # "I'd like the fix for X to go in:" over its address: the address is its link)
        what = _title_after(sentence, block) or what
    else:
        what = _TITLE_END.split(what, maxsplit=1)[0]
    spelled = _spelled_below(sentence, block) if not quoted_title and sentence.rstrip().endswith(
        ("?", ":")) and " and " not in what else ""
    if spelled and not listed_already(spelled, entries):  # (not an item the post has)
        what = spelled  # "Could you add our PT series?" over '"PT for HVM (v1)" - owner'
    what = re.sub(r"^(?:the|a|an)\s+", "", what.strip(" \"'`:,."), flags=re.I)
    named = hit.groups.get("section") or hit.groups.get("area", "")
    section = here if this_here or _THIS_SECTION.fullmatch(named.strip()) else resolve_section(
        named, section_titles(entries))  # ("for this section": the one answered)
    wording = hit.confidence / hit.rule.confidence  # what hedges and questions left of it
    confidence = round((0.85 if section else 0.75) * wording, 3)
    if not hit.groups.get("what") and _TAKE_BELOW.search(sentence) and not _COMMIT_OR_PATCH.match(
            what):  # "please also take" over what is no commit, patch or address: unsure
        confidence = min(confidence, 0.4)
    if _VAGUE.fullmatch(what):
        confidence = min(confidence, 0.4)  # "this series", named nowhere: the RM asks which
    mark = _FOOTNOTE_MARK.search(what)
    what = what[:mark.start()] if mark else what  # "the X patchset [1]": the mark's address
    url = "" if "://" in what else _footnote_address(mark.group(0), block) if mark else \
        _address_below(sentence, block) or _address_closing(sentence)
    what = f"{what} {url}" if url else what  # "I'd like the X fix in." over its address
    return Change(
        ChangeKind.NEW,
        what[:200],
        (),
        "",
        confidence,
        evidence(message, quoted, sentence),
        section=section,
        reasons=hit.reasons,
    )


def _subject_like(title: str) -> bool:
    """A patch's subject ("[PATCH v3] x86/time: ...", "x86/time: resync ..."), not a sentence."""
    return bool(title) and bool(_PATCH_SUBJECT.match(title) or _SUBJECT_LINE.match(title))


def _footnote_address(mark: str, block: str) -> str:
    """The address a footnote mark ("[1]") points at in the sender's words ("[1] https://...")."""
    found = re.search(rf"^[ \t]{{0,8}}{re.escape(mark.strip())}:?[ \t]{{0,8}}<?(https?://[^\s<>]+?)"
                      r">?[.,;]?[ \t]*$", block, re.M)
    return found.group(1) if found else ""


def _address_closing(sentence: str) -> str:
    """The address a sentence ends with ("... the timer fix in: <URL>", the line under it
    read into the sentence): the work it asks for."""
    found = _CLOSING_URL.search(sentence)
    return found["url"] if found else ""


_CLOSING_URL = re.compile(r"[:\s]\s{0,3}<?(?P<url>https?://[^\s<>]+?)>?[.,;]?\s*$")


def _address_below(sentence: str, block: str) -> str:
    """The address alone on the line under a sentence that ends its line: the link of
    the work the sentence asks for."""
    words = sentence.split()
    found = re.search(r"\s+".join(map(re.escape, words)), block) if 0 < len(words) <= 80 \
        else None
    if found is None:
        return ""
    rest = block[found.end():].split("\n", 3)
    if rest[0].strip() or len(rest) < 2:
        return ""  # the line goes on past the sentence
    below = rest[1] if rest[1].strip() or len(rest) < 3 else rest[2]
    address = _URL_ONLY.match(below)
    return address["url"] if address else ""


_WHOSE = re.compile(r"^(?-i:[A-Z][\w-]+)[\x27’]s\s+(?=[\"“])")
_PARENS = re.compile(r"\([^()]*\)")
_FOR_THIS = re.compile(r"^(?:for|in|under) (?:this|that|the same) (?:section|heading|area)\b",
                       re.I)
_TO_THE_LIST = re.compile(r"^(?:(?:to|on|onto) (?:the |your |this |our )?(?:[\w.]+ )?"
                          r"(?:list|tracker)"
                          r"|(?:for|in|under) (?:this|that|the same) (?:section|heading|area|list))"
                          r"(?: as well| too)?\s*:\s*(?=\S)", re.I)


def listed_already(title: str, entries: list[Entry]) -> bool:
    """Whether an item asked for is one the post lists (by its title, surely)."""
    return listed_entry(title, entries) is not None


def listed_entry(title: str, entries: list[Entry]) -> Entry | None:
    """The item of the post an item asked for is (by its title, surely), else None."""
    found = best_item(title, entries)
    if found is not None and found[1] >= 90:
        return found[0]
    naming = named(f'"{title}"', entries)  # a short title without its version: "(v4)"
    return naming.entry if naming is not None and naming.how != "words" else None


def _series_named(block: str) -> str:
    """The block's last series title line, with the URL line under it (2024: "title ["):
    "... is superseded by <title>. Could you track it instead?" means the newer one."""
    lines = block.splitlines()
    for number in range(len(lines) - 1, -1, -1):
        found = _SERIES_TITLE.match(lines[number])
        if found:
            url = _URL_ONLY.match(lines[number + 1]) if number + 1 < len(lines) else None
            return found.group(1).strip() + (f" {url['url']}" if url else "")
    return ""


def each_named(hit) -> list:
    """ "missing: AMX, AVX10, and use of ERMS" names three items, one hit each; a title
    with commas in it (longer parts, or quoted) stays whole."""
    value = " ".join(hit.value.split())
    if "," not in value or _QUOTED_TITLE.match(value):
        return [hit]
    parts = [p.strip() for p in re.split(r",\s*(?:(?:and|or)\s+)?", value) if p.strip()]
    head, _, tail = parts[-1].partition(" and ")
    if tail and len(head.split()) <= 3 and len(tail.split()) <= 3:
        parts[-1:] = [head, tail]
    if _POINTS_ONWARD.match(parts[0]):
        return [replace(hit, value=parts[0])]  # "this one too, it is a small fix": one item
    if not 2 <= len(parts) <= 8 or any(len(p.split()) > 5 for p in parts):
        return [hit]
    named = [replace(hit, value=part) for part in parts if not _CLAUSE_START.match(part)]
    return named or [hit]  # "it as well, it is a 4.17 candidate": one item, said twice


# an item as the post writes them, on the line under an ask: 'Nested virt: VMCS shadowing
# (v1), owner me.', '"Processor Trace for HVM guests (v1)" - owner Rita'
_SPELLED = re.compile(r"^\s*(?:[*\u2022-]\s+)?[\"“]?(?P<title>[^\"”\n]{6,120}?\(v\d+\))[\"”]?"
                      r"(?=\s*(?:[,-]\s*(?:owner|by)\b|[.,;]|$))", re.I)


def _spelled_below(sentence: str, block: str) -> str:
    """The title on the line right under the asking sentence, when it is written in the
    post's own form (a title with its version), which names the work better than the ask."""
    words = sentence.split()
    found = re.search(r"\s+".join(map(re.escape, words[-6:])), block) if words else None
    if found is None:
        return ""
    rest = block[found.end():]
    below = rest.split("\n", 2)
    line = below[1] if len(below) > 1 and not below[0].strip() else ""
    if not line.strip():  # the paragraph goes on to its colon, the item after it ("...; I'd
        paragraph, _gap, after = rest.partition("\n\n")  # like it in for 4.31:" + bullet)
        line = after.lstrip("\n").split("\n", 1)[0] if paragraph.rstrip().endswith(":") else ""
    spelled = _SPELLED.match(line)
    return spelled["title"].strip() if spelled else ""


# the series an address gives, named in the sentence after it: 'That\'s "[PATCH v2 0/4] ..."'
_CALLED_BELOW = re.compile(r"^[ \t]*(?:that[\x27’]?s|that is|this is|it[\x27’]s|it is|titled"
                           r"|called)[ \t]+(?:[\"“]([^\"”]{8,160})[\"”]"
                           r"|the ([\w/.+-]+(?: [\w/.+-]+){1,6}?)"
                           r"(?=,| (?:which|that|series|patch(?:es|set)?|work)\b))", re.I | re.M)


def _in_list_form(title: str, block: str) -> bool:
    """Whether the title is a list line of the block (a bullet or number, then it)."""
    head = " ".join(title.split())[:30]
    return any((listed := _LIST_LINE.match(line)) and " ".join(listed["text"].split()).startswith(
        head) for line in block.splitlines())


def _title_after(sentence: str, block: str) -> str:
    """ "Please add the following series: <newline> [PATCH 0/3] x86/irq: ..." → its title,
    with the URL of the line under it: the lines after the lead-in's colon, else after
    the sentence."""
    given = _URL_ONLY.match(sentence.split(":", 1)[1]) if ":" in sentence else None
    if given:  # "Please add this to the list: <URL>": the series by its address alone
        return given["url"]
    lines = block.splitlines()
    lead = " ".join(sentence.split(":", 1)[0].split()[-3:]) if ":" in sentence else ""
    start = next((n + 1 for n, line in enumerate(lines) if lead and line.rstrip().endswith(":")
                  and " ".join(line.split()).rstrip(":").endswith(lead)), None)
    if start is None:
        words = sentence.split()
        tail = block.split(words[-1], 1)[-1] if words else block
        lines = tail.splitlines()
        rest = next((n for n, line in enumerate(lines) if n and not line.strip()), len(lines))
        start = next((n + 1 for n in range(rest) if lines[n].rstrip().endswith(":")), 0)
        # ("... for 4.20? It is a bug fix found by our validation team, so after the\n
        # freeze:": the lead-in's paragraph goes on to its colon; the title comes after)
    after = lines[start:]
    first = next((line for line in after if line.strip()), "")
    if _URL_ONLY.match(first):  # "Could you pick this series up as well?" over its address
        return _URL_ONLY.match(first)["url"]
    titled = next((n for n, line in enumerate(after) if _SERIES_TITLE.match(line)), None)
    if titled is None:  # an item in the post's own list form a few lines on ("3. title")
        titled = next((n for n, line in enumerate(after[:8]) if _LIST_LINE.match(line)
                       and _title_like(_LIST_LINE.match(line)["text"])), None)
    if titled is None:
        titled = next((n for n, line in enumerate(after)  # (not the "Thanks," below)
                       if _title_like(line.strip()) and not _URL_ONLY.match(line)), None)
    if titled is None:
        return ""
    match = _SERIES_TITLE.match(after[titled])
    listed = _LIST_LINE.match(after[titled])
    title = match.group(1).strip() if match else " ".join(
        (listed["text"] if listed else after[titled]).split())
    fields = _fields_below(after, titled)  # "owner: Andrei" over the address
    below = titled + 1 + len(fields)
    url = _URL_ONLY.match(after[below]) if below < len(after) else None
    details = _details(after, titled)[0] if listed else []  # "*  Title (v2)", "  -  Owner"
    details = [*details, *(" ".join(f.split()) for f in fields)]
    return (f"{title} {url['url']}" if url else title) + (
        f" ({', '.join(details)})" if details else "")


# a reply to one patch of a series: "Re: [Stable-4.31.2 02/02] tools/xl: ...", "Re: [PATCH v2
# 3/7] x86/vpt: ..."; its Subject names the patch whatever the quote holds
_PATCH_REPLY = re.compile(r"^\s*(?:(?:re|aw|sv|fwd?)\s*:\s*)+(?:\[[^\]]*\]\s*)*?"
                          r"\[[^\]]*\b\d{1,4}/\d{1,4}\]\s*(?P<title>\S.{7,})$", re.I)


def patch_replied(message: Message, entries: list[Entry]) -> tuple[Entry, float] | None:
    """The item a reply to one patch mail is about, when its Subject's patch title is
    surely one of the post's items (a stable round-up lists each patch it sends)."""
    match = _PATCH_REPLY.match(message.subject or "")
    if not match:
        return None
    found = best_item(match["title"], entries)
    return found if found is not None and found[1] >= STRONG else None


def series_posting(message: Message, entries: list[Entry], stated: list[Change]) -> Change | None:
    """A patch series sent in reply to the post (git send-email --in-reply-to) is
    itself the news: the item its Subject names has a patch posted."""
    match = _PATCH_SUBJECT.match(message.subject)
    if not match:
        return None
    named = named_item(match["title"], entries)
    if named is None:
        return None
    entry, score = named
    # a new round of one commit of a topic (git's "- Teach rm to ...") is the topic's
    entry = next((e for e in entries if len(entry.path) > 2 and e.path == entry.path[:-1]),
                 entry)
    if any(c.item == entry.path and c.kind == ChangeKind.STATUS for c in stated):
        return None
    return Change(
        ChangeKind.STATUS,
        Status.PATCH_POSTED.value,
        entry.path,
        entry.item.text,
        round(0.9 * score / 100, 3),
        evidence(message, "", message.subject),
        when=message.date.date() if message.date else None,
        reasons=("patch series",),
    )


# -- new items listed in the sender's own lines (issue 9 point 6) ----------------------

def _dash_in_sentence(lines: list[str], number: int) -> bool:
    """A line that starts with a dash inside a wrapped sentence ("an internal helper\n- as
    marked by its name - and not used elsewhere"): punctuation, not a bullet. The line
    above carries the sentence on (no stop, no lead-in colon, not itself listed)."""
    line = lines[number].lstrip()
    if not number or not line.startswith("- ") or not _GOES_ON.match(line, 2):
        return False  # (words that carry a sentence on; not a title: "Please add these\n-
    above = lines[number - 1].rstrip()  # xen/arm: ... - v3 posted" is a list)
    return bool(above) and not above.endswith((".", ":", "!", "?", ";")) and not (
        _LIST_LINE.match(above) or above.lstrip().startswith(">"))


_GOES_ON = re.compile(r"(?:and|but|or|as|which|so|because|if|not|like|including|i\.e\."
                      r"|e\.g\.)\b")
_LIST_LINE = re.compile(r"^\s*(?:[*\u2022-]|\d{1,2}[.)]|\(\d{1,2}\))\s+(?P<text>[\w\[\"'].*?)\s*$")
LIST_LINE = _LIST_LINE  # a line of a list: a bullet or a number, then its words
# (a subject may name a field: "fix tb->flags FS status"; an assignment through one is code)
_CODE = re.compile(r"[;{}]\s*$|&&|\|\||==|->\w+\s*(?:[-+*/]?=|\()|\bif \(|^\s*(?:[-+]\s*)?(?:return"
                   r"|#include)\b")
_INLINE_NUMBER = re.compile(r"(?:^|(?<=[.;:!]\s))\s*\d{1,2}\)\s+")
_FIELD_LINE = re.compile(r"^\s*(?:status|owners?|links?|url|prognosis)\s*:", re.I)
# "title [4]": the post's footnote style
_FOOTNOTE_MARK = re.compile(r"[ \t]{0,8}\[\d{1,3}\][ \t]{0,8}$")
# an address alone on its line: its "<...>" or "[...]" is not part of it, a closing
# bracket only when one opened ("https://x/foo[1]" keeps its own), nor a stop after it
_URL_ONLY = re.compile(r"^\s*(?:(?P<open>[<\[])\s*)?(?P<url>https?://\S+?)\s*(?(open)[>\]])[.,;]?\s*$")
_URL = re.compile(r"https?://\S+[^\s.,;:)>\]]")
_HEADING_LINE = re.compile(r"^\s*(?:[*=#-]+\s*)?(?P<title>[A-Za-z][\w /&,.-]{1,60}?)\s*:?\s*=*\s*$")
_SAYS = re.compile(r"^(?:i|we|it|this|that|there|they|you|he|she|yes|no|ok|thanks)\b", re.I)
# a line that reports what someone said or what the sender saw, no title: 'Jan said "not
# before the freeze" about X', 'reverting "x86: Y" fixes the hang for me'
_REPORT_LINE = re.compile(r"^(?-i:[A-Z][a-z]+) (?:said|says|wrote|thinks|mentioned|suggested"
                          r"|asked|agreed|noted)\b|\b(?:for me|and it works)\W*$", re.I)
# words that invite items: the post's own request, or the sender's lead-in
_INVITED = re.compile(
    r"\b(?:please reply|let me know|reply (?:with|for) items|items you would like|missing"
    r"|(?:also )?add(?:ed|ition)?|track(?:ed|ing)?|more|following|with that|forgot|list"
    r"|follow-?ups?|new one|replacement"
    # the RM's "Anything else that should go into the release?", "what else is missing?"
    r"|what else|anything else|(?:should|could|would|must) (?:also )?(?:be considered|be included"
    r"|be merged|go in(?:to)?)|should be in (?:the|this) release"
    # the sender's own list for it: "What I still have for this release:", "my list:"
    r"|for (?:this|the|[\d.]+) (?:release|cycle)(?=\s*:)|my (?:list|items)"
    # "Something I'd like to see in this section too:"
    r"|(?<!not )(?<!n[\x27’]t )like to see\b[^.?!:]{0,40}?\b(?:too|as well|also|section|list"
    r"|release)"
    # "two of mine I'd like to land in this cycle:"
    r"|(?<!not )(?:would|[\x27’]d) like (?:to )?(?:include|add|get|have|push|merge|land)\b"
    # a call for patches: "tell me which patches you want looked at", "the fixes you need in"
    r"|\b(?:tell|send|show|remind|point) me (?:which|what|about|the|your|at)\b[^.?!]{0,40}?"
    r"\b(?:patch(?:es|sets?)?|series|fixes|changes)\b(?![^.?!]{0,60}\b(?:revert|drop|broke"
    r"|break|remove|back out))"
    r"|(?:patch(?:es|sets?)?|series|fixes) (?:that )?(?:you|people) (?:want|need|would like)"
    r")\b",
    re.I)


# a test report's own headings ("Test results:", "Build summary:"): its lists are results
_REPORT_HEADING = re.compile(r"\b(?:results?|summary|suites?)\b", re.I)
# a markdown heading of a bot's report: "## Build", "## Test Regressions (compared to v1)"
_REPORT_MARKDOWN = re.compile(r"^\s*#+\s*(?:build|boot|tests?|metric|results?|summary|suites?"
                              r"|regressions|fixes|environment|details|log)\b", re.I)
# "Should one of these patches cause you trouble, do let me know", "let me know if any of them
# breaks": a call for objections to what is listed, not for more items
_ASKS_OBJECTIONS = re.compile(
    r"\b(?:issues?|problems?|objections?|concerns?|comments?|trouble)\b(?:[^.?!]|\.(?=\w))"
    r"{0,80}?\blet me know\b"  # ("... with the 3.4.12 patches, please let me know")
    r"|\blet me know\b(?:[^.?!]|\.(?=\w)){0,30}?\b(?:if|whether)\b(?:[^.?!]|\.(?=\w)){0,60}?"
    r"\b(?:issues?|problems?|objections?|concerns?|trouble|breaks?|regressions?)\b", re.I)


# a change's subject that starts with its verb: "- Add missing NULL check", "xen: Added ..."
# (not "* Add your items here", "Add anything I have missed")
_ADDS_SUBJECT = re.compile(r"^\s*(?:[*\u2022-]\s+|\d{1,2}[.)]\s+)?(?:[\w/.-]+:\s+)?Add(?:s|ed)?\s"
                           r"(?!(?:your|any|anything|items?|more|what|whatever|here|below|them"
                           r"|it|this|these|those)\b)")


def invites(quoted: str) -> bool:
    """Whether the quoted words invite items (the post's "please reply with items you would
    like to see"), other than a call for objections to what is listed. A quote wraps
    where the mailer wrapped it: "let me\n> know" is one phrase."""
    quoted = " ".join(line for line in quoted.splitlines() if not _ADDS_SUBJECT.match(line))
    quoted = " ".join(quoted.split())  # (a listed change's subject, "- Add non-atomic
    objections: list[tuple[int, int]] | None = None  # __xchg() variant", invites nothing)
    for found in _INVITED.finditer(quoted):
        if found[0].lower() != "let me know":
            return True
        if objections is None:
            objections = [(m.start(), m.end()) for m in _ASKS_OBJECTIONS.finditer(quoted)]
        if not any(start <= found.start() and found.end() <= end for start, end in objections):
            return True
    return False


# "a follow-up that I'd like tracked as well:" anywhere in the answer asks for its list
_WANTS_TRACKED = re.compile(r"\b(?:like|want|wish)(?: it| this| that| them)? tracked\b"
                            r"|\btrack(?:ed)? (?:it |this |that )?as well\b"
                            # "a small related series that I would like to see in 4.33"
                            r"|\b(?:series|patch(?:es)?|fix(?:es)?|one) (?:that |which )?(?:I|we)"
                            r"(?:[\x27’]d| would) (?:like|love) to see (?:in|for)"
                            r" (?:\d+\.\d+|this release|the release)\b"
                            # "Can you put 1 and 2 on the list?" under the sender's own list
                            r"|\b(?:put|add|have|take) (?:them|these|those|both|all of them|\d"
                            r"(?:,? (?:and )?\d){0,3}|the (?:first|last) (?:one|two|three))"
                            r" (?:on|to|onto) (?:the|your) list\b"
                            # "Could you add it under x86?" over the series' subject below
                            r"|\b(?:could|can|would) you (?:please )?(?:add|list|track)"
                            r" (?:it|this|that|them)(?: (?:under|in) (?:the )?[\w/.-]{1,20}"
                            r"(?: section)?| to (?:the|your) (?:[\w/.-]{1,20} )?(?:list|section"
                            r"|tracker))?\s*\?|\bplease (?:add|list|track) (?:it|this|that|them)"
                            r" (?:under (?:the )?[\w/.-]{1,20}|to (?:the|your) (?:[\w/.-]{1,20} )?"
                            r"(?:list|section|tracker))\b", re.I)
# what a listed line says of itself that takes it off the list again
_KEPT_OFF_LIST = re.compile(r"\b(?:don[\x27’]?t|do not) (?:put|add|list|track) (?:it|this|that)\b"
                            r"|\bleave (?:it|this|that) off\b", re.I)
_DISMISSED = re.compile(r"\b(?:ignore (?:that|this|it)|don[\x27’]?t (?:list|track|add) it|no need"
                        r" to (?:list|track)|(?:went|got) in (?:ages|long) ago|already (?:in|done|"
                        r"committed|merged|listed|tracked))\b", re.I)


# a bare patch-subject line: "x86/PoD: defer nested P2M flushes", "tools: add ..."
_SUBJECT_LINE = re.compile(r"^\s*[\w.+-]+(?:\s?/\s?[\w.+-]+)*(?:\(\))?: [\w\"'(]")


def _bare_list(lines: list[str], called: bool = False) -> set[int]:
    """Lines of a bare list of series titles: a run of two or more short lines, after
    the sender's lead-in that ends with a colon, most of them patch subjects
    ("x86/PoD: defer nested P2M flushes"): a list without bullets, as mail-reading
    developers paste Subjects. Commits asked for by id and subject ("3fa9c2e1d0" over
    "x86/vpt: fix a race ..."), a paragraph each, go on the list as long as paragraphs of them
    follow the lead-in; or with no lead-in, under the post's call for more (`called`: "let
    me know what else the branch needs") or over the sender's ask ("The first two are stable
    material"). A `git log` command pasted over them is no line of the list."""
    found: set[int] = set()
    number, listing = 0, False
    while number < len(lines):
        if _SHELL.match(lines[number]):
            number += 1  # "$ git log --oneline v7.2.14.." over what it printed
            continue
        end = number
        while end < len(lines) and lines[end].strip() and not _LIST_LINE.match(lines[end]):
            end += 1
        run = range(number, end)
        commits = _commit_run(lines, run)
        if not commits and end - number >= 2 and lines[number].rstrip().endswith(":") and \
                _commit_run(lines, range(number + 1, end)):
            number, run, commits = number + 1, range(number + 1, end), True  # the lead-in
            # line right over its commits, no blank line between them
        lead = _paragraph_above(lines, number) if commits else ""
        reports = _reports(lead)
        vetoed = commits and bool(_SAID_OF_THEM.search(_below(lines, end))
                                  or _put_off(lead) or _SAID_OF_THEM.search(lead))
        if commits and not vetoed and (listing or _led_in(lines, number) and _asks_for_commits(
                lead) or (not lead or _SHELL.match(lines[number - 1] if number else "")) and called
                or not reports and not _REFUSES.search(lead) and _asks_after(lines, end)):
            found.update(run)
            listing = True
        elif len(run) >= 2 and _led_in(lines, number) and all(
                len(lines[n].strip()) <= 100 and _title_like(lines[n].strip()) for n in run) \
                and 2 * sum(bool(_SUBJECT_LINE.match(lines[n])) for n in run) > len(run):
            found.update(run)
            listing = False
        elif run:
            listing = False
        number = end + 1
    return found


# a commit by its id, alone on a line or before its subject: "3fa9c2e1d0", "b71e0a44c9
# xen/sched: don't leak ...", 'commit 3fa9c2e1d0 ("x86/vpt: fix a race ...")'
_COMMIT_ID = re.compile(rf"^\s*(?:commit\s+)?(?P<id>{COMMIT_ID})(?P<colon>:)?"
                        r"(?:\s+(?P<subject>\S.{0,160}?))?\s*$")  # ("0c9e31a: x86: ...")


# a lead-in that reports what was done with the commits below: news of them, not asks
_REPORTS = re.compile(r"\b(?:applied|committed|pushed|queued|backported|picked|taken|merged|"
                      r"went in|are in|is in|got in|already|have been|has been|were|was|did|"
                      r"reverted|dropped|skipped|rejected|include[sd]|contains?|(?:here is|these"
                      r" are|this is) (?:what|the list|my)|log|shortlog)\b", re.I)


_POLITE_WORD = r"\b(?:please|could|can|would|shall)\b"
# a lead-in that names one more of what the post lists, the commit on the lines below it:
# "the other one I know of is", "another candidate is" (not "the last commit that works is")
_OTHER_ONE = (r"\b(?:the )?(?:other|another|one more) (?:one|commit|fix|backport|candidate)s?"
              r"(?: (?:I|we)(?:[\x27’]m| am|[\x27’]re| are) aware of| (?:I|we) know of"
              r"| (?:I|we) (?:have|had) in mind)? (?:is|are)\s*$")
_POLITE = re.compile(_POLITE_WORD, re.I)
_ASKS_FOR = re.compile(_POLITE_WORD + r"[^:]{0,80}?\b(?:add(?:ed)?|backport(?:ed)?|consider(?:ed)?"
                       r"|tak(?:e|en)|pick(?:ed)?|queue(?:d)?|includ(?:e|ed)|appl(?:y|ied)|get"
                       r"|go in)\b|\b(?:I|we)(?:[\x27’]d| would) like\b"
                       r"|\bwould be (?:good|nice|great|useful|welcome)\b"
                       r"|\b(?:propose|nominate|request|missing|candidates?|backports?)\b"
                       # "two we have been carrying downstream:", "the ones I forgot about:"
                       r"|\b(?:we|I)(?:[\x27’]re| are| have been)? carry(?:ing)?\b"
                       r"|\bforgot (?:to (?:include|add|pick|list|queue)|about)\b"
                       # "one more for the Arm list which I think you missed:"
                       r"|\bone more (?:for|to add to) (?:the|your|this) (?:[\w-]+ )?list\b"
                       r"|\bworth (?:picking|backporting|including|taking)\b"
                       r"|\bneeds? (?:a |this |these |the )?follow-?ups?\b"
                       # the RM's own addition under the call: "the other one I know of is"
                       r"|" + _OTHER_ONE, re.I)
_REFUSES = re.compile(r"\b(?:not|n[\x27’]t|no need|nak|rather not|instead)\b", re.I)


def _reports(lead: str) -> bool:
    """Whether the sender's words tell what was done with what follows ("I've applied the
    following:"), unless they ask politely ("could these be applied as well:")."""
    return bool(_REPORTS.search(lead)) and not _POLITE.search(lead)


def _asks_for_commits(lead: str) -> bool:
    """Whether the sender's lead-in asks for the commits below ("Could these go in
    as well:", "Please backport these:"), rather than report on them ("I've applied
    the following:", "These are NOT needed:", "The culprit is:")."""
    return bool(_ASKS_FOR.search(lead)) and not _REFUSES.search(lead) and not (
        _reports(lead))


# what a commit's subject cannot start with: a verb saying what it did, a dash of prose,
# another hex word (a stack dump, checksums)
_NOT_A_SUBJECT = re.compile(r"^(?:-|(?:is|was|went|passed|failed|are|has|have|got|needs?)\b"
                            r"|\+?0x|[0-9a-f]{8,}\b)", re.I)


def _commit_subject(text: str) -> bool:
    text = text.strip()
    return _title_like(text) and not _NOT_A_SUBJECT.match(text) and not _DISMISSED.search(text)


def _commit_run(lines: list[str], run: range) -> bool:
    """Whether a paragraph is commits: each an id with its subject, or an id line over
    a subject line."""
    numbers = list(run)
    if not numbers:
        return False
    while numbers:
        found = _COMMIT_ID.match(lines[numbers[0]])
        if found is None:
            return False
        if found["subject"]:
            if not _commit_subject(found["subject"]) or found["colon"] and not \
                    _SUBJECT_LINE.match(found["subject"]):
                return False  # ("3fa9c2e1d0: breaks the arm build", a hexdump's offset)
            numbers = numbers[1:]
        elif len(numbers) >= 2 and _commit_subject(lines[numbers[1]]):
            numbers = numbers[2:]
        else:
            return False
    return True


_SHELL = re.compile(r"^\s*\$ \w")  # a command the sender ran: "$ git log --oneline ..."
# the post's call for more, quoted above the sender's commits: "tell me which other fixes
# the stable branch should get", "anything else for the release?"
_CALLS_FOR_MORE = re.compile(
    r"\b(?:(?:please (?:respond|reply)|let me know|tell me)\b[^.?!]{0,80}?\b(?:patch(?:es)?"
    r"|fix(?:es)?|commits?|backports?|items?|missing|lacks|included|go in)|additional (?:patches"
    r"|commits|fixes|items)|anything else|what else|(?:should|could) (?:also )?be (?:included"
    r"|considered|added|reviewed|part of (?:the|this) release)|(?:patches|commits|fixes) (?:I|we)"
    r" (?:missed|forgot)"
    # "please point out the patches to look at", "if there is something ..., point it out"
    r"|please point (?:it |them |these |those )?out|point out (?:the )?(?:patch(?:es)?|fix(?:es)?"
    r"|series))\b", re.I)


# the sender's ask right under commits listed without a lead-in
_ASKS_AFTER = re.compile(
    r"^\W*(?:(?:all|both|these|those|the (?:first|last) (?:two|three|one)|they)\b[^.?!]{0,40}?"
    r"\b(?:stable material|candidates?(?! for (?:revert|drop|remov))|worth (?:picking|backporting"
    r"|including|having|taking)"
    r"|go(?:es)? (?:in )?together|(?:queue|take|pick) (?:them|it|both)"
    r"|(?:good|nice|great) to have|should (?:also )?go in|apply cleanly|needed (?:for|in) (?:the"
    r" )?stable)|please (?:pick|take|include|consider|queue|backport|add)\b)", re.I)


# a lead-in over addresses that asks for what they hold: "need the following two fixes:", "I'd
# like these in:" (not "v5 is out, here:", which is news of an item)
_ASKS_ADDRESSES = re.compile(r"\b(?:following|these|those|both|(?:two|three|four) (?:fix(?:es)?"
                             r"|patch(?:es)?|series))\b", re.I)
_WANTS = re.compile(r"\b(?:need(?:s|ed)?|want(?:s|ed)?|like|please|could|would|should|include"
                    r"|push|merge|add|pick|consider|missing)\b", re.I)


def _asks_for_addresses(lead: str, states_something) -> bool:
    return bool(_ASKS_ADDRESSES.search(lead) and _WANTS.search(lead)) and not (
        states_something(lead) or _REFUSES.search(lead) or _put_off(lead))


# the sender's words over an address that want it in: "it would be nice to have this
# merged:", "a small fix that still needs merging:", "we would like to add the fix for the
# failing test.", "the runner wants an update as well:"
_OFFERS_OVER_ADDRESS = re.compile(
    r"\bhope (?:we|you) (?:can|could|will) (?:get|merge|include|take|pick|have|land|apply)\b"
    r"|\b(?:may|might|will|would) need (?:to be )?(?:merg|review|includ|updat|pick|bump|appl)\w*"
    r"|\bneeds? (?:to be )?(?:merg|review|includ|updat|pick|bump|appl)\w*"
    r"|\b(?:I|we)(?:[\x27’]d| would) (?:like|love) (?:to )?(?:add|get|include|merge|have|land|see"
    r"|pick|take)\b"
    r"|\bwould be (?:good|nice|great) to (?:have|merge|get|include|land|pick|take)\b"
    r"|\bnice to (?:have|merge|get|include)\b"
    # "I'd like the fix for X to go in too", "we would like it to be part of the release"
    r"|\b(?:I|we)(?:[\x27’]d| would) (?:like|love|want) (?:this|it|the|my|our|these|that)\b"
    r"[^.;:?!]{0,80}? to (?:go in|get in|land|make it|be (?:merged|included|part of|picked up"
    r"|applied|in (?:the|this)))\b(?! notes\b)(?![^.;:?!]{0,30}\b(?:eventually|later|after"
    r"|next (?:release|cycle|time))\b)"
    r"|\bplease (?:have a look at|look at|review|consider|pick(?: up)?|take|merge|apply|include)"
    r" (?:this|it|my|our|these|the (?:patch|fix|series|change))"
    r"|\b(?:should|must) (?:also )?(?:go in|be (?:merged|included|part of|updated|reviewed))\b"
    # "you should take this fix as well:" (the sender's wish, not "we should not")
    r"|\b(?:we|you) should (?:also )?(?:include|merge|take|pick(?: up)?|apply|add) (?:this|these"
    r"|it|the (?:patch|fix|series|change)|my|our)\b"
    r"|\b(?:I|we)(?: have|[\x27’]ve)? (?:sent|posted|have) (?:a|one|another|two|three|some)"
    r"(?: (?:small|tiny|simple|minor|quick|more))? (?:fix|patch|series|change)(?:es|s)?\b",
    re.I)


# said under a patch's address: it waits to be taken ("... is still not applied.")
_PENDING = re.compile(r"^[^\w\s]*\s*(?:(?:it|this|that|which)\s+)?(?:(?:is|are|has|have)n[\x27’]t"
                      r"|(?:(?:is|are|has|have)\s+)?(?:still\s+)?not)(?:\s+been)?\s+(?:yet\s+)?"
                      r"(?:applied|merged|picked up|queued|included)\b", re.I)
# ... and what makes the wait the sender's wish: "not applied since it breaks arm", "that's
# fine, it can wait", "Jan NAKed it", "which is deliberate"
_WAITS_ON_PURPOSE = re.compile(r"\b(?:because|since|as it|breaks?|broke|deliberate(?:ly)?"
                               r"|on purpose|nak(?:ed)?|fine|can wait|should(?:n[\x27’]t| not)"
                               r"|(?:does|do)(?:n[\x27’]t| not) need|that way|later|next"
                               r"|after|skip|revert)\b|\bfor \d+\.\d+", re.I)
_POINTER = re.compile(r"^\W*(?:this|that|the following|my|our) (?:one|patch|fix|series"
                      r"|change|commit)\b", re.I)


def _pending_below(lead: str, lines: list[str], number: int) -> bool:
    """ "This patch (fixes the Windows installer)" over its address, "is still not applied."
    under it: the sender points at a patch that waits, under a call for the release."""
    if not _POINTER.match(lead) or _REFUSES.search(lead):
        return False
    at = next((n for n in range(number + 1, min(number + 4, len(lines)))
               if lines[n].strip() and not _URL_ONLY.match(lines[n])), None)
    if at is None or not _PENDING.match(lines[at]):
        return False
    said = _paragraph_from(lines, at, 1)  # its wrapped lines too
    return "?" not in said and not _WAITS_ON_PURPOSE.search(said)


def _lead_above(lines: list[str], number: int, most: int = 6) -> str:
    """The sender's words over an address: the nearest lines above that are no address
    (a run of addresses shares its lead), at most `most` of them, as one line."""
    found: list[str] = []
    at = number - 1
    while at >= 0 and number - at <= 60 and (not lines[at].strip() or _URL_ONLY.match(lines[at])):
        at -= 1  # (blank lines and the addresses of the same run)
    while at >= 0 and lines[at].strip() and not _URL_ONLY.match(lines[at]) and len(found) < most:
        found.insert(0, lines[at])
        at -= 1
    return " ".join(" ".join(found).split())


def _offered(lead: str) -> bool:
    """Whether the paragraph over an address offers it for the release, rather than
    report a failure or news of it ("it fails here:", "v2 went in:"). The post's call for
    patches need not be quoted: "hoping we can land this one:" under a colleague's mail
    offers it as well. The sentence that offers is judged, not its neighbours ("It is a
    two-line change, it cannot break anything.") nor its reason ("..., otherwise X is not
    picked up"). A paragraph that names its title ('We would like "x86: fix Y" on the
    list:') asks for that title: the address is its link."""
    return not _QUOTED_ANYWHERE.search(lead) and any(
        _OFFERS_OVER_ADDRESS.search(sentence) and not (
            _REFUSES.search(sentence) or _put_off(sentence)
            or _reports(sentence))
        for sentence in _REASON_OR_END.split(lead))


# what leaves an offer a proposal: "maybe we should take this fix as well:", "I wonder
# whether we should take this fix:" (a hope, "hoping we can land this one:", and a polite
# "this may need merging:" are the ask itself)
_DOUBTS = re.compile(r"\b(?:maybe|perhaps|probably|possibly|not sure|I guess|I doubt"
                     r"|not certain|wonder(?:ing)?|whether|if we should)\b", re.I)


# where the sender's lead-in files what it lists: "Please also add this one under common,
# it's related:", "two more for the x86 section:"
_FILED_UNDER = re.compile(r"\b(?:under|into|in|to|for) (?:the )?(?P<where>[\w/.+-]{1,40}"
                          r"(?: [\w/.+-]{1,40}){0,2}?)(?: (?:section|list|part|heading))?"
                          r"(?=\s*[,:;.]|\s*$)", re.I)


def _section_in_lead(lead: str, titles: list[str]) -> str:
    """The post's section a lead-in ending in ':' files the items below it under, by its
    title as the post writes it (not "for the list:", which names no section of it)."""
    if not lead.rstrip().endswith(":"):
        return ""
    wanted = {title.lower(): title for title in titles}
    filed = next((wanted[where["where"].lower()] for where in _FILED_UNDER.finditer(lead)
                  if where["where"].lower() in wanted), "")
    if filed:
        return filed
    last = re.split(r"(?<=[.!?])\s+", lead.strip())[-1]  # "A few x86 things I'd like on the
    named = {wanted[area.lower()] for area in _AREA_WORK.findall(last)  # radar for 4.33:"
             if area.lower() in wanted and not _STATE_TITLE.match(area)}
    return named.pop() if len(named) == 1 and not _NOT_AREA.search(last) else ""


# a section of the list's own states, no area a lead-in's word files items under
_STATE_TITLE = re.compile(r"^(?:completed|done|deferred|dropped|blockers?|open|closed|merged"
                          r"|pending|blocked|fixes|others?|misc|features|bugs)$", re.I)
# an area named as the kind of the work listed: "A few x86 things", "two more ARM patches"
_AREA_WORK = re.compile(r"\b([\w/.+-]{1,30}) (?:things|items|series|patch(?:es)?|fixes|ones|bits"
                        r"|changes|work)\b", re.I)
_NOT_AREA = re.compile(r"\b(?:not|no|neither|nor|though)\b|n[\x27’]t\b", re.I)


def _plain(lines: list[str], at: int, used: set[int]) -> bool:
    """Whether a line is the sender's own prose: no title, address or line of an item
    listed above it, nor indented under one (its wrapped words)."""
    line = lines[at]
    return bool(line.strip()) and at not in used and not _URL_ONLY.match(line) and not (
        _LIST_LINE.match(line)) and line[:1] not in " \t"


def _lead_at(lines: list[str], at: int) -> str:
    """The sender's lead-in over a run of listed titles, from the nearest plain line above
    them (`_plain`), when it ends in ':'."""
    return _paragraph_above(lines, at + 1) if at >= 0 and lines[at].rstrip().endswith(
        ":") else ""


# what the words below a list say to hold one of its entries back: "The third exists only in
# my tree so far ... so maybe leave it off the list until it is actually posted."
_HOLDS_BACK = re.compile(r"\b(?:leave (?:it|that one|this one) (?:off|out)|not sure|maybe|perhaps"
                         r"|until it is (?:actually )?posted|only in my tree|can wait"
                         r"|not (?:for|in) this release)\b", re.I)
_ORDINALS = (("first", 0), ("second", 1), ("third", 2), ("fourth", 3), ("fifth", 4),
             ("last", -1))


def _held_back(changes: list[Change], lines: list[str], starts: set[int]) -> list[Change]:
    """The entries of a numbered list that a sentence right below it holds back by their
    number ("The third is only in my tree, so perhaps leave it off"): proposed for the RM,
    not asked for."""
    numbered: dict[int, int] = {}  # the list's number → the change it made
    for n, change in enumerate(changes):
        mark = _NUMBER_MARK.match(change.evidence.words)
        if change.kind is ChangeKind.NEW and "listed" in change.reasons and mark:
            numbered[int(mark[1])] = n
    if len(numbered) < 2 or not starts:
        return changes
    below = _paragraph_from(lines, max(starts) + 1, 1, lambda line: line[:1] in " \t"
                            or bool(_URL_ONLY.match(line)))
    held: set[int] = set()
    for sentence in re.split(r"(?<=[.!?;])\s+", below):
        said = _OPENS_WITH_PLACE.match(sentence)
        if said and _HOLDS_BACK.search(sentence):
            place = dict(_ORDINALS)[said[1].lower()]
            number = max(numbered) if place < 0 else place + 1
            if number in numbered:
                held.add(numbered[number])
    return [replace(c, confidence=min(c.confidence, 0.5)) if n in held else c
            for n, c in enumerate(changes)]


_NUMBER_MARK = re.compile(r"^\s*\(?(\d{1,2})[.)]\s")
_OPENS_WITH_PLACE = re.compile(r"^\W*(?:but |and |as for )?the (first|second|third|fourth|fifth"
                               r"|last)(?: one| entry| item| series)?\b(?! (?:two|three|few))",
                               re.I)


def _with_line_above(lines: list[str], number: int) -> str:
    """A line with the one above it when that one runs on into it (a lead-in wrapped over
    two lines), not a heading or another lead-in of its own."""
    above = lines[number - 1] if number else ""
    joined = above.strip() and not above.rstrip().endswith(":") and not _LIST_LINE.match(above)
    return f"{above} {lines[number]}" if joined else lines[number]


def _doubted_lead(lead: str) -> bool:
    """Whether the sender's lead-in right over a listed title doubts it is wanted."""
    return lead.rstrip().endswith(":") and bool(_DOUBTS.search(lead))


# where the sentence that offers ends: its end, or the reason given after it ("..., as
# otherwise the new timeouts are not picked up")
_REASON_OR_END = re.compile(r"(?<=[.!?])\s+|,\s{0,3}(?:otherwise|because|since|as)\s", re.I)


def _paragraph_from(lines: list[str], at: int, step: int, skip=lambda _line: False) -> str:
    """The nearest paragraph from line `at` on, going `step` (1 down, -1 up), blank lines
    and `skip`ped ones aside, as one line in reading order."""
    while 0 <= at < len(lines) and (not lines[at].strip() or skip(lines[at])):
        at += step
    found: list[str] = []
    while 0 <= at < len(lines) and lines[at].strip():
        if not skip(lines[at]):
            found.append(lines[at])
        at += step
    return " ".join(" ".join(found[::step]).split())


def _paragraph_above(lines: list[str], number: int) -> str:
    """The sender's paragraph right above a line (a command aside), as one line: a lead-in
    wraps ("... would be good for 7.2 too (riscv, same area as\n#27):")."""
    return _paragraph_from(lines, number - 1, -1, _SHELL.match)


def _below(lines: list[str], end: int) -> str:
    """The sender's paragraph right under a run of lines, as one line."""
    return _paragraph_from(lines, end, 1)


# what the words under pasted commits say of them that takes them off the list: "So nothing
# is missing", "All of these are already merged", "These were reverted", "Both fail to build"
_SAID_OF_THEM = re.compile(r"\b(?:already|reverted|revert(?:ing)?|nothing (?:is )?missing"
                           r"|fail(?:s|ed|ing)?|broke|break|breaks|culprit|bisected|tested"
                           r"|no problems|reviewed|understand why|not urgent"
                           r"|not (?:needed|wanted|for)"
                           r"|don[\x27’]?t (?:take|pick|apply))\b", re.I)


def _asks_after(lines: list[str], end: int) -> bool:
    """Whether the paragraph right under a run of commits asks for them."""
    below = _below(lines, end)
    return bool(_ASKS_AFTER.match(below)) and not _REFUSES.search(below)


# what a quoted subject in a listed line is cited as, when it is not the item: the commit
# that caused a regression the line reports
_CITED = re.compile(r"\b[0-9a-f]{7,40}\b|\b(?:commit|since|by|caused|culprit|revert\w*|after"
                    r"|tested|reviewed)\b", re.I)


def _bare_id_above(lines: list[str], number: int) -> str:
    """The id of a commit written alone on the line above, whose subject this line is."""
    above = _COMMIT_ID.match(lines[number - 1]) if number else None
    return above["id"] if above and not above["subject"] else ""


def _commit_line(lines: list[str], number: int) -> bool:
    """A line of a commit paragraph: an id, or the subject under an id alone."""
    return bool(_COMMIT_ID.match(lines[number]) or _bare_id_above(lines, number))


def _commit_title(lines: list[str], number: int) -> str:
    """The title of a listed commit: its id and subject, the subject's quotes dropped."""
    line = lines[number].strip()
    found = _COMMIT_ID.match(line)
    if found is None:
        above = _bare_id_above(lines, number)
        return f"{above} {line}" if above else line
    subject = re.sub(r"^\(\s*[\"“](.*)[\"”]\s*\)$|^[\"“](.*)[\"”]$",
                     lambda m: m[1] or m[2] or "", (found["subject"] or "").strip())
    return f"{found['id']} {subject}" if subject else ""


_PATCH_TAG = re.compile(r"^\s*\[[^\[\]\n]{0,40}\bPATCH\b[^\[\]\n]{0,40}\]\s*")
_PROSE_AFTER_TOPIC = re.compile(r"^[^:]{1,40}:\s+(?:the|a|an|this|that|it|we|i|my|our|no|nothing"
                                r"|not|still|same|also)\b", re.I)
_OPENING_SUBJECT = re.compile(r"^(?P<title>[^()]{8,160}?)(?: \((?P<details>[^()]{1,120})\))?"
                              r"(?:\.\s|\.?$)")


def _subject_paragraph(lines: list[str], states_something
                       ) -> tuple[str, str, list[int]] | None:
    """(title, details, its lines) when the answer's first paragraph opens with a patch
    subject ("x86/HVM: don't let guests clear CR4.MCE (v2, posted Thursday). It's a fix")."""
    first = next((n for n, line in enumerate(lines) if line.strip()), None)
    if first is None or not _SUBJECT_LINE.match(_PATCH_TAG.sub("", lines[first], count=1)):
        return None  # ("[PATCH v3] x86/ucode: ..." as `git send-email` pastes it)
    end = next((n for n in range(first, len(lines)) if not lines[n].strip()), len(lines))
    found = _OPENING_SUBJECT.match(" ".join(" ".join(lines[first:end]).split()))
    if not found or not _title_like(found["title"]) or states_something(found["title"]) or \
            _PROSE_AFTER_TOPIC.match(found["title"]):
        return None  # "xen/arm: the GICv4 work won't be ready": prose after a topic
    said = found.group(0) + " "  # its lines: the first, and those the subject fills whole
    taken = [first, *(n for n in range(first + 1, end) if " ".join(lines[n].split()) in said)]
    return found["title"].strip(), found["details"] or "", taken


# 'Yes please: "Tooling: xenstored watch leak on domain destroy". Every destroyed ...'
_QUOTED_OPENING = re.compile(r"^(?:(?:yes|yeah|one more)\b[^\"“\n]{0,20}"
                             r"|please (?:add|track|include)\b[^\"“\n]{0,20})"
                             r"[\"“](?P<title>[^\"”\n]{8,120})[\"”]\s*(?:[.:;]|$)", re.I)


def _quoted_opening(lines: list[str], entries: list[Entry]
                    ) -> tuple[str, str, list[int]] | None:
    """(title, "", its line) when the answer to "Anything else?" opens with a quoted title."""
    first = next((n for n, line in enumerate(lines) if line.strip()), None)
    if first is None:
        return None
    found = _QUOTED_OPENING.match(lines[first].strip())
    if not found or not _title_like(found["title"]) or len(found["title"].split()) < 3:
        return None  # ('Yes, although "working on" is generous': words of the post's)
    known = best_item(found["title"], entries)
    if known is not None and known[1] >= 90:
        return None  # 'Yes, "Core scheduling (v4)" should say v5 now': a listed item
    return found["title"].strip(), "", [first]


def _line_above(lines: list[str], number: int) -> str:
    """The sender's last line before `number`, blank lines aside ("" at the top)."""
    return next((line for line in reversed(lines[:number]) if line.strip()), "")


def _led_in(lines: list[str], number: int) -> bool:
    """Whether the sender's last line before `number` (blank lines aside) ends with ':'."""
    before = _line_above(lines, number)
    return bool(before) and (before.rstrip().endswith(":") or bool(_ASKS_BELOW.search(
        before) or _INTRODUCES.search(before)))  # "Please also track" over the subject's
    # own line; "the other one I know of is" over the commit it names


_FINISHED = re.compile(r"^\W*(?:done|committed|merged|fixed|pushed|applied|in|dropped"
                       r"|still (?:open|waiting|pending))\b", re.I)
_ENDS_FINISHED = re.compile(r",\s*(?:done|committed|merged|fixed|still (?:open|waiting|pending))"
                            r"\W*$", re.I)  # "(2) S3 regression, still open"
_TRACK = re.compile(r"\btrack(?:ed|ing)?\b", re.I)  # "Could it be tracked for 4.19?"
# a reviewer's word on a patch sent with its subject: news of the patch, no ask
_REVIEWED = re.compile(r"\b(?:reviewed|looks (?:fine|good|ok)|lgtm|acked|tested)\b", re.I)
# the paragraph over a patch's subject that wants it in: "the inotify11 fix should go in too"
_WANTS_IN = re.compile(r"\b(?:should|must|needs? to|ought to) (?:also )?(?:go in|be (?:included"
                       r"|merged|picked(?: up)?|applied|queued|tracked|in))\b", re.I)
_INTRODUCES = re.compile(_OTHER_ONE, re.I)
_ASKS_BELOW = re.compile(r"\b(?:please|could you|can you)(?: also)? (?:track|add|include)\s*$",
                         re.I)


# one word that names a piece of work: a test ("mmap21", "msync05") or an identifier
# ("sched_rr_tests"); not a version, a branch, a subsystem nor a commit id ("8.1",
# "stable-8.1", "hw/nvme", "4f1c2e9a7b")
_ONE_NAME = re.compile(r"(?<!\w)(?:[A-Za-z][A-Za-z_]{2,}\d+[a-z]?|[a-z]{2,}(?:_[a-z0-9]+)+)")


_TO_THE_READER = re.compile(r"please\s+(?:find|see|look|check|note|read|refer)\b",
                            re.I)


def _title_like(text: str) -> bool:
    if _TRAILER.match(text):
        return False  # "Reviewed-by: Ann Other <ann@example.org>": a trailer, no title
    tagged = TAG_RE.match(text)
    if tagged:  # "[BUG] xl save/restore ... on restore (Matthias Krenn)": a line in a 2012
        # post's own format; its tag and its owners are no words to judge the title by (the
        # new item keeps them as written: the draft writes the line back in that format)
        text = text[tagged.end():]
        owners = trailing_paren(text)  # (as the post reader finds a 2012 item's owners)
        text = owners[0] if owners else text
    words = text.split()
    if not 2 <= len(words) <= 18 or text.rstrip().endswith(("?", ":")) or _SAYS.match(text) \
            or _REPORT_LINE.search(text):
        return False
    if _CODE.search(text) or re.search(r"(?:,|\b(?:and|or|but|the|a|an|to|of|at|with|by"
                                       r"|from|into|is|are|e\.g\.|i\.e\.))$", text.rstrip()):
        return False  # code, or a wrapped sentence
    if _TO_THE_READER.match(text):
        return False  # "Please find the image's setup in e.g. <URL>": where to look, no title
    if re.search(r"[a-z]\. +(?-i:[A-Z][a-z])", text):
        return False  # "break the build on Arm. The fix is at": two sentences of prose
    ends = text.rstrip().endswith(".") and not (text.rstrip().endswith("...") and ": " in text
                                                and ", " not in text)  # (a subject cut
    # short, "x86/hpet: stop the timer before ...", ends no sentence)
    return not (ends and (len(words) > 10 or ": " in text))


def _joined(lines: list[str], number: int) -> str:
    """A list line with the lines that continue it (wrapped, not a new bullet)."""
    text = [lines[number]]
    for line in lines[number + 1:]:
        if not line.strip() or _LIST_LINE.match(line) or _URL_ONLY.match(line) or \
                _FIELD_LINE.match(line):
            break  # "Status: v1 posted" under a title in the post's own format is its field
        said = line.strip()
        if said[:1].isupper() and said[-1:] in ".?!" and not text[-1].rstrip().endswith(
                (",", "(", "-", "/", ":")):
            break  # "Not sure this one counts, so maybe not." under a title: a sentence of
            # the sender's about it, no wrapped part of it
        text.append(line)
    return " ".join(" ".join(text).split())


# stands in the text left for reading where a listed new item was: the sentences after
# it describe that item, not the one quoted above ("It was posted before the deadline.")
LISTED_HERE = "[a new item was listed here]"


# the forms git itself prints a commit in, pasted into a reply: `git log`'s block ("commit
# <id>", Author:/Date: lines, a blank line, the subject indented) and a round-up's numbered
# line ("07 3fa9c2e1d0 Jonas Berg:" over the indented subject)
_LOG_HEADER = LazyPattern(rf"^commit (?P<id>{COMMIT_ID})\b[^\n]*\n(?:[A-Z][\w-]*: [^\n]*\n)+"
                         r"\n(?P<subject>[ \t]{2,}\S[^\n]*)\n?"
                         r"(?:[ \t]{2,}\S[^\n]*\n?|\n(?=[ \t]{2,}\S))*", re.M)
_NUMBERED_COMMIT = LazyPattern(rf"^\d{{1,3}}\*?[ \t]+(?P<id>{COMMIT_ID})[ \t]+[^\n:]{{2,60}}:"
                              r"[ \t]*\n(?P<subject>[ \t]{2,}\S[^\n]*)$", re.M)


def compact_commits(text: str) -> str:
    """Each commit git printed at length, as one line of its id and subject: the form a
    commit paragraph of the reply is read in. A `git log` block loses its message too (the
    commit's words, not the sender's)."""
    if "commit " not in text and ":\n" not in text:
        return text
    text = _LOG_HEADER.sub(lambda m: f"{m['id']} {m['subject'].strip()}\n", text)
    return _NUMBERED_COMMIT.sub(lambda m: f"{m['id']} {m['subject'].strip()}", text)


# a group's lead-in that puts its bullets off, not forward: no items for this release
_PUT_OFF = LazyPattern(
    r"\b(?:postpone[ds]?|defer(?:red)?|after the (?:release|tag)|(?:for|to|until) the next"
    r" (?:release|cycle)|can wait|no need to rush|(?:is|are) not (?:needed|wanted|urgent|ready)"
    r"|not (?:ready|for this release)|leave (?:these|them|those) out|review (?:these|them|those)"
    r" first|already (?:merged|in|applied|committed)|(?:were|was|got) (?:merged|applied"
    r"|committed|pushed)|tested|known (?:failures|issues|problems)"
    r"|(?:fail|fails|failing) (?:on|with)"
    r"|nothing from me|(?:dropped|removed|gone) (?:from|off) my list)\b", re.I)
# "failures we have seen:", "things I noticed:": a report of what happened, unless the post
# asks for items to track ("Anything else I should track?" answered "two regressions we hit
# in our CI:")
_SEEN = LazyPattern(r"\b(?:regressions (?:I|we)(?:[\x27’]ve| have)? (?:seen|hit|found))\b", re.I)
_SEEN_ONLY = LazyPattern(r"\b(?:failures (?:I|we)(?:[\x27’]ve| have)? (?:seen|hit|found)"
                         r"|(?:things|issues|problems) (?:I|we) (?:saw|see|noticed|hit|found))\b",
                         re.I)


def _put_off(text: str) -> bool:
    """Words that keep a list from being asked for: put off, done, or only seen."""
    return bool(_PUT_OFF.search(text) or _SEEN.search(text) or _SEEN_ONLY.search(text))


def _group_tail(lines: list[str], number: int) -> str:
    """The prose right under a bullet (and its address): "... but it was merged yesterday"."""
    below = [line for line in lines[number + 1:number + 4] if line.strip()
             and not _URL_ONLY.match(line)]
    return below[0] if below and not _LIST_LINE.match(below[0]) else ""


def _group_leads(lines: list[str]):
    """The prose each bullet's group hangs under (called with the bullet's line number):
    the paragraph of the nearest lines above it that are no bullet, no address and not
    blank, passing over a bullet's wrapped lines (indented under it). Each paragraph is
    found once for the whole list, not searched for again from every bullet."""
    listed = [bool(_LIST_LINE.match(line)) for line in lines]
    prose = [bool(line.strip()) and not listed[n] and not _URL_ONLY.match(line)
             for n, line in enumerate(lines)]
    above: list[int] = []  # the nearest prose line above each line (-1: none)
    last = -1
    for n in range(len(lines)):
        above.append(last)
        last = n if prose[n] else last
    found: dict[int, str] = {-1: ""}

    def ending_at(end: int) -> str:  # the lead whose last prose line is `end`
        passed = []
        while end not in found:
            start = end
            while start > 0 and prose[start - 1]:
                start -= 1
            if start and listed[start - 1] and all(
                    line[:1] in " \t" for line in lines[start:end + 1]):
                passed.append(end)  # a bullet's wrapped lines, not a lead: on up
                end = above[start - 1]
                continue
            found[end] = " ".join(lines[start:end + 1])
        for wrapped in passed:
            found[wrapped] = found[end]
        return found[end]

    return lambda number: ending_at(above[number])


def _names_listed(lead: str, entries: list[Entry]) -> bool:
    """Whether the words over an address give a new version of an item the post lists:
    they name it clearly and say a version went out ("On the shadow resync issue: I sent v2
    this morning:"; not "two more fixes, both found while testing the X series:")."""
    if not _VERSION_SENT.search(lead):
        return False
    head = lead.split(":", 1)[0] if ":" in lead else lead
    naming = named(head, entries) or named(lead, entries)
    return naming is not None and naming.clear


_VERSION_SENT = re.compile(r"\b(?:v\d+|new version|respin|next version)\b[^.;:]{0,40}"
                           r"\b(?:sent|posted|went out|is out|is on the list)\b"
                           r"|\b(?:sent|posted|resent|reposted) (?:out )?(?:v\d+|a new version"
                           r"|the new version|a respin)\b", re.I)


# a line under a listed title that gives its state ("v2 on the list since last week")
_STATE_LINE = re.compile(r"(?:(?:(?-i:[A-Z])[\w-]+[\x27’]s|mine(?: too)?|his|hers|ours|theirs)"
                         r",? {1,3})?"
                         r"(?:v\d+\b|status:|posted\b|sent\b|merged\b|committed\b|acked\b"
                         r"|reviewed\b|needs?\b|waiting\b|under review\b|\(v\d)", re.I)
# (its owner first: "Kenji's, posted on 9 January")
_BULLETED_SERIES = re.compile(r"^\s*[*\u2022-]\s+\[[^\]\n]*\b(?:PATCH|RFC)\b[^\]\n]*\]\s+\S")


def _series_in_bracket_form(lines: list[str]) -> bool:
    """A series written as a 2024 tracking list writes its items ("* [PATCH v2 0/3] title [",
    its address, "]:"): offered for the list, wherever it stands."""
    for number, line in enumerate(lines):
        if _BULLETED_SERIES.match(line):
            below = [x.strip() for x in lines[number + 1: number + 4]]
            if any(_URL_ONLY.match(x) or x.startswith("http") for x in below) and any(
                    x in ("]", "]:") for x in below):
                return True
    return False


def listed_items(text: str, entries: list[Entry], message: Message, quoted: str,
                 states_something, under_item: bool = False,
                 asked_before: bool = False) -> tuple[list[Change], str]:
    """New items the sender lists in lines of their own: bullets, a numbered
    brain-dump ("1) Refresh X. 2) Y"), a line in the post's own format, or a
    title with its URL on the next line. Each goes to the section the sender
    names in a heading line, else to "unsorted" for the RM.
    `asked_before`: a block above in the same mail asked for a title with its address, so
    a title with its address under another quoted heading is asked for too ("For Arm:
    <title> <URL>" ... "> x86:" "<title> <URL>"; not a changelog's bullets).
    Returns the changes and the text left for reading as statements."""
    if len(_INLINE_NUMBER.findall(text)) >= 2:
        text = _INLINE_NUMBER.sub("\n1) ", text)
    text = compact_commits(text)
    titles = section_titles(entries)
    lines = text.splitlines()
    called = bool(_CALLS_FOR_MORE.search(" ".join(quoted.split())))  # (wrapped as quoted)
    bare = _bare_list(lines, called)
    quote_invites = invites(quoted)  # (asked again below: a search of the whole quote, once)
    invited = bool(quote_invites or _INVITED.search(text.split("\n", 1)[0])
                   or _WANTS_TRACKED.search(text)
                   or bare or _files_itself(lines, titles) or _series_in_bracket_form(lines)
                   or any(line.rstrip().endswith(":") and _INVITED.search(
                       _with_line_above(lines, number)) for number, line in enumerate(lines)))
    # ("his fix is now on the blocker list:", a lead-in wrapped over two lines too)
    if (under_item and not invited) or _PATCH_SUBJECT.match(message.subject):
        return [], text  # a summary under an item, a cover letter's changelog: not new items
    changes: list[Change] = []
    used: set[int] = set()
    starts: set[int] = set()  # a new item's first line: what follows it is about that item
    updated: dict[int, str] = {}
    for number, title, details, taken, odds in _stanzas(lines):
        used.update(taken)
        known = best_item(title, entries)
        if known is not None and known[1] >= 90:
            # an updated stanza of a listed item: its P: words are news about that item, and
            # the words after it speak of it ("v7 needs more rework ...")
            odds_only = _BARE_ODDS.fullmatch(odds.strip()) is not None
            updated[number] = f'"{" ".join(title.split())}":' + ("" if odds_only else f" {odds}")
            if odds_only:  # ("P: 0% - not for this release, ..." is read as the words it is)
                changes.extend(_stanza_news(known[0], odds, quoted, entries,
                                            evidence(message, quoted, lines[number].strip())))
            continue
        starts.add(number)
        changes.append(Change(ChangeKind.NEW, f"{title} ({details})" if details else title,
                              (), "", 0.75, evidence(message, quoted, lines[number].strip()),
                              section="unsorted", reasons=("stanza",)))
    section = _quoted_heading(quoted, titles)  # "> == Hypervisor ==" then "Please add:"
    addresses: set[int] = set()  # lines that are an address alone, listed as items
    in_report = False  # under a test report's own heading ("## Build Summary")
    group_lead = _group_leads(lines)
    plain_above = -1  # the nearest plain line above this one (the lines above are settled)
    for number, line in enumerate(lines):
        if number and _plain(lines, number - 1, used):
            plain_above = number - 1
        marked = line.rstrip().endswith(":") or line.lstrip().startswith(("=", "#"))
        heading = _HEADING_LINE.match(line) if marked else None
        named = resolve_section(heading["title"], titles) if heading else ""
        if named and not _LIST_LINE.match(line.rstrip(":")) or (
                heading and line.rstrip().endswith(":") and named):
            section, in_report, _ = named, False, used.add(number)
            continue
        listed = _LIST_LINE.match(line) if not _dash_in_sentence(lines, number) else None
        if _REPORT_MARKDOWN.match(line) or heading is not None and not listed and (
                _REPORT_HEADING.search(heading["title"])):
            in_report = True
        elif not listed and line.strip():
            in_report = False  # the report's list ends at the sender's own words or heading
        if in_report and listed:
            continue  # "* riscv: 9 total, 8 passed, 1 failed" is a result, not an item
        following = lines[number + 1] if number + 1 < len(lines) else ""
        url_next = _URL_ONLY.match(following)
        fields = _fields_below(lines, number) if not listed and not url_next else []
        if fields and number + 1 + len(fields) < len(lines):  # "title" / "owner: X" / URL
            url_next = _URL_ONLY.match(lines[number + 1 + len(fields)])
            fields = fields if url_next else []
        # a title has its own paragraph, or follows the sender's lead-in ("add this one:")
        alone = number == 0 or not lines[number - 1].strip() or _led_in(lines, number)
        title = listed["text"] if listed else (
            _commit_title(lines, number) if number in bare and _commit_line(lines, number)
            else line.strip() if (url_next and alone) or number in bare
            or (alone and _PATCH_SUBJECT.match(line.strip().strip("\"“”")) and (
                _led_in(lines, number) or _WANTS_IN.search(_paragraph_above(lines, number))))
            else "")  # ('  "[PATCH] x86/boot: ..."' in quotes, under "I would like it ...:")
        # (a patch's subject on its own line under "the fix is on the list:" is its title)
        whole = _LIST_LINE.sub(r"\g<text>", _joined(lines, number)) if listed else title
        if listed and TAG_RE.match(title):
            title = whole  # a 2012 item wraps its one sentence over lines: all of it is its title
        said = ""
        if listed and _REPORT_LINE.search(whole):
            continue  # 'Jan said "..." about X', '"x86: Y" fixes the hang for me': a report
        inner = _QUOTED_ANYWHERE.search(whole) if listed and invited and title else None
        if inner and (inner.start() > 40 or _CITED.search(whole[:inner.start()])
                      or not (_SUBJECT_LINE.match(inner[1]) or _PATCH_SUBJECT.match(inner[1]))):
            inner = None  # 'since 1958946858a6 ("drm/amd: ...") users cannot ...': a culprit;
            # 'he said "not before the freeze"': words, not a patch's subject
        if inner and not _QUOTED_TITLE.fullmatch(whole.strip()) and (
                states_something(whole) or not _title_like(whole)):
            # '1) Rebase and resend "x86: drop the old helper", it was acked ...': the
            # quoted title is the item; the words around it, what the sender says of it
            said = re.sub(r"\s+(?=[,;])", "", " ".join(
                f"{whole[:inner.start()]} {whole[inner.end():]}".strip(" ,;:-").split()))
            title = whole = inner[1]
        elif listed and invited and title and (states_something(whole)
                                                or not _title_like(whole)):
            # "1) xen/arm: vgic: fix ITARGETSR byte accesses - v2 posted, <URL>": a title,
            # then what the sender says of it
            head, dash, said = whole.partition(" - ")
            rest = whole[len(title):].strip() if whole.startswith(title) else ""
            if not dash and rest and _STATE_LINE.match(rest) and _title_like(title) and \
                    not states_something(title) and states_something(rest):
                head, dash, said = title, " ", rest  # "1. xen/arm: vpl011: report ... reads"
                # over "v2 on the list since last week": its state, on the line under it
            if not dash and whole.count(": ") >= 2:  # "9pfs: add a cache: v1 posted": a
                head, dash, said = whole.rpartition(": ")  # subsystem's title, its state
                dash = dash if not listed_already(head, entries) else ""
            if not dash and ", " in whole:  # "(2) block-job cancel race fix, needs review"
                head, dash, said = whole.rpartition(", ")  # (a short state, not a clause:
                dash = dash if len(said.split()) <= 4 and states_something(said) and not (
                    said.rstrip().endswith("?") or ": " in head) else ""  # ("AVX: no idea, Jan?")
                # "X is listed under Common by mistake, it belongs in the x86 section")
            if not dash and (clause := _CLAUSE_AFTER.search(whole)):
                # "- the memcg swap fix for memcontrol05, it fails with zswap on:": the work,
                # then a clause of its own on why (or when) it is wanted
                head, dash, said = whole[:clause.start()], ", ", whole[clause.end():]
                dash = dash if len(head.split()) >= 3 and not _STATES_VERB.search(head) else ""
                # (not "X is listed under Common by mistake, it belongs in x86": a sentence)
            if dash and _title_like(head) and not states_something(_PARENS.sub("", head)):
                title = whole = head  # (its "(v2, posted Jan 28)" is the title's details)
            else:
                said = ""
        if _DISMISSED.search(said) or _FINISHED.match(said) or _ENDS_FINISHED.search(whole) or (
                listed and (_KEPT_OFF_LIST.search(said) or not _SUBJECT_LINE.match(whole)
                            and _KEPT_OFF_LIST.search(whole))):  # ("3. perhaps X, but don't
            # put it on the list yet"; not a subject's "x86/hpet: leave it off when ...")
            continue  # "2) the console knob - ignore that one, it went in ages ago", "1. the
            # licensing fix, committed": news of work, no ask
        # (an address offered is asked for, whether the post's call is quoted or not)
        lead = _lead_above(lines, number) if not listed and _URL_ONLY.match(line) else ""
        offered = not under_item and bool(lead) and (_offered(lead) or _pending_below(
            lead, lines, number))
        addressed = offered or not listed and bool(_URL_ONLY.match(line)) and (
            number - 1 in addresses or _led_in(lines, number)
            and _asks_for_addresses(_line_above(lines, number), states_something))
        if (addressed or offered) and _names_listed(lead or _line_above(lines, number), entries):
            continue  # "On the shadow resync issue: I sent v2 this morning:" over its address:
            # the listed item's new version, no new item
        if addressed:  # "... need the following two fixes:" over their addresses, each an item
            title = whole = _URL_ONLY.match(line)["url"]  # (not its "<...>")
            url_next = None
            addresses.add(number)
        if ((listed or addressed) and invited or offered) and title and (
                _ONE_NAME.fullmatch(whole.strip()) or addressed or _URL_ONLY.match(whole)
                and _asks_for_addresses(group_lead(number), states_something)):
            pass  # "- mmap21", "- <patchwork address>": a test's or a series' name alone
        elif not title or not _title_like(whole) or (number not in bare and states_something(
                whole if not (listed and invited) else _PARENS.sub("", whole))):
            # a Subject says no news (a listed one's "(v2, posted Jan 28)" is its details)
            continue
        if number in used:
            continue  # "-  Owner" under a new item's own line is that item's, not an item
        if under_item and _PATCH_SUBJECT.match(title.strip(" \"“”")) and (
                not quoted.strip() or title != line.strip()) and \
                _POSTED_IT.search(_paragraph_above(lines, number)):
            continue  # "so I posted the revert this afternoon instead:" over its subject, in
            # a sub-thread about an item: that item's patch, posted (the patch-posted rule's)
        lead_words = group_lead(number) if listed else ""
        if listed and (_PUT_OFF.search(lead_words) or _SEEN_ONLY.search(lead_words)
                       or not quote_invites and _SEEN.search(lead_words)
                       or _DISMISSED.search(_group_tail(lines, number))):
            continue  # "these can wait until after the release:" over its bullets
        quoted_title = _QUOTED_TITLE.fullmatch(title.strip())
        title = quoted_title.group(1) if quoted_title else title  # '"x86/ucode: drop ..."'
        found = best_item(title, entries)
        if found is not None and found[1] >= 90 and not _another_of_its_kind(title, found[0]) \
                or said and listed_already(title, entries):
            continue  # the sender restates an item the post has, or tells its news ("(1) Core
            # scheduling, v5 posted"; a bare "- AMX" the post names in a group may be missing)
        if _status_of_listed(whole, entries, states_something):
            continue  # "- PPC early boot allocation: still waiting for a review"
        url = url_next["url"] if url_next else ""
        details, below = _details(lines, number)
        details = [*details, " ".join(said.split())] if said else details
        details = [*details, *(" ".join(f.split()) for f in fields)]
        title = re.sub(r"\s+\[\s*$", "", title)  # 2024: "title [" over its URL line, "]:"
        value = " ".join(_FOOTNOTE_MARK.sub("", title).split()) + (
            f" {url}" if url and url not in title else "")
        value += f" ({', '.join(details)})" if details else ""
        used.update(range(number, number + 2 + len(fields)) if url_next else {number})
        used.update(range(number + 1, number + 1 + below))
        if not addressed:  # (an address alone has no tail: the next address is an item)
            used.update(_item_tail(lines, number))  # 2024: "[", its URL, "]:", "- v2 was sent"
        reasons = ("listed", "title is the URL: the RM names it") if _URL_ONLY.match(title) \
            else ("listed",)
        starts.add(number)
        # a patch's subject with its address, said to the post and under none of its items,
        # is what the mail is for, asked or not ("[PATCH v3 0/4] ..." over its lore link)
        asked = invited or asked_before or _sent(lines, number, title, text) \
            if url_next and not under_item else invited or offered and not _DOUBTS.search(lead)
        lead_in = _lead_at(lines, plain_above)
        if url_next and _doubted_lead(lead_in):
            asked = False  # "Not sure it qualifies, but maybe worth tracking:" over a title
            # and its address: offered for the RM to weigh
        if number in bare and _doubted(lines, number, bare):
            asked = False  # "And perhaps this one too:" over a commit: the RM's to take
        if listed and _DOUBTS.search(" ".join(_indented_below(lines, number))):
            asked = False  # "3) docs: ..." over "Not sure this counts, maybe not": offered only
        if said and _WAITS.search(said):
            asked = False  # "- the zram conversion, but that one can wait": listed, put off
        changes.append(Change(ChangeKind.NEW, value[:200], (), "", 0.75 if asked else 0.5,
                              evidence(message, quoted, line.strip()),
                              section=section or _section_in_lead(lead_in, titles)
                              or "unsorted",
                              reasons=reasons))
    changes = _held_back(changes, lines, starts)
    if not changes and not updated and quote_invites:
        # "> 5. Anything else I should track?" answered by "x86/HVM: don't let guests clear
        # CR4.MCE (v2, posted last Thursday). It's a fix, so ...": a subject opens the answer
        found = _subject_paragraph(lines, states_something) or _quoted_opening(lines, entries)
        if found is not None:
            title, details, taken = found
            starts.add(taken[0])
            used.update(taken)
            changes.append(Change(ChangeKind.NEW, f"{title} ({details})" if details else title,
                                  (), "", 0.75, evidence(message, quoted, title),
                                  section=section or "unsorted", reasons=("listed",)))
    if not changes and not updated and not under_item and (called or quote_invites):
        # "> If a fix is missing from the branch, please point it out." answered by
        # "4d1c0e2a9b7f and 0c9e31a2d4b6? The guest side of the timer fix.": commits
        # offered by their ids alone
        for taken, ids in _ids_offered(lines, states_something):
            starts.add(taken[0])
            used.update(taken)
            changes.append(Change(ChangeKind.NEW, ids, (), "", 0.75,
                                  evidence(message, quoted, lines[taken[0]].strip()),
                                  section=section or "unsorted",
                                  reasons=("listed", "commits by id: the RM names them")))
    rest = "\n".join(f"\n{LISTED_HERE}\n" if number in starts else updated.get(number, line)
                     for number, line in enumerate(lines)
                     if number not in used or number in updated or number in starts)
    return changes, rest


# a paragraph that opens with commits by id alone ("4d1c0e2a9b7f and 0c9e31a2d4b6?",
# "3fa9c2e1d0b4 is another one"): what follows the ids, if anything, is about them
_IDS_OPENING = re.compile(rf"^\s*(?P<ids>{COMMIT_ID}(?:\s*(?:,|and|&)\s*{COMMIT_ID}){{0,5}})"
                          r"(?:\s*\??\s*$|\s*\?\s+(?P<after>\S.*)|\s+(?P<said>(?:is|are)"
                          r" (?:another|one more|two more)(?: one| candidate)?\b.*))")


def _refused(words: str, states_something) -> bool:
    """Whether the sender's words around commits report, blame or refuse them."""
    return bool(states_something(words) or _SAID_OF_THEM.search(words) or _REFUSES.search(words)
                or _WAITS_ON_PURPOSE.search(words) or _put_off(words)
                or _BLAME_LEAD.search(words))


# a lead-in that blames what it names: "The culprit is", "I bisected it to"
_BLAME_LEAD = re.compile(r"\b(?:culprit|caused|introduced|bisect\w*|first bad|broke|breaks"
                         r"|regress\w*|revert\w*)\b", re.I)


def _ids_offered(lines: list[str], states_something) -> list[tuple[list[int], str]]:
    """(lines, ids) of each paragraph that offers commits by their ids alone, under the
    post's call for more: not when the sender's words around them report or refuse
    them ("These are not needed:", "are already in", "is broken on arm, please revert")."""
    found = []
    for number, line in enumerate(lines):
        if number and lines[number - 1].strip():
            continue  # a paragraph's first line only
        opening = _IDS_OPENING.match(line)
        if opening is None or number and _SHELL.match(_line_above(lines, number)):
            continue  # (what a pasted command printed)
        taken, ids = [number], re.findall(COMMIT_ID, opening["ids"])
        for at in range(number + 1, len(lines)):  # "3fa9c2e1d0" over "b71e0a44c9"
            more = _IDS_OPENING.match(lines[at]) if not opening["after"] else None
            if more is None or more["after"] or more["said"]:
                break
            taken.append(at)
            ids += re.findall(COMMIT_ID, more["ids"])
        lead = _paragraph_above(lines, number)
        said = " ".join(filter(None, (opening["said"], opening["after"],
                                      _below(lines, taken[-1] + 1))))
        if _refused(said, states_something) or lead and _refused(lead, states_something) or \
                _reports(lead):
            continue
        found.append((taken, " and ".join(ids)))
    return found


def _doubted(lines: list[str], number: int, bare: set[int]) -> bool:
    """Whether the lead-in over a bare list's run of commits doubts them ("And maybe this
    doc fix:"): offered, not asked for."""
    start = number
    while start - 1 in bare:
        start -= 1
    return bool(_DOUBTS.search(_paragraph_above(lines, start)))


def _another_of_its_kind(title: str, entry: Entry) -> bool:
    """A title close to a listed item's that names its own thing where the item names
    another ("x86/pv: CPUID faulting for PV guests" beside "CPUID faulting for HVM guests"):
    each has a word the other lacks, beyond a restating subject's prefix."""
    first = SUBJECT_TAGS.sub("", entry.item.text.split("\n", 1)[0])
    own = SUBJECT_TAGS.sub("", title)
    said, listed = tokens(own), tokens(first)
    # (names as names are written, each side: "HVM" against "x86/pv"; not "guests" against
    # "domUs", a synonym in a restated title)
    return bool((listed - said) & marked_names(first)) and bool(
        (said - tokens(entry.item.text)) & marked_names(own))


# the sender's own posting: "I posted the revert this afternoon instead:", "v2 sent:"
_POSTED_IT = re.compile(r"\b(?:I|we)(?:[\x27’]ve| have)? (?:just |now |already )?(?:posted|sent"
                        r"|submitted|re-?sent)\b(?![^.;:]{0,40}\b(?:to (?:him|her|them)|off-?list"
                        r"|privately)\b)", re.I)


def _sent(lines: list[str], number: int, title: str, text: str) -> bool:
    """Whether a patch's subject over its address, said to the post and under none of its
    items, is what the mail is for, asked or not ("[PATCH v3 0/4] ..." over its lore link):
    nothing above it but a greeting or an ask, and nothing reported, refused or reviewed."""
    if not _PATCH_SUBJECT.match(title):
        return False
    above = _paragraph_above(lines, number)
    said = text.replace(lines[number], " ")  # (the subject's own "do not drop" refuses nothing)
    return (not above.strip(" ,") or greeting(above) or bool(
        _ASKS_FOR.search(above) or _WANTS_IN.search(above) or _TRACK.search(above))) and not (
        _REFUSES.search(said) or _put_off(said) or _SAID_OF_THEM.search(said)
        or _REVIEWED.search(said))


def _fields_below(lines: list[str], number: int) -> list[str]:
    """The field lines right under a title ("owner: Andrei", "Status: v1 posted"), up to
    three: a block of title, fields and address is one item."""
    found = []
    for line in lines[number + 1:number + 4]:
        if not _FIELD_LINE.match(line):
            break
        found.append(line.strip())
    return found


def _status_of_listed(line: str, entries: list[Entry], states_something) -> bool:
    """ "PPC early boot allocation: still waiting for anyone to review it": a topic the post
    lists, and what the sender says of it."""
    head, colon, rest = line.rpartition(": ")  # "9pfs: add a cache: v1 posted" is a new
    if not colon or not states_something(rest):  # title (with its subsystem) and its state
        return False
    if ": " in head and not listed_already(head, entries):
        return False
    naming = named(head, entries) or named_as_topic(head, entries)
    return naming is not None


_STANZA_LINE = re.compile(r"^\s*(?P<key>[SOEP]):\s*(?P<value>\S.*?)\s*$")


_AT_RISK = LazyPattern(r"\bat risk\b", re.I)
# a likelihood alone: "30%", "low", "fair" (not "0%": out of the release, no risk to track)
_BARE_ODDS = LazyPattern(r"(?!0{1,3}[ \t]{0,3}%)\d{1,3}[ \t]{0,3}%|low|medium|fair|good|high"
                         r"|unlikely|likely",
                         re.I)


def _stanza_news(entry: Entry, odds: str, quoted: str, entries: list[Entry],
                 said: Evidence) -> list[Change]:
    """What a listed item's stanza, sent again, tells: its odds when they changed ("P: 25%"
    where the post said 50%), and, answering the post's call for stanzas of work at risk,
    that the item belongs with the features at risk (when the post has such a section)."""
    news = []
    if odds and odds.strip().lower() != dict(entry.item.fields).get("prognosis", "").lower():
        news.append(Change(ChangeKind.NOTE, f"P: {odds.strip()}", entry.path, entry.item.text,
                           0.75, said, reasons=("stanza", "its odds, sent again")))
    at_risk = next((t for t in section_titles(entries) if _AT_RISK.search(t)), "")
    if at_risk and entry.section != at_risk and _AT_RISK.search(quoted):
        news.append(Change(ChangeKind.MOVE, at_risk, entry.path, entry.item.text, 0.75, said,
                           reasons=("stanza", "sent for the post's call for work at risk")))
    return news


def _stanzas(lines: list[str]) -> list[tuple[int, str, str, list[int], str]]:
    """ "S: feature / O: owner / E: email / P: probability" stanzas, as a 2021 post asks
    for at-risk work: (line of S:, title, owner and odds, the lines taken, the P: words)."""
    found = []
    for number, line in enumerate(lines):
        head = _STANZA_LINE.match(line)
        if not head or head["key"] != "S":
            continue
        fields, taken = {}, [number]
        for follow in range(number + 1, min(number + 5, len(lines))):
            more = _STANZA_LINE.match(lines[follow])
            if not more or more["key"] == "S":
                break
            fields[more["key"]], _ = more["value"], taken.append(follow)
        if "O" in fields or "P" in fields:  # a lone "S:" is not a stanza
            details = ", ".join(v for k, v in fields.items() if k in "OP")
            found.append((number, head["value"], details, taken, fields.get("P", "")))
    return found


_THIS_SECTION = re.compile(r"(?:this|that)(?: (?:section|area|part))?", re.I)


def _quoted_heading(quoted: str, titles: list[str]) -> str:
    """The post's section whose heading ends the quote the sender answers, if one does."""
    last = next((line for line in reversed(quoted.splitlines()) if line.strip(" >")), "")
    bare = last.strip(" >\t*=#:-").strip().lower()
    return next((title for title in titles if title.lower() == bare), "") if bare else ""


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _indented_below(lines: list[str], number: int) -> list[str]:
    """The lines indented under a listed title up to the next blank or list line."""
    found = []
    for line in lines[number + 1:]:
        if not line.strip() or _LIST_LINE.match(line) or _indent(line) <= _indent(lines[number]):
            break
        found.append(line)
    return found


def _details(lines: list[str], number: int) -> tuple[list[str], int]:
    """The deeper list lines right under a listed title, as the 2019-2020 updates write
    an item ("*  Title (v2)" then "  -  Owner"): its owner and status words, and how
    many lines they take ("-  ?" is an owner nobody knows: a line, no words)."""
    found: list[str] = []
    count = 0
    for line in lines[number + 1:]:
        listed = _LIST_LINE.match(line) or re.match(r"^\s*[*-]\s+(?P<text>\?)\s*$", line)
        if not listed or _indent(line) <= _indent(lines[number]):
            break
        count += 1
        if listed["text"] != "?":
            found.append(" ".join(listed["text"].split()))
    return found, count


_BRACKET_END = re.compile(r"^\s*\]:?\s*$")


def _item_tail(lines: list[str], number: int) -> range:
    """The lines a listed title carries: its link between '[' and ']:' (2024), its
    `Status:` line and link (2022), and its deeper status sub-bullets: the new item's,
    not news of another."""
    end = number + 1
    while end < len(lines) and lines[end].strip() and (
            _URL_ONLY.match(lines[end]) or _BRACKET_END.match(lines[end])
            or _FIELD_LINE.match(lines[end])  # 2022: "Status: Patch posted, needs reviews."
            or (_LIST_LINE.match(lines[end]) and _indent(lines[end]) > _indent(lines[number]))):
        end += 1
    return range(number + 1, end)


def _files_itself(lines: list[str], titles: list[str]) -> bool:
    """A heading of the sender's own ("* Hypervisor:") that names a section of the post,
    followed by a list line: the sender files a new item where it belongs."""
    for number, line in enumerate(lines[:-1]):
        heading = _HEADING_LINE.match(line) if line.rstrip().endswith(":") else None
        if heading and _LIST_LINE.match(lines[number + 1]) and resolve_section(
                heading["title"], titles):
            return True
    return False


# a patch subject in quotes ("x86/hvm: lazy TSC scale reload") that no item carries, in an
# answer that offers or asks for items: a new item, named as the list names series
_QUOTED_SUBJECT = re.compile(r"[\"“]([^\"”\n]{4,160}(?:\n[^\"”\n]{1,80})?)[\"”]")
# asked for in the very sentence: then a quoted title needs no "subsystem: " form
_ASKS_HERE = re.compile(r"\b(?:one more (?:for|on|to) the list|for the list|(?:please|could "
                        r"you|can you) (?:also )?add|to (?:be )?track|tracked|on the list)\b",
                        re.I)
_OFFERS = re.compile(
    r"\b(?:(?:also )?add(?:ed|ing|ition)?|track(?:ed|ing)?"
    r"|(?:on|to|onto|for) (?:the|your|this) list"
    r"|a line|an? (?:new |separate )?(?:item|entry)|missing|forgot|from (?:my|our) side"
    # "two items of last month's list fell off this one": to be put back (not "fell off
    # my radar")
    r"|(?:fell|dropped|slipped) off (?:the|this|your|my) (?:list|one|update|post)"
    r"|(?:was|were|got) (?:lost from|left out of|left off) (?:the|this|your) (?:list|one"
    r"|update|post)"
    r"|one more|another (?:one|patch|series)|(?:a )?second (?:patch|series|one)|(?:we|I) "
    r"(?:also )?need(?! (?:[\"“][^\"”]{0,160}[\"”] )?(?:reviewed|acked|merged|looked at)))\b",
    re.I)
# asked for right before the quoted title, which ends the ask: "I'd like to propose
# \"x86/vpt: fix ...\"", "the thing to keep an eye on is \"...\"" (not "I'd like to
# propose \"x\" be reverted", not "please consider \"x\" NAKed")
_ASKED_JUST_BEFORE = re.compile(
    r"(?:(?:I|we)(?:[\x27’]d|\s+would)\s+like\s+to\s+(?:propose|nominate)(?:\s+backporting)?"
    r"|please\s+(?:also\s+)?(?:backport|queue|pick\s+up|consider\s+backporting)"
    r"|keep\s+an\s+eye\s+on(?:\s+is)?)\s*$", re.I)
_ASK_ENDS = re.compile(r"\s*(?:[.,;:!(]|$|\n|for\b|as\s+well\b|too\b)")


def subject_items(text: str, entries: list[Entry], message: Message,
                  quoted: str) -> list[Change]:
    """New items an answer gives as quoted patch subjects ("Two from my side: \"x86/vPMU:
    ...\" and \"AMD/IOMMU: ...\""), when its sentence (or the one before) offers or asks
    for items, or the subject heads a paragraph of its own."""
    if "\"" not in text and "“" not in text:
        return []
    text = text.replace(LISTED_HERE, "")  # (the mark of a listed line offers nothing itself)
    cuts = [0, *(m.end() for m in _SENTENCE_CUT.finditer(text)), len(text) + 1]
    found = []
    for match in _QUOTED_SUBJECT.finditer(text):
        title = " ".join(match[1].split())
        at = bisect_right(cuts, match.start()) - 1  # the sentence the subject is in
        sentence = " ".join(text[cuts[at]:cuts[at + 1]].split())
        # "Could a line be added? \"x: y\"", "... as \"x: y\". That one I'd like tracked."
        window = text[cuts[max(0, at - 1)]:cuts[min(len(cuts) - 1, at + 2)]]
        offers = bool(_OFFERS.search(window))
        before = text[max(0, match.start() - 3):match.start()]
        subject = _SUBJECT_LINE.match(title) and len(title) >= 12
        heads_paragraph = match.start() == 0 or before.endswith("\n\n") or before.endswith(
            "\n\n ")
        if not title[:1].isalnum() and not title.startswith("[") or "<" in title or (
                _TRAILER.match(title)):
            continue  # "#bot status: <what>": a command, not a title; "Tested-by: X" a trailer
        cited = _CITED_COMMIT.search(text, max(0, match.start() - 60), match.start())
        asked = _ASKS_INCLUDED.search(sentence) or (
            _CONSIDER.match(sentence) and _ASK_TAIL.match(text, match.end()))
        if cited and asked and not _REFUSES.search(sentence) \
                and not _ON_CONDITION.search(sentence):
            # 'I think commit 5f0c2a9d41e7 ("tools: ...") should be included': asked for
            found.append(Change(ChangeKind.NEW, f"{cited['id']} {title}"[:200], (), "", 0.75,
                                evidence(message, quoted, sentence), reasons=("commit asked for",)))
            continue
        direct = bool(_ASKED_JUST_BEFORE.search(text[max(0, match.start() - 100):match.start()])
                      and _ASK_ENDS.match(text, match.end()))
        if not (subject and (offers or heads_paragraph or direct) or direct and
                len(title.split()) >= 3 or offers and len(title.split()) >= 3
                and _ASKS_HERE.search(sentence)):
            continue  # a quoted phrase, not a series offered for the list
        if before.rstrip().endswith("(") or _SAID_OF.match(text, match.end()) or \
                _OTHER_LIST.match(text, match.end()):
            continue  # 5f0c2a9d41e7 ("tools: ..."): a commit cited; "\"x: y\" went in": news;
            # "... to the agenda for Thursday's call": another list than the release's
        naming = named(f'"{title}"', entries)
        if naming is not None and naming.how != "words":
            continue  # an item the post lists already (shared words only hint at a kin)
        unsure = bool(_UNSURE.search(window))  # "And maybe, not sure it is big enough for
        # your list, the small cleanup \"x86/emul: ...\". Your call.": the RM decides
        found.append(Change(ChangeKind.NEW, title[:200], (), "", 0.4 if unsure else 0.75,
                            evidence(message, quoted, sentence),
                            reasons=("quoted subject", *(("hedged",) if unsure else ()))))
    return found


_UNSURE = LazyPattern(r"\b(?:maybe|perhaps|not sure|your call|up to you|if you think)\b", re.I)


_SENTENCE_CUT = re.compile(r"[.!?](?=\s)|\n\s*\n")
def for_another_list(title: str, sentence: str) -> bool:
    """Whether the sentence puts the title on another list than the release's ("... to the
    agenda of the next call", "... to the release notes")."""
    at = sentence.find(title)
    return at >= 0 and bool(_OTHER_LIST.match(sentence, at + len(title)))


_OTHER_LIST = re.compile(r"[\"”]?\s{0,3}(?:to|on|in|for) "
                         r"(?:the |our |my |(?:this|next) week[\x27’]s )?"
                         r"(?:agenda|minutes|notes|call|changelog|release notes|cover letter"
                         r"|commit message|wiki|meeting)\b", re.I)
_ON_CONDITION = LazyPattern(r"^\W*(?:if|unless|once|when)\b|\b(?:only if|unless|provided)\b", re.I)
# 'Consider <id> ("subject")', the commit asked for: not 'Consider <id> ("...") the culprit'
_CONSIDER = LazyPattern(r"^\W*(?:please )?(?:also )?consider\b", re.I)
_ASK_TAIL = LazyPattern(r"[\"”]?\s*(?:\)\s*)?(?:[.,;!]|$|for\b|too\b|as well\b|\n)", re.I)
# a commit cited by id before its quoted subject: 'commit 5f0c2a9d41e7 ("tools: ...")'
_CITED_COMMIT = LazyPattern(rf"(?:\bcommit\s+)?\b(?P<id>{COMMIT_ID})\s*\(\s*$")
# ... in a sentence that asks for it (not one that blames it or reports it applied)
_ASKS_INCLUDED = LazyPattern(
    r"\bshould (?:also )?be (?:included|picked(?: up)?|added|backported|queued|taken|applied"
    r"|considered)\b|\bplease (?:also )?(?:include|pick|add|backport|queue|take|apply|consider)\b"
    r"|\bwould be (?:good|nice|great|useful) to (?:have|include|pick|get)\b|\bworth (?:picking"
    r"|backporting|including|taking)\b|\bcandidates? for (?:the )?(?:stable|backport|\d+\.\d+)"
    r"|\b(?:may|might) (?:also )?want to consider\b",

    re.I)
# what follows a quoted subject that is the subject of a statement, not an offer
_SAID_OF = re.compile(r"[\"”]?\s{0,3}(?:\([^)]{0,60}\)\s{0,3})?(?:went|was|is|has|had|got|added|"
                      r"broke|introduced|caused|fixed|landed|needs?|still|reviewed|acked|"
                      r"merged|committed|applied)\b", re.I)
