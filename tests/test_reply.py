"""Reply analysis against real reply mails, each with its hand-written expectations."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC
from pathlib import Path

import pytest

from bot.mail import parse_message
from bot.post import parse_post
from bot.reply import Score, analyze_reply, score_fixture

ROOT = Path(__file__).resolve().parent.parent
POSTS = ROOT / "fixtures" / "posts"
FOLDERS = sorted(p for p in (ROOT / "fixtures" / "mails").glob("replies-*") if p.is_dir())
EXPECTS = [e for folder in FOLDERS for e in sorted(folder.glob("*.expect.toml"))]
SEED = parse_post((POSTS / "seed-2012.txt").read_text(encoding="utf-8"), year=2012)


def _score(expect: Path, score: Score) -> None:
    score_fixture(expect, POSTS, score)


# Mails of the third held-out set the analysis still misreads, and why. Strict:
# when one starts to pass, it must leave this list. The overall figures below
# (and bench/accuracy.py) count them as they are.
KNOWN_MISREADINGS = {  # replies-heldout3, by number
    "01": "one sentence answers two quoted items ('A and B ... respectively')",
    "18": "a joke ('I'll take it') and '90% there' on an item in progress read as news",
    "27": "'I'll look at Jan's comments' in a summary list is read as in progress",
    "30": "a pasted `git branch --contains` showing staging is not read as done",
}


# The fourth held-out set was written blind (without the bot, its vocabulary or the
# other fixtures); untuned it read P 0.69 R 0.52. What it still misreads, and why
# (the two blind sets are scored apart from the targets below):
KNOWN_MISREADINGS_4 = {
    "05": "the RM agreeing on a condition two levels down is read as a ping, not a proposal",
    "08": "'it is sitting with Stefano' for a review is read as waiting on him, not for review",
    "13": "the day a waiting state began ('since Friday') is not read",
    "26": "the day a waiting state began ('today') is not read",
    "30": "'I'm taking this over from my colleague' is not read as the new owner",
    "33": "one sentence for two quoted items; a merge told in a relative clause",
    "41": "'X is missing from the list' with its URL: the item is missed, the URL lands elsewhere",
    "47": "'the same bug as' an item of another section is not read as a duplicate",
    "49": "the day the RM pushed, after an owner's ack two levels down, is not read",
    "53": "a stanza's P: update is not kept as a note",
    "54": "'also backported to 4.15' is not kept as a note",
}
# The fifth, written blind after the fourth was tuned on: untuned P 0.82 R 0.71.
KNOWN_MISREADINGS_5 = {
    "05": "a new item written in the post's own numbered format is missed",
    "16": "the RM's 'Moved to completed.' is read as done; the move itself is not kept",
    "30": "one mail moving one item and deferring another is read only in part",
    "37": "a hedged owner ('George is looking at this, I think') is also read as in progress",
    "38": "a done that waits on a test run is not proposed",
}
# The sixth, written blind in this round: untuned P 0.75 R 0.61 (the same at the round's start).
KNOWN_MISREADINGS_6 = {
    "04": "'can go to Completed' is read as done alone (as the real-mail labeller records it)",
    "06": "a question ('Didn't the first two go in already?') is kept as a proposal",
    "39": "'A v4 should come next week' is read as a new version needed",
    "43": "'please move it to Completed' is read as done alone (as in 04)",
    "07": "the RM's decline shows the quoted claim unapplied (this set records nothing)",
}
# The seventh, written blind after the sixth was tuned on: untuned P 0.75 R 0.70, the same
# as at the round's start (the sixth's tuning did not carry over to it).
KNOWN_MISREADINGS_7 = {
    "17": "the RM's 'if someone wants the test later we can track it' is proposed as a deferral",
    "01": "a commit hash given with 'pushed it' is kept as a link the labeller did not list",
    "07": "a question about plans is kept as a proposal",
    "27": "a commit hash given with 'all applied' is kept as a link the labeller did not list",
    "33": "'I guess it belongs under Completed' stays a proposal",
    "39": "waiting on a named person's series ('it relies on Juergen's rework') is missed",
    "41": "'Not yet.' is kept as a proposal to reopen",
    "44": "a commit hash given with 'in yesterday' is kept as a link the labeller did not list",
    "46": "an hg changeset given with 'in' is kept as a link the labeller did not list",
    "47": "'I'd call it fixed after more cycles' is not proposed as done",
    "48": "the RM's decline shows the quoted claim unapplied (this set records nothing)",
}
# The eighth (developers' and maintainers' replies) and ninth (the RM's replies and new
# items), written blind together: untuned P 0.70 R 0.54 and P 0.74 R 0.50. The ninth scored
# 0.71 / 0.50 again after the eighth was tuned on.
KNOWN_MISREADINGS_8 = {
    "04": "'I started to look into it' under an item named in prose stays a proposal",
    "10": "a reverted patch of a Completed item: the new version needed and the move back",
    "11": "'pushed the last two patches' on an item the post calls done is no news of its own",
    "19": "a hedged 'I think Stefano pushed it' is not proposed",
    "21": "a commit hash given with 'in an hour ago' is kept as a link the labeller did not list",
    "22": "a review finished and a rework planned: read as a date, not in progress",
    "27": "a hedged 'I think v2 went out Monday' is read as a ping",
    "44": "an hg changeset given with 'in yesterday' is kept as a link the labeller did not list",
    "45": "'closed from my side' is not read as done; a bare changeset number is kept as a link",
}
KNOWN_MISREADINGS_9 = {
    "12": "the RM asking back by name is read as a ping",
    "06": "a question whether a series still aims at 4.19 is read as a deferral",
    "13": "'It's under Completed / x86 now' after a done claim: the day and the move",
    "18": "the RM's agreement resolves the claim's 'this afternoon' against its own mail's day",
    "21": "the RM declining over a claim still reads the claim's waiting state",
    "38": "the RM's conditional deferral reads the claim's posting as applied",
    "40": "the RM's questions to two owners, named in a preface, are not read as pings",
    "42": "the RM's 'I'll track v4' records the claim's day and not its link",
    "33": "the RM's decline shows the quoted claim unapplied (this set records nothing)",
    "34": "the RM's 'I'll list it as (v5)' takes the claim's link only where it names the link",
}
# The tenth, mixed senders, written blind after the eighth and ninth were tuned on: untuned
# P 0.71 R 0.55 (0.70 / 0.47 with the code at this round's start).
KNOWN_MISREADINGS_10 = {
    "09": "'please keep only me as owner' does not remove the co-owner",
    "15": "the RM seeing the series in staging over a claim of its last patch: not done",
    "33": "'#1 and #3 are already in the tree' beside the resent rest is read as done",
    "39": "'it can join the others under Completed (x86)' is read as done alone",
    "44": "'went into -unstable (c/s 25751)' of a GroupWise quote stays a proposal",
}
# The eleventh, written last, after all of this round's tuning: untuned P 0.79 R 0.58 (0.66 /
# 0.47 with the code at the round's start).
KNOWN_MISREADINGS_11 = {
    "03": "a half-working prototype the new owner still has to clean is not read as in progress",
    "15": "a hedged new owner ('most likely Christopher') is not proposed",
    "23": "the RM's 'v2 is sent and it is waiting for a review' keeps the posting, not the wait",
    "25": "'it should go to Completed, I think' stays a hedged move",
    "36": "'it belongs under Completed (x86), I move it there' is read as done alone",
    "19": "the RM's decline shows the quoted claim unapplied (this set records nothing)",
}
# The twelfth, written last of all: untuned P 0.63 R 0.52 (0.58 / 0.43 with the round's start
# code); tuned on briefly at the end of the round.
KNOWN_MISREADINGS_12 = {
    "09": "the RM agreeing to drop a co-owner reads an owner and a partial merge instead",
    "27": "'Rule 20.7:' names a sub-item only by a rule number the post shares with others",
    "37": "'Into Completed they go' for two items answered together",
    "40": "'Tomasz tells me he is handing his half to Elena' is not read as his removal",
}
# The thirteenth, written this round after the subject split and the duplicates were built:
# untuned P 0.69 R 0.55 (0.67 / 0.54 with the code at this round's start).
KNOWN_MISREADINGS_13 = {
    "01": "'rebased onto current staging' beside a posting: the model proposes a done",
    "03": "'it can move over to the Completed list' is read as done alone (as the real labeller)",
    "08": "'my preference would be to keep it out of 4.31' is not proposed as a deferral",
    "11": "'You can make that \"none\" ... I'll bring it back once the tree is open' is no "
          "deferral",
    "13": "the RM asking a committer by name and noting it 'as waiting for you': read as a ping",
    "20": "the RM's 'done once the flight passes' is not proposed",
    "22": "'I will be the one resending X, so put my name against that one' in a two-item "
          "paragraph: the owner goes to the item named first",
    "24": "a state the bot does not have ('blocked')",
    "35": "'I'd take the line off the list altogether' is not read as a drop",
    "43": "the RM's decline shows the quoted claim unapplied (this set records nothing)",
}
# The fourteenth, written after all of this round's tuning but heldout13's last pass: untuned
# P 0.77 R 0.70 (0.75 / 0.64 with the code at this round's start).
KNOWN_MISREADINGS_14 = {
    "13": "'a few more of the follow-ups went in' under a note that says so already is read as "
          "done",
    "16": "the RM asking a reviewer by name under an item is read as a ping",
    "23": "'it can go over to Completed' is read as done alone (as the real labeller)",
    "34": "'v4 went out last week' beside the wait for an Arm review keeps the posting",
    "40": "'This is already done. It went in as patches 5 and 6 of X': a duplicate, also read "
          "as done",
    "20": "the RM's decline shows the quoted claim unapplied (this set records nothing)",
}
# The fifteenth, written last of all (its writer saw no commit history): untuned P 0.80
# R 0.60 (0.77 / 0.57 with the code at this round's start).
KNOWN_MISREADINGS_15 = {
    "11": "'The other five are at v2 now' beside a partial merge keeps the posting",
    "12": "the RM's 'I'll add it once it is posted' two levels down",
    "14": "'I would suggest not aiming this at 4.19' under a review: the proposal is missed",
    "16": "a hedged 'I believe ... in staging' is proposed as done, the label wants none",
    "18": "the RM folding a sub-item into its parent series: the duplicate is missed",
    "28": "'I would rather it waited' is not proposed; a fix 'in' for a non-regression is",
    "35": "the RM thanking for a link two levels down and asking Tim by name",
    "38": "'move it to Completed' after the last patch went in is read as done alone (as the real "
          "labeller)",
    "09": "the RM's word that names no version no longer takes the quoted link again",
}
# The sixteenth, written after all of this round's tuning (its writer saw no commit history):
# untuned P 0.71 R 0.62 (0.73 / 0.60 with the code at this round's start); a brief pass.
KNOWN_MISREADINGS_16 = {
    "08": "an unknown sender's 'our IOMMU driver' and its title in the 2020 format",
    "11": "the RM's own list corrections: a v2 'since Friday' on another item",
    "19": "'v2 went out ... It's sitting there waiting for review' keeps the posting",
    "21": "'I can't make progress with the review until Jiqian answers' is no wait on him",
    "22": "the RM: an item 'is one of the patches of \"Y\" series, so it is tracked twice'",
    "26": "the RM's conditional move two levels down",
    "32": "'the same change as patch #2 of the series above' names the duplicate by place",
    "39": "'committed last Thursday, move it to Completed' is read as done alone",
    "40": "the RM correcting a claim two levels down ('it stays in Completed') reads a partial "
          "merge",
    "09": "the RM's decline shows the quoted claim unapplied (this set records nothing)",
}
# The seventeenth (developers) and eighteenth (mostly the RM), written blind this round before
# any of its tuning: untuned P 0.76 R 0.64 and P 0.68 R 0.50 (0.75 / 0.62 and 0.68 / 0.50 with
# the round's start code).
KNOWN_MISREADINGS_17 = {
    "03": "'please move it to Completed' with the commit is read as done alone (as the real "
          "labeller)",
    "17": "'a Completed entry is one patch of another series' names the duplicate in prose",
    "25": "'a v4 is needed' said as 'I'm reworking 4 and will post a v4', a plan as the real "
          "labeller reads it",
    "27": "done alone (as the real labeller), and an Outlook top-post's 'yesterday' is off by a "
          "day",
    "28": "the last patch of a Completed item reverted: read as reopened, not partly merged",
    "31": "a hedged hearsay that half of another series went in is proposed as done",
    "33": "'the rest waits for George's review' is said in a relative clause: no wait read",
    "35": "the RM accepting 'I've got a half-finished version' also reads it in progress",
    "36": "'#2 committed today and #4 no longer needed' is read as partly merged, not finished",
    "37": "'reviewed half and asked for changes' also reads in progress",
}
KNOWN_MISREADINGS_18 = {
    "02": "the RM's move to Completed is read as done alone (as the real labeller)",
    "04": "the RM asking an owner by name is read as a ping (as the real labeller reads such asks)",
    "13": "the RM's own record of a wait on Anthony, and a question to maintainers as a ping",
    "17": "the RM's questions to named maintainers are read as pings (as the real labeller)",
    "22": "the RM's move to Completed two levels down: done alone",
    "23": "the RM asking committers by name to push is read as a ping",
    "26": "the RM's conditional 'if the x86 maintainers think v1 can still make it' is not "
          "proposed",
    "28": "'Tomasz did the bulk of the Arm half' is read as partly merged",
    "30": "the RM doubting a claim two levels down still proposes its posting",
    "39": "the RM's decline shows the quoted claim unapplied (this set records nothing)",
}
# The nineteenth (mixed) and twentieth (long maintainers' replies), written while the
# seventeenth and eighteenth were tuned on: on arrival P 0.63 R 0.52 and P 0.78 R 0.61 (0.69 /
# 0.50 and 0.78 / 0.61 with the round's start code): that tuning carried nothing over.
KNOWN_MISREADINGS_19 = {
    "11": "the RM finding a quoted claim wrong (another commit) still reads a needed version",
    "03": "'please move it to Completed' is read as done alone (as the real labeller)",
    "04": "a Completed item reverted and being debugged: read as reopened, not in progress",
    "08": "waiting on Jan, who alone can ack the last patch, is missed",
    "14": "the RM folding 'item 2 into item 1' reads the claim's merge, not the duplicate",
    "16": "'acked on Wednesday and committed on Friday' stays a proposal",
    "23": "'please add him next to me' is read as a new item; the rework is missed",
    "24": "the RM's own correction: only half in staging, back out of Completed",
    "29": "'P: none ... carry it to the next release' is missed",
    "31": "the RM taking Tomasz off the item as asked two levels down",
    "32": "an unknown sender's offer to take an item over is not proposed",
}
KNOWN_MISREADINGS_20 = {
    "02": "'the work has begun, nothing posted yet' is not read as in progress",
    "05": "a conditional plan to look at it is proposed as in progress",
    "09": "'fully acked, only waits for Stefano's push' over an Outlook original reads done",
    "12": "the RM recording the new owner a quoted reply names",
    "17": "three items in one mail: the APX deferral and the memcpy ping are missed",
    "18": "the move to Completed is read as done alone (as the real labeller), without its day",
    "19": "'1-6 committed, the rest needs a v10': the needed version beside the partial merge is "
          "dropped (most labellers want it so)",
    "23": "a 'deferred' of the technical paragraph before the commit is read as a deferral",
    "24": "a Completed item reverted and reworked: read as reopened, not in progress",
    "27": "the RM putting 'you both down, and the link as well' two levels down",
    "29": "'v4 sent on Thursday' inside a design paragraph, its URL indented below, is missed",
    "31": "the RM correcting a developer who answered under the wrong item: done lands on the "
          "quoted one",
    "33": "an owner stepping back over a stanza quoted with '>' and no space is missed",
    "36": "'needs Juergen's look' is no wait on him",
    "37": "'maybe #4 could be left for 4.33? Your call.' is not proposed",
    "39": "a committer correcting 'Committed' to 'acked, not pushed' is read as reopened",
    "38": "the RM's decline shows the quoted claim unapplied (this set records nothing)",
}
# The twenty-first (any sender) and twenty-second (busy maintainers), written after the
# tuning on 17 to 20: on arrival P 0.77 R 0.68 and P 0.72 R 0.48 (0.75 / 0.63 and 0.69 / 0.47
# with the round's start code).
KNOWN_MISREADINGS_21 = {
    "01": "'Jan picked up the first eleven on Tuesday' is dated by 'v5 went to the list on the "
          "6th'",
    "02": "an owner handing over to a colleague; her hedged 'realistically 4.32 material' is "
          "applied",
    "05": "'no design and nobody on it, remove it from the list' is proposed as a deferral",
    "06": "the RM carrying a reverted item as waiting for a new version reads a wait",
    "11": "'all four committed' of the compat headers item is missed",
    "17": "'neither AVX10.1 nor APX will make 4.19' defers neither",
    "21": "two sub-items quoted under their group heading: the changes land on the heading",
    "24": "'5 and 6 are in too, 7-9 need rework' is read as done",
    "26": "the RM declining a move, noting only 1-2 committed: the day is not read",
    "30": "'only waits for Anthony's ack on the libxl patch' is missed",
    "31": "'Tomasz has left the company' is not read as his removal",
    "32": "the RM agreeing with a report of a push takes no link of its bare hash",
    "33": "a maintainer's hearsay and guess about a deferral is not proposed",
    "37": "'patch 6 loops forever, a v2 is needed before he acks the rest' is missed",
    "40": "thanks for 'the merged part' of an item is read as done",
    "39": "the RM's decline shows the quoted claim unapplied (this set records nothing)",
}
KNOWN_MISREADINGS_22 = {
    "01": "a hand-over named as 'swap the names please' is missed",
    "03": "a second RFC 'sent on Thursday' buried in a long paragraph is missed",
    "05": "the RM declining to drop on hearsay still proposes the drop",
    "06": "'1/2 pushed as <hash>, 2/2 NACKed' and '1-3 of 5 in, back to x86' in one terse mail",
    "12": "'the respin ... went to the list yesterday' buried in a paragraph reads a deferral",
    "15": "'a patch in my queue' is not read as in progress",
    "16": "'APX: off the list, nobody works on it' is missed",
    "23": "'to Completed' after the last patch: done alone (as the real labeller)",
    "24": "a Completed item only partly merged and moved back: the move is missed",
    "26": "the RM agreeing to an offer to take over, quoted one level down",
    "31": "the owner's new 'P: none, next release' is read as a drop",
    "33": "the remaining co-owner says the other handed it over: her name off is missed",
    "35": "'item 3 is the same work as item 1' is not read as a duplicate",
    "36": "the maintainer's reported pings and 'I think' deferral are missed",
    "37": "the RM accepting 'only acked, waiting on Stefano' as a correction",
}
# The twenty-third (developers on the 2020, 2022, 2023 and 2021 posts) and twenty-fourth
# (mostly the RM over a claim one or two levels down), written at the start of the seventh
# round: on arrival P 0.80 R 0.65 and P 0.73 R 0.62.
KNOWN_MISREADINGS_23 = {
    "03": "'you can shift it to Completed' with the commit is read as done alone (as the real "
          "labeller)",
    "05": "'this really is complete now' under an item the post already lists as done is "
          "nothing new; 'This is me.' is not read as taking the item",
    "07": "a question about who owns the walker and a vague 'maybe in Q2' is proposed as in "
          "progress",
    "10": "an unknown sender's new item in the post's format: its 'v1 posted' is also proposed "
          "for the quoted item",
    "13": "the RM's own 'that's <hash>' for the half that went in is kept as a link",
    "18": "a new item in the post's numbered format: its 'Status: Committed' style line reads "
          "done on the quoted item",
    "25": "dropping the item leaves out the owner stepping back (as the real labeller)",
    "30": "the sender hands his part to Elena on an item that lists no owner: no removal read",
}
KNOWN_MISREADINGS_24 = {
    "11": "the RM declining a blocker: the claim's 'needs another version' is still proposed",
    "01": "the RM's 'Off to Completed it goes' is read as done alone (as the real labeller)",
    "04": "the RM correcting which item a claim was about ('you meant the walker')",
    "08": "'this morning' of an Outlook-quoted claim counts from the RM's answer, not the claim",
    "21": "'I will put your name on it when v4 is on the ML' (the addressee, on a condition)",
    "23": "the RM declining to change an owner on hearsay: the hearsay owner is not proposed",
    "24": "'5 and 6 went in' of a 9-patch series whose 1-4 are in is read as done",
    "25": "the RM's 'Moved to Completed' is read as done alone (as the real labeller)",
    "26": "a Completed item's revert is read as partly merged, not in progress, and not moved",
    "33": "the owner asking what the item waits for is proposed as a wait",
    "34": "'review is complete' beside the wait on the committer is proposed as done",
    "02": "the RM's decline shows the quoted claim unapplied (this set records nothing)",
}
# The twenty-fifth (any sender) and twenty-sixth (terse senior maintainers), written while
# 23 and 24 were tuned on: P 0.85 R 0.63 and P 0.70 R 0.64 with the round's start code,
# 0.85 / 0.63 and 0.73 / 0.64 on arrival.
KNOWN_MISREADINGS_25 = {
    "02": "'I would prefer to aim this at the release after 4.31' stays a proposal (a hedge)",
    "06": "the RM's move to Completed two levels down: done alone, not the claim's hash",
    "09": "a sentence about the next item's RFC is also read as work in progress on the "
          "quoted one",
    "14": "'Stefano told me he'll commit them once the push gate is green' (a plan on a "
          "condition) is no wait",
    "30": "'this was patch 5 of the generic headers series, which you have listed separately' "
          "is not read as a duplicate",
    "33": "'X will co-maintain this work with me from now on, please add him' is missed",
    "35": "'Simone is on leave; I rebased it and posted a v4' is not read as taking it over",
    "39": "'committed on the 4th, please move it to Completed' is done alone (as the real "
          "labeller)",
}
KNOWN_MISREADINGS_26 = {
    "28": "the RM asking an owner by name is read as a ping (as the real labeller reads such asks)",
    "12": "the RM declining a move to Completed: the developer's partial claim is still read",
    "15": "'the only thing missing is an ack from Julien. I pinged him' reads the ping, not "
          "the wait",
    "21": "'yesterday' of the posting gets its day, which the labeller left out",
    "26": "a reviewer's conditional suggestion to revert instead is not proposed",
    "32": "'I will do it in this week' from the author reads him as the owner",
    "33": "'v8 won't be 4.19 material unless the freeze gets extended' is proposed as a "
          "deferral",
    "34": "the RM asking an owner by name is read as a ping (as the real labeller reads such "
          "asks)",
    "39": "the Outlook top-post's move to Completed is done alone, and its 'this morning' is "
          "the mail's day",
}
# The twenty-seventh (a mix of people before a freeze) and twenty-eighth (made hard: two
# sentences together, corrections, nicknames, changes of mind), written after the tuning on
# 23-26: P 0.58 R 0.46 and P 0.64 R 0.47 with the round's start code, 0.60 / 0.50 and
# 0.67 / 0.47 on arrival.
KNOWN_MISREADINGS_27 = {
    "09": "an unknown sender's hedged 'move it to Completed' is done alone (as the real "
          "labeller)",
    "15": "'if the next push goes through I'd say this can be closed' after 'has been pushed' "
          "reads the push as done",
    "17": "the RM keeping a blocker open until the push: the claim's push is still read",
    "18": "'I'll look into it in the coming days' reads work in progress",
    "31": "'needs a v8' said beside 'not 4.19 material' is proposed, not applied",
    "32": "the RM's move to Completed two levels down gets the claim's day",
    "34": "'APX is folded into the AVX10 series' is not read as a duplicate",
    "39": "the RM asking a named reviewer a question is read as a ping (as the real labeller "
          "reads such asks)",
}
KNOWN_MISREADINGS_28 = {
    "05": "'I think Michal is on the walker' (unconfirmed) is not proposed as its owner",
    "06": "the RM confirming that owner off-list two levels down",
    "07": "'the next morning' after a weekday gets no day",
    "15": "'the third one doesn't work ... one more round' also proposes a posting",
    "18": "'I'll try this week' after being pinged reads as a ping",
    "26": "the RM folding an item into item 1 ('track it under item 1') is no duplicate",
    "31": "the author's 'I rebased and will resend' reads him as the owner",
    "39": "'folded into the early CPU series, track that instead' is not read as a drop",
}
# The twenty-ninth (any sender, written plainly) and thirtieth (what release threads are full
# of), written at the end of the round after the tuning on 23-28: P 0.68 R 0.68 and P 0.78
# R 0.60 with the round's start code, 0.69 / 0.73 and 0.81 / 0.62 on arrival.
KNOWN_MISREADINGS_29 = {
    "04": "'since the static memory work is finished I have the time' sends the walker's "
          "progress to the static memory item",
    "24": "'I'd say it's acceptable to leave it for the next release; please move it there' "
          "stays a proposal",
    "26": "the RM declining a duplicate: the claim's done is still read",
    "28": "'only the first patch went in, the other waits on Stefano' reads the wait, not the "
          "partial merge",
    "29": "'I think this can be considered 4.20 material' stays a proposal (a hedge)",
    "31": "'another round is needed; I'm working on v15' reads work in progress and a hedged "
          "slip beside the new version wanted",
    "38": "the link of v3 under a Completed item's answer is kept (the labeller left it out)",
    "39": "a question about which item is meant reads done",
    "06": "the RM's decline shows the quoted claim unapplied (this set records nothing)",
}
KNOWN_MISREADINGS_30 = {
    "10": "'with core scheduling eating my time, Priya carries the MTRR series' names the "
          "core scheduling item",
    "14": "'Julien wants a v6, I'll do it' reads the sender as the owner",
    "18": "'Can we move this up into the blocker list' is applied, not proposed",
    "30": "'APX: not for 4.19 either' after another item's news is missed",
    "33": "the RM's move to Completed two levels down is done alone (as the real labeller)",
    "35": "the R20.7 link sits after its part and goes to the D4.10 part; 'just now' gets the "
          "mail's day",
    "38": "'v3 is halfway done' is not read as work in progress",
    "40": "the RM's move to Completed two levels down is done alone (as the real labeller)",
    "27": "the RM's decline shows the quoted claim unapplied (this set records nothing)",
}
# The thirty-first (the list's regulars) and thirty-second (the RM's side), written after all
# of the round's tuning and the second read: P 0.71 R 0.58 and P 0.85 R 0.70 with the round's
# start code, 0.70 / 0.54 and 0.85 / 0.66 on arrival (recall lost to two mends of the second
# read, given back with this commit).
KNOWN_MISREADINGS_31 = {
    "03": "'it can go to the completed section' is done alone (as the real labeller)",
    "07": "'reverted, a v7 is coming' reads the reopening, not the new version wanted",
    "13": "'it's been in staging since Friday' after a 'whether' is only proposed",
    "27": "the RM agreeing with a suggestion to do it after the release two levels down",
    "28": "'I think v7 is already out' without a link is not proposed",
    "32": "the RM agreeing that the rest goes to 4.20 two levels down",
    "33": "an unknown sender asking for an ETA is proposed as a drop",
    "35": "'the APX line is the AVX10 series' reads a posting, not the duplicate",
    "37": "'v3 is mostly there, Friday maybe' stays a proposal",
    "38": "'5-9 went in on Tuesday, please move it to Completed' is done alone",
    "40": "review remarks on a Completed item propose a posting",
}
KNOWN_MISREADINGS_32 = {
    "02": "the RM agreeing to a hand-over two levels down: the owners are missed",
    "04": "the RM asking who owns an item is read as a ping (as the real labeller reads such "
          "asks)",
    "06": "the RM declining an added item: 'happy to carry it for the next one' is proposed "
          "for the quoted one",
    "08": "the RM confirming a hash and a move two levels down: the claim is not taken up",
    "14": "'closed, it is in production' gets the mail's day, the labeller two days before",
    "20": "the RM asking for a reviewer by name is read as a ping",
    "26": "the RM's ping of a named owner in prose is missed",
    "27": "'needs rework, not this release' two levels down is not read",
    "29": "'AVX10 next release, APX removed' in one RM sentence: the drop goes to the deferral",
    "35": "a question whether an item is still for 4.19 proposes a deferral",
    "36": "the RM moving a wrongly completed item back to x86 is missed",
    "38": "the RM agreeing that one item is folded into another: no duplicate",
}
KNOWN_MISREADINGS_33 = {
    "06": "the RM's 'marking it as done and moving it to Completed' is done alone (as the real "
          "labeller)",
    "17": "'committed the rest ... this morning' on an item the post marks done already is no "
          "news",
    "24": "the RM declining a drop: 'Priya is still working on it' is proposed",
    "35": "the day of 'pulled into qemu-\nupstream-unstable yesterday' is not the done's",
    "38": "'the design document David posted' reads a posting of the item",
    "40": "'it's in 4.2-testing' on an item the post marks done already is no news",
    "33": "'As far as I can tell it's only waiting for George' hedges the wait, as the real "
          "labeller reads 'afaics' (this set's writer read it firm)",
}
KNOWN_MISREADINGS_34 = {
    "01": "a commit id in parentheses beside the push is kept as the item's link",
    "09": "'Agreed, let's move this to 4.18' under a status saying 'Not for 4.17' is no news",
    "10": "the CI pipeline link beside the news is kept as the item's link",
    "13": "'#4 is in too' beside the v7 of #2 proposes a done",
    "18": "a review remark asking why the item is critical proposes reopening it",
    "20": "the RM's conditional drop two levels down proposes the claim's posting too",
    "25": "'patch 5 of 6 committed' reads done, beside the rest deferred",
    "27": "'I'd be surprised if it makes 4.19' from a maintainer applies the deferral",
    "35": "the move to Completed beside 'the whole series is in' is done alone (as the real "
          "labeller)",
    "06": "the RM's decline shows the quoted claim unapplied (this set records nothing)",
}
KNOWN_MISREADINGS_35 = {
    "02": "'whether to take the lock or to defer the whole thing ... in the end' still defers",
    "09": "'v4 of Rule 20.7' names the 20.7 item by its shorthand only; the posting goes to the "
          "item above, with the plan 'it will need a v4 anyway'",
    "17": "the move to Completed beside 'the rest is in' is done alone (as the real labeller)",
    "22": "'reverted ... please put it back under x86 as needing a v3': the reopening is "
          "proposed, the new version wanted is missed",
    "23": "a reviewer suggesting another's series for 4.18 is not proposed",
    "28": "the RM's conditional new blocker two levels down is missed",
    "30": "a maintainer's 'I'll look at these this week' reads the item in progress",
    "34": "'Please also track' over a subject line and 'under Automation.' is missed",
    "35": "a Mercurial changeset id beside a done is kept as the item's link",
    "37": "two seed items answered in one paragraph: the deferral and the duplicate miss",
    "40": "an unknown tester's 'fixed by 25733' proposes the changeset as a link",
    "19": "the RM's decline shows the quoted claim unapplied (this set records nothing)",
}
KNOWN_MISREADINGS_36 = {
    "04": "a top-post naming the item only by its initials ('the MTC rework') names none",
    "02": "the move to Completed beside the push is done alone (as the real labeller); the "
          "commit id is kept as the link",
    "14": "three new items offered in prose, with no list and no subject lines, are missed",
    "15": "the RM top-posting over a developer's reply: 'back to in progress' is missed",
    "16": "the move to Completed beside 'all in' is done alone (as the real labeller)",
    "21": "the RM confirming a posting two levels down: the claim's link is not taken up",
    "22": "'deferred to 4.32' in an Outlook top-post reads a drop",
    "26": "the owner stepping back for a named successor: the labeller keeps his name",
    "29": "the RM's conditional new item two levels down is missed",
    "30": "a reviewer's 'I would defer it' is not proposed",
}
KNOWN_MISREADINGS_37 = {
    "10": "'v2 is at <URL> and it's now waiting for Jan' reads the posting, not the wait",
    "20": "'committed the last two patches yesterday' on an item the post marks done already "
          "is no news",
    "22": "'waits on Andrew' beside a quoted claim of a commit proposes the done",
    "35": "a Mercurial changeset id beside a done is kept as the item's link",
    "39": "an unknown sender's posted patch for an item is proposed as a new item",
    "14": "the RM's decline shows the quoted claim unapplied (this set records nothing)",
}
KNOWN_MISREADINGS_38 = {
    "04": "'I've pinged the Arm maintainers' beside a partial merge is kept as a ping",
    "19": "a reviewer's 'looking at it right now' reads the item in progress",
    "23": "the RM's 'I'll move it once it's committed' two levels down proposes done and move",
    "32": "a commit id beside the push is kept as the item's link",
    "37": "'reverted, back to x86' reads a reopening; its commit id is kept as the link",
    "38": "the move to Completed beside 'the rest is in' is done alone (as the real labeller)",
}
KNOWN_MISREADINGS_39 = {
    "02": "the move to Completed beside the push is done alone (as the real labeller); the "
          "commit id is kept as the link",
    "04": "a top-posted 'I'll take the walker, started on it' goes to the item above",
    "05": "review remarks that mention a v4 propose a posting",
    "07": "'reverted, needs a v8' after 'patches went in' reads a partial merge",
    "08": "'the rest waits for George's ack' in a relative clause is missed",
    "13": "an Outlook inline co-owner's 'add me' and 'the last patch is open' are missed",
    "15": "a new item asked for under the quoted item also posts the quoted item",
    "29": "taking an item 'for 4.4' misses both the owner and the deferral",
    "30": "the owner stepping back from a 2013 item: his name off is missed",
    "32": "a hedged 'probably fixed by <changeset>' proposes the changeset as a link",
    "33": "an owner written 'wei@citrix' handing over to David is only proposed",
    "34": "'pushed it to 4.2-testing today' on an item the post marks done already is no news",
}
KNOWN_MISREADINGS_40 = {
    "01": "'committed, you can drop it from the list' adds a drop beside the done",
    "03": "'pushed on Friday' on an item the post marks done already is no news",
    "06": "'committed patch 2' on an item whose v4 is quoted reads a posting",
    "11": "a plan to post reads the item in progress",
    "14": "a question about an item's criticality proposes work on it",
    "16": "the RM's conditional new item is missed",
    "17": "a new item under 'Anything else' beside a partial merge is missed",
    "21": "'not 4.19 material, drop it from the list for now' reads a drop, not a deferral",
    "23": "'a v10 is needed' reads work in progress and an owner",
    "27": "a patchew link for the item is not taken",
    "28": "a commit id beside the push is kept as the item's link",
    "33": "'waits on Andrew to push the rest' reads done",
    "36": "the RM's move to Completed is done alone (as the real labeller)",
    "39": "'reverted' of a Completed item proposes a reopening and the revert's id",
}
KNOWN_MISREADINGS_41 = {
    "10": "the address of the patches sent, alone on a line after a blank one, is not taken",
    "15": "'I'll do it this week' of the new version also reads the author as its owner",
    "34": "the RM's conditional yes two levels down is missed; 'could you confirm?' is a ping",
    "38": "a list footer whose rule the mailer joined to its first line gives a link",
}
KNOWN_MISREADINGS_42 = {
    "05": "'please remove me, Kenji continues it' also takes the sender off (the set: only Kenji)",
    "20": "'I will look at the osstest patches tomorrow' under work in progress reads news",
    "27": "the sentence model guesses done from the RM's 'which went in on Monday' of another fix",
    "28": "'I will resend the v10 after I fix the comments' reads work under way, not v10 wanted",
    "35": "an unknown sender's conditional offer to take an item over is not proposed",
}
KNOWN_MISREADINGS_43 = {
    "05": "two items pushed in one sentence, neither quoted: only one of them is read",
    "14": "a sub-thread's 'so a v3 it is' after another developer's review is missed",
    "16": "a hedged deferral in a paragraph about two items lands on neither",
    "17": "a correction naming the other series by its words is missed",
    "19": "a question about an item proposes work on it",
    "27": "'not reverted' of a Completed item proposes a reopening",
    "28": "'waiting for review ... addressed in v2' under 'patch posted' reads the posting again",
}
# twentieth round: critical-2023, prose-2021, devupdate-2020 and status-2022 replies
KNOWN_MISREADINGS_44 = {
    "16": "'a v8 is needed. I am working on it' keeps the work beside the round it needs",
    "20": "the RM declining a new item still proposes it (and its deferral)",
    "35": "a question whether a patch went in proposes it done",
    "36": "an owner dropping the series also proposes it open again",
}
KNOWN_MISREADINGS_45 = {
    "02": "'this one can go to Completed' beside 'committed' gives the done, not the move",
    "09": "an owner asking another to take over: the step back is applied, the asked one "
          "not proposed",
    "24": "a quoted drop request answered by the RM's take-over is not kept as a proposal",
    "29": "'patches 1-6 committed, the rest needs another round' reads partly merged, not a "
          "new version needed; the doubt about the release is not proposed",
    "33": "the owner contradicting a take-over quoted below: her own work is only proposed",
    "34": "'5-7 went in, 8 and 9 need a v7' reads partly merged, not a new version needed",
    "40": "'posted last week' about the sender's own untracked series lands on the item",
}
KNOWN_MISREADINGS_46 = {
    "06": "'patches 1-4 committed, for 5-9 we are still waiting on George': the wait beside "
          "the partial merge is read as its detail",
    "09": "a question whether a fix was posted is proposed as a posting",
    "16": "'Acked, will commit them tomorrow' is a plan, not even a proposal of done",
    "18": "two questions ('was the quirk reverted?') are proposed as a reopen and a drop",
    "23": "'pushed patches 1-3, patch 4 needs rework': the rework beside the partial merge "
          "is read as its detail",
    "24": "'should be in by Friday, I think' is a deadline ahead, not a hedged done; "
          "'I'm working on it now' also makes the sender the owner",
    "26": "the RM contradicting a quoted 'can be closed' keeps nothing of the claim",
    "30": "a revert in another project's tree is proposed as a reopen",
    "31": "'Jan committed 5 and 7' under a partly merged item reads as news of the part",
    "34": "a v4 needed, under an item whose post says a new version is needed, is no news "
          "read mail by mail (the thread's v3 is news only in the store: ingest reads it)",
    "35": "'you can move it to the completed ones' gives the done; the move is the house "
          "rule's",
    "36": "the committer's contradiction of a quoted done keeps nothing of the claim",
}
KNOWN_MISREADINGS_47 = {  # as it arrived, before any tuning on it
    "04": "'only 1-4 are in' proposes the item open again beside the partial merge",
    "09": "'all in yesterday, please move it to Completed' gives the done, not the move",
    "10": "the RM's 'not complete until 6 and 7 are back' keeps nothing of the quoted claim",
    "16": "'maybe Roger takes it over' is not proposed as an owner",
    "21": "the RM declining an item for 4.19 also applies the link quoted with it",
    "24": "'acked the ERMS ones' proposes done",
    "27": "an unquoted 'three of the seven Rule 20.7 patches are in' reads done and an owner",
    "30": "a numbered brain-dump's new items are not read",
    "33": "'fixed by <commit>' under a bug row gives the link, not the done",
    "34": "'I'll take a look at <2>' gives work under way, not the owner",
    "35": "'not ours, it belongs to the block layer' is no move",
    "36": "'dup of <2>' is no duplicate",
    "40": "the bot keeper contradicting 'can be closed' applies the done",
}
KNOWN_MISREADINGS_48 = {  # left after this round's tuning on it (untuned: 23 of 40 failed)
    "02": "'I would like Oskar to have a look' beside the posting of v4 is its detail, and "
          "'if nobody screams by Friday I will commit them' is a plan, not a proposal",
    "05": "the RM keeping an item open over a quoted claim of done, waiting on Julien",
    "07": "the sentence model proposes done for 'the jobs from that series were committed'",
    "16": "'the fix for the first went in ... the second is not fully fixed yet' reads done, "
          "not a part (a question 'not fully resolved' is no merge); the c/s number is a link",
    "17": "the RM's question to Jan is read as a ping beside the move to the blockers",
    "18": "the c/s number is recorded as a link (the writer lists no link)",
    "19": "the c/s number is recorded as a link (the writer lists no link)",
    "21": "the c/s number is recorded as a link (the writer lists no link)",
    "27": "'take me off it if Ben's bisect points elsewhere' (a conditional owner removal) is "
          "read as a move",
    "30": "'the hypervisor half needs a v3' beside 'the xenstore half was committed' is the "
          "partial merge's detail",
    "36": "the RM keeping the item where it is over a quoted stanza keeps nothing of its note",
    "39": "'isn't 1-4 in already?' proposes done, not the partial merge",
    "40": "the commit id of the merged patch is recorded as a link",
}
KNOWN_MISREADINGS_49 = {  # left after this round's tuning on it (untuned: 23 of 40 failed)
    "03": "'can go under Completed' where the post has no Completed section moves nothing",
    "04": "the RM keeping an item partly merged over a quoted claim of done keeps nothing",
    "05": "'file it under Completed/ARM' where the post has no Completed section moves "
          "nothing; the sender declining a listed item's owner is read as no change at all",
    "19": "the RM's condition ('only if no v7 by Friday') is read as the move made, and "
          "the RM as its owner",
    "23": "a top-posted 'v3 went out on Tuesday' names the wrong item of the quoted list",
    "25": "the RM's move to Completed is read as done (the draft moves done items there)",
    "29": "a reverted item moved back out of Completed is read as reopened, not moved",
    "34": "'I would lower the prognosis to Fair' is no note",
    "35": "the RM's 'the ball is in IanJ's court' reads as a ping, not a wait on him",
}
KNOWN_MISREADINGS_50 = {  # left after this round's tuning on it (untuned: 21 of 40 failed)
    "11": "'as far as I'm concerned this is done', from the person the item waited for, is "
          "read as a hedge",
    "15": "'#1 and #3 are already in' beside the new version is read as a partial merge",
    "16": "a link the RM's answer quotes is recorded as the item's link",
    "22": "the RM's 'As far as I can tell the only thing ... is a review from X' is hedged",
    "27": "the RM declining a late item proposes nothing (the set proposes it, declined)",
    "33": "an answer to 'who reviews it?' names no item without the thread above it",
    "36": "an owner dropped from a co-owned item ('list me alone') is not read",
    "37": "the RM holding back an owner's removal reads as a ping",
}
KNOWN_MISREADINGS_51 = {  # left after this round's tuning on it (untuned: 22 of 40 failed)
    "02": "a link the RM's answer quotes is recorded as the item's link",
    "04": "'the old helpers can be deleted ... in the next cycle' proposes a deferral",
    "07": "the author contradicting a relayed deferral reads as deferred and dropped",
    "13": "'it can go to the Completed list' beside done moves nothing (the draft moves it)",
    "14": "the RM doubting a claimed merge applies it",
    "25": "the RM holding back an owner's removal proposes nothing",
    "26": "the new owner's confirmation is read as the owner added again",
    "29": "the item named by a nickname ('Jonas' MTRR series') is not found",
    "32": "the RM's conditional deferral is applied",
    "33": "the author agreeing to the deferral is not read",
    "34": "'I'm on it now' on a list without owners adds the sender as owner",
    "37": "'Not quite ... only partly merged' proposes the item reopened beside the partial merge",
}
# The fifty-second and fifty-third, written blind this round (untuned 0.69 / 0.65 and
# 0.82 / 0.71): left after tuning on both.
KNOWN_MISREADINGS_52 = {
    "06": "'the bulk went in' and 'a v4 should appear next week, once ...' still proposed",
    "13": "the declined blocker is kept as a declined proposal beside the item added under x86",
    "22": "a top-post naming only 'patch #4' of the quoted items finds no item",
    "33": "a move to Completed beside done (the real labellers record the done alone)",
    "34": "the RM doubting a claimed merge: the done and the move are kept as proposals",
    "37": "'it probably won't be ready' of a follow-up is proposed as the item's deferral",
}
KNOWN_MISREADINGS_53 = {
    "07": "'I'm reworking the libxl part' beside a hoped-for v8 applies work under way",
    "09": "the declined stanza is kept as a declined proposal",
    "12": "the link the RM takes up again from the claim below is applied again",
    "24": "the declined blocker is kept as a declined proposal beside the item added elsewhere",
    "33": "the RM doubting a claimed merge: the done is kept as a proposal",
    "35": "a brain dump's hedged item ('not sure it's worth tracking') is missed",
}
# The fifty-fourth, written after the tuning on 52 and 53 in the real labels' conventions
# (untuned 0.70 / 0.79; the round's start code 0.67 / 0.73): left after a little tuning.
KNOWN_MISREADINGS_54 = {
    "04": "'v4 probably on Thursday' beside the review is proposed as a new version wanted",
    "06": "the libvirt done, said by the RM while adding another item, is missed",
    "13": "a new series the RM lists beside a move is missed; the move to Completed is kept",
    "14": "a top-post deferring part 3 also reads a posting",
    "15": "a hedged offer to take an item named in passing is missed",
    "17": "a move to Completed beside done (the real labels record the done alone)",
    "18": "a brain dump's hedged third item is read as two items, one of them the marker",
    "19": "a move to Completed beside done (the real labels record the done alone)",
    "33": "'needs a v3' top-posted also reads work under way",
    "34": "'the walker itself is done, the TLB handling still needs work' reads done",
    "35": "the RM's answer over that claim applies the done too",
    "38": "'might be abandoned' is not proposed as dropped",
    "39": "a new item for the tools side of a done item is missed; partial readings instead",
}
# The fifty-fifth and fifty-sixth (twenty-seventh round), written blind in the real labels'
# conventions: 55 answers prose-2021, tracking-2024-completed, status-2022 and critical-2023
# (untuned 0.68 / 0.59); 56 the robot and test reports (untuned 0.48 / 0.24, the round's
# start code 0.55 / 0.26). Left after the round's tuning on both.
KNOWN_MISREADINGS_55 = {
    "02": "the RM's 'if nobody has claimed it by then, it goes' is not proposed as a drop",
    "08": "a planned v3 and a stanza's 'P: 30%' given top-posted are missed",
    "09": "the RM adding an item under a section named in prose is missed",
    "10": "a question about the freeze is proposed as work under way",
    "11": "a posting beside Completed talk is also proposed as a partial merge",
    "13": "'halfway through v3' of the author (not a reviewer's) is missed",
    "22": "a withdrawn last patch that completes the series also proposes a reopen",
    "28": "a brain dump's 'only mentioning it' line is listed as a new item",
    "29": "the item the RM declines in the same answer is added too",
    "32": "the RM's backport question is proposed as a deferral",
    "34": "'needs another version' after the version the status asked for is no news",
    "19": "the RM's decline shows the quoted claim unapplied (this set records nothing)",
}
KNOWN_MISREADINGS_56 = {
    "03": "the fix commit's id is kept as a link the labeller did not list",
    "07": "'I'll try the path under lockdep next week' is not proposed as work under way",
    "11": "the fix commit's id is kept as a link the labeller did not list",
    "13": "'I'll take care of it' with the work described is missed (owner, work)",
    "14": "'might be gone with -rc3' is not proposed as done",
    "18": "a complaint about the report's numbering is proposed as a new item",
    "21": "a fix for two quoted failures lands on one of them",
    "22": "a fix applied for two failures of the answered mail lands on one of them",
    "23": "the culprit commit's id is kept as a link",
    "27": "the culprit commit's id is kept as a link",
    "31": "the fix commit's id is kept as a link the labeller did not list",
    "32": "the bot's move command to another subsystem is not read",
    "33": "a move to another subsystem, disputed, is not proposed",
    "37": "the keeper declining the drop reads a partial merge; the drop is not kept",
    "38": "'still crashes after the fix' is not read as the done taken back",
}
KNOWN_MISREADINGS_57 = {
    "04": "'I'd argue it isn't a regression of ours' is not proposed as a drop; the culprit's "
          "id, the subject of a sentence, is kept as a link",
    "06": "the revert's commit id is kept as a link the labeller did not list",
    "09": "the tracker's fixed-by commit id is kept as a link the labeller did not list",
    "10": "the other tracker's address is kept as a link",
    "11": "'and probably the revert next to it as well' is not proposed for the second patch",
    "12": "'both of Jonas's patches are dropped' drops the quoted one, not its pair",
    "20": "the RM's 'queued it for the next release instead' is read of the patch the thread "
          "spoke of, not of the quoted ask",
    "22": "'Not for this release' on the third of a wish list is not kept as a proposal",
    "23": "the RM's 'Merged' is applied as the asked item's state too, which the labels "
          "cannot say",
    "26": "the address a paragraph below the question is not the proposed item's link",
    "27": "'after the release then' leaves the third wish unproposed; the RM's states of the "
          "asked items are applied too",
    "29": "the RM's 'too late for this release' is proposed as the asked item's deferral too",
    "31": "'that's mine, sorry' is no owner (set 56 labels it so); the fix for two quoted "
          "failures lands on one",
    "33": "the fix commit's id is kept as a link the labeller did not list",
    "34": "'almost certainly mine' makes no owner",
}
KNOWN_MISREADINGS_58 = {
    "01": "the culprit's author's patch below 'that's mine' makes an owner, not a patch posted",
    "05": "a fix in the sh tree is read as done, not on its way; its commit id kept as a link",
    "07": "'the test itself is broken' under two unit tests lands on the other one",
    "09": "a revert sent with git send-email in answer is not a patch posted for the test",
    "10": "the report keeper's keeping the warning open is not proposed as the drop declined",
    "11": "the fix commit's id is kept as a link the labeller did not list",
    "14": "the culprit's id, doubted, is kept as a link",
    "15": "the tracker owner's nudge for a v3 reads the v3 as posted, not a ping",
    "16": "the fix commit's id is kept as a link the labeller did not list",
    "19": "the culprit's id in a question is proposed as a link",
    "20": "a mainline maintainer's revert of the culprit is not read as the regression fixed",
    "26": "the author's own 'please drop it' is applied (the labeller leaves it to the RM)",
    "28": "a follow-up for the next round is read as the patch done, not proposed as new",
    "33": "the RM's point-by-point answer to a quoted wish list adds nothing",
    "34": "'v3 of X is on the list' under the call is not a new item",
    "36": "a numbered list under a top-post is proposed, not applied",
    "37": "the RM's 'too late for this release' is proposed as the asked item's deferral too",
    "39": "a patch sent with git send-email in answer to the call is not a new item",
    "40": "a conditional follow-up is not proposed as a new item",
}
KNOWN_MISREADINGS_59 = {
    "03": "a claim of the whole series committed is not read as a move to Completed too",
    "14": "a co-owner's contradicting 'no v8 is needed' is read as work under way",
    "21": "'only #4 is left, now waiting for his review' reads as the partial merge, not the wait",
    "33": "the RM's keeping the PCI series is not read as its deferral proposed",
    "35": "a reported 'out of scope' and a plan to finish are not proposed",
}
# The sixtieth, written in the same styles after the round's tuning on set 59: untuned
# P 0.91 R 0.82 (the same with the round's start code).
KNOWN_MISREADINGS_60 = {
    "09": "the RM's decline of a quoted blocker request is not proposed as the new item",
    "13": "'It can move to the Completed list' is read as done alone (as the real labeller)",
    "17": "an owner named only if nobody objects by Friday is not proposed",
}
# The sixty-first, written after the tuning on sets 59 and 60: untuned P 0.77 R 0.75 (the
# same with the round's start code).
KNOWN_MISREADINGS_61 = {
    "02": "the RM's deferral of a quoted item also reads its drop; a link of the answer kept",
    "09": "a posting's link is not kept on the item it answers",
    "11": "'needs a v6' beside a push of another item reads as the posting",
    "12": "the RM's decline of a quoted new fix is not proposed as the new item",
    "22": "the taker's 'an RFC later, maybe not for 4.19' reads neither his work nor the doubt",
    "24": "'I'll commit the memcpy rest tomorrow' is not proposed as done",
    "25": "the RM's plan to commit tomorrow is not proposed as done",
    "27": "a question about a series proposes it in progress",
    "31": "'That's mine' makes an owner; a v7 'should appear tomorrow' if a test is clean",
    "36": "another's 'please drop it' quoted is not proposed as the drop",
    "37": "an owner named only if the author agrees by Monday is not proposed",
    "40": "hearsay of a wait is still proposed",
}
# The sixty-second, written blind in the thirtieth round in the 2020, 2022, 2023 and 2024
# styles: untuned P 0.81 R 0.70 (the round's start code).
KNOWN_MISREADINGS_62 = {
    "02": "the RM holding a deferral back is not proposed; a quoted link is kept",
    "03": "a claim of the whole series committed is not read as a move to Completed too",
    "15": "an owner's link to the v1 posting is not kept",
    "16": "'pushed this morning' is read as done, not as the move to Completed too",
    "20": "the RM's adding one request and declining another misses the declined proposal",
    "22": "the RM's 'needs a v3, not deferred' is not read",
    "30": "the RM's adding on a maintainer's agreement reads as a posting",
    "37": "a question whether someone might help reads as work under way",
}
# The sixty-third, written blind in the same round after the tuning on set 62, in the 2020,
# 2021, 2022 and 2024 styles: untuned P 0.85 R 0.79 (the same with the round's start code).
KNOWN_MISREADINGS_63 = {
    "02": "a deferral only if no ack comes by Monday is not proposed; a quoted link is kept",
    "08": "the RM asking Jan to review the rest is read as a posting, not a ping",
    "13": "the RM keeping a line asked to be removed does not propose the drop",
    "18": "'v5 this week, or the next release, depending on the reviews' proposes a deferral",
    "19": "a top-posted posting naming its item lands on another",
    "25": "the RM asking Stefano to commit is not read as a ping",
    "35": "a claim of the series in is not read as a move to Completed too",
    "36": "a claim of the series in is not read as a move to Completed too",
    "37": "a question whether v5 is still accepted proposes a new version",
    "40": "an owner who might take the item later is not proposed",
}
# The sixty-fourth, written blind after the tuning on sets 62 and 63 and the real sets'
# halves, in the 2020, 2021, 2023 and 2024 styles: untuned P 0.77 R 0.66 (the round's start
# code: 0.78 / 0.64).
KNOWN_MISREADINGS_64 = {
    "03": "a drop unless someone claims it by Friday is read as a deferral proposed",
    "04": "'v3 won't be in time, please move it to 4.34' is not read",
    "05": "a claim of the rest pushed is not read as a move to Completed too",
    "07": "a part reverted proposes a reopen of the whole",
    "09": "an owner claiming the item with a local branch reads the next series' posting",
    "10": "a question whether a follow-up is tracked proposes a deferral",
    "12": "the committer's 'patch 4 was reverted' is read as a reopen, not the partial merge",
    "14": "a deferral only if no acks come is not proposed; a quoted link is kept",
    "15": "the last patch waiting on a named reviewer is not read",
    "18": "the RM's decline of a second quoted request is not proposed as that item",
    "22": "a taker's 'please put me down as the owner' is only proposed",
    "23": "the RM recording that taker; a quote of the developer's words two levels down is "
          "lent the item the mail above spoke of",
    "32": "the RM proposing a deferral and asking for objections is not proposed",
    "33": "the owner agreeing to it three quote levels down is not read",
    "34": "a claim of the series in is not read as a move to Completed too",
    "37": "'the libxl patch is still in review' after a merge reads done on another item",
}
# The sixty-fifth, written blind in the thirty-first round in the 2020, 2021, 2022 and 2024
# styles: untuned P 0.85 R 0.85 (the round's start code alike).
KNOWN_MISREADINGS_65 = {
    "03": "a quoted link is kept",
    "07": "a rumour the sender could not confirm is proposed as done",
    "13": "the RM's decline of a late series asked for is not proposed as the item",
    "17": "the author's 'I am working on it' beside the new version needed adds an owner",
    "20": "a wait on a named reviewer beside the new posting is not kept",
    "22": "the RM holding back an owner's removal until the owner confirms is not proposed",
    "28": "an owner who might take the item later is not proposed",
    "32": "a quoted link is kept",
    "33": "a claim of the series in is not read as a move to Completed too",
    "39": "a contradiction of the done (one patch of five missing) is not read as partly merged",
}
# The sixty-sixth, written blind in the same round after the tuning on set 65, in the 2021,
# 2022, 2023 and 2024 styles: untuned P 0.79 R 0.69 (the round's start code alike).
KNOWN_MISREADINGS_66 = {
    "02": "a quoted link is kept",
    "04": "'not for the freeze, move it to the next release' above the quote is only proposed",
    "05": "the RM keeping an item and declining its deferral is not proposed",
    "10": "the RM's item only if a maintainer confirms proposes a posting too",
    "12": "a claim of the series in is not read as a move to Completed too",
    "13": "a taker's branch running on test boxes is not read as work under way",
    "14": "the RM confirming a taker over a conditional deferral reads a done, not the owner",
    "16": "a doubt whether the item is complete is proposed as partly merged",
    "18": "the committer's correction proposes neither the done nor the move it contradicts",
    "23": "the author at work on the item is also recorded as its owner",
    "24": "the RM holding back a version needed is not proposed",
    "36": "the RM's decline of a stanza not yet posted is not proposed as the item",
    "40": "an owner who might help later is not proposed",
}
# The sixty-seventh, written blind at the thirty-first round's end, in the 2020, 2022, 2023 and
# 2024 styles: untuned P 0.80 R 0.74 (the round's start code alike). Not tuned on.
KNOWN_MISREADINGS_67 = {
    "02": "the RM holding back a deferral is not proposed; a quoted link is kept",
    "04": "a taker's deferral to the next release lands on another item",
    "07": "hearsay from IRC under a question is proposed as done",
    "08": "a reviewer's 'needs a v6' is not read",
    "10": "the RM's decline of an RFC asked for is not proposed as the item",
    "19": "a committed sibling series is read as done on this item",
    "20": "a taker's local branch is not read as work under way",
    "21": "a posting this morning with its link is only proposed",
    "22": "the last patch waiting on a named reviewer is not read",
    "23": "the RM's plan to commit without patch 4 is proposed as partly merged",
    "25": "an owner offering to take it if the other agrees reads a wait",
    "26": "the RM refusing a deferral applies it; a conditional owner is not proposed",
    "27": "a new item's title keeps its link",
    "29": "a doubt whether patch 3 went in is read as done",
    "32": "the RM's 'done' beside another item's commit is not kept",
    "35": "a maybe-not-for-4.17 is not proposed as a deferral",
}
KNOWN_MISREADINGS_68 = {
    "02": "a link the RM's reply carries is taken on the item",
    "05": "an owner proposed for the stage-2 rewrite is missed",
    "12": "the RM's update of a series' link, state and owner is missed",
    "16": "'one more x86 series' is missed; a quoted link is taken",
    "19": "'please drop it from the list' loses to the done of two of its fixes",
    "22": "the RM's thanks takes the quoted v7 link again",
    "38": "the reporter of a new blocker is read as its owner",
    "39": "the RM's conditional blocker is not proposed as a new item",
}
KNOWN_MISREADINGS_69 = {
    "01": "a move to Completed asked for is not read; an offer of a later review reads a wait",
    "02": "the RM's move to Completed and the owner put on another item are missed",
    "04": "an owner added by his name beside a posting is missed",
    "08": "a tester saying it is not ready for them is read as its owner",
    "10": "the RM keeping the owner while deferring is not proposed as the removal declined",
    "11": "a posting and then a wait on a named reviewer: the wait is missed",
    "12": "the RM pointing the entry at v15 and pinging is missed",
    "14": "a question about two items proposes one as done",
    "15": "a new item's title and link beside another posting read that one as done",
    "17": "the RM's doubt about dropping APX is not proposed",
    "22": "the RM's ping with a conditional deferral: the ping is missed",
    "29": "a wait on a named reviewer after a review is missed",
    "30": "a revert with a v3 promised reads the reopening, not the new version needed",
    "38": "the owner of a ping's answer is read again, dated",
}
KNOWN_MISREADINGS_70 = {
    "02": "the RM's held deferral is not proposed; the quoted v5 link is taken again",
    "04": "a move to Completed asked for beside the commit is missed",
    "09": "the second of two titles in prose, in a paragraph of its own, is missed",
    "10": "a part committed against a claimed done: the done and move are not proposed",
    "20": "'a v3 appeared on the list last week' with its link is only proposed",
    "22": "the RM's thanks takes the quoted v7 link again",
    "25": "a deferral objected to and an owner offered on a condition are not proposed",
    "26": "the RM giving the item to the one who offered, three levels down, is missed",
    "32": "'I won't argue if you think it's too late' proposes a deferral",
    "33": "the RM's thanks takes the quoted v2 link again",
}
KNOWN_MISREADINGS_71 = {
    "01": "a deferral the owner suggests for another item is not proposed",
    "03": "a move to Completed asked for beside the commit is missed",
    "05": "an owner told by another, to confirm in a later sentence, is not proposed",
    "25": "the RM's new item on a condition is not proposed",
    "34": "'working on it again' after a pause reads as done, with an owner",
    "33": "the RM's deferral takes the quoted v-next link again",
}
# The thirty-fourth round's blind sets: 72 on the 2012-2021 posts (untuned P 0.75 R 0.70), 73
# on the families real threads show most (untuned 0.62 / 0.49; its even half, not tuned on
# until last, 0.52 / 0.37 at the round's start and 0.57 / 0.40 after the odd half's tuning),
# 74 the same families in other words (0.67 / 0.62 with the round's start code, 0.70 / 0.65
# before it was tuned on). What each still misreads:
KNOWN_MISREADINGS_72 = {
    "02": "the RM holding a claimed fix open is not kept as a declined proposal",
    "05": "a question whether anyone is on it proposes work under way",
    "12": "the RM's 'put down as waiting on him' takes the quoted link again",
    "14": "an owner the RM will add after a design document is not proposed",
    "19": "a question about a split series proposes it partly merged",
    "22": "the RM's 'I won't put it on this list' under a quoted title is not proposed",
    "25": "an owner's objection to her removal, quoted, is not kept as a proposal",
    "26": "the RM keeping both owners: the removal is not proposed; the wait reads twice",
    "27": "a question about a reworked series proposes it posted",
    "31": "a move to Completed asked for beside the commit is missed",
    "32": "the RM's move to Completed beside the commit is missed",
}
KNOWN_MISREADINGS_73 = {
    "03": "a half-finished branch's address is taken as the item's link",
    "06": "the held-back third of a brain dump is not proposed",
    "08": "'which is what I'm chasing now' beside an owner taken is no work under way",
    "10": "a question whether it was reverted proposes the item reopened",
    "14": "the RM's deferral of the rest on a condition is not proposed",
    "15": "'I'd drop it from the list' from the one who would write it is only proposed",
    "16": "the RM keeping APX visible: the declined drop is not proposed",
    "19": "a wish relayed from chat is not proposed as a deferral",
    "22": "the RM's drop on a condition is not proposed",
    "24": "the RM declining a deferral is not kept as a declined proposal",
    "26": "the second new item, in prose after the first, is missed",
    "30": "an unconfirmed bug, not to be added yet, is not proposed",
    "32": "the RM's wait on the author reads as a new version needed, applied",
}
KNOWN_MISREADINGS_74 = {
    "03": "a hand-over 'if he's OK with that' keeps the owner's own removal a proposal",
    "08": "the RM's done on a condition is not proposed",
    "09": "an unposted brain-dump line is not proposed",
    "13": "a rewrite under way and a deferral: only the deferral is kept",
    "17": "the rest waiting in a named maintainer's queue is missed",
    "20": "'maybe a v10' proposes a new version needed",
    "22": "the RM's notes take the quoted v7 link again; 'won't call it fixed' is not proposed",
    "23": "'I'd suggest leaving the rework for the next release' is only proposed",
    "24": "the RM keeping a regression on the list: the declined deferral is not proposed",
    "32": "the RM's deferral takes the quoted v2 link again",
    "37": "a dropped series' old posting is proposed again",
}
# Written in the same round's second hour, with the same brief: 75 (terse answers, top-posts
# that name the item in prose, RM replies), 76, and 77 (the older posts' styles). On arrival
# 75 and 77 read 0.80 / 0.58 and 0.66 / 0.51, the same with the round's start code (the
# round's first tuning did not carry to them), 76 0.66 / 0.55 (0.65 / 0.52 with the start
# code); all three were tuned on after. What each still misreads, as the scorer lists it:
KNOWN_MISREADINGS_75 = {
    "03": "misses owner removed, deferred; reads deferred (proposed)",
    "04": "misses owner added, move to Completed; reads owner added",
    "06": "misses new item (proposed), owner added, deferred (proposed); reads deferred (proposed)",
    "10": "misses new item (proposed); reads waiting_review",
    "13": "misses dropped (proposed)",
    "14": "misses needs_version",
    "15": "misses deferred (proposed)",
    "18": "misses new item",
    "21": "misses patch_posted; reads done",
    "22": "reads link",
    "26": "misses needs_version (proposed)",
    "30": "misses new item (proposed)",
    "31": "misses needs_version, deferred (proposed)",
    "32": "misses deferred (proposed)",
    "35": "misses new item",
    "39": "misses waiting_on (proposed)",
}
KNOWN_MISREADINGS_76 = {
    "01": "misses owner added, owner removed; reads them proposed",
    "02": "misses owner added, owner removed, deferred (proposed), deferred; reads patch_posted, "
          "deferred, link",
    "06": "misses owner added (proposed); reads owner added",
    "08": "misses partly_merged; reads open (proposed), in_progress",
    "12": "misses deferred (proposed)",
    "16": "reads needs_version",
    "17": "misses deferred (proposed)",
    "20": "misses new item",
    "22": "misses deferred; reads deferred (proposed)",
    "29": "misses new item (proposed)",
    "31": "misses needs_version",
    "32": "reads owner added (proposed)",
    "34": "reads owner added",
    "35": "misses dropped; reads dropped (proposed)",
    "36": "reads partly_merged (proposed)",
    "37": "misses new item; reads new item (proposed)",
    "38": "misses new item; reads deferred (proposed)",
    "40": "misses needs_version",
}
KNOWN_MISREADINGS_77 = {
    "02": "misses deferred (proposed), deferred; reads dropped",
    "03": "misses needs_version, deferred",
    "04": "misses owner removed",
    "05": "misses patch_posted, link",
    "08": "reads link",
    "09": "misses done (proposed); reads new item",
    "11": "misses needs_version",
    "15": "misses move to Completed",
    "16": "misses in_progress",
    "19": "reads deferred",
    "20": "misses new item",
    "21": "misses partly_merged",
    "22": "misses deferred (proposed)",
    "24": "misses deferred (proposed)",
    "30": "misses new item; reads new item (proposed)",
    "31": "reads in_progress",
    "32": "misses deferred; reads patch_posted, link",
    "35": "misses deferred (proposed); reads deferred",
    "36": "misses deferred, owner removed",
    "37": "reads patch_posted",
    "39": "reads in_progress",
    "40": "reads link",
}
BLIND = {"replies-heldout4": KNOWN_MISREADINGS_4, "replies-heldout5": KNOWN_MISREADINGS_5,
         "replies-heldout6": KNOWN_MISREADINGS_6, "replies-heldout7": KNOWN_MISREADINGS_7,
         "replies-heldout8": KNOWN_MISREADINGS_8, "replies-heldout9": KNOWN_MISREADINGS_9,
         "replies-heldout10": KNOWN_MISREADINGS_10, "replies-heldout11": KNOWN_MISREADINGS_11,
         "replies-heldout12": KNOWN_MISREADINGS_12, "replies-heldout13": KNOWN_MISREADINGS_13,
         "replies-heldout14": KNOWN_MISREADINGS_14, "replies-heldout15": KNOWN_MISREADINGS_15,
         "replies-heldout16": KNOWN_MISREADINGS_16, "replies-heldout17": KNOWN_MISREADINGS_17,
         "replies-heldout18": KNOWN_MISREADINGS_18, "replies-heldout19": KNOWN_MISREADINGS_19,
         "replies-heldout20": KNOWN_MISREADINGS_20, "replies-heldout21": KNOWN_MISREADINGS_21,
         "replies-heldout22": KNOWN_MISREADINGS_22, "replies-heldout23": KNOWN_MISREADINGS_23,
         "replies-heldout24": KNOWN_MISREADINGS_24, "replies-heldout25": KNOWN_MISREADINGS_25,
         "replies-heldout26": KNOWN_MISREADINGS_26, "replies-heldout27": KNOWN_MISREADINGS_27,
         "replies-heldout28": KNOWN_MISREADINGS_28, "replies-heldout29": KNOWN_MISREADINGS_29,
         "replies-heldout30": KNOWN_MISREADINGS_30, "replies-heldout31": KNOWN_MISREADINGS_31,
         "replies-heldout32": KNOWN_MISREADINGS_32, "replies-heldout33": KNOWN_MISREADINGS_33,
         "replies-heldout34": KNOWN_MISREADINGS_34, "replies-heldout35": KNOWN_MISREADINGS_35,
         "replies-heldout36": KNOWN_MISREADINGS_36, "replies-heldout37": KNOWN_MISREADINGS_37,
         "replies-heldout38": KNOWN_MISREADINGS_38, "replies-heldout39": KNOWN_MISREADINGS_39,
         "replies-heldout40": KNOWN_MISREADINGS_40, "replies-heldout41": KNOWN_MISREADINGS_41,
         "replies-heldout42": KNOWN_MISREADINGS_42, "replies-heldout43": KNOWN_MISREADINGS_43,
         "replies-heldout44": KNOWN_MISREADINGS_44,
         "replies-heldout45": KNOWN_MISREADINGS_45, "replies-heldout46": KNOWN_MISREADINGS_46,
         "replies-heldout47": KNOWN_MISREADINGS_47, "replies-heldout48": KNOWN_MISREADINGS_48,
         "replies-heldout49": KNOWN_MISREADINGS_49, "replies-heldout50": KNOWN_MISREADINGS_50,
         "replies-heldout51": KNOWN_MISREADINGS_51, "replies-heldout52": KNOWN_MISREADINGS_52,
         "replies-heldout53": KNOWN_MISREADINGS_53, "replies-heldout54": KNOWN_MISREADINGS_54,
         "replies-heldout55": KNOWN_MISREADINGS_55, "replies-heldout56": KNOWN_MISREADINGS_56,
         "replies-heldout57": KNOWN_MISREADINGS_57, "replies-heldout58": KNOWN_MISREADINGS_58,
         "replies-heldout59": KNOWN_MISREADINGS_59, "replies-heldout60": KNOWN_MISREADINGS_60,
         "replies-heldout61": KNOWN_MISREADINGS_61, "replies-heldout62": KNOWN_MISREADINGS_62,
         "replies-heldout63": KNOWN_MISREADINGS_63, "replies-heldout64": KNOWN_MISREADINGS_64,
         "replies-heldout65": KNOWN_MISREADINGS_65, "replies-heldout66": KNOWN_MISREADINGS_66,
         "replies-heldout67": KNOWN_MISREADINGS_67, "replies-heldout68": KNOWN_MISREADINGS_68,
         "replies-heldout69": KNOWN_MISREADINGS_69, "replies-heldout70": KNOWN_MISREADINGS_70,
         "replies-heldout71": KNOWN_MISREADINGS_71, "replies-heldout72": KNOWN_MISREADINGS_72,
         "replies-heldout73": KNOWN_MISREADINGS_73, "replies-heldout74": KNOWN_MISREADINGS_74,
         "replies-heldout75": KNOWN_MISREADINGS_75, "replies-heldout76": KNOWN_MISREADINGS_76,
         "replies-heldout77": KNOWN_MISREADINGS_77}


def _known(expect: Path):
    folder = expect.parent.name
    known = BLIND[folder] if folder in BLIND else (
        KNOWN_MISREADINGS if folder == "replies-heldout3" else {})
    reason = known.get(expect.name[:2])
    return pytest.param(expect, marks=pytest.mark.xfail(reason=reason, strict=True)) \
        if reason else expect


@pytest.mark.parametrize(
    "expect", [_known(e) for e in EXPECTS], ids=lambda p: f"{p.parent.name}/{p.stem}"
)
def test_reply_reads_as_the_rm_reads_it(expect: Path) -> None:
    score = Score()
    _score(expect, score)
    assert score.misses == [] and score.extras == []
    assert score.wrong_dates == []


@pytest.mark.slow
def test_precision_and_recall_over_all_fixtures() -> None:
    """The issue 3 targets over the sets we read while building; the blind set apart,
    at the floor it reached (a regression guard: its misreadings are listed above)."""
    score, blind = Score(), {folder: Score() for folder in BLIND}
    for expect in EXPECTS:
        _score(expect, blind.get(expect.parent.name, score))
    assert len(EXPECTS) >= 50
    assert score.precision >= 0.97 and score.recall >= 0.93, (score.misses, score.extras)
    four, five, six, seven, eight, nine, ten, eleven, twelve, thirteen = (
        blind[f"replies-heldout{n}"] for n in range(4, 14))
    assert four.precision >= 0.9 and four.recall >= 0.8, (four.misses, four.extras)
    assert five.precision >= 0.85 and five.recall >= 0.8, (five.misses, five.extras)
    assert six.precision >= 0.9 and six.recall >= 0.85, (six.misses, six.extras)
    assert seven.precision >= 0.85 and seven.recall >= 0.85, (seven.misses, seven.extras)
    assert eight.precision >= 0.8 and eight.recall >= 0.8, (eight.misses, eight.extras)
    assert nine.precision >= 0.85 and nine.recall >= 0.8, (nine.misses, nine.extras)
    assert ten.precision >= 0.8 and ten.recall >= 0.8, (ten.misses, ten.extras)
    assert eleven.precision >= 0.85 and eleven.recall >= 0.7, (eleven.misses, eleven.extras)
    assert twelve.precision >= 0.7 and twelve.recall >= 0.65, (twelve.misses, twelve.extras)
    assert thirteen.precision >= 0.9 and thirteen.recall >= 0.8, (thirteen.misses,
                                                                  thirteen.extras)
    sixteen = blind["replies-heldout16"]
    assert sixteen.precision >= 0.75 and sixteen.recall >= 0.65, (sixteen.misses, sixteen.extras)
    fifteen = blind["replies-heldout15"]
    assert fifteen.precision >= 0.85 and fifteen.recall >= 0.75, (fifteen.misses, fifteen.extras)
    for n, (p, r) in {17: (0.8, 0.75), 18: (0.75, 0.75), 19: (0.65, 0.55), 20: (0.75, 0.6),
                      21: (0.75, 0.65), 22: (0.75, 0.5), 23: (0.85, 0.85),
                      24: (0.8, 0.75), 25: (0.85, 0.8), 26: (0.8, 0.85), 27: (0.8, 0.8),
                      28: (0.85, 0.8), 29: (0.7, 0.8), 30: (0.8, 0.75), 31: (0.7, 0.55),
                      32: (0.8, 0.7), 33: (0.9, 0.9), 34: (0.8, 0.9),
                      35: (0.8, 0.8), 36: (0.9, 0.8), 37: (0.9, 0.9),
                      38: (0.85, 0.95), 39: (0.75, 0.7), 40: (0.75, 0.8),
                      41: (0.9, 0.9), 42: (0.85, 0.9), 43: (0.85, 0.8),
                      44: (0.85, 0.95), 45: (0.9, 0.8), 46: (0.85, 0.75),
                      47: (0.75, 0.7), 48: (0.75, 0.7), 49: (0.8, 0.65),
                      50: (0.85, 0.85), 51: (0.65, 0.7), 52: (0.85, 0.8),
                      53: (0.9, 0.85), 54: (0.7, 0.75), 55: (0.8, 0.85),
                      56: (0.7, 0.6), 57: (0.7, 0.7), 58: (0.55, 0.5),
                      59: (0.9, 0.9), 60: (0.95, 0.85),
                      61: (0.85, 0.8), 62: (0.75, 0.65),
                      63: (0.8, 0.75), 64: (0.7, 0.6), 65: (0.85, 0.85),
                      66: (0.75, 0.7), 67: (0.75, 0.7), 68: (0.85, 0.75),
                      69: (0.8, 0.75), 70: (0.85, 0.75), 71: (0.9, 0.85),
                      72: (0.85, 0.85), 73: (0.8, 0.75), 74: (0.85, 0.8),
                      75: (0.85, 0.7), 76: (0.7, 0.7), 77: (0.7, 0.6)}.items():
        late = blind[f"replies-heldout{n}"]
        assert late.precision >= p and late.recall >= r, (n, late.misses, late.extras)
    fourteen = blind["replies-heldout14"]
    assert fourteen.precision >= 0.85 and fourteen.recall >= 0.9, (fourteen.misses,
                                                                   fourteen.extras)


def _mail(body: str, sender: str = "Jan Beulich <JBeulich@suse.com>") -> bytes:
    return (
        f"From: {sender}\nTo: xen-devel@lists.xen.org\nSubject: Re: Xen 4.2 TODO\n"
        "Message-ID: <t1@suse.com>\nDate: Tue, 14 Aug 2012 10:00:00 +0100\n"
        "In-Reply-To: <1344853542.27429.92.camel@zakaz.uk.xensource.com>\n"
        "Content-Type: text/plain; charset=utf-8\n\n" + body
    ).encode()


QUOTED_POD = (
    ">     * address PoD problems with early host side accesses to guest\n"
    ">       address space (draft patch for 4.0.x exists, needs to be ported\n"
)


def test_statements_inside_quotes_are_never_counted() -> None:
    body = (
        "On Mon, George Dunlap wrote:\n> This was committed last week.\n>\n"
        + QUOTED_POD
        + ">\n> > DONE for 4.2\n\nThanks.\n"
    )
    assert analyze_reply(parse_message(_mail(body)), SEED).changes == ()


def test_negation_that_agrees_with_an_open_item_changes_nothing() -> None:
    body = QUOTED_POD + "\nNot done yet, sorry.\n"
    assert analyze_reply(parse_message(_mail(body)), SEED).changes == ()


def test_a_question_is_only_a_weak_proposal_with_its_evidence() -> None:
    body = QUOTED_POD + "\nIsn't this done? 25733:7b2c1a9d0e34\n"
    changes = analyze_reply(parse_message(_mail(body)), SEED).changes
    assert {(c.kind, c.value) for c in changes} == {
        ("status", "done"),
        ("link", "25733:7b2c1a9d0e34"),
    }
    assert all(c.confidence < 0.5 for c in changes)
    status = next(c for c in changes if c.kind == "status")
    assert "question" in status.reasons
    assert status.evidence.words == "Isn't this done?"
    assert status.evidence.quoted.startswith("    * address PoD problems")
    assert status.evidence.message_id == "t1@suse.com"


def test_explicit_form_applies_with_full_confidence() -> None:
    body = QUOTED_POD + "\ntodobot: patch-posted v3 sent\n"
    (change,) = analyze_reply(parse_message(_mail(body)), SEED).changes
    assert (change.kind, change.value, change.confidence) == ("status", "patch_posted", 1.0)


@pytest.mark.parametrize(
    "words, day",
    [
        ("Patch posted yesterday.", "2012-08-12"),
        ("I sent a patch for this last Thursday.", "2012-08-09"),
        ("Should have something by Friday.", "2012-08-17"),
        ("It was committed on Tuesday.", "2012-08-07"),
        ("I will post v3 on Monday.", "2012-08-20"),
        ("Jan committed it this afternoon.", "2012-08-13"),
        ("v4 went out last week and I committed it yesterday.", "2012-08-12"),
        ("It went in on 10 August.", "2012-08-10"),
        ("Merged on the 31st.", "2012-07-31"),
        ("Merged on the 2nd.", "2012-08-02"),
        ("Sorry, I should have replied earlier: v7 went out on Friday.", "2012-08-10"),
        ("There is a v4 since Thursday which should address the comments.", "2012-08-09"),
        ("I hope to have it out by Friday.", "2012-08-17"),
        ("It was committed on Thursday by Jan.", "2012-08-09"),  # by whom, not a deadline
        ("Reviewed by Ian on Friday and pushed.", "2012-08-10"),
        ("Sent the patches a few minutes ago.", "2012-08-13"),
        ("Committed 48 hours ago.", "2012-08-11"),
    ],
)
def test_the_day_words_mean_against_the_mails_date(words: str, day: str) -> None:
    from datetime import datetime

    from bot.reply import when

    monday = datetime(2012, 8, 13, 11, 0, tzinfo=UTC)
    near = (
        (words.rfind("committed"), words.rfind("committed") + 9) if "committed" in words else (0, 0)
    )
    assert str(when(words, monday, near)) == day


@pytest.mark.parametrize("attribution, day", [
    ("On Fri, 2012-08-10 at 17:22 +0100, Jan Beulich wrote:", "2012-08-10"),
    ("On 10.08.2012 09:30, Jan Beulich wrote:", "2012-08-10"),
    ("On 10.08.12 09:30, Jan Beulich wrote:", "2012-08-10"),
    ("On 10/08/2012 10:12, Jan Beulich wrote:", "2012-08-10"),  # day first
    ("On 08/10/2012 10:12, Jan Beulich wrote:", "2012-08-10"),  # month first
    ("On Fri, 10 Aug 2012 at 09:45, Jan Beulich wrote:", "2012-08-10"),
    ("On Fri, Aug 10, 2012 at 10:05:12AM +0000, Jan Beulich wrote:", "2012-08-10"),
    ("Jan Beulich writes (\"Re: Xen 4.2 TODO\"):", "None"),
    ("On 01/01/2011, Jan Beulich wrote:", "None"),  # a season and more before the answer
    ("On 20/08/2012 10:12, Jan Beulich wrote:", "None"),  # after the answer: not this
])
def test_an_attribution_gives_the_day_the_quoted_mail_was_written(attribution: str,
                                                                   day: str) -> None:
    from datetime import datetime

    from bot.reply.endorse import date_of

    written = date_of(attribution, datetime(2012, 8, 13, 11, 0, tzinfo=UTC))
    assert str(written.date() if written else None) == day


def test_the_rm_acting_on_a_claim_keeps_the_day_the_claim_gave() -> None:
    """ "Thanks, I'll move it to the completed list" neither agrees nor declines in so many
    words, but it does what the claim says; the claim's "yesterday" is the day before the
    claim was written (its attribution), not before the RM's answer."""
    body = ("On Fri, 2012-08-10 at 09:11 +0100, Jan Beulich wrote:\n"
            "> On 06.08.2012 11:40, Ian Campbell wrote:\n>" + QUOTED_POD.replace("\n>", "\n>>")
            + ">\n> All of it is in now, the last part I committed yesterday.\n\n"
            "Thanks, I'll move it to the completed list.\n")
    mail = _mail(body, sender="Ian Campbell <Ian.Campbell@citrix.com>")
    changes = analyze_reply(parse_message(mail), SEED,
                            rms={"ian.campbell@citrix.com"}).changes
    (done,) = [c for c in changes if c.kind == "status"]
    assert (done.value, str(done.when)) == ("done", "2012-08-09")


