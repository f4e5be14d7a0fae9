"""The cycle in-process on a real SQLite file: rules, permissions, drafts, hand edits,
approval by mail, DKIM, the bot's own post coming back, rebuild."""

from __future__ import annotations

import base64
import re
import subprocess
from dataclasses import replace
from datetime import date
from importlib import resources
from pathlib import Path

import pytest

from bot.config import ConfigError, parse_config
from bot.demo import THREAD, demo_config
from bot.mail import parse_message
from bot.post import Status, parse_post, render_post, status_from_text
from bot.release import (
    TERMINAL,
    Store,
    auto_reply,
    build_draft,
    clean_subject,
    cycle,
    drafting,
    house_note,
    item_paths,
    move_marker,
    rebuild,
    rm_token,
    with_status,
)
from bot.release import ingest as ingest_mod

SEED = resources.files("bot").joinpath("seed-2012.txt").read_text(encoding="utf-8")
REPLIES = Path(__file__).parent.parent / "fixtures" / "mails" / "replies-2012"
CHECK_ITEM = (">     * [CHECK] More formally deprecate xm/xend. Manpage patches already\n"
              ">       in tree. Needs release noting and communication around -rc1 to\n"
              ">       remind people to test xl.\n")
SONAME_ITEM = ">     * Bump library SONAMES as necessary.\n"


def mail(sender: str, body: str, *, mid: str = "r1@x", subject: str = "Re: [Xen-devel] Xen "
         "4.2 TODO / Release Plan", refs: str = THREAD, extra: str = "") -> bytes:
    head = (f"From: {sender}\nTo: xen-devel@lists.xen.org\nSubject: {subject}\n"
            f"Date: Thu, 16 Aug 2012 15:44:09 +0100\nMessage-ID: <{mid}>\n")
    if refs:
        head += f"In-Reply-To: {refs}\nReferences: {refs}\n"
    return (head + extra + "Content-Type: text/plain; charset=us-ascii\n\n" + body).encode()


JAN = "Jan Beulich <JBeulich@suse.com>"
RM = "Ian Campbell <Ian.Campbell@citrix.com>"
STRANGER = "Some One <someone@example.org>"


@pytest.fixture
def world(tmp_path: Path):
    config = parse_config(demo_config(tmp_path / "s.db"), tmp_path / "todobot.toml")
    store = Store.open(config.database_path())
    cycle.import_post(store, config, SEED, parse_post(SEED, year=2012), THREAD, "seed")
    yield config, store
    store.close()


def items(config, store) -> str:
    return render_post(cycle.current_state(store, config, date(2012, 8, 20)).post)


def states(store) -> list[tuple[str, str]]:
    return [(c.change.value, c.state) for c in store.changes()]


# -- rules --------------------------------------------------------------------


def test_subjects_are_compared_without_reply_prefixes_and_list_tags() -> None:
    assert clean_subject("AW: Re: [Xen-devel]  Xen 4.2 TODO / Release Plan") == \
        "xen 4.2 todo / release plan"


def test_precedence_list_is_not_an_auto_reply_but_bulk_is(world) -> None:
    config, store = world
    known = ingest_mod.known(store, config, 1)
    assert auto_reply(parse_message(mail(JAN, "x", extra="Precedence: list\n")), config,
                      known) is None
    assert auto_reply(parse_message(mail(JAN, "x", extra="Precedence: bulk\n")), config, known)


@pytest.mark.parametrize("extra", ["Auto-Submitted: auto-replied\n", "X-Loop: robot@x\n",
                                   "Precedence: junk\n", "Return-Path: <>\n"])
def test_auto_replies_and_bounces_are_kept_but_never_analysed(world, extra: str) -> None:
    config, store = world
    verdict = ingest_mod.Ingest(store, config).mail(mail(JAN, CHECK_ITEM + "\ntodobot: done\n",
                                                    extra=extra))
    assert verdict.disposition == "auto" and store.changes() == []
    assert store.mail("r1@x")["disposition"] == "auto"


def test_an_off_thread_mail_is_kept_and_marked_ignored(world) -> None:
    config, store = world
    raw = mail(JAN, CHECK_ITEM + "\ntodobot: done\n", subject="Re: [PATCH] libxl: fix",
               refs="<other@x>")
    verdict = ingest_mod.Ingest(store, config).mail(raw)
    assert verdict.disposition == "ignored" and "off the thread" in verdict.findings[-1]
    assert bytes(store.mail("r1@x")["raw"]) == raw and store.changes() == []


def test_a_reply_to_a_reply_is_on_the_thread(world) -> None:
    config, store = world
    ingest = ingest_mod.Ingest(store, config)
    ingest.mail(mail(JAN, "Thanks.\n", mid="first@x"))
    verdict = ingest.mail(mail(JAN, CHECK_ITEM + "\ntodobot: done\n", mid="second@x",
                               subject="Re: something else", refs="<first@x>"))
    assert verdict.disposition == "analysed" and verdict.applied == 1


