"""How one block's readings settle into one state per item: the last of several
statuses in a sentence, an event over the waits beside it, a partial completion
over any `done` words, a decision over the rework it makes moot."""

from __future__ import annotations

import re
from dataclasses import replace

from bot.lazy import LazyPattern
from bot.post import Change, ChangeKind, Status
from bot.reply.vocabulary import LONGEST

_WAITING = frozenset({Status.WAITING_REVIEW.value, Status.WAITING_ON.value})
_REST = frozenset({Status.DONE.value, Status.NEEDS_VERSION.value, Status.IN_PROGRESS.value,
                   *_WAITING})
_DECIDED = frozenset({Status.DEFERRED.value, Status.DROPPED.value})
_EVENTS = frozenset({Status.PATCH_POSTED.value, Status.DONE.value, Status.PARTLY_MERGED.value})
_REOPENED = frozenset({"rule reverted", "rule reopen"})
# a wait told with how long it has lasted: "waiting for review since", "... for two weeks"
_SINCE = LazyPattern(r"\s{0,3}(?:ever )?(?:since\b|for (?:a |\d+ |two |three |several |many )?"
                     r"(?:days?|weeks?|months?)\b)", re.I)
_STILL = LazyPattern(r"(?:\b(?:has|have)(?: now| still| also)? been|[\x27’]s been|\bis|\bare"
                     r"|\bstill)\s{1,3}$", re.I)


def _waiting_since(hit, sentence: str) -> bool:
    """A wait told with how long it lasts so far ("it has been waiting for review since
    Thursday"), not one gone by ("v4 was waiting since December", "it had been waiting")."""
    start, end = hit.span
    return len(sentence) <= LONGEST and bool(_SINCE.match(sentence, end)) and bool(
        _STILL.search(sentence, max(0, start - 16), start))


