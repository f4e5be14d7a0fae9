"""The site and `todobot nag` on a day: news is when it arrived, the burndown agrees
with the post the draft makes, and nothing after the day counts (issue 13's review)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sitebuild import demo_store, todobot

POST_ID = "1344853542.27429.92.camel@zakaz.uk.xensource.com"  # the seed post's Message-ID
VCPU = "    * [BUG] vcpu-set doesn't take effect on guest, reported by Intel:"
QCOW = "    * [BUG] long stop during the guest boot process with qcow image,"


@pytest.fixture
def config(tmp_path: Path) -> Path:
    return demo_store(tmp_path)


def reply(config: Path, name: str, date: str, words: str, quote: str = VCPU) -> None:
    """Jinsong's inline reply to the seed post, ingested."""
    path = config.parent / f"{name}.eml"
    path.write_text(
        f"Date: {date}\nFrom: Jinsong Liu <jinsong.liu@intel.com>\n"
        "To: Ian Campbell <Ian.Campbell@citrix.com>\n"
        "Subject: Re: [Xen-devel] Xen 4.2 TODO / Release Plan\n"
        f"Message-ID: <{name}@intel.com>\nIn-Reply-To: <{POST_ID}>\nReferences: <{POST_ID}>\n"
        f"Content-Type: text/plain; charset=utf-8\n\n> {quote}\n\n{words}\n", encoding="utf-8")
    todobot(config, "ingest", "-q", str(path))


def site(config: Path, day: str) -> tuple[str, list[tuple[str, int, int]], int]:
    """(index.html, the burndown's (day, open, total), the lead's open count)."""
    out = config.parent / f"site-{day}"
    todobot(config, "site", str(out), "--date", day, "-q")
    html = (out / "index.html").read_text(encoding="utf-8")
    desc = re.search(r'<desc id="bd-desc">[^:]*: (.*?)\.</desc>', html)
    assert desc is not None
    points = [(d, int(o), int(t)) for d, o, t in
              re.findall(r"(\S+) (\d+) open of (\d+) ever listed", desc.group(1))]
    lead = re.search(r'<p class="lead">(\d+) open of the (\d+) items on the list '
                     r'\((\d+) ever listed', html)
    assert lead is not None and int(lead.group(3)) == points[-1][2]  # one "total", named
    return html, points, int(lead.group(1))


def status(html: str, words: str) -> str:
    row = html.split(words, 1)[1].split("</li>", 1)[0] if words in html else ""
    return row


def test_news_is_the_day_the_reply_came_not_the_day_its_words_name(config: Path) -> None:
    reply(config, "tuesday", "Tue, 28 Aug 2012 09:00:00 +0100",
          "I sent a patch for this last Tuesday.")
    drafted = todobot(config, "nag", "--date", "2012-08-28")
    assert "vcpu-set" not in drafted  # news on the 28th: not stale on the 28th


def test_the_burndown_counts_as_the_draft_does_in_log_order(config: Path) -> None:
    # done on the 22nd, then (logged after) a patch posted that the words date the 21st:
    # the post says patch posted (open); a replay by the words' dates would say done
    reply(config, "done", "Wed, 22 Aug 2012 09:00:00 +0100", "This is done, fixed in c/s 25750.")
    reply(config, "patch", "Thu, 23 Aug 2012 09:00:00 +0100",
          "Sorry, not fixed after all: I sent a new patch for this last Tuesday.")
    # and a duplicate: the draft drops the item, the burndown must not count it open
    reply(config, "dup", "Thu, 23 Aug 2012 10:00:00 +0100",
          'This is a duplicate of the "vcpu-set doesn\'t take effect" item: the same issue.',
          quote=QCOW)
    for day in ("2012-08-20", "2012-08-27", "2012-09-03"):
        _, points, lead = site(config, day)
        assert points[-1][1] == lead, (day, points, lead)


