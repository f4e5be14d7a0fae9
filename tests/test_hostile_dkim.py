"""Issue 12, defect 2: a DKIM signature counts only when its d= aligns with the From domain.

dkimpy signs with a test key and verifies with a `dnsfunc` that hands it the
public key record: the DKIM check is real, only the DNS lookup is given.
"""

# ruff: noqa: F811 - dkim_key is test_cycle's fixture
from __future__ import annotations

from datetime import date
from pathlib import Path

from test_cycle import CHECK_ITEM, JAN, RM, SEED, dkim_key, mail  # noqa: F401

from bot.config import parse_config
from bot.demo import THREAD, demo_config
from bot.post import parse_post
from bot.release import Store, cycle, drafting, rebuild, rm_token
from bot.release import ingest as ingest_mod
from bot.release.alignment import aligned, organizational_domain


def sign(raw: bytes, domain: bytes, private: bytes) -> bytes:
    import dkim

    return dkim.sign(raw, b"sel", domain, private,
                     include_headers=[b"from", b"subject", b"message-id"]) + raw


def test_organizational_domains() -> None:
    assert organizational_domain("mail.suse.com") == "suse.com"
    assert organizational_domain("lists.xen.org.") == "xen.org"
    assert organizational_domain("a.b.co.uk") == "b.co.uk"
    assert aligned("eu.citrix.com", "citrix.com") and aligned("CITRIX.com", "citrix.COM")
    assert not aligned("evil.example", "citrix.com")
    assert not aligned("alice.github.io", "bob.github.io")  # a private public suffix
    assert not aligned("co.uk", "citrix.co.uk")


def test_only_an_aligned_signature_approves_or_applies(tmp_path: Path, dkim_key) -> None:
    config = parse_config(demo_config(tmp_path / "s.db", dkim="yes"), tmp_path / "t.toml")
    private, record = dkim_key
    with Store.open(config.database_path()) as store:
        cycle.import_post(store, config, SEED, parse_post(SEED, year=2012), THREAD)
        ingest = ingest_mod.Ingest(store, config, dnsfunc=lambda name, timeout=5: record)
        # a developer's change, signed by the attacker's own domain: only a proposal
        forged = sign(mail(JAN, CHECK_ITEM + "\ntodobot: done\n", mid="f1@x"),
                      b"evil.example", private)
        verdict = ingest.mail(forged)
        assert (verdict.applied, verdict.proposed) == (0, 1), verdict.findings
        assert any("does not align" in f for f in verdict.findings)
        # the same words signed by a subdomain of the sender's organization: applied
        good = sign(mail(JAN, CHECK_ITEM + "\ntodobot: done\n", mid="g1@x"),
                    b"mail.suse.com", private)
        assert ingest.mail(good).applied == 1
        # an approval with the RM's From, signed by the attacker's domain: refused
        drafting.make_draft(store, config, date(2012, 8, 20))
        token = rm_token(store.current_draft(1)["token"], "ian.campbell@citrix.com")
        approval = mail(RM, "approve\n", mid="a1@x", subject=f"Re: confirm {token}: Xen 4.2",
                        refs="")
        verdict = ingest.mail(sign(approval, b"evil.example", private))
        assert verdict.disposition == "refused", verdict.findings
        assert store.current_draft(1)["state"] == "draft"
        verdict = ingest.mail(sign(approval.replace(b"a1@x", b"a2@x"), b"citrix.com", private))
        assert verdict.disposition == "approval", verdict.findings
        assert store.current_draft(1)["state"] == "approved"
        assert rebuild(store, config, lambda name, timeout=5: record) == []


def test_a_mail_the_list_rewrote_counts_with_the_lists_signature(tmp_path: Path,
                                                                  dkim_key) -> None:
    """A list's DMARC rewrite ("Jan Beulich via Xen-devel" <xen-devel@lists.xen.org>, Jan in
    Reply-To) re-signs the mail with the list's domain: that signature vouches for it (Jan's
    own domain signed nothing the list passed on); the sender's words are Jan's."""
    config = parse_config(demo_config(tmp_path / "s.db", dkim="yes"), tmp_path / "t.toml")
    private, record = dkim_key
    rewritten = "Jan Beulich via Xen-devel <xen-devel@lists.xen.org>"
    extra = ("Reply-To: Jan Beulich <JBeulich@suse.com>\n"
             "List-Id: Xen developer discussion <xen-devel.lists.xen.org>\n"
             "List-Post: <mailto:xen-devel@lists.xen.org>\n")
    with Store.open(config.database_path()) as store:
        cycle.import_post(store, config, SEED, parse_post(SEED, year=2012), THREAD)
        ingest = ingest_mod.Ingest(store, config, dnsfunc=lambda name, timeout=5: record)
        words = CHECK_ITEM + "\ntodobot: done\n"
        listed = sign(mail(rewritten, words, mid="v1@x", extra=extra), b"lists.xen.org",
                      private)
        assert ingest.mail(listed).applied == 1
        # the same rewrite signed by another domain than the list's: only a proposal
        other = sign(mail(rewritten, words, mid="v2@x", extra=extra), b"evil.example", private)
        verdict = ingest.mail(other)
        assert (verdict.applied, verdict.proposed) == (0, 1), verdict.findings


def test_a_via_from_at_another_address_is_not_the_reply_tos_sender(tmp_path: Path,
                                                                     dkim_key) -> None:
    """Anyone can write a List-Id: "Jan Beulich via lists" <jb@evil.example> with a List-Id
    of its own, Jan in Reply-To and evil.example's signature is not Jan's mail."""
    config = parse_config(demo_config(tmp_path / "s.db", dkim="yes"), tmp_path / "t.toml")
    private, record = dkim_key
    extra = ("Reply-To: Jan Beulich <JBeulich@suse.com>\nList-Id: <jb.evil.example>\n"
             "List-Post: <mailto:jb@evil.example>\n")
    with Store.open(config.database_path()) as store:
        cycle.import_post(store, config, SEED, parse_post(SEED, year=2012), THREAD)
        ingest = ingest_mod.Ingest(store, config, dnsfunc=lambda name, timeout=5: record)
        forged = sign(mail("Jan Beulich via lists <jb@evil.example>",
                           CHECK_ITEM + "\ntodobot: done\n", mid="x1@x", extra=extra),
                      b"evil.example", private)
        verdict = ingest.mail(forged)
        assert verdict.applied == 0, verdict.findings