PLANNED = "next-round-planned"  # the rule of a promised next version: a detail beside news
# details beside other news of the item: the promise of a next round, someone asked to look
_DETAILS = (f"rule {PLANNED}", "rule asked-to-look")
_IN = r"(?:in|merged|committed|applied|pushed)"
# a rest still to come: "what's left is the libvirt side", "the rest still needs acks",
# "I'd keep this open", "so only that part is for 4.18"
_OUTSTANDING = LazyPattern(
    r"\bwhat(?:[\x27’]s| is) (?:still )?(?:left|remaining|outstanding|missing)\b"
    r"(?! (?:is|are) to\b)"
    r"|\bwhat (?:still )?remains (?:is|are)\b(?! to\b)"
    r"|\bthe rest(?: of (?:it|them|the (?:series|patches|work)))? (?:(?:is|are) (?:still )?"
    r"(?:pending|outstanding|waiting|missing|open|not\b|under review|in review)"
    r"|(?:still )?(?:needs?|waits?|wants?)\b|(?:is |are )?(?:still )?to (?:follow|come)\b"
    r"|will (?:follow|come later)\b)"
    rf"|\bthe (?:remaining|other) (?:patch(?:es)?|parts?|half|halves|side|bits?|pieces?)\b"
    r"(?! of (?:my|our|his|her|their|the) (?:day|week|time|team|argument)\b)"
    rf"(?![^.;]{{0,40}}\b(?:is|are|were|was|went|got|has been|have been) (?:also |now |too "
    rf"|all )?{_IN}\b)"
    r"|\bkeep (?:this|it|the item|the entry) open\b"
    # "The second one ... drew comments on qemu-devel and is being reworked"
    r"|\bthe (?:second|other|last) one\b[^.]{0,160}\bis (?:still |now )?being (?:reworked|respun"
    r"|reviewed|rewritten|redone)\b"
    # "10-12 stay with the scheduler maintainers for now"
    r"|\b#?\d{1,2} ?(?:-|to|through|and|\u2013) ?#?\d{1,2} (?:stay|remain|wait|are still)\b"
    # "That leaves #4 as the only piece of the fix still outstanding"
    r"|\b(?:that |which )?leaves (?:only )?(?:patch(?:es)? #?|#)\d{1,2}\b"
    # "... so only 2-4 are left", "6-8 (the Arm side) need another round"
    r"|\bonly #?\d{1,2} ?(?:-|to|through|and) ?#?\d{1,2} (?:are|is) (?:still )?(?:left|remaining"
    r"|outstanding|pending)\b"
    r"|(?:^|[.;,]\s)\W{0,3}#?\d{1,2} ?(?:-|to|through|and) ?#?\d{1,2}\b[^.;]{0,40}?\b(?:still )?"
    r"(?:needs?|wants?|waits?|waiting|pending)\b"
    # "#4 is still with me", "patch 3 has to change after the review"
    r"|(?:\bpatch(?:es)? #?|#)\d{1,2}(?:(?:,| and) #?\d{1,2}){0,6} (?:is|are) still (?:with|on|in)"
    r" (?:me|him|her|them|review|my (?:desk|plate|side))\b"
    r"|(?:\bpatch(?:es)? #?|#)\d{1,2}(?:(?:,| and) #?\d{1,2}){0,6} (?:has|have) to (?:change|be"
    r" (?:reworked|respun|redone|rewritten))\b"
    # "patch 2 still has no review", "#2 and #4 still need an ack"
    r"|(?:\bpatch(?:es)? #?|#)\d{1,2}(?:(?:,| and) #?\d{1,2}){0,6} (?:still )?(?:has no"
    r" (?:reviews?|acks?)|have no (?:reviews?|acks?)"
    r"|needs? (?:an? )?(?:acks?|reviews?|r-b|work|changes|rework|another|a respin"
    r"|one more (?:round|spin|version|iteration))"
    r"|waits? for)\b(?![^.;]{0,40}\bbackport)"
    # "patches 1 and 6 ... are for Jan or Andrew to push once they are happy with them"
    r"|(?:\bpatch(?:es)? [^.;]{0,60}?|\b\d{1,2}(?: and|,) \d{1,2} |\bthe rest )"
    r"(?:is|are) (?:still )?(?:left )?for (?-i:[A-Z][a-z]+)"
    r"(?: (?:or|and) (?-i:[A-Z][a-z]+))? to (?:push|commit|apply|take|merge|ack|review)\b"
    r"|\b\d+ onwards (?:still|need|want|wait|are|is)\b"
    r"|\bthe remaining (?:#?\d+ ?(?:-|to|through|\u2013) ?#?\d+|ones?)\b"
    r"(?! (?:were|went|got|are|is)\b)"
    r"|\bonly (?:that|this) (?:part|patch|half|bit|piece|side)\b"
    r"|\bonly (?:patch(?:es)? )?#?\d+(?:/\d+)? (?:remains?|is left|is outstanding"
    r"|(?:which|that) is still (?:pending|outstanding|open|waiting))\b", re.I)
# ... unless it is all in now: "Andrew acked the remaining patches and Jan pushed them, so
# it's all in now"
# the whole said to be in: "the scheduling fix is complete", "all four patches are in"
_COMPLETE = (r"(?<!\bof )the (?:(?!(?:half|part|parts|first|second|third|last|rest|review"
             r"|testing|tests?|v\d+|of|for|in)\b)[\w-]+ ){0,4}?(?:series|set|work|rework|rewrite"
             r"|cleanup|fix"
             r"|fixes) is (?:now )?(?:complete|all in)\b(?! except)")  # (not "the first half of
# the series is complete", "the v5 rework is complete", "the testing of the fix is complete";
# nor "from a review point of view it is complete": what is complete may be less than the whole)
_ALL_PARTS_IN = (r"all (?:\d{1,2}|two|three|four|five|six|seven|eight|nine|ten) (?:of the )?"
                 r"(?:patches|parts|pieces) are (?:now )?in\b(?! except)")
