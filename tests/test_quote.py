"""bot.mail.quote: reply bodies as real mailers write them -> exact blocks."""

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.mail import Block, BlockKind, parse_message, split_quotes

QUIRKS = Path(__file__).resolve().parent.parent / "fixtures" / "mails" / "quirks"
NEW, QUOTE, ATTRIBUTION, SIGNATURE, FOOTER, SNIP, HEADERS, PATCH = BlockKind


def blocks(body: str) -> list[tuple]:
    return [(b.kind, b.depth, b.lines, b.first_line) for b in split_quotes(body).blocks]


def mail_body(name: str) -> str:
    return parse_message((QUIRKS / name).read_bytes()).body


def test_evolution_inline_reply_to_the_xen_post():
    body = mail_body("evolution-inline-reply.eml")
    assert blocks(body) == [
        (ATTRIBUTION, 0, ("On Mon, 2012-08-13 at 11:26 +0100, Ian Campbell wrote:",), 0),
        (QUOTE, 1, ("hypervisor, nice to have:",), 1),
        (SNIP, 1, ("[...]",), 2),
        (QUOTE, 1, ("    * address PoD problems with early host side accesses to guest",
                    "      address space (draft patch for 4.0.x exists, needs to be ported",
                    "      over to -unstable, which I'll expect to get to today, Jan",
                    ""), 3),
        # New text right under the quote, no blank line between: still new.
        (NEW, 0, ("Patch posted yesterday.", "", "Dario", ""), 7),
        (SIGNATURE, 0, ("-- ", "<<This happens because I choose it to happen!>> "
                        "(Raistlin Majere)"), 11),
    ]
    structure = split_quotes(body)
    assert structure.attribution == "On Mon, 2012-08-13 at 11:26 +0100, Ian Campbell wrote:"
    assert not structure.top_posted


def test_the_senders_own_patch_below_their_words_is_no_say():
    """A "[PATCH v3]" sent as the answer: its notes after "---" are the sender's, the
    diffstat and the diff below them are code."""
    body = ("Signed-off-by: Jonas Berg <jonas@example.org>\n---\n\n"
            "> * jb/rm-submodules (2031-03-01) 1 commit\n\n"
            "The review of v2 found the conflict case; it is handled in this version.\n\n"
            " builtin/rm.c | 12 ++++++---\n 1 file changed, 8 insertions(+), 4 deletions(-)\n\n"
            "diff --git a/builtin/rm.c b/builtin/rm.c\n"
            "@@ -1,3 +1,3 @@\n-\tcontinue; /* done */\n+\tbreak;\n")
    kinds = [(kind, depth, first) for kind, depth, _lines, first in blocks(body)]
    assert kinds[-1] == (PATCH, 0, 7)
    assert (NEW, 0, 4) in kinds  # the notes between the quote and the diffstat


def test_the_senders_words_after_their_patch_are_theirs_again():
    body = ("Fixed version below.\n\ndiff --git a/sched/core.c b/sched/core.c\n"
            "index 1234567..89abcde 100644\n--- a/sched/core.c\n+++ b/sched/core.c\n"
            "@@ -1,3 +1,3 @@\n context\n\n-\told();\n+\tnew();\n\n"
            "That said, it will not make 4.31.\n\nJonas\n")
    kinds = [(kind, first) for kind, _depth, _lines, first in blocks(body)]
    assert kinds == [(NEW, 0), (PATCH, 2), (NEW, 12)]


def test_a_dashed_rule_in_prose_is_no_patch():
    body = "Status below.\n---\nThe series is in.\nThanks\n"
    assert PATCH not in [kind for kind, *_ in blocks(body)]


