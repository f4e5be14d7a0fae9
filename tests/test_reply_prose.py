"""Words under a quote of the post's own prose, no item quoted: remarks on that
paragraph (issue 9, nothing silently ignored), never changes. Our own post, in the
shape of a regressions report whose preface tells of what worries its author."""

from __future__ import annotations

from pathlib import Path

from bot.mail import parse_message
from bot.post import parse_post
from bot.reply import analyze_reply

POST = parse_post("""\
Hi Linus, a short one this week.

* The suspend hang on the older ThinkPads is still not fixed. The
developers agreed on a revert two weeks ago, but nobody has sent it to
you yet.
[1] https://lists.example.org/pm/suspend-hang@example.org/

The storage fix looks stalled, but I can't judge if it is ready. If you
want to look yourself, here is the thread:

https://lists.example.org/storage/discard-resets-v2@example.org/

The report:
https://regressions.example.org/entry/4711/

Two fixes still wait in next:
* mm: fix the vmalloc accounting race
* spi: drop the stale chip select

The whole report can be found at: https://regressions.example.org/mainline/

Ciao, Greta

======================================================
current cycle (v7.1.. aka v7.2-rc), culprit identified
======================================================


[ *NEW* ] nvme: controller resets under heavy discard load
---------------------------------------------------------
https://regressions.example.org/entry/4711/

Reported by Ada Moreno two days ago; five updates since.
""")


def _reply(body: str):
    mail = parse_message(("From: Ravi Menon <ravi@example.org>\nTo: lkml@example.org\n"
                          "Subject: Re: regressions report\nMessage-ID: <p@example.org>\n"
                          "Date: Mon, 06 Jul 2026 10:00:00 +0200\n"
                          "Content-Type: text/plain; charset=utf-8\n\n" + body).encode())
    return analyze_reply(mail, POST)


def test_an_answer_to_a_preface_paragraph_is_a_remark_on_it() -> None:
    analysis = _reply("On Sun, Greta wrote:\n"
                      "> * The suspend hang on the older ThinkPads is still not fixed. The\n"
                      "> developers agreed on a revert two weeks ago, but nobody has sent it to\n"
                      "> you yet.\n\n"
                      "I asked the author to send it with his next batch, no answer so far.\n"
                      "\nTested-by: Ravi Menon <ravi@example.org>\n")
    assert analysis.changes == ()
    assert [(r.item, r.item_text, r.words) for r in analysis.remarks] == [
        ((), "The suspend hang on the older ThinkPads is still not fixed.",
         "I asked the author to send it with his next batch, no answer so far.")]
    assert not analysis.off_topic


def test_a_requoted_paragraph_is_found_however_the_mailer_broke_its_lines() -> None:
    analysis = _reply("> The developers agreed on a revert two weeks ago, but nobody has\n"
                      "> sent it to you yet.\n\nThe revert is in my queue for this week.\n")
    assert [r.item_text for r in analysis.remarks] == [
        "The suspend hang on the older ThinkPads is still not fixed."]


def test_a_line_of_a_list_in_prose_names_itself() -> None:
    analysis = _reply("> * mm: fix the vmalloc accounting race\n\n"
                      "Mark said on the list he'd rather keep it for the merge window.\n")
    assert [r.item_text for r in analysis.remarks] == ["mm: fix the vmalloc accounting race"]
    analysis = _reply("> Two fixes still wait in next:\n> * mm: fix the vmalloc accounting race\n"
                      "> * spi: drop the stale chip select\n\nBoth are in my pull for rc4.\n")
    assert [r.item_text for r in analysis.remarks] == ["Two fixes still wait in next"]


def test_a_greeting_an_address_or_another_mails_words_are_no_paragraph() -> None:
    assert _reply("> Hi Linus, a short one this week.\n\nThanks for keeping at it.\n"
                  ).remarks == ()
    assert _reply("> The whole report can be found at: "
                  "https://regressions.example.org/mainline/\n\n"
                  "The page has been slow to load all week.\n").remarks == ()
    assert _reply("> > * The suspend hang on the older ThinkPads is still not fixed.\n"
                  "> I can look at it tomorrow.\n\nPlease do, I'm away until Friday.\n"
                  ).remarks == ()


SEED = parse_post((Path(__file__).resolve().parent.parent / "bot" / "seed-2012.txt").read_text(
    encoding="utf-8"))


