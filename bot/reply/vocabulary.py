"""The phrase rules of `bot/reply/vocabulary.toml`, compiled, and the reading of
one sentence against them.

A statement is only a fact when it is affirmative: a negation ("not done
yet", "isn't fixed"), a question ("is this done?") or a hedge ("I think")
keeps the change but lowers its confidence, so it can only become a
proposal for the RM.
"""

from __future__ import annotations

import re
import tomllib
import zlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from bot import cachefile
from bot.lazy import LazyPattern
from bot.post.status import status_from_text
from bot.reply.prefilter import folded, needed_all

_NEGATION = re.compile(
    r"\b(?:not|never|no|nothing|neither|nobody|no one|noone)\b(?! longer relevant)|n't\b"
    r"|\bnone of\b"  # "None of the series is committed yet"
    r"|\bwithout (?:any ?(?:one|body)|some ?(?:one|body)|a word|(?:any|a) reply)\b"
    r"|\bstill (?:broken|fails|failing|open|there|an issue|happens|not)\b"
    r"|\bbroken\b|\bfails?\b|\byet to\b",
    re.IGNORECASE,
)
# "Could you please add ...?" is a request, however it is punctuated.
_QUOTING_GROUPS = ("section", "what", "other")
_REQUESTS = frozenset({"please-add", "wants-in", "move-to", "gives-up", "steps-down", "pinged",
                       "asked-to-look",
                       "set-status", "owner-add", "asks-next-round"})
# "and that won't": a pronoun; "the patches that Stefano already committed" (not "I did
# that and pushed it": "that" is the object there)
_RELATIVE = re.compile(r"\b(?!(?:and|but|so|because|since|or|yet|now|though)\b)\w+\s+"
                       r"(?:that|which|what)\s+(?:(?!(?:and|or|then)\b)\w+\s+)?"
                       r"(?:already\s+|just\s+)?$", re.IGNORECASE)
# "my feeling is that this slips", "I can confirm that it went in": what someone says or
# thinks, not a relative clause ("the only change I see that went in" still names a thing)
_SAID_THAT = LazyPattern(
    r"(?:\b(?:i|we|you)\s+(?:\w+\s+)?(?:think|thought|believe|suspect|guess|hope|feel|fear"
    r"|expect|reckon|assume|know|knew|confirm|understand|agree|realised|realized|remember|bet)"
    r"|\b(?:feeling|guess|impression|understanding|hope|fear|news|conclusion|reading"
    r"|expectation|assumption|sense|answer|truth|fact|reality|upshot|outcome|problem|point)"
    r"(?: (?:from|of|after) [^.;]{1,40}?)? (?:is|was)"
    r"|\b(?:it )?(?:seems|appears)"
    r"|\b(?:i[\x27’]m|i am|we[\x27’]re|we are) (?:sure|afraid|aware|glad)"
    r"|^\W*note)\s+that\s+(?:\w+\s+)?$", re.I)
# "we would like to see this series merged in 4.31": a wish, not an event
# "... and that is what went out as v5": a cleft says it went out, it names nothing
# a negation of noticing, not of what was there to notice: "I didn't notice the series was
# already merged", "sorry, hadn't realised that it went in" (not "I haven't seen it merged
# yet", "I haven't noticed that it has been merged": still looking; nor "... merged yet")
_UNNOTICED = LazyPattern(r"\b(?:didn[\x27’]?t|did not|hadn[\x27’]?t|had not)\s{1,3}(?:notic\w*"
                         r"|realis\w*|realiz\w*|spott\w*|(?:see|saw)(?=\s{1,3}that\b))"
                         r"(?:\s{1,3}that)?\b(?=.{0,80}?\b(?:was|were|had|went|got|landed)\b)"
                         r"(?![^.;]{0,120}\byet\b)", re.I)
_CLEFT = LazyPattern(r"\b(?:that|this|it)(?:[\x27’]s|\s+is|\s+was)\s+what\s+$", re.I)
_WISHED = LazyPattern(r"\b(?:to see|to get|to have|like to see|hope to see|expect to see)\s+"
                      r"(?:it|this|that|them|the \w+|this \w+|(?:the|this) \w+ \w+)\s+$"
                      # "I'd like to get my scheduling patchset merged" (not "I managed to get
                      # our rework merged", which happened)
                      r"|\b(?:like|love|want|wish|hope|need|nice|asked \w+) to (?:get|see|have)\s+"
                      r"(?:my|our|his|her|their|these|those|the|this|a|an)(?: \w+){0,5}\s+$",
                      re.I)  # ("I hope to have a v7 out before the freeze")
_MODAL_BE = LazyPattern(r"\b(?:must|should|will|would|could|can|might|may)\s+(?:still\s+)?be\s+$",
                       re.I)
_POLITE_IF = LazyPattern(r"\b(?:best|better|good|great|fine|ok|okay|happy|grateful|glad|nice"
                        r"|helpful|appreciated?(?: it)?) if (?=(?:you|we) (?:just |simply |could "
                        r"|can )?(?:remove|drop|mark|move|put|list|track|add|take|carry)\b"
                        # "would be good if somebody could look at my X": asked of anyone
                        r"|(?:somebody|someone|anyone|anybody|you|one of you) (?:could|can|would)"
                        r" (?:please )?(?:look|have a look|review|check|pick|take|queue|consider"
                        r"|include)\b)", re.I)
_RESOLVED = LazyPattern(r"\b(?:resolved|fixed|solved|done|committed|merged|pushed|applied)\b",
                       re.I)
_NOT_TO = LazyPattern(r"\b(?:not\s+to|rather\s+not)\s+(?:\w+\s+)?$", re.I)  # ("I'd rather not
# take it off the list")
# "we should not defer this", "please don't move it to Deferred": the bare word's own verb
# negated (a deferral rule's negation is mostly its statement: "it's not 4.17 material")
_DEFER_DECLINED = LazyPattern(r"(?:\b(?:not|never|no need to)|n[\x27’]t)\s+"
                              r"(?!(?:mind|object|hesitate|see why not|have (?:a|any) problem)\b)"
                              r"(?:(?!(?:and|or|but|so)\b)\w+\s+){0,3}$", re.I)
# ("I don't mind deferring it to 4.21", "I wouldn't hesitate to defer it": agreement)
# what makes the words after a drop a reason about what did not happen
_UNREAL = LazyPattern(r"\b(?:would|could|might|not|no|nothing|never)\b|n[\x27’]t\b", re.I)
_AHEAD = LazyPattern(r"\b(?:will|[\x27’]ll|going to|be|being|get|have it|can[\x27’]?t|can ?not"
                    r"|won[\x27’]?t|should|must|needs? to|plan|hope|expect|want|try)\b", re.I)
_RATHER_THAN = LazyPattern(r"\b(?:rather than|instead of)\s+(?:(?:keep|keeping|leave|leaving"
                           r"|mark|marking|have|having|list|listing|it|this|that|them|as)\s+){0,3}$"
                           # "... rather than have the list suggest that someone is working on it"
                           r"|\b(?:rather than|instead of)\s+(?:have|having|let|letting)\s+(?:the "
                           r"|this |that |my |our |your )?(?:list|entry|post|status|people|everyone"
                           r"|anyone|it)\s+(?:suggest|say|show|imply|claim)s?\b[^,;.:!?]{0,60}$",
                           re.I)
# a request not to: "Please don't drop it", "Do not mark it done yet"
_DONT = LazyPattern(r"\b(?:don[\x27’]?t|do not|never)\s+(?!(?:mind|object|care|see|oppose"
                    r"|disagree|think|know|believe|expect|have|you|we|they)\b)(?:\w+\s+)?$",
                    re.I)  # (not "I don't mind deferring it", "I do not oppose moving it")
# a time since an event, after the clause it measures: "... since the change went in"
_SINCE_THEN = LazyPattern(r"(?:\b(?:lose|lost|losing|gain\w*|regress\w*|broken|slower|faster"
                          r"|fail\w*|crash\w*|hang\w*|worse|better)\b|%)[^,;.!?]{0,60} since "
                          r"(?:the|that|this) (?:[\w-]+ ){0,2}$", re.I)  # (not the causal
# "It can come off the blocker list since the fix went in")
_NOT_ASKING = LazyPattern(r"\b(?:not|n[\x27’]t|never) (?:asking|suggesting|saying|proposing"
                          r"|requesting|trying) (?:you |anyone |anybody |us |them )?(?:to|that|for)"
                          r"\s+(?:\w+\s+){0,2}$", re.I)
_NOW_THAT = LazyPattern(r"(?<=\w )now that (?!(?:it|this|that|they|all|everything|the (?:whole |"
                        r"entire |last |rest of the )?(?:series|patch(?:es)?|item|rest|thing|"
                        r"work|v\d+))\b)[^,;:.]{1,60}$", re.I)  # (within a sentence: a premise)
_OBJECTIONS_CALLED = LazyPattern(
    r"\b(?:unless (?:somebody|someone|anybody|anyone|there are|I hear) (?:objects?|disagrees?"
    r"|objections?|shouts?|complains?|screams?)|if (?:nobody|no one|noone) (?:objects?|disagrees?"
    r"|shouts?|complains?)|if there (?:is|are) no objections?|barring (?:any )?objections?)\b",
    re.I)