def test_groupwise_attribution_is_not_a_quote():
    structure = split_quotes(mail_body("groupwise-attribution.eml"))
    assert [(b.kind, b.depth, b.lines, b.first_line) for b in structure.blocks] == [
        (ATTRIBUTION, 0, (">>> On 13.08.12 at 12:26, Ian Campbell "
                          "<Ian.Campbell@citrix.com> wrote:",), 0),
        (QUOTE, 1, ("hypervisor, nice to have:", "",
                    "    * S3 regression(s?) reported by Ben Guthro (Ben & Jan Beulich)"), 1),
        (NEW, 0, ("", "Fixed by 25714:d0b5fa6a5d1c, which went in last week and which I "
                  "had hoped would already be reflected in this list.", "", "Jan", ""), 4),
    ]
    assert structure.attribution == (
        "On 13.08.12 at 12:26, Ian Campbell <Ian.Campbell@citrix.com> wrote:")


def test_groupwise_attribution_quoted_once_more():
    assert blocks("> >>> On 13.08.12 at 12:26, Jan Beulich <JBeulich@suse.com> wrote:\n"
                  "> > None\n> Agreed.\n") == [
        (ATTRIBUTION, 1, (">>> On 13.08.12 at 12:26, Jan Beulich <JBeulich@suse.com> wrote:",), 0),
        (QUOTE, 2, ("None",), 1),
        (QUOTE, 1, ("Agreed.",), 2),
    ]


def test_thunderbird_format_flowed():
    assert blocks(mail_body("thunderbird-format-flowed.eml")) == [
        (ATTRIBUTION, 0, ("On 05/02/2024 19:23, Oleksii wrote:",), 0),
        (QUOTE, 1, ("*  x86: Fix shadow paging for guests using PCID; patch series posted, "
                    "waiting for review.",), 1),
        (NEW, 0, ("", "The series is all acked now, and will go in tomorrow once the "
                  "pipeline is green.  It also fixes the Dom0 boot regression on the Zen4 "
                  "boxes \u2013 no separate patch needed.",
                  "From the tracking list's point of view it's done.", ""), 2),
        (SIGNATURE, 0, ("~Andrew",), 6),
    ]


def test_outlook_quoted_headers_and_safelinks():
    structure = split_quotes(mail_body("outlook-quoted-headers-safelinks.eml"))
    assert [(b.kind, b.depth, b.first_line) for b in structure.blocks] == [
        (FOOTER, 0, 0), (NEW, 0, 2), (HEADERS, 0, 9), (QUOTE, 1, 15)]
    banner, new, headers, quote = structure.blocks
    assert banner.lines == ("[AMD Official Use Only - General]", "")
    assert new.lines[-3:] == ("Thanks,", "Wei", "")
    # The From: there is the quoted post's sender, not this mail's.
    assert headers.lines == (
        "_" * 32,
        "From: Xen-devel <xen-devel-bounces@lists.xen.org> on behalf of Ian Campbell "
        "<Ian.Campbell@citrix.com>",
        "Sent: Monday, August 13, 2012 11:26 AM",
        "To: xen-devel <xen-devel@lists.xen.org>",
        "Cc: Keir (Xen.org) <keir@xen.org>; Jan Beulich <JBeulich@suse.com>",
        "Subject: [Xen-devel] Xen 4.2 TODO / Release Plan",
    )
    assert quote.lines[1] == "    * [BUG] long stop during the guest boot process with qcow image,"
    assert quote.lines[2].startswith("      reported by Intel: https://nam11.safelinks.")
    assert len(quote.lines) == 3
    assert structure.top_posted
    assert structure.attribution == ""


def test_outlook_original_message_separator():
    body = ("Done, see the staging push.\n\n"
            "-----Original Message-----\n"
            "From: Xen-devel [mailto:xen-devel-bounces@lists.xen.org] On Behalf Of Ian Campbell\n"
            "Sent: Monday, August 13, 2012 6:26 PM\n"
            "To: xen-devel\n"
            "Subject: [Xen-devel] Xen 4.2 TODO / Release Plan\n"
            "\n"
            "tools, blockers:\n"
            "\n"
            "    * None\n")
    assert blocks(body) == [
        (NEW, 0, ("Done, see the staging push.", ""), 0),
        (HEADERS, 0, ("-----Original Message-----",
                      "From: Xen-devel [mailto:xen-devel-bounces@lists.xen.org] On Behalf "
                      "Of Ian Campbell", "Sent: Monday, August 13, 2012 6:26 PM",
                      "To: xen-devel", "Subject: [Xen-devel] Xen 4.2 TODO / Release Plan"), 2),
        (QUOTE, 1, ("", "tools, blockers:", "", "    * None"), 7),
    ]
    assert split_quotes(body).top_posted