def test_a_reply_with_a_wrong_clock_does_not_move_the_release_back(config: Path) -> None:
    reply(config, "old-clock", "Tue, 01 Jan 2002 09:00:00 +0000", "Patch posted.")
    html, points, _ = site(config, "2012-08-27")
    assert points[0][0] == "2012-08-13" and len(points) == 3
    assert "(2012-08-13)" in html and "2002" not in html.split("<h2")[0]


def test_the_site_of_a_day_leaves_out_what_came_after_it(config: Path) -> None:
    reply(config, "later", "Wed, 22 Aug 2012 09:00:00 +0100", "This is done, fixed in c/s 25750.")
    before, points, lead = site(config, "2012-08-20")
    after, _, lead_after = site(config, "2012-08-27")
    assert "c/s 25750" not in before and "c/s 25750" in after
    assert lead_after == lead - 1 and points[-1][1] == lead


def test_owners_show_as_the_roster_spells_them_and_the_quote_stays_verbatim(
        config: Path) -> None:
    html, _, _ = site(config, "2012-08-27")
    row = html.split("xl.cfg(5) documentation patch", 1)[1].split("</li>", 1)[0]
    assert "<span class=\"owners\">Pasi Kärkkäinen, Stefano" in row
    page = next(p for p in (config.parent / "site-2012-08-27" / "items").glob("*.html")
                if "xl.cfg(5)" in p.read_text(encoding="utf-8"))
    text = page.read_text(encoding="utf-8")
    assert "<dd>Pasi Kärkkäinen, Stefano Stabellini</dd>" in text
    outside = re.sub(r"<pre.*?</pre>", "", text, flags=re.S)
    assert "KÃ" not in outside and "KÃrkkÃinen" in text  # the post's quote, as written
    import email
    from email import policy

    todobot(config, "draft", "--date", "2012-08-27", "-q")
    mail = email.message_from_string(todobot(config, "review"), policy=policy.default)
    stale = mail.get_content().split("-- stale: no news for weeks")[1]  # type: ignore[attr-defined]
    assert "(Pasi Kärkkäinen, Stefano Stabellini): no news" in stale and "KÃ" not in stale


def test_a_heading_over_placeholders_is_never_stale_nor_nagged(config: Path) -> None:
    import subprocess
    import sys

    nag = subprocess.run([sys.executable, "-c", "from bot.cli import main; main()",
                          "--config", str(config), "nag", "--date", "2012-09-10"],
                         capture_output=True, text=True, check=True)
    assert "xl compatibility with xm" not in nag.stderr + nag.stdout
    html, _, _ = site(config, "2012-09-10")
    row = html.split("xl compatibility with xm:", 1)[1].split("</li>", 1)[0]
    assert "no news for" not in row
    assert "vcpu-set" in nag.stdout  # a real item quiet as long still is


def test_a_fractional_stale_threshold_never_reads_as_fewer_weeks(config: Path) -> None:
    text = config.read_text(encoding="utf-8")
    config.write_text(re.sub(r"stale_weeks = \S+", "stale_weeks = 1.5", text),
                      encoding="utf-8")
    html, _, _ = site(config, "2012-08-25")  # vcpu-set: eleven days since its news
    assert "no news for 1.5 weeks or more" in html
    assert "no news for 11 days" in html and "no news for 1 week<" not in html


def test_words_from_mail_are_escaped_on_the_pages(config: Path) -> None:
    reply(config, "markup", "Wed, 22 Aug 2012 09:00:00 +0100",
          'This is done: <b>fixed</b> & "merged" in c/s 25750.')
    site(config, "2012-08-27")
    page = next(p for p in (config.parent / "site-2012-08-27" / "items").glob("*.html")
                if "vcpu-set" in p.read_text(encoding="utf-8"))
    text = page.read_text(encoding="utf-8")
    assert "&lt;b&gt;fixed&lt;/b&gt; &amp; &#34;merged&#34;" in text or \
        "&lt;b&gt;fixed&lt;/b&gt; &amp; &quot;merged&quot;" in text
    assert "<b>fixed" not in text