_TO_COME = LazyPattern(r"\b(?:will|would|should|shall|going to)\b|[\x27’]ll\b", re.I)
_LATER_CONDITION = LazyPattern(  # (not a polite "if you don't mind")
    r",\s*(?:but )?(?:only )?(?:once|if|unless|provided|as soon as|assuming)\b(?!\s+(?:you"
    r" (?:don[\x27’]?t|do not) mind|that[\x27’]?s (?:ok|okay|fine|all right|alright)|(?:that|it)"
    r" (?:is|works) (?:ok|okay|fine)|I can|possible|needed|necessary|you (?:like|want|agree"
    r"|prefer)|so|nobody minds)\b)", re.I)
# what comes after the item, put off: "Next on the PPC side is the MMU groundwork, but that
# is 4.20 material" (not "next on the list is this series", "the next step is v5")
_NEXT_WORK = LazyPattern(r"^(?:and )?next (?:on|for|in) the (?!list\b)[\w/ -]{1,30}? (?:side"
                         r"|front) (?:is|are|will be) (?!(?:this|the rest|the second half|it)"
                         r"\b)", re.I)
# a change a review asked for, made: "the reviewer wanted the strings validated, that is
# done now" (not "suggested committing it, that is done": the item went in)
_ASKED_FOR_DONE = LazyPattern(r"\b(?:wanted|asked (?:for|me to)|requested|suggested|pointed out)"
                              r"\b(?![^.;]{0,200}\b(?:commit|push|merg|appl|go(?:es)? in|went in"
                              r"|land))[^.;]{3,200},\s*(?:and )?(?:that|this|which)\s*$", re.I)
# someone else's word still wanted: "X has offered to carry it on, but he should confirm"
_TO_CONFIRM = LazyPattern(r"\bbut (?:he|she|they|(?-i:[A-Z][a-z][\w-]*)) (?:should|needs? to"
                          r"|has to|must|will (?:have|need) to|would (?:have|need) to) (?:first )?"
                          r"confirm\b", re.I)
_ONLY_IF = LazyPattern(r"\s{0,3}(?:only if|if|unless|provided)\b", re.I)
_ONCE = LazyPattern(r"\b(?:once|when|as soon as|if|after|unless)\b", re.I)
_OFFER_IF = LazyPattern(r"\bif (?:nobody|no ?one|none) (?:else )?(?:is|wants|has)\b", re.I)
_WHAT = re.compile(r"^\s*what\s+(?:\w+\s+)?$", re.IGNORECASE)
_PLANNED = re.compile(r"(?:\bwill|[\x27’]ll|\bgoing to|\bwould)\b", re.IGNORECASE)
_PLAN_CONDITION = re.compile(
    r"\b(?:as soon as|once|when|until(?! then\b)|unless|if|provided"
    r"|after (?:the )?(?:branch|freeze|release|tree|merge window|holidays?))", re.IGNORECASE)
_IN_QUOTES = re.compile(r"\"[^\"\n]{1,200}\"|“[^”\n]{1,200}”")
_SETS_TO = re.compile(r"\b(?:make|made|change|changed|set|mark|marked|update|updated|turn|put|"
                      r"carry|list|note|record)(?:s|ing)? (?:it|that|this|the (?:entry|item|"
                      r"status))(?: one)?(?: (?:to|as|into|at))?:? *$", re.I)
# another's words reported: "Maelle told me yesterday that ...", "Jan said on IRC that ..."
_HEARSAY = re.compile(r"\b(?:(?!(?-i:Yes|Yesterday|Today|It|This|That|The|And|But|So|Also"
                      r"|Patchwork|Git|Lore|Gitlab|Github)\b)(?-i:[A-Z][a-z]+)|he|she|they)"
                      r" (?:\w+ ){0,2}?(?:told (?:me|us)|said"
                      r"|mentioned|says|tells (?:me|us))(?: (?:on irc|off-?list|yesterday|today"
                      r"|last week|earlier|privately))? that\b", re.I)
# "Somebody on IRC claimed the osstest side had been pushed", "I heard it went in": word
# of someone unnamed, with or without a "that"
_RUMOUR = re.compile(r"\b(?:(?:some(?:body|one)|people|folks|a colleague)\b[^.;:]{0,40}?\b"
                     r"(?:claimed|claims|said|says|reported|reckons|mentioned)"
                     r"|I(?: have|[\x27’]ve)? heard(?! (?:nothing|back|from|no)\b)"
                     r"|I was told(?! to\b))\b", re.I)
_OWN_CONCLUSION = re.compile(r",\s?(?:and )?(?:so|hence|therefore|which means)\b|[;:]|\.\s"
                             r"|\bbut\b|\band (?:I|we)\b", re.I)
_THEIR_WISH = re.compile(r"\b(?-i:[A-Z][a-z]+) (?:\w+ ){0,2}(?:mentioned|said|suggested|told me|"
                         r"wrote|argued|thinks|feels)\b[^.;]{0,60}\b(?:he|she|they)(?:[\x27’]d| "
                         r"would) (?:rather|prefer|like)\b", re.I)
_WITH_APPLIED = re.compile(r"\bwith (?:[\w\x27’]+ ){0,3}(?:patch(?:es)? )?#?\d*\s?applied$", re.I)
_THAT_ONE = re.compile(r"^\s*(?:that|which|it)\b", re.I)  # the clause speaks of the one before
_OTHER_WORK = re.compile(r"\b(?:a|another|one more|some) (?:similar|separate|follow-?up|related|"
                         r"further) (?:change|patch|series|fix|cleanup|feature|piece of work)"
                         r"(?:es|s)?\b"
                         # "The Arm32 jobs from that series were committed": a part of the
                         # series the quote points to, which the item is not ("all patches
                         # of that series" are the item's own)
                         r"|\b(?:jobs|bits|parts?|pieces|changes|tests) (?:from|in) (?:that|the "
                         r"other|this other) (?:series|patchset)\b",
                         re.I)
_CLAUSE_AFTER = re.compile(r"[,;]\s+(?:so|but|and so)\s|;|:\s", re.I)  # a main clause resumes
_MEANS = re.compile(r"(?<!\s)\s+means\b", re.IGNORECASE)
_WHOEVER = re.compile(r"\b(?:whoever|whomever|anyone who|someone who|somebody who)\b", re.I)
_WHICH = re.compile(r",\s*(?:which|who|whom)\b", re.IGNORECASE)
# "the only thing left is patch 3, which is waiting for Julien": what is left of the item is
# what the relative clause speaks of, so it speaks of the item
_LEFT_PART = re.compile(r"\b(?:left|remaining|outstanding|missing)\s+(?:is|are)\s+(?:the\s+)?"
                        r"(?:last\s+|final\s+)?(?:patch(?:es)?\s*#?\d{1,2}(?:/\d{1,2})?|one|part"
                        r"|rest)\s*$", re.IGNORECASE)
_CONDITION = re.compile(  # (not a hyphenated name's piece: "the break-before-make work")
    r"(?<!-)\b(?:after(?! having| all\b"
    r"| (?:(?:more|some|further|much|careful|closer) ){0,2}\w+ing\b"
    r"| (?:a|an|the|my|his|her|their|our|your|one|\w+[\x27’]s) (?:\w+ )?(?:look|review|round"
    r"|pass|check|test|rebase|discussion|comments?|feedback|remarks?|ping|nudge|reminder|acks?"
    r"|approval|go-ahead)\b(?! (?:is|are|has|have|gets?|was|were|lands?"
    r"|goes|comes|is done|is in)\b))"  # "after the review is done" waits for it
    r"|once|when|whenever|until(?! then\b)|unless|if|whether|as soon as|as long as"
    # ("before it can go in it needs an ack from X": what it needs first, no condition)
    r"|before(?! (?:it|this|that|they|the (?:series|patch(?:es)?|rest)) (?:can|could) (?:go in"
    r"|be (?:committed|merged|applied|pushed)|land)\b)"
    r"|in case|should there"
    r"|provided(?: that)?)\b(?!-)", re.I)
# ("after bisecting": what was done first, no condition; "whether it should slip" asks)
# the clause right after a leading condition: "If X, [we'll defer it]"
_IF_CLAUSE = re.compile(r"(?:^|[:;])\W{0,5}(?:if|unless|once|in case|as soon as|provided"
                        r"|should (?:the|it|this|that|we|they|anyone|somebody|someone|\w+[\x27’]s)"
                        r"|had (?:i|we|he|she|they|the))\b"
                        r"[^.;:?!,]{0,200},(?: ?(?:though|however|then|anyway|of course),)?"
                        r"[^,.;:?!]{0,200}(?:,\s+(?:and|so|then) [^,.;:?!]{0,120})?$",
                        re.IGNORECASE)  # ("If ..., though, I'll ..."; "If ..., I won't argue,
# and it can wait for 4.18": the last clause as much on the condition)
_FUTURE = re.compile(r"\b(?:going to|will|'ll|plan(?:s|ning)? to|about to|want(?:s)? to)\b", re.I)
_EVENTS = frozenset({"done", "patch_posted"})  # things that happened, not things planned
# the sender's own call, said as they make it: "so I'm going to call this done", "I'll tick
# it off" (not "I was going to call it done, but ...", "Jan is going to", nor "... on Friday,
# unless osstest complains": a call still to come)
_CALLED = re.compile(r"(?:call|consider|tick)", re.I)
_MY_CALL = re.compile(r"\b(?:I(?:[\x27’]m| am) going to|I(?:[\x27’]ll| will))\s+$", re.I)
_LATER = re.compile(r"[^.;]{0,40}\b(?:on \w+day|by|next|tomorrow|later|once|when|after|if|unless"
                    r"|until|as soon)\b", re.I)