def test_a_sub_thread_reply_stays_on_the_item_its_parent_spoke_of(world) -> None:
    """The RM asks under a developer's news without quoting the item; the answer quotes
    only the RM: it is about the item the mail it answers was about."""
    config, store = world
    ingest = ingest_mod.Ingest(store, config)
    ingest.mail(mail(JAN, SONAME_ITEM + "\nv2 of the patch is posted.\n", mid="dev@x"))
    ingest.mail(mail(RM, "> v2 of the patch is posted.\n\nThanks. Has anyone reviewed it yet?\n",
                     mid="rm@x", refs="<dev@x>"))
    verdict = ingest.mail(mail(JAN, "> Has anyone reviewed it yet?\n\nIt is committed now.\n",
                               mid="again@x", refs="<rm@x>"))
    assert verdict.applied == 1
    assert [(c.change.item_text, c.change.value) for c in store.changes()][-1] == (
        "Bump library SONAMES as necessary.", "done")


def test_a_sub_thread_reply_whose_parent_spoke_of_no_item_changes_nothing(world) -> None:
    config, store = world
    ingest = ingest_mod.Ingest(store, config)
    ingest.mail(mail(JAN, "Thanks, all of this looks fine.\n", mid="chat@x"))
    verdict = ingest.mail(mail(RM, "> Thanks, all of this looks fine.\n\nIt is committed now.\n",
                               mid="chat2@x", refs="<chat@x>"))
    assert verdict.applied == 0


# -- permissions --------------------------------------------------------------


def test_who_may_change_what(world) -> None:
    config, store = world
    ingest = ingest_mod.Ingest(store, config)
    assert ingest.mail(mail(JAN, CHECK_ITEM + "\ntodobot: done\n", mid="a@x")).applied == 1
    assert ingest.mail(mail(STRANGER, SONAME_ITEM + "\ntodobot: done\n",
                            mid="b@x")).proposed == 1
    assert ingest.mail(mail(RM, SONAME_ITEM + "\ntodobot: pinged\n", mid="c@x")).applied == 1
    assert states(store) == [("done", "applied"), ("done", "proposed"), ("pinged", "applied")]
    why = store.decisions(store.changes()[1].id)[0]["reason"]
    assert why == "sender not in the configured people"


def test_identity_comes_from_from_never_reply_to(world) -> None:
    config, store = world
    raw = mail(STRANGER, CHECK_ITEM + "\ntodobot: done\n", extra=f"Reply-To: {RM}\n")
    assert ingest_mod.Ingest(store, config).mail(raw).proposed == 1


def test_a_developer_below_the_threshold_only_proposes(world) -> None:
    config, store = world
    raw = (REPLIES / "10-mutt-confirmed-check-hedge-and-not-done-yet.eml").read_bytes()
    ingest_mod.Ingest(store, config).mail(raw)
    by_state = {c.state for c in store.changes() if c.change.confidence < config.apply_threshold}
    assert by_state == {"proposed"}


# -- the fixture replies ---------------------------------------------------------


def test_the_fixture_replies_are_read_once_and_rebuild_agrees(world) -> None:
    config, store = world
    ingest = ingest_mod.Ingest(store, config)
    raws = sorted(REPLIES.glob("*.eml"))
    first = [ingest.mail(p.read_bytes()).disposition for p in raws]
    before = (states(store), items(config, store))
    again = [ingest.mail(p.read_bytes()).disposition for p in raws]
    assert set(again) == {"duplicate"} and (states(store), items(config, store)) == before
    assert first.count("auto") == 1  # the out-of-office reply
    assert store.scalar("SELECT count(*) FROM mails") == len(raws)
    assert rebuild(store, config) == []


# -- undo ----------------------------------------------------------------------------


def test_undo_of_a_mail_restores_the_previous_state(world) -> None:
    config, store = world
    before = items(config, store)
    ingest_mod.Ingest(store, config).mail(mail(JAN, CHECK_ITEM + "\ntodobot: done\n\n"
                                         + SONAME_ITEM + "\ntodobot: patch posted\n"))
    assert items(config, store) != before
    assert len(cycle.undo_mail(store, config, "<r1@x>", "Ian Campbell")) >= 2
    assert items(config, store) == before
    with pytest.raises(cycle.CycleError, match="not applied"):
        cycle.decide_change(store, config, 1, "undo", "Ian Campbell")
    assert rebuild(store, config) == []


# -- drafts (pure) --------------------------------------------------------------------


def test_house_notes_say_their_status() -> None:
    for status in Status:
        if status is not Status.OPEN:
            assert status_from_text(house_note(status, "4.2")) is status


def test_a_status_replaces_a_short_status_note_and_keeps_long_ones() -> None:
    post = parse_post(SEED, year=2012)
    items_ = item_paths(post)
    vmce = items_["2.0"]  # (Jinsong Liu, Jan Beulich, DONE for 4.2)
    assert with_status(vmce, Status.PATCH_POSTED, "4.2").notes == ("Patch posted",)
    blktap = items_["3.4"]
    notes = with_status(blktap, Status.DONE, "4.2").notes
    assert notes[-1] == "DONE for 4.2" and "Patch posted" not in notes
    assert any(n.startswith("plan to take") for n in notes)


