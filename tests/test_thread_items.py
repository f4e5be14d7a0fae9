"""Items a thread raised: a later reply that answers one of them is about that item.

A stable-release request lists nothing; a developer asks for two commits, and the
RM's answer under one of them ("Applied.") must land on that commit's item, in the
store as in the draft, not be lost as talk about nothing.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from threadstore import store_with_post

from bot.post import ChangeKind, parse_post, render_post
from bot.release import cycle
from bot.release import ingest as ingest_mod
from bot.reply.raised import Raised, with_raised

THREAD = "<stable-4.31.2@example.org>"
REQUEST = ("Hello,\n\nwe plan to tag 4.31.2 at the end of the month. Let me know which\n"
           "backports the stable branch still lacks and you think matter.\n\n"
           "Thanks, Jan\n")
ASKING = ("> Let me know which backports the stable branch still lacks\n"
          "> and you think matter.\n\n"
          "Could these go in as well:\n\n"
          "3fa9c2e1d0 x86/vpt: fix a race on timer teardown\n"
          "b71e0a44c9 xen/sched: don't leak the idle scratch page\n\n"
          "Thanks,\nKonrad\n")
RM = "Ian Campbell <Ian.Campbell@citrix.com>"
KONRAD = "Konrad Rzeszutek Wilk <konrad.wilk@oracle.com>"


def mail(sender: str, body: str, mid: str, refs: str) -> bytes:
    return (f"From: {sender}\nTo: xen-devel@lists.xen.org\n"
            f"Subject: Re: preparations for 4.31.2\nDate: Mon, 3 Mar 2031 10:00:00 +0100\n"
            f"Message-ID: <{mid}>\nIn-Reply-To: {refs}\nReferences: {THREAD} {refs}\n"
            "Content-Type: text/plain; charset=us-ascii\n\n" + body).encode()


@pytest.fixture
def world(tmp_path: Path):
    config, store = store_with_post(tmp_path, REQUEST, THREAD, "request")
    yield config, store, ingest_mod.Ingest(store, config)
    store.close()


def test_an_answer_under_a_commit_another_reply_asked_for_lands_on_its_item(world) -> None:
    config, store, ingest = world
    ingest.mail(mail(KONRAD, ASKING, "ask@x", THREAD))
    raised = {c.change.value: c.item_id for c in store.changes()
              if c.change.kind is ChangeKind.NEW}
    assert list(raised) == ["3fa9c2e1d0 x86/vpt: fix a race on timer teardown",
                            "b71e0a44c9 xen/sched: don't leak the idle scratch page"]
    verdict = ingest.mail(mail(RM, "> b71e0a44c9 xen/sched: don't leak the idle scratch page\n\n"
                               "Applied, thanks.\n", "rm@x", "<ask@x>"))
    assert verdict.applied == 1
    done = store.changes()[-1]
    assert (done.change.kind, done.change.value) == (ChangeKind.STATUS, "done")
    assert done.item_id == raised["b71e0a44c9 xen/sched: don't leak the idle scratch page"]
    draft = render_post(cycle.current_state(store, config, date(2031, 3, 10)).post)
    asked, applied = (draft.split(f"* {commit}")[1].split("\n\n")[0]
                      for commit in ("3fa9c2e1d0", "b71e0a44c9"))
    assert "DONE" in applied and "DONE" not in asked


def test_a_reply_in_a_sub_thread_of_the_asking_mail_stays_on_its_one_raised_item(world) -> None:
    """The asking mail raised one item; an answer to it quoting none is about that one."""
    _config, store, ingest = world
    ingest.mail(mail(KONRAD, ASKING.replace(
        "b71e0a44c9 xen/sched: don't leak the idle scratch page\n", ""), "ask@x", THREAD))
    ingest.mail(mail(RM, "Applied, thanks.\n", "rm@x", "<ask@x>"))
    last = store.changes()[-1]
    assert (last.change.kind, last.change.value) == (ChangeKind.STATUS, "done")
    assert last.change.item_text == "3fa9c2e1d0 x86/vpt: fix a race on timer teardown"


def test_a_new_item_the_rm_undid_is_not_one_the_thread_knows(world) -> None:
    config, store, ingest = world
    ingest.mail(mail(KONRAD, ASKING, "ask@x", THREAD))
    for logged in store.changes():
        action = "undo" if logged.state == "applied" else "reject"
        cycle.decide_change(store, config, logged.id, action, "Ian Campbell")
    ingest.mail(mail(RM, "> b71e0a44c9 xen/sched: don't leak the idle scratch page\n\n"
                     "Applied, thanks.\n", "rm@x", "<ask@x>"))
    assert not [c for c in store.changes() if c.change.kind is ChangeKind.STATUS]


def test_raised_items_follow_the_posts_own_and_keep_its_paths() -> None:
    post = parse_post("Hi,\n\ntools:\n    * xl: fix the cpupool listing\n", year=2031)
    grown, paths = with_raised(post, [
        Raised("3fa9c2e1d0 x86/vpt: fix a race", "backports"),
        Raised("another one", ""),
        Raised("3fa9c2e1d0  x86/vpt: fix a race", "elsewhere"),  # the same title again
        Raised("xl: fix the cpupool listing", "tools"),  # the post's own item
    ])
    assert [s.title for s in grown.sections] == ["tools", "backports", "unsorted"]
    assert grown.sections[0].items == post.sections[0].items
    assert paths == [(1, 0), (2, 0), (1, 0), (0, 0)]
    assert with_raised(post, []) == (post, [])
    assert with_raised(post, [])[0] is post  # the matcher's index is cached by identity


def test_an_answer_under_a_commit_the_request_itself_listed_lands_on_it() -> None:
    """The request lists what is queued already; "Applied." under one of its commits."""
    from bot.mail import parse_message
    from bot.reply import analyze_reply

    post = parse_post("Hi,\n\ntagging is near. Sitting in my queue already are\n\n"
                      "3fa9c2e1d0\tx86/vpt: fix a race on timer teardown\n"
                      "b71e0a44c9\txen/sched: don't leak the idle scratch page\n\nJan\n",
                      year=2031)
    reply = parse_message(mail(KONRAD, "> b71e0a44c9\txen/sched: don't leak the idle scratch "
                                       "page\n\nThat one is in 4.31-stable now.\n", "k@x", THREAD))
    changes = analyze_reply(reply, post).changes
    assert [(c.item_text, c.kind, c.value) for c in changes] == [
        ("b71e0a44c9\txen/sched: don't leak the idle scratch page", ChangeKind.STATUS, "done")]


def test_a_raised_item_goes_to_the_first_section_of_its_name() -> None:
    post = parse_post("Hi,\n\n== x86 ==\n\n*  CPUID faulting (v2)\n  -  Tomasz\n\n"
                      "= Completed =\n\n== x86 ==\n\n*  Old thing (v9)\n  -  Jan\n\nRM\n",
                      year=2031)
    grown, paths = with_raised(post, [Raised("3fa9c2e1d0 x86/vpt: fix a race", "x86")])
    first = next(n for n, s in enumerate(grown.sections) if s.title == "x86")
    assert paths == [(first, 1)]


def test_an_answer_to_one_patch_mail_of_a_round_up_is_about_that_patch() -> None:
    """The reply quotes the patch's commit message, which names no item; its Subject
    names the patch, which the round-up lists."""
    from bot.mail import parse_message
    from bot.reply import analyze_reply

    post = parse_post("Tagging 4.31.2 next week; this is what goes in so far.\n\n/rm\n\n"
                      "--------------------------------------\n"
                      "01 3fa9c2e1d0ab Jonas Berg:\n   x86/vpt: fix a race on timer teardown\n"
                      "02 b71e0a44c9cd Priya Natarajan:\n   tools/xl: print the right domid\n",
                      year=2031)
    raw = mail(RM, "> The domid printed after a migration was the old one, as the\n"
                   "> migration stream still carried it.\n\n"
                   "It needs the stream rework first, so it is dropped from the round.\n",
               "rm@x", THREAD).replace(b"Subject: Re: preparations for 4.31.2",
                                       b"Subject: Re: [Stable-4.31.2 02/02] tools/xl: print the "
                                       b"right domid")
    changes = analyze_reply(parse_message(raw), post, rms={"Ian.Campbell@citrix.com"}).changes
    assert [(c.item_text.split(": ", 1)[1], c.value) for c in changes] == [
        ("tools/xl: print the right domid", "dropped")]


@pytest.mark.parametrize("answer, done", [("Applied both, thanks.", True),
                                          ("Both look fine to me.", False)])
def test_an_answer_about_both_items_the_mail_it_answers_asked_for(world, answer: str,
                                                                   done: bool) -> None:
    _config, store, ingest = world
    ingest.mail(mail(KONRAD, ASKING, "ask@x", THREAD))
    raised = {c.item_id for c in store.changes() if c.change.kind is ChangeKind.NEW}
    ingest.mail(mail(RM, answer + "\n", "rm@x", "<ask@x>"))
    states = {(c.item_id, c.change.value) for c in store.changes()
              if c.change.kind is ChangeKind.STATUS}
    assert states == ({(item, "done") for item in raised} if done else set())


ANSWERED_UNSEEN = ("Konrad Rzeszutek Wilk wrote:\n" + "".join(
    f"> {line}\n" if line else ">\n" for line in ASKING.replace(
        "b71e0a44c9 xen/sched: don't leak the idle scratch page\n", "").splitlines())
    + "\nThat one missed the freeze, so it goes to the next release.\n\nIan\n")


def test_an_answer_to_an_ask_that_never_reached_us_proposes_the_item_and_its_state() -> None:
    """The asking mail was lost (or went to another list): the ask is read from the
    quote, and the answer's words are about what it asked for. Both stay proposals."""
    from bot.mail import parse_message
    from bot.reply import analyze_reply

    changes = analyze_reply(parse_message(mail(RM, ANSWERED_UNSEEN, "rm@x", "<lost@x>")),
                            parse_post(REQUEST, year=2031)).changes
    said = [(c.kind, c.value, c.item_text, c.confidence) for c in changes]
    vpt = "3fa9c2e1d0 x86/vpt: fix a race on timer teardown"
    assert (ChangeKind.NEW, vpt, "", 0.5) in said
    assert (ChangeKind.STATUS, "deferred", vpt, 0.5) in said
    assert not [c for c in changes if c.confidence > 0.5]


