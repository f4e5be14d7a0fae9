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
    r"\b(?:something (?:like|along the lines of|in this direction)|untested"
    r"|not (?:even )?(?:been )?(?:compile[- ]|build[- ]|properly |really )?tested"
    r"|(?:only|just) (?:compile|build)[- ]tested|compile[- ]tested only|how about|(?:does"
    r"|would|will|can) (?:this|the below|the "
    r"following)(?: (?:patch|change|diff|hack|hunk))? (?:help|work|do|fix|be acceptable)"
    r"|(?:can|could|would) you (?:please )?(?:try|test|check whether|check if|give (?:it|this|"
    r"that) a (?:try|go|spin)|run with)|please (?:try|test)|give (?:it|this|that) a (?:try|go"
    r"|spin)|see what the bot|for the bot|#\w+ test\b|debug(?:ging)? patch|in this direction"
    r"|a quick hack|hack(?:ed)? (?:up|together)|idea below|the idea is|roughly\b"
    r"|not (?:a )?(?:proper|real|formal) (?:patch|fix)|if it works(?: for you)?)", re.I)
# words that give the diff as someone else's ("Jan's draft ...", "his patch does", "your
# patch misses this hunk") or as the cause, not the cure ("bisected to this change:")
_THEIRS = LazyPattern(
    r"(?-i:\b(?!(?:Here|That|It|There|What|Let|This|Who|Where)\b)[A-Z][a-z]+)[\x27’]s (?:\w+ )?"
    r"(?:draft|patch|fix|version|change|series|approach)\b|\b(?:his|her|their|your) (?:\w+ )?"
    r"(?:draft|patch|fix|version|change|series)\b|\bbisect\w*|\bculprit\b|\bintroduced\b"
    r"|\bcaused (?:it|this|the)\b|\bfirst bad commit\b|\bfor reference\b|\bregressed\b",
    re.I)
# words that give the diff as the sender's fix: "Fix below", "the following patch fixes it",
# "Here's a patch:", "This fixes it for me:"
_OWN_FIX = LazyPattern(
    r"\b(?:fix|patch|diff|change)(?: is)? (?:below|attached|inline)\b|\bthe (?:following|below"
    r"|attached) (?:patch|fix|change|diff)\b|\b(?:here(?:[\x27’]s| is)|this is|that[\x27’]s) "
    r"(?:a|the|my)(?: \w+)? (?:patch|fix)\b|\bthe fix\b|\b(?:this|the below|the following)"
    r" (?:patch |change |diff )?fixes (?:it|this|the (?:build|problem|issue|warning|error))\b"
    r"|\b(?:patch|fix)\s*:\s*$", re.I | re.M)


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
    someone else's, or the cause, described (None). A diff the words say nothing of is
    offered at most: only the sender's own fix, by its form or its words, is posted."""
    own_form = any(_SCISSORS.search(w) for w in words)
    lead = words[0].rstrip()[-300:]
    if _THEIRS.search(lead) and not own_form:
        return None
    if any(_OFFERED.search(w) for w in words):
        return False
    return own_form or bool(_OWN_FIX.search(lead))


# the sender's own patch, by its form: scissors, a commit's subject or sign-off
_SCISSORS = re.compile(r"^[ \t]*-*+ ?(?:>8|8<) ?-*+[ \t]*$|^Subject: \[PATCH|^Signed-off-by: ",
                       re.M)