def test_done_items_leave_the_week_after_and_empty_lists_get_a_placeholder() -> None:
    post = parse_post(SEED, year=2012)
    draft = build_draft(post, {}, [], release="4.2", day=date(2012, 8, 20))
    texts = [i.text for i in item_paths(draft.post).values()]
    assert not any(t.startswith("vMCE") for t in texts)
    assert "removed (done last week)" in draft.changelog[0]
    week2 = (Path(__file__).parent.parent / "fixtures/posts/xen-4.2-week2-2012.txt").read_text()
    after = build_draft(parse_post(week2, year=2012), {}, [], release="4.2",
                        day=date(2012, 8, 13)).post
    assert not any(i.status in TERMINAL for i in item_paths(after).values())
    assert render_post(after).count("* None") >= render_post(parse_post(week2)).count("* None")


def test_an_untouched_post_comes_back_byte_for_byte_but_for_the_marker() -> None:
    week2 = parse_post((Path(__file__).parent.parent /
                        "fixtures/posts/xen-4.2-week2-2012.txt").read_text(), year=2012)
    marked = move_marker(week2, date(2012, 8, 13))
    assert marked == week2  # the marker never moves to an undated milestone on its own
    early = replace(week2, timeline=tuple(replace(m, marker=i == 1)
                                          for i, m in enumerate(week2.timeline)))
    moved = move_marker(early, date(2012, 8, 1))
    assert [m.marker for m in moved.timeline] == [False, False, True, False]
    assert "30 July         -- First release candidate          << WE ARE HERE" in \
        render_post(moved)


def test_a_new_item_goes_in_its_section_in_the_posts_style(world) -> None:
    config, store = world
    raw = (REPLIES / "35-mutt-please-add-new-item-to-named-section.eml").read_bytes()
    ingest_mod.Ingest(store, config).mail(raw)
    new = [c for c in store.changes() if c.change.kind.value == "new"]
    assert new, "the analyser found the new item"
    cycle.decide_change(store, config, new[0].id, "accept", "Ian Campbell") \
        if new[0].state == "proposed" else None
    text = items(config, store)
    section = text.split("tools, blockers:")[1].split("hypervisor, nice to have:")[0]
    assert "\n    * " + new[0].change.value.split()[0] in section


# -- hand edits ----------------------------------------------------------------------


def test_a_hand_edit_becomes_changes_that_rebuild_the_same_items(world) -> None:
    config, store = world
    ingest_mod.Ingest(store, config).mail(mail(JAN, CHECK_ITEM + "\ntodobot: done\n"))
    draft_id, _ = drafting.make_draft(store, config, date(2012, 8, 20))
    text = store.one("SELECT text FROM drafts WHERE id = ?", draft_id)["text"]
    edited = text.replace("    * Bump library SONAMES as necessary.\n",
                          "    * Bump library SONAMES as necessary. (Ian Jackson, Ping sent)\n")
    edited = edited.replace("The updated TODO list follows.", "The TODO list, edited.")
    edited = edited.replace("\ntools, nice to have:\n", "    * Xen crashes on boot with 2TB RAM"
                            " (Keir Fraser)\n\ntools, nice to have:\n", 1)
    new_id, findings = drafting.hand_edit(store, config, edited)
    assert store.one("SELECT text FROM drafts WHERE id = ?", new_id)["text"] == edited
    by_rm = [c for c in store.changes() if c.source.startswith("edit:")]
    kinds = sorted((str(c.change.kind), c.change.value) for c in by_rm)
    assert ("owner", "+Ian Jackson") in kinds and ("note", "+Ping sent") in kinds
    assert ("new", "Xen crashes on boot with 2TB RAM") in kinds
    assert all(c.state == "applied" and c.change.evidence.sender_name == "Ian Campbell"
               for c in by_rm)
    assert not any("differ" in f for f in findings), findings
    # re-running the draft keeps the edits: the log is enough to rebuild them
    again_id, _ = drafting.make_draft(store, config, date(2012, 8, 20))
    again = store.one("SELECT text FROM drafts WHERE id = ?", again_id)["text"]
    assert "(Ian Jackson, Ping sent)" in again and "The TODO list, edited." in again
    assert "Xen crashes on boot with 2TB RAM (Keir Fraser)" in again
    assert rebuild(store, config) == []


# -- approval by mail ------------------------------------------------------------------


RM_ADDR = "ian.campbell@citrix.com"


def review(config, store) -> tuple[str, bytes]:
    """The RM's token and review mail for a fresh draft."""
    drafting.make_draft(store, config, date(2012, 8, 20))
    ((address, token, raw),) = drafting.review_mails(store, config, 1)
    assert address == RM_ADDR and token == rm_token(store.current_draft(1)["token"], RM_ADDR)
    return token, raw


