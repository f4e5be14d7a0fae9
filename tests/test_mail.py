"""bot.mail.message: real mails from fixtures/mails/quirks, one quirk per file."""

import re
import subprocess
import sys
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.mail import head_end, html_to_text, message_key, parse_message, quick_headers

QUIRKS = Path(__file__).resolve().parent.parent / "fixtures" / "mails" / "quirks"
POST_ID = "1344853582.5926.120.camel@zakaz.uk.xensource.com"


def load(name: str) -> bytes:
    return (QUIRKS / name).read_bytes()


def tz(hours: float) -> timezone:
    return timezone(timedelta(hours=hours))


def test_every_fixture_is_read_without_a_salvage():
    names = sorted(p.name for p in QUIRKS.glob("*.eml"))
    assert len(names) >= 20
    for name in names:
        message = parse_message(load(name))
        assert message.raw == load(name)
        assert not any(d.startswith("could not parse") for d in message.defects), name


def test_evolution_reply_fields():
    message = parse_message(load("evolution-inline-reply.eml"))
    assert message.message_id == "1344935553.22941.31.camel@Solace"
    assert message.in_reply_to == POST_ID
    assert message.references == (POST_ID,)
    assert (message.from_name, message.from_addr) == ("Dario Faggioli", "raistlin@linux.it")
    assert message.date == datetime(2012, 8, 14, 11, 12, 33, tzinfo=tz(2))
    assert message.date.utcoffset() == timedelta(hours=2)  # the sender's own offset
    assert message.subject == "Re: [Xen-devel] Xen 4.2 TODO / Release Plan"
    assert message.body.startswith(
        "On Mon, 2012-08-13 at 11:26 +0100, Ian Campbell wrote:\n"
        "> hypervisor, nice to have:\n> [...]\n"
        ">     * address PoD problems with early host side accesses to guest\n")
    assert "\n>\nPatch posted yesterday.\n\nDario\n\n-- \n<<This happens" in message.body
    assert dict(message.headers) == {
        "return-path": "<xen-devel-bounces@lists.xen.org>",
        "content-type": 'text/plain; charset="UTF-8"',
        "list-id": "Xen developer discussion <xen-devel.lists.xen.org>",
        "precedence": "list",
        "to": "Ian Campbell <Ian.Campbell@citrix.com>",  # whom the RM may ask by name
        "cc": "xen-devel <xen-devel@lists.xen.org>",
    }
    assert message.defects == ()


def test_groupwise_quoted_printable_crlf():
    message = parse_message(load("groupwise-attribution.eml"))
    assert message.from_name == "Jan Beulich"
    assert message.from_addr == "jbeulich@suse.com"
    assert message.body == (
        ">>> On 13.08.12 at 12:26, Ian Campbell <Ian.Campbell@citrix.com> wrote:\n"
        "> hypervisor, nice to have:\n"
        "> \n"
        ">     * S3 regression(s?) reported by Ben Guthro (Ben & Jan Beulich)\n"
        "\n"
        "Fixed by 25714:d0b5fa6a5d1c, which went in last week and which I had hoped "
        "would already be reflected in this list.\n"
        "\n"
        "Jan\n"
        "\n"
    )
    assert "\r" not in message.body
    assert message.defects == ()


def test_thunderbird_format_flowed_is_joined_and_unstuffed():
    message = parse_message(load("thunderbird-format-flowed.eml"))
    assert message.body == (
        "On 05/02/2024 19:23, Oleksii wrote:\n"
        "> *  x86: Fix shadow paging for guests using PCID; patch series posted, "
        "waiting for review.\n"
        "\n"
        "The series is all acked now, and will go in tomorrow once the pipeline "
        "is green.  It also fixes the Dom0 boot regression on the Zen4 boxes "
        "\u2013 no separate patch needed.\n"
        "From the tracking list's point of view it's done.\n"
        "\n"
        "~Andrew\n"
    )
    assert message.date == datetime(2024, 2, 5, 19, 40, 2, tzinfo=UTC)