def test_outlook_headers_with_prefixed_original_add_no_depth():
    body = ("Fine by me.\n\n________________________________\nFrom: Ian Campbell\n"
            "Sent: Monday, August 13, 2012 11:26 AM\nSubject: Xen 4.2 TODO\n\n> * None\n")
    assert [b[:2] for b in blocks(body)] == [(NEW, 0), (HEADERS, 0), (QUOTE, 1)]


def test_gmail_wrapped_attribution_top_posted():
    structure = split_quotes(mail_body("gmail-wrapped-attribution.eml"))
    assert [(b.kind, b.depth, b.lines, b.first_line) for b in structure.blocks] == [
        (NEW, 0, ("Ping sent to the Intel folks again this morning.", ""), 0),
        (ATTRIBUTION, 0, ("On Tue, Aug 14, 2012 at 10:02 AM, Ian Campbell "
                          "<Ian.Campbell@citrix.com>", "wrote:", ""), 2),
        (QUOTE, 1, ("tools, nice to have:", "",
                    "    * [BUG] vcpu-set doesn't take effect on guest, reported by Intel:",
                    ""), 5),
    ]
    assert structure.top_posted
    assert structure.attribution == (
        "On Tue, Aug 14, 2012 at 10:02 AM, Ian Campbell <Ian.Campbell@citrix.com> wrote:")


def test_gmail_attribution_wrapped_inside_the_address():
    body = ("On Tue, Aug 14, 2012 at 10:02 AM, Ian Campbell <\n"
            "Ian.Campbell@citrix.com> wrote:\n\n> * None\n\nAgreed.\n")
    structure = split_quotes(body)
    assert structure.attribution == (
        "On Tue, Aug 14, 2012 at 10:02 AM, Ian Campbell <Ian.Campbell@citrix.com> wrote:")
    assert [b[:2] for b in blocks(body)] == [(ATTRIBUTION, 0), (QUOTE, 1), (NEW, 0)]


def test_apple_mail_attribution_inside_the_quote_and_nbsp():
    structure = split_quotes(mail_body("apple-mail-attribution.eml"))
    assert [(b.kind, b.depth, b.lines, b.first_line) for b in structure.blocks] == [
        (NEW, 0, ("Hi Oleksii,", ""), 0),
        (ATTRIBUTION, 0, ("On Sep 25, 2023, at 15:24, Oleksii <oleksii.kurochko@gmail.com>"
                          " wrote:",), 2),
        # U+00A0 indentation became plain spaces.
        (QUOTE, 1, ("", "Arm:", "  * [BUG] Dom0less guests fail to boot with static "
                    "memory (Henry Wang)"), 3),
        (NEW, 0, ("", "This is fixed in staging by commit 5a3d1a4f, so please drop it "
                  "from the list.", "", "Kind regards,", "Henry"), 6),
    ]
    assert not structure.top_posted
    assert structure.attribution.startswith("On Sep 25, 2023, at 15:24, Oleksii")


def test_ian_jackson_writes_attribution_and_bare_ellipsis_snip():
    assert blocks(mail_body("emacs-references-comments.eml")) == [
        (ATTRIBUTION, 0, ('Ian Campbell writes ("[Xen-devel] Xen 4.2 TODO / Release Plan"):',), 0),
        (QUOTE, 1, ("tools, blockers:",), 1),
        (SNIP, 0, ("...",), 2),
        (QUOTE, 1, ("    * Bump library SONAMES as necessary.",), 3),
        (NEW, 0, ("", "I have done this, in 25741:a5e0a2e5c7f9.", "", "Ian."), 4),
    ]


