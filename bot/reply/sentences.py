"""The sender's words, cut into what the vocabulary reads: sentences without
sign-offs, the references they cite, and the day they mean.

Pure functions on strings; `bot.reply.analysis` decides what the words are about.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

# a sentence ends at its stop, at a blank line, and where a list item begins
# (not after a middle initial: "Daniel P. Smith is the one driving it", nor after initials
# or "e.g.": "ask R.K. about it", "some, e.g. the first one, went in")
SENTENCE_END = re.compile(r"(?<=[.!?])(?<![\s(][A-Z]\.)(?<![A-Z]\.[A-Z]\.)"
                          r"(?<!\b(?i:e\.g|i\.e)\.)(?<!\b(?i:cf|vs)\.)\s+"
                          r"|(?<=[A-Z]\.[A-Z]\.)\s+(?=[A-Z])"  # "ask R.K. Pushed it today."
                          r"|\n\s*\n|\n(?=\s*[-*\u2022]\s)")
_THANKS = (r"^(?:(?:kind|best|warm|many|with|all the) )?"
           r"(?:thanks|thank you|cheers|regards|best|br|ta|hth|wishes)\b")
SIGN_OFF = re.compile(_THANKS + r".{0,20}$", re.I)
_SIGN_OFF_WORDS = re.compile(_THANKS + r"(?: (?:a lot|again))?\W*", re.I)  # and what follows
# "Jan", "-George", "Ian." alone on a line: a name signing off (case matters: "landed." is not)
# a signing name: "Jan", "- Jan", and the lower-case short forms some sign with ("ada
# m.", "jo k-b", "/mjt")
_NAME_LINE = re.compile(r"^(?:[-~]?\s*[A-Z][a-z]+\.?|[a-z]{2,12} [a-z](?:-[a-z]){0,3}\.?"
                        r"|/[a-z]{2,5})$")
LINKS = re.compile(
    r"(?:https?://\S+[^\s.,;:)>\]])|<[^<>\s@]+@[^<>\s]+>|\b\d{5}:[0-9a-f]{12}\b"
    r"|\bc/s\s+(\d{4,6}(?::[0-9a-f]{12})?)\b|\bcommit\s+([0-9a-f]{7,40})\b|\b[0-9a-f]{12,40}\b"
    r"|\b(?=[0-9a-f]*[0-9])(?=[0-9a-f]*[a-f])[0-9a-f]{7,11}\b"
)
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
DATE_WORDS = re.compile(
    r"\b(?:(?P<day>today|tonight|yesterday|tomorrow|last night|this (?:morning|afternoon|evening)"
    r"|(?:an?|a few|a couple of|some|several|two|three|\d{1,2}) (?:minutes?|hours?) ago)"
    r"|(?P<rel>last|next|this|coming) (?P<unit>week|" + "|".join(_WEEKDAYS) + r")"
    r"|(?:(?P<prep>by|on|before|until) )?(?P<weekday>" + "|".join(_WEEKDAYS) + r"))\b"
    r"|\bthe (?P<monthday>\d{1,2})(?:st|nd|rd|th)\b"
    r"|\b(?P<explicit>\d{1,2}(?:st|nd|rd|th)? (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
    r"[a-z]*|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]* \d{1,2}(?:st|nd|rd|th)?)\b",
    re.I,
)
# "by Friday" is a deadline ahead; "committed on Thursday by Jan" names who did it
_FUTURE = re.compile(r"\b(?:will|'ll|shall|going to|should|plan to|hope to|expect to"
                     r"|by(?= (?:the )?(?:end|next|early|mid|this|[a-z]+day|tomorrow|tonight"
                     r"|then|\d|rc\d|(?:january|february|march|april|may|june|july|august"
                     r"|september|october|november|december)\b"
                     r"|(?:jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.? \d)))\b",
                     re.I)  # ("by Jan" is Jan Beulich; "by Jan 5" a date)
_DATE_CLAUSE = re.compile(r"[:;,.()]|\s-+\s|\b(?:but|which|and then)\b"
                          # "reviewed it on Monday and committed it this afternoon": a verb
                          # of its own after "and", with its own day
                          r"|\band\b(?=\s+(?:(?:I|we|he|she|they|then)\s+)?[a-z]+ed\b)", re.I)
_SINCE = re.compile(r"\bsince\s+$", re.I)
LINK_WORDS = re.compile(
    r"\b(?:bug|filed|see|tracked|thread|reference|changeset|c/s|link|details)\b"
    r"|\b(?:version|v\d+|series|respin|it) is (?:here|at)\b", re.I  # "Final version is here:"
)


def _signs_off(line: str, says_something) -> bool:
    """ "Thanks," "Kind regards" alone; "Many thanks, committed." says something after it."""
    head = SIGN_OFF.match(line)
    if not head:
        return False
    rest = _SIGN_OFF_WORDS.sub("", line, count=1).strip(" ,.!-")
    return not rest or not says_something(rest)



def sentences(text: str, says_something=lambda _line: False) -> list[str]:
    """The block's sentences, without greetings, sign-offs and a signing name.

    A lone capitalised word is a name unless `says_something` of it: "Jan"
    signs off, "Done." is the whole message.
    """
    lines = [ln for ln in text.splitlines() if not _signs_off(ln.strip(), says_something)
             and not (_NAME_LINE.match(ln.strip()) and not says_something(ln.strip()))]
    lines = _unpunctuated_apart(_listed_apart(lines))
    joined = _URL_LINE_END.sub("\\1\n\n", "\n".join(lines))
    return [" ".join(s.split()) for s in SENTENCE_END.split(joined) if s and s.strip()]


def _listed_apart(lines: list[str]) -> list[str]:
    """ "x86emul additions: 4 of 9 in" over "IBPB improvements: parked until 4.32": lines
    that each open with what they are about are a list without bullets, a sentence each."""
    topics = [bool(_TOPIC_LINE.match(line)) for line in lines]
    return [line + "\n" if topics[n] and (n + 1 < len(lines) and topics[n + 1]
                                         or n and topics[n - 1]) else line
            for n, line in enumerate(lines)]


def _unpunctuated_apart(lines: list[str]) -> list[str]:
    """ "nah, wrong change, it should be in the other function" over "will send formal
    patch": a writer who stops no sentence with a stop breaks the line where one ends, when
    the next line opens as a sentence does (not "sent them" over "earlier today as v7")."""
    said = [line.strip() for line in lines if line.strip()]
    if len(said) < 2 or any(line[-1] in ".!?" for line in said):
        return lines
    return [line + "\n" if n + 1 < len(lines) and line.strip() and _OPENS.match(
        lines[n + 1].lstrip()) and not _CARRIED_ON.search(line.rstrip()) else line
        for n, line in enumerate(lines)]


# a line that leaves its sentence open, and one that opens a sentence of its own
_CARRIED_ON = re.compile(r"(?:[,:;(/&+-]|\b(?:and|or|but|the|a|an|to|of|in|on|for|with|by|at"
                         r"|from|as|is|are|was|were|be|been|has|have|had|that|this|my|your"
                         r"|his|her|their|our|its|not|no|so|if|when|once|after|before|until"
                         r"|which|who|than|into|onto|about|over|under|will|would|should|can"
                         r"|could|may|might|must|i|we|it|he|she|they|think|thought|whether|doubt|wonder|sure"
                         r"|told|hope|guess|believe|suspect|know|knew|say|said|says|expect"
                         r"|afraid|mean|seems?|seemed|feel|fear))$", re.I)
_OPENS = re.compile(r"(?:i|i[\x27’](?:ll|ve|m|d)|we|we[\x27’](?:ll|ve|re)|will|would|should"
                    r"|can|could|need|needs|please|pls|also|thanks|sorry|ok|okay|yes|yeah|no"
                    r"|nah|fwiw|btw|it[\x27’]s|this one|that one|the fix|the patch)\s", re.I)


_TOPIC_LINE = re.compile(r"^\s*(?![>*-])[^\s:](?:[^:.!?]|\.(?=\S)){1,60}: +\S")


# "v15 has been sent: <URL>" then "It is not ..." on the next line: a URL ends its sentence
_URL_LINE_END = re.compile(r"(https?://\S+)[ \t]*\n(?=[ \t]*[A-Z])")


# "on c/s 25762", "against staging c/s ...", "with xen-unstable c/s ..." (but "works
# with c/s 25745" names the fix)
_TESTED_ON = re.compile(
    r"\b(?:(?:on|against|using|at)\s+(?:[\w-]+\s+){0,2}|with\s+(?:[\w-]+\s+){1,2})$", re.I
)
_TESTING = re.compile(r"\b(?:test(?:ed|ing)?|verif(?:y|ied)|reproduc\w*|bisect\w*|run|ran)\b", re.I)


def links(sentence: str) -> list[str]:
    """URLs, <message-id>s, changesets ("c/s 25731" → "25731") and commit hashes.

    A changeset a tester ran on ("verified with xen-unstable c/s 25762") names
    the tree under test, not the fix: it is no link of the item.
    """
    testing = bool(_TESTING.search(sentence))
    found = [next((g for g in m.groups() if g), m.group(0)) for m in LINKS.finditer(sentence)
             if not (testing and "://" not in m.group(0)
                     and _TESTED_ON.search(sentence[max(0, m.start() - 40) : m.start()]))]
    # "<jan.beulich@suse.com>" in "Acked-by: ..." is a person, not a message: ids carry digits
    found = [f for f in found if not f.startswith("<") or any(c.isdigit() for c in f.split("@")[0])]
    if any("safelinks" in f or "urldefense" in f for f in found):
        from bot.reply.matching import unsafelink  # a gateway's wrapper: the URL it wraps

        found = [unsafelink(f) for f in found]
    return found


def when(sentence: str, sent: datetime | None, near: tuple[int, int] = (0, 0)) -> date | None:
    """The day the words mean, against the mail's own Date.

    "yesterday", "last Thursday", "committed on Tuesday" look back; "by
    Friday", "next week", "I'll post it on Monday" look ahead. Weekdays are
    plain arithmetic (dateparser turns "by Friday" into the previous Friday
    and costs 0.3 s to import); only a written date ("on 20 August") asks it.
    `near` is where the statement is: of several dates, the nearest in its own clause
    is its day, else the nearest.
    """
    found = list(DATE_WORDS.finditer(sentence))
    if not found or sent is None:
        return None
    # "v4 was sent last week and I committed it yesterday": the words nearest the statement
    # and of those, one in the statement's own clause ("went through v3 last week, and I
    # committed it on Friday": Friday)
    own = []
    if near != (0, 0):  # the statement's clause, its bounds found once: linear in the sentence
        cuts = [c.start() for c in _DATE_CLAUSE.finditer(sentence)]
        low = max((c for c in cuts if c < near[0]), default=-1)
        high = min((c for c in cuts if c >= near[1]), default=len(sentence))
        own = [m for m in found if m.start() > low and m.end() <= high]
    match = min(own or found, key=lambda m: min(abs(m.start() - near[1]), abs(near[0] - m.end())))
    base = sent.date()
    day = (match["day"] or "").lower()
    if day.endswith(" ago"):  # "pushed 3 hours ago" in a mail sent at 00:40 was yesterday
        words = day.split()
        count = (int(words[0]) if words[0].isdigit() else 1 if len(words) == 3
                 else {"two": 2, "three": 3}.get(words[0], 2))  # "a few", "a couple of": ~2
        ago = timedelta(hours=count) if words[-2].startswith("hour") else timedelta(minutes=count)
        return (sent - ago).date()
    if day:
        offset = {"yesterday": -1, "last night": -1, "tomorrow": 1}.get(day, 0)
        return base + timedelta(days=offset)
    if match["unit"] and match["unit"].lower() == "week":
        return base + timedelta(days={"last": -7, "next": 7}.get(match["rel"].lower(), 0))
    if match["monthday"]:
        return _month_day(base, int(match["monthday"]))
    weekday = (match["unit"] or match["weekday"] or "").lower()
    if weekday:
        # the clause the day is in says which way: "I should have replied earlier: v7
        # went out on Friday" looks back, "v7 should be out by Friday" ahead
        clause = _DATE_CLAUSE.split(sentence[: match.start()])[-1] + match.group(0) + \
            _DATE_CLAUSE.split(sentence[match.end():])[0]
        ahead = (match["rel"] or "").lower() in ("next", "coming") or (
            (match["rel"] or "").lower() != "last" and bool(_FUTURE.search(clause))
            and not _SINCE.search(sentence[max(0, match.start() - 7): match.start()])
        )
        return _weekday(base, _WEEKDAYS.index(weekday), ahead)
    import dateparser  # a written date: "on 20 August"

    found = dateparser.parse(
        match["explicit"],
        languages=["en"],
        settings={"RELATIVE_BASE": sent.replace(tzinfo=None), "PREFER_DATES_FROM": "past"},
    )
    return found.date() if found else None


def _month_day(base: date, day: int) -> date | None:
    """"on the 31st": this month's, or last month's when that day is still to come."""
    year, month = base.year, base.month
    if day > base.day:
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _weekday(base: date, weekday: int, ahead: bool) -> date:
    """The nearest such weekday after `base` (ahead) or before it."""
    if ahead:
        return base + timedelta(days=(weekday - base.weekday() - 1) % 7 + 1)
    return base - timedelta(days=(base.weekday() - weekday - 1) % 7 + 1)
