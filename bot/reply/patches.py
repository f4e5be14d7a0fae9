"""The fix sent as the answer: a patch below the sender's words, or a patch mail
(`git send-email --in-reply-to` the report) whose commit message quotes the failure.

Kernel developers answer a robot's or a tester's report with the diff ("Fix below",
"-- >8 --" and a commit message): the item has a patch posted. One offered for a try
("something like the below, untested", "let's see what the bot makes of it") is a
proposal; one the words give as someone else's ("Jan's draft does roughly:") is no news
of the sender's. Pure functions on the sender's words; `bot.reply.analysis` decides the
item.
"""

from __future__ import annotations

import re

from bot.lazy import LazyPattern
from bot.mail.quote import Block, BlockKind

# a patch offered for a try or a discussion, not posted as the fix
_OFFERED = LazyPattern(
    r"\b(?:something (?:like|along the lines of)|untested|not (?:even )?(?:been )?"
    r"(?:compile[- ]|build[- ]|properly |really )?tested|(?:only|just) (?:compile|build)[- ]"
    r"tested|compile[- ]tested only|how about|does (?:this|the below|the following) (?:help"
    r"|work|fix)|would (?:this|the below|the following) (?:help|work|do)|(?:can|could) you "
    r"(?:please )?(?:try|test)|please (?:try|test)|see what the bot|for the bot|#\w+ test\b"
    r"|a quick hack|hack(?:ed)? (?:up|together)|idea below|the idea is|roughly\b"
    r"|not (?:a )?(?:proper|real|formal) (?:patch|fix)|if it works(?: for you)?)", re.I)
# words that give the diff as someone else's ("Jan's draft ...", "his patch does")
_THEIRS = LazyPattern(r"(?-i:\b[A-Z][a-z]+)[\x27’]s (?:\w+ )?(?:draft|patch|fix|version|"
                      r"change|series|approach)\b|\b(?:his|her|their) (?:\w+ )?(?:draft|patch|"
                      r"fix|version|change)\b", re.I)


def patch_below(blocks: list[Block] | tuple[Block, ...], number: int) -> tuple[str, ...] | None:
    """The sender's words around the patch that follows block `number` before the next
    quote (the block's own, a commit message, words after the diff); None without one."""
    words = [blocks[number].lines]
    patched = False
    for block in blocks[number + 1:]:
        if block.kind is BlockKind.QUOTE and any(line.strip() for line in block.lines):
            break
        patched = patched or block.kind is BlockKind.PATCH
        if block.kind in (BlockKind.NEW, BlockKind.SNIP):  # (scissors are a snip)
            words.append(block.lines)
    return tuple("\n".join(lines) for lines in words) if patched else None


def posted(words: tuple[str, ...]) -> bool | None:
    """Whether the patch is posted as the fix (True), offered for a try (False), or
    someone else's, described (None)."""
    lead = words[0].rstrip()[-300:]
    if _THEIRS.search(lead) and not any(_SCISSORS.search(w) for w in words):
        return None
    return not any(_OFFERED.search(w) for w in words)


# the sender's own patch, by its form: scissors, a commit's subject or sign-off
_SCISSORS = re.compile(r"^[ \t]*-*+ ?(?:>8|8<) ?-*+[ \t]*$|^Subject: \[PATCH|^Signed-off-by: ",
                       re.M)