_ALL_IN = LazyPattern(r"\b(?:it[\x27’]?s|is|are|now) all in\b|\ball of it is in\b"
                      r"|\bnothing (?:is )?left (?:pending|open|outstanding)\b"
                      r"|\bthere[\x27’]?s nothing (?:left|remaining|outstanding)"
                      r" (?:here|of it|to do)\b"
                      r"|\beverything is in\b|\bfully (?:in|merged|committed)\b"
                      # "... so the whole series is in staging now"
                      r"|\bthe (?:whole|entire|complete|full) (?:series|set|patchset|thing|lot)"
                      r" (?:is|are) (?:now )?(?:in|merged|committed|applied|upstream)\b"
                      # "Patch 4 went in, so the scheduling fix is complete."
                      rf"|\b{_COMPLETE}|\b{_ALL_PARTS_IN}", re.I)
# a condition on what is still to come: "when 4 is acked", "if Jan acks it" (not "once the
# tests passed", "when it was committed")
_STILL_TO_COME = re.compile(
    r"\b(?:if|unless|once|when|until)\b(?![^,;.]{0,60}\b(?:went|was|were|had|got|landed|passed"
    r"|came|did|committed|merged|pushed|applied)\b)", re.I)
_TURNS = re.compile(r"\b(?:but|instead|however|though|although|yet)\b", re.I)
_DENIED = re.compile(r"\b(?:not|never|no)\b|n[\x27’]t\b", re.I)
# (not "after the acks arrived": what came before, said in the past)
_AHEAD = re.compile(r"\b(?:once|if|when|will|until|unless)\b|[\x27’]ll\b|\bafter\b(?![^,;.]{0,50}"
                    r"\b(?:arrived|came|was|were|had|landed|passed|got|went)\b)", re.I)
_FIRST_PERSON = re.compile(r"\b(?:I|we)\b", re.I)
_AT_IT = re.compile(r"^\W*+(?:(?:yes|right|ok|so|but),? )*(?:I|we)(?:(?:[\x27’]ve| have)"
                    r"(?: got)? a\b|[\x27’]m (?:currently |now |still )?(?:fixing|reworking"
                    r"|addressing|sorting out|rebasing|respinning)\b)",
                    re.I)  # "I have a branch that ...", "I'm fixing a build failure in patch 2 at
# the moment; v2 should follow": the sender at the work
# ... unless that rest is what went in: "Ian committed the remaining patches on Tuesday"
_REST_IN = LazyPattern(r"\b(?:committed|merged|applied|pushed|put in|took(?: in)?|picked up|landed"
                       r"|put|got) (?:all )?(?:of )?the (?:remaining|other|rest)\b", re.I)