def test_approval_by_mail_needs_the_token_and_an_rm_address(world) -> None:
    config, store = world
    token, _ = review(config, store)
    ingest = ingest_mod.Ingest(store, config)
    subject = f"Re: confirm {token}: Xen 4.2 TODO / Release Plan (2012-08-20)"
    forged = ingest.mail(mail(RM, "approve\n", mid="f1@x", subject="Re: confirm "
                              "0123456789abcdef: Xen 4.2 TODO", refs=""))
    assert forged.disposition == "refused" and "not the current draft" in forged.findings[-1]
    stranger = ingest.mail(mail(STRANGER, "approve\n", mid="f2@x", subject=subject, refs=""))
    assert stranger.disposition == "refused" and "not a release manager" in \
        stranger.findings[-1]
    review_id = store.current_draft(1)["review_message_id"]
    no_token = ingest.mail(mail(RM, "approve\n", mid="f3@x", subject="Re: your draft",
                                refs=f"<{review_id}>"))
    assert no_token.disposition == "refused" and "no confirmation token" in \
        no_token.findings[-1]
    assert store.current_draft(1)["state"] == "draft"
    real = ingest.mail(mail(RM, "Approve.\n\n> quoted draft\n", mid="ok@x", subject=subject,
                            refs=f"<{review_id}>"))
    assert real.disposition == "approval" and store.current_draft(1)["state"] == "approved"


def test_a_reject_by_mail_keeps_the_reason(world) -> None:
    config, store = world
    token, _ = review(config, store)
    ingest_mod.Ingest(store, config).mail(mail(RM, "Reject: the S3 item is wrong\n", mid="no@x",
                                          subject=f"Re: confirm {token}", refs=""))
    draft = store.current_draft(1)
    assert (draft["state"], draft["reason"]) == ("rejected", "the S3 item is wrong")


def test_the_review_mail_itself_coming_back_is_our_own(world) -> None:
    config, store = world
    _, raw = review(config, store)
    assert ingest_mod.Ingest(store, config).mail(raw).disposition == "own"


# -- the bot's own post coming back ----------------------------------------------------


def test_our_post_coming_back_from_the_list_changes_nothing_and_confirms_the_send(world):
    config, store = world
    ingest_mod.Ingest(store, config).mail(mail(JAN, CHECK_ITEM + "\ntodobot: done\n"))
    draft_id, _ = drafting.make_draft(store, config, date(2012, 8, 20))
    drafting.set_draft(store, config, "approved", "Ian Campbell")
    send = store.queue_send(draft_id, "post-0820@lists.xen.org")
    assert store.claim_send(send)
    store.finish_send(send, "unknown", "connection dropped after DATA")
    before = (states(store), items(config, store))
    text = store.one("SELECT text FROM drafts WHERE id = ?", draft_id)["text"]
    body = text.replace("\n", "\n") + "\n_______________________________________________\n"
    raw = mail("todobot <todobot@lists.xen.org>", body, mid="post-0820@lists.xen.org",
               subject="[Xen-devel] Xen 4.2 TODO / Release Plan", refs="",
               extra="List-Id: <xen-devel.lists.xen.org>\n")
    verdict = ingest_mod.Ingest(store, config).mail(raw)
    assert verdict.disposition == "own" and "confirmed" in verdict.findings[-1]
    assert states(store) == before[0]
    assert store.send(send)["state"] == "sent" and store.current_draft(1)["state"] == "sent"
    assert store.baseline(1)["message_id"] == "post-0820@lists.xen.org"
    assert store.pending(1) == []  # the post shows them: next week starts clean
    assert rebuild(store, config) == []


# -- DKIM -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def dkim_key(tmp_path_factory) -> tuple[bytes, bytes]:
    folder = tmp_path_factory.mktemp("dkim")
    private = folder / "key.pem"
    subprocess.run(["openssl", "genrsa", "-traditional", "-out", str(private), "1024"],
                   check=True, capture_output=True)
    public = subprocess.run(["openssl", "rsa", "-in", str(private), "-pubout", "-outform",
                             "DER"], check=True, capture_output=True).stdout
    return private.read_bytes(), b"v=DKIM1; k=rsa; p=" + base64.b64encode(public)


def test_a_failed_dkim_signature_turns_changes_into_proposals(tmp_path: Path, dkim_key) -> None:
    import dkim

    config = parse_config(demo_config(tmp_path / "s.db", dkim="yes"), tmp_path / "t.toml")
    private, record = dkim_key
    with Store.open(config.database_path()) as store:
        cycle.import_post(store, config, SEED, parse_post(SEED, year=2012), THREAD)
        ingest = ingest_mod.Ingest(store, config, dnsfunc=lambda name, timeout=5: record)
        raw = mail(JAN, CHECK_ITEM + "\ntodobot: done\n", mid="signed@x")
        signed = dkim.sign(raw, b"sel", b"suse.com", private,
                           include_headers=[b"from", b"subject", b"message-id"]) + raw
        assert ingest.mail(signed).applied == 1
        tampered = signed.replace(b"<signed@x>", b"<tampered@x>").replace(b"xm/xend",
                                                                          b"xm/xenD")
        verdict = ingest.mail(tampered)
        assert verdict.applied == 0 and verdict.proposed == 1
        assert any("DKIM" in f for f in verdict.findings)
        unsigned = ingest.mail(mail(JAN, SONAME_ITEM + "\ntodobot: done\n", mid="plain@x"))
        assert unsigned.proposed == 1