_INFINITIVE = re.compile(
    r"\bto\s+(?:get\s+|be\s+|have\s+(?:been\s+)?)?(?:it\s+|this\s+|them\s+|that\s+)?$", re.I)
# "already committed so no further action is needed": "so" starts a clause of its own
_CLAUSE = re.compile(r"""[:;,()"]|\.(?!\d)|\s-+\s|\bbut\b"""
                     r"|\bso\b(?=\s+(?:no|nothing|it|this|that|there|the|i|we|you)\b)", re.I)
# a question mark ends words; one a URL's query follows ("list/?series=6") asks nothing
_QUESTION = re.compile(r"\?(?![\w=&%/-])")
_HEDGE = re.compile(
    r"\b(?:i think(?! (?:it[\x27’]s|it is|it would be) (?:best|better|easiest|simplest|cleanest)\b)"
    r"|(?<!than )i thought|i (?:don'?t|do not) think|i suspect|i believe|i doubt|probably"
    r"|maybe|perhaps|might|iirc|afaik|afaics|afaict|aiui|iiuc"
    r"|as far as i (?:can (?:see|tell)|know|remember|recall)|not sure|i guess|possibly"
    r"|hopefully|imho|imo|in my opinion"
    # "I'm fairly sure it went in": sure enough to say, not to record
    r"|(?:i[\x27’]m|i am) (?:fairly|pretty|reasonably|quite|almost) (?:sure|certain|confident)\b"
    r"|if i remember (?:correctly|rightly)|unless i[\x27’]m (?:mistaken|wrong)"
    r"|\b(?:hope|hoping)(?: that)? (?:the|this|these|it|they|we|he|she) (?!helps?\b|(?:is|was|"
    r"will be|[\x27’]s) (?:ok|okay|fine|clear|useful|helpful|alright|all right)\b)"
    r"|as far as i[\x27’]?m concerned|as far as i am concerned"
    r"|i[\x27’]d rather see|i would rather see|(?:wouldn[\x27’]?t|would not|won[\x27’]?t) object"
    r"|happy to (?!report|say|confirm|announce|see|let|own\b)"  # ("happy to own it" takes it)
    r"|(?<!\d )(?<!\bin )(?<!\bof )(?<!-)\b(?-i:may)\b(?! \d)"
    r"|my suggestion|my preference|i(?:'d| would)? suggest|leaning towards|inclined to"
    r"|(?:my )?gut feeling|my feeling is|i have a feeling|(?:most|more|quite|very) likely"
    r"|(?:is|are|seems|looks) likely|(?<!un)likely to|it (?:seems|looks like|appears)"
    # "should be marked as done" asks the RM to do something; it doubts nothing
    # ("somebody else should be driving it": who ought to do the work, no doubt)
    r"|should be(?!\s*:| (?:marked|moved|removed|dropped|closed|taken|listed|tracked|added|put"
    r"|updated|changed|set)\b| (?:driving|owning|carrying|leading|handling|doing)\b"
    r"| (?:a|an|the|done (?:by|in|through))\b)"  # ("... should be a sub-op of the domctl": how)
    # ("I'd rather be upfront about this one: it will not make 4.16" hedges nothing; "I'd
    # rather you planned it for 4.34" asks the RM)
    r"|(?:i'?d|i would) rather(?! be (?:upfront|honest|frank|clear|open|straight)\b| you\b)"
    r"|i'?d prefer|i would prefer|i'?d say|i(?:'d| would) expect"
    # "I had expected this to be sorted out by now, but ...": an expectation, no event
    # (not "quicker than I expected", "as I expected": what did happen)
    r"|(?<!than )(?<!as )i(?: had| have|[\x27’]d)? (?:expected|assumed) (?:that )?(?:(?:this|it"
    r"|that|they|these|those|the (?:fix|patch|series|revert|problem|issue|regression))"
    r" (?:would|to|was|were|had|got|went|is|committed|merged|pushed|applied"
    r"|in (?:staging|master|mainline|the tree))"
    r"|(?-i:[A-Z][a-z]+) (?:had|got|was|committed|merged|pushed|applied))\b"
    # "honestly, I'd drop this one": what the speaker would do, a suggestion
    r"|i[\x27’]d (?:just |probably |personally |simply )?(?:drop|defer|postpone|punt|remove|shelve"
    r"|park|abandon|move it|push it)"
    r"|(?:just |only )?my (?:own )?opinion|my two cents)\b",
    re.IGNORECASE,
)
# "should have been requested and committed", "could have gone in": what did not happen
_MODAL = r"\b(?:should|could|would|might|must|ought to)(?:n[\x27’]?t| not)?"
_COUNTERFACTUAL = re.compile(_MODAL + r"(?: have|[\x27’]ve)\b(?:\s+[\w-]+){0,4}\s*$",
                             re.IGNORECASE)
_MODAL_END = re.compile(_MODAL + r"\s*$", re.IGNORECASE)
# "I took it that 5d3e1a0 was in already, yet it is not on the branch": a belief, which the
# rest of the sentence (or the sender's surprise) says was wrong
_BELIEVED = re.compile(r"\b(?:assumed|thought|believed|was under the impression|had the"
                       r" impression)(?: that)?\s+(?!(?:about|over|it over|some more|more|of)\b)"
                       r"(?:(?!\b(?:but|so|yet|however|then)\b)[^.;:]){0,80}$", re.IGNORECASE)
_BUT_NOT = re.compile(r"\b(?:yet|but|however)\b", re.IGNORECASE)
_OWN_PART_WORDS = re.compile(r"\b(?:complete|completed|done|finished)\b", re.IGNORECASE)
_MY_SIDE = re.compile(r"\b(?:from|on|at) (?:my|our) (?:side|end)\b", re.IGNORECASE)
# a section a move names by its release: "4.32", "the Xen 4.32 release", "the 4.32
# development cycle", "4.32-rc3" (not "the 10.30 call": a time of day)
RELEASE_NAMED = re.compile(
    r"^(?:the )?(?:xen |linux |qemu )?(\d{1,4}\.\d{1,4}(?:\.\d{1,4})?)(?:-rc\d{1,3})?(?![\d.:])"
    r"(?!\s*(?:call|meeting|slot|sync|am|pm|utc|cet|cest|gmt|bst|hrs?|o[\x27’]clock)\b)", re.I)
# "I will move the whole series to 4.17" on a condition: a deferral proposed (not "since the
# lab moved to 7.5-rc1": no work moved)
_MOVES_WORK = re.compile(r"(?:move|moved|moving) (?:it|this|that|them|the)\b", re.IGNORECASE)
_MOST_ARE = re.compile(r"\b(?:most|some|many|several|a few)(?: of (?:them|these|those))?"
                      r"(?: (?:are|were|have been|got)(?: now| already)?)? $", re.IGNORECASE)
# "... between the two backports pushed on Friday, but I forgot to apply this one": others went
# in, this one did not
_MISSED_THIS = re.compile(r"\b(?:missed|forgot|forgotten|failed|neglected) (?:to )?(?:apply"
                          r"|applying|commit|committing|push|pushing|pick|picking|queue|queueing)"
                          r"(?: up)? (?:this|that)(?: one)?\b", re.IGNORECASE)
# the work the done word is said of, right before it: "the other backports [went in]"
_OTHERS_WORK = re.compile(r"\b(?:backports|patches|commits|fixes|changes|others|ones)"
                          r"(?: (?:were|have been|got))? $", re.IGNORECASE)
_COUNTERFACTUAL_HAVE = re.compile(r"(?:have|[\x27’]ve)\b", re.IGNORECASE)  # "could have gone in"
_LOCAL = re.compile(r"\b(?:locally|(?:my|a) local (?:branch|tree|copy)|for (?:local )?testing)\b",
                    re.IGNORECASE)
# "Committed, but not pushed yet": in the committer's tree only (said in the same clause:
# "committed to staging; the backport is not pushed yet" is another push)
_NOT_PUSHED = re.compile(r"[^;.]{0,40}?\b(?:not (?:yet )?pushed|unpushed)\b", re.IGNORECASE)
_REVIEW_DONE = re.compile(r"\b(?:review(?:s|ing)?|testing|tests?|bisect(?:ion|ing)?|"
                          r"acks?)\b(?: part| side| round)?(?: of (?:v\d+|it|this|the (?:series|"
                          r"patch(?:es)?|code)))?\s+(?:is |are |was |were |has been |"
                          r"have been )?$", re.I)
# "I can't see that being committed by Mar 6": a deadline ahead, not an event
_DEADLINE = LazyPattern(
    r"\s{1,3}by (?:the (?:end of|freeze|deadline|rc\d*|release(?! (?:manager|team))|code freeze"
    r"|feature freeze)"
    r"|(?:next|this) (?:week|month|monday|tuesday|wednesday|thursday|friday)|tomorrow"
    r"|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2}\b"
    r"|\d{1,2}(?:st|nd|rd|th)? (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec))", re.I)
_MISTAKEN = re.compile(r"\b(?:too early|by mistake|wrongly|prematurely|in error)\b", re.I)
_CONSTANT = re.compile(r"\b(?:size|value|limit|width|number|length|offset|layout|format|order"
                       r"|address|amount|count|rate|frequency)s? (?:is|are|was|were|stays?"
                       r"|remains?) fixed\b", re.I)
