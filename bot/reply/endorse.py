"""The RM's word over two quote levels: an answer to a developer's claim about an item.

    > > * Item from the post
    > This went in last week, I think.      ← the developer's claim
    Yes, you are right, I overlooked that.  ← the RM agrees: the claim stands

Agreeing makes the quoted claim the sender's own statement (with the RM's
authority when the sender is an RM); declining states nothing; agreeing on
a condition ("if the other maintainers don't object") keeps it a proposal
and says the condition. Pure functions on strings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from bot.lazy import LazyPattern

# the RM taking an item asked for onto the list: "I've added it to the Arm section",
# "I have put this on my list of features at risk", "It'll be in the x86 section"
_ADDING = (
    r"\bi(?:[\x27’]ve| have)? (?:added|put|listed) (?:it|this|them|these|that)(?: one)?"
    r" (?:to|on|in|under) (?!the (?:blocker|critical))(?:the |my |our )?(?:[\w-]+ ){0,3}"
    r"(?:list|section|tracker|tracking|update|status|radar)\b"
    # "I've added it as item 5", "... as a new item" (not "added it as a comment")
    r"|\bi(?:[\x27’]ve| have)? (?:added|listed) (?:it|this|them|that)(?: one)? as (?:(?:a |an )?"
    r"(?:new |separate |additional )?(?:item|entry|blocker)|item #?\d{1,2})\b"
    r"|\bit(?:[\x27’]ll| will) be (?:in|on|under) the (?:[\w-]+ ){0,2}(?:section|list|update)\b"
    r"|\bit[\x27’]?s (?:now on (?:the|my) list|on (?:the|my) list now)\b"
    r"|(?:^|(?<=[.!] ))added(?: it| this| them)? (?:to|on) (?:the|my|our) (?:[\w-]+ ){0,2}list\b"
    r"(?! of\b)"
    r"|^\W*good catch\b(?![^.!?]*\bbut\b)")  # "Good catch, but I don't see it" doubts
_ADDS = LazyPattern(_ADDING, re.I)
_AGREE = LazyPattern(
    r"^\W*(?:(?:ah|oh|oops)\W+)?(?:yes|yep|yeah|sure|agreed|indeed|right|correct|ok(?:ay)?|fine"
    r"|good point|true"
    r"|fair enough|will do|noted|done|added|updated|makes sense|sounds good|(?:good|great) news"
    r"|(?:good|glad|nice) to (?:hear|know)|ack"
    r"|thanks?(?: you)?[,!.]? (?:added|noted|updated)"
    r"|(?:you are|you're) (?:right|correct)|(?:i )?agree)\b"
    r"|\b(?:added (?:it )?(?:to (?:my|the) list)"
    r"|i(?:'ll| will) (?:add|track|update) (?:it|this|v\d+)"
    r"|i(?: have|'ve)? updated (?:the|my) (?:list|status|entry|table|tracker)"
    r"|i(?:'ll| will) update (?:the|my) (?:list|status|entry|table|tracker)"  # a "when ...":
    # a condition (below)
    r"|i(?:'ve| have) noted (?:it|this|that|v\d+)"
    r"|i(?:'ll| will) (?:list|carry|record) (?:it|this|that|v\d+) as\b"
    r"|i(?:'ve| have) (?:switched|moved|pointed) the (?:entry|item|list|link) (?:over )?to\b"
    r"|ought to be tracked|should (?:indeed )?be tracked"
    r"|i (?:overlooked|missed) (?:that|this|it)(?=\s*(?:[.,;!]|$))"
    r"|\bmy (?:mistake|bad|error)(?=\s*(?:[.,;!]|$))|\bi stand corrected"
    r"|updated (?:it )?(?:on my side|accordingly|in my (?:list|notes))"
    r"|i (?:can )?see (?:it|them|the (?:v\d+|new version|patch(?:es)?|series|commits?))"
    r" (?:in|on) (?:staging|patchwork|the tree|lore|the list)\b(?![^.]{0,40}\b(?:crash|fail|break))"
    r"|(?:will|i'?ll) (?:reflect|record|note) (?:it|this|that)"
    # "Thanks for the update, it will show up as partially merged in the next list."
    r"|(?:it|this)(?:[\x27’]ll| will) (?:show up|appear|be listed|be shown|be marked) as"
    r" (?:partially merged|partly merged|done|completed|committed|deferred|dropped|posted"
    r"|in progress|waiting)\b"
    # "Good, the entry points at v5 now."
    r"|the (?:entry|item|link|list) (?:now )?points (?:at|to) (?:the )?(?:v\d+|new version|it|them)"
    # "Great, you're down as the owner.": the RM records the offer quoted below
    r"|(?:you[\x27’]re|you are) (?:now )?(?:down|listed|in|on the list) as (?:the )?(?:new )?"
    r"(?:co-?)?owner|i(?:[\x27’]ve| have) put you down"
    r"|i(?:[\x27’]ve| have) put your name (?:on|down|next to|against))\b"
    r"|" + _ADDING,
    re.I,
)
# the whole answer is a glad acknowledgement: "Ah, excellent, thank you.", "Great, thanks!",
# "Thanks for the update." (a bare "Thanks." only acknowledges the mail, as any reader may)
_GLAD = LazyPattern(
    r"^\W*(?:(?:oh|ah|ok|okay)\W+)?(?:(?:good|great|excellent|nice|perfect|cool)\b"
    r"(?:\W+(?:thanks?(?: a lot)?|thank you))?|(?:thanks?|thank you|many thanks) for (?:the|your)"
    r" (?:update|info|information|confirmation|heads[- ]up))\W*$", re.I)
_YET = LazyPattern(r"\b(?:but|however|though|although|yet|still)\b", re.I)
# "Nice. Hmm, I can't see it in staging.": glad words, then a doubt
_DOUBT = LazyPattern(r"\b(?:can[\x27’]?t|can ?not|don[\x27’]?t|do not) (?:see|find)\b"
                     r"|\b(?:not sure|are you sure|hmm+|wait)\b", re.I)
_DECLINE = LazyPattern(
    r"\b(?:i'?d rather not|i would rather not|(?:let'?s|we should) not|don'?t (?:think|want)"
    r" (?:we|to) (?:should )?track|not (?:going to )?(?:track|carry|list)|won'?t (?:track|carry"
    r"|list)|(?:not (?:going to )?|won'?t )add (?:it|this|that|them)\b(?! (?:as well|too)\b)"
    r"|i disagree|i don'?t agree"
    # "I won't put it on this list."
    r"|(?:won'?t|will not|not going to) put (?:it|this|that|them) (?:on|in) (?:the|this|my) list"
    # "I'm afraid I can't add it to the list of things that may still go in"
    r"|i (?:can'?t|can ?not|won'?t|will not) (?:add|take|track|list|carry|include) (?:it|this|that"
    r"|them)"
    r")\b"
    # the claim is about something else, said first: "I think you mean the PAE fix, which went in"
    r"|(?<!see what )(?<!know what )(?<!get what )(?<!assume )\byou (?:probably |must )?(?:mean"
    r"|are thinking of|confused it with)\b"
    r"|\bno[,:](?=\s)",
    re.I,
)
_CHECK_FIRST = LazyPattern(r"\bi(?:'ll| will) (?:check|verify|double-check|look)(?: it| that)?"
                           r" and (?:then )?update (?:the|my) (?:list|status|entry)[^.;!?]*", re.I)
_CONDITION = LazyPattern(r"(?<![-/])\b(?:if|unless|provided(?: that)?|as long as|assuming|once"
                         r"|as soon as|when|after)\b(?!-)[^.;!?]*", re.I)  # (not "use-after-free")


_NO_OBJECTION = LazyPattern(
    r"\b(?:unless (?:somebody|someone|anybody|anyone|\w+) (?:objects?|disagrees?|shouts?|screams?"
    r"|has (?:an? )?objections?)"
    r"|if (?:nobody|no one|noone|none of you) (?:objects?|disagrees?|complains?)"
    r"|if there (?:is|are) no (?:objections?|complaints?)|barring (?:any )?objections?)\b"
    r"(?:[^.;!?]|\.(?=\w))*",
    re.I)


# "when I rebuilt the list": a subject, then a verb in the past ("once"/"if" always wait for
# something; "when needed", "when the updated series is committed" do too)
_PAST = LazyPattern(r"^(?:when|after)\s+(?:i|we|you|he|she|they|it)\s+(?:was|were|had|did|went"
                    r"|came|got|made|built|rebuilt|sent|moved|updated|changed|switched|added|wrote"
                    r"|posted|looked|checked)\b", re.I)


# the RM granting an ask in another place than asked: "I'd rather not track it as a blocker
# ... I will add it to the x86 section"
_PLACED = LazyPattern(
    r"\bI(?:[\x27’]ll| will| am going to|[\x27’]m going to|[\x27’]ve| have)? (?:add|put|list|file"
    r"|track|added|listed|filed|tracked) (?:it|this|that|them)(?: one)? (?:to|in|into|under"
    r"|on) (?:the )?(?!(?:the|my|our|this|that|your)\b)(?P<section>[\w/.+-]+(?: [\w/.+-]+){0,3}?)"
    r" (?:section|list|part)\b(?! of\b)", re.I)  # (not "the x86 section of the 4.32 notes")
# what keeps a grant from being one: a question or a condition in its sentence before it
# ("If it turns out to be a regression, I'll add it to the x86 section"), a refusal in its
# own clause ("Sorry, no: I added it by mistake"; not "Not a blocker: I will add it to the
# x86 section"), a condition or an exception after it ("..., but only if v2 shows up",
# "..., except the docs one"); not a purpose ("so it does not get lost")
_CONDITIONED = LazyPattern(r"\?|\b(?:if|unless|once|after|when|as soon as|provided|assuming)\b",
                           re.I)
_REFUSED = LazyPattern(r"\b(?:not|never|no|by mistake)\b|n[\x27’]t\b", re.I)
_UNGRANTED_AFTER = LazyPattern(r"\?|\b(?:if|unless|once|as soon as|provided|assuming|except"
                               r"|apart from|but not|by mistake|removed)\b", re.I)


def _granting(text: str, pattern: LazyPattern) -> re.Match[str] | None:
    """The pattern's match in a sentence that grants plainly (see above)."""
    for sentence in re.split(r"(?<=[.!?])\s+", " ".join(text.split())):
        found = pattern.search(sentence)
        if found is None:
            continue
        before = sentence[: found.start()]
        clause = re.split(r"[,;:]|\b(?:so|though)\b", sentence[found.end():], maxsplit=1)[0]
        own = re.split(r"[,;:]", before)[-1] + found.group(0) + clause
        if not (_CONDITIONED.search(before + found.group(0) + clause) or _REFUSED.search(own)
                or _UNGRANTED_AFTER.search(sentence, found.end())):
            return found
    return None