def test_writes_attribution_wrapped_by_the_mailer():
    body = ('Ian Campbell writes ("Re: [Xen-devel] Xen 4.2 TODO / Release\n'
            'Plan"):\n> * None\n\nGood.\n')
    assert split_quotes(body).attribution == (
        'Ian Campbell writes ("Re: [Xen-devel] Xen 4.2 TODO / Release Plan"):')
    assert blocks(body)[0] == (ATTRIBUTION, 0, (
        'Ian Campbell writes ("Re: [Xen-devel] Xen 4.2 TODO / Release', 'Plan"):'), 0)


@pytest.mark.parametrize("line", [
    "Am 09.05.31 um 21:04 schrieb Hanna Vogt:",  # Thunderbird, German: the verb first
    "Op 09-05-2031 om 21:04 schreef Hanna Vogt:",  # Dutch
    "Den 2031-05-09 kl. 21:04, skrev Hanna Vogt:",  # Swedish
    "W dniu 9.05.2031 o 21:04, Hanna Vogt pisze:",  # Polish
    "Em sex., 9 de mai. de 2031 às 21:04, Hanna Vogt <hv@example.org> escreveu:",
    "Dne 9. 5. 2031 v 21:04 Hanna Vogt napsal(a):",  # Czech
    "Le 09/05/2031 à 21:04, Hanna Vogt a écrit :",
    "man. 9. mai 2031 kl. 21:04 skrev Hanna Vogt <hv@example.org>:",  # Gmail, Norwegian
    "pt., 9 maj 2031 o 21:04 Hanna Vogt <hv@example.org> napisał(a):",  # Gmail, Polish
    "Hanna Vogt пишет:",
])
def test_attributions_in_other_languages_are_not_the_senders_words(line: str) -> None:
    body = f"{line}\n> *  Core scheduling (v4)\n\nIt went in on Friday.\n"
    assert split_quotes(body).attribution == line
    assert [b.kind for b in split_quotes(body).blocks] == [ATTRIBUTION, QUOTE, NEW]


@pytest.mark.parametrize("line", ["Am I the only one who wants this in 4.31:",
                                  "Op top of that, Hanna said:"])  # no quote follows
def test_a_sentence_that_starts_like_an_attribution_is_the_senders(line: str) -> None:
    body = f"> *  Core scheduling (v4)\n\n{line}\nyes.\n"
    assert [b.kind for b in split_quotes(body).blocks] == [QUOTE, NEW]


def test_quoting_attribution():
    body = "Quoting Ian Campbell (2012-08-13 11:26:00):\n> * None\nStill none.\n"
    assert blocks(body) == [
        (ATTRIBUTION, 0, ("Quoting Ian Campbell (2012-08-13 11:26:00):",), 0),
        (QUOTE, 1, ("* None",), 1),
        (NEW, 0, ("Still none.",), 2),
    ]


def test_nested_three_voices_deep():
    structure = split_quotes(mail_body("nested-three-deep.eml"))
    assert [(b.kind, b.depth, b.lines, b.first_line) for b in structure.blocks] == [
        (ATTRIBUTION, 0, ("At 10:11 +0100 on 14 Aug (1344939071), Ian Campbell wrote:",), 0),
        (ATTRIBUTION, 1, ("On Tue, 2012-08-14 at 10:27 +0100, George Dunlap wrote:",), 1),
        (ATTRIBUTION, 2, ("On 13/08/12 11:26, Ian Campbell wrote:",), 2),
        (QUOTE, 3, ("    * [BUG(?)] If domain 0 attempts to access a guests' memory before",
                    "      it is finished being built, and it is being built in PoD mode,",
                    "      this may cause the guest to crash."), 3),
        (QUOTE, 2, ("I think this can wait until 4.3.",), 6),
        (QUOTE, 1, ("Tim, do you agree?",), 7),
        (NEW, 0, ("", "Yes, 4.3 is fine.", "", "Tim."), 8),
    ]
    assert structure.attribution == "At 10:11 +0100 on 14 Aug (1344939071), Ian Campbell wrote:"