def test_yesterday_is_the_day_before_the_mail() -> None:
    body = QUOTED_POD + "\nPatch posted yesterday.\n"
    (change,) = analyze_reply(parse_message(_mail(body)), SEED).changes
    assert change.when is not None and change.when.isoformat() == "2012-08-13"


def test_analyze_cli_prints_json_and_reads_stdin() -> None:
    mail = next(FOLDERS[0].glob("01-*.eml")).read_bytes()
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "bot.cli",
            "analyze",
            "-",
            "--post",
            str(POSTS / "seed-2012.txt"),
            "--json",
        ],
        input=mail,
        capture_output=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["schema"] == "todobot.analysis/1"
    assert [(c["kind"], c["value"]) for c in data["changes"]] == [("status", "patch_posted")]
    assert data["changes"][0]["evidence"]["words"] == "Patch posted yesterday."


def test_analyze_cli_on_garbage_is_a_clean_error() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bot.cli", "analyze", "-", "--post", "/nonexistent"],
        input=b"\x00\x01",
        capture_output=True,
        check=False,
    )
    assert result.returncode == 2 and b"Traceback" not in result.stderr


EXAMPLE_CONFIG = (ROOT / "config.example.toml").read_text(encoding="utf-8")


def test_a_lists_own_phrases_come_from_its_config() -> None:
    from bot.config import parse_config

    config = parse_config(
        EXAMPLE_CONFIG
        + (
            '\n[[vocabulary]]\nname = "landed"\nkind = "status"\nvalue = "done"\n'
            "patterns = ['\\bgot blessed by the integration team\\b']\n"
        )
    )
    body = QUOTED_POD + "\nIt got blessed by the integration team this morning.\n"
    plain = analyze_reply(parse_message(_mail(body)), SEED).changes
    assert plain == ()
    (change,) = analyze_reply(parse_message(_mail(body)), SEED, rules=config.rules).changes
    assert (change.kind, change.value, change.reasons) == ("status", "done", ("rule landed",))