def test_a_timeline_a_lead_in_a_signature_or_a_sign_off_is_no_paragraph() -> None:
    def remarks(body: str) -> list:
        mail = parse_message(("From: George <george@example.org>\nTo: x@example.org\n"
                              "Subject: Re: TODO\nMessage-ID: <s@example.org>\n"
                              "Date: Tue, 14 Aug 2012 10:00:00 +0100\n\n" + body).encode())
        return [(r.item_text, r.words) for r in analyze_reply(mail, SEED).remarks]

    assert remarks("> 30 July        -- First release candidate\n"
                   "> Weekly          -- RCN+1 until release          << WE ARE HERE\n\n"
                   "Can we cut RC3 this Thursday?\n") == []
    assert remarks("> The time line is as follows:\n\nIt slipped again, I see.\n") == []
    assert remarks("> Including xen-users@ as well as xen-devel@ now that we are into the rc\n"
                   "> phases.\n\nSounds good to me.\n\nThanks,\nGeorge\n") == [
        ("Including xen-users@ as well as xen-devel@ now that we are into the rc phases.",
         "Sounds good to me.")]


def test_the_remark_mark_says_what_a_remark_is_on() -> None:
    from bot.post import remark_mark

    assert remark_mark(named=False, on_item=True) == ""
    assert "guess" in remark_mark(named=True, on_item=True)
    assert "the post's own words" in remark_mark(named=False, on_item=False)


def test_the_posts_signature_and_footer_are_no_paragraph() -> None:
    post = parse_post((Path(__file__).resolve().parent.parent / "fixtures" / "posts"
                       / "seed-2012-signature.txt").read_text(encoding="utf-8"))
    mail = parse_message(b"From: George <george@example.org>\nTo: x@example.org\n"
                          b"Subject: Re: TODO\nMessage-ID: <s@example.org>\n"
                          b"Date: Tue, 14 Aug 2012 10:00:00 +0100\n\n"
                          b"> Ian Campbell\n> Citrix Systems, Inc.\n\n"
                          b"Is that still your address for the release mails?\n")
    assert analyze_reply(mail, post).remarks == ()


def test_a_paragraph_that_links_to_one_item_is_about_that_item() -> None:
    analysis = _reply("> The storage fix looks stalled, but I can't judge if it is ready. If you\n"
                      "> want to look yourself, here is the thread:\n\n"
                      "Only a warning as far as I can see, nothing to rush.\n")
    assert [(r.item, r.item_text) for r in analysis.remarks] == [
        ((0, 0), "nvme: controller resets under heavy discard load")]


def _with_preamble(preamble: str, link: str):
    return parse_post(preamble + "\n\n=== Blockers ===\n\n* Licensing issues and details\n"
                      f"  {link}\n* The libvirt build fix for the new toolstack\n")


def test_a_paragraph_naming_two_items_or_linking_a_list_root_is_about_no_item() -> None:
    two = _with_preamble("Two blockers remain, one of them the libvirt build fix for the new\n"
                         "toolstack. Only the other one has a thread so far, see below.\n"
                         "https://lists.example.org/devel/licensing@example.org/",
                         "https://lists.example.org/devel/licensing@example.org/")
    root = _with_preamble("The archive has been slow for days, so links may time out for a "
                          "while.\nhttps://lore.kernel.org/xen-devel/",
                          "https://lore.kernel.org/xen-devel/")
    for post, quoted in ((two, "> toolstack. Only the other one has a thread so far, see below."),
                         (root, "> The archive has been slow for days, so links may time")):
        mail = parse_message(("From: Ravi Menon <ravi@example.org>\nTo: x@example.org\n"
                              "Subject: Re: status\nMessage-ID: <n@example.org>\n"
                              "Date: Mon, 06 Jul 2026 10:00:00 +0200\n\n"
                              f"{quoted}\n\nI can open a thread for it on Thursday.\n").encode())
        assert [r.item for r in analyze_reply(mail, post).remarks] == [()]


def test_an_address_under_a_sections_heading_is_not_the_preambles_reference() -> None:
    post = parse_post("Please reply to this mail with anything missing from the release list.\n\n"
                      "=== Blockers ===\n\nhttps://lists.example.org/devel/milestones/\n\n"
                      "* The libvirt build fix for the new toolstack\n"
                      "  https://lists.example.org/devel/milestones/\n")
    mail = parse_message(b"From: Ravi Menon <ravi@example.org>\nTo: x@example.org\n"
                         b"Subject: Re: status\nMessage-ID: <m@example.org>\n"
                         b"Date: Mon, 06 Jul 2026 10:00:00 +0200\n\n"
                         b"> Please reply to this mail with anything missing from the release list."
                         b"\n\nI will be away the next two weeks, so nothing from me.\n")
    assert [r.item for r in analyze_reply(mail, post).remarks] in ([], [()])


def test_an_address_with_a_query_or_an_id_is_no_lists_root() -> None:
    from bot.reply.prose import _bare

    assert _bare("https://lore.kernel.org/xen-devel/") == ""
    assert _bare("https://bugzilla.example.org/show_bug.cgi?id=4711") != ""
    assert _bare("https://LISTS.example.org/devel/Abc@Example.org/") == (
        "https://lists.example.org/devel/Abc@Example.org")
