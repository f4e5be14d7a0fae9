"""Issue 12: each RM's review token is bound to the draft and to their address, so a
token seen in one RM's review mail (forwarded, leaked) approves nothing From another."""

from __future__ import annotations

from datetime import date
from email import message_from_bytes
from pathlib import Path

import pytest
from test_cycle import RM, RM_ADDR, SEED, mail

from bot.config import parse_config
from bot.demo import THREAD, demo_config
from bot.post import parse_post
from bot.release import Store, cycle, drafting, rebuild, rm_token
from bot.release import ingest as ingest_mod

OTHER_RM = "Release Two <RM2@xen.org>"
OTHER_ADDR = "rm2@xen.org"


@pytest.fixture
def two_rms(tmp_path: Path):
    text = demo_config(tmp_path / "s.db") + (
        '\n[[people]]\nname = "Release Two"\nrole = "rm"\naddresses = ["RM2@xen.org"]\n')
    config = parse_config(text, tmp_path / "todobot.toml")
    store = Store.open(config.database_path())
    cycle.import_post(store, config, SEED, parse_post(SEED, year=2012), THREAD, "seed")
    drafting.make_draft(store, config, date(2012, 8, 20))
    yield config, store
    store.close()


def tokens(config, store) -> dict[str, str]:
    """Each RM's token, from the review mail addressed to them alone."""
    found = {}
    for address, token, raw in drafting.review_mails(store, config, 1):
        review = message_from_bytes(raw)
        assert review["To"] == address and review["X-Todobot-Token"] == token
        assert review["Subject"].startswith(f"confirm {token}: ")
        found[address] = token
    return found


def approval(sender: str, token: str, mid: str) -> bytes:
    return mail(sender, "approve\n", mid=mid, subject=f"Re: confirm {token}: Xen 4.2", refs="")


def test_each_rm_gets_their_own_token(two_rms) -> None:
    config, store = two_rms
    secret = store.current_draft(1)["token"]
    found = tokens(config, store)
    assert found == {RM_ADDR: rm_token(secret, RM_ADDR), OTHER_ADDR: rm_token(secret, OTHER_ADDR)}
    assert found[RM_ADDR] != found[OTHER_ADDR] and secret not in found.values()
    assert rm_token(secret, "Ian.Campbell@Citrix.com") == found[RM_ADDR]  # the addr-spec's case
    ids = store.current_draft(1)["review_message_id"].split()
    assert len(ids) == 2  # a reply that drops the token still finds either review mail


def test_one_rms_token_from_another_rm_is_refused(two_rms) -> None:
    config, store = two_rms
    found = tokens(config, store)
    ingest = ingest_mod.Ingest(store, config)
    forwarded = ingest.mail(approval(OTHER_RM, found[RM_ADDR], "fwd@x"))
    assert forwarded.disposition == "refused"
    assert f"not the current draft's for {OTHER_ADDR}" in forwarded.findings[-1]
    assert store.current_draft(1)["state"] == "draft"
    own = ingest.mail(approval(RM, found[RM_ADDR], "own@x"))
    assert own.disposition == "approval" and store.current_draft(1)["state"] == "approved"
    assert rebuild(store, config) == []


def test_the_other_rms_own_token_approves(two_rms) -> None:
    config, store = two_rms
    found = tokens(config, store)
    verdict = ingest_mod.Ingest(store, config).mail(approval(OTHER_RM, found[OTHER_ADDR], "b@x"))
    assert verdict.disposition == "approval", verdict.findings


def test_a_previous_drafts_token_is_refused(two_rms) -> None:
    config, store = two_rms
    old = tokens(config, store)[RM_ADDR]
    drafting.make_draft(store, config, date(2012, 8, 20))  # a re-run `todobot draft`
    assert tokens(config, store)[RM_ADDR] != old
    verdict = ingest_mod.Ingest(store, config).mail(approval(RM, old, "old@x"))
    assert verdict.disposition == "refused" and "not the current draft" in verdict.findings[-1]
    assert store.current_draft(1)["state"] == "draft"