_NEITHER = re.compile(r"\b(?:neither|nor)\b", re.I)
_NOR = re.compile(r"\bnor\b", re.I)
# a part of a series as the subject: "patch 3/8", "the one remaining patch", "the last two", "#4
# I've withdrawn" (not "x86 #2", an item by its number)
_PART_OF = re.compile(
    r"^\W*#\d+\b|\b(?:patch(?:es)?\s+#?\d+|\d+\s*/\s*\d+|(?:one|last|remaining|other|first|final)"
    r"(?:\s+(?:remaining|outstanding|pending|two|three|few))?\s+(?:patch(?:es)?|one|commit)s?)\b",
    re.I)
_WHETHER = re.compile(r"\bwhether\b", re.I)
# "(the parsing bits are done, the rest isn't)": a piece's done, not the item's
_A_PIECE = re.compile(r"(?:\b(?:bits|parts|pieces|hunks|halves)|(?<!last )(?<!final )"
                      r"(?<!remaining )(?<!other )\b(?:part|bit|piece))"
                      r"\s+(?:(?:is|are|were|was)(?:\s+(?:now|already|all))?\s+)?$", re.I)
# a part of something as the subject of a done: "a few of the guards have been fixed"
_SOME_OF = re.compile(r"\b(?:a few|some|several|a couple|parts?|one|two|three|most|many) of"
                      r" (?:the|its|these|those|my|his|her|their)\b(?! (?:\w+ )?(?:reviewers?"
                      r"|maintainers?|committers?|folks|people|guys|team|developers?|authors?|colleagues?"
                      r"|users?|testers?|friends?)\b)",
                      re.I)
# Rules whose own words are negative: their negation words are the statement.
_PUSHED_ON = re.compile(r" (?:back |out )?to (?:the )?(?:\d{1,4}\.\d{1,4}\b(?!\.\d|-rc"
                        r"| branch| tree| staging)|next (?:release|version|cycle)\b)", re.I)
_CANNOT = re.compile(r"\bcan ?not\b", re.I)  # "I cannot find it in staging"
# the act a negative rule names, denied right before its words: "nothing to reopen", "no
# need to defer it", "I won't drop it", "it doesn't need to be deferred"
_ACT_NEGATED = re.compile(
    r"\b(?:nothing|no need|no reason|no point|not going) (?:to|in) (?:\w+ing )?$"
    r"|\bno need for (?:it|this|that|them) to (?:be )?$|\b(?:see|is) no (?:need|reason) to $"
    r"|\b(?:don[\x27’]?t|do not) see (?:a|any) (?:need|reason) to $"
    r"|\b(?:don[\x27’]?t|do not|doesn[\x27’]?t|does not|won[\x27’]?t|will not|wouldn[\x27’]?t"
    r"|would not|shouldn[\x27’]?t|should not|needn[\x27’]?t|need not|let[\x27’]?s not"
    r"|let us not|can[\x27’]?t|can ?not|couldn[\x27’]?t|could not|(?:is|are)(?:n[\x27’]t| not)"
    r" going to) (?:need to |have to |want to )?(?:be )?$", re.I)
# the act asked for after it was denied: "..., please drop it", "..., but we have to"
_ASKED_AGAIN = re.compile(r"\b(?:please|let[\x27’]?s|(?:but|so) (?:we|you) (?:have|need) to"
                          r"|(?:but|so) (?:we|you) (?:must|should))\b", re.I)
_AN_ACT = re.compile(r"(?:defer|drop|remov|reopen|re-open|postpon|punt|mov|withdr|abandon"
                     r"|pull|revert)\w*\b", re.I)


def _act_denied(rule: Rule, before: str, words: str) -> bool:
    """Whether the act a negative rule's `words` name is denied right before them ("there
    is nothing to reopen here", "it won't be deferred"; a negative rule's own words are its
    statement: "v8 won't be 4.19 material" is one)."""
    denied = _ACT_NEGATED.search(before[-40:]) if rule.name in _NEGATIVE_RULES else None
    return bool(denied) and (not denied.group(0).endswith("be ") or bool(_AN_ACT.match(words)))


_NOT_INSIDE = re.compile(r"\b(?:not|never|can ?not)\b|n[\x27’]t\b", re.I)
_NEGATIVE_RULES = frozenset(
    {"not-a-blocker", "deferred", "dropped", "reopen", "owner-named", "please-add", "move-to",
     "waiting-review", "out-of-scope", "steps-back", "partly-merged", "needs-version"}
)


# the modality patterns, for the learned reader too (bot/reply/classifier.py)
NEGATION, CONDITION, FUTURE, HEDGE, QUESTION = _NEGATION, _CONDITION, _FUTURE, _HEDGE, _QUESTION
HEDGED_BY = 0.6  # what a hedge leaves of a rule's confidence


@dataclass(frozen=True, eq=False)  # hashed by identity: the caches key on tuples of rules
class Rule:
    name: str
    kind: str
    value: str
    confidence: float
    wordings: tuple[str, ...]  # the patterns' text; each is compiled when first searched
    only_tag: str = ""
    _compiled: dict[int, re.Pattern[str]] = field(default_factory=dict, repr=False)

    def pattern(self, number: int) -> re.Pattern[str]:
        """Wording `number`, compiled once (one mail needs a few of the ~200: compiling
        them all cost a tenth of `todobot ingest`'s start-up)."""
        found = self._compiled.get(number)
        if found is None:
            found = self._compiled[number] = re.compile(self.wordings[number], re.IGNORECASE)
        return found

    @property
    def patterns(self) -> tuple[re.Pattern[str], ...]:
        return tuple(self.pattern(number) for number in range(len(self.wordings)))


@dataclass(frozen=True)
class Hit:
    """One rule firing on one sentence."""

    rule: Rule
    value: str  # the rule's value with the pattern's groups filled in
    groups: dict[str, str]
    confidence: float
    reasons: tuple[str, ...]
    span: tuple[int, int] = (0, 0)  # where in the sentence the words are


def compile_rules(raw: Iterable[dict]) -> tuple[Rule, ...]:
    rules = []
    for entry in raw:
        rules.append(
            Rule(
                name=entry["name"],
                kind=entry["kind"],
                value=entry["value"],
                confidence=float(entry.get("confidence", 0.8)),
                wordings=tuple(entry["patterns"]),
                only_tag=entry.get("only_tag", ""),
            )
        )
    return tuple(rules)


@lru_cache(maxsize=1)
def default_rules() -> tuple[Rule, ...]:
    # beside this module: importlib.resources and the zipfile it loads cost ~5 ms a process
    return compile_rules(_shipped_table(Path(__file__).with_name("vocabulary.toml")))


def _shipped_table(path: Path) -> list[dict]:
    """The vocabulary's rules as its TOML gives them, kept as JSON in the cache folder
    under a key of the file's bytes: reading the 126 KB of TOML cost ~7 ms of every
    `todobot ingest`, the JSON ~0.6 ms."""
    raw = path.read_bytes()
    name = f"vocabulary-{zlib.crc32(raw):08x}-{len(raw)}.json"
    table = cachefile.read(name)
    if isinstance(table, list) and all(isinstance(rule, dict) for rule in table):
        return table
    table = tomllib.loads(raw.decode("utf-8"))["rule"]
    cachefile.write(name, table)
    return table


@lru_cache(maxsize=8)
def _extra(frozen: str) -> tuple[Rule, ...]:
    import json

    return compile_rules(json.loads(frozen))


def rules_with(extra) -> tuple[Rule, ...]:
    """A list's own rules (from its config) ahead of the shipped ones."""
    if not extra:
        return default_rules()
    import json

    return _extra(json.dumps([dict(r) for r in extra], sort_keys=True)) + default_rules()


LONGEST = 600  # characters of one sentence read at once: a real one is far shorter
# a typographic apostrophe, a no-break space or hyphen (Outlook, Apple Mail, Gmail) reads as
# the plain one the wordings are written with (one character for one: the hits' spans stay
# those of the sentence as written)
TYPOGRAPHIC = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u00a0": " ",
                              "\u202f": " ", "\u2009": " ", "\u2007": " ", "\u2010": "-",
                              "\u2011": "-"})


def read_sentence(sentence: str, rules: tuple[Rule, ...], tag: str = "") -> list[Hit]:
    """Every rule that fires on `sentence`, with its confidence for this wording. A run-on
    "sentence" (a pasted log, a paragraph without stops) is read in pieces of at most
    `LONGEST` characters, so no wording's search can grow with the whole mail."""
    sentence = sentence.translate(TYPOGRAPHIC)  # "I’ll own this one" (Apple Mail, Outlook)
    if len(sentence) <= LONGEST:
        return _read_both_forms(sentence, _reader(rules), tag)
    hits: list[Hit] = []
    for piece in re.findall(rf"\S.{{0,{LONGEST - 1}}}(?=\s|$)|\S{{{LONGEST}}}", sentence,
                            re.DOTALL):
        hits += _read_both_forms(piece, _reader(rules), tag)
    return hits


