"""A reply is read against the items as the thread left them, not as the post listed them.

The post says a series needs a new version; on Tuesday its author writes "v3 is out", on
Thursday the reviewer answers "a v4 is needed". Read against the post alone, Thursday's
words agree with it and say nothing new, and the draft would show v3 as the news.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from threadstore import config_at, store_with_post

from bot.post import ChangeKind
from bot.release import Store
from bot.release import ingest as ingest_mod

THREAD = "<update-4.31@example.org>"
POST = ("Hi all,\n\nThe items for 4.31:\n\n"
        "hypervisor, nice to have:\n\n"
        "    * Core scheduling (Konrad, needs a new version)\n"
        "    * Faster page scrubbing (Dario Faggioli)\n\nMira\n")
QUOTE = "> * Core scheduling (Konrad, needs a new version)\n\n"
KONRAD = "Konrad Rzeszutek Wilk <konrad.wilk@oracle.com>"
JAN = "Jan Beulich <JBeulich@suse.com>"


def mail(sender: str, body: str, mid: str, day: int) -> bytes:
    return (f"From: {sender}\nTo: xen-devel@example.org\nSubject: Re: 4.31 items\n"
            f"Date: {day} Mar 2031 10:00:00 +0100\nMessage-ID: <{mid}>\n"
            f"In-Reply-To: {THREAD}\nReferences: {THREAD}\n"
            "Content-Type: text/plain; charset=us-ascii\n\n" + body).encode()


@pytest.fixture
def world(tmp_path: Path):
    config, store = store_with_post(tmp_path, POST, THREAD, "update")
    yield store, ingest_mod.Ingest(store, config)
    store.close()


def _states(store) -> list[str]:
    return [c.change.value for c in store.changes()
            if c.change.kind is ChangeKind.STATUS and c.state == "applied"]


def test_a_state_the_post_gave_is_news_again_after_the_thread_moved_on(world) -> None:
    store, ingest = world
    ingest.mail(mail(JAN, QUOTE + "Yes, a v3 is needed, the locking is wrong.\n", "a@x", 3))
    assert _states(store) == []  # what the post says already
    ingest.mail(mail(KONRAD, QUOTE + "v3 is out, see the list.\n", "b@x", 4))
    ingest.mail(mail(JAN, QUOTE + "I looked at it: a v4 is needed, patch 2 leaks.\n", "c@x", 6))
    assert _states(store) == ["patch_posted", "needs_version"]
    ingest.mail(mail(JAN, QUOTE + "To be clear, a v4 is needed.\n", "d@x", 7))
    assert _states(store) == ["patch_posted", "needs_version"]  # said twice, news once


def test_a_mail_read_while_another_todobot_changed_the_thread_is_read_again(
        world, tmp_path: Path) -> None:
    """Two todobots (two MTA deliveries) on one store: Konrad's "v3 is out" is recorded by
    the other while this one reads Jan's "a v4 is needed"; read against the post alone,
    Jan's words would be no news. Under the write lock the thread is looked at again, and
    the mail read again against it: the store ends as one read mail by mail in the
    journal's order (as `todobot rebuild` replays it) would."""
    store, ingest = world
    config = config_at(tmp_path)  # a second todobot on the same store file
    other_store = Store.open(config.database_path())
    other = ingest_mod.Ingest(other_store, config)
    thread_post = ingest.thread_post
    raced = []

    def racing_read(post_id: int):
        found = thread_post(post_id)
        if not raced:  # the other todobot commits right after this one looked at the thread
            raced.append(other.mail(mail(KONRAD, QUOTE + "v3 is out, see the list.\n", "b@x",
                                         4)))
        return found

    ingest.thread_post = racing_read
    try:
        verdict = ingest.mail(mail(JAN, QUOTE + "To be clear, a new version is needed.\n",
                                   "c@x", 6))
    finally:
        other_store.close()
    assert "read again: the thread changed while it was read" in verdict.findings
    assert not [f for f in verdict.findings if "nothing new" in f]  # the first reading's
    assert _states(store) == ["patch_posted", "needs_version"]