def last_status(hits: list, sentence: str = "") -> list:
    """Of several statuses in one sentence the last one stands ("v4 was sent last
    week and I committed it yesterday": done); the longer phrase wins a tie;
    a partial completion outweighs any `done` words beside it. Clauses a ";" separates are
    read apart ("1 to 3 are committed; patch 4 needs another spin": what went in, and
    what the rest needs)."""
    respin = min((h.span[0] for h in hits if h.value == Status.NEEDS_VERSION.value
                  and h.rule.kind == "status"), default=None)
    if respin is not None:  # "So this needs a v4; I'm on it": the new version is the
        hits = [h for h in hits if not (  # state, the author at it is part of it
            h.value == Status.IN_PROGRESS.value and h.rule.kind == "status"
            and h.span[0] > respin)]
    cuts = [n for n, char in enumerate(sentence) if char == ";"]
    if cuts and len(hits) > 1:
        parts: dict[int, list] = {}
        for hit in hits:
            parts.setdefault(sum(cut < hit.span[0] for cut in cuts), []).append(hit)
        if len(parts) > 1:
            kept = [hit for part in parts.values() for hit in last_status(part)]
            others = any(h.rule.kind == "status" and h.value != Status.OPEN.value for h in kept)
            return [h for h in kept if not (others and h.value == Status.OPEN.value
                                            and h.rule.kind == "status")]
    staged = [h.span for h in hits if h.rule.name in ("integration-branch", "fix-on-its-way")]
    if staged:  # "applied it to net-next": merged into a tree on its way, not released
        hits = [h for h in hits if h.value != Status.DONE.value or not any(
            h.span[0] < end and start < h.span[1] for start, end in staged)]
    statuses = [h for h in hits if h.rule.kind == "status"]
    done = next((h for h in statuses if h.value == Status.DONE.value), None)
    if done is not None and _A_PART_FIRST.match(sentence) and any(
            h.value in _REST - {Status.DONE.value} and h.span[0] >= done.span[1]
            for h in statuses):
        # "Patches 1-5 of v2 were committed today, the xentop half still needs a respin":
        # the part named first went in, the rest is what it waits for
        hits = [replace(h, value=Status.PARTLY_MERGED.value) if h is done else h for h in hits]
        statuses = [h for h in hits if h.rule.kind == "status"]
    partial_end = max((h.span[1] for h in statuses if h.value == Status.PARTLY_MERGED.value),
                      default=-1)
    whole = _ALL_IN.search(sentence, partial_end) if partial_end >= 0 else None
    if whole and not _DENIED.search(sentence, partial_end, whole.start()) and not _AHEAD.search(
            sentence, partial_end, whole.start()):
        # "pushed patches 1 and 6, so with Julien's earlier push the series is fully in"
        hits = [h for h in hits if h.value != Status.PARTLY_MERGED.value]
        statuses = [h for h in hits if h.rule.kind == "status"]
    if any(h.value == Status.PARTLY_MERGED.value for h in statuses):
        # "1/7 was committed", "the bulk of it went in": partial completion is not done,
        # and "6 and 7 still need another round" is what the rest of it waits for
        # (a part of it reverted, "3/3 was reverted, 1 and 2 stay", leaves it partly in)
        hits = [h for h in hits if h.rule.kind != "status" or h.value not in _REST
                and h.value != Status.OPEN.value]
        statuses = [h for h in hits if h.rule.kind == "status"]
    if any(h.rule.name == "review-awaited" for h in statuses) and any(
            h.value == Status.PATCH_POSTED.value for h in statuses):
        # "has been on the list for two weeks without a single comment" tells the wait, not
        # a posting (beside a ping too: "A gentle ping for X: it has been on the list ...")
        hits = [h for h in hits if h.value != Status.PATCH_POSTED.value]
        statuses = [h for h in hits if h.rule.kind == "status"]
    if any(h.value not in _WAITING for h in statuses):
        # "1-3 committed; 4 is still waiting for a review": the rest waiting is the detail
        # ("v5 has been on the list a month without a single reply": that wait outweighs
        # the posting, never a merge: "committed it without any reviews, it is trivial")
        only_posted = all(h.value in _WAITING or h.value == Status.PATCH_POSTED.value
                          for h in statuses)
        hits = [h for h in hits if h.rule.kind != "status" or h.value not in _WAITING
                or ((h.rule.name == "review-awaited" or _waiting_since(h, sentence))
                    and only_posted)]  # ("... and it has been waiting for review since")
        statuses = [h for h in hits if h.rule.kind == "status"]
    planned = [h for h in statuses if h.rule.name == PLANNED]
    if planned and len(planned) < len(statuses):
        # "Please mark it for 4.18, we will resend it then": the promise is the detail
        hits = [h for h in hits if h not in planned]
        statuses = [h for h in hits if h.rule.kind == "status"]
    if len(statuses) < 2:
        return hits
    values = {h.value for h in statuses}
    decided = [h for h in statuses if h.value in _DECIDED and h.confidence >= 0.7]
    rework = [h for h in statuses if h.value in (Status.NEEDS_VERSION.value,
                                                 Status.IN_PROGRESS.value)]
    if decided and rework and decided[0].span[1] <= rework[0].span[0] and _FIRST_PERSON.search(
            sentence, 0, decided[0].span[1]) and not _TURNS.search(
            sentence, decided[0].span[1], rework[0].span[0]) and not _DENIED.search(
            sentence, 0, decided[0].span[0]):
        # "I'm withdrawing it for 4.19 - it needs re-basing over the BHI work": the decision
        # is the news, the rework its reason ("it's not deferred, I'm working on v6", "Jan
        # wanted to defer it, but I'm on the respin": the work is)
        hits = [h for h in hits if h not in rework]
        statuses = [h for h in hits if h.rule.kind == "status"]
        values = {h.value for h in statuses}
        if len(statuses) < 2:
            return hits
    if values == {Status.DONE.value, Status.DROPPED.value}:
        # "This one is done, you can remove it from the list": the list drops what is done
        return [h for h in hits if h.rule.kind != "status" or h.value == Status.DONE.value]
    last = max(statuses, key=lambda h: (h.span[1], h.span[1] - h.span[0]))
    # "this needs another round, and v8 won't be 4.19 material unless the freeze moves":
    # a last reading that is only a proposal leaves the firm one before it standing
    firm = [h for h in statuses if h.confidence >= 0.7]
    standing = max(firm, key=lambda h: h.span[1]) if firm and last.confidence < 0.7 else last
    return [h for h in hits if h.rule.kind != "status" or h is last or h is standing]