def test_a_broken_rule_in_the_config_is_one_clear_error() -> None:
    from bot.config import ConfigError, parse_config

    with pytest.raises(ConfigError, match=r"vocabulary\[0\]\] patterns: '\(unclosed'"):
        parse_config(
            EXAMPLE_CONFIG
            + (
                '\n[[vocabulary]]\nname = "x"\nkind = "status"\n'
                "value = \"done\"\npatterns = ['(unclosed']\n"
            )
        )


def test_analyze_cli_reads_the_lists_own_rules_from_its_config(tmp_path) -> None:
    config = tmp_path / "todobot.toml"
    config.write_text(
        EXAMPLE_CONFIG
        + (
            '\n[[vocabulary]]\nname = "landed"\nkind = "status"\nvalue = "done"\n'
            "patterns = ['\\bgot blessed by the integration team\\b']\n"
        ),
        encoding="utf-8",
    )
    mail = _mail(QUOTED_POD + "\nIt got blessed by the integration team this morning.\n")
    command = [
        sys.executable,
        "-m",
        "bot.cli",
        "--config",
        str(config),
        "analyze",
        "-",
        "--post",
        str(POSTS / "seed-2012.txt"),
        "--json",
    ]
    result = subprocess.run(command, input=mail, capture_output=True, check=False)
    assert result.returncode == 0, result.stderr
    (change,) = json.loads(result.stdout)["changes"]
    assert change["reasons"] == ["rule landed"]