def test_outlook_crlf_quoted_printable_keeps_the_safelinks_line():
    message = parse_message(load("outlook-quoted-headers-safelinks.eml"))
    assert message.message_id == (
        "DM6PR12MB42970F9D5E0C4B2A8D3C1E7A9C2A2@DM6PR12MB4297.namprd12.prod.outlook.com")
    assert (message.from_name, message.from_addr) == ("Chen, Wei", "wei.chen@amd.com")
    assert message.subject == "RE: [Xen-devel] Xen 4.2 TODO / Release Plan"
    lines = message.body.split("\n")
    assert lines[0] == "[AMD Official Use Only - General]"
    assert lines[4] == ("The qcow image boot stall is fixed by the qemu-xen-traditional"
                        " patch I posted this morning; please mark it done.")
    assert lines[9] == "_" * 32
    assert lines[10].startswith("From: Xen-devel <xen-devel-bounces@lists.xen.org>")
    assert lines[17] == ("      reported by Intel: https://nam11.safelinks.protection."
                         "outlook.com/?url=http%3A%2F%2Fbugzilla.xen.org%2Fbugzilla%2F"
                         "show_bug.cgi%3Fid%3D1821&data=05%7C01%7Cwei.chen%40amd.com"
                         "%7C2b4f%7C0&sdata=k3Jt%2BZ4u%3D&reserved=0<http://bugzilla"
                         ".xen.org/bugzilla/show_bug.cgi?id=1821>")
    assert "\r" not in message.body
    assert message.defects == ()


def test_gmail_prefers_the_plain_part_of_alternative():
    message = parse_message(load("gmail-wrapped-attribution.eml"))
    assert message.body == (
        "Ping sent to the Intel folks again this morning.\n"
        "\n"
        "On Tue, Aug 14, 2012 at 10:02 AM, Ian Campbell <Ian.Campbell@citrix.com>\n"
        "wrote:\n"
        "\n"
        "> tools, nice to have:\n"
        ">\n"
        ">     * [BUG] vcpu-set doesn't take effect on guest, reported by Intel:\n"
        ">\n"
    )
    assert message.message_id == "CAFLBxZbKqL=0rXgTd2x5VY7eHXg9F4Xq+3WqYkQ@mail.gmail.com"


def test_apple_mail_folded_content_type_and_nbsp():
    message = parse_message(load("apple-mail-attribution.eml"))
    assert message.headers["content-type"] == "text/plain; charset=utf-8"
    assert ">\u00a0\u00a0* [BUG] Dom0less guests fail to boot with static memory" \
        " (Henry Wang)\n" in message.body.replace("> \u00a0", ">\u00a0")
    assert message.date == datetime(2023, 9, 25, 16, 2, 31, tzinfo=tz(8))


def test_html_only_mail_becomes_text():
    message = parse_message(load("html-only.eml"))
    assert message.body == (
        "Ian Campbell <Ian.Campbell@citrix.com> wrote:\n"
        "> tools, nice to have:\n"
        ">\n"
        ">     * xl.cfg(5) documentation patch for qemu-upstream\n"
        ">       videoram/videomem support:\n"
        "Patch posted & acked \u2014 thanks!\n"
        "-- Pasi\n"
    )
    assert message.defects == ("no text/plain part; text taken from HTML",)


def test_gmail_html_part_alone_reads_like_its_plain_part():
    raw = load("gmail-wrapped-attribution.eml")
    html = raw.split(b"quoted-printable\n\n")[1].split(b"\n--0000")[0]
    import quopri

    text = html_to_text(quopri.decodestring(html).decode("utf-8"))
    assert text == (
        "Ping sent to the Intel folks again this morning.\n"
        "\n"
        "On Tue, Aug 14, 2012 at 10:02 AM, Ian Campbell <Ian.Campbell@citrix.com> wrote:\n"
        "> tools, nice to have:\n"
        ">\n"
        ">     * [BUG] vcpu-set doesn't take effect on guest, reported by Intel:\n"
    )


def test_base64_body():
    message = parse_message(load("base64-body.eml"))
    assert message.body == (
        "Ack, I\u2019ll take this one: \u201clibxl stable API\u201d review by Friday.\n"
        "\nSent from my phone\n")
    assert message.defects == ()


def test_declared_utf8_with_latin1_bytes_falls_back():
    message = parse_message(load("qp-latin1-wrong-charset.eml"))
    assert message.body == "Tested the videoram patch, works for me. -- Pasi K\u00e4rkk\u00e4inen\n"
    assert message.from_name == "Pasi K\u00e4rkk\u00e4inen"
    assert message.defects == (
        "charset 'utf-8' did not decode; fell back to cp1252 (text/plain part)",)