# "I started writing that we should drop this ... so scratch that: please keep it"
# (a bare "scratch that:", not "scratch that idea" or "never mind the CI noise")
_RETRACTED = LazyPattern(r"\b(?:scratch\s+that|forget\s+(?:that|what\s+I\s+(?:just\s+)?said)"
                         r"|never\s?mind|on\s+second\s+thoughts?"
                         r"|ignore\s+what\s+I\s+(?:just\s+)?said"
                         r"|(?<!n[\x27’]t\s)(?<!not\s)ignore\s+me)(?=\s{0,2}(?:[:,;.!-]|$))",
                         re.I)


_RETRACTING_WORDS = ("scratch", "forget", "never", "second", "ignore")
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)")


def _unsaid(changes: list[Change], text: str) -> list[Change]:
    """What a "scratch that" takes back: the sentence it ends, or the one right before the
    sentence it is in (nothing said earlier, nor after it)."""
    lowered = text.lower()
    if not changes or not any(word in lowered for word in _RETRACTING_WORDS):
        return changes  # (asked of every block: the words first, the pattern then)
    flat = " ".join(text.split())
    found = _RETRACTED.search(flat)
    if not found:
        return changes
    kept = []
    for change in changes:
        words = " ".join(change.evidence.words.split())
        start = flat.rfind(words, 0, found.end() + 1) if words else -1
        between = flat[start + len(words): found.start()] if start >= 0 else ""
        taken = start >= 0 and (found.start() <= start + len(words) <= found.end() + 1
                                or not _SENTENCE_END.search(between))
        if not taken:
            kept.append(change)
    return kept


def settled(changes: list[Change], text: str = "") -> list[Change]:
    """Each item's readings settled apart: in a block about several ("the coloring series
    is in, the spinlock rework still needs review") one item's news is not another's
    detail, and what is said of one is all its own text."""
    items = list(dict.fromkeys(c.item for c in changes))
    if len(items) < 2:
        return _settled(changes, text)
    return [kept for item in items for kept in _settled(
        [c for c in changes if c.item == item],
        " ".join(c.evidence.words for c in changes if c.item == item))]