def test_a_quote_that_asks_for_nothing_adds_no_item() -> None:
    from bot.mail import parse_message
    from bot.reply import analyze_reply

    quote = "> I ran the whole suite on arm64 last night, nothing new.\n\n"
    changes = analyze_reply(parse_message(mail(RM, quote + "Applied, thanks.\n", "rm@x",
                                               "<lost@x>")), parse_post(REQUEST, year=2031))
    assert not changes.changes


def test_the_state_said_of_an_unseen_ask_lands_on_the_item_the_ask_adds(world) -> None:
    _config, store, ingest = world
    ingest.mail(mail(RM, ANSWERED_UNSEEN, "rm@x", "<lost@x>"))
    logged = {(c.change.kind, c.change.value): c for c in store.changes()}
    new = logged[(ChangeKind.NEW, "3fa9c2e1d0 x86/vpt: fix a race on timer teardown")]
    deferred = logged[(ChangeKind.STATUS, "deferred")]
    assert deferred.item_id == new.item_id is not None
    assert {new.state, deferred.state} == {"proposed"}


def answer(sender: str, body: str, mid: str, parent: str, above: str) -> bytes:
    """A mail whose References name `above` between the thread's start and its parent."""
    return (f"From: {sender}\nTo: xen-devel@lists.xen.org\n"
            f"Subject: Re: the 4.31.2 stable round\nDate: Tue, 4 Mar 2031 10:00:00 +0100\n"
            f"Message-ID: <{mid}>\nIn-Reply-To: {parent}\n"
            f"References: {THREAD} {above} {parent}\n"
            "Content-Type: text/plain; charset=us-ascii\n\n" + body).encode()