@pytest.mark.parametrize("body", [
    ">>> deep\n>> middle\n> top\nnew\n",
    "> > > deep\n> > middle\n> top\nnew\n",
    " > > > deep\n > > middle\n > top\nnew\n",  # leading blank before the markers
    ">\u00a0>\u00a0> deep\n>\u00a0> middle\n>\u00a0top\nnew\n",
])
def test_quote_marker_styles(body):
    assert blocks(body) == [
        (QUOTE, 3, ("deep",), 0), (QUOTE, 2, ("middle",), 1), (QUOTE, 1, ("top",), 2),
        (NEW, 0, ("new",), 3)]


def test_nbsp_indentation_inside_quotes_becomes_spaces():
    assert blocks(">\u00a0\u00a0\u00a0\u00a0* None\n\u00a0new\n") == [
        (QUOTE, 1, ("   * None",), 0), (NEW, 0, ("\u00a0new",), 1)]


@pytest.mark.parametrize("snip", [
    "[...]", ">[...]", "> [snip]", "<snip>", "...", "[ ... ]", "> [snip: timeline]",
    "[\u2026]", "-- snip --", "8<----", ".. snip..", "[...snip...]", "(snip)",
])
def test_snips(snip):
    body = f"> a\n{snip}\n> b\nok\n"
    depth = 1 if snip.startswith(">") else 0
    assert [b[:2] for b in blocks(body)] == [(QUOTE, 1), (SNIP, depth), (QUOTE, 1), (NEW, 0)]


def test_snip_between_attribution_and_quote():
    body = ("On Mon, Aug 13, 2012 at 11:25:42AM +0100, Ian Campbell wrote:\n.. snip..\n"
            ">     * Bump library SONAMES as necessary.\n\nDone by IanJ.\n")
    assert [b[:2] for b in blocks(body)] == [(ATTRIBUTION, 0), (SNIP, 0), (QUOTE, 1), (NEW, 0)]


@pytest.mark.parametrize("line", ["Snip the patch here", "snippets welcome", "8 < 9"])
def test_not_snips(line):
    assert blocks(f"> a\n{line}\n")[1] == (NEW, 0, (line,), 1)


def test_signature_before_the_quote():
    structure = split_quotes(mail_body("signature-before-quote.eml"))
    assert [(b.kind, b.depth, b.lines, b.first_line) for b in structure.blocks] == [
        (NEW, 0, ("qemu-upstream videoram: done, see 25733:a08d4d8f4f5e.", ""), 0),
        (SIGNATURE, 0, ("-- ", "Stefano Stabellini", "Citrix Systems R&D", ""), 2),
        (ATTRIBUTION, 0, ("On 13/08/12 11:26, Ian Campbell wrote:",), 6),
        (QUOTE, 1, ("     * xl.cfg(5) documentation patch for qemu-upstream",
                    "       videoram/videomem support:"), 7),
    ]
    assert structure.top_posted


@pytest.mark.parametrize(("body", "expected"), [
    ("Done.\n--\nJan\n", [(NEW, 0, ("Done.",), 0), (SIGNATURE, 0, ("--", "Jan"), 1)]),
    ("Done.\n\n~ Keir\n", [(NEW, 0, ("Done.", ""), 0), (SIGNATURE, 0, ("~ Keir",), 2)]),
    ("Done.\n- Jan Beulich\n\n", [(NEW, 0, ("Done.",), 0),
                                  (SIGNATURE, 0, ("- Jan Beulich", ""), 1)]),
    # A last bullet is no signature, and neither is a sign-off: the
    # reply analyser ignores short sign-offs itself.
    ("Status:\n- Done\n", [(NEW, 0, ("Status:", "- Done"), 0)]),
    ("Thanks,\nJan\n", [(NEW, 0, ("Thanks,", "Jan"), 0)]),
    ("- Jan\nmore text\n", [(NEW, 0, ("- Jan", "more text"), 0)]),
])
def test_signature_forms(body, expected):
    assert blocks(body) == expected