def _without_detail(changes: list[Change], news: frozenset[str] | set[str], detail: str,
                    said_by: frozenset[str] | set[str] = frozenset()) -> list[Change]:
    """The changes but the `detail` state of each item a firm reading gives one of the `news`
    states (only the detail a rule in `said_by` read, when it names any)."""
    told = {c.item for c in changes if c.kind is ChangeKind.STATUS and c.confidence >= 0.7
            and c.value in news}
    return [c for c in changes if not (c.kind is ChangeKind.STATUS and c.item in told
                                       and c.value == detail
                                       and (not said_by or said_by & set(c.reasons)))]


def _settled(changes: list[Change], text: str = "") -> list[Change]:
    """"v10 sent; the last two patches still need an ack": the event is the news.
    A waiting state beside another status in one block says less, and so does the
    rework the item needs beside a decision on it ("needs a rework ... let's move it
    to 4.18"). But a wait said as the news ("v3 is out. It now needs another round of
    review", "... without a single reply") outweighs the posting it follows."""
    changes = _unsaid(changes, text)
    if any(c.kind is ChangeKind.STATUS and not any(r in c.reasons for r in _DETAILS)
           for c in changes):  # "6/7 and 7/7 need another spin. I'll send v8 next week":
        # what the item needs is the news, the promise to do it its detail ("v4 went out
        # this morning. Jan, would you be able to have a look?": so is the ask)
        changes = [c for c in changes if not any(r in c.reasons for r in _DETAILS)]
    at_it = {(c.item, c.evidence.words) for c in changes if c.kind is ChangeKind.STATUS
             and "rule in-progress" in c.reasons and _AT_IT.match(c.evidence.words)}
    if at_it:  # "I have a branch that does most of it; it needs a rebase": the sender is at
        # it, and the next version is theirs, under way
        changes = [c for c in changes if not (c.value == Status.NEEDS_VERSION.value and (
            c.item, c.evidence.words) in at_it)]
    if any("rule review-awaited" in c.reasons for c in changes) and not any(
            c.kind is ChangeKind.STATUS and c.value in (Status.DONE.value,
                                                         Status.PARTLY_MERGED.value)
            for c in changes):
        changes = [c for c in changes if not (c.kind is ChangeKind.STATUS
                                               and c.value == Status.PATCH_POSTED.value)]
    dropped = {c.item for c in changes if c.kind is ChangeKind.STATUS
               and c.value == Status.DROPPED.value and c.confidence >= 0.7}
    if dropped:  # "I'm not getting back to it ... just remove it": the item goes, not the owner
        changes = [c for c in changes if not (c.kind is ChangeKind.OWNER and c.item in dropped
                                               and c.value.startswith("-"))]
    changes = _partly(changes, text)
    if not any(c.value == Status.DEFERRED.value and _LATER_ONE.search(c.evidence.words)
               for c in changes if c.kind is ChangeKind.STATUS):
        # "it certainly isn't happening in this release ... nothing to track here": off the
        # list says more than out of this release (not "... I'll bring it back for the next
        # release": a deferral)
        changes = _without_detail(changes, {Status.DROPPED.value}, Status.DEFERRED.value)
    # "v3 goes back to the brute force approach ... It went out an hour ago": the work told
    # of beside the same item's posting, merge or deferral is the detail
    changes = _without_detail(changes, _EVENTS | _DECIDED, Status.IN_PROGRESS.value)
    # "I won't have time for this before the freeze ... Please move it to 4.32": the owner
    # steps back, and the decision on the item is the deferral, not the item open again
    changes = _without_detail(changes, _DECIDED, Status.OPEN.value, {"rule gives-up"})
    # "I had to revert it ... can you send a v3?": the round the item needs is the news, the
    # revert before it its detail (not the author's "I'm at it" beside a rework: labellers
    # read that either way)
    changes = _without_detail(changes, {Status.NEEDS_VERSION.value}, Status.OPEN.value,
                              _REOPENED)
    # (a guess of the sentence model alone outweighs no reading of the rules)
    read = [c for c in changes if c.kind is ChangeKind.STATUS and "model" not in c.reasons]
    statuses = {c.value for c in read if c.confidence >= 0.7 or "condition" not in c.reasons} \
        or {c.value for c in read}  # (a course only proposed on a condition, "if there is
    # still no ack by Friday I'd drop it", leaves the wait the RM notes the news: "I'll note
    # the item as waiting on Gwen")
    decided = {c.value for c in changes if c.kind is ChangeKind.STATUS and c.confidence >= 0.7}
    # "six of seven are in; the one left needs one more spin": the rest's rework is the detail
    lesser = set(_WAITING) | ({Status.NEEDS_VERSION.value} if decided & _DECIDED or
                              Status.PARTLY_MERGED.value in decided else set())
    if not statuses - lesser:
        return changes
    return [c for c in changes if not (c.kind is ChangeKind.STATUS and c.value in lesser)]