# One thing said in its other form: "I am on it" / "I'm on it", "this isn't going to make
# it" / "is not going to". A wording written for one form reads the other too (a rule that
# matched the sentence as written, even to let it go, keeps its say). ("can't" reads as
# "can not": a negation is a word "not" for every guard that looks for one.)
_OTHER_FORM = {
    "i'm": "I am", "i am": "I'm", "i'll": "I will", "i will": "I'll", "i've": "I have",
    "i have": "I've", "it's": "it is", "it is": "it's", "that's": "that is",
    "that is": "that's", "there's": "there is", "there is": "there's", "let's": "let us",
    "let us": "let's", "we're": "we are", "we are": "we're", "we'll": "we will",
    "we will": "we'll", "they're": "they are", "they are": "they're", "it'll": "it will",
    "it will": "it'll", "isn't": "is not", "is not": "isn't", "aren't": "are not",
    "are not": "aren't", "wasn't": "was not", "was not": "wasn't", "won't": "will not",
    "will not": "won't", "can't": "can not", "cannot": "can't", "don't": "do not",
    "do not": "don't", "doesn't": "does not", "does not": "doesn't", "didn't": "did not",
    "did not": "didn't", "hasn't": "has not", "has not": "hasn't", "haven't": "have not",
    "have not": "haven't", "shouldn't": "should not", "should not": "shouldn't",
    "wouldn't": "would not", "would not": "wouldn't", "couldn't": "could not",
    "could not": "couldn't", "i would": "I'd",
}
# ... and without the adverbs a wording does not expect: "v8 was finally sent", "patches 1-3
# are now in" read as "v8 was sent", "patches 1-3 are in" (never "yet", "still", "no longer":
# what they say matters)
_SAID_IN_PASSING = frozenset({
    "now", "already", "finally", "just", "also", "eventually", "recently", "successfully",
    "actually", "indeed", "meanwhile", "fortunately", "thankfully", "luckily", "officially",
    "properly", "quietly"})


def _alternation(forms) -> str:
    return "|".join(re.escape(form).replace(r"\ ", " ")  # (the longest first; in one order
                    for form in sorted(forms, key=lambda f: (-len(f), f)))  # every process)


# ("it's been committed" is "it has been", not "it is been"; ASCII only: "İ am" is no "I am")
_IS_FORMS = {"it's", "that's", "there's"}
_FORM = re.compile(
    r"\b(?:" + _alternation(_IS_FORMS) + r")(?![\w'])(?! (?:been|got|gone)\b)"
    r"|\b(?:" + _alternation(set(_OTHER_FORM) - _IS_FORMS) + r")(?![\w'])"
    r"|(?<!\bfor )(?<!\buntil )(?<!\bby )(?<!\bfrom )(?<!\bright )\b(?:"
    + _alternation(_SAID_IN_PASSING) + r") (?=\w)"
    # (not in a phrase of its own: "now and then", "now that", "just in case", "just as")
    r"(?!(?:and then|and again|or never|that|on|in case|about|as|like|so)\b)",
    re.IGNORECASE | re.ASCII)

Swap = tuple[int, int, int, int]  # in the new text: where, how long; in the sentence: the same
# a sentence's way in, left out of the other form too ("FWIW, adding Mateo, who wrote it":
# the wordings that read a sentence from its start read what follows)
_WAY_IN = re.compile(r"^(?:(?:ok(?:ay)?|well|fwiw|btw|fyi|anyway|also|so|quick update|an update"
                     r"|just (?:fyi|to let you know))\s*[,:;!-]?\s+)+(?=\w)", re.IGNORECASE)


def _other_form(sentence: str) -> tuple[str, list[Swap]] | None:
    """The sentence with each form swapped for the other and its adverbs in passing left
    out, and where each swap stands; None with nothing to swap."""
    parts: list[str] = []
    swaps: list[Swap] = []
    last = length = 0
    way_in = _WAY_IN.match(sentence)
    if way_in:
        swaps.append((0, 0, 0, way_in.end()))
        last = way_in.end()
    for found in _FORM.finditer(sentence, last):
        said = found.group(0)
        other = _OTHER_FORM.get(said.lower())
        if other is None:  # an adverb in passing ("now "), or nothing known
            if said.strip().lower() not in _SAID_IN_PASSING:
                continue
            other = ""
        elif said[0].isupper():
            other = other[0].upper() + other[1:]
        elif not other.startswith("I"):  # (the pronoun keeps its capital)
            other = other[0].lower() + other[1:]
        parts.append(sentence[last:found.start()])
        length += found.start() - last
        swaps.append((length, len(other), found.start(), len(said)))
        parts.append(other)
        length += len(other)
        last = found.end()
    if not swaps:
        return None
    parts.append(sentence[last:])
    return "".join(parts), swaps


def _as_written(position: int, swaps: list[Swap], end: bool = False) -> int:
    """Where a position of the swapped text stands in the sentence as written (one inside
    a swapped form: that form's start, or its end for the end of a span)."""
    shift = 0
    for at, length, was_at, was_length in swaps:
        if position < at or (end and position == at and length):
            break
        if position < at + length or (end and position == at + length):
            return was_at + (was_length if end else 0)
        shift = was_at + was_length - at - length
    return position + shift


def _read_both_forms(sentence: str, reader: _Reader, tag: str) -> list[Hit]:
    matched: set[int] = set()
    blanked: list[str] = []
    hits = _read(sentence, reader, tag, matched, blanked=blanked)
    # the other form of what is left: words a rule quoted ("please add the deferred
    # rework series") stay hidden from the others
    other = _other_form(blanked[0] if blanked else sentence)
    if other is None:
        return hits
    text, swaps = other
    said = {(hit.rule.kind, hit.value) for hit in hits}
    for hit in _read(text, reader, tag, skip=matched):
        if (hit.rule.kind, hit.value) in said:
            continue  # (two wordings, one reading)
        start, end = hit.span
        hits.append(replace(hit, span=(_as_written(start, swaps),
                                       _as_written(end, swaps, end=True)),
                            reasons=(*hit.reasons, "other form")))
    return hits


def _read(sentence: str, reader: _Reader, tag: str, matched: set[int] | None = None,
          skip: set[int] | frozenset[int] = frozenset(),
          blanked: list[str] | None = None) -> list[Hit]:
    """The hits; `matched` gets every rule whose wording matched, stated or not, rules in
    `skip` are not read, and `blanked` gets the sentence with the words rules quoted hidden."""
    hits: list[Hit] = []
    seen: set[tuple[str, str]] = set()
    candidates = reader.candidates(sentence)
    # Rules that name a section or an item go first, and the words they quote
    # are then hidden from the others: "please add X to the Deferred to 4.6
    # section" defers nothing.
    for number, rule in enumerate(reader.rules):
        wordings = candidates.get(number)
        if not wordings or (rule.only_tag and rule.only_tag != tag) or number in skip:
            continue
        for wording in wordings:
            match = rule.pattern(wording).search(sentence)
            if not match:
                continue
            if matched is not None:
                matched.add(number)
            hit = _hit(rule, match, sentence)
            while hit is None and _act_denied(rule, sentence[:match.start()], match.group(0)) \
                    and (later := rule.pattern(wording).search(sentence, match.end())) and (
                    _ASKED_AGAIN.search(sentence, match.end(), later.start())):
                match = later  # "I won't drop it myself, please drop it": the act denied
                hit = _hit(rule, match, sentence)  # first, then asked for (not "... and
                # nobody should drop it", nor "we drop it when it is dead": a rule)
            if hit is None:
                continue  # these words state nothing; another wording of the rule may
            if (rule.kind, hit.value) in seen:
                break
            seen.add((rule.kind, hit.value))
            hits.append(hit)
            hidden = sentence
            for name in _QUOTING_GROUPS:
                if match.groupdict().get(name):
                    start, end = match.span(name)
                    sentence = sentence[:start] + " " * (end - start) + sentence[end:]
            if sentence != hidden:
                candidates = reader.candidates(sentence)
            break
    if blanked is not None:
        blanked.append(sentence)
    return hits


_ASKING = re.compile(
    r"^\W*(?:(?-i:[A-ZÀ-ÖØ-Þ][\w\x27’-]+),\s+)?"  # ("Viktor, would you consider it ...?")
    r"(?:is|are|was|were|has|have|had|did|does|do|can|could|will|would|should|shall|why"
    r"|what(?!(?:[\x27’]s| is) (?:still )?(?:missing|left|needed|remaining|outstanding) is\b)"
    r"|when|where|who|how|isn[\x27’]t|wasn[\x27’]t|hasn[\x27’]t|didn[\x27’]t|any)\b", re.I)
# ("What's missing is a review of patch 7; could one of you look?" states the wait)


# "Could you move it to Deferred and put my name on it?": the sender asks the RM to do it
_ASKS_YOU = re.compile(r"^\W*(?:(?:could|can|would|will) you|please)\b", re.I)
_ASKS_LEAVE = re.compile(r"^\W*(?:(?:should|shall) (?:I|we)|do you want (?:me|us) to"
                         r"|would you like (?:me|us) to|(?:would|does) it make sense to"
                         r"|would it be (?:ok|okay|possible|fine|alright) to)\b",
                         re.I)  # ("Would it make sense to take X too?" asks an opinion)


def _asks(sentence: str, after: str, at: int = 0) -> bool:
    """A question about the statement: its own clause ends in '?', or the sentence is
    asked from its first word ("Was this committed, or not?"). A statement followed by
    a question of another clause ("v7 is out, I sent it Tuesday - spam folder?") stands."""
    if not _QUESTION.search(sentence):
        return False
    colon = sentence.rfind(": ", 0, at)  # "A process question: does X mean Y, or Z?" asks
    return bool(_QUESTION.search(after) or _ASKING.match(sentence)  # of the words after it
                or colon >= 0 and _ASKING.match(sentence[colon + 2:])
                or not _CLAUSE.search(sentence) or _short_last(sentence, _QUESTION))