def test_quoted_signature_then_older_quote():
    body = ("> Done.\n> \n> -- \n> Jan\n> \n> > On Mon, X wrote:\n> > > * None\n\nOK.\n")
    assert [b[:3] for b in blocks(body)] == [
        (QUOTE, 1, ("Done.", "")),
        (SIGNATURE, 1, ("-- ", "Jan", "")),
        (ATTRIBUTION, 2, ("On Mon, X wrote:",)),
        (QUOTE, 3, ("* None",)),
        (NEW, 0, ("", "OK.")),
    ]


def test_list_footer_at_the_end():
    structure = split_quotes(mail_body("list-footer.eml"))
    assert [(b.kind, b.depth, b.first_line) for b in structure.blocks] == [
        (ATTRIBUTION, 0, 0), (QUOTE, 1, 1), (NEW, 0, 2), (FOOTER, 0, 4)]
    assert structure.blocks[-1].lines == (
        "_______________________________________________", "Xen-devel mailing list",
        "Xen-devel@lists.xen.org", "http://lists.xen.org/xen-devel")


def test_quoted_list_footer():
    body = ("> * None\n>\n> _______________________________________________\n"
            "> Xen-devel mailing list\n> Xen-devel@lists.xen.org\n"
            "> https://lists.xen.org/xen-devel\n\nAck.\n")
    assert [b[:2] for b in blocks(body)] == [(QUOTE, 1), (FOOTER, 1), (NEW, 0)]
    assert blocks(body)[1][2][1] == "Xen-devel mailing list"


@pytest.mark.parametrize("banner", [
    "CAUTION: This message has originated from an External Source. Please use proper\n"
    "judgment and caution when opening attachments, clicking links, or responding to\n"
    "this email.",
    "EXTERNAL EMAIL: Use caution when clicking on links or opening attachments.",
    "[AMD Official Use Only - General]",
    "[Public]",
    # a company's legal notice, however its heading is worded
    "CONFIDENTIALITY NOTE: this message and what is attached to it are meant for the\n"
    "addressees only; if it reached you by mistake, please tell the sender and remove it.",
    "DISCLAIMER: The information in this e-mail is confidential.",
    "Confidentiality Notice: this message is for the addressees only; please tell the\n"
    "sender and remove it from your system if it reached you by mistake.",
])
def test_mailer_banners_are_footer_noise(banner):
    n = banner.count("\n") + 1
    top = blocks(f"{banner}\n\nPatch posted.\n\n> * None\n")
    assert top[0] == (FOOTER, 0, (*banner.split("\n"), ""), 0)
    assert top[1][:2] == (NEW, 0) and top[1][2] == ("Patch posted.", "")
    quoted = "\n".join("> " + line for line in banner.split("\n"))
    inside = blocks(f"On Mon, X wrote:\n{quoted}\n>\n> * None\nDone.\n")
    assert inside[1] == (FOOTER, 1, tuple(banner.split("\n")), 1)
    assert inside[2] == (QUOTE, 1, ("", "* None"), 1 + n)


def test_new_text_between_quotes_and_not_top_posted():
    body = "> a\nyes\n> b\nno\n"
    structure = split_quotes(body)
    assert [(b.kind, b.lines) for b in structure.blocks] == [
        (QUOTE, ("a",)), (NEW, ("yes",)), (QUOTE, ("b",)), (NEW, ("no",))]
    assert not structure.top_posted


def test_blank_lines_between_two_quotes_keep_one_quote():
    assert blocks("> a\n\n> b\n") == [(QUOTE, 1, ("a", "", "b"), 0)]


def test_no_quote_at_all():
    structure = split_quotes("Done for 4.2.\n")
    assert structure.blocks == (Block(NEW, 0, ("Done for 4.2.",), 0),)
    assert not structure.top_posted and structure.attribution == ""