ONE_ASK = ASKING.replace("b71e0a44c9 xen/sched: don't leak the idle scratch page\n", "")


def _states(store) -> list[tuple[str, str, str]]:
    return [(c.change.value, c.change.item_text, c.state) for c in store.changes()
            if c.change.kind is ChangeKind.STATUS]


def test_an_answer_whose_parent_never_reached_us_proposes_on_the_item_above(world) -> None:
    """The mail between was lost (or went to another list): the thread above spoke of one
    item, so the answer is probably about it, but only probably."""
    _config, store, ingest = world
    ingest.mail(mail(KONRAD, ONE_ASK, "ask@x", THREAD))
    verdict = ingest.mail(answer(RM, "> Here is the rebased one.\n\nApplied, thanks.\n",
                                 "rm@x", "<lost@x>", "<ask@x>"))
    assert _states(store) == [("done", "3fa9c2e1d0 x86/vpt: fix a race on timer teardown",
                               "proposed")]
    assert any("as the mail above" in f for f in verdict.findings)


def test_an_answer_to_a_mail_that_spoke_of_nothing_proposes_on_the_item_above(world) -> None:
    _config, store, ingest = world
    ingest.mail(mail(KONRAD, ONE_ASK, "ask@x", THREAD))
    ingest.mail(answer("Wei Liu <wei.liu2@citrix.com>", "> Could these go in as well:\n\n+1\n",
                       "wei@x", "<ask@x>", ""))
    ingest.mail(answer(RM, "> +1\n\nCommitted to the stable branch yesterday.\n", "rm@x",
                       "<wei@x>", "<ask@x>"))
    assert _states(store) == [("done", "3fa9c2e1d0 x86/vpt: fix a race on timer teardown",
                               "proposed")]


