"""The status vocabulary shared by posts and replies.

A post states an item's status in free words ("Patch posted, discussion,
... Ping sent"); the RM reads the *latest* statement as the truth, so the
canonical status is the last status phrase found in the notes.
"""

from __future__ import annotations

import re
from enum import StrEnum

from bot.lazy import LazyPattern


class Status(StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    PATCH_POSTED = "patch_posted"
    # Patch trackers' states (patchwork: under review, changes requested):
    # whose move it is matters more to an RM than "posted".
    WAITING_REVIEW = "waiting_review"
    NEEDS_VERSION = "needs_version"  # changes requested: the author's move
    PARTLY_MERGED = "partly_merged"  # some patches in, the rest outstanding
    WAITING_ON = "waiting_on"  # blocked on a named person
    PINGED = "pinged"
    DONE = "done"
    DROPPED = "dropped"
    DEFERRED = "deferred"


# Phrases as release managers write them in the post's notes. Order does
# not matter: the phrase that occurs last in the text wins.
_NOTE_PHRASES: tuple[tuple[Status, str], ...] = (
    (
        Status.DONE,
        r"\bdone\b|\bcommitted\b|\bin[- ]tree\b|\bapplied\b|\bmerged\b"
        r"|\bfixed\b|\bwent in\b|\bgone in\b|\bresolved\b|\bcompleted?\b",
    ),
    (
        Status.PATCH_POSTED,
        r"\bpatch(?:es)?(?: series)? (?:re)?posted\b|\bposted\b"
        r"|\bv\d+\b(?![^,.;]*\bexpected\b)[^,.;]*\b(?:was |were |is )?(?:sent|posted)\b"
        r"|\bnew version\b[^,.;]*\bsent\b|\bunder review\b"
        r"|\b(?:series|version|patch(?:es)?) (?:was |were |been )?(?:re)?sent\b"
        r"|\bpatch(?:es)?(?: postings?)? (?:is |are )?associated\b",
    ),
    # the regressions tracker's "poked 13 days ago": its reminder went out
    (Status.PINGED, r"\bping(?:ed)? sent\b|\bpinged\b|\bpoked\b(?! (?:at|around|into)\b)"),
    (
        Status.WAITING_REVIEW,
        r"\breview pending\b|\bneeds? (?:more |some )?(?:reviews?|acks?|an ack)\b"
        r"|\bneeds? (?:an? )?(?:acks?|reviews?) from\b|\bwaiting for (?:an? )?(?:acks?|reviews?)\b"
        r"|\bawaiting (?:an? )?(?:acks?|reviews?)\b|\bwaiting for a review\b"
        # git's maintainer asking: "Comments?", "Will merge to 'next'?", "needs (real) review"
        r"|\bcomments\?|\bwill merge to '?(?:next|master)'?[^.;\n?]{0,40}\?"
        r"|\bneeds? (?:to be )?(?:\(\w+\) )?review(?:ed|ing)?\b",
    ),
    (
        Status.NEEDS_VERSION,
        r"\b(?:needs?|needing) a new version\b|\b(?:needs?|needing) (?:a )?v\d+\b"
        r"|\bchanges requested\b"
        r"|\bneeds? (?:some )?actions? from (?:the )?author\b|\bneeds? a respin\b"
        r"|\bneeds? (?:a )?rework\b|\bbeing (?:reworked|respun|rewritten)\b"
        # git's "Expecting a (small) reroll.": the author's move
        r"|\b(?:expecting|awaiting|waiting for) (?:an? |the )?(?:\([^()\n]{0,40}\) )?"
        r"(?:re-?roll|respin|new version)\b"
        r"(?! (?:to be|of (?:the|my|his|her|their) (?:base|other|underlying)))",
    ),
    (
        Status.PARTLY_MERGED,
        r"\b(?:part(?:ial)?ly|half) (?:merged|committed|applied|in)\b"
        # "only the docs patch is left to be acked", "the final patch is still waiting"
        r"|\bonly (?:the )?[\w /-]{0,30}?patch(?:es)? (?:is |are )?left\b(?: to be [\w/]+)?"
        r"|\b(?:last|remaining|final) patch(?:es)? (?:is |are )?(?:still )?waiting\b"
        r"(?: to be [\w/]+)?"
        # "acked, though the remaining two patches are not applied yet": the others are
        r"|\b(?:last|remaining|final) (?:\w+ )?patch(?:es)? (?:are|is|were|was)"
        r"(?:n[\x27’]t| not) (?:yet )?(?:merged|committed|applied)\b",
    ),
    # git: a topic that waits for the series it is built on
    (
        Status.WAITING_ON,
        r"\bwaiting on (?!(?:the |an? )?(?:acks?|reviews?)\b)"
        # someone's word it waits for: "waiting for your review", "waiting for Jan's ack"
        r"|(?<!no longer )(?<!not )\bwaiting for (?:your|his|her|their|(?:the )?(?:(?-i:[A-Z]"
        r"[\w-]+)|maintainer|reviewer|author|committer)[\x27’]s) (?:reviews?|acks?|replies|reply"
        r"|input|answer|approval)\b"
        r"|\b(?:waiting|(?:needs?|ha(?:ve|s)) to wait) for (?:the |its )?"
        r"(?:base|prerequisite|dependent|underlying) (?:topic|series|patch(?:es)?)\b",
    ),
    # "Fix incoming:" (a regressions report): the fix sits in a subsystem tree on its way;
    # git: the maintainer's word that he will merge the topic to 'next' (or 'master'). Both
    # are on their way in, as the independent labellers of real reports read them.
    (
        Status.IN_PROGRESS,
        r"\bfix incoming\b|\bwill merge to (?:'(?:next|master)'|(?:next|master)\b(?! week))"
        r"(?![^.;\n?]{0,200}\?)"
        r"|\bin progress\b|(?<!\bfor )\bworking on\b|\bbeing worked on\b"
        r"|\b(?:discussion|review|work) is (?:still )?ongoing\b"
        r"|\bneeds? to be (?:ported|put|written|reworked|rebased)\b"
        r"|\bwip\b|\bstarted\b"
        # "ok, v5 expected next week": the author is at work on the next version
        r"|\b(?:v\d+|(?:the )?(?:new|next) version|respin) (?:is )?expected\b",
    ),
    (
        Status.DEFERRED,
        r"\bnot for \d|\bdeferred\b|\bpost[- ]release\b"
        r"|\b\d+\.\d+ material\b|\bpostponed\b|(?<!no longer )(?<!not )\bon hold\b"
        r"|\bnext[- ]release material\b|\bmaterial for the next release\b",
    ),
    (Status.DROPPED, r"\bdropped\b|\bwithdrawn\b|\bno longer relevant\b|\bnot a bug\b"),
)
# Words that put an item back to plain open: the ball is in someone else's
# court again ("Patch #1 merged, #2 needs a v4", "not started").
_REOPEN = r"\bstill needs?\b|\bnot (?:yet )?started\b|\bno one has\b"
_NOTE_PHRASES += ((Status.OPEN, _REOPEN),)
_NOTE_RE = LazyPattern("|".join(f"(?P<{s.name}>{p})" for s, p in _NOTE_PHRASES), re.IGNORECASE)
# "not done", "isn't fixed": a negated phrase states nothing.
_NEGATED = LazyPattern(r"(?:\b(?:not|never|no|to be)|n[\x27’]t)\s+(?:yet\s+)?$", re.IGNORECASE)


# "Patch #1 #3 merged", "6/12 are merged", "the first four patches were
# merged", "the bulk of this has gone in": only part of the series is in.
_PART = LazyPattern(
    r"(?:patch(?:es)? #?\d|\b\d+/\d+\b|\b(?:first|some|several|parts?|bulk|most|half|"
    r"one|two|three|four|five|\d+) (?:of )?(?:the |this |these )?(?:patch|series|it|them|\w+ patch)"
    r"|\bparts? of\b|\bbulk of\b|\bpartly\b)",
    re.IGNORECASE,
)
# A label never spans another '[': a run of brackets costs one pass, not one per '['.
_PATCH_LABEL = LazyPattern(
    r"\[[^\[\]]*?\bpatch\b[^\[\]]*?\b(?P<index>\d+)/(?P<total>\d+)\]", re.IGNORECASE
)
_INTEGRATION = LazyPattern(r"\bmerged to '?(?:next|seen)'?", re.IGNORECASE)
_STILL_OUT = (Status.OPEN, Status.WAITING_REVIEW, Status.NEEDS_VERSION, Status.WAITING_ON,
              Status.PATCH_POSTED, Status.IN_PROGRESS, Status.PINGED)


_LOOK_BACK = 300  # characters: longer than any sentence a status note says its part in


def status_from_text(text: str) -> Status | None:
    """The status the last status phrase in `text` states, if any.

    A merge of part of a series followed by what the rest still needs is
    partly merged ("Patch #1 #3 merged. Patch #2 needs a v4.").
    """
    found: Status | None = None
    part_done = False
    text = _INTEGRATION.sub("in progress", text)  # git: in 'next' is not yet released
    for match in _NOTE_RE.finditer(text):
        if _NEGATED.search(text[max(0, match.start() - 12) : match.start()]):
            continue
        status = Status[match.lastgroup or "OPEN"]
        if status is Status.DONE:
            # the words before it in its sentence (a bounded look back: a note of thousands
            # of "merged" must not cost their square)
            before = text[max(0, match.start() - _LOOK_BACK): match.start()]
            sentence = re.split(r"[.;\n]", before)[-1]
            part_done = bool(_PART.search(sentence + match.group(0)))
            if _one_of_many(re.split(r"[;\n]", before)[-1]):
                status = Status.PARTLY_MERGED
        elif part_done and status in _STILL_OUT:
            found = Status.PARTLY_MERGED
            continue
        if status is not Status.OPEN or found is Status.DONE:
            found = status  # "reopen" words only undo a "merged"
    return found


# what makes an RM's sentence less than a statement of fact: a question, a
# negation, a guess ("I doubt it helps much", "it is probably fine")
_UNSURE = LazyPattern(
    r"\?|n[\x27’]t\b|\b(?:not|no|never|unsure|sure|think|guess|afaict|afaik|hopefully|seems?|"
    r"maybe|perhaps|might|would|should|could|if|whether|wonder)\b|\bmay\b(?! \d)(?<!\d may)",
    re.IGNORECASE,
)
_SENTENCE_END = LazyPattern(r"(?<=[.!?])\s+")


# what an RM says only in the negative, a guess around it or not: "it isn't ready yet,
# I believe" (the author is still at it), "I haven't found a new version on the list"
# (the next version is the author's move)
_SAID_IN_THE_NEGATIVE = LazyPattern(
    r"(?P<IN_PROGRESS>\b(?:(?:is|are) (?:still )?not|isn[\x27’]t|aren[\x27’]t)"
    r" (?:quite |yet |entirely )?"
    r"ready\b(?! to\b))"
    r"|(?P<NEEDS_VERSION>\b(?:don[\x27’]t|do not|didn[\x27’]t|did not|can[\x27’]t|cannot"
    r"|haven[\x27’]t|have not)"
    r" (?:yet )?(?:seem to )?(?:see|seen|find|found) (?:the |a |an |any )?(?:(?:final|new|next"
    r"|updated|revised|fixed) version|v\d+)(?= *(?:[.,;:!)]|$|posted\b|sent\b|on the list\b"
    r"|yet\b|either\b)))",
    re.IGNORECASE,
)
# what a sentence said in the negative may not undo: a plain "Committed." before it
_SETTLED = frozenset({Status.DONE, Status.PARTLY_MERGED})


def status_from_commentary(notes: tuple[str, ...] | list[str]) -> Status:
    """The status an RM's running commentary under a quoted subject states: only
    its plain statements count ("Review is still ongoing."), never a question, a
    negation or a guess ("I have not seen v4 posted yet"), but for the few states an
    RM says in the negative, a guess around them or not ("it isn't ready yet, I
    believe"), and never over a plain "Committed." said before them."""
    found = Status.OPEN
    for note in notes:
        for sentence in _SENTENCE_END.split(note):
            if not _UNSURE.search(sentence):
                found = status_from_text(sentence) or found
            elif "?" not in sentence and found not in _SETTLED and (
                    said := _SAID_IN_THE_NEGATIVE.search(sentence)):
                found = Status[said.lastgroup or "OPEN"]
    return found


def _one_of_many(words: str) -> bool:
    """ "[PATCH v4 3/8] ... was merged": one patch of a series is in, not the series
    (a cover letter, 0/8, names the whole series)."""
    label = _PATCH_LABEL.search(words)
    return label is not None and int(label["total"]) > 1 and int(label["index"]) > 0


def mentions_status(text: str) -> bool:
    """Whether `text` uses any status phrase at all (even one that only reopens)."""
    return _NOTE_RE.search(text) is not None


def status_from_notes(notes: tuple[str, ...] | list[str]) -> Status:
    """Canonical status of an item from its notes; OPEN when none speaks."""
    found = status_from_text(" ; ".join(notes))
    return found or Status.OPEN


PLACEHOLDERS = frozenset(
    {"none", "none known", "no known issues", "nothing", "n/a", "none yet", "tbd"}
)


# an invitation in the list's last place: "Anything else I should track?",
# "Some other patch series I missed."
_INVITATION = LazyPattern(
    r"^(?:anything|something|any|some|other)\b.{0,40}\b(?:else|other|more|missed|forgot)\b"
    r"|\bI (?:missed|forgot)\W*$",
    re.IGNORECASE,
)


def is_invitation(text: str) -> bool:
    """The RM asking for more ("Anything else I should track?"): prose that
    closes a list, not one of its items."""
    text = text.strip()
    return len(text.split()) <= 8 and bool(_INVITATION.search(text))


def is_placeholder(text: str) -> bool:
    text = text.strip()
    return text.rstrip(".").lower() in PLACEHOLDERS or is_invitation(text)