def _short_last(sentence: str, pattern: re.Pattern[str]) -> bool:
    """The sentence's last clause is a tag of three words or fewer that `pattern` finds:
    "..., I think?", "..., right?" speak of the whole statement."""
    parts = [p for p in _CLAUSE.split(sentence) if p and p.strip(" ?!")]
    last = parts[-1] if parts else ""
    return len(last.split()) <= 3 and bool(pattern.search(last + sentence[-1:]))


# what follows a reason is decided, whatever the reason's doubt
_BUT = re.compile(r"[,;]\s+but\s+(?=(?:it|this|that|they|v\d+|the|I|we|[A-Z]\w+)\b)")
_CONSEQUENCE = re.compile(
    r"[,;]\s+so\s+(?=please\b|let[\x27’]?s\b|I[\x27’]ll\b|I will\b|we[\x27’]ll\b"
    r"|(?:those|these|both|the last|the other) (?:two|three|ones?|patch(?:es)?)?\s?(?:need|want)"
    r"|what (?:we|I)(?:[\x27’]re| are| am|[\x27’]m) waiting for\b)",
    re.I)  # "... which I think can deadlock, so those two need a new version": the
# doubt is in the reason, the consequence is said plainly


# "I think we should also take this fix:": an ask put politely, not a doubt
_ASKS_TO_ADD = frozenset({"please-add", "wants-in"})
_OPINION_ASKS = re.compile(r"^\W*(?:(?:and|also|so),? )?I (?:think|believe|feel)(?: that)?"
                           r" (?:we|you) (?:should|ought to) (?:also )?(?:add|include|take|pick"
                           r"|track|merge|queue|get)\b", re.I)


def _asks_in_opinion(rule: Rule, sentence: str, after: str) -> bool:
    """An ask opened by the sender's opinion and hedged by nothing else ("I believe we
    should also take this fix:"; not "I think we should perhaps take it")."""
    opener = _OPINION_ASKS.match(sentence) if rule.name in _ASKS_TO_ADD else None
    return bool(opener) and not (_HEDGE.search(sentence, opener.end()) or _HEDGE.search(after))


def _hedged(sentence: str, match: re.Match[str], before: str, after: str) -> bool:
    """A hedge before the statement, in its own clause, or in a short tail ("committed, I
    think"); not one in a later clause of its own ("the patches are pushed, so this
    should be fixed" states the push)."""
    when = _WHEN_HEDGED.search(sentence, match.end())
    said = sentence[: when.start()] if when else sentence  # "..., hopefully by Friday": the
    tail = said[match.end():]  # statement before it stands
    head = _CONSEQUENCE.split(sentence[: match.end()])[-1]  # "I don't think X, so please Y"
    head = _BUT.split(head)[-1]  # "That may be true, but it went in yesterday" states it
    parts = _ASKED_AFTER.split(head)  # "I'd rather do it properly: please move it" asks
    if len(parts) > 1 and _PREFERENCE.search(parts[-2]) and not _CONDITION.search(parts[-2]):
        head = parts[-1]
    acted = _ACTS_AFTER.split(head)  # "in my opinion it is not critical: I would move it to
    head = acted[-1]  # the next release": the opinion is the reason, the act after it
    if _IMPRESSION.search(before):
        return True  # "I had the impression a v12 was being prepared" (its own clause only)
    first, semi, rest = sentence.partition(";")
    if semi and match.start() < len(first) and _ASKED.search(first) and _PREFERENCE.search(rest):
        head, after = head.split(";")[0], ""  # "Please move it to 4.32; I'd rather post it
        # early next cycle": the request stands, its reason after it (not "Please keep an
        # eye on it; maybe it should be deferred", nor "please correct me if ...")
    return bool(_HEDGE.search(head) or _HEDGE.search(after)
                or (len(tail.split()) <= 4 and _HEDGE.search(tail))
                or _short_last(said, _HEDGE))


# what the sender supposes: "I had the impression a v12 was being prepared"
_IMPRESSION = re.compile(r"\bI(?: had| have| got| was under| am under|[\x27’]m under)"
                         r" the impression|\bmy impression (?:is|was)\b", re.I)
# a request after a colon: a preference before it is its reason ("I'd rather not rush it:
# please move it"), no doubt of it
_ASKED_AFTER = re.compile(r"[:;]\s+(?=please\b)", re.I)
_ACTS_AFTER = re.compile(r": {1,3}(?=(?:so )?(?:I(?:[\x27’]d| would| will|[\x27’]ll)|let[\x27’]?s"
                         r"|we (?:should|will|can))\b)", re.I)
_ASKED = re.compile(r"\bplease (?:just )?(?:move|put|mark|drop|defer|add|carry|take|keep it|list"
                    r"|note|update|change|remove|push|park|leave|record|track)\b", re.I)
_PREFERENCE = re.compile(r"\bI(?:[\x27’]d| would) (?:rather|prefer)\b", re.I)
# a last clause that hedges only when ("..., probably for -rc6", "..., hopefully tomorrow"):
# the statement before it stands
_WHEN_HEDGED = re.compile(
    r",\s{0,3}(?:probably|hopefully|likely|maybe|possibly) (?:(?:for|by|in|with|around|before"
    r"|on) )?(?:the )?(?:next \w+|-?rc\d+|v?\d+\.\d+(?:-rc\d+)?|tomorrow|today|tonight|this \w+"
    r"|(?:mon|tues|wednes|thurs|fri|satur|sun)day)\s{0,3}[.!]?\s{0,3}$", re.I)


@dataclass(frozen=True)
class _Reader:
    """Rules in reading order, and which of their wordings a sentence can match."""

    rules: tuple[Rule, ...]
    # a text some wordings need → those (rule, wording, other texts they need, one of
    # each set)s: the rarest text a wording needs is looked for first, the others then;
    # kept by the text's first three letters (shorter ones under ""), so a sentence tests
    # only the texts that start with one of its own three-letter runs
    by_start: Mapping[str, tuple[tuple[str, tuple[tuple[int, int, tuple[frozenset[str], ...]],
                                                  ...]], ...]]
    always: tuple[tuple[int, int], ...]  # wordings with no text they need

    def candidates(self, sentence: str) -> dict[int, list[int]]:
        """rule → its wordings (in order) whose needed texts the sentence has."""
        lowered = folded(sentence)
        found: dict[int, set[int]] = {}
        for rule, wording in self.always:
            found.setdefault(rule, set()).add(wording)
        starts = {lowered[n : n + 3] for n in range(len(lowered) - 2)}
        starts.add("")
        for owners in [owners for start in starts.intersection(self.by_start)
                       for text, owners in self.by_start[start] if text in lowered]:
            for rule, wording, also in owners:
                for one in also:  # (loops, not all() over a generator: this runs for
                    for text in one:  # every wording of every sentence)
                        if text in lowered:
                            break
                    else:
                        break  # none of this set's texts is there
                else:
                    found.setdefault(rule, set()).add(wording)
        return {rule: sorted(wordings) for rule, wordings in found.items()}


def may_read(text: str, rules: tuple[Rule, ...]) -> bool:
    """Whether any wording of the rules can match somewhere in the text: the texts they
    need are there (a cheap gate before reading the text sentence by sentence)."""
    return bool(_reader(rules).candidates(text))


@lru_cache(maxsize=8)
def _reader(rules: tuple[Rule, ...]) -> _Reader:
    """The rules in reading order, with the texts each wording needs (substring
    tests instead of a regular-expression search for most)."""
    flat = needed_all([w for rule in rules for w in rule.wordings])
    read, start = [], 0
    for rule in rules:
        read.append(flat[start : start + len(rule.wordings)])
        start += len(rule.wordings)
    order = sorted(range(len(rules)), key=lambda n: not any(
        name in groups for _texts, groups in read[n] for name in _QUOTING_GROUPS))
    needs: dict[str, list[tuple[int, int, tuple[frozenset[str], ...]]]] = {}
    always: list[tuple[int, int]] = []
    for number, original in enumerate(order):
        for wording, (texts, _groups) in enumerate(read[original]):
            if not texts:
                always.append((number, wording))
                continue
            for text in texts[0]:  # the rarest, and up to two more checked then
                needs.setdefault(text, []).append((number, wording, texts[1:3]))
    by_start: dict[str, list[tuple[str, tuple]]] = {}
    for text, owners in needs.items():
        by_start.setdefault(text[:3] if len(text) >= 3 else "", []).append(
            (text, tuple(owners)))
    return _Reader(tuple(rules[n] for n in order),
                   {start: tuple(pairs) for start, pairs in by_start.items()}, tuple(always))


_HOW_IT_WORKS = re.compile(r"\b(?:are|get) (?:\w+ ){0,2}?(?:\w+ed|built|made|written|sent"
                           r"|taken|run)\b[^.;()]{0,80}\band $", re.I)
_WHERE_WRITTEN = re.compile(r" the (?:\w+ ){0,2}(?:thread|mail|e-?mail|discussion|review"
                            r"|cover letter|notes?|comments?|doc(?:ument)?|wiki|ticket|bug)\b",
                            re.I)
_A_BRANCH = re.compile(r" (?:my|his|her|their|our|a|the) (?:[\w-]+ )?branch\b(?! (?:to|into) "
                       r"(?:staging|master|mainline|the (?:tree|staging)))", re.I)