# "1/2 is fine and I've pushed it": the done is a part's, named first (not "2/2 went in, so
# the whole series is in")
_A_PART_FIRST = LazyPattern(r"^\W{0,3}(?:(?:patch(?:es)? )?#?(?P<k>\d{1,2}) ?/ ?(?P<n>\d{1,2})"
                            r"|(?:patch(?:es)? )?#?\d{1,2} ?(?:to|-|through|\u2013) ?#?\d{1,2}"
                            # "#2 is in since this morning": one patch of the series
                            r"|(?:patch(?:es)? #?|#)\d{1,2}(?:(?:,| and) #?\d{1,2}){0,6}"
                            r"(?= (?:is|are|was|were|got|went|has|have)\b))\b"
                            r"(?![^.;]{0,80}\b(?:all|both|whole|every|complete|rest|remaining"
                            r"|last|final|only|missing|left)\b)", re.I)


_WHOLE = LazyPattern(r"\b(?:all of (?:it|them|the series)|the whole|the entire|fully|completely"
                     r"|the rest|the remaining|the last (?:one|patch|part)"
                     r"|(?:go|goes|move|moved) (?:to|into|under) (?:the )?completed"
                     # "With #1 and #3 in since last week, the series is complete."
                     rf"|{_COMPLETE}|it is (?:now )?(?:complete|all in)(?! except)"
                     # "With that all four patches are in staging."
                     rf"|{_ALL_PARTS_IN})\b",
                     re.I)


_NUMBERS = {w: n for n, w in enumerate("zero one two three four five six seven eight nine ten"
                                        " eleven twelve".split())}
_WORD_OR_DIGITS = r"(\d{1,2}|" + "|".join(_NUMBERS) + r")"
# "three out of four now", "two of the four patches are in" (not "two of the three were trivial")
_K_OF_N = LazyPattern(
    rf"\b{_WORD_OR_DIGITS} (?:out of (?:the )?{_WORD_OR_DIGITS}(?: patch(?:es)?)?"
    r"(?=\s*(?:[,.;:!)]|$|now\b|in\b|done\b|merged\b|committed\b|applied\b|pushed\b))"
    rf"|of (?:the )?{_WORD_OR_DIGITS}(?: patch(?:es)?)? (?:are|were|went|got|have gone|have been)"
    r" (?:now )?(?:in|merged|committed|applied|pushed)\b)", re.I)


def _fewer_than_all(text: str) -> bool:
    """ "so it's three out of four now": fewer than all of the series' patches are in."""
    for found in _K_OF_N.finditer(text):
        k, n = (int(x) if x.isdigit() else _NUMBERS[x.lower()] for x in found.groups() if x)
        if 0 < k < n:
            return True
    return False


