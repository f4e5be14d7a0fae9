"""The fix sent as the answer to a build robot's report: a patch below the sender's words,
or a patch mail whose commit message quotes the failure. Our own mails, in the forms
kernel developers send (scissors and a commit message, a bare diff under a lead-in, a
`git send-email --in-reply-to` patch)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.mail import parse_message
from bot.post import ChangeKind, parse_post
from bot.reply import analyze_reply
from bot.reply.patches import posted

ROOT = Path(__file__).resolve().parent.parent
POST = parse_post((ROOT / "fixtures" / "posts" / "build-robot-2031.txt").read_text(
    encoding="utf-8"), year=2031)
ITEM = "drivers/frob/scrub.c:88:21: error: 'frob_wait' used before any declaration of it"
QUOTE = f"On Tue, Nov 04, 2031 at 07:23:41AM +0800, frob build robot wrote:\n> {ITEM} " \
        "[-Werror=frob-decl]\n\n"
DIFF = ("diff --git a/drivers/frob/scrub.c b/drivers/frob/scrub.c\n"
        "index 3b8e0c1d92f4..a71c5e09d2b3 100644\n"
        "--- a/drivers/frob/scrub.c\n+++ b/drivers/frob/scrub.c\n"
        "@@ -31,6 +31,8 @@\n #include \"scrub.h\"\n \n"
        "+static int frob_wait(struct frob_dev *fdev);\n+\n static LIST_HEAD(q);\n")


def _states(body: str, subject: str = "Re: [frob:master] BUILD REGRESSION") -> list[tuple]:
    mail = parse_message((
        "From: Mira Holm <mira@example.org>\nTo: frob-devel@lists.example.org\n"
        f"Subject: {subject}\nMessage-ID: <p@example.org>\n"
        "Date: Tue, 04 Nov 2031 10:00:00 +0100\nContent-Type: text/plain; charset=utf-8\n\n"
        + body).encode())
    return [(c.value, c.confidence >= 0.7) for c in analyze_reply(mail, POST).changes
            if c.kind is ChangeKind.STATUS and c.item_text.startswith(ITEM[:40])]


def test_a_fix_below_scissors_is_a_patch_posted() -> None:
    body = (QUOTE + "That's my doing, sorry. Fix below.\n\n-- >8 --\n"
            "Subject: [PATCH] frob: scrub: declare frob_wait() early\n\n"
            "Declare the helper before its first user.\n\n"
            "Signed-off-by: Mira Holm <mira@example.org>\n---\n"
            " drivers/frob/scrub.c | 2 ++\n 1 file changed, 2 insertions(+)\n\n" + DIFF)
    assert _states(body) == [("patch_posted", True)]


def test_a_diff_offered_for_a_try_is_a_proposal() -> None:
    body = QUOTE + "Completely untested, but something like the below should do:\n\n" + DIFF
    assert _states(body) == [("patch_posted", False)]


def test_a_diff_given_as_someone_elses_draft_is_no_news() -> None:
    body = QUOTE + "Jan's draft deals with it along these lines, roughly:\n\n" + DIFF
    assert _states(body) == []


def test_words_that_say_what_became_of_it_stand_over_the_diff() -> None:
    body = QUOTE + "Applied to frob-next this morning, thanks.\n\n" + DIFF
    assert _states(body) == [("in_progress", True)]  # (in -next: on its way, as words say)


def test_a_patch_mail_quoting_the_failure_in_its_commit_message_posts_for_that_item() -> None:
    body = ("The build robot reports, for x86_64 randconfig:\n\n"
            f"  {ITEM} [-Werror=frob-decl]\n\n"
            "Declare the helper before its first user.\n\n"
            "Reported-by: frob build robot <robot@example.org>\n"
            "Signed-off-by: Mira Holm <mira@example.org>\n---\n"
            " drivers/frob/scrub.c | 2 ++\n 1 file changed, 2 insertions(+)\n\n" + DIFF
            + "-- \n2.51.1\n")
    assert _states(body, "[PATCH frob-next] frob: scrub: declare frob_wait() early") == [
        ("patch_posted", True)]


@pytest.mark.parametrize("words, expected", [
    (("Fix below.",), True),
    (("Not tested beyond a compile, but something like the below should do:",), False),
    (("The idea is below.", "#bugbot test: https://git.example.org/frob.git master"), False),
    (("Here is the fix.", "If it works for you I'll send it properly."), False),
    (("His patch does roughly this:",), None),
    (("Her patch, as a reminder:", "-- >8 --", "Subject: [PATCH] frob: fix"), True),
    # the second read's: the cause, not the cure; a try; the sender's own, said plainly
    (("Bisected to this change:",), None),
    (("For reference, the commit that introduced it:",), None),
    (("Your patch misses this hunk:",), None),
    (("I'd rather see it done like this:",), False),  # a diff the words say nothing of
    (("Could you run with this debug patch and send me the output?",), False),
    (("Could you give this a try?",), False),
    (("Does this patch help?",), False),
    (("Here's a patch:",), True),
    (("The following patch fixes the build.",), True),
])
def test_how_the_words_give_the_patch(words: tuple[str, ...], expected: bool | None) -> None:
    assert posted(words) is expected


def test_a_commit_message_that_only_mentions_a_failure_posts_no_fix_for_it() -> None:
    body = ("While looking at the report of " + ITEM + " I noticed an unread local.\n\n"
            "Signed-off-by: Mira Holm <mira@example.org>\n---\n"
            " drivers/frob/core.c | 1 -\n 1 file changed, 1 deletion(-)\n\n" + DIFF)
    assert _states(body, "[PATCH] frob: core: drop an unread local") == []