def test_a_bare_list_of_patch_subjects_after_a_lead_in_is_new_items() -> None:
    """Developers paste Subjects without bullets; a Subject's verb ("defer") is no news."""
    body = (
        "Before the freeze I chased reviews again for these:\n\n"
        "x86/hpet: defer the legacy broadcast setup\n"
        "tools/libxl: tidy up the vkb backend teardown\n"
        "xen/sched: credit2 runqueue balancing fix\n\n"
        "Thanks, Jan\n"
    )
    changes = analyze_reply(parse_message(_mail(body)), SEED).changes
    assert [(c.kind, c.value) for c in changes] == [
        ("new", "x86/hpet: defer the legacy broadcast setup"),
        ("new", "tools/libxl: tidy up the vkb backend teardown"),
        ("new", "xen/sched: credit2 runqueue balancing fix"),
    ]


def test_prose_lines_after_a_colon_are_not_a_bare_list() -> None:
    body = (
        "Two things to say about the schedule:\n"
        "I think the freeze date is fine by me.\n"
        "We should not slip it again this time round.\n"
    )
    changes = analyze_reply(parse_message(_mail(body)), SEED).changes
    assert not [c for c in changes if c.kind == "new"]


QUOTED_CMOS = (
    ">     * fix high change rate to CMOS RTC periodic interrupt causing\n"
    ">       guest wall clock time to lag (possible fix outlined, needs to be\n"
)


