"""Which item a sentence names in its own words: a link or commit id it carries, a
patch subject, rare title words; two items named alike name neither."""

from __future__ import annotations

from pathlib import Path

from bot.mail import parse_message
from bot.post import parse_post
from bot.reply import analyze_reply
from bot.reply.matching import index
from bot.reply.naming import CLEAR, named

POSTS = Path(__file__).resolve().parent.parent / "fixtures" / "posts"
REPORT = parse_post((POSTS / "regressions-report.txt").read_text(encoding="utf-8"), year=2026)
TRACKING = parse_post((POSTS / "tracking-2024.txt").read_text(encoding="utf-8"), year=2024)

QUOTED_USB = (
    "On Mon, the regression summary robot wrote:\n"
    "> usb: hub stops enumerating after resume\n"
    "> ---------------------------------------\n"
    "> https://regressions.example.org/entry/lists.example.org/4690/\n"
    ">\n> By Jonas Berg; 12 days ago; 14 activities, latest 3 days ago.\n\n"
)


def _title(text: str, post=REPORT) -> str:
    found = named(text, index(post))
    return found.entry.item.text if found else ""


def _reply(body: str, sender: str = "Ada Moreno <ada.moreno@example.org>") -> bytes:
    return (
        f"From: {sender}\nTo: regressions@example.org\nSubject: Re: Weekly regression summary\n"
        "Message-ID: <n1@example.org>\nDate: Tue, 15 Sep 2026 10:00:00 +0200\n"
        "Content-Type: text/plain; charset=utf-8\n\n" + body
    ).encode()


def test_a_commit_id_names_the_entry_that_carries_it_shorter_or_longer() -> None:
    assert _title("can we revert 6f5e4d3c2b1a?") == "usb: hub stops enumerating after resume"
    assert _title("can we revert 6f5e4d3?") == "usb: hub stops enumerating after resume"
    found = named("the fix is 0f1e2d3c4b5a", index(REPORT))
    assert found is not None and found.how == "link" and found.clear


def test_a_link_to_an_entry_names_it() -> None:
    text = "see https://lists.example.org/sound/crackle@example.org/ for the logs"
    assert _title(text) == "sound: crackling on the built-in speaker"


def test_a_patch_subject_in_quotes_names_its_item() -> None:
    text = 'Meanwhile "x86/pvh: Support relocating dom0 kernel" has a v7.'
    assert _title(text, TRACKING).startswith("[PATCH v6 0/4] x86/pvh: Support relocating dom0")


def test_rare_title_words_name_an_item_and_a_subsystem_tag_is_telling() -> None:
    found = named("the nvme discard fix was merged", index(REPORT))
    assert found is not None and found.how == "words" and found.sureness >= CLEAR
    assert found.entry.item.text.startswith("nvme: controller resets")


def test_words_two_items_share_name_neither() -> None:
    # "days", "activities", "latest": every entry's small print, no item's name
    assert named("a few days ago the latest activities were posted", index(REPORT)) is None
    assert named("nothing here names anything", index(REPORT)) is None


def test_the_item_quoted_above_is_no_rival_of_itself() -> None:
    entries = index(REPORT)
    usb = next(e for e in entries if e.item.text.startswith("usb:"))
    assert named("the usb hub patch helps", entries, rival=usb) is None


def test_a_sentence_naming_another_entry_under_a_quote_changes_the_one_it_names() -> None:
    body = QUOTED_USB + "No news on this one.\n\nThe nvme discard fix was merged into mainline.\n"
    changes = analyze_reply(parse_message(_reply(body)), REPORT).changes
    assert [(c.kind, c.value, c.item_text[:16]) for c in changes] == [
        ("status", "done", "nvme: controller")]
    assert changes[0].evidence.quoted == ""  # it was named, not quoted


def test_a_sentence_that_points_at_the_quote_stays_with_it() -> None:
    body = QUOTED_USB + "It was merged along with the nvme discard fix.\n"
    changes = analyze_reply(parse_message(_reply(body)), REPORT).changes
    assert {c.item_text[:4] for c in changes if c.kind == "status"} == {"usb:"}