def test_a_sub_thread_stays_on_the_item_its_start_named_by_commit_id(world) -> None:
    """Named by its commit id, not quoted, the item is no guess: the answer below it is
    about it, as under a quote."""
    _config, store, ingest = world
    ingest.mail(mail(KONRAD, ASKING, "ask@x", THREAD))
    ingest.mail(mail("Wei Liu <wei.liu2@citrix.com>", "I tested b71e0a44c9 on my arm64 "
                     "boards.\nNothing odd in a day of running guests there.\n", "wei@x",
                     THREAD))
    ingest.mail(mail(RM, "> Nothing odd in a day of running guests there.\n\n"
                     "Good, applied now.\n", "rm@x", "<wei@x>"))
    assert _states(store) == [("done", "b71e0a44c9 xen/sched: don't leak the idle scratch page",
                               "applied")]


def test_an_answer_that_names_its_item_itself_needs_no_help_from_the_thread(world) -> None:
    _config, store, ingest = world
    ingest.mail(mail(KONRAD, ONE_ASK, "ask@x", THREAD))
    ingest.mail(answer(RM, "> Here is the rebased one.\n\n3fa9c2e1d0 is applied now, thanks.\n",
                       "rm@x", "<lost@x>", "<ask@x>"))
    assert _states(store) == [("done", "3fa9c2e1d0 x86/vpt: fix a race on timer teardown",
                               "applied")]


def test_what_an_answer_read_on_a_lent_item_lends_nothing_further(world) -> None:
    """Below a lost mail the item is a guess; what an answer to that answer says leans on
    the mail that named the item, as a guess again, not on the guess's own change."""
    _config, store, ingest = world
    ingest.mail(mail(KONRAD, ONE_ASK, "ask@x", THREAD))
    ingest.mail(answer(RM, "> Here is the rebased one.\n\nApplied, thanks.\n", "rm@x",
                       "<lost@x>", "<ask@x>"))
    verdict = ingest.mail(answer(KONRAD, "> Applied, thanks.\n\nIt is in the stable branch "
                                 "too now.\n", "k2@x", "<rm@x>", "<ask@x> <lost@x>"))
    assert {(value, state) for value, _t, state in _states(store)} == {("done", "proposed")}
    assert any("as the mail above" in f for f in verdict.findings)


def test_an_answer_with_thousands_of_references_is_read(world) -> None:
    _config, store, ingest = world
    ingest.mail(mail(KONRAD, ONE_ASK, "ask@x", THREAD))
    refs = " ".join(f"<r{n}@x>" for n in range(20_000))
    verdict = ingest.mail(answer(RM, "Applied, thanks.\n", "rm@x", "<ask@x>", refs))
    assert _states(store) == [("done", "3fa9c2e1d0 x86/vpt: fix a race on timer teardown",
                               "applied")]
    assert verdict.applied == 1


def test_an_answer_looks_at_most_fifty_mails_up_the_thread(world) -> None:
    """A lost parent and 20,000 ids nobody stored between it and the asking mail: the
    look-up stays small, and an item that far up lends nothing."""
    _config, store, ingest = world
    ingest.mail(mail(KONRAD, ONE_ASK, "ask@x", THREAD))
    refs = " ".join(f"<r{n}@x>" for n in range(20_000))
    verdict = ingest.mail(answer(RM, "> Rebased.\n\nApplied, thanks.\n", "rm@x", "<lost@x>",
                                 "<ask@x> " + refs))
    assert not any("as the mail above" in f for f in verdict.findings)
    assert not [c for c in store.changes() if c.change.kind is ChangeKind.STATUS]
    near = " ".join(f"<r{n}@x>" for n in range(40))
    verdict = ingest.mail(answer(RM, "> Rebased.\n\nApplied, thanks.\n", "rm2@x", "<lost@x>",
                                 "<ask@x> " + near))
    assert any("as the mail above" in f for f in verdict.findings)


def test_an_answer_about_both_items_lent_from_further_up_only_proposes(world) -> None:
    _config, store, ingest = world
    ingest.mail(mail(KONRAD, ASKING, "ask@x", THREAD))
    ingest.mail(answer(RM, "> Rebased both.\n\nApplied both, thanks.\n", "rm@x", "<lost@x>",
                       "<ask@x>"))
    assert sorted(state for _v, _t, state in _states(store)) == ["proposed", "proposed"]


def test_a_remark_that_gives_the_lent_items_id_lends_it_on(world) -> None:
    _config, store, ingest = world
    ingest.mail(mail(KONRAD, ONE_ASK, "ask@x", THREAD))
    ingest.mail(answer("Wei Liu <wei.liu2@citrix.com>", "> Rebased.\n\nI ran 3fa9c2e1d0 on "
                       "my AMD boxes over the weekend.\n", "wei@x", "<lost@x>", "<ask@x>"))
    assert [r["named"] for r in store.all("SELECT named FROM remarks")] == [0]