def test_unknown_charset_falls_back_to_cp1252():
    message = parse_message(load("unknown-charset-x-unknown.eml"))
    assert message.body == "vMCE save/restore is done \u2013 it\u2019s in 4.2.\n"
    assert message.from_name == "Liu, Jinsong"
    assert message.defects == (
        "unknown charset 'x-unknown' fell back to cp1252 (text/plain part)",)


def test_no_mime_headers_8bit_utf8_body():
    # The stdlib's get_payload() would give U+FFFD here (LIBRARY-NOTES).
    message = parse_message(load("no-charset-8bit-utf8.eml"))
    assert message.body == "Gr\u00fc\u00dfe aus N\u00fcrnberg \u2013 the PV-on-HVM fix is in.\n"
    assert message.from_name == "J\u00fcrgen Gro\u00df"  # raw 8-bit in the header
    assert message.defects == ("no charset declared; read as utf-8 (text/plain part)",)


def test_crlf_mail():
    message = parse_message(load("crlf-line-endings.eml"))
    assert message.body == (
        "On 13/08/12 11:26, Ian Campbell wrote:\n"
        ">      * [BUG(?)] Under certain conditions, the p2m_pod_sweep code will\n"
        ">        stop halfway through searching\n"
        "\nDefer to 4.3, please.\n\n -George\n")
    assert message.subject == "Re: [Xen-devel] Xen 4.2 TODO / Release Plan"
    assert message.message_id == "502A2F5D.3050709@citrix.com"


def test_missing_message_id():
    raw = load("no-message-id.eml")
    message = parse_message(raw)
    assert message.message_id == ""
    assert message.defects == ("no Message-ID header",)
    assert message.from_name == "Cron Daemon"  # the comment form: addr (Name)
    assert message.headers["auto-submitted"] == "auto-generated"
    import hashlib

    assert message_key(raw) == "sha256:" + hashlib.sha256(raw).hexdigest()


def test_missing_date():
    message = parse_message(load("no-date.eml"))
    assert message.date is None
    assert message.defects == ("no Date header",)
    assert message_key(load("no-date.eml")) == "nodate.20120814@smtp.example.net"


def test_rfc2047_from_and_folded_subject():
    message = parse_message(load("rfc2047-from-name.eml"))
    assert message.from_name == "J\u00fcrgen Gro\u00df"
    assert message.from_addr == "jgross@suse.com"
    # Blanks between two encoded-words go (RFC 2047 §6.2); the fold too.
    assert message.subject == "Re: [Xen-devel] Xen 4.2 TODO / Release Plan \u2013 PV drivers"


@pytest.mark.parametrize(("header", "name", "addr"), [
    ("=?utf-8?q?J=C3=BCrgen?= <j@example.org>", "J\u00fcrgen", "j@example.org"),
    ('"=?utf-8?q?J=C3=BCrgen?=" <J@Example.org>', "J\u00fcrgen", "j@example.org"),
    ("=?utf-8?q?Gro=C3=9F=2C_J=C3=BCrgen?= <j@x.org>", "Gro\u00df, J\u00fcrgen", "j@x.org"),
    ('"Beulich, Jan" <JBeulich@suse.com>', "Beulich, Jan", "jbeulich@suse.com"),
    # One character split over two encoded-words (seen from some webmailers).
    ("=?utf-8?b?SsO=?= =?utf-8?b?vHJnZW4=?= <j@x.org>", "J\u00fcrgen", "j@x.org"),
    ("jbeulich@suse.com (Jan Beulich)", "Jan Beulich", "jbeulich@suse.com"),
    ("<keir@xen.org>", "", "keir@xen.org"),
])
def test_from_header_forms(header, name, addr):
    raw = f"From: {header}\nMessage-ID: <a@b>\nDate: Mon, 13 Aug 2012 11:26:00 +0100\n\nx\n"
    message = parse_message(raw.encode())
    assert (message.from_name, message.from_addr) == (name, addr)


def test_emacs_references_with_comments_and_folds():
    message = parse_message(load("emacs-references-comments.eml"))
    assert message.in_reply_to == POST_ID
    assert message.references == ("1344245237.24546.21.camel@zakaz.uk.xensource.com",
                                   POST_ID)
    assert quick_headers(load("emacs-references-comments.eml"))["references"] == (
        "1344245237.24546.21.camel@zakaz.uk.xensource.com " + POST_ID)


