"""Message + post → changes: what the sender's own new words say about which items.

Only the sender's new text counts: quoted text belongs to an earlier mail
and is never read for statements. Each block of new text is tied to the
item quoted just above it (the last item when several are quoted), or,
when the reply is top-posted, to the item its words name. Every change
carries its evidence and a confidence; the store decides what applies.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from functools import cached_property, lru_cache

from bot.mail import BlockKind, Message, split_quotes
from bot.mail.quotelines import leading_headers
from bot.post import Change, ChangeKind, Post, Status, section_status
from bot.post.change import GUESS
from bot.reply.clauses import Piece, as_it, by_item, named_in_clause
from bot.reply.details import detailed, singled_out
from bot.reply.duplicates import by_number, repeated, twin
from bot.reply.endorse import (
    adds,
    author_of,
    claim_of,
    date_of,
    grants,
    placed_elsewhere,
    stance,
    whole_claim,
)
from bot.reply.learned import (
    AGREEMENT_MATTERS,
    MODEL_ONLY,
    Remark,
    acts_on,
    agreed,
    greeting,
    model_change,
    read,
    worth_asking,
    worth_remarking,
)
from bot.reply.matching import (
    STRONG,
    Entry,
    index,
    named_item,
    names_title,
    normalise,
    resolve_section,
    title_words,
)
from bot.reply.naming import (
    CLAUSES,
    POINTS_UP,
    Naming,
    named_as_topic,
    named_as_work,
    whole_titles,
)
from bot.reply.naming import named as named_in
from bot.reply.newitems import (
    LIST_LINE,
    LISTED_HERE,
    commit_message_end,
    each_named,
    evidence,
    for_another_list,
    listed_already,
    listed_entry,
    listed_items,
    new_item,
    patch_replied,
    section_titles,
    series_posting,
    subject_items,
)
from bot.reply.owners import NAME, VOCATIVE, display_name, owner_named, same_person
from bot.reply.patches import patch_below, posted
from bot.reply.perpost import read_once
from bot.reply.prose import prose_quoted, prose_remarks
from bot.reply.reports import quotes_post, reported_problem
from bot.reply.sentences import LINK_WORDS, links, sentences, when
from bot.reply.settle import PLANNED, last_status, settled
from bot.reply.subjects import by_subject, names_two
from bot.reply.targets import (
    Target,
    continued,
    in_turn,
    item_starts,
    quoted_below,
    quoted_items,
    target_of,
)
from bot.reply.vocabulary import (
    HEDGE,
    HEDGED_BY,
    LONGEST,
    QUESTION,
    RELEASE_NAMED,
    Rule,
    default_rules,
    may_read,
    read_sentence,
)
from bot.series.subject import parse_subject

_EXPLICIT = re.compile(r"^\s*todobot:\s*(?P<word>[a-z_-]+)\b[:,]?\s*(?P<note>.*)$", re.I)
_STATUS_WORDS = {s.value.replace("_", "-"): s for s in Status} | {
    "posted": Status.PATCH_POSTED,
    "patch": Status.PATCH_POSTED,
    "ping": Status.PINGED,
    "progress": Status.IN_PROGRESS,
    "wip": Status.IN_PROGRESS,
    "defer": Status.DEFERRED,
    "drop": Status.DROPPED,
    "fixed": Status.DONE,
    "committed": Status.DONE,
}


@dataclass(frozen=True)
class ReplyAnalysis:
    changes: tuple[Change, ...]
    findings: tuple[str, ...]  # why: which block answered which item, which rules fired
    remarks: tuple[Remark, ...] = ()  # sentences about an item that changed nothing
    off_topic: bool = False  # no new text answers or names an item: sub-thread talk


REPORTED = MODEL_ONLY  # a problem told under the post: a guess, a proposal for any sender


def analyze_reply(
    message: Message,
    post: Post,
    *,
    roster: Mapping[str, str] | None = None,
    rules: tuple[Rule, ...] | None = None,
    rms: frozenset[str] | set[str] = frozenset(),
    context: tuple[int, ...] | None = None,
    several: tuple[tuple[int, ...], ...] = (),
    quoted_asks: bool = True,
    context_far: bool = False,
) -> ReplyAnalysis:
    """What the sender's new words say; `rms`: the RMs' addresses, whose agreement
    with a claim they quote makes it their own (over two quote levels); `context`:
    the item the mail it answers was about, for a sub-thread reply whose quotes name
    none ("Sure, I am on that already." under a request that quoted no item);
    `several`: the items it was about when there were more, which an answer that says
    "both" or "all of them" is about ("Applied both, thanks."); `quoted_asks`: whether
    items the quoted mail asks for, when the post lists none the answer is about, are
    read (not when reading that quoted mail itself); `context_far`: the context is what
    a mail further up the thread spoke of (the one it answers was lost, or spoke of
    none), so what is said of it is only proposed, unless the mail names the item
    itself."""
    rules = rules or default_rules()
    is_rm = message.from_addr.lower() in {a.lower() for a in rms}
    entries = index(post)
    sender = (roster or {}).get(message.from_addr.lower()) or display_name(
        message.from_name or message.from_addr
    )
    release = _release(post)
    structure = split_quotes(message.body)
    people = tuple(  # (and whom the mail is sent to: "Amara offered to take it over (she
        # is on Cc)" names the Amara Osei of its Cc line)
        dict.fromkeys([*(o for e in entries for o in e.item.owners), *(roster or {}).values(),
                       *_recipients(message)])
    )
    findings: list[str] = []
    changes: list[Change] = []
    remarks: list[Remark] = []
    on_topic = False
    quote_lines: list[tuple[int, str]] = []  # (depth, line) of the quote above the new text
    said_texts: list[str] = []  # the sender's blocks, as read
    previous: Target | None = None  # the item the last answered quote was about
    opening = _opening_names(structure.blocks)
    reading = _Reading(entries, message, sender, rules, people, release, is_rm, findings,
                       remarks, opening,
                       author_of(structure.attribution, people) if is_rm else "",
                       date_of(structure.attribution, message.date) if is_rm else None,
                       blocks=tuple(structure.blocks), post_words=(*post.preamble, *post.details()))
    inherited = next((Target(e, STRONG, "") for e in entries if e.path == context), None) \
        if context else None
    answered_all = [e for path in several for e in entries if e.path == path]
    patch = patch_replied(message, entries)  # "Re: [... 55/55] <an item's patch>"
    by_patch = Target(patch[0], patch[1], "") if patch else None
    quote_seen = False
    patched: list[Change] = []  # the fix sent as the answer, on its item (once)
    leaned_far = False  # whether a block was read as about what a mail further up spoke of
    prose: list[Remark] = []  # what is said under a quote of the post's own prose
    for number, block in enumerate(structure.blocks):
        if block.kind is BlockKind.QUOTE:
            quote_lines.extend((block.depth, line) for line in block.lines)
            quote_seen = True
            continue
        if block.kind in (BlockKind.SNIP,):
            continue
        if block.kind is not BlockKind.NEW:
            if block.kind is not BlockKind.ATTRIBUTION:
                quote_lines = [] if block.kind is BlockKind.HEADERS else quote_lines
            continue
        lines = tuple(line for line in block.lines if not _BOT_COMMAND.match(line))
        commit_named = None
        if not quote_lines and not changes and (cut := commit_message_end(message, lines)):
            commit_named = _failure_quoted(lines[:cut], entries)
            lines = lines[cut:]  # a patch sent as the answer: its commit message is no say
        text = "\n".join(lines).strip()
        if not text:
            sent = patch_below(structure.blocks, number) if commit_named else None
            if sent is not None and not patched:  # the patch mail's commit message alone
                patched = _patch_posted(sent, None, commit_named, changes, message, findings)
                changes.extend(patched)
            continue
        said_texts.append(text)
        inline = any(b.kind is BlockKind.QUOTE and b.lines and any(line.strip() for line in b.lines)
                     for b in structure.blocks[number + 1:])  # more of the post quoted below
        target = continued(_quoted_target(quote_lines, post, entries, sender, inline)
                           if quote_lines else None,
                            quote_lines, previous, entries)
        if not quote_lines and previous is None and (target is None or target.entry is None):
            target = quoted_below(structure.blocks[number + 1:], entries) or target
        strong = bool(target and target.entry and not target.by_words and target.score >= STRONG)
        detail = detailed(quote_lines, post, entries) if quote_lines and not (
            strong and " " in target.entry.item.text.strip()) else ()  # type: ignore[union-attr]
        # (a strong target's block counts only for builds named by one word: see below)
        if strong and not (target.entry in detail and len(detail) > 1  # type: ignore[union-attr]
                           and _quotes_all(quote_lines, detail)):
            detail = ()  # (an item's own line quoted is that item's; its block quoted with the
            # lines of every build it names is theirs: "Building a ... failed", "Building b
            # ... failed" over the log they share)
        if strong and not detail:  # "> Failed builds:" over two of its names, the rest cut
            detail = _names_kept(quote_lines, target.entry, entries, post)  # type: ignore[union-attr]
            if detail and any(e not in detail for e in singled_out(text, tuple(entries))):
                detail = ()  # ("the sparrow hang is fixed": another item, named)
        named = singled_out(text, detail) if detail else ()
        if strong and len(named) > 1:
            detail, named = (), ()  # (each named in the answer as well: the nearest quoted)
        # "the pxa one is fixed": that one alone; two named ("pxa still fails, omap1 is
        # fixed"): which clause says what is not told apart here, so the block says nothing
        detail = named if len(named) == 1 else () if named else detail
        if len(named) > 1:
            target = Target(None, 0.0, "\n".join(line for _d, line in quote_lines))
        elif detail and (target is None or target.entry is None or target.entry in detail
                         or target.score < STRONG):
            target = Target(detail[0], STRONG, "\n".join(line for _d, line in quote_lines))
            findings.append(f"a quote of the post's details on {len(detail)} item(s)")
        else:
            detail = ()
        if by_patch and (target is None or target.entry is None or target.score < STRONG):
            target = by_patch  # a patch mail's answer is about that patch, not a fuzzy guess
        if target and target.entry and inherited is not None and not context_far and (
                target.by_words and target.entry is not inherited.entry
                and not names_title(target.quoted, target.entry, 3)):
            findings.append(f"a quote only like {target.entry.item.text[:40]!r}: about what "
                            "the mail it answers spoke of")
            target = inherited  # ("> the arm build fails with:" is no item's line; "> the
            # idle scratch page leak is fixed" names its item, whatever the mail above said)
        elif target and target.entry:
            inherited = None  # the mail quotes an item itself: it says what it is about
        elif inherited is not None:
            target = inherited
            findings.append(f"about {inherited.entry.item.text[:50]!r}, as the mail "
                            f"{'above' if context_far else 'it answers'}")
        spread = len(answered_all) > 1 and not (target and target.entry) and bool(
            _ALL_OF_THEM.search(text))  # "Applied both." under none of them
        if spread:
            target = Target(answered_all[0], STRONG, "")
            findings.append(f"about the {len(answered_all)} items the mail it answers spoke of")
        previous = target if target and target.entry and not spread else previous
        on_topic = on_topic or bool(target and target.entry)
        remarked = len(remarks)
        news = _answer(reading, text, quote_lines, target, structure.blocks[number + 1:])
        if quote_lines and not news and len(remarks) == remarked and not (
                target and target.entry) and (about := prose_quoted(quote_lines, post,
                                                                     entries))[1]:
            prose.extend(prose_remarks(text, about))  # (kept unless the mail's words are
            # read below as what the quoted mail asks, or as a problem reported)
        sent = patch_below(structure.blocks, number)
        if sent is not None and not patched:
            patched = _patch_posted(sent, target, commit_named, news, message, findings)
            news = [*news, *patched]
        leaned_far = leaned_far or context_far and (spread or target is not None
                                                     and target is inherited)
        changes.extend(news)
        if spread:  # what it says of the first, it says of each
            changes.extend(_said_of(c, other, "said of every item the mail it answers spoke of")
                           for other in answered_all[1:]
                           for c in news if c.item == answered_all[0].path)
        changes.extend(_said_of(c, other, "said of every item the quoted details name")
                       for other in detail[1:] for c in news if c.item == detail[0].path)
        quote_lines = quote_lines if not text else []
    series = series_posting(message, entries, changes)
    if series is not None:
        findings.append(f"a patch series naming {series.item_text[:50]!r}")
        changes.append(series)
    read_in_blocks = len(changes)
    answer = "\n\n".join(said_texts)
    granting = is_rm and not changes and quoted_asks and quote_seen
    # "not as a blocker: I will add it to the x86 section": the RM grants the ask there;
    # "Agreed, so I added them to the list" grants what is quoted above it
    elsewhere = resolve_section(placed_elsewhere(answer), section_titles(entries)) \
        if granting else ""
    granted = _granted_part(message, structure) if granting and not elsewhere else ""
    if not changes and (not remarks or elsewhere or granted) and said_texts and quoted_asks \
            and quote_seen:
        # ("no, sorry": the ask is turned down)
        asked = [] if stance(answer).kind == "decline" and not (elsewhere or granted) else \
            _asked_in_quote(replace(message, body=granted) if granted else message, post,
                            roster, rules, rms, is_rm, elsewhere, bool(granted))
        remarks = [] if asked and elsewhere else remarks  # (what the RM said is the change)
        findings.extend(f"the quoted mail asks for {c.value[:50]!r}, answered here"
                        for c in asked if c.kind is ChangeKind.NEW)
        changes.extend(asked)
    if not changes and not remarks and said_texts:
        report = _reported(said_texts, reading)
        if report is not None:
            findings.append(f"a problem reported under the post: {report.value[:50]!r}")
            changes.append(report)
    if prose and len(changes) == read_in_blocks:
        findings.append(f"{len(prose)} sentence(s) under the post's own words")
        remarks.extend(prose)
    if leaned_far:  # what is said of the items lent is a guess, and no ground for the next
        lent = {context, *several}  # mail below to lean on, unless it gives their ids
        if changes:
            changes = _proposed_unless_plain(changes, analyze_reply(
                message, post, roster=roster, rules=rules, rms=rms, quoted_asks=quoted_asks))
        remarks = [replace(r, named=True) if r.item in lent and not _identifies(
            r.words, next(e for e in entries if e.path == r.item), entries) else r
            for r in remarks]
    if is_rm:
        changes = [_keepers_call(change) for change in changes]
    if _stable_branch(post):
        changes = [_upstream_only(change) for change in changes]
    elif _mainline_post(post):
        changes = [_queued_only(change) for change in changes]
    return ReplyAnalysis(tuple(_dedupe(changes)), tuple(findings), tuple(remarks),
                         off_topic=not on_topic and not changes and not remarks)


def _failure_quoted(lines, entries) -> Entry | None:
    """The item a patch mail's commit message quotes on a line of its own, as a fix quotes
    the report it fixes ("  drivers/frob/core.c:412:9: warning: ..."); not one it only
    mentions in a sentence."""
    said = {" ".join(line.split()) for line in lines if line.strip()}
    found = [e for e in entries if " ".join(e.item.text.split()) in said]
    return found[0] if len(found) == 1 else None


def _patch_posted(words: tuple[str, ...], target: Target | None, commit_named: Entry | None,
                  news: list[Change], message: Message, findings: list[str]) -> list[Change]:
    """The fix sent below the words (or as the mail, its commit message quoting the
    failure): a posting on the item answered, unless the words said already what became
    of it ("v2 below", "applied, thanks"); a proposal when offered for a try."""
    entry, sure, quoted = (target.entry, target.score, target.quoted) if target and \
        target.entry else (commit_named, STRONG, "")
    how = posted(words)
    if entry is None or how is None or any(
            c.kind is ChangeKind.STATUS and c.item == entry.path for c in news):
        return []
    confidence = round((0.85 if how else 0.5) * min(1.0, sure / STRONG), 3)
    findings.append(f"a patch in the mail -> {entry.item.text[:50]!r} ({confidence})")
    return [_change(ChangeKind.STATUS, Status.PATCH_POSTED.value, entry, confidence, message,
                    quoted, words[0].strip()[-200:] or "(a patch in the mail)",
                    ("patch in the mail",), when=message.date.date() if message.date else None)]


# a line addressed to a tracking bot ("#regzbot fix: ARM: vfp: ..."): a command, no say
_BOT_COMMAND = re.compile(r"^\s*#(?:regzbot\b(?! (?:invalid|resolve)\b)|(?:syz|[a-z]+bot) test\b)",
                          re.I)  # (a bug
# bot's "dup:" and "invalid" are read: they say what became of the report)


# a stable branch's post: its subject names a point release ("preparations for 7.3.2",
# "[PATCH 6.1 000/99] 6.1.45-rc1 review", "candidates for stable 9.1.3"), or its
# opening names the branch ("the stable-7.3 branch", "7.3.y"): its items are done when they
# are in that branch, not when they are upstream
_POINT_RELEASE = re.compile(r"(?<![\d.])\d+\.\d+\.[1-9]\d*(?!\.\d)|\bstable\b", re.I)
_BRANCH_NAMED = re.compile(r"\bstable-\d+\.\d+\b|(?<![\d.])\d+\.\d+\.y\b", re.I)
_UPSTREAM = re.compile(r"\b(?:(?:merged|applied|committed|pushed|landed|went|gone|picked up"
                       r"|queued)\s+)?(?:in|into|to|hit|reached)\s+(?:the\s+)?(?:master"
                       r"|mainline|upstream|linus[\x27’]?s?(?:\s+tree)?|[\w-]+-next)\b"
                       r"|\bmainlined\b", re.I)
# what else the sentence says was done, in the branch: "Applied, thanks (it was merged to
# master last week)", "in master now, and I pushed it to 7.3 as well"
_DONE_HERE = re.compile(r"\b(?:applied|picked(?: up)?|queued|pushed|committed|backported"
                        r"|cherry-?picked|merged|taken|included)\b|\bstable\b"
                        r"|\b\d+\.\d+(?:\.\d+)?(?:\.y)? (?:branch|tree)\b|\bstaging-\d", re.I)


@read_once
def _stable_branch(post: Post) -> bool:
    return bool(_POINT_RELEASE.search(post.subject) or _BRANCH_NAMED.search(
        " ".join((post.subject, *post.preamble[:10]))))


def _done_elsewhere(change: Change, elsewhere: re.Pattern[str],
                    here: Callable[[str], object]) -> bool:
    """Whether a done (not a "todobot: done") tells of a tree other than the one the post
    tracks (`elsewhere`), and nothing in the sentence puts it in that one (`here`)."""
    return change.kind is ChangeKind.STATUS and change.value == Status.DONE.value and \
        "explicit" not in change.reasons and bool(elsewhere.search(change.evidence.words)) \
        and not here(change.evidence.words)


def _upstream_only(change: Change) -> Change:
    """ "That one sits in master since Monday", said on a stable branch's list: the fixes are
    upstream, ready to pick, not in the branch: news the RM notes, not done (not when the
    sentence says it was taken into the branch as well)."""
    if not _done_elsewhere(change, _UPSTREAM,
                           lambda words: _DONE_HERE.search(_UPSTREAM.sub(" ", words))):
        return change
    return replace(change, kind=ChangeKind.NOTE,
                   value=" ".join(change.evidence.words.split())[:200],
                   reasons=(*change.reasons, "upstream, not yet in the stable branch"))


# a post that tracks Linus's tree: a regressions report on mainline, a test report on an -rc
_MAINLINE_SUBJECT = re.compile(r"^(?:re:\s*)*linux \d+\.\d+(?:-rc\d+)?\s*$", re.I)
_MAINLINE_PROSE = re.compile(r"\blinux-mainline\b|\bregressions?\b[^\n.]{0,40}\bmainline\b",
                             re.I)  # ("regressions report for mainline", "... in mainline")
# "merged to frob-misc for 7.2", "queued in net-next", "it sits in the right branch now",
# "applied to his tree", "applied to x86/urgent", "applied to for-linus": a maintainer's
# tree, on its way to mainline
_SUBSYSTEM_TREE = re.compile(
    r"\b(?:merged|applied|queued|picked up|pushed|landed|committed)\b[^.;]{0,30}?"
    r"\b(?:in|into|to) (?!linus|mainline|master\b|upstream)(?:(?:the|his|her|their) )?"
    r"(?:right |\w+[\x27’]s )?(?:[\w/.]+-(?:next|misc|fixes|urgent|current)\b"
    r"|for-(?:linus|next|\d[\w.]*)\b|[\w.-]+/[\w.-]+(?:/[\w.-]+)?(?![\w/:])"
    r"|(?:[\w/.-]+ )?(?:tree|branch)\b)", re.I)
# mainline reached: named, an -rc it is in, Linus's pull (not "should hit mainline by -rc5")
_REACHED_MAINLINE = re.compile(r"\b(?:mainline|linus\b|linus[\x27’]s?|upstream|master|pulled"
                               r"|(?:v?\d+\.\d+)?-rc\d+|rc\d+|the (?:last |latest )?pull)", re.I)
_AHEAD_OF = re.compile(r"\b(?:will|should|shall|expect\w*|hope\w*|going to|plan\w*|about to"
                       r"|next|by)\W+(?:\w+\W+){0,3}$", re.I)


@read_once
def _mainline_post(post: Post) -> bool:
    return bool(_MAINLINE_SUBJECT.match(post.subject) or _MAINLINE_PROSE.search(
        "\n".join((post.subject, *post.preamble[:60]))))


def _in_mainline(words: str) -> bool:
    """Whether the words say the fix reached mainline, not that it will."""
    return any(not _AHEAD_OF.search(words, 0, m.start())
               for m in _REACHED_MAINLINE.finditer(words))


def _queued_only(change: Change) -> Change:
    """ "Now merged to frob-misc for 7.2", said on a post that tracks mainline: the fix is on
    its way, in a maintainer's tree, not in Linus's; the tracker keeps it open as in progress
    (not when the words say it reached mainline). The vocabulary's "fix-on-its-way" reads
    the forms that say so on any list ("in linux-next"); these say so only where the post
    tracks mainline ("applied to the frob tree" is done on frob's list)."""
    if not _done_elsewhere(change, _SUBSYSTEM_TREE, _in_mainline):
        return change
    return replace(change, value=Status.IN_PROGRESS.value,
                   reasons=(*change.reasons, "in a maintainer's tree, not yet in mainline"))


# what makes "I would rather leave it out" a hedge in a developer's mouth
_PREFERENCE = re.compile(r"\b(?:I|we)(?:[\x27’]d| would) (?:prefer|rather)\b|\bmy preference\b",
                         re.I)
_KEEPERS_CALLS = frozenset({Status.DROPPED.value, Status.DEFERRED.value})


def _keepers_call(change: Change) -> Change:
    """The RM's preference to drop or defer an item of their own list is their call, said
    politely: a developer's "I would rather leave it out" is a suggestion, the RM's decides
    (any other hedge in the sentence still holds)."""
    if change.kind is not ChangeKind.STATUS or change.value not in _KEEPERS_CALLS or \
            "hedged" not in change.reasons:
        return change
    words = change.evidence.words
    if not _PREFERENCE.search(words) or HEDGE.search(_PREFERENCE.sub(" ", words)):
        return change
    reasons = tuple(r for r in change.reasons if r != "hedged")
    return replace(change, confidence=round(min(1.0, change.confidence / HEDGED_BY), 3),
                   reasons=(*reasons, "the RM's own preference"))


# "This is caused by:", "I bisected it to", "the culprit is": the cause follows
_BLAMES = re.compile(r"\b(?:(?:is|was|are|were|been) (?:caused|introduced|triggered) by"
                     r"|bisect(?:ed|s|ing)? (?:it |this |the (?:problem|failure|issue"
                     r"|regression) )?(?:down )?to|first bad commit(?: is)?|the culprit is)"
                     r"\b[\s:]*"
                     # "the following commit broke it:" over the pasted patch
                     r"|\b(?:the )?following (?:patch|commit|change) (?:caused|causes"
                     r"|introduced|introduces|broke|breaks)\b[^\n:]*:?", re.I)


def _culprit(text: str, entries) -> Entry | None:
    """The item a block blames for a failure it tells ("fails to build with: <log> It was
    introduced by: <commit id> <subject>"), by the id, link or title right after the blame:
    the rest of its line, else the paragraph below when the line leads into it ("caused
    by the following commit:") or is a pasted commit's header, and that paragraph is
    indented as a pasted subject is ("caused by a typo in my script" blames no item)."""
    blame = _BLAMES.search(text)
    if blame is None or _NO_CULPRIT.match(text[blame.end(): blame.end() + 40].lstrip()):
        return None
    paragraphs = re.split(r"\n[ \t]*\n", text[blame.end(): blame.end() + 1200].lstrip(
        " \t,.;:").lstrip("\n"))
    found = _identified(paragraphs[0], entries)
    if found is None and len(paragraphs) > 1 and paragraphs[1][:1] in " \t" and (
            paragraphs[0].rstrip().endswith(":") or _COMMIT_HEADER.match(paragraphs[0])):
        found = _identified(paragraphs[1], entries)
    return found


# what follows "caused by" when it blames no patch: "a typo", "my script", "the way ..."
# (but "my patch 'x'" names one)
_NO_CULPRIT = re.compile(r"(?:a|an|some|me|us|him|them|the way|people|users?|bad|old|missing"
                         r"|wrong|(?:my|our|your|his|her|their) (?!patch|commit|change|series"
                         r"|fix|backport))\b", re.I)
_COMMIT_HEADER = re.compile(r"commit [0-9a-f]{7,40}\b", re.I)  # a pasted `git show` header


def _identified(text: str, entries) -> Entry | None:
    """The one item `text` gives the commit id, link, subject or whole title of."""
    found = named_in(text, entries)
    if found is not None and found.how != "words":
        return found.entry
    said = normalise(text)
    titled = [entries[number] for number, title in enumerate(whole_titles(entries))
              if title and _has_phrase(said, title)]
    return titled[0] if len(titled) == 1 else None


def _has_phrase(text: str, phrase: str) -> bool:
    """Whether `phrase` stands in `text` as words: no letter or digit runs on at its edges
    ("title." and "'title'" do; "subtitles" holds no "title")."""
    at = text.find(phrase)
    while at >= 0:
        end = at + len(phrase)
        if not (at and text[at - 1].isalnum()) and not (end < len(text) and text[end].isalnum()):
            return True
        at = text.find(phrase, at + 1)
    return False


def _proposed_unless_plain(changes: list[Change], plain: ReplyAnalysis) -> list[Change]:
    """Read as about an item a mail further up the thread spoke of, a change is only a
    proposal, unless the mail says it without that help (it names the item itself)."""
    alone = {(c.kind, c.item, c.value): c for c in plain.changes}
    return [alone.get((c.kind, c.item, c.value)) or replace(
        c, confidence=min(c.confidence, GUESS), reasons=(*c.reasons, LENT))
        for c in changes]


# the reason a change read on an item lent by a mail further up the thread carries: a
# sub-thread below does not lean on it (bot.release.ingest, bot.reply.realscore)
LENT = "about what a mail further up the thread spoke of"


def _quoted_target(quote_lines: list[tuple[int, str]], post: Post, entries,
                   sender: str = "", inline: bool = False) -> Target | None:
    """The item a quote ends with, read from its lines that are not the post's own prose
    addresses (`_prose_lines`); a quote of nothing else keeps its words (a call for items
    is read from them) but names no item, nor does a quote of a whole list, unless the
    sender owns one item of it (and so answers for that one)."""
    found = _quote_ends_with(quote_lines, post, entries)
    if found is None or found.entry is None or inline and _ends_with_item(quote_lines,
                                                                          found.entry):
        return found  # (an answer right under an item, more of the post quoted below it, is
        # inline: that item's)
    whole = _whole_list(quote_lines, found.entry, entries)
    if not whole:
        return found
    own = [e for e in whole if any(same_person(sender, o) for o in e.item.owners)]
    if len(own) == 1:  # the developer quoting the whole list over "I have posted v3": theirs
        return Target(own[0], found.score, found.quoted)
    return Target(None, 0.0, found.quoted)  # a report quoted whole over "I'll look at these":
    # not its last row's news (an answer that names its row still finds it)


def _quote_ends_with(quote_lines: list[tuple[int, str]], post: Post, entries) -> Target | None:
    if not any("://" in line for _depth, line in quote_lines):
        return target_of(quote_lines, entries)
    prose = _prose_lines(post)
    items = [(depth, line) for depth, line in quote_lines if " ".join(line.split()) not in prose]
    found = target_of(items, entries) if items else None
    if len(items) == len(quote_lines) or found is not None and found.entry is not None:
        return found
    whole = target_of(quote_lines, entries)
    return whole if whole is None or whole.entry is None else Target(None, 0.0, whole.quoted)


def _ends_with_item(quote_lines: list[tuple[int, str]], entry: Entry) -> bool:
    """Whether the quote's last line is one of the item's own lines."""
    last = next((" ".join(line.split()) for _d, line in reversed(quote_lines) if line.strip()),
                "")
    return bool(last) and any(" ".join(own.split()) == last for own in entry.item.source)


def _whole_list(quote_lines: list[tuple[int, str]], last: Entry, entries) -> list[Entry]:
    """The items of the list the quote's last item is in, when the quote holds them all and
    they are three or more (the list quoted whole, untrimmed, with nothing to say which
    one the answer is about); else none."""
    if len(item_starts(quote_lines, entries)) < 3:
        return []
    siblings = [e for e in entries if e.path[:-1] == last.path[:-1] and not e.item.placeholder]
    quoted = {t.entry.path for t in quoted_items(quote_lines, entries)}
    return siblings if len(siblings) >= 3 and {e.path for e in siblings} <= quoted else []


@read_once
def _prose_lines(post: Post) -> frozenset[str]:
    """The addresses the post's own prose gives (its preamble, the words around its lists)
    that no item links to (where to fetch the round, the wiki page), line by line: a
    quote of them is no quote of an item, however many words an address shares with a
    short title ("https://dl.example.org/frob/patch-3.4.12-rc1.gz" is not the item
    "Frob 3.4.12-rc1")."""
    linked = " ".join(link for _s, _d, item in post.walk() for link in item.links)
    prose = [*post.preamble, *(line for s in post.sections for line in (*s.gap_before, *s.intro))]
    return frozenset(said for line in prose
                     if "://" in line and len(said := " ".join(line.split())) >= 12
                     and not any(url.rstrip(".,;:)>") in linked for url in _ADDRESS.findall(line)))


_ADDRESS = re.compile(r"(?:https?|ftp|git)://\S+")


def _granted_part(message: Message, structure) -> str:
    """The body up to the RM's first answer that adds what is quoted above it ("Agreed,
    so I added them to the list"): the asks it grants (not those quoted further down)."""
    lines = message.body.splitlines()
    for block in structure.blocks:
        said = "\n".join(block.lines)
        if block.kind is BlockKind.NEW and grants(said) and stance(said).kind != "decline":
            return "\n".join(lines[: block.first_line + len(block.lines)])
    return ""


def _asked_in_quote(message: Message, post: Post, roster, rules, rms, is_rm: bool,
                    placed: str = "", granted: bool = False) -> list[Change]:
    """An answer to an item the quoted mail asks for and the post does not list ("Could
    3fa9c2e1d0 go in as well?" quoted over "That one goes to the next release"), when the
    asking mail never reached us: the ask is read from the quote as its sender wrote it,
    and what the answer says of it follows. Both are proposals: the item is on no list
    yet, and quoted words are no one's say in this mail; but the RM who `placed` it in a
    section of their choosing, or `granted` it as asked, has added it."""
    from bot.reply.raised import Raised, with_raised

    asked = _one_level_up(message.body)
    own = _besides_post(asked, post)
    if not own:
        return []  # (the post quoted whole over "Thanks.": the post asks for nothing it lacks)
    if not _MAY_LIST.search(own) and not may_read(own, _asking_rules(rules)):
        return []  # no line, address, subject or wording an item could be asked with (the
        # reading below costs as much as the mail's own)
    asker = replace(message, body=asked)
    raised = [c for c in analyze_reply(asker, post, roster=roster, rules=rules,
                                       quoted_asks=False).changes if c.kind is ChangeKind.NEW]
    if not raised:
        return []
    if placed or granted:
        return [replace(ask, section=placed or ask.section, confidence=max(ask.confidence, 0.85),
                        reasons=(*ask.reasons, f"the RM adds it under {placed}" if placed
                                 else "the RM adds it"))
                for ask in raised]
    thread, paths = with_raised(post, [Raised(c.value, c.section) for c in raised])
    answer = analyze_reply(message, thread, roster=roster, rules=rules, rms=rms,
                           quoted_asks=False).changes
    found: list[Change] = []
    for ask, path in zip(raised, paths, strict=True):
        said = [c for c in answer if path and c.item == path and c.kind in _STATES_OF_IT]
        if is_rm and said and all(c.kind is ChangeKind.STATUS and c.confidence > GUESS
                                  and c.value.partition(" ")[0] in _TAKEN_IN
                                  and not _OF_ANOTHER.search(c.evidence.words) for c in said):
            # the RM's own work on it ("Pushed.", "needs another review first"): on the list
            found.append(replace(ask, confidence=max(ask.confidence, 0.85),
                                 reasons=(*ask.reasons, "the RM works on it")))
            found.extend(said)
        elif said:
            found.append(replace(ask, confidence=min(ask.confidence, GUESS),
                                 reasons=(*ask.reasons, "asked in the mail it quotes")))
            found.extend(replace(c, confidence=min(c.confidence, GUESS),
                                 reasons=(*c.reasons, "on an item the quoted mail asks for"))
                         for c in said)
    return found


# what a new item can be asked with besides a wording: a list line, an address, a quoted
# or a patch's subject
_MAY_LIST = re.compile(r"^[ \t]*(?:[*\u2022-]|\d{1,2}[.)]|\(\d{1,2}\)|S:)\s|\[[^\[\]\n]*PATCH"
                       r"|[\"“]|^[ \t]*[\w.+/-]+: \S|^[ \t]*[0-9a-f]{7,40}\s"  # (a commit's line)
                       # (an address, but not a list's own in its footer: ".../listinfo/devel")
                       r"|://(?![^\s/]*lists?\.[^\s/]+/(?:mailman/)?(?:listinfo/)?[\w.-]+/?\s*$)",
                       re.M)


@lru_cache(maxsize=4)
def _asking_rules(rules: tuple[Rule, ...]) -> tuple[Rule, ...]:
    return tuple(rule for rule in rules if rule.kind == "new")


# what an answer says of an item that makes it worth proposing (a log's address alone
# under "I'd like that too" is no news of the item)
def _anothers(entry: Entry, sender: str) -> bool:
    """Whether the item is someone else's than the sender's: its owners, or the author a
    stable review's section names ("Jonas Berg <jonas@example.org>" over his patch)."""
    author = _AUTHOR_SECTION.fullmatch(entry.section)
    owners = entry.item.owners or ((author["name"],) if author else ())
    return bool(owners) and not any(same_person(sender, owner) for owner in owners)


_AUTHOR_SECTION = re.compile(r"(?P<name>[^<>:]{2,80}?) <[^<>\s@]+@[^<>\s]+>")


_FEW_BUILDS = 4


def _few_builds(entries: tuple[Entry, ...] | list[Entry]) -> bool:
    """A few builds or tests, each named by one word ("sparc32:allmodconfig"): what one
    answer may be about all of, where a robot's messages are each their own problem."""
    return len(entries) <= _FEW_BUILDS and not any(" " in e.item.text.strip() for e in entries)


def _names_kept(quote_lines: list[tuple[int, str]], entry: Entry, entries: list[Entry],
                post: Post) -> tuple[Entry, ...]:
    """A report's list quoted with its heading and some of its names, one a line (the
    others cut): the names the sender kept are what the answer is about, each of them."""
    if entry.item.layout.style != "name":
        return ()
    heading = next((s.heading.strip() for s in post.sections if s.title == entry.section), "")
    said = [" ".join(line.split()) for _depth, line in quote_lines]
    if not heading or heading not in said:
        return ()
    names = {" ".join(e.item.text.split()): e for e in entries
             if e.section == entry.section and e.item.layout.style == "name"}
    kept: list[Entry] = []
    for line in said[said.index(heading) + 1:]:  # its names, up to the next other line
        if line in names:
            kept.append(names[line])
        elif line and line not in _CUT_MARKS:
            break
    return tuple(kept) if len(kept) > 1 and entry in kept and _few_builds(kept) else ()


_CUT_MARKS = frozenset({"[...]", "...", "[ ... ]", "[snip]", "<snip>", "[..]"})


def _quotes_all(quote_lines: list[tuple[int, str]], detail: tuple[Entry, ...]) -> bool:
    """Whether the quote names each of a few builds or tests by its name ("Building
    riscv:nommu_virt_defconfig ... failed", "Building sparc32:allmodconfig ... failed"
    over the log they share; not a robot's messages, quoted whole or in part)."""
    if not _few_builds(detail):
        return False
    quoted = "\n".join(line for _depth, line in quote_lines)
    return all(re.search(r"(?<![\w:/.-])" + re.escape(e.item.text.strip()) + r"(?![\w:/-])",
                         quoted) for e in detail)


# the RM keeping an asked item out of the release: "let's keep it out", "too late for this
# release", "not for this release", "after the release"
_KEPT_OUT = re.compile(r"\b(?:keep (?:it|this|that|them) out|too late for (?:this|the) release"
                       r"|not (?:for|in) this release|after the release|for the next release)\b",
                       re.I)
# a drop asked of the RM ("Please drop it", "could you drop this one?", "it should be dropped")
_ASKS_DROP = re.compile(r"\bplease(?: also)? (?:drop|revert|remove)\b|\b(?:can|could|would) you"
                        r"(?: please)?(?: also)? (?:drop|remove)\b|\bshould (?:be dropped|be "
                        r"removed|not go in)\b|\b(?:drop|remove) (?:it|this(?: one)?|that(?: "
                        r"one)?),? please\b", re.I)
# what makes the RM's "merged" another's: "I merged Cyril's series instead", "Pushed the
# timer fix; this one I'll look at later", "not needed anymore"
_OF_ANOTHER = re.compile(r"\b(?:instead|not needed|no longer|rather)\b|\b(?:another|a "
                         r"different|the other|other) (?:version|series|patch|fix|one|approach)"
                         r"\b|[\x27’]s (?:series|patch|fix|version)\b|\bthis one[^.;]{0,20}"
                         r"\blater\b", re.I)
# what the RM says of an asked item that takes it into the release ("Merged, thanks.")
_TAKEN_IN = frozenset({"done", "in_progress", "waiting_review", "patch_posted", "partly_merged",
                       "needs_version"})
_STATES_OF_IT = frozenset({ChangeKind.STATUS, ChangeKind.OWNER, ChangeKind.MOVE,
                           ChangeKind.DUPLICATE, ChangeKind.NOTE})


def _one_level_up(body: str) -> str:
    """The quoted mail as its sender wrote it, as far as quoted: the first quote level's
    lines become its words, deeper ones its quotes; the answer's own lines, a break."""
    lines: list[str] = []
    for line in body.splitlines():
        quoted = _QUOTE_MARK.match(line)
        if quoted:
            lines.append(line[quoted.end():])
        elif lines and lines[-1]:
            lines.append("")
    return "\n".join(lines[leading_headers(lines):])  # (not its "-----Original Message-----"
    # block: the words under it are the asker's own)


_QUOTE_MARK = re.compile(r"^ ?> ?")


def _besides_post(body: str, post: Post) -> str:
    """What the quoted mail says that the post does not: its own lines, not the post's nor
    an attribution ("" when none: reading the post's 200 lines again as an asker's words
    cost ~40 ms a mail)."""
    known = _post_lines(post)
    own = [line for line in body.splitlines()
           if (said := " ".join(line.split()).lstrip("> ")) not in known
           and not said.endswith("wrote:") and any(c.isalpha() for c in said)]
    return "\n".join(own)


@read_once
def _post_lines(post: Post) -> frozenset[str]:
    """Every line of the post, its white space collapsed."""
    lines = [post.subject, *post.preamble, *post.closing]
    for section in post.sections:
        lines += [section.heading, *section.intro, *section.gap_before]
    for _section, _depth, item in post.walk():
        lines += [*item.source, *item.gap_before]
    return frozenset(" ".join(line.split()) for line in lines if line.strip())


def _reported(texts: list[str], r: _Reading) -> Change | None:
    """A failure told in answer to the post itself (reports.py): a new item proposed for
    the RM, titled by the sentence that tells it."""
    found = reported_problem(s for text in texts for s in sentences(text))
    if not found or not quotes_post(r.quoted_lines(), r.post_prose):
        return None
    return Change(ChangeKind.NEW, found[:200], (), "", REPORTED, evidence(r.message, "", found),
                  section="unsorted", reasons=("reported", "a problem told under the post: the"
                                               " RM decides whether it is tracked"))


@dataclass
class _Reading:
    """What one mail's blocks share while they are read: the post, the sender, and what
    the mail said so far (findings, remarks, the items its blocks answered)."""

    entries: list[Entry]
    message: Message
    sender: str
    rules: tuple[Rule, ...]
    people: tuple[str, ...]
    release: str
    is_rm: bool
    findings: list[str]
    remarks: list[Remark]
    opening: tuple[str, ...]  # the names the mail opens with ("Priya,"), lower-cased
    quoted_author: str  # who wrote the mail an RM quotes: a claim's "I'll take it" is theirs
    quoted_sent: datetime | None  # and when, by the attribution: the claim's "yesterday"
    answered: list[Entry] = field(default_factory=list)  # in the order the blocks came
    blocks: tuple = ()  # the mail's blocks, new words and quotes
    post_words: tuple[str, ...] = ()  # the post's own prose: its preamble, details, closing
    asked_titles: bool = False  # a block so far asked for titles with their addresses

    def quoted_lines(self):
        """The mail's quoted lines, every level's."""
        return (line for block in self.blocks if block.kind is BlockKind.QUOTE
                for line in block.lines)

    @cached_property
    def post_prose(self) -> str:
        """The post's own prose as words on one line: what a quote of it is matched in."""
        return " ".join(" ".join(self.post_words).split())

    @cached_property
    def first_names(self) -> frozenset[str]:
        """Whom the mail may ask by name ("Roger, could you ...?"): the post's people and
        the mail's To and Cc, read only when a question names someone (they cost more
        than a line)."""
        return frozenset(name.split()[0].lower() for name in (
            *self.people, *_recipients(self.message)) if name.split())

    @property
    def addressed(self) -> bool:
        """Whether the mail opens by naming whom it asks ("Priya,", "Jan, Andrew,")."""
        return bool(self.opening) and all(name in self.first_names for name in self.opening)


def _answer(r: _Reading, text: str, quote_lines: list[tuple[int, str]], target: Target | None,
            rest) -> list[Change]:
    """The changes one block of the sender's words makes, under the quote above it."""
    mark = len(r.remarks)
    answers = target is not None and target.entry is not None
    turns = in_turn(text, quote_lines, target, r.entries) if answers else []
    if turns:
        r.findings.append(f"{len(turns)} quoted items answered in turn below them")
    elif answers:
        turns = _by_subject(text, quote_lines, target, r)
    if answers and not turns and _SAME.search(text):  # "these are the same": which two
        target = replace(target, others=tuple(t.entry for t in quoted_items(
            quote_lines, r.entries) if t.entry is not target.entry))
    new = [change for part, part_target in (turns or [(text, target)])  # each part apart:
           for change in settled(_read_block(  # one item can wait while another went in
               part, part_target, r.entries, r.message, r.sender, r.rules, r.findings,
               r.people, r.release, r.remarks, r.quoted_author, r.is_rm, r.asked_titles),
        part)]
    r.asked_titles = r.asked_titles or (bool(text) and _INVITED_HERE.search(text) is not None
                                        and any(c.kind is ChangeKind.NEW and "://" in c.value
                                                and c.confidence >= 0.75 for c in new))
    plain = not new or _AGREES_FIRST.match(text) or _said_done(new)
    if plain or (r.is_rm and (_stated(new) or adds(text))):
        below = _original_below(rest) if r.is_rm and not quote_lines else []
        endorsed = _endorsed(text, quote_lines or below, r.entries, r.message,
                             r.quoted_author or r.sender, r.rules,
                             r.findings, r.people, r.release, r.is_rm, r.quoted_sent, new)
        if not plain:  # the RM said a state of their own: the claim adds its link and day
            # to that state, the items it asked for and its owner ("Fine with me, I've put
            # your name on it"), not states of its own
            owned = any(c.kind is ChangeKind.OWNER for c in new)
            endorsed = [e for e in endorsed if e.kind in (ChangeKind.LINK, ChangeKind.NEW)
                        or e.kind is ChangeKind.OWNER and not owned
                        or any(_same(e, c) for c in new)]
        if endorsed and not new:
            del r.remarks[mark:]  # "Yes, you are right" was understood after all
        new = _with_claim(new, endorsed, text)
    if answers and not turns and (r.is_rm or _ASKS_TO_ACT.search(text)):
        waits = any(c.kind is ChangeKind.STATUS and c.value == Status.WAITING_ON.value
                    and c.item == target.entry.path for c in new)  # "the only thing left is
        # a review from X. X, would you have time?": asking X is how the wait is waited
        asked = [] if waits else _asks_by_name(text, new, target, r)
        at = next((n for n, c in enumerate(new) if c.kind is ChangeKind.STATUS
                   and c.item == target.entry.path), len(new))
        new[at:at] = asked  # (before a posting beside it: the item's state is the posting)
    taken = _volunteers(text, new, quote_lines, target, r) if answers and not turns else []
    if taken:
        del r.remarks[mark:]  # "I will." was understood: it takes the items on
        new.extend(taken)
    if answers and not turns and any(_BOTH.match(s) for s in sentences(text)):
        new.extend(_for_each_quoted(new, quote_lines, target, r.entries, r.answered))
    if answers and target.entry not in r.answered:
        r.answered.append(target.entry)
    return new


# the sender's own ask for items in a block: "Two fixes I'd like to see tracked"
_INVITED_HERE = re.compile(r"\b(?:like (?:to see )?(?:it |them |these )?tracked|(?:please|could you"
                           r"|can you) (?:also )?(?:add|track)|for the list|to be tracked"
                           r"|(?:would|[\x27’]d) like to (?:see|add|propose|nominate))\b", re.I)


def _by_subject(text: str, quote_lines: list[tuple[int, str]], target: Target,
                r: _Reading) -> list[tuple[str, Target]]:
    """One answer to several quoted items whose parts each name their own ("PPC: all in.
    AVX10.1: pinged Andrew."): each part with the item it names."""
    if not _MORE_THAN_ONE.search(text.strip()) or not names_two(text, r.entries) or len(
            item_starts(quote_lines, r.entries)) < 2:
        return []  # one item quoted, or one clause said: nothing to share out (and no fuzzy
        # matching of each quoted bullet, the costly part)
    quoted = {t.entry: t for t in quoted_items(quote_lines, r.entries)}
    if len(quoted) < 2 or any(_BOTH.match(s) for s in sentences(text)):  # said of them all
        return []
    parts = by_subject(text, list(quoted), lambda line: bool(read_sentence(line, r.rules)))
    if parts:
        r.findings.append(f"{len(parts)} parts each about the quoted item they name")
    return [(part, quoted[entry] if entry is not None else target) for part, entry in parts]


_MORE_THAN_ONE = re.compile(r"[.;,:!?]\s|\s-+\s|\n")  # a second sentence, clause or line


# "Applied both, thanks.", "all of them are in": an answer about every item the mail it
# answers raised, none quoted
_ALL_OF_THEM = re.compile(r"\b(?:both|all (?:of )?(?:them|these|those|three|four)|all \w+ of "
                          r"them|each of them|the lot|them all)\b", re.I)
# "these two are the same": the other item of the quote is what the answer repeats
_SAME = re.compile(r"\bthe same\b", re.I)
# one sentence for every item quoted above it: "Neither of these two is 4.19 material"
# as the sentence's subject, in its first words: "I tested both Intel and AMD" is no such
_BOTH = re.compile(r"^\W*(?!(?:one|some|any|a few|without|except|apart from|besides)\b)"
                   # (not a series' own parts: "Patches 3 and 4 both need rework")
                   r"(?!(?:patch(?:es)?|commits?|parts?)\s+#?\d)"
                   r"(?:(?:\w+\W+){0,4}?(?:both(?: of (?:them|these|those)| entries"
                   r"| items)?(?! [\w-]+ and )|(?:neither|either|none|all|each) of (?:them|these"
                   r"|those)(?: (?:two|three|four))?|these (?:two|three|four)(?: items| series)?)"
                   # "The above commits are causing build errors": the patches quoted over it,
                   # said first (not "One of these commits", "Without these patches")
                   r"|(?:the above|these|those)(?: (?:two|three|four))? (?:commits|patches))\b",
                   re.I)


def _for_each_quoted(new: list[Change], quote_lines: list[tuple[int, str]], target: Target,
                     entries: list[Entry], answered: list[Entry]) -> list[Change]:
    """The statuses and notes a sentence that speaks of all the quoted items ("both",
    "neither of these two", "the above commits") gave the last of them, for the others as
    well: those quoted with it, or else the one answered above ("I've marked both entries
    as pinged")."""
    said = [c for c in new if c.kind in (ChangeKind.STATUS, ChangeKind.NOTE)
            and c.item == target.entry.path and _BOTH.match(c.evidence.words)]
    others = [t.entry for t in quoted_items(quote_lines, entries) if t.entry is not target.entry]
    others = others or [e for e in answered[-1:] if e is not target.entry]
    if not said or not 1 <= len(others) <= 3 or _how_many(said[0]) not in (0, len(others) + 1):
        return []
    if _its_own_patches(said[0], target.entry):
        return []  # "Both patches got acked" of a "[PATCH v5 0/2]": the series' two patches
    if _ALL_OF.match(said[0].evidence.words) and names_title(
            said[0].evidence.words, target.entry, 2) and not any(
            names_title(said[0].evidence.words, other, 2) for other in others):
        return []  # "acked all of them, so the OCaml 5.0 build fixes ...": its patches, one item
    return [_said_of(c, other, "said of every quoted item")
            for c in said for other in others if other.item.status.value != c.value]


# the words right after a sentence's opening "Both": "patches", "of the commits"
_COUNTED_PATCHES = re.compile(r"(?:of (?:the|its) )?(?:patches|commits)\b", re.I)
_SERIES_OF = re.compile(r"\b0+/(\d+)\]")


def _its_own_patches(change: Change, entry: Entry) -> bool:
    """Whether a sentence opens with "Both patches" of an item that is a series of two
    (its title's "0/2"): the series' patches, not the items quoted."""
    series = _SERIES_OF.search(entry.item.text)
    opening = _BOTH.match(change.evidence.words)
    return bool(series and opening and opening[0].lower().rstrip().endswith("both")
                and _COUNTED_PATCHES.match(change.evidence.words[opening.end():].lstrip())) and \
        int(series[1]) == 2


def _said_of(change: Change, other: Entry, reason: str) -> Change:
    """A change a sentence said of several items, for one more of them."""
    return replace(change, item=other.path, item_text=other.item.text,
                   reasons=(*change.reasons, reason))


# "acked all of them": the patches, said as an object (not "All of them are in", "both")
_ALL_OF = re.compile(r"^\W*(?:\w+\W+){1,4}?(?:all|each|none) of (?:them|these|those)\b", re.I)


def _how_many(change: Change) -> int:
    """How many items "both" (two), "these three" or "all of them" (the quoted) speak of."""
    words = _BOTH.match(change.evidence.words)[0].lower()
    for word, count in (("three", 3), ("four", 4), ("both", 2), ("neither", 2), ("either", 2),
                        ("two", 2)):
        if re.search(rf"\b{word}\b", words):
            return count
    return 0


# the sender's word that the item's entry stays as it is
_NO_CHANGE = re.compile(r"^\W*(?:so |but )?no (?:change|update|action)s? (?:is |are )?"
                        r"(?:needed|required|necessary)(?: (?:for|to|on|in) (?:that|this|it"
                        r"|the (?:item|entry|list))(?: one| item| entry)?)?"
                        r"(?: (?:there|here|for now|yet))?\s*[.!]?\s*$",
                        re.I)
# what the sender takes back of what they said above in the same answer
# (taken back whole: "Ignore me, the status is right", not "ignore me if this is known" nor
# "forget what I said about patch 6")
_TAKEN_BACK = re.compile(
    r"^\W*(?:ignore me|scratch that|never ?mind|forget (?:it|that|what I (?:said|wrote))"
    r"|disregard (?:that|my (?:last|previous) (?:mail|message|reply)))(?=\s*(?:[,.;!:]|$))"
    r"(?!\s*,?\s*(?:if|about|in|on|as)\b)", re.I)


def _withdraw(changes: list[Change], findings: list[str], why: str,
              item: tuple[int, ...] | None = None) -> None:
    """Take back what the block said so far (of one item, when given); new items stay."""
    kept: list[Change] = []
    for change in changes:
        if change.kind is ChangeKind.NEW or item is not None and change.item != item:
            kept.append(change)
        else:
            findings.append(f"{why}: {change.kind} {change.value[:40]!r}")
    changes[:] = kept


def _read_block(
    text, target, entries, message, sender, rules, findings, people, release="", remarks=None,
    addressee="", is_rm=False, asked_before=False,
) -> list[Change]:
    changes: list[Change] = []
    culprit = _culprit(text, entries)
    for line in text.splitlines():
        explicit = _EXPLICIT.match(line)
        if explicit and target and target.entry:
            status = _STATUS_WORDS.get(explicit["word"].lower())
            if status:
                findings.append(f"explicit '{line.strip()}' on {target.entry.item.text[:50]!r}")
                changes.append(
                    _change(
                        ChangeKind.STATUS,
                        status.value,
                        target.entry,
                        1.0,
                        message,
                        target.quoted,
                        line.strip(),
                        ("explicit",),
                    )
                )
    if changes:
        return changes
    listed: list[Change] = []
    before, after = _before_the_ask(text, rules)  # "please add the following:" reads its
    if before:  # own list; bullets pasted before such an ask are listed all the same
        listed, before = listed_items(before, entries, message, target.quoted if target else "",
                                      lambda line: bool(read_sentence(line, rules)),
                                      under_item=bool(target and target.entry),
                                      asked_before=asked_before)
        text = before.rstrip("\n") + "\n\n" + after.lstrip("\n") if after else before
    changes.extend(listed)
    findings.extend(f"new item listed: {c.value[:60]!r}" for c in listed)
    subjects = [c for c in subject_items(after if listed and after else text, entries, message,
                                         target.quoted if target else "")
                if not any(c.value[:40] in n.value or n.value[:40] in c.value for n in listed)]
    # (a quoted title in the prose below the listed ones is one more: "For the second one I
    # only have a report: "tools/hotplug: ..."")
    block_entry = None
    proposes_new = False
    named_before = None  # a top-posted block names its item once, then says "it"

    def said_one(line: str) -> bool:
        return bool(read_sentence(line, rules))

    pieces = [piece for sentence in sentences(text, said_one) for piece in (
        [Piece(sentence)] if sentence == LISTED_HERE or _SAID_ON_CONDITION.search(sentence)
        else by_item(sentence, entries, target.entry if target else None, said_one))]
    said = [piece.text for piece in pieces]  # a sentence about two items is two
    listed_at = len(said)  # where a listed new item stood (LISTED_HERE)
    carried: tuple[list, dict[int, Entry]] | None = None  # a lead-in's state, its lines' items
    for number, sentence in enumerate(said):
        if sentence == LISTED_HERE:
            listed_at = min(listed_at, number)  # "It was posted before the deadline.": the
            continue  # new item's, as is any link below it
        if _TAKEN_BACK.match(sentence):  # "... no, wait. Ignore me, the status is right."
            _withdraw(changes, findings, "taken back")
            continue
        offered = bool(subjects) and any(c.value[:30] in " ".join(sentence.split())
                                         for c in subjects) or bool(
            _lone_subject(sentence)) and listed_entry(sentence.strip(" \"“”"),
                                                            entries) is None and _asks_new(
            text, rules)  # ('"[PATCH] x86/boot: ..."' alone, asked for below: "It was
        # posted last Wednesday" is that patch's news, not the quoted item's; not "I posted
        # the revert instead:" over its subject, with no ask: the quoted item's fix)
        if (proposes_new or listed_at < number) and not offered and _MOVES_ON.match(sentence):
            proposes_new = False  # "... Also, the scheduling series is committed now."
            listed_at = len(said)
        proposes_new = proposes_new or offered
        naming = pieces[number].naming
        if pieces[number].elsewhere:
            findings.append(f"about other work: {sentence[:50]!r}")
            continue
        lead_in = not (target and target.entry) and sentence.rstrip().endswith(":") and (
            number + 1 < len(said) and _BULLETED.match(said[number + 1]) is not None)
        entry, match_conf, quoted = (naming.entry, naming.sureness, "") if naming else (
            None, 0.0, target.quoted if target else "") if (
            greeting(sentence) and not (target and target.entry)) else _entry_for(
            sentence, target, entries, rules)  # "Hi George," names no item by its owner
        if lead_in and not naming and entry is not None and not names_title(sentence, entry, 2):
            entry, match_conf = None, 0.0  # "Two updates for the common section:" over its
            # bullets: one word ("updates") is no title ("Some news on core scheduling:" is)
        if naming is not None:
            named_before = (entry, match_conf, quoted) if not (target and target.entry) else None
        elif entry is None and named_before is not None:
            entry, match_conf, quoted = named_before
        elif entry is not None and not (target and target.entry):
            if named_before is not None and entry is not named_before[0] and not names_title(
                    sentence, entry, 2) and not _names_outright(sentence, entry, entries):
                # "... so you can mark it as in progress": the item
                entry, match_conf, quoted = named_before  # named above, not small print (nor
                # one word of another title: "it still needs the cleanup of the old helpers")
            elif named_before is not None and entry is named_before[0] and \
                    named_before[1] > match_conf:
                entry, match_conf, quoted = named_before  # "About X: ... It is clearly next
                # release's material, the design ...": one word of its title again is no
                # weaker a naming than the one above
            else:
                named_before = (entry, match_conf, quoted)
        if proposes_new or listed_at < number or (
                sentence.rstrip().endswith(":") and number + 1 < len(said)
                and said[number + 1] == LISTED_HERE):
            entry = None  # what follows a request for a new item describes the new item, as
            # does the lead-in right above a listed one ("the fix is on the list:")
        if entry is not None and _NO_CHANGE.match(sentence):
            _withdraw(changes, findings, "no change wanted", entry.path)
            continue  # "Kai is still on the design ... No change is needed for that one."
        tag = entry.item.tag if entry else ""
        before = len(changes)
        # "let's target 4.2" in the 4.2 release defers nothing, nor does "push it to 4.30 as a
        # backport" in the 4.31 one; dropped before the sentence settles, so "please leave it
        # for 4.31, I'm still on it" keeps the work beside it
        reading = sentence
        found = read_sentence(sentence, rules, tag)
        if not found and entry is not None and not _MODAL.search(sentence):  # read as an
            # answer under its quote says it (not of what is feared, heard or conditional):
            reading = as_it(sentence, entry, entries)  # "the X fixes will have to wait"
            found = read_sentence(reading, rules, tag) if reading != sentence else []  # as "it"
        hits = last_status([h for h in found
                            if not _not_later(h.groups.get("version", ""), release)
                            and not _asks_no_one(h, sentence, message, people)], reading)
        if carried is not None and number in carried[1] and not hits:
            hits, entry, quoted = carried[0], carried[1][number], ""
            match_conf = 1.0 if target is None or target.entry is None else 0.9
        elif sentence.rstrip().endswith(":") and hits and _THESE.search(sentence) and all(
                h.rule.kind == "status" for h in hits):
            lines = _titled_lines(said, number + 1, entries, rules)
            if lines:  # "Two more sit in my tree, not yet pushed:" over one title a line:
                carried = (hits, lines)  # the state is each listed item's, not the
                findings.append(f"lead-in over {len(lines)} listed items")  # lead-in's
                continue
        if _ONE_MORE_LEAD.match(sentence) and any(h.rule.kind == "new" for h in hits):
            hits = [h for h in hits if h.rule.kind == "new"]  # "One more series for this
            # section, posted on 9 January:" over its address: the posting is the new one's
        stated = False
        for hit in hits:
            kind = ChangeKind(hit.rule.kind)
            if kind is ChangeKind.NEW:
                made = [new_item(named, entries, message, quoted, sentence, text,
                                 target.entry.section if target and target.entry else "")
                        for named in each_named(hit)]
                made = [c for c in made if LISTED_HERE not in c.value]  # ("Please add the
                # following:" over its list: each was read as listed)
                listed = [c for c in made if not c.value.strip() or _NOT_A_TITLE.search(
                    c.value) or _NOT_OURS.search(
                    sentence) or for_another_list(c.value, sentence) or (
                    hit.rule.name == "wants-in" and listed_already(c.value, entries))]
                # (an item the thread raised stays askable: the RM's "I'll add it" is news)
                if listed:  # "I'd like to see \"X\" in 4.20" of a listed X; "There is a
                    # second one: nope, false alarm"; "another one in Linux: ..."
                    findings.append(f"asks for {listed[0].value[:40]!r}: listed, no title, "
                                    "or another list")
                    made = [c for c in made if c not in listed]  # ... and what it says next
                    if not made:  # is about X ("I just sent v10")
                        continue
                asked = False
                for change in made:
                    moved = _listed_moved(change, hit, sentence, entries, release)
                    if moved is not None:  # 'Adding "X" to Completed' of a listed X
                        move_kind, where, listed_item = moved
                        findings.append(f"{hit.rule.name}: {change.value[:40]!r} is listed: "
                                        f"{move_kind} {where!r}")
                        named_before = (listed_item, 1.0, "")  # what follows is about it
                        said_of = [(move_kind, where)]
                        implied = section_status(where) if move_kind is ChangeKind.MOVE else None
                        if implied is not None and implied != listed_item.item.status:
                            said_of.append((ChangeKind.STATUS, implied.value))  # "to Completed"
                        changes.extend(_change(said_kind, said, listed_item,
                                               round(hit.confidence, 3), message, quoted,
                                               sentence, (*hit.reasons, "listed"))
                                       for said_kind, said in said_of)
                        continue
                    changes.append(change)
                    findings.append(f"new item proposed: {change.value[:60]!r}")
                    asked = True
                proposes_new = proposes_new or asked
                continue
            if culprit is not None and kind is ChangeKind.NOTE and hit.value.startswith(
                    "reported:") and (entry is None or not (target and target.entry is entry)
                                      and _identified(sentence, entries) in (None, culprit)):
                # the failure is the blamed patch's, not one whose words it shares ("build")
                findings.append(f"{hit.rule.name}: on {culprit.item.text[:50]!r}, blamed")
                entry, match_conf, quoted = culprit, 1.0, ""
            if entry is None or kind is ChangeKind.OWNER and proposes_new and any(
                    c.kind is ChangeKind.NEW and c.evidence.words == sentence for c in changes):
                findings.append(f"{hit.rule.name} in {sentence[:50]!r} answers no item")
                continue  # (nor does "..., with me as the owner" after a new item's title)
            value = hit.value.replace("{sender}", sender).replace("{area}", _area(entry))
            if "{addressee}" in value:  # "I have taken your name off": whom the RM answers
                if not addressee or not any(same_person(addressee, o)
                                            for o in entry.item.owners):
                    findings.append(f"{hit.rule.name}: whom 'your' means owns no such item")
                    continue
                value = value.replace("{addressee}", addressee)
            if hit.groups.get("work") and not (
                    _words_of(hit.groups["work"]) <= _words_of(entry.item.text)):
                findings.append(f"{hit.rule.name}: {hit.groups['work']!r} is not this item")
                continue  # ("I can take Friday off", "I'll take Jan's suggestion", "Please
                # move Dario next to me": a word of the title names the work, or nothing)
            if kind is ChangeKind.OWNER:
                owner = owner_named(hit, value, [*said[max(0, number - 1): number],
                                                 reading[: hit.span[0]]],
                                    sentence, entry.item.owners, sender, people)
                if owner.finding:
                    findings.append(owner.finding)
                if not owner.value:
                    continue
                value = owner.value
                if owner.handed:  # "it's George who owns this, not me": the sender steps down
                    changes.append(_change(ChangeKind.OWNER, f"-{owner.handed}", entry,
                                           round(hit.confidence * match_conf, 3), message,
                                           quoted, sentence, (*hit.reasons, "not me")))
            if kind is ChangeKind.MOVE:
                kind, value = _move_target(value, entry, entries, release)
                if not value:
                    findings.append(f"{hit.rule.name}: names no other section of the post")
                    continue
                implied = section_status(value) if kind is ChangeKind.MOVE else None
                if implied is not None and implied != entry.item.status:
                    # "moved to Deferred to 4.6": the section says what became of it
                    changes.append(_change(ChangeKind.STATUS, implied.value, entry,
                                           round(hit.confidence * match_conf, 3), message,
                                           quoted, sentence, (*hit.reasons, "section")))
            if kind is ChangeKind.STATUS and value in _MERGED and _elsewhere(
                    sentence, hit.span, entry, entries):
                findings.append(f"{hit.rule.name}: merged in another project's tree")
                continue
            if kind is ChangeKind.STATUS and not _news(entry, value, hit, sentence):
                findings.append(f"{hit.rule.name}: agrees with the item's status, nothing new")
                continue
            if kind is ChangeKind.DUPLICATE:
                other = repeated(hit.groups.get("other") or "", entry, entries, text) or (
                    twin(entry, target.others) if target and target.others
                    and not hit.groups.get("other") else None)  # the one quoted with it
                if other is None:
                    continue
                value = other.item.text
            confidence = round(hit.confidence * match_conf, 3)
            if kind is ChangeKind.STATUS and value == "dropped" and not is_rm and \
                    _ASKS_DROP.search(sentence) and _anothers(entry, sender):
                confidence = min(confidence, GUESS)  # "Please drop it": someone else's patch,
                findings.append("asks the RM to drop another's item")  # the RM decides
            findings.append(f"{hit.rule.name} -> {entry.item.text[:50]!r} ({confidence})")
            changes.append(
                _change(
                    kind,
                    value,
                    entry,
                    confidence,
                    message,
                    quoted,
                    sentence,
                    hit.reasons,
                    when=when(reading, message.date, hit.span),
                )
            )
            stated = True
        if entry is not None and not proposes_new:
            quoted_item = bool(target and target.entry is entry)
            kept = remarks if quoted_item or len(changes) > before or (
                _named_clearly(sentence, entry, entries, naming)) else None
            _learned(sentence, entry, quoted_item, quoted, changes, before, message, sender,
                     findings, kept, by_id=kept is not None and not quoted_item
                     and _identifies(sentence, entry, entries))
            # (how clearly the sentence names its item matters only for a remark: asked
            # only when nothing was said of it)
        if entry is not None and (stated or LINK_WORDS.search(sentence)):
            block_entry = block_entry or (entry, match_conf, quoted)
    named_new = {c.value[:20].lower() for c in changes if c.kind is ChangeKind.NEW}
    for change in subjects:
        if change.value[:20].lower() not in named_new:
            findings.append(f"new item as a quoted subject: {change.value[:60]!r}")
            changes.append(change)
    if block_entry is not None and not proposes_new:
        # links anywhere in the block belong to what it talks about, and are
        # no surer than what the block says ("Isn't this done? <hash>")
        entry, match_conf, quoted = block_entry
        # how sure each sentence's statement about it is (a model's guess makes no link
        # less sure)
        stated = {" ".join(c.evidence.words.split()): c.confidence for c in changes
                  if c.item == entry.path and "model" not in c.reasons}
        seen_bare = False
        new_titles = " ".join(c.value for c in changes if c.kind is ChangeKind.NEW)
        for position, sentence in enumerate(said[:listed_at]):
            found = links(sentence)
            if not found:
                continue
            just_before = said[position - 1] if position else ""
            # as sure as what its own sentence (or the one it follows) says, else the surest
            # thing of the block ("v8 is out: <URL>. I'd be surprised if it makes 4.19")
            own = [stated[k] for k in (" ".join(sentence.split()), " ".join(just_before.split()))
                   if k in stated]
            sure = min(match_conf, max(own or stated.values() or [match_conf * 0.9]) / 0.9)
            for link in found:
                if link in new_titles:
                    continue  # 'commit 5f0c2a9d41e7 ("...") should be included': the new item's
                if _BARE_HASH.fullmatch(link):  # a pasted `git log`: its first line is the one
                    if _blamed(sentence, link):
                        continue  # "bisected it to 0a9b8c7d6e5f": the culprit, not the fix
                    if seen_bare:
                        continue
                    seen_bare = True
                changes.append(
                    _change(
                        ChangeKind.LINK,
                        link,
                        entry,
                        round(0.9 * sure, 3),
                        message,
                        quoted,
                        sentence,
                        ("link",),
                    )
                )
    return _left_as_listed(changes, text, target, entries, findings, remarks)


# "No need to touch the entry.", "so I wouldn't change the entry", "nothing has changed since
# your last list": the sender's own word that the item's line stands as the post has it
_AS_LISTED = re.compile(
    r"\b(?:no need to (?:touch|change|update|edit) (?:the|this|that|its|my|our) entry\b"
    r"|\b(?:please )?(?:don[\x27’]?t|do not) change anything (?:on|in) the (?:list|entry)\b"
    r"|\bnothing to change (?:(?:here|there) (?:yet|for now)|(?:in|on) the (?:entry|list))\b"
    r"|\b(?:I[\x27’]?d|I would|let[\x27’]?s|please) (?:just )?leave (?:the|this|that|its) entry"
    r" (?:as it is|as is|alone|unchanged)\b"
    r"|(?:I )?(?:wouldn[\x27’]?t|would not|won[\x27’]?t|will not|shouldn[\x27’]?t)"
    r" (?:change|touch|update) (?:the|this|that|its) entry\b(?! (?:of|for)\b)"
    r"|nothing (?:has )?changed (?:since your last (?:list|update|mail|post)\b"
    r"|there(?: either)?(?=\s*[.,;]))|the entry (?:is|stands) (?:still )?(?:correct|right|accurate)"
    r"(?=\s*[.,;!]|\s*$)"
    # "Nothing new on the RISC-V series since your list: the merged patches are as you wrote"
    r"|\bnothing new (?:(?:on|for|with|about) [^.:;]{1,60}? )?since (?:your|the) (?:last )?"
    r"(?:list|update|mail|post)\b|\b(?:patches|parts|entry|entries|list|status|state) (?:are|is"
    r"|stands?) (?:just )?as you (?:wrote|listed|have it|had it)\b)", re.I)
# what a block tells beside such words is background to the line kept: the work going on,
# a part in, a wait (not a posting, a merge or a decision, which are news whatever it says)
_BACKGROUND = frozenset({Status.IN_PROGRESS.value, Status.PARTLY_MERGED.value,
                         Status.NEEDS_VERSION.value, Status.WAITING_REVIEW.value,
                         Status.WAITING_ON.value, Status.PINGED.value})


def _left_as_listed(changes: list[Change], text: str, target, entries: list[Entry],
                    findings: list[str], remarks: list[Remark] | None = None) -> list[Change]:
    """The states a block reads of its own item, taken back where the sender says the item's
    entry stands as listed ("Krystian is still reworking it ... No need to touch the entry";
    "only three are in ... so I wouldn't change the entry"): what they tell is background to
    a line they keep, not news for it. Unquoted, the words keep the item they name ("On
    CPUID faulting, please don't change anything yet"), else the one item the block speaks of."""
    said = " ".join(text.split())
    if not changes or not _AS_LISTED.search(said):
        return changes
    if target and target.entry:
        kept_as_listed = {target.entry.path}
    else:
        named: set[tuple[int, ...]] = set()
        for paragraph in re.split(r"\n\s*\n", text):  # each its own: "Re the X item: the bulk
            told = sentences(" ".join(paragraph.split()))  # went in ... Nothing has changed
            if not any(_AS_LISTED.search(sentence) for sentence in told):  # there either."
                continue
            found = {naming.entry.path for sentence in told if _AS_LISTED.search(sentence)
                     and (naming := _clear_naming(sentence, entries)) is not None}
            if not found:  # (the paragraph's one item, named in another of its sentences)
                found = {naming.entry.path for sentence in told
                         if (naming := _clear_naming(sentence, entries)) is not None}
                found = found if len(found) == 1 else set()
            named |= found
        spoken_of = {c.item for c in changes if c.kind is ChangeKind.STATUS}
        kept_as_listed = named or (spoken_of if len(spoken_of) == 1 else set())
    kept = [c for c in changes if not (
        c.kind is ChangeKind.STATUS and c.item in kept_as_listed and "explicit" not in c.reasons
        and (c.value in _BACKGROUND or _AS_LISTED.search(c.evidence.words)))]  # ("the merged
    # patches are as you wrote": no merge told either; but "the race is as you wrote, and
    # the fix went in" tells one: only the list's own words are "as you wrote")
    if len(kept) < len(changes):
        findings.append("the entry stands as listed: " + ", ".join(
            c.item_text[:50] for c in changes if c not in kept))
        if remarks is not None:  # (the words stay on the item: what a sub-thread is about)
            words = next((sentence for sentence in sentences(said)
                          if _AS_LISTED.search(sentence)), said)
            remarks.extend(Remark(c.item, c.item_text, words) for c in changes
                           if c not in kept and not any(r.item == c.item and r.words == words
                                                         for r in remarks))
    return kept


def _endorsed(text, quote_lines, entries, message, sender, rules, findings, people, release,
              is_rm: bool, claim_sent: datetime | None = None,
              own: list[Change] | None = None) -> list[Change]:
    """An RM's answer to a claim quoted one level above the item: agreeing makes the
    claim the RM's (applied), a condition keeps it a proposal, declining leaves it shown
    and unapplied (the RM's no beside it). `claim_sent`: when the claim was written (its
    attribution), which its "yesterday" counts from. `own`: what the RM said themselves;
    an answer that neither agrees nor declines ("Thanks, I'll move it to the completed
    list") still takes from the claim what it says alike, with the claim's day ("the last
    three I committed yesterday")."""
    claim = claim_of(quote_lines, flat=True) if is_rm else None  # a developer's "Right."
    if claim is None:  # adds nothing: the claim's own mail said it
        return []
    view = stance(text)
    named = bool(claim[1]) or _names_clearly(claim[0], entries)
    asked = not named and (adds(text) or view.kind in ("agree", "decline")
                           and not _opens_with_question(text))
    if not claim[1] and (not (named or asked) or same_person(
            sender, display_name(message.from_name or message.from_addr))):
        return []  # a quote of one level: a developer's words naming an item (by who wrote
        # them: not the RM's own post, nor a quote whose writer is unknown), or asking for
        # one the RM adds ("Agreed, added to the list" under "two candidates for the list")
    own = [c for c in own or () if c.confidence >= 0.7]  # (not what the RM only proposes)
    alike_only = not view.kind and bool(own)
    if not view.kind and not alike_only:
        return []
    words, deeper = claim
    if view.kind == "decline" and (adds(text) or placed_elsewhere(text)):
        findings.append(f"declines the quoted claim {words[:50]!r} as asked, adds it otherwise")
        return []  # "I'd rather not list it as a blocker ... I will track it under x86 though"
    target = target_of(deeper, entries) if deeper else None
    told = replace(message, date=claim_sent) if claim_sent else message
    claimed = settled(_read_block(words, target, entries, told, sender, rules, [], people,
                                  release, is_rm=True), words)  # (with the RM's word)
    whole = whole_claim(quote_lines, text)
    if whole and (adds(text) or not (_stated(claimed) and (_linked(claimed)
                                                            or "://" not in whole))):
        words = whole  # the claim's link, the version the RM names or the item the RM
        # adds sits above its end
        claimed = settled(_read_block(words, target, entries, told, sender, rules, [],
                                      people, release, is_rm=True), words)
    if alike_only:  # (and the claim's link of the item the RM acts on: "Final version is
        # here: <URL>" answered by "Thanks. I pushed this to staging this afternoon.")
        claimed = [c for c in claimed if any(_same(c, o) for o in own) or _acted_on_link(c, own)]
    if asked:  # what the RM adds, not what else the asking mail said of listed items
        claimed = [c for c in claimed if c.kind is ChangeKind.NEW]
    endorsed = []
    for change in claimed:
        if change.kind is ChangeKind.LINK and not (alike_only or _SPEAKS_OF_LINK.search(text)):
            continue  # the claim's own mail gave its link; the RM's word gives it again only
            # where it speaks of it ("Good, the entry points at v5 now", "I have noted v3"), or
            # acts on the item ("Thanks. I pushed it to staging")
        if change.kind is ChangeKind.NEW and _KEPT_OUT.search(text):
            findings.append(f"the RM keeps the asked {change.value[:40]!r} out of the release")
            continue  # "Yes, let's keep it out: too late for this release": agreeing to the
            # worry, not adding the item
        if view.kind in ("agree", ""):
            confidence, why = max(change.confidence, 0.85), "the RM agrees with the quoted claim"
        elif view.kind == "decline":  # shown, not applied: the RM said no to it
            confidence, why = min(change.confidence, 0.3), "the RM declines the quoted claim"
        else:
            confidence, why = min(change.confidence, 0.5), f"on condition: {view.condition}"
        said = replace(change.evidence, date=message.date, quoted=words,
                       words=" ".join(text.split())[:300])
        endorsed.append(replace(change, confidence=round(confidence, 3), evidence=said,
                                reasons=(*change.reasons, why)))
        findings.append(f"{why}: {change.kind} {change.value[:40]!r}")
    return endorsed


# what in the RM's word speaks of the claim's link: the entry's pointer, the version it records
_SPEAKS_OF_LINK = re.compile(
    r"\b(?:points?|pointed|pointing) (?:at|to) (?:the )?(?:v\d|new|link|url|series|posting"
    r"|thread)|\b(?:links?|urls?)\b|\bswitched the entry\b"
    r"|\b(?:noted|recorded|carry|follows?|refers? to|list(?:ed)? it as \(?"
    r"|(?:updated|update) (?:\w+ ){0,3}with|track(?:s|ing)?"
    r"|(?:point|switch)(?:ed)? (?:it|the entry) to) (?:it as )?(?:the )?v\d+\b"
    r"|\bv\d+ is (?:sent|posted|out)\b", re.I)


def _opens_with_question(text: str) -> bool:
    """ "Should I put it in the ARM section?": the answer asks back, it grants nothing."""
    first = next(iter(sentences(text)), "")
    return first.rstrip().endswith("?")


_NAMES_ONLY = re.compile(rf"^\s*({NAME})(?:(?:,| and) ({NAME}))*,\s*$")


def _recipients(message: Message) -> list[str]:
    """The people a mail is sent to, by display name ("Roger Pau Monné"), not lists."""
    from email.utils import getaddresses

    found = getaddresses([message.headers.get("to", ""), message.headers.get("cc", "")])
    return [" ".join(name.replace('"', "").split()) for name, addr in found
            if name and "list" not in addr.lower() and addr.lower() != message.from_addr.lower()
            and not _ROLE.search(name)]


# a mailbox that is a role, not a person: "Release Team", "Community Manager"
_ROLE = re.compile(r"\b(?:team|community|release|manager|maintainers|committers|project|bot"
                   r"|security|devel|list|admin|support|noreply|no-reply)\b", re.I)


def _opening_names(blocks) -> tuple[str, ...]:
    """The names a mail opens with when its first line is only names ("Priya,", "Jan,
    Andrew,"), lower-cased: whom it asks, when the list knows them (not "Hi,")."""
    first = next((b for b in blocks if b.kind is BlockKind.NEW and "".join(b.lines).strip()),
                 None)
    lines = [line for line in first.lines if line.strip()] if first else []
    opened = _NAMES_ONLY.match(lines[0]) if lines else None
    return tuple(name.lower() for name in opened.groups() if name) if opened else ()


def _asks_by_name(text: str, new: list[Change], target: Target, r: _Reading) -> list[Change]:
    """The RM asking someone by name under an item ("Shawn, is something holding up the
    last two?", "Any news on this, Jan?", "Rafael?", or a mail opened with "Priya," then
    "any news on this one?") and saying nothing else of it: the item is pinged, on the
    list. Anyone's request to someone the mail knows to act on it ("Palmer, could you pick
    it up for -rc2?", "Roger, do you have time to re-test v4?") pings it too, beside
    a posting ("I've posted a fix. Palmer, ..."): real labellers record both."""
    said = [c for c in new if c.kind is ChangeKind.STATUS and c.item == target.entry.path]
    if said and (r.is_rm or not (all(c.value == Status.PATCH_POSTED.value for c in said)
                                  and _ASKS_TO_ACT.search(text))):
        return []
    asked = next((s for s in sentences(text) if (
        _ASKS_TO_ACT.search(s) or r.is_rm and QUESTION.search(s)) and _asks_someone(s, r)
        and not _ASKS_TO_CONFIRM.search(s)), "")
    if not asked:
        return []  # a question to nobody in particular is the sender thinking aloud
    return [_change(ChangeKind.STATUS, Status.PINGED.value, target.entry, 0.7, r.message,
                    target.quoted, asked, ("asks someone to act on the item" if not r.is_rm
                                           else "the RM asks under the item",))]


# "Aleksandra, can you confirm you are taking it over?", "Jonas, are you OK with that?": a
# question about who owns it (the owners' business), no nudge to the work
_ASKS_TO_CONFIRM = re.compile(
    r"\b(?:can|could|would) you (?:please )?confirm (?:that )?you(?:[\x27’]re| are)? (?:taking"
    r"|owning|picking|going to (?:take|own))\b|\bare you (?:ok|okay|fine|happy|alright) with"
    r" (?:that|this|it)\b|\bis (?:that|this) (?:ok|okay|fine|right|correct) (?:with|for) you\b",
    re.I)


# a request to act on the item: "could you have a look", "would you be able to review",
# "please pick it up", "the patch is on the list" (not "could you provide a
# list": a request of another kind; "is v6 coming?" asks after it, for the RM only)
_ASKS_TO_ACT = re.compile(
    r"\b(?:(?:could|can|would|will) you|would you be able to|please|maybe you (?:can|could)"
    r"|are you (?:going|planning|able) to|do you have time to)(?: please| kindly| also| perhaps"
    r"| maybe)? (?:(?:have|take) (?:a|another) (?:look|peek|glance)|look (?:at|into|over)"
    r"|(?:re-?)?review|ack|pick (?:it|this|them|these|that) up|pick up|take (?:it|this|them"
    r"|these|that)(?!\s+(?:off|out|away|down|back|from|over|into)\b)|apply|commit|merge"
    r"|push (?:it|this|them|these|that|the (?:series|patch(?:es)?|fix(?:es)?))\b|queue"
    r"|(?:re-?)?test|check (?:it|this|them|the (?:series|patch(?:es)?|fix(?:es)?|v\d+))\b"
    r"|clarify|comment on|chime in|respin|resend|rebase"
    r"|find (?:some )?time (?:for|to))\b"
    r"|\bthe (?:fix|patch|series) is (?:here|on the list)\b|\bthe (?:fix|patch|series) is at"
    r"\s*(?:https?://|<)", re.I)


_ASKED_LAST = re.compile(rf"(?:,\s*|^\W*)({NAME})\s*\?+\s*$")  # "..., Jan?", "Rafael?"


# a quoted ask for someone to take work on: "Could somebody look at these before Friday:",
# "would you have time to review the two below?", "any volunteers?" (not "could you send a
# v2?": the author's next step, which an "I will" only plans)
_ASKS_FOR_HANDS = re.compile(
    r"\b(?:(?:could|can|would|will) (?:any(?:body|one)|some(?:body|one)|you)(?: please)?"
    r"(?: be able to| have time to)? (?:have (?:a )?look|take a look|look (?:at|on|into)|review"
    r"|take (?:(?:this|it|them|these)(?!\s+(?:off|out|away|down|back|from)\b)|over|care)"
    r"|pick (?:this|it|them|these) up|handle|own|drive)"
    r"|any(?:body|one) (?:willing|able|want(?:s|ing)?) to (?:look|review|take|pick|handle|own)"
    r"|any volunteers?|who (?:can|could|will|would|wants to) (?:look|review|take|pick|handle|own))"
    r"\b", re.I)
# the sender's whole answer to it, said first: "I will.", "Sure, I can.", "Will do.", "I'll
# have a look." (not "I will not", "I can't", "I will once v3 is out")
_TAKES_IT_ON = re.compile(
    r"^\W*(?:(?:yes|yep|yeah|sure|ok|okay|of course)\W{1,3})?(?:I will|I can|will do|I[\x27’]ll"
    r" do (?:it|that|so)|I can do (?:it|that)|I[\x27’]ll (?:have|take) a look|I(?:[\x27’]ll| will)"
    r" review (?:it|them|these|this|those))(?:\s*[.!]|\s*,\s|\s*$)(?!\s*(?:once|when|after|if"
    r"|unless|but|only|though|except)\b)", re.I)


def _volunteers(text: str, new: list[Change], quote_lines: list[tuple[int, str]],
                target: Target, r: _Reading) -> list[Change]:
    """ "I will." under "Could somebody look at these before Friday:" and its items: the
    sender takes them on, each quoted item (the ask's list is what the answer agrees to)."""
    if any(c.kind is ChangeKind.OWNER for c in new) or not _TAKES_IT_ON.match(text):
        return []
    quote = " ".join(" ".join(line for _depth, line in quote_lines).split())
    if not _ASKS_FOR_HANDS.search(quote):
        return []
    items = [t.entry for t in quoted_items(quote_lines, r.entries)] or [target.entry]
    said = next(iter(sentences(text)), text.strip())
    return [_change(ChangeKind.OWNER, r.sender, entry, 0.8, r.message, target.quoted, said,
                    ("takes on what the quote asks for",))
            for entry in items if r.sender not in entry.item.owners]


def _asks_someone(sentence: str, r: _Reading) -> bool:
    """Whether the RM's question asks someone the mail knows by name. (A developer's
    question to another is talk about the work, "Jan, is v4 coming this week?": the blind
    sets say so, and reading their asks to act as pings found nothing more in the real
    sets.)"""
    called = VOCATIVE.match(sentence) or _ASKED_LAST.search(sentence)
    if called is None or called[1].lower() not in r.first_names:
        return r.addressed  # ("Okay: is v5 still coming?" in a mail opened with "Jonas,")
    return not same_person(called[1], r.sender)


_ONE_MORE_LEAD = re.compile(r"^\W*(?:and |also |plus )?(?:one|another) more\b", re.I)
_CALLED_ALONE = re.compile(rf"^\W*({NAME})\?\s*$")
_NUDGES = frozenset({"ping", "bump", "anyone", "anybody", "anything", "news", "update", "updates",
                     "status", "thoughts", "comments", "feedback", "objections", "opinions",
                     "ideas", "hello", "ack", "acks", "review", "reviews", "reviewers",
                     "progress"})


def _asks_no_one(hit, sentence: str, message: Message, people) -> bool:
    """"Casey?" under a quoted failure asks Casey for news; "Clang?" asks whether the
    compiler is the cause: a word and a question mark alone ping only someone the mail
    is sent to or the post names."""
    called = hit.rule.name == "pinged" and _CALLED_ALONE.match(sentence)
    if not called or called[1].lower() in _NUDGES:
        return False  # ("Ping?", "Status?" nudge whoever reads it)
    return called[1].split()[0].lower() not in _first_names(people, message)


def _first_names(people, message: Message) -> set[str]:
    """The first names of the post's people and of the mail's To and Cc: "Lindqvist,
    Casey" is Casey, and a bare casey.l@example.org is casey."""
    from email.utils import getaddresses

    named = [name.split(",", 1)[1] if name.count(",") == 1 else name for name in (
        *people, *_recipients(message))]
    bare = [addr.split("@")[0].replace("_", ".").split(".")[0] for name, addr in getaddresses(
        [message.headers.get("to", ""), message.headers.get("cc", "")]) if not name and addr]
    return {name.split()[0].lower() for name in named if name.split()} | {
        word.lower() for word in bare if word}


def _original_below(blocks) -> list[tuple[int, str]]:
    """The quote under a top-posted answer, when nothing of the sender's follows it: the
    original it answers (an Outlook one keeps the developer's claim unquoted over the
    item it quotes: "Thanks, I can see the v4 in patchwork." agrees with that claim)."""
    if any(b.kind is BlockKind.NEW and "".join(b.lines).strip() for b in blocks):
        return []
    return [(b.depth, line) for b in blocks if b.kind is BlockKind.QUOTE for line in b.lines]


def _with_claim(new: list[Change], endorsed: list[Change], text: str) -> list[Change]:
    """The RM's own reading and the claim it agrees with: "Right.  1/ and 2/ are in" keeps
    both; "Thanks, I see them in staging" over "patches 1 and 2 were committed, 3 and 4
    wait" takes the claim's partial merge over its own done; otherwise the RM's own
    "committed" is the news, not the older claim."""
    if endorsed and _bare_done(text):
        return endorsed  # "Done." under "please take me off this one": what was asked is
    partly = {c.item for c in endorsed if c.kind is ChangeKind.STATUS
              and c.value == Status.PARTLY_MERGED.value}
    if _said_done(new) and not (_AGREES_FIRST.match(text) or partly):
        # the RM's own "marking it done" over "it went in this morning": one change, with
        # the day the claim gave (made one by _dedupe)
        return [*new, *(e for e in endorsed if any(_same(e, c) for c in new)
                         or _acted_on_link(e, new))]
    # the same change said by both is made one by _dedupe, with the claim's day ("v5 went
    # out yesterday" over the RM's own "patch posted"); the RM's own decision on an item
    # ("I've marked it as deferred to 4.32") over the claim's state of it ("I am working
    # on it now"): the RM's, a later word
    decided = {c.item for c in new if c.kind is ChangeKind.STATUS and c.confidence >= 0.7
               and c.value == Status.DEFERRED.value}
    return [*(c for c in new if not (c.item in partly and c.kind is ChangeKind.STATUS
                                     and c.value == Status.DONE.value)),
            *(e for e in endorsed if not (e.item in decided and e.kind is ChangeKind.STATUS
                                          and not any(_same(e, c) for c in new)))]


def _acted_on_link(change: Change, acted: list[Change]) -> bool:
    """A claim's URL for an item the RM acts on themselves ("Thanks. I pushed it this
    afternoon" under "v5 went out this morning: <URL>"); a bare commit id is no such link."""
    return change.kind is ChangeKind.LINK and "://" in change.value and any(
        change.item == own.item for own in acted)


def _same(one: Change, other: Change) -> bool:
    return (one.kind, one.item, one.value.lower()) == (other.kind, other.item,
                                                       other.value.lower())


def _stated(changes: list[Change]) -> bool:
    return any(c.kind is ChangeKind.STATUS for c in changes)


def _linked(changes: list[Change]) -> bool:
    return any(c.kind is ChangeKind.LINK for c in changes)


def _said_done(changes: list[Change]) -> bool:
    return any(c.kind is ChangeKind.STATUS and c.value == Status.DONE.value for c in changes)


_BARE_DONE = re.compile(r"^\W{0,3}done\W{0,3}(?:thanks?(?: you)?\W{0,3})?$", re.I)


def _bare_done(text: str) -> bool:
    """The answer is "Done." and a sign-off at most ("Done.\n\nIan.")."""
    first, *rest = [p for p in re.split(r"\n\s*\n", text.strip()) if p.strip()] or [""]
    return bool(_BARE_DONE.match(first)) and all(len(p.split()) <= 3 for p in rest)


_AGREES_FIRST = re.compile(
    r"^(?:right|agreed|yes|indeed|correct|noted|sure|ok(?:ay)?|understood|great|good)"
    r"(?:,? thanks?(?: you)?)?\s*[.!]\s", re.I)
_INLINE_NEW = frozenset({"missing-item"})  # rules that name their items, never a list below


@lru_cache(maxsize=8)
def _asking(rules: tuple[Rule, ...]) -> tuple[Rule, ...]:
    return tuple(r for r in rules if r.kind == ChangeKind.NEW.value and r.name not in _INLINE_NEW)


def _before_the_ask(text: str, rules: tuple[Rule, ...]) -> tuple[str, str]:
    """The block cut before its first paragraph that asks for an item ("please add the
    following:", "please track it under x86 as well: ..."): bullets the sender pasted
    above it in the post's own format are items of their own; the ask reads its own."""
    if not _asks_new(text, rules):
        return text, ""
    paragraphs = re.split(r"(\n[ \t]*\n)", text)
    for number in range(0, len(paragraphs), 2):
        if _asks_new(paragraphs[number], rules):
            if _asks_over_a_list(paragraphs[number]):
                return text, ""  # "Please add the following:" over its bullets: the list
            before = "".join(paragraphs[:number])  # reader reads each of them
            if not _A_SERIES.search(before):
                return "", text  # ("Changes since v1:" over its bullets lists no items)
            return before, "".join(paragraphs[number:])
    return "", text


def _asks_over_a_list(paragraph: str) -> bool:
    """An ask that points at two list lines or more which end its paragraph ("Please add
    the following:", "Please add these two under ARM"; not "Please add it to the list:"
    over what the series does, nor a greeting above the ask)."""
    lines = [line for line in paragraph.strip("\n").splitlines() if line.strip()]
    start = len(lines)
    while start and (LIST_LINE.match(lines[start - 1]) or (
            lines[start - 1].startswith((" ", "\t")) and start < len(lines))):
        start -= 1  # (a list line's wrapped rest is indented)
    listed = sum(1 for line in lines[start:] if LIST_LINE.match(line))
    return listed >= 2 and start > 0 and bool(_POINTS_AT_LIST.search(lines[start - 1]))


_POINTS_AT_LIST = re.compile(
    r"\b(?:the following|these|those|below|both|all of them|them|add)(?: (?:two|three|four"
    r"|five|\d|ones|items|series|patches|fixes))?(?: (?:too|as well|also))?(?: (?:under|in|to"
    r"|for) (?:the )?[\w /.-]{1,30})?\s*:?\s*$", re.I)


# a series in the post's own format: "* [PATCH v4 0/7] ..." (its subject) or its address
_A_SERIES = re.compile(r"^[ \t]*[*-][ \t]+\[(?:[A-Z -]*)?(?:PATCH|RFC)\b"
                       r"|^[ \t]*(?:\[[ \t]*)?https?://"
                       # "6. Tooling: xenstored loses watches ..." over "Status: Patch posted":
                       # an item in a numbered post's own form
                       r"|^[ \t]*\d{1,2}[.)][ \t]+\S[^\n]{8,}\n[ \t]*Status:", re.M)


def _asks_new(text: str, rules: tuple[Rule, ...]) -> bool:
    asks = _asking(rules)  # (the words the asks need first: most blocks have none)
    return may_read(" ".join(text.split()), asks) and any(  # (a wording wrapped over lines)
        read_sentence(s, asks) for s in sentences(text))


_ROUND = re.compile(r"\bv(\d{1,3})\b", re.I)
_WORD = re.compile(r"[^\W_][\w/.+-]{0,40}")


def _words_of(text: str) -> set[str]:
    """A text's words, lower case, without the full stop that may end them."""
    return {word.rstrip(".") for word in _WORD.findall(text.lower())} - {""}


def _lone_subject(sentence: str) -> bool:
    """A patch's subject on a line of its own ('"[PATCH] x86/boot: ..."')."""
    line = sentence.strip(" \"“”")
    subject = parse_subject(line)
    return "\n" not in line and line[:1] == "[" and subject.is_patch and not subject.is_reply \
        and len(subject.title) >= 4


_BULLETED = re.compile(r"^\s*(?:[-*•]|\d{1,2}[.)])\s")


# a lead-in over several ("Two more sit in my tree, not yet pushed:", "the following are in:")
_THESE = re.compile(r"\b(?:these|those|the following|following|them|they|both|all of|two|three"
                    r"|four|five|six|several|more)\b", re.I)


def _titled_lines(said: list[str], start: int, entries, rules) -> dict[int, Entry]:
    """The lines right below a lead-in that each give a listed item's title and say nothing
    of their own ("0a1b2c3d4e5f sched: keep idle vCPUs parked"), by their place in `said`."""
    lines: dict[int, Entry] = {}
    for number in range(start, len(said)):
        line = said[number].strip()
        if len(line.split()) > 25 or line.endswith((":", ".", "!", "?")) or parse_subject(
                line).total or read_sentence(line, rules):
            break  # a sentence of prose, one that says something itself, or a patch of the
            # series ("[PATCH v5 2/3] ...": the lead-in's own series, in parts)
        named = named_item(line, entries)
        words = title_words(line)
        if named is not None and len(named[0].title & words) >= max(
                2, len(words) / 2, len(named[0].title) / 2):  # (mostly its title, and it)
            lines[number] = named[0]  # (a line naming no item is left to the reading below)
    return lines


def _newer_round(sentence: str, entry: Entry) -> bool:
    """Whether the sentence names a round past the one the item's title gives ("is v15
    out yet?" of a "[PATCH v14 ...]"): news even in the state the item has (not once it is
    done: "v7 with the last patches went in" of a finished item)."""
    if entry.item.status in (Status.DONE, Status.DROPPED):
        return False
    listed = [int(n) for n in _ROUND.findall(entry.item.text)]
    return bool(listed) and any(int(n) > max(listed) for n in _ROUND.findall(sentence))


def _learned(sentence, entry, quoted_item, quoted, changes, before, message, sender, findings,
             remarks, by_id: bool = False) -> None:
    """The sentence model on one sentence: it confirms what the rules read, proposes what
    they missed on the item quoted above it (`quoted_item`), and what neither reads
    becomes a remark (`remarks`: None when the item is named too loosely to keep one): on
    the quoted item, or on the one the sentence names clearly in the sender's own words
    (`Remark.named`), unless it gives the item's commit id, link, subject or title (`by_id`)."""
    said = changes[before:]
    if said and not any(AGREEMENT_MATTERS[0] <= c.confidence < AGREEMENT_MATTERS[1]
                        for c in said):
        return  # the model's agreement could not change what is decided
    if not said and not quoted_item and remarks is None:
        return  # an item named only by a guess: nothing to propose, nothing to keep
    reading = read(sentence) if said or worth_asking(sentence) else None
    for number in range(before, len(changes)):
        changes[number] = agreed(changes[number], reading)
    if said:
        return
    # on an item named in prose its reading is a guess on a guess: a remark's, at most
    found = model_change(reading, sender) if quoted_item and acts_on(reading, sentence) \
        else None
    if found and not (found[0] is ChangeKind.STATUS and found[1] == entry.item.status.value
                      and not (found[1] == Status.PATCH_POSTED.value
                               and _newer_round(sentence, entry))):
        findings.append(f"model reads {reading.label} ({reading.probability}) in {sentence[:50]!r}")
        changes.append(_change(found[0], found[1], entry, MODEL_ONLY, message, quoted, sentence,
                               ("model", f"reads {reading.label} ({reading.probability:.2f})")))
    elif remarks is not None and worth_remarking(sentence):
        guess = reading.label if reading and reading.label != "none" else ""
        remarks.append(Remark(entry.path, entry.item.text, sentence, guess,
                              named=not (quoted_item or by_id)))


_BARE_HASH = re.compile(r"[0-9a-f]{7,40}")
# what names a commit as the cause: "bisected it to", "caused by", "I reverted", "Fixes:"
_NAMES_CAUSE = re.compile(r"(?:\bbisect\w*(?: it| this)?(?: down)? to|\bpoints? (?:to|at)"
                          r"|\bcaused by|\bintroduced (?:by|in|with)|\bculprit(?: is|:)?"
                          r"|\brevert(?:ed|ing|s)?"
                          r"|\brevert of|\bregressed (?:by|with)|\bbroken by|\bbroke(?:n)? (?:in"
                          r"|with)|^fixes:|\bblame[sd]?)\s*(?:commit\s+|upstream\s+)?$", re.I)


def _blamed(sentence: str, commit: str) -> bool:
    """Whether the sentence names `commit` as the cause ("Priya bisected it to 0a9b8c7d6e5f",
    "I reverted 1a2b3c4d5e6f (9c8b7a6d5e4f in my tree)": the second is the fix)."""
    at = sentence.find(commit)
    return at >= 0 and bool(_NAMES_CAUSE.search(" ".join(sentence[max(0, at - 60):at].split())))
def _move_target(said: str, entry: Entry, entries, release: str) -> tuple[ChangeKind, str]:
    """Where "move it to ..." sends the item: (MOVE, a section of the post), or the state
    the words give where the post has no such section ("to 4.20", "to next-rel": deferred;
    "to completed": done), or (MOVE, "") when they name no other section."""
    named = re.sub(r"\s+(?:(?:part|section|half|bit) of (?:the|your|this|my) (?:list|post|mail"
                   r"|update)|section|list|part|ones|items|entries|now)$", "", said.strip(),
                   flags=re.I)  # ("the Completed part of the list", "Completed now")
    target_version = RELEASE_NAMED.match(named)
    named = re.sub(r"\s*\([^)]*\)$", "", named.split(" / ")[0])  # "Completed (x86)"
    value = resolve_section(named, section_titles(entries), _area(entry))
    heading = resolve_section(named, getattr(entries, "sections", []), _area(entry))
    if not value and (section_status(heading) is not Status.DONE
                      or entry.item.status is Status.DONE):
        # a heading over sub-sections ("Hypervisor"); a "Completed" over its areas is the
        # done state the house rule files under the item's area, so it is named only when
        # the item is done already and the move is the news
        value = heading
    if not value and (target_version and not _not_later(target_version.group(1), release)
                      or _NEXT_RELEASE.search(named)):
        return ChangeKind.STATUS, Status.DEFERRED.value
    if not value and section_status(named) is not None:
        return ChangeKind.STATUS, section_status(named).value  # no Completed in this post
    if value == entry.section and not _in_completed(entry, entries):
        return ChangeKind.MOVE, ""  # where it is ("back under ARM" out of Completed moves)
    return ChangeKind.MOVE, value


def _listed_moved(change: Change, hit, sentence: str, entries,
                  release: str) -> tuple[ChangeKind, str, Entry] | None:
    """An item asked for under a section the sender names ('Adding "X" to Completed',
    'please put "X" under x86', 'Adding "X" as a blocker') that the post lists already:
    a move of that item (or the state its section gives), not a second one. None: it
    stays an ask."""
    if hit.rule.name not in ("one-more", "please-add"):
        return None
    where = hit.groups.get("section") or ""
    at = sentence.find(change.value)
    blocker = _AS_A_BLOCKER.match(sentence, at + len(change.value)) if at >= 0 else None
    if not where and blocker:  # 'Adding "X" as a blocker' (not '"X", not as a blocker'):
        where = blocker.group(1).lower().rstrip("s") + "s"  # the area's blockers
    entry = listed_entry(change.value, entries) if where.strip() else None
    if entry is None or not entry.item.source or normalise(change.value) not in entry.norm:
        return None  # not listed, listed only by the thread (the RM's word on it is news),
        # or a longer title that only begins like a listed one: a new item all the same
    kind, value = _move_target(where, entry, entries, release)
    return (kind, value, entry) if value else None  # a section the post lacks: asked as before


_AS_A_BLOCKER = re.compile(r"[\"”]?\s{0,3}as (?:a |an )?(blockers?)\b", re.I)


def _in_completed(entry: Entry, entries) -> bool:
    """Whether the item sits in a sub-section of `Completed` (its area's, `  Arm:`)."""
    parents = getattr(entries, "parents", [])
    parent = parents[entry.path[0]] if entry.path[0] < len(parents) else ""
    return section_status(parent) is Status.DONE


_NEXT_RELEASE = re.compile(r"\bnext[- ]rel|\bnext (?:release|version of xen)\b", re.I)


def _not_later(version: str, release: str) -> bool:
    """Whether a version named is the release tracked or one before it."""
    if not version or not release:
        return False
    try:  # (4.31.0 is 4.31: trailing zeros said or not)
        said, tracked = (tuple(map(int, v.split("."))) for v in (version, release))
        width = max(len(said), len(tracked))
        return said + (0,) * (width - len(said)) <= tracked + (0,) * (width - len(tracked))
    except ValueError:
        return version == release


def _release(post: Post) -> str:
    """The release a post tracks: the first version in its subject or preamble, else the
    one its closing invites items for ("anything else you need to get into 4.40")."""
    found = re.search(r"\b\d+\.\d+(?:\.\d+)?\b", " ".join((post.subject, *post.preamble[:10])))
    if found is None:
        found = re.search(r"\b(?:see|have|get|make) (?:\w+ )?(?:in|for|into) (\d+\.\d+)\b",
                          " ".join(post.closing))
        return found.group(1) if found else ""
    return found.group(0)


# "Meanwhile I committed the EFI fix": the sentence leaves the quoted item for another
_ELSEWHERE = re.compile(
    r"^(?:meanwhile|separately|unrelated(?:ly)?|in other news|on (?:a|an) (?:other|separate|"
    r"unrelated) note|on another note|by the way|btw|also unrelated)\b", re.I)


# a sentence that says something on a condition is not cut into clauses: "If nobody
# reviews them, the X fixes will have to wait" (the condition is the whole sentence's)
_SAID_ON_CONDITION = re.compile(
    r"\b(?:if|unless|once|in case|as soon as|provided|had I|were it)\b|^\W*should\b|, should\b",
    re.I)
# what the wordings read of "it" under a quote, but not of a named work: a condition, a
# hedge, a question, what someone said
_MODAL = re.compile(_SAID_ON_CONDITION.pattern + r"|\?|\b(?:i fear|i[\x27’]m afraid|afraid"
                    r"|probably|maybe|perhaps|might|i think|i guess|i suspect|said|says|told"
                    r"|mentioned|according to|reportedly|apparently|hopefully)\b", re.I)


def _names_clearly(text: str, entries: list[Entry]) -> bool:
    naming = named_in(text, entries)
    return naming is not None and naming.clear or named_in_clause(
        text, entries) is not None or named_as_work(text, entries) is not None or any(
        piece.naming is not None for piece in by_item(" ".join(text.split()), entries))


def _named_clearly(sentence: str, entry: Entry, entries: list[Entry],
                   naming: Naming | None) -> bool:
    """Whether a sentence names the item surely enough to keep it as a remark on it, with
    no quote of it over the sentence: by its clause, a link, a subject or two words of its
    title ("Thanks for the update" shares a word with "live update", and names nothing)."""
    if naming is not None:
        return naming.entry is entry and naming.clear
    found = named_in(sentence, entries)
    return found is not None and found.clear and found.entry is entry or _names_outright(
        sentence, entry, entries)


def _identifies(sentence: str, entry: Entry, entries: list[Entry]) -> bool:
    """Whether the sentence gives this item's commit id, link, patch subject or whole
    title: a name no guess made, as good as a quote for the sub-thread below."""
    return _identified(sentence, entries) is entry


def _names_outright(sentence: str, entry: Entry, entries: list[Entry]) -> bool:
    """ "I've also sent v10 of the 9pfs series": a name as names are written, of this item
    alone, as the work it names ("the X series"), not its setting ("more testing with
    dom0less"), and no "it" that points back."""
    if POINTS_UP.search(sentence):
        return False
    head = _TOPIC.match(sentence)
    naming = named_as_work(sentence, entries) or (_short_topic(head[1], entries) if head
                                                  else None)
    return naming is not None and naming.entry is entry


def _short_topic(topic: str, entries: list[Entry]) -> Naming | None:
    """ "xenwatchdogd fixes: parked until 4.32": a short topic is a name, and a name only
    one title has is enough."""
    return named_as_topic(topic, entries) if len(topic.split()) <= 4 else None


def _news_about(sentence: str, other: Entry, entries: list[Entry],
                rules: tuple[Rule, ...]) -> bool:
    """Whether the clause that names another item is the one that says something:
    "Pushed, GICv4 direct injection reviews are next" is news of the quoted item."""
    clauses = [c for c in CLAUSES.split(sentence) if c.strip()]
    if len(clauses) < 2 or not rules:
        return True
    for clause in clauses:
        naming = named_in(clause, entries)
        if naming is not None and naming.entry is other:
            # ("As for the frob_evict warning, a fix is on the list": the clause that
            # names it says what the rest is about)
            return bool(read_sentence(clause, rules)) or bool(_TOPIC_CLAUSE.match(clause))
    return False  # the naming spans clauses: keep the quoted item


_TOPIC_CLAUSE = re.compile(r"^\W{0,3}(?:as (?:for|to)|regarding|re:?|about|concerning|wrt"
                           r"|with regards? to)\s", re.I)  # (not "On top of X", "To avoid X")


def _entry_for(sentence: str, target: Target | None, entries: list[Entry],
               rules: tuple[Rule, ...] = ()):
    numbered = _BY_NUMBER.match(sentence) and by_number(sentence[:40], entries,
                                                       target.entry if target else None)
    if numbered:  # "Item 2 is really a duplicate of item 1": a numbered list's item
        return numbered, 1.0, ""
    if target and target.entry and _ELSEWHERE.match(sentence.lstrip()):
        naming = named_in(sentence, entries, rival=target.entry, strict=True)
        if naming is not None and naming.clear:
            return naming.entry, naming.sureness, ""
        named = named_item(sentence, entries)
        if named and named[0] is not target.entry:
            return named[0], named[1] / 100, ""
        return None, 0.0, target.quoted
    if target and target.entry:
        other = None if POINTS_UP.search(sentence) else named_in(
            sentence, entries, rival=target.entry, strict=True)
        if other is not None and other.clear and _news_about(sentence, other.entry, entries,
                                                             rules):
            return other.entry, other.sureness, ""  # "the EFI fix is in" under another item
        return target.entry, (1.0 if target.score >= STRONG else 0.75), target.quoted
    head = _TOPIC.match(sentence)
    if head and len(head[1].split()) <= 6 and not any(c in head[1] for c in "(\"“'["):
        # "For CPUID: our patches for the memory type support ...": the head says whose news
        topical = _topic_naming(head[1], entries)
        if topical is not None:
            return topical.entry, topical.sureness, ""
    named = named_item(sentence, entries)
    if named and named[1] >= 90:
        return named[0], named[1] / 100, ""
    naming = _clear_naming(sentence, entries)
    if naming is not None and named and naming.entry is not named[0] and \
            naming.sureness * 100 >= named[1]:
        return naming.entry, naming.sureness, ""  # "For MPX: our patches ... are still in
        # review": the topic names the item; shared words ("support", "review") do not
    if named:  # words shared with one item more than any other: sure when its name, read
        # as names are, says the same ("An update on PCI passthrough part 3: ...")
        sure = naming is not None and naming.entry is named[0]
        return named[0], naming.sureness if sure else named[1] / 100, ""
    if naming is not None:
        return naming.entry, naming.sureness, ""
    return None, 0.0, target.quoted if target else ""


# one word that is a name as it stands ("MPX", "CPUID", "vPMU"), not a common word ("boot")
_NAME_WORD = re.compile(r"(?-i:[A-Z0-9][A-Z0-9_/.+-]+|\b[a-z]++[A-Z0-9][\w/.+-]*)")


def _topic_naming(head: str, entries: list[Entry]) -> Naming | None:
    """The item a topic before a colon names clearly: "Quick update on PCI passthrough",
    "For MPX" (not "On boot", "For the record": one common word names no item)."""
    naming = named_in(head, entries)
    topic = _TOPIC_LEAD.sub("", head)
    words = topic.split()
    if naming is not None and not naming.clear or naming is None and (
            len(words) >= 2 or len(words) == 1 and _NAME_WORD.fullmatch(words[0])):
        naming = _short_topic(topic, entries) or naming
    return naming if naming is not None and naming.clear else None


def _clear_naming(sentence: str, entries: list[Entry]) -> Naming | None:
    """The item a sentence names clearly: by link or subject, by its topic before a colon,
    by a clause or a name said as a piece of work."""
    naming = named_in(sentence, entries)  # a link, a subject, a name written as names are
    head = _TOPIC.match(sentence)
    if (naming is None or not naming.clear) and head and len(head[1].split()) <= 12:
        naming = _topic_naming(head[1], entries) or naming
    if naming is None or not naming.clear:
        naming = named_in_clause(sentence, entries) or named_as_work(sentence, entries)
    return naming if naming is not None and naming.clear else None


# what says an announced item is not the release's to track: listed, or another project's
_ELSEWHERE_WORDS = r"same as (?:listed|the)|duplicates? of|not ours|kernel (?:bug|folks)"
# a sentence that puts what it announces outside the list: another project's, or listed
_NOT_OURS = re.compile(r"\b(?:in|for|of) (?:Linux|the kernel|QEMU|libvirt)\b|\bLinux has\b"
                       rf"|\balready (?:listed|tracked)\b|\b(?:{_ELSEWHERE_WORDS})\b",
                       re.I)  # ("already on the list": posted)
# what follows "one more for the list:" that is no title: a dismissal, a pointer, a report
_NOT_A_TITLE = re.compile(r"^\W*(?:ignore|nope|none|no|nothing|it|that|this|they|them|ping"
                          r"|bisected|commit\s+[0-9a-f]{7,40}|fixed|false alarm|same|see|not|maybe"
                          r"|probably|already|but|both|all good|please|i|we|you|tested-by"
                          r"|reviewed-by|acked-by)\b"
                          rf"|\b(?:already (?:listed|fixed|in)|{_ELSEWHERE_WORDS})\b", re.I)
_MOVES_ON = re.compile(r"^\W*(?:also|separately|meanwhile|besides|otherwise|apart from that)\b",
                       re.I)  # a sentence that leaves the new item for the quoted one
_BY_NUMBER = re.compile(r"^\s*<\d{1,3}>(?=[\s,:])|"  # "<3> can be closed": a bug bot's row
                        r"^\W*(?:and |also |as for |as to )?(?:item|entry) #?\d+\b"
                        r"(?! of (?:the |this |my )?(?:series|patch))", re.I)
_TOPIC = re.compile(r"^([^:]{3,120}):\s")  # the topic a sentence opens with, before ': '
# the words a topic opens with before its name: "On the PVH dom0 passthrough RFC: ..."
_TOPIC_LEAD = re.compile(r"^(?:(?:a )?(?:quick |short )?(?:update|news|status) on |on |about "
                         r"|re:? |regarding |as for |for |wrt )(?:the |my |our )?", re.I)
_ACTIVITY = frozenset({Status.IN_PROGRESS.value, Status.PATCH_POSTED.value, Status.PINGED.value,
                       Status.PARTLY_MERGED.value})  # "now #2 is in too": more of it went in


_MERGED = frozenset({Status.DONE.value, Status.PARTLY_MERGED.value})
# "the QEMU side was merged into QEMU master": a tree the post is not about
_OTHER_TREE = re.compile(r"\b(?:merged|committed|applied|pushed|landed|queued)\b[^.;]{0,20}?"
                         r"\b(?:in|into|to) (?P<project>QEMU|Linux|libvirt|OVMF|SeaBIOS|EDK2"
                         r"|U-Boot)(?:[\x27’]s)? (?:master|tree|mainline|upstream"
                         r"|repo(?:sitory)?)\b"
                         # "a bug in qemu's nvme emulation, fixed in qemu 10.1": its release
                         r"|\bfixed (?:upstream )?in (?P<release>QEMU|libvirt|OVMF|SeaBIOS|EDK2"
                         r"|U-Boot|GCC|binutils|LLVM|clang|Linux)[ -]?v?\d", re.I)


def _elsewhere(sentence: str, span: tuple[int, int], entry: Entry | None, entries) -> bool:
    """Whether the merge the words tell of is into another project's tree than the post's
    and the item's (a Xen item's QEMU half in QEMU master; on QEMU's own list, or for an
    item about QEMU, the same words are done)."""
    found = next((m for m in _OTHER_TREE.finditer(sentence)  # (a run-on's hits are its
                  if len(sentence) > LONGEST or m.start() < span[1] and span[0] < m.end()), None)
    # pieces': there, any such merge in it)
    if found is None:
        return False
    project = (found["project"] or found["release"]).lower()
    names = ("linux", "mainline", "kernel") if project == "linux" else (project,)
    prose = getattr(entries, "prose", "")  # (a regressions report says "mainline", not Linux)
    return not any(name in prose for name in names) and (
        entry is None or project not in entry.item.text.lower())


def _news(entry: Entry, value: str, hit, sentence: str = "") -> bool:
    """Whether a status statement tells the RM anything.

    A reopen only means something on an item marked done; saying again that
    a done item is done is not news, but "I'm working on it" or "v3 sent"
    on an item already in that state is fresh activity worth recording.
    """
    current = entry.item.status.value
    if value == "open" and hit.rule.name == "gives-up":  # nobody works on it any more
        return current != Status.OPEN.value
    if value == "open":  # "still broken", "NAK": news only against a claim of progress
        return current not in (Status.OPEN.value, Status.IN_PROGRESS.value)
    if hit.rule.name == PLANNED:  # "I'll post v2 by Friday" under "the author
        # is working on a v2" said so already; under "not for 4.5" it is for later
        return current not in (Status.IN_PROGRESS.value, Status.NEEDS_VERSION.value,
                               Status.DEFERRED.value, Status.DONE.value, Status.DROPPED.value)
    if current == value == Status.PATCH_POSTED.value and _newer_round(sentence, entry):
        return True  # "Is v15 out yet?" of a v14 listed as posted: a round past the list's
    if current == value:  # ("I will keep it as work in progress" names the state it has)
        return value in _ACTIVITY and "question" not in hit.reasons and not _KEPT_AS.match(
            sentence, hit.span[0])
    return True


_KEPT_AS = re.compile(r"(?:keep|kept|leave|left) ", re.I)


def _area(entry: Entry) -> str:
    return entry.section.split(",", 1)[0].strip()


def _change(kind, value, entry: Entry, confidence, message, quoted, words, reasons, when=None):
    return Change(
        kind,
        value,
        entry.path,
        entry.item.text,
        confidence,
        evidence(message, quoted, words),
        when=when,
        reasons=tuple(reasons),
    )


def _dedupe(changes: list[Change]) -> list[Change]:
    """One change per (kind, value, item): the surest wording, and the day any
    of its sentences gave ("it went in yesterday ... so you can close it")."""
    best: dict[tuple, Change] = {}
    for change in changes:
        key = (change.kind, change.value, change.item)
        kept = best.get(key)
        if kept is None:
            best[key] = change
            continue
        surer = change if change.confidence > kept.confidence else kept
        best[key] = replace(surer, when=kept.when or change.when)
    duplicated = {c.item for c in best.values() if c.kind is ChangeKind.DUPLICATE}
    # "a dup of Jan's item, drop this one": the duplicate is what drops it
    return [c for c in best.values() if not (
        c.kind is ChangeKind.STATUS and c.value == Status.DROPPED.value and c.item in duplicated)]