# patches named by number that stay where they are: "#1 and #3 stay as they are in staging"
_SOME_PATCHES = re.compile(r"(?:patch(?:es)? #?|#)\d{1,2}(?:(?:,| and| &) #?\d{1,2}){0,6}"
                           r" (?:stay|stays|remain|remains)\b[^.;]{0,30}$", re.I)
_WHOLE_SAID = re.compile(r"\b(?:all|both|whole|entire|complete|rest|remaining|last|final|every)\b",
                         re.I)
# (not "until the follow-up is in": how long it holds; nor "after the release": when)
_WAITS_ON = re.compile(r"\s(?:once|when|if|unless|as soon as|after (?:that|this|he|she|they|we))\b",
                       re.I)
_OTHERWISE = re.compile(r"(?:^|[,;:] {0,3}|\b(?:and|but) {1,3})(?:otherwise|if not|failing that"
                        r"|or else),? {1,3}(?:\w+ {1,3}){0,3}$", re.I)
_IF_BEFORE = re.compile(r"\b(?:if|unless|once|by (?:friday|monday|the \w+)|I[\x27’]ll)\b", re.I)
_STAYS_LISTED = re.compile(r"[^.;]{0,60}?,? {1,3}but\b[^.;]{0,80}\b(?:stays|remains|stay|remain"
                           r"|is kept) (?:on|in) (?:the|this|my|our) (?:\w+ )?(?:list|tracker)\b",
                           re.I)
_WILL_DO = re.compile(r"(?:\bwill|[\x27’]ll|\bgoing to) {1,3}(?:\w+ {1,3})?$", re.I)
_NOT_MOVED = re.compile(r"(?:n[\x27’]t|\bnot|\bnever) (?:get to |have to |need to |going to )?"
                        r"(?:slip|go|move|be (?:moved|deferred|pushed|punted)|get (?:pushed|moved"
                        r"|deferred|punted)) {0,3}$", re.I)
_ON_MY_DESK = re.compile(r" (?:on|in) (?:my|his|her|their|our|the team[\x27’]s)"
                         r" (?:desk|plate|lap|table|inbox)\b", re.I)
_KEPT_POSTED = re.compile(r"\b(?:keep(?:s|ing)?|kept) (?:\w+ ){1,2}$", re.I)
_NO_BUSINESS = re.compile(r"\bno (?:business|reason|point|way|chance) {1,3}$", re.I)
_WHILE = re.compile(r"\s{1,3}(?:while|whenever|each time|every time|on the fly"
                    r"|at (?:boot|run ?time))\b", re.I)
_CAN_BE = re.compile(r"\b(?:can|could|may|might|would)\s+(?:still\s+)?(?:be|get)\s+$", re.I)
_WORKED_OUT = re.compile(r"\b(?:sorted|worked|figured|hashed|ironed|sort|work|figure) out\b",
                         re.I)


def _no_such_state(value: str, match: re.Match[str], sentence: str, before: str) -> bool:
    """Whether words that name a state say something else of the item in this sentence."""
    if value in _EVENTS:
        if _CAN_BE.search(before) or _WORKED_OUT.search(sentence[max(0, match.start() - 12):
                                                                 match.start() + 4]):
            return True  # "that can be sorted out on the list": may happen, has not
        if _WHAT.search(before):
            return True  # "what went in are the build jobs": the clause names a thing
        own = match.group(0).lower().startswith(("mark", "move", "put")) or _CALLED.match(
            match.group(0)) is not None and _MY_CALL.search(before) is not None and \
            not _LATER.match(sentence, match.end())
        if _INFINITIVE.search(before) and not (own and _FUTURE.search(before)) or \
                _MODAL_BE.search(before) or _WISHED.search(before):
            return True  # "time to get it merged": a purpose, not an event; "patch 4 must
            # be respun": to be done
        if _FUTURE.search(before) and not own:
            return True  # "X is going to ... respin it" has not happened; "I'll mark it
            # done" (or "move it to completed", "I'm going to call this done") is the RM's
            # own doing, said as they do it
    if value in _EVENTS and _DEADLINE.match(sentence, match.end()) and _AHEAD.search(
            sentence, max(0, match.start() - 80), match.start()):
        return True  # "I can't see that being committed by Mar 6": a deadline ahead ("it
        # went out by the deadline, as promised" met one)
    if value == "done" and match.group(0).lower().endswith("pushed") and _PUSHED_ON.match(
            sentence, match.end()):
        return True  # "It was pushed to 4.32": to a later release, not into the tree
    if value in ("done", "partly_merged") and (_LOCAL.search(sentence) or _NOT_PUSHED.match(
            sentence, match.end())):
        return True  # "applied on top of my local branch for testing": nobody's tree but mine
    if _WHETHER.search(before):
        return True  # "we went back and forth on whether to take the lock or to defer it"
    if value == "done" and (_SOME_OF.search(before) or _A_PIECE.search(before)):
        return True  # "a few of the header guards have been fixed by other patches": some
    if value == "done" and match.group(0).lower().endswith("all in") and _WHERE_WRITTEN.match(
            sentence, match.end()):
        return True  # "the open points are all in the v2 thread": where they are written
    if value == "done" and match.group(0).lower().endswith("pushed") and _A_BRANCH.match(
            sentence, match.end()):
        return True  # "I've pushed my branch for her": shared, not merged
    if value == "done" and _SOME_PATCHES.search(before) and not _WHOLE_SAID.search(sentence):
        return True  # "#1 and #3 stay as they are in staging": those patches, told again
    if value == "deferred" and _NOT_MOVED.search(before[-60:]):
        return True  # "a known regression doesn't get to slip to the next release"
    if value == "done" and _ON_MY_DESK.match(sentence, match.end()):
        return True  # "a board bring-up landed on my desk on Monday": work came, none went in
    if value == "patch_posted" and _KEPT_POSTED.search(before[-40:]) and match.group(
            0).lower().startswith("posted"):
        return True  # "do keep us posted on the bisect", "thanks for keeping me posted"
    if _NO_BUSINESS.search(before[-40:]):
        return True  # "it has no business going in now": what should not happen
    if value == "done" and _HOW_IT_WORKS.search(before[-140:]) and _WHILE.match(
            sentence, match.end()):
        return True  # "(payloads are built from two builds and applied while ...)": how a
        # thing works, told in the present, not what became of the item
    if value == "done" and _REVIEW_DONE.search(before):
        return True  # "the review part is done", "testing is complete": a step, not the item
    if value == "done" and _CONSTANT.search(sentence[max(0, match.start() - 40): match.end()]):
        return True  # "the vram size is fixed in the device model": constant, not repaired
    if _THEIR_WISH.search(sentence[: match.start()][-160:]):
        return True  # "Andrew mentioned that he'd rather see it early next cycle": his wish
    if value in ("done", "partly_merged") and _WITH_APPLIED.search(
            sentence[max(0, match.start() - 60): match.end()]):
        return True  # "with Roger's patch #4 applied I can't reproduce it": a test set-up
    if _OTHER_WORK.search(sentence[: match.start()][-200:] if _THAT_ONE.match(before)
                          else before):
        return True  # "I plan a similar change for PV, but that is 4.34 material": not this
    if value == "dropped" and (_RESOLVED.search(sentence, 0, match.start()) or (
            (later := _RESOLVED.search(sentence, match.end())) is not None
            and not _UNREAL.search(sentence, match.end(), later.start()))):
        return True  # "I will treat that as resolved and drop it from the open issues", "...
        # drop it from the open issues since it got fixed" (not "I'll drop it, as I see
        # nothing that would have fixed it": a reason after it, said of what did not happen)
    # "the one remaining patch was superseded": a patch, not the item
    return value == "dropped" and bool(_PART_OF.search(sentence[: match.start()]))


def _unless_polite(before: str, match: re.Match[str], sentence: str) -> str:
    """The statement's clause before it, with a polite "it's best if you ..." taken out:
    that asks, it sets no condition."""
    said = sentence[: match.end()]
    if not _POLITE_IF.search(said):
        return before
    kept = _POLITE_IF.sub(" ", said)
    return _CLAUSE.split(kept[: len(kept) - len(match.group(0))])[-1]


def _state_named(words: str) -> tuple[str | None, str]:
    """(the state the first words name, the words after it): "in progress until v5 is
    posted" is in progress, "the default that was fixed" names none."""
    parts = words.strip(" \"'").split()
    for count in range(1, min(4, len(parts)) + 1):
        named = status_from_text(" ".join(parts[:count]))
        if named is not None:
            return named.value, " ".join(parts[count:])
    return None, ""