def placed_elsewhere(text: str) -> str:
    """The section the RM puts an item in when declining the place it was asked for."""
    found = _granting(text, _PLACED)
    return found["section"] if found else ""


def grants(text: str) -> bool:
    """Whether the RM's words take what is quoted above them onto the list, plainly."""
    return _granting(text, _ADDS) is not None


def adds(text: str) -> bool:
    """Whether the RM's words take an item asked for onto the list (not in a question:
    "Should I put it in the ARM section?")."""
    head = " ".join(text.split())[:300]
    return any(not re.match(r"[^.!?]*\?", head[found.end():])
               for found in _ADDS.finditer(head))


@dataclass(frozen=True)
class Stance:
    kind: str  # "agree", "decline", "condition" or ""
    condition: str = ""


_GREETING = LazyPattern(r"^\s*(?:hi|hello|hey|dear)\b[^\n]{0,40}\n", re.I)


def stance(text: str) -> Stance:
    """What the sender's new text says to the claim it quotes."""
    text = _GREETING.sub("", text, count=1)  # "Hi Rahul," answers nothing yet
    text = text.replace("\u2019", "'")  # "I’d rather not" is "I'd rather not"
    head = " ".join(text.split())[:300]
    if _DECLINE.search(head):
        return Stance("decline")
    checked = _CHECK_FIRST.search(head)
    if checked:  # "I'll check and update the list (if so)": agreed once it is checked
        return Stance("condition", checked.group(0).strip())
    first = " ".join(re.split(r"\n\s*\n", text.strip(), maxsplit=1)[0].split())
    opening = re.split(r"(?<=[.!])\s", first, maxsplit=1)[0]  # "Good, thanks. Off it goes."
    if not (_AGREE.search(head) or _GLAD.match(first) or (
            _GLAD.match(opening) and not _YET.search(first) and "?" not in first
            and not _DOUBT.search(first))):  # a sign-off may follow it
        return Stance("")
    # a condition of the agreeing sentence; a later one is about what comes next ("Noted,
    # thanks. If it is not acked by the freeze, it goes to 4.33.")
    said = re.split(r"(?<=[.!?])\s", head)
    agreed = next((one for one in said if _AGREE.search(one) or _GLAD.match(one)), head)
    condition = _CONDITION.search(agreed)
    if condition and not _PAST.search(condition.group(0)):  # "it fell through the cracks
        # when I rebuilt the list": a time gone by, no condition
        return Stance("condition", condition.group(0).strip())
    # ... but a call for objections holds the agreement itself, in whichever sentence: "OK.
    # Unless somebody objects by Friday, I will move it to 4.32."
    at = said.index(agreed) if agreed in said else 0
    objection = _NO_OBJECTION.search(" ".join(said[at:at + 3]))
    if objection:
        return Stance("condition", objection.group(0).strip())
    return Stance("agree")


