"""A month of a tracking list, written for the tests: 20 series, up to 3 versions
each, reviews, partial merges, a tree, decoys. The draft shows every version bump
and every merge that happened, and no item is "done" that is not all merged."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from seriesmail import Series, commit, make_tree, reply_mail, write_inbox
from test_sync import config_text

from bot.config import parse_config
from bot.post import Status, parse_post
from bot.release import Store, import_post, item_paths, make_draft
from bot.series import run_sync

DEVS = ["Dee Veloper <dee@dev.example.org>", "Ann Other <ann@dev.example.org>",
        "Bo Coder <bo@coders.example.net>"]
MAINT = "Maint Ainer <maint@example.org>"
REVIEWER = "Re Viewer <rev@example.org>"
AREAS = ["arm", "x86", "tools", "common"]


def month() -> list[list[Series]]:
    """Series i has 1 + i % 3 versions of 2 + i % 4 patches, a week apart."""
    out = []
    for i in range(20):
        area = AREAS[i % 4]
        patches = tuple(f"{area}/part{i}: step {n} of the work" for n in range(1, 3 + i % 4))
        out.append([Series(DEVS[i % 3], f"s{i}", f"{area}: feature number {i}", v, patches,
                           day=7 * (v - 1) + i / 10) for v in range(1, 2 + i % 3)])
    return out


def tracking_post(series: list[list[Series]]) -> str:
    lines = ["Hello everyone,", "", "I would like to share with you a list for status "
             "tracking:", ""]
    for area in AREAS:
        lines += [f"*** {area} ***:"]
        for i, versions in enumerate(series):
            if AREAS[i % 4] != area:
                continue
            first = versions[0]
            lines.append(f"  * {first.subject(0)}" + (" [" if i % 4 != 3 else ""))
            if i % 4 != 3:  # every fourth item has no link: tied by its title
                lines += [f"https://lore.kernel.org/xen-devel/{first.cover_id}/", "]"]
            lines.append("")
        lines += ["  * an item with no series at all", ""]
    return "\n".join(lines + ["Have a nice week!", ""])


def events(series: list[list[Series]], tree: Path) -> tuple[list[bytes], dict[int, set[int]]]:
    """Reviews, merges and decoys on each series' latest version; which patches of
    which series really got merged."""
    mails: list[bytes] = []
    merged: dict[int, set[int]] = {}
    for i, versions in enumerate(series):
        last = versions[-1]
        count = len(last.patches)
        day = last.day + 1
        for n in range(1, count + 1):
            mails.append(reply_mail(REVIEWER, f"rev-{i}-{n}@example.org", last.subject(n),
                                    last.patch_id(n), f"Reviewed-by: {REVIEWER}", day=day))
        kind = i % 5
        if kind == 0:  # all of it committed to the tree, found by subject
            for title in last.patches:
                commit(tree, title, f"Signed-off-by: {last.author}")
            merged[i] = set(range(1, count + 1))
        elif kind == 1:  # the maintainer applied the first patch only
            mails.append(reply_mail(MAINT, f"app-{i}@example.org", last.subject(1),
                                    last.patch_id(1), "Applied to staging, thanks.", day=day))
            merged[i] = {1}
        elif kind == 2:  # applied by number on the cover, the rest by Link: in the tree
            mails.append(reply_mail(MAINT, f"app-{i}@example.org", last.subject(0),
                                    last.cover_id, "I've committed patches 1-2 now.", day=day))
            for n in range(3, count + 1):
                commit(tree, f"{last.patches[n - 1]} (reworded by the committer)",
                       f"Link: https://lore.kernel.org/r/{last.patch_id(n)}")
            merged[i] = set(range(1, count + 1))
        elif kind == 3:  # decoys only
            mails.append(reply_mail(REVIEWER, f"decoy-{i}@example.org", last.subject(1),
                                    last.patch_id(1), "Applied, thanks.", day=day))
            mails.append(reply_mail(MAINT, f"later-{i}@example.org", last.subject(0),
                                    last.cover_id, "I will apply it once Jan acks patch 2.",
                                    day=day))
            commit(tree, f"{last.patches[0]} for another tree entirely")
        else:  # a reviewer asks for the next version
            mails.append(reply_mail(MAINT, f"ask-{i}@example.org", last.subject(2),
                                    last.patch_id(2), "Please resend with the comments "
                                    "addressed.", day=day))
    return mails, merged


@pytest.fixture
def month_world(tmp_path: Path):
    tree = make_tree(tmp_path / "xen")
    (tmp_path / "todobot.toml").write_text(config_text(
        tmp_path, series="trust_merges = true",
        more=f'[tree]\npath = "{tree}"\nbranches = ["staging"]\n'))
    config = parse_config((tmp_path / "todobot.toml").read_text(), tmp_path / "todobot.toml")
    series = month()
    post = tracking_post(series)
    store = Store.open(config.database_path())
    import_post(store, config, post, parse_post(post, year=2024), "tracking-1@example.org")
    yield tmp_path, config, store, series, tree
    store.close()


def test_a_month_every_bump_and_merge_shown_and_no_false_done(month_world) -> None:
    tmp, config, store, series, tree = month_world
    first_week = [raw for versions in series for raw in versions[0].mails()]
    write_inbox(tmp / "inbox", first_week)
    run_sync(store, config)  # mid-month: nothing but the first versions yet
    later = [raw for versions in series for v in versions[1:] for raw in v.mails()]
    mails, merged = events(series, tree)
    write_inbox(tmp / "inbox", later)
    write_inbox(tmp / "inbox", mails, epoch=1)
    report = run_sync(store, config)
    assert report.problems == []
    _id, draft = make_draft(store, config, date(2024, 3, 4))
    text = " ".join(draft.post.subject.split() + [
        " ".join((i.text, *i.notes)) for i in item_paths(draft.post).values()])
    log = "\n".join(draft.changelog)
    by_text = {item.text: item for item in item_paths(draft.post).values()}
    for i, versions in enumerate(series):
        last = versions[-1]
        if len(versions) > 1:
            assert f"{last.subject(0)}" in text, i
            assert f"new patch series version [v{last.version}] was sent" in text, i
            for v in versions[1:]:  # every bump, v2 and v3, is in the changelog
                assert (f"note → new patch series version [v{v.version}] was sent: "
                        f"{versions[0].subject(0)!r}") in log, (i, v.version)
            notes = " ".join(by_text[last.subject(0)].notes)
            assert f"version [v{last.version - 1}]" not in notes  # the latest note only
        for n in merged.get(i, ()):
            label = last.label(n).replace(f"{n:0{len(str(len(last.patches)))}d}/",
                                          f"{n}/")
            assert f"{label} {last.patches[n - 1]} was merged" in text, (i, n)
    statuses = {item.text: item.status for item in item_paths(draft.post).values()}
    done = {t for t, s in statuses.items() if s is Status.DONE}
    expected = {series[i][-1].subject(0) for i, m in merged.items()
                if len(m) == len(series[i][-1].patches)}
    assert done == expected  # 0 false "done", and every fully merged series is done
    partly = {t for t, s in statuses.items() if s is Status.PARTLY_MERGED}
    assert partly == {series[i][-1].subject(0) for i in merged if i % 5 == 1}
    asked = store.changes("c.source LIKE 'series:%:asks:%'")
    assert len(asked) == 4 and {c.state for c in asked} == {"proposed"}