# -- config -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("edit", "message"), [
    (lambda t: t.replace('name = "4.2"\n', ""), r"\[release\] name: missing"),
    (lambda t: t.replace("apply = 0.7", "aply = 0.7"), "did you mean 'apply'"),
    (lambda t: t.replace("apply = 0.7", "apply = 8"), "between 0 and 1"),
    (lambda t: t.replace("apply = 0.7", "apply = 0.5"), "stays a proposal"),
    (lambda t: t.replace('role = "rm"', 'role = "boss"'), "role: must be one of"),
    (lambda t: t + "\n[smtp]\nport = \"25\"\n", r"\[smtp\] port: must be a int"),
])
def test_a_bad_config_is_one_clear_line(tmp_path: Path, edit, message: str) -> None:
    with pytest.raises(ConfigError, match=message) as caught:
        parse_config(edit(demo_config(tmp_path / "s.db")), tmp_path / "t.toml")
    assert "\n" not in str(caught.value)


def test_the_roster_knows_aliases_and_mojibake(tmp_path: Path) -> None:
    config = parse_config(demo_config(tmp_path / "s.db"))
    assert config.roster["pasi kãrkkãinen"] == "Pasi Kärkkäinen"
    assert config.roster["jbeulich@suse.com"] == config.roster["jan"] == "Jan Beulich"
    assert config.person("JBeulich@SUSE.com").role == "developer"


# -- sources ----------------------------------------------------------------------------


def test_sources_read_mbox_maildir_and_folders_lazily(tmp_path: Path) -> None:
    from bot.mail import SourceError, open_source, read_mails

    one, two = mail(JAN, "Works from here on.\n", mid="1@x"), mail(RM, "ok\n", mid="2@x")
    box = tmp_path / "list.mbox"
    box.write_bytes(b"From a@b Mon Aug 13 12:00:00 2012\n" + one + b"\n>From the body\n\n"
                    b"From c@d Mon Aug 13 12:01:00 2012\n" + two + b"\n")
    read = [raw for _, raw in read_mails(open_source(str(box)))]
    assert len(read) == 2 and read[1] == two and read[0].endswith(b"\n\nFrom the body\n")
    maildir = tmp_path / "Maildir"
    for sub in ("cur", "new", "tmp"):
        (maildir / sub).mkdir(parents=True)
    (maildir / "new" / "1.host").write_bytes(one)
    (maildir / "cur" / "2.host:2,S").write_bytes(two)
    assert open_source(str(maildir)).kind == "maildir"
    assert sorted(raw for _, raw in read_mails(open_source(str(maildir)))) == sorted([one, two])
    folder = tmp_path / "emls"
    folder.mkdir()
    (folder / "a.eml").write_bytes(one)
    seen: list[int] = []
    assert [raw for _, raw in read_mails(open_source(str(folder)), seen.append)] == [one]
    assert sum(seen) == len(one)
    with pytest.raises(SourceError, match="no such file"):
        open_source(str(tmp_path / "missing"))


# -- review fixes: decisions re-checked under the write lock ---------------------------------


def signed_approval(config, store, private: bytes, body: str, mid: str) -> bytes:
    import dkim

    token = rm_token(store.current_draft(1)["token"], RM_ADDR)
    raw = mail(RM, body, mid=mid, subject=f"Re: confirm {token}: Xen 4.2 TODO", refs="")
    return dkim.sign(raw, b"sel", b"citrix.com", private,
                     include_headers=[b"from", b"subject", b"message-id"]) + raw


@pytest.mark.parametrize("meanwhile", ["reject", "redraft"])
def test_an_approval_by_mail_is_checked_again_under_the_lock(tmp_path: Path, dkim_key,
                                                             meanwhile: str) -> None:
    """The RM's `todobot reject` (or a new draft) lands while the approval's DKIM
    check asks DNS: the mail must not approve what the RM just withdrew."""
    config = parse_config(demo_config(tmp_path / "s.db", dkim="yes"), tmp_path / "t.toml")
    private, record = dkim_key
    with Store.open(config.database_path()) as store, \
            Store.open(config.database_path()) as rm_shell:
        cycle.import_post(store, config, SEED, parse_post(SEED, year=2012), THREAD)
        drafting.make_draft(store, config, date(2012, 8, 20))
        first = store.current_draft(1)["id"]

        def dns_while_the_rm_acts(name, timeout=5):
            if meanwhile == "reject":
                drafting.set_draft(rm_shell, config, "rejected", "Ian Campbell", "wrong date")
            else:
                drafting.make_draft(rm_shell, config, date(2012, 8, 21))
            return record

        verdict = ingest_mod.Ingest(store, config, dns_while_the_rm_acts).mail(
            signed_approval(config, store, private, "approve\n", "ok@x"))
        assert verdict.disposition == "refused", verdict.findings
        assert "approval refused" in verdict.findings[-1]
        states = [r[0] for r in store.all("SELECT state FROM drafts ORDER BY id")]
        assert states == (["rejected"] if meanwhile == "reject" else ["superseded", "draft"])
        assert store.mail("ok@x")["disposition"] == "refused"
        assert store.one("SELECT state FROM drafts WHERE id = ?", first)["state"] != "approved"
        assert rebuild(store, config) == []