_WROTE = LazyPattern(r"^(.{2,200}?)\s+(?:wrote|writes)\b", re.I)
_ECRIT = LazyPattern(r"^(.{2,200}?)\s+a écrit\b", re.I)  # "Le 09/03/2023 à 22:10, X a écrit :"
_SCHRIEB = LazyPattern(r"\bschrieb\s+([^:\n]{2,80}?)\s{0,3}:?$", re.I)  # "Am ... schrieb X:"
# a time of day with what mailers write after it: "5:20 PM", "02:48:17AM +0000", "17:20:11 CET"
_TIME_OF_DAY = LazyPattern(r"\b\d{1,2}:\d{2}(?::\d{2})?(?:\s?[AP]M\b)?(?:\s?[+-]\d{4}\b)?"
                           r"(?:\s(?-i:UTC|GMT|CET|CEST|EET|EEST|WET|WEST|BST|IST|MSK|JST|KST|CST"
                           r"|CDT|EST|EDT|MST|MDT|PST|PDT|AEST|AEDT)\b)?,?", re.I)
_VERSION = LazyPattern(r"\bv\d+\b")
_VIA = LazyPattern(r"(?<!\s)\s+via\s+\S+$", re.I)  # "Jonas Berg via Xen-devel wrote:"


def author_of(attribution: str, people: tuple[str, ...] = ()) -> str:
    """Who wrote the quoted mail, by its attribution ("On 04/10/2021 12:33, Ian Jackson
    wrote:", 'Andrew Cooper writes ("..."):'): the claim's "I'll take it" is theirs, not
    the RM's. A first name alone is the one listed person it begins ("Oleksii")."""
    said = _WROTE.search(attribution) or _ECRIT.search(attribution)
    german = None if said else _SCHRIEB.search(attribution)
    if not said and not german:
        return ""
    name = re.sub(r"<[^>]*>|\([^)]*\)|\[[^\]]*\]|\"", " ", (said or german).group(1))
    timed = list(_TIME_OF_DAY.finditer(name))  # Gmail's "On Wed, Feb 5, 2020 at 5:20 PM
    name = (name[timed[-1].end():] if timed else name).split(",")[-1]  # Elena Castillo <...>"
    name = _VIA.sub("", " ".join(re.sub(r"^\s*(?:on|quoting)\s+", "", name, flags=re.I).split()))
    if not name or any(ch.isdigit() for ch in name) or "@" in name or len(name.split()) > 4:
        return ""
    whole = [p for p in people if p == name or p.startswith(name + " ")]
    return whole[0] if len(whole) == 1 else name