def test_a_vague_naming_under_a_quote_keeps_the_quoted_item() -> None:
    body = QUOTED_USB + "The fix for the speaker was merged into mainline.\n"  # "speaker": one word
    changes = analyze_reply(parse_message(_reply(body)), REPORT).changes
    assert {c.item_text[:4] for c in changes if c.kind == "status"} == {"usb:"}


def test_a_quoted_sub_thread_names_its_entry_by_commit_id() -> None:
    body = ("On Wed, Jonas Berg wrote:\n> Should we simply revert 6f5e4d3c2b1a for the next rc?\n\n"
            "I posted a revert of that commit an hour ago.\n")
    changes = analyze_reply(parse_message(_reply(body)), REPORT).changes
    assert [(c.kind, c.value, c.item_text[:4]) for c in changes] == [
        ("status", "patch_posted", "usb:")]


def test_a_piece_of_a_hyphenated_tag_is_no_name_of_its_item() -> None:
    """"selftests/frob-test:" is named by its paths, not by "test", which any tester's
    "our test farm" says."""
    post = parse_post("Queue:\n\n* selftests/frob-test: stop the timer before exit\n"
                      "* net/frob: fix a leak of the receive ring on close\n", year=2031)
    vague = named("Results from our test farm follow.", index(post))
    assert vague is None or not vague.clear
    sure = named("The selftests/frob-test run still hangs.", index(post))
    assert sure is not None and sure.clear
    assert sure.entry.item.text.startswith("selftests/frob-test")


def test_the_first_piece_of_a_hyphenated_tag_still_names_its_item() -> None:
    post = parse_post("Queue:\n\n* risc-v/mm: map the boot page tables early\n"
                      "* net/frob: fix a leak of the receive ring on close\n", year=2031)
    found = named("The risc-v fix is in now.", index(post))
    assert found is not None and found.clear and found.entry.item.text.startswith("risc-v/mm")


def test_a_short_quoted_line_names_its_item_by_its_subsystem_tag_even_strictly() -> None:
    """A quoted bullet of the RM's notes ("* a fix for a sound issue is sitting in next"):
    one thing, so its one subsystem name says which item; a paragraph that names the tag
    among many words does not, strictly."""
    line = "* the sound crackle fix has waited in linux-next for a fortnight"
    found = named(line, index(REPORT), strict=True)
    assert found is not None and found.clear
    assert found.entry.item.text.startswith("sound: crackling")
    paragraph = ("Nothing else stands out this week. A few reports came in late on Friday and "
                 "have not been looked at yet; one mentions sound on a laptop, another a hang "
                 "at boot, and a third one a storage driver.\nMore next week.")
    found = named(paragraph, index(REPORT), strict=True)
    assert found is None or not found.clear


def test_one_ordinary_word_of_an_items_small_print_names_no_item() -> None:
    """ "... no final version of it has reached the list" is the shadow item's small print:
    "this only reached me after the deadline" says "reached", and names nothing."""
    from bot.reply.matching import named_item

    entries = index(parse_post((POSTS / "prose-2021.txt").read_text(encoding="utf-8"), year=2021))
    assert named_item("Thanks, but this only reached me after the deadline.", entries) is None
    assert named_item("The shadow resync fix is in staging now.", entries) is not None


def test_a_subject_that_says_not_is_still_offered() -> None:
    """A patch's subject over its address, top-posted as "one more you missed": its own
    "do not" refuses nothing, and the sender asks for it."""
    post = parse_post((POSTS / "status-2022.txt").read_text(encoding="utf-8"), year=2022)
    reply = parse_message(
        b"From: Ada Moreno <ada.moreno@example.org>\nTo: devel@lists.example.org\n"
        b"Subject: Re: status\nMessage-ID: <sent@example.org>\n"
        b"Date: Tue, 08 Nov 2022 10:00:00 +0000\n\nHi,\n\n"
        b"One more for the Arm list, which you missed:\n\n"
        b"[PATCH v3] xen/arm: frob: do not lose the timer on resume\n"
        b"https://patchwork.example.org/project/devel/list/?series=4242\n\nAda\n")
    new = [c for c in analyze_reply(reply, post, roster={"ada.moreno@example.org": "Ada Moreno"})
           .changes if c.kind.value == "new"]
    assert [c.value.split(" https")[0] for c in new] == [
        "[PATCH v3] xen/arm: frob: do not lose the timer on resume"]
    assert new[0].confidence >= 0.7