def test_a_hand_edit_reads_the_draft_under_the_lock(world, monkeypatch) -> None:
    """A `todobot reject` between hand_edit's first look and its write: no edit of a
    rejected draft becomes a fresh unapproved draft."""
    import bot.post.parse

    config, store = world
    draft_id, _ = drafting.make_draft(store, config, date(2012, 8, 20))
    text = store.one("SELECT text FROM drafts WHERE id = ?", draft_id)["text"]
    parse = bot.post.parse_post

    def parse_while_the_rm_rejects(*args, **kw):
        with Store.open(config.database_path()) as other:
            drafting.set_draft(other, config, "rejected", "Ian Campbell", "not this week")
        return parse(*args, **kw)

    monkeypatch.setattr(bot.post, "parse_post", parse_while_the_rm_rejects)
    with pytest.raises(cycle.CycleError, match="is rejected"):
        drafting.hand_edit(store, config, text.replace("SONAMES", "SONAMEs"))
    assert [r[0] for r in store.all("SELECT state FROM drafts")] == ["rejected"]
    assert store.scalar("SELECT count(*) FROM edits") == 0


def test_a_hand_edit_of_a_replaced_draft_is_refused(world) -> None:
    config, store = world
    first, _ = drafting.make_draft(store, config, date(2012, 8, 20))
    text = store.one("SELECT text FROM drafts WHERE id = ?", first)["text"]
    drafting.make_draft(store, config, date(2012, 8, 21))
    with pytest.raises(cycle.CycleError, match="replaced by draft #2"):
        drafting.hand_edit(store, config, text, based_on=first)


# -- review fixes: a post sent by hand -----------------------------------------------------


def test_a_hand_sent_post_keeps_the_changes_it_does_not_show(world) -> None:
    """The RM posted by hand and imports it; a reply applied meanwhile that the post
    does not say (the ping) stays for next week; what it says (DONE, the new item
    the RM typed in) is shown, and the new item keeps its id."""
    config, store = world
    ingest = ingest_mod.Ingest(store, config)
    ingest.mail(mail(JAN, CHECK_ITEM + "\ntodobot: done\n", mid="done@x"))
    ingest.mail(mail(RM, SONAME_ITEM + "\ntodobot: pinged\n", mid="ping@x"))
    ingest.mail((REPLIES / "35-mutt-please-add-new-item-to-named-section.eml").read_bytes())
    assert sorted(c.change.value for c in store.pending(1)) == [
        "done", "pinged", "xenstored memory leak"]
    new_item = next(c.item_id for c in store.pending(1) if c.change.kind.value == "new")
    hand = SEED.replace("remind people to test xl.\n", "remind people to test xl. (DONE for "
                        "4.2)\n").replace("    * Bump library SONAMES as necessary.\n",
                                           "    * Bump library SONAMES as necessary.\n\n"
                                           "    * xenstored memory leak\n")
    cycle.import_post(store, config, hand, parse_post(hand, year=2012), "<by-hand@x>", "hand")
    assert [c.change.value for c in store.pending(1)] == ["pinged"]
    assert new_item in store.item_ids(store.baseline(1)["id"]).values()
    text = items(config, store)
    assert "Bump library SONAMES as necessary. (Ping sent)" in text
    assert text.count("xenstored memory leak") == 1
    assert "More formally deprecate" not in text  # done in the hand-sent post: gone
    assert rebuild(store, config) == []


# -- review fixes: the year a post was read in ----------------------------------------------


def marked_early(text: str) -> str:
    """The seed with the marker still on "19 March": a draft moves it to the latest
    milestone passed, which needs the milestones' dates, which need the year."""
    text = re.sub(r" +<< WE ARE HERE", "", text)
    return text.replace("19 March        -- TODO list locked down",
                        "19 March        -- TODO list locked down  << WE ARE HERE")


def test_the_year_from_the_mail_is_kept_with_the_post(tmp_path: Path) -> None:
    text = demo_config(tmp_path / "s.db").replace("year = 2012\n", "")
    config = parse_config(text, tmp_path / "t.toml")
    assert config.year is None
    with Store.open(config.database_path()) as store:
        seed = marked_early(SEED)
        post = parse_post(seed, year=2012)  # as `init` reads it, the year from the mail's Date
        cycle.import_post(store, config, seed, post, THREAD, "seed.eml")
        assert "30 July         -- First release candidate  << WE ARE HERE" in render_post(
            cycle.current_state(store, config, date(2012, 8, 20)).post)
        assert rebuild(store, config) == []
        assert store.scalar("SELECT year FROM releases") == 2012


# -- review fixes: undo and accept after approve ----------------------------------------------


def test_undo_or_accept_after_approve_is_refused_not_lost(world) -> None:
    config, store = world
    ingest = ingest_mod.Ingest(store, config)
    ingest.mail(mail(JAN, CHECK_ITEM + "\ntodobot: done\n", mid="a@x"))
    ingest.mail(mail(STRANGER, SONAME_ITEM + "\ntodobot: done\n", mid="b@x"))
    shown, proposal = store.changes()[0].id, store.changes()[1].id
    drafting.make_draft(store, config, date(2012, 8, 20))
    drafting.set_draft(store, config, "approved", "Ian Campbell")
    with pytest.raises(cycle.CycleError, match="is in approved draft #1"):
        cycle.decide_change(store, config, shown, "undo", "Ian Campbell")
    with pytest.raises(cycle.CycleError, match="would not be in approved draft #1"):
        cycle.decide_change(store, config, proposal, "accept", "Ian Campbell")
    with pytest.raises(cycle.CycleError, match="approved draft"):
        cycle.undo_mail(store, config, "<a@x>", "Ian Campbell")
    assert states(store) == [("done", "applied"), ("done", "proposed")]
    cycle.decide_change(store, config, proposal, "reject", "Ian Campbell")  # no effect on it
    drafting.set_draft(store, config, "rejected", "Ian Campbell", "undo the CHECK")
    cycle.decide_change(store, config, shown, "undo", "Ian Campbell")
    assert states(store)[0] == ("done", "reverted")