def test_attribution_needs_a_quote_below():
    assert blocks("I said on Monday that Jan wrote:\nnothing.\n") == [
        (NEW, 0, ("I said on Monday that Jan wrote:", "nothing."), 0)]


def test_empty_and_blank_bodies():
    assert split_quotes("").blocks == ()
    assert blocks("\n\n") == [(NEW, 0, ("", ""), 0)]


# -- property: never raises, every line in exactly one block, in order --

_PIECES = st.sampled_from([
    "> ", ">", " > ", "> > ", ">>> ", "\u00a0", "-- ", "--", "~ Jan", "- Jan", "[...]",
    "...", "<snip>", "On Mon, 2012-08-13 at 11:26 +0100, Ian Campbell wrote:",
    "On Tue, Aug 14, 2012 at 10:02 AM, X <x@y>", "wrote:",
    "On 13.08.12 at 12:26, Jan <j@x> wrote:", "_" * 32, "_" * 47, "Xen-devel mailing list",
    "From: X <x@y>", "Sent: Monday", "To: y", "Subject: z", "-----Original Message-----",
    "CAUTION: This email", "[AMD Official Use Only - General]", "Done.", "", " ", "\r",
    "\t", 'X writes ("a"):', "Quoting X (2012):", "    * item",
])
_LINES = st.lists(st.lists(_PIECES, max_size=3).map("".join), max_size=25).map("\n".join)


def _check_cover(body: str) -> None:
    structure = split_quotes(body)
    lines = body.split("\n")
    if lines[-1] == "":
        lines.pop()
    position = 0
    for block in structure.blocks:
        assert block.first_line == position
        assert block.lines and block.depth >= 0
        if block.kind is NEW:
            assert block.depth == 0
            assert block.lines == tuple(lines[position:position + len(block.lines)])
        position += len(block.lines)
    assert position == len(lines)


@settings(max_examples=400, deadline=None)
@given(_LINES)
def test_every_line_lands_in_one_block_mail_shaped(body):
    _check_cover(body)


@settings(max_examples=400, deadline=None)
@given(st.text())
def test_every_line_lands_in_one_block_any_text(body):
    _check_cover(body)


@pytest.mark.parametrize("body", [
    "IMPORTANT NOTICE: the freeze moved to Friday.\n\n> * None\n",
    "Disclaimer: this is from memory, but the information in the tree says Jan committed\n"
    "it yesterday, so it can be marked done.\n\n> * None\n",
])
def test_a_notice_that_is_no_legal_notice_stays_the_senders_words(body):
    assert blocks(body)[0][:2] == (NEW, 0)


@pytest.mark.parametrize("separator, heads", [
    ("-----Wiadomo\u015b\u0107 oryginalna-----", ("Od", "Wys\u0142ano", "Do", "Temat")),
    ("-----Messaggio originale-----", ("Da", "Inviato", "A", "Oggetto")),
    ("-----Oorspronkelijk bericht-----", ("Van", "Verzonden", "Aan", "Onderwerp")),
    ("-----Ursprungligt meddelande-----", ("Fr\u00e5n", "Skickat", "Till", "\u00c4mne")),
])
def test_outlooks_separator_in_other_languages_opens_the_quoted_post(separator: str,
                                                                      heads: tuple) -> None:
    """Outlook writes its unquoted copy of the post under a separator in the user's
    language: everything below it is the post, not the sender's words."""
    frm, sent, to, subject = heads
    body = (f"Two of three are in.\n\n{separator}\n{frm}: RM <rm@example.org>\n"
            f"{sent}: 3 lutego 2020 12:42\n{to}: devel@lists.example.org\n"
            f"{subject}: Xen 4.31 development update\n\n* Core scheduling (v4)\n"
            "  -  Jonas Berg\n")
    kinds = [b.kind for b in split_quotes(body).blocks]
    assert kinds[0] is NEW and HEADERS in kinds and kinds[-1] is QUOTE
    assert "Jonas Berg" not in " ".join(split_quotes(body).blocks[0].lines)