_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
# the day an attribution gives, in the forms mailers write it: "2020-02-07", "06.11.2023",
# "05/06/2022" (either order), "3 Nov 2022", "Feb 03, 2020"
_ON_DAY = LazyPattern(
    r"\b(?P<iso>(?P<iy>\d{4})-(?P<im>\d{1,2})-(?P<id>\d{1,2}))\b"
    r"|\b(?P<a>\d{1,2})(?P<sep>[./])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})\b"
    r"|\b(?P<nd>\d{1,2}) (?P<nm>[A-Za-z]{3})[a-z]*\.? (?P<ny>\d{4})\b"
    r"|\b(?P<mm>[A-Za-z]{3})[a-z]*\.? (?P<md>\d{1,2}),? (?P<my>\d{4})\b")


def date_of(attribution: str, sent: datetime | None) -> datetime | None:
    """When the quoted mail was written, by its attribution ("On Fri, 2020-02-07 at 17:22
    +0100, Tomasz wrote:"): a claim's "yesterday" is the day before that, not before the
    RM's answer. Of the readings a slashed date allows, the latest not after `sent` (and
    within a season of it); None when the line gives no such day."""
    found = _ON_DAY.search(attribution)
    if not found or sent is None:
        return None
    if found["iso"]:
        readings = [(found["iy"], found["im"], found["id"])]
    elif found["sep"]:
        year = found["y"] if len(found["y"]) == 4 else "20" + found["y"]
        readings = [(year, found["b"], found["a"])] + (
            [(year, found["a"], found["b"])] if found["sep"] == "/" else [])
    else:
        month = (found["nm"] or found["mm"]).lower()
        if month not in _MONTHS:
            return None
        readings = [(found["ny"] or found["my"], str(_MONTHS.index(month) + 1),
                     found["nd"] or found["md"])]
    days = []
    for year, month, day in readings:
        try:
            days.append(date(int(year), int(month), int(day)))
        except ValueError:
            continue
    fits = [d for d in days if timedelta(0) <= sent.date() - d <= timedelta(days=120)]
    return datetime.combine(max(fits), time(12), sent.tzinfo) if fits else None