def test_mutt_folded_references():
    message = parse_message(load("nested-three-deep.eml"))
    assert message.references == (POST_ID, "502A1B26.4000309@eu.citrix.com",
                                   "1344935511.22941.30.camel@zakaz.uk.xensource.com")
    assert message.in_reply_to == "1344935511.22941.30.camel@zakaz.uk.xensource.com"


def test_list_footer_part_is_appended_to_the_body():
    message = parse_message(load("list-footer.eml"))
    assert message.body == (
        "On Mon, Aug 13, 2012 at 11:26:22AM +0100, Ian Campbell wrote:\n"
        ">     * Load blktap driver from xencommons initscript if available\n"
        "\nPing sent to Daniel again.\n"
        "_______________________________________________\n"
        "Xen-devel mailing list\nXen-devel@lists.xen.org\n"
        "http://lists.xen.org/xen-devel\n")
    assert message.headers["list-id"] == "Xen developer discussion <xen-devel.lists.xen.org>"
    assert message.headers["precedence"] == "list"


def test_mojibake_is_repaired_but_the_seed_form_is_kept():
    message = parse_message(load("mojibake-utf8-as-latin1.eml"))
    assert message.from_name == "Pasi K\u00e4rkk\u00e4inen"
    assert message.body == (
        "Quoting the list:\n"
        ">       qemu-xen-traditional). (Pasi K\u00c3rkk\u00c3inen)\n"  # as in the seed
        "\nWorks now \u2013 thanks. \u201cDone\u201d from my side.\n"
        "\n-- Pasi K\u00e4rkk\u00e4inen\n")
    assert message.defects == ("mojibake repaired in From name", "mojibake repaired in body")


def test_ftfy_leaves_normal_text_alone():
    text = "It\u2019s \u2014 \u201cfine\u201d, na\u00efve caf\u00e9, The \u00c3 is, &amp; \ufb01\n"
    raw = b"From: a@b.org\nContent-Type: text/plain; charset=utf-8\n\n" + text.encode()
    message = parse_message(raw)
    assert message.body == text
    assert not any("mojibake" in d for d in message.defects)


def test_only_named_text_part_goes_to_mail_parser():
    message = parse_message(load("only-named-text-part.eml"))
    assert message.body == "xl migration from 4.1 to 4.2: pass"
    assert message.defects == ("no unnamed text part; mail-parser found the text",)


def test_quick_headers_and_message_key():
    raw = load("evolution-inline-reply.eml")
    assert quick_headers(raw) == {
        "message-id": "1344935553.22941.31.camel@Solace",
        "subject": "Re: [Xen-devel] Xen 4.2 TODO / Release Plan",
        "from": "Dario Faggioli <raistlin@linux.it>",
        "in-reply-to": POST_ID,
        "references": POST_ID,
        "list-id": "Xen developer discussion <xen-devel.lists.xen.org>",
        "precedence": "list",
    }
    assert message_key(raw) == "1344935553.22941.31.camel@Solace"


def test_loop_headers_and_dkim_presence():
    raw = (b"From: bot@example.org\nX-Loop: todobot@xen.org\nX-Loop: other@x.org\n"
           b"X-Todobot-Token: 3f9a\nDKIM-Signature: v=1; a=rsa-sha256; d=xen.org;\n"
           b"\tb=AAAA\nAuto-Submitted: auto-replied\nReply-To: rm@xen.org\n\nhi\n")
    headers = parse_message(raw).headers
    assert headers["x-loop"] == "todobot@xen.org\nother@x.org"
    assert headers["x-todobot-token"] == "3f9a"
    assert headers["dkim-signature"] == "present"
    assert headers["auto-submitted"] == "auto-replied"
    assert headers["reply-to"] == "rm@xen.org"