# -- review fixes: the hot path --------------------------------------------------------------

FIXTURE_MAILS = sorted((REPLIES.parent).glob("*/*.eml"))


def off_thread_copy(raw: bytes, number: int) -> bytes:
    """The same mail on another thread: its own Message-ID, another subject, no refs."""
    out = []
    head, sep, body = raw.replace(b"\r\n", b"\n").partition(b"\n\n")
    skip = False
    for line in head.split(b"\n"):
        name = line.split(b":", 1)[0].lower()
        if line[:1] in (b" ", b"\t"):
            if skip:
                continue
        else:
            skip = name in (b"message-id", b"subject", b"in-reply-to", b"references")
        if not skip:
            out.append(line)
    out += [f"Message-ID: <off{number}@example.org>".encode(),
            b"Subject: Re: [Xen-devel] [PATCH v3] libxl: fix the frobnicator"]
    return b"\n".join(out) + sep + body


def crafted_off_thread(token: str) -> list[bytes]:
    """Off-thread mails that a rule before the thread test must still take."""
    approve = base64.b64encode(f"confirm {token}\napprove\n".encode()).decode()
    return [
        mail(RM, approve + "\n", mid="b64-approval@x", subject="about the draft", refs="",
             extra="Content-Transfer-Encoding: base64\n"),
        mail(RM, f"confirm {token}\napprove\n", mid="body-approval@x", subject="the draft",
             refs=""),
        mail(RM, "confirm 0123456789abcdef\napprove\n", mid="forged@x", subject="x", refs=""),
        mail("todobot <todobot@lists.xen.org>", "notice\n", mid="notice@x", refs="",
             subject="todobot: the weekly post was NOT sent", extra="X-Todobot: notice\n"),
        mail(JAN, "bounce\n", mid="bounce@x", subject="Undeliverable", refs="",
             extra="Return-Path: <>\n"),
        mail(JAN, "report\n", mid="report@x", subject="Delivery", refs="",
             extra="Content-Type: multipart/report; report-type=delivery-status\n"),
        mail("=?utf-8?q?Beulich=2C_Jan?= <jbeulich@suse.com>", "x\n", mid="comma@x",
             subject="Re: [PATCH] x", refs=""),
        mail(JAN, "x\n", mid="own-id@x", subject="other", refs="",
             extra="X-Loop: todobot@lists.xen.org\n"),
    ]


def settle_all(config, store, raws: list[bytes], monkeypatch, headers_only: bool):
    if not headers_only:
        monkeypatch.setattr(ingest_mod.Ingest, "_off_thread", lambda *args: None)
    decoded = []
    real = ingest_mod.parse_message
    monkeypatch.setattr(ingest_mod, "parse_message", lambda raw: decoded.append(raw) or real(raw))
    ingest = ingest_mod.Ingest(store, config)
    for raw in raws:
        ingest.mail(raw)
    monkeypatch.undo()
    rows = store.all("SELECT key, message_id, sender, subject, disposition, findings, "
                     "release_id, post_id FROM mails ORDER BY key")
    return [tuple(r) for r in rows], decoded


def test_off_thread_mails_are_settled_from_their_headers_as_a_full_decode_would(
        tmp_path: Path, monkeypatch) -> None:
    """Every fixture mail, on and off the thread, and mails that only look off the
    thread: the same rows as when every mail is decoded; the body of a mail clearly
    off the thread is never decoded."""
    results = []
    for headers_only in (False, True):
        folder = tmp_path / str(headers_only)
        folder.mkdir()
        config = parse_config(demo_config(folder / "s.db"), folder / "todobot.toml")
        store = Store.open(config.database_path())
        cycle.import_post(store, config, SEED, parse_post(SEED, year=2012), THREAD, "seed")
        drafting.make_draft(store, config, date(2012, 8, 20), token="feedfacecafebeef")
        raws = [p.read_bytes() for p in FIXTURE_MAILS]
        raws += [off_thread_copy(raw, n) for n, raw in enumerate(raws)]
        raws += crafted_off_thread(rm_token("feedfacecafebeef", RM_ADDR))
        results.append(settle_all(config, store, raws, monkeypatch, headers_only))
        store.close()
    (full, decoded_all), (quick, decoded) = results
    assert quick == full
    assert len(decoded_all) == len(raws)
    skipped = {bytes(r) for r in raws} - {bytes(r) for r in decoded}
    assert len(skipped) > len(FIXTURE_MAILS) // 2  # most of the copies, none on the thread
    assert not skipped & set(crafted_off_thread(rm_token("feedfacecafebeef", RM_ADDR)))
    dispositions = {row[0]: row[4] for row in quick}
    assert dispositions["b64-approval@x"] == "approval"  # the token only in a base64 body
    assert dispositions["body-approval@x"] == "refused"  # approved already
    assert dispositions["notice@x"] == "own" and dispositions["bounce@x"] == "auto"
    assert dispositions["off0@example.org"] == "ignored"