def claim_of(quote_lines: list[tuple[int, str]], flat: bool = False
             ) -> tuple[str, list[tuple[int, str]]] | None:
    """(the claim's text, the deeper quote it answers) when the quote ends with a
    shallower run of lines below a deeper one: the developer's words under the item;
    `flat`: a quote of one level is a claim too, with nothing deeper (the developer named
    the item in their own words: "I've sent v5 of the suspend-to-RAM series")."""
    if not quote_lines:
        return None
    start = _run_start(quote_lines)
    shallow = min(depth for depth, _ in quote_lines)
    deeper = [(d, line) for d, line in quote_lines[:start] if d > shallow]
    claim = _last_paragraph([line for _, line in quote_lines[start:]])
    if not claim or not deeper and not (flat and all(d == shallow for d, _ in quote_lines)):
        return None
    return claim, deeper


def whole_claim(quote_lines: list[tuple[int, str]], answer: str) -> str:
    """The developer's whole answer under the item, when the RM's words take up more than
    its last paragraph: a link above it ("v10 went out this morning:\n<URL>\n\nWith some
    luck ...") or the version the answer names ("Sure, the list refers to v15 now"). A last
    paragraph that asks ("Maybe we should talk about it?") is what "Good point" answers."""
    run = claim_run(quote_lines)
    last = _last_paragraph(run.splitlines())
    if not last or last.rstrip().endswith("?") or run == last:
        return ""
    versions = set(_VERSION.findall(answer.lower()))
    if "://" in run or versions & set(_VERSION.findall(run.lower())) or _ADDS.search(answer):
        return run  # (or the RM adds what it asks for: "I have put this on my list")
    return ""


def claim_run(quote_lines: list[tuple[int, str]]) -> str:
    """The shallowest quote's last run of lines: the developer's words under the item."""
    return "\n".join(line for _, line in quote_lines[_run_start(quote_lines):]).strip()


def _run_start(quote_lines: list[tuple[int, str]]) -> int:
    """Where the last run of lines at the quote's shallowest depth begins (its end when the
    quote does not end at that depth)."""
    shallow = min((depth for depth, _ in quote_lines), default=0)
    start = len(quote_lines)
    while start > 0 and quote_lines[start - 1][0] == shallow:
        start -= 1
    return start


def _last_paragraph(lines: list[str]) -> str:
    """ "Good point" answers the paragraph right above it, not every claim of the mail
    (nor the sign-off under it: "Regards,\nRahul")."""
    text = "\n".join(lines).strip()
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()] if text else []
    while len(paragraphs) > 1 and _SIGN_OFF.match(paragraphs[-1]) and not _NOT_A_NAME.match(
            paragraphs[-1]):
        paragraphs.pop()
    return paragraphs[-1] if paragraphs else ""


# a sign-off paragraph: "Regards,\nRahul", "Thanks,\n-- \nJan", "Cheers\nBertrand"
_SIGN_OFF = LazyPattern(
    r"^(?:(?i:(?:kind |best |many )?(?:regards|thanks|cheers|br|rgds|thx|thank you))[,.!]?"
    r"\n[^\n]{1,40}|-- ?(?:\n[^\n]*)*|[~-]*[A-Z][\w'-]*(?: [A-Z][\w'-]*){0,2})$")
# a one-word "Pushed" or "Applied" under the claim is the claim, not a name signing off
_NOT_A_NAME = LazyPattern(r"^\W*(?:pushed|applied|committed|merged|done|sent|posted|acked|"
                          r"queued|reverted|dropped|deferred|fixed)\W*$", re.I)