@pytest.mark.parametrize(("value", "expected", "defect"), [
    ("Mon, 13 Aug 2012 11:26:22 +0100 (BST)",
     datetime(2012, 8, 13, 11, 26, 22, tzinfo=tz(1)), None),
    ("13 Aug 12 11:26 EST", datetime(2012, 8, 13, 11, 26, tzinfo=tz(-5)), None),
    ("Mon, 13 Aug 2012 11:26:22 -0000", datetime(2012, 8, 13, 11, 26, 22, tzinfo=UTC),
     "has no time zone"),
    ("Mon, 13 Aug 2012 11:26:22", datetime(2012, 8, 13, 11, 26, 22, tzinfo=UTC),
     "has no time zone"),
    ("next Tuesday", None, "bad Date header 'next Tuesday'"),
    ("Mon, 13 Aug 2012 11:26:22 +9900", None, "bad Date header"),
])
def test_dates(value, expected, defect):
    message = parse_message(f"Date: {value}\nFrom: a@b.org\nMessage-ID: <d@b>\n\nx\n".encode())
    assert message.date == expected
    if expected is not None:
        assert message.date.utcoffset() == expected.utcoffset()
    assert any(defect in d for d in message.defects) if defect else message.defects == ()


def test_cte_with_a_trailing_blank_is_still_decoded():
    # The stdlib compares "base64 " unstripped and hands back the base64.
    raw = b"From: a@b.org\nContent-Transfer-Encoding: base64 \n\nRG9uZSBmb3IgNC4yLgo=\n"
    assert parse_message(raw).body == "Done for 4.2.\n"


def test_8bit_and_padded_cte_parts_inside_multipart():
    raw = ("From: a@b.org\nContent-Type: multipart/mixed; boundary=b\n\n--b\n"
           "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n"
           "Gr\u00fc\u00dfe \u2013 done.\n--b\n"
           "Content-Type: text/plain\nContent-Transfer-Encoding: BASE64 \n\n"
           "UGluZyBzZW50Lg==\n--b--\n").encode()
    assert parse_message(raw).body == "Gr\u00fc\u00dfe \u2013 done.\nPing sent."


def test_flowed_delsp_yes_drops_the_space_the_mailer_added():
    raw = (b"From: a@b.org\nContent-Type: text/plain; format=flowed; delsp=yes\n\n"
           b"Patch posted yester \nday.\n>> a long quoted li \n>> ne\n> other \n-- \nJan\n")
    assert parse_message(raw).body == (
        "Patch posted yesterday.\n>> a long quoted line\n> other\n-- \nJan\n")


def test_attached_mail_is_not_the_body():
    raw = (b"From: a@b.org\nContent-Type: multipart/mixed; boundary=b\n\n--b\n"
           b"Content-Type: text/plain\n\nSee the forwarded report.\n--b\n"
           b"Content-Type: message/rfc822\n\nFrom: c@d.org\n\nNot mine.\n--b--\n")
    assert parse_message(raw).body == "See the forwarded report."


@pytest.mark.parametrize("raw", [
    b"", b"\n", b"\x00\x01\x02\xff\xfe", b"\xff" * 100, b"From: a@b.org", b"Subject:",
    b"Content-Type: multipart/mixed; boundary=x\n\n--x\nContent-Transfer-Encoding: base64\n\nQUJD",
    b"Content-Type: text/plain; charset=utf-16\n\n\xd8\x00", b":\n\n", b"\r\n\r\n\r\n",
    b"Content-Type: multipart/alternative\n\nno boundary at all\n",
])
def test_garbage_and_truncated_input(raw):
    message = parse_message(raw)
    assert message.raw == raw
    assert isinstance(message.body, str)
    assert message.defects


def test_empty_input():
    message = parse_message(b"")
    assert message.defects == ("empty input",)
    assert (message.body, message.message_id, message.date) == ("", "", None)
    assert message_key(b"").startswith("sha256:")


def test_garbage_bytes_keep_their_text():
    message = parse_message(b"\x00\xff\xfegarbage\n")
    assert message.body == "\x00\xff\xfegarbage\n"
    assert "no mail headers found" in message.defects


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2000))
def test_parse_message_never_raises(raw):
    message = parse_message(raw)
    assert message.raw == raw
    assert isinstance(message.body, str) and isinstance(message.defects, tuple)
    quick_headers(raw)
    assert message_key(raw)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from([b"a", b"\r", b"\n", b": "]), max_size=16).map(b"".join))
def test_head_end_finds_the_blank_line_a_regex_would(raw):
    """The head's end is found by `bytes.find` for speed; a CRLF, a bare CR or a
    mix of line endings must end it exactly where the plain pattern says."""
    match = re.search(rb"\r?\n\r?\n", raw)
    assert head_end(raw) == ((match.start(), match.end()) if match else None)


