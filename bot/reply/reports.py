"""A problem reported in answer to the post itself: a proposed new item for the RM.

An RC announcement or a call for patches draws reports ("rc2 fails to build the
Windows installer", "the new runner crashes on ppc64"): no item of the post is
quoted, so no rule reads them, and the mail would count as talk beside the list.
But such a report is what a release thread is for; the RM decides whether it is
a blocker. So its first sentence that tells of a failure is proposed as a new
item (never applied: whose problem it is, and whether it is one, is the RM's
call), and only from a mail that quotes the post's own words: a sub-thread's
debugging answers another mail.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from bot.lazy import LazyPattern

# what tells of a failure: "fails to build", "crashes on s390x", "is broken on arm64",
# "hits a bug in the installer builder", "a regression since rc1", "hangs at boot" (not "I
# failed to notice", "broken by my mailer")
_PROBLEM = LazyPattern(
    r"\b(?:fail(?:s|ed|ing|ure)?(?! to (?:notice|see|mention|understand|reali[sz]e|read|find))"
    r"|crash(?:es|ed|ing)?|broken(?! by\b)|breaks|regress(?:ion|ed)|hangs?|hung|segfaults?"
    r"|deadlocks?|oops(?:es)?|panics?|(?:an?|some) (?:issue|problem|bug)s? (?:with|in|on|when"
    r"|while)|(?:does|do|did)(?: not|n[\x27’]?t) (?:build|boot|compile|start|work|link)"
    r"|(?:build|compile|link) errors?)\b", re.I)
# what says there is none, or asks, or only might be, or offers the cure, or is about the
# mail itself: "no regressions here", "does it fail for you too?", "all tests pass", "fail:
# 0", "this patch fixes the failure", "please ignore my last mail", "sorry to hear it was
# painful"
_NO_PROBLEM = LazyPattern(
    r"\?|\b(?:no|not(?! (?:build|boot|compile|start|work|link)\b)|nothing|none|without|never|if"
    r"|unless|whether|might|may|could|would|fix(?:es|ed|ing)?|patch(?:es|set)?"
    r"|revert(?:s|ed|ing)?|ignore|sorry|mailer|link|hear)\b"
    r"|\b(?:all|everything) (?:look|looks|pass|passes|passed|good|fine|works)\b"
    r"|\bfail(?:s|ed|ures?)?\s*[:=]\s*0\b", re.I)  # ("total: 118 pass: 118 fail: 0")
# a line of a pasted log, not a sentence of the sender's: "tst_test.c:1234: TFAIL: ..."
_LOG_LINE = LazyPattern(r"^\S+:\d+:|\b(?:T(?:FAIL|BROK|WARN|CONF|PASS)|BUG|WARNING|Oops):",
                        re.I)
_MIN_QUOTED = 2  # lines of the post a mail must quote to answer it (a greeting is one)


def quotes_post(quoted: Iterable[str], own: str) -> bool:
    """Whether quoted lines are the post's own prose (`own`: its preamble and closing as
    words on one line): at least two longer lines of it, as words (a mailer that re-flows
    the quote breaks its lines elsewhere)."""
    if not own:
        return False
    found = 0
    for number, line in enumerate(quoted):
        words = " ".join(line.split())
        if number >= _MOST_QUOTED_LINES:
            break
        if len(words) >= 20 and words in own:
            found += 1
            if found >= _MIN_QUOTED:
                return True
    return False


_MOST_QUOTED_LINES = 400  # the post is quoted near the top; a long quote is not read to its end


def reported_problem(sentences: Iterable[str]) -> str:
    """The first sentence that tells of a failure, plainly ("" when none does), up to its
    first colon or semicolon (what follows is the detail: "...: it dies with SIGBUS")."""
    for sentence in sentences:
        if 4 <= len(sentence.split()) <= 60 and _PROBLEM.search(sentence) \
                and not _NO_PROBLEM.search(sentence) and not _LOG_LINE.search(sentence):
            title = _TITLE_TO.split(sentence, maxsplit=1)[0]
            return _POINTS_TO_LOG.sub("", title).rstrip(" .,")[:_LONGEST]
    return ""


# the clause that only says where the evidence is: "..., the whole log is at:"
_POINTS_TO_LOG = re.compile(r",\s{0,3}(?:the |a |my )?(?:whole |full |complete )?(?:build )?(?:log|"
                            r"output|trace|backtrace|details|report)s? (?:is|are) (?:at|here|below"
                            r"|attached)\W*$", re.I)


_TITLE_TO = re.compile(r"[:;]\s|\s-{1,2}\s")
_LONGEST = 160