def _hit(rule: Rule, match: re.Match[str], sentence: str) -> Hit | None:
    """The rule's reading of one match, or None when the words state nothing."""
    groups = {k: v for k, v in match.groupdict().items() if v}
    value, confidence = rule.value, rule.confidence
    for key, group in match.groupdict().items():  # (an empty group that took part: "please
        if group is not None:  # add" over the title below says nothing itself)
            value = value.replace("{" + key + "}", group.strip())
    if rule.value == "{state}":  # "mark it as in progress": its first words name the state
        named, rest = _state_named(value)
        if named is None:
            return None
        value = named
        if _ONCE.search(rest) or _ONCE.match(sentence[match.end():].lstrip()):  # "update it to done
            # once the last patch lands", "I'd consider it done once Jan acks" ("in progress
            # until v5 is posted" says how long)
            confidence = min(rule.confidence, 0.5)
    reasons = [f"rule {rule.name}"]
    # negation counts only inside the statement's own clause
    before = _CLAUSE.split(sentence[: match.start()])[-1]
    after = _CLAUSE.split(sentence[match.end() :])[0]
    which = _WHICH.search(sentence[: match.start()])
    if which and (_MEANS.match(sentence, which.end()) or _CLAUSE_AFTER.search(
            sentence, which.end(), match.start()) or _LEFT_PART.search(
            sentence, 0, which.start())):
        which = None  # "..., which means a v3 from me", ", which fails, so it needs a v3"
    if _RELATIVE.search(before) and not (_SAID_THAT.search(before) or _CLEFT.search(before)) \
            or which or _WHOEVER.search(before):
        return None  # "the changes that went in", ", which drops the patches already committed"
    if _NOT_TO.search(before) or (rule.name == "deferred" and match.group(0)[:5].lower()
                                  == "defer" and _DEFER_DECLINED.search(before)) or (
            rule.name == "partly-merged" and not _NEGATION.search(match.group(0))
            and _NEGATION.search(before[-25:])):  # "Jan has not yet committed 1 and 2"
        return None  # "I would prefer not to put it in the blocker list": declined
    if _DONT.search(before) or (rule.kind == "status" and _SINCE_THEN.search(before)):
        return None  # "Please don't drop it"; "we lose 15 % since the change went in"
    if _NOT_ASKING.search(before):
        return None  # "Just curious, I'm not asking to reopen it": the act disclaimed
    if _RATHER_THAN.search(sentence, 0, match.start()):
        return None  # "drop it rather than keep it as deferred": the course not taken
    if rule.value in ("done", "partly_merged") and _NOW_THAT.search(sentence, 0, match.start()):
        return None  # "... no problem any more now that the XSA fix is in": a premise about
        # other work, not news of the item
    if _COUNTERFACTUAL.search(before) or (_COUNTERFACTUAL_HAVE.match(match.group(0))
                                          and _MODAL_END.search(before)):
        return None  # "it should have been committed weeks ago": what did not happen
    if rule.value == "done" and _OWN_PART_WORDS.search(match.group(0)) and (
            _MY_SIDE.search(before) or _MY_SIDE.match(after.lstrip(" ,"))):
        return None  # "From my side it is complete now; it is only waiting for Stefano": the
        # author's part is ready, the work not in
    if rule.value == "done" and _MOST_ARE.search(before):
        return None  # "(though most of those are done)": some of other things, not the item
    if rule.value == "done" and _OTHERS_WORK.search(before) and _MISSED_THIS.search(
            sentence, match.end()):
        return None  # (what went in is other work: this one was missed)
    if rule.kind == "status" and _BELIEVED.search(sentence, 0, match.start()):
        if _BUT_NOT.search(sentence, match.end()):
            return None  # "I assumed it was committed, yet I can't spot it": it was not
        confidence = min(confidence, 0.5)  # "I thought this went in already": a belief
        reasons.append("belief")
    offer = _OFFER_IF.search(before) if rule.name == "owner-self" else None
    if _CONDITION.search(_unless_polite(before, match, sentence)):
        if rule.value not in ("deferred", "dropped") and not offer \
                and rule.value != "{state}" and not (
                    rule.kind == "move" and RELEASE_NAMED.match(value.strip())
                    and _MOVES_WORK.match(match.group(0))):
            # ("if it is green, I'll mark it done": a proposal; "if it can't be reviewed in
            # time I can live with it moving to 4.33" too)
            return None  # "once the documentation is in": not a fact yet (but "if nobody
            # else is on it I could take this item" offers it: a proposal)
        confidence = min(confidence, 0.5)  # "Unless that gets sorted out I'd be surprised
        reasons.append("condition")  # if this makes 4.19": a deferral, as things stand
    if (_PLANNED.search(match.group(0)) or _PLANNED.search(before)) and _PLAN_CONDITION.search(
            after):
        if rule.value not in ("deferred", "dropped"):
            return None  # "I'll look into it as soon as the XSA batch is out": a plan on a
            # condition (but "it will slip to 4.33 if we can't agree" is a deferral the RM
            # may want to weigh)
        confidence = min(confidence, 0.5)
        reasons.append("condition")
    if rule.kind == "status" and _no_such_state(rule.value, match, sentence, before):
        return None
    if rule.kind in ("status", "owner") and any(
            q.start() < match.start() and match.end() < q.end() and not _SETS_TO.search(
                sentence, max(0, q.start() - 60), q.start())
            for q in _IN_QUOTES.finditer(sentence, max(0, match.start() - 200),
                                         match.end() + 200)):
        return None  # '"need actions from the author" is not where we are': words cited
        # (but "I've changed it to \"needs a new version\"" sets them)
    if _NEITHER.search(before[-40:]) and _NOR.search(sentence):
        return None  # "neither abandoned nor finished": no state at all
    question = _asks(sentence, after, match.start())
    # "I didn't notice it was already merged": it was (a look-up only a negation needs)
    seen = _UNNOTICED.search(sentence) if _NEGATION.search(before) else None
    stated = sentence[seen.end():match.start()] if seen and match.start() - len(
        before) <= seen.end() <= match.start() else before[offer.end():] if offer else before
    if rule.name not in _NEGATIVE_RULES and (
        _NEGATION.search(stated[-40:]) or _CANNOT.search(stated[-40:])
        or _NEGATION.search(after[:25])
        # "This has not gone in": the negation inside the words the rule matched
        or rule.value == "done" and _NOT_INSIDE.search(match.group(0))
    ):
        if not question:
            return None  # "not done yet" states nothing new; "isn't this done?" asks
        reasons.append("negated")
    if not question and _act_denied(rule, stated, match.group(0)):
        return None  # "there is nothing to reopen here", "no need to defer it"
    if question and (rule.name not in _REQUESTS and not (
            rule.name == "owner-self" and _ASKS_YOU.match(sentence))
            or _ASKS_LEAVE.match(sentence)):
        confidence = min(confidence, 0.3)  # (a request asked is still one; "Should I mark it
        reasons.append("question")  # as done?" asks leave to act, and acts on nothing)
    if rule.kind == "move" and _MISTAKEN.search(before + match.group(0) + after):
        return None  # "I put this under Completed too early": where it should not be
    if value == "deferred" and _NEXT_WORK.search(sentence, 0, match.start()):
        return None  # "Next on the PPC side is the MMU groundwork, but that is 4.20
        # material": what comes after the item is put off, not the item
    if rule.value == "done" and _ASKED_FOR_DONE.search(sentence, 0, match.start()):
        return None  # "The maintainer wanted the strings validated, that is done now": the
        # change a review asked for is made, the item is not finished
    if rule.kind == "owner" and "{sender}" not in rule.value and _TO_CONFIRM.search(
            sentence, match.end()):  # "X has offered to carry it on, but he should
        confidence = min(confidence, 0.5)  # confirm that on the list himself": his to say
        reasons.append("condition")
    if _ONLY_IF.match(after):  # "another revision is needed only if Dario insists"
        confidence = min(confidence, 0.5)
        reasons.append("condition")
    if _OBJECTIONS_CALLED.search(sentence, 0, match.start()):
        # "Unless somebody objects by Friday, when the freeze starts, I'll carry it over":
        # the decision waits for the objections it calls for
        confidence = min(confidence, 0.5)
        reasons.append("condition")
    later = _LATER_CONDITION.search(sentence, match.end()) if _TO_COME.search(
        match.group(0) + after) else None
    if later and not (rule.value == "deferred" and "unless" in later.group(0).lower()):
        # "A v4 should appear next week, once we agree on the macro": what is to come,
        # on a condition said after it (but "So it will have to wait for 4.31.2, unless
        # an urgent need turns up" decides, the way out only named)
        confidence = min(confidence, 0.5)
        reasons.append("condition")
    if rule.kind == "move" and _WILL_DO.search(before) and _WAITS_ON.search(
            match.group(0)):
        confidence = min(confidence, 0.5)  # "I'll move it to 4.18 once Jan acks it", "...
        reasons.append("condition")  # after that": the RM's own act, on a condition not met
    if rule.kind == "status" and (_OTHERWISE.search(sentence, max(0, match.start() - 40),
                                                    match.start())
                                  and _IF_BEFORE.search(sentence, 0, match.start())
                                  or rule.value == "deferred"
                                  and _STAYS_LISTED.match(sentence, match.end())):
        confidence = min(confidence, 0.5)  # "If a v6 is out by Friday I'll take it; otherwise
        reasons.append("condition")  # it moves to 4.18"; "fine with deferring the rework, but
        # the regression stays on this list until ...": what may be, not what is
    if _IF_CLAUSE.search(sentence[: match.start()]):
        # "if they are not reviewed by the freeze, I will move them to 4.20": the main
        # clause after its condition is a proposal, the condition not met yet
        confidence = min(confidence, 0.5)
        reasons.append("condition")
    heard = _HEARSAY.search(sentence, 0, match.start()) or _RUMOUR.search(
        sentence, 0, match.start())
    if heard and not _OWN_CONCLUSION.search(sentence, heard.end(), match.start()):
        confidence = min(confidence, 0.5)  # "Maelle told me yesterday that v3 is only waiting
        reasons.append("reported")  # for Callum": hers to say (but "George said on IRC
        # that he'll push it, so it's only waiting on him now" is the sender's conclusion)
    if _hedged(sentence, match, before, after) and not _asks_in_opinion(rule, sentence, after):
        confidence *= HEDGED_BY
        reasons.append("hedged")
    return Hit(rule, value, groups, round(confidence, 3), tuple(reasons), match.span())