_HEADS = st.sampled_from([
    b"", b"Content-Type: text/html\n", b"Content-Type: text/plain; charset=utf-7\n",
    b"Content-Type: text/plain; format=flowed; delsp=yes\n",
    b'Content-Type: multipart/alternative; boundary="b"\n', b"Content-Type: message/rfc822\n",
    b"Content-Transfer-Encoding: base64\n", b"Content-Transfer-Encoding: quoted-printable\n",
    b"From: =?x-bad?q?=FF?= <a@b>\n", b"Subject: =?utf-8?b?!!!?=\n", b"Date: 99 Foo 99999\n",
    b"References: <a@b> (c (d) <e@f>\n",
])


@settings(max_examples=300, deadline=None)
@given(st.lists(_HEADS, max_size=4), st.binary(max_size=500), st.booleans())
def test_parse_message_never_raises_on_mime_shaped_input(heads, body, multipart):
    raw = b"".join(heads) + b"\n"
    if multipart:
        raw += b"--b\n" + b"".join(heads) + b"\n" + body + b"\n--b--\n"
    else:
        raw += body
    assert parse_message(raw).raw == raw


def test_mail_parser_and_ftfy_are_not_imported_for_a_plain_mail():
    code = ("import sys; from bot.mail.message import parse_message; "
            f"parse_message({load('evolution-inline-reply.eml')!r}); "
            "print('mailparser' in sys.modules, 'ftfy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=Path(__file__).resolve().parent.parent)
    assert out.stdout.split() == ["False", "False"]


@pytest.mark.parametrize(("from_", "reply_to", "sender"), [
    # a list's DMARC rewrite (Mailman, Google Groups): the sender is in Reply-To
    ("Wen Okafor via frobtest <frobtest@lists.example.org>", "Wen Okafor <wen@example.com>",
     ("Wen Okafor", "wen@example.com")),
    ("'Wen Okafor' via frob-dev <frob-dev@groups.example.org>", "Wen Okafor <wen@example.com>",
     ("Wen Okafor", "wen@example.com")),
    # another name in Reply-To, two of them, none, or no rewrite: the From stands
    ("Wen Okafor via frobtest <frobtest@lists.example.org>", "Ada Moreno <ada@example.org>",
     ("Wen Okafor via frobtest", "frobtest@lists.example.org")),
    ("Wen Okafor via frobtest <frobtest@lists.example.org>",
     "Wen Okafor <wen@example.com>, Ada Moreno <ada@example.org>",
     ("Wen Okafor via frobtest", "frobtest@lists.example.org")),
    ("Wen Okafor via frobtest <frobtest@lists.example.org>", "",
     ("Wen Okafor via frobtest", "frobtest@lists.example.org")),
    ("Wen Okafor <wen@example.com>", "Frob list <frobtest@lists.example.org>",
     ("Wen Okafor", "wen@example.com")),
    # a From that is no list's address: nobody rewrote it, whatever its name says
    ("Wen Okafor via frobtest <wen.okafor@evil.example>", "Wen Okafor <wen@example.com>",
     ("Wen Okafor via frobtest", "wen.okafor@evil.example")),
])
def test_a_from_the_list_rewrote_names_the_sender_in_reply_to(from_, reply_to, sender) -> None:
    listed = "frob-dev@groups.example.org" if "frob-dev" in from_ else \
        "frobtest@lists.example.org"
    raw = (f"From: {from_}\n" + (f"Reply-To: {reply_to}\n" if reply_to else "")
           + f"List-Id: Frob tests <{listed.replace('@', '.')}>\n"
           f"List-Post: <mailto:{listed}>\n"
           "Subject: Re: release\nMessage-ID: <v@example.org>\n\nDone.\n").encode()
    message = parse_message(raw)
    assert (message.from_name, message.from_addr) == sender
    rewritten = message.from_addr != parse_message(raw.replace(b"Reply-To", b"X-No")).from_addr
    assert message.via == (listed if rewritten else "")


def test_a_via_from_with_no_list_headers_is_taken_as_it_is() -> None:
    raw = (b"From: Wen Okafor via frobtest <frobtest@lists.example.org>\n"
           b"Reply-To: Wen Okafor <wen@example.com>\nSubject: Re: x\n"
           b"Message-ID: <w@example.org>\n\nDone.\n")
    assert parse_message(raw).from_addr == "frobtest@lists.example.org"