# a part of the series as what went in: "I pushed the reworked #2 this morning", "I took
# patch 1 on Monday", "I've put 1-9 into staging" (not "patch 3 of 3", "1 to 4 of 4")
_PART_TAKEN = LazyPattern(
    r"\b(?:pushed|committed|applied|merged|took|picked up|queued|put)(?: in)? (?:the )?(?:\w+ )?"
    r"(?:(?:patch(?:es)? #?|#)\d{1,2}\b(?! ?(?:/|of|to|through|and|,|-|\u2013) ?#?\d)"
    r"|(?:patch(?:es)? )?#?\d{1,2} ?(?:-|to|through|\u2013) ?#?\d{1,2}\b(?! of\b)"
    r"(?= (?:in|into|to|on)\b))"
    # "Neil acked patches 1-3 and pushed them yesterday"
    r"|\b(?:acked|reviewed|took) (?:patch(?:es)? )?#?\d{1,2} ?(?:-|to|through|and|\u2013) ?"
    r"#?\d{1,2}\b(?! of\b)[^.;]{0,20}\b(?:pushed|committed|applied|merged) (?:them|it)\b", re.I)


def _part_first(change: Change) -> bool:
    """ "1/2 is fine and I've pushed it", "Patches 1 to 3 are fine, acked and committed
    them": a part named first is what went in."""
    found = _A_PART_FIRST.match(change.evidence.words)
    return bool(found) and (found["k"] is None or int(found["k"]) < int(found["n"]))


_LATER_ONE = LazyPattern(r"\b(?:next|following|later|future) (?:release|version|cycle|one)\b",
                         re.I)


def _partly(changes: list[Change], text: str) -> list[Change]:
    """ "The osstest side got pushed on Friday ... what's left is the libvirt side":
    a `done` beside a rest said to be still to come is a partial merge."""
    partly = {c.item for c in changes if c.kind is ChangeKind.STATUS
              and c.value == Status.PARTLY_MERGED.value}
    if partly:  # "only the hypervisor half made it ... recording it as partly in": the done
        # words beside a partial merge of the same item are the part's, not the whole's
        whole = [n for n, c in enumerate(changes) if c.kind is ChangeKind.STATUS
                 and c.item in partly and c.value == Status.DONE.value
                 and _WHOLE.search(c.evidence.words) and c.confidence >= 0.7
                 and not _STILL_TO_COME.search(c.evidence.words)]  # (not "When 4 is acked, it
        # is all in": a whole still to come; but "after Dario's ack, the rest went in")
        # "I pushed #2 and #4 this afternoon ... With #1 and #3 in since last week, the
        # series is complete": the part went in last, the whole is in on the part's day
        last_part = {c.item: c for c in changes if c.kind is ChangeKind.STATUS
                     and c.value == Status.PARTLY_MERGED.value}
        kept = []
        for n, c in enumerate(changes):
            if c.kind is ChangeKind.STATUS and c.item in partly and (
                    c.value == Status.DONE.value and n not in whole
                    or c.value == Status.PARTLY_MERGED.value and any(
                        n < k and changes[k].item == c.item for k in whole)):
                continue
            part = last_part.get(c.item)
            if n in whole and part is not None and part.when is not None and any(
                    k < n for k, other in enumerate(changes) if other is part) and (
                    c.when is None or part.when > c.when):
                c = replace(c, when=part.when)  # (the whole's own later day stands)
            kept.append(c)
        return kept
    if not any(c.kind is ChangeKind.STATUS and c.value == Status.DONE.value for c in changes):
        return changes
    flat = " ".join(text.split())  # (a phrase wraps over lines)
    all_in = bool(_ALL_IN.search(flat))  # "So there's nothing left here": the whole is in
    rest_open = bool(_OUTSTANDING.search(flat) or _fewer_than_all(flat)) and not _REST_IN.search(
        flat)
    part_named = any(c.kind is ChangeKind.STATUS and c.value == Status.DONE.value
                     and (_part_first(c) or _PART_TAKEN.search(c.evidence.words)
                          and not _WHOLE.search(c.evidence.words)) for c in changes)
    if all_in or not (rest_open or part_named):
        return changes
    return [replace(c, value=Status.PARTLY_MERGED.value,
                    reasons=(*c.reasons, "a rest still to come"))
            if c.kind is ChangeKind.STATUS and c.value == Status.DONE.value else c
            for c in changes]