def test_one_ingest_run_reads_the_post_once(world, monkeypatch) -> None:
    config, store = world
    calls = []
    real = ingest_mod.post_of
    monkeypatch.setattr(ingest_mod, "post_of", lambda row: calls.append(1) or real(row))
    ingest = ingest_mod.Ingest(store, config)
    for number in range(5):
        ingest.mail(mail(JAN, CHECK_ITEM + "\nThanks.\n", mid=f"{number}@x"))
    assert len(calls) == 1


# -- a new item named by its address alone ----------------------------------------------

COVER_ID = "20120815101010.4242-1-dev@example.org"
ONE_MORE = ("Hi Ian,\n\nplease add one more series to the list:\n\n"
            f"https://lore.kernel.org/xen-devel/{COVER_ID}/\n\nThanks,\nJan\n")


def _series_cover() -> bytes:
    """A cover letter as the list carried it, off the release thread."""
    return mail("Dev Eloper <dev@example.org>", "This series tidies the paths.\n",
                mid=COVER_ID, refs="",
                subject="[PATCH v3 0/4] libxl: find the device model under libexec")


def _new_items(store) -> list[str]:
    return [c.change.value for c in store.changes() if c.change.kind.value == "new"]


def test_a_new_item_named_by_its_address_takes_the_archived_mails_subject(world) -> None:
    config, store = world
    ingest = ingest_mod.Ingest(store, config)
    ingest.mail(_series_cover())  # the list's mail, kept though it is off the thread
    ingest.mail(mail(JAN, ONE_MORE, mid="one-more@x"))
    assert _new_items(store) == ["libxl: find the device model under libexec "
                                 f"https://lore.kernel.org/xen-devel/{COVER_ID}/"]
    _, draft = drafting.make_draft(store, config, date(2012, 8, 20))
    assert not [line for line in draft.skipped if "its address" in line]
    assert rebuild(store, config) == []  # the kept mails, replayed, title it the same


def test_an_address_the_store_lacks_stays_the_title_and_the_review_asks_for_one(
        world) -> None:
    config, store = world
    ingest = ingest_mod.Ingest(store, config)
    ingest.mail(mail(JAN, ONE_MORE, mid="one-more@x"))
    ingest.mail(_series_cover())  # read after the ask: the title was settled as it came
    assert _new_items(store) == [f"https://lore.kernel.org/xen-devel/{COVER_ID}/"]
    _, draft = drafting.make_draft(store, config, date(2012, 8, 20))
    assert any("has only its address for a title: name it before approving" in line
               for line in draft.skipped)
    # the same with `rebuild`, which replays the kept mails in the order they came
    assert rebuild(store, config) == []


@pytest.mark.parametrize("subject", [
    "Re: [PATCH v3 0/4] libxl: find the device model under libexec",  # a reply: its thread
    "[Xen-devel] Re: [PATCH v3 0/4] libxl: find the device model under libexec",
    "[PATCH v3 0/4] *** SUBJECT HERE ***",  # git's cover letter, never edited
])
def test_a_subject_that_names_no_work_leaves_the_address_for_the_rm(world, subject) -> None:
    config, store = world
    ingest = ingest_mod.Ingest(store, config)
    ingest.mail(mail("Dev Eloper <dev@example.org>", "More below.\n", mid=COVER_ID, refs="",
                     subject=subject))
    ingest.mail(mail(JAN, ONE_MORE, mid="one-more@x"))
    assert _new_items(store) == [f"https://lore.kernel.org/xen-devel/{COVER_ID}/"]


def test_a_long_subject_gives_way_and_the_address_stays_whole(world) -> None:
    config, store = world
    ingest = ingest_mod.Ingest(store, config)
    long = "libxl: " + " ".join(["find the device model under libexec"] * 6)
    ingest.mail(mail("Dev Eloper <dev@example.org>", "Cover.\n", mid=COVER_ID, refs="",
                     subject=f"[PATCH v3 0/4] {long}"))
    ingest.mail(mail(JAN, ONE_MORE, mid="one-more@x"))
    (title,) = _new_items(store)
    assert len(title) <= 200 and title.startswith("libxl: find the device model")
    assert title.endswith(f" https://lore.kernel.org/xen-devel/{COVER_ID}/")


def test_the_rm_adding_an_item_the_thread_raised_as_a_blocker_adds_it(world) -> None:
    """The thread's item is no item of the post yet: the RM's word on it is the news."""
    config, store = world
    ingest = ingest_mod.Ingest(store, config)
    ingest.mail(mail(STRANGER, 'Please add "xl: fix the cpupool listing" to the list.\n',
                     mid="ask@x"))
    ingest.mail(mail(RM, 'Adding "xl: fix the cpupool listing" as a blocker.\n', mid="rm@x",
                     refs="<ask@x>"))
    assert ("xl: fix the cpupool listing", "applied") in [
        (c.change.value, c.state) for c in store.changes() if c.change.kind.value == "new"]
    assert "* xl: fix the cpupool listing" in items(config, store)