def test_an_aside_that_names_another_item_lands_on_that_item() -> None:
    """"Meanwhile I committed X" under a quote is about X, not the quoted item."""
    body = QUOTED_POD + "\nFair enough.\n\nMeanwhile I pushed the blktap xencommons fix.\n"
    changes = analyze_reply(parse_message(_mail(body)), SEED).changes
    assert [(c.kind, c.value, c.item_text[:22]) for c in changes] == [
        ("status", "done", "Load blktap driver fro")]


def test_an_answer_split_inside_a_wrapped_quote_stays_on_its_item() -> None:
    body = (QUOTED_CMOS + "\nThe first half of that is fixed, see below.\n\n"
            ">       put in patch form and thoroughly reviewed/tested for unwanted\n"
            "\nThe rest is superseded by a new approach.\n")
    changes = analyze_reply(parse_message(_mail(body)), SEED).changes
    assert {c.item_text[:20] for c in changes} == {"fix high change rate"}


@pytest.mark.parametrize("words, status", [
    ("1/ and 2/ have been committed already; 3/ is still open.", "partly_merged"),
    ("Honestly it is not critical for 4.2 any more.", "deferred"),
])
def test_dispositions_in_a_maintainers_words(words: str, status: str) -> None:
    changes = analyze_reply(parse_message(_mail(QUOTED_CMOS + "\n" + words + "\n")), SEED).changes
    assert [(c.kind, c.value) for c in changes] == [("status", status)]
