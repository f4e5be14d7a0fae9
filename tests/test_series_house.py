"""Series tracking, end to end, in the post's own house style: a tracked item moved
to a newer version or partly merged is re-written the way its post writes items
(2024 `* title [ link ]:` with `- status` sub-bullets, 2022 `Status:` lines, the
development update's "(v3 -> v4)"), and nothing else in the post changes."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from seriesmail import Series, reply_mail, write_inbox
from test_sync import config_text

from bot.config import parse_config
from bot.post import parse_post, render_post
from bot.release import Store, import_post, make_draft
from bot.series import run_sync

FIXTURES = Path(__file__).parent.parent / "fixtures" / "posts"
DEV = "Dee Veloper <dee@dev.example.org>"
MAINT = "Maint Ainer <maint@example.org>"
COLOR_V9 = "20240502165533.319988-1-carlo.nonato@minervasys.tech"
COLOR_TITLE = "[PATCH v9 00/13] Arm cache coloring"
STEPS = tuple(f"xen/arm: cache coloring step {n}" for n in range(1, 14))


class Posted(Series):
    """A series whose first version's cover letter is the one the post links to."""

    def _mid(self, number: int) -> str:
        if self.version == 9 and number == 0:
            return COLOR_V9
        return super()._mid(number)


def world(tmp: Path, post: str, *, trust: bool = False):
    series = "trust_merges = true" if trust else ""
    (tmp / "todobot.toml").write_text(config_text(tmp, series=series))
    config = parse_config((tmp / "todobot.toml").read_text(), tmp / "todobot.toml")
    store = Store.open(config.database_path())
    import_post(store, config, post, parse_post(post, year=2024), "tracking-1@example.org")
    return config, store


def draft_text(store: Store, config) -> str:
    _id, draft = make_draft(store, config, date(2024, 5, 30))
    return render_post(draft.post, config.templates_dir())


def changed(before: str, after: str) -> tuple[list[str], list[str]]:
    """The lines only the post has, and the lines only the draft has."""
    import difflib

    gone, came = [], []
    for line in difflib.ndiff(before.splitlines(), after.splitlines()):
        if line.startswith("- "):
            gone.append(line[2:])
        elif line.startswith("+ "):
            came.append(line[2:])
    return gone, came


def test_2024_a_new_version_and_a_partial_merge_read_as_the_rm_writes_them(
        tmp_path: Path) -> None:
    post = (FIXTURES / "tracking-2024.txt").read_text()
    config, store = world(tmp_path, post)
    v9 = Posted(DEV, "color", "Arm cache coloring", 9, STEPS, day=1)
    v10 = Posted(DEV, "color", "Arm cache coloring", 10, STEPS, day=8)
    applied = reply_mail(MAINT, "applied-1@example.org", v10.subject(1), v10.patch_id(1),
                         "Applied to staging, thanks.", day=10)
    write_inbox(tmp_path / "inbox", [*v9.mails(), *v10.mails(), applied])
    week = draft_text(store, config)  # what the week does without the series (ages out)
    run_sync(store, config)
    text = draft_text(store, config)
    gone, came = changed(week, text)
    assert gone == [
        "  * [PATCH v9 00/13] Arm cache coloring [",
        "https://lore.kernel.org/xen-devel/20240502165533.319988-1-carlo.nonato@minervasys.tech/",
        "    - new patch series version [v9] was sent",
    ]
    assert came == [
        "  * [PATCH v10 00/13] Arm cache coloring [",
        f"https://lore.kernel.org/xen-devel/{v10.cover_id}/",
        "    - new patch series version [v10] was sent",
        "    - [PATCH v10 01/13] xen/arm: cache coloring step 1 was merged",
        "    - Partly merged, the rest is outstanding",
    ]
    dropped = store.changes("c.kind = 'link' AND c.value LIKE '-%'")
    assert [c.change.value for c in dropped] == [f"-https://lore.kernel.org/xen-devel/{COLOR_V9}/"]
    assert run_sync(store, config).applied == 0  # the same facts log nothing twice
    # next week reads the sent draft back as it was meant: the new link, partly merged
    again = parse_post(text, year=2024)
    assert render_post(again) == text
    item = again.sections[0].items[0]
    assert item.links == (f"https://lore.kernel.org/xen-devel/{v10.cover_id}/",)
    assert str(item.status) == "partly_merged"


WALKER = tuple(f"arm/p2m: walker step {n}" for n in range(1, 6))


def test_2024_all_merged_and_trusted_moves_to_completed_as_the_post_writes_it(
        tmp_path: Path) -> None:
    post = (FIXTURES / "tracking-2024-completed.txt").read_text()
    config, store = world(tmp_path, post, trust=True)
    v3 = Series(DEV, "s2walk", "Stage-2 page table walker rewrite", 3, WALKER, day=1)
    v4 = Series(DEV, "s2walk", "Stage-2 page table walker rewrite", 4, WALKER, day=8)
    applied = reply_mail(MAINT, "applied-1@example.org", v4.subject(0), v4.cover_id,
                         "I've committed the whole series now, thanks.", day=10)
    write_inbox(tmp_path / "inbox", [*v3.mails(), *v4.mails(), applied])
    week = draft_text(store, config)
    run_sync(store, config)
    gone, came = changed(week, draft_text(store, config))
    assert gone == [
        "  * [PATCH v3 0/5] Stage-2 page table walker rewrite [",
        "https://lists.example.org/devel/s2walk-v3/",
        "]:",
        "    - new version [v3] was sent",
        "    - waiting for a review from the Arm maintainers",
        "",
    ]
    assert came == [  # under Completed's own "Arm:", as the RM writes done items there
        "  * [PATCH v4 0/5] Stage-2 page table walker rewrite [",
        f"https://lore.kernel.org/xen-devel/{v4.cover_id}/",
        "]",
    ]



CORTEX = ("xen/arm: erratum 1508412 workaround", "xen/arm: erratum 1508412 docs")


def test_2022_a_new_version_and_a_partial_merge_in_the_status_line(tmp_path: Path) -> None:
    post = (FIXTURES / "status-2022.txt").read_text()
    config, store = world(tmp_path, post)
    title = "xen/arm: Handle the Cortex-A77 erratum 1508412"
    v5 = Series(DEV, "cortex", title, 5, CORTEX, day=1)
    v6 = Series(DEV, "cortex", title, 6, CORTEX, day=8)
    applied = reply_mail(MAINT, "applied-1@example.org", v6.subject(1), v6.patch_id(1),
                         "Applied to staging, thanks.", day=10)
    write_inbox(tmp_path / "inbox", [*v5.mails(), *v6.mails(), applied])
    week = draft_text(store, config)
    run_sync(store, config)
    # the Arm list's first two (committed, deferred) left last week: the item is 2 now
    assert changed(week, draft_text(store, config)) == ([
        "2. [PATCH v5 0/2] xen/arm: Handle the Cortex-A77 erratum 1508412",
        "https://patchwork.kernel.org/project/xen-devel/list/?series=690212",
        "Status: Need reviews.",
    ], [
        "2. [PATCH v6 0/2] xen/arm: Handle the Cortex-A77 erratum 1508412",
        f"https://lore.kernel.org/xen-devel/{v6.cover_id}/",
        "Status: New patch series version [v6] was sent. [PATCH v6 1/2] xen/arm:",
        "erratum 1508412 workaround was merged. Partly merged.",
    ])


WIDE = ("x86/mtrr: wider cache types", "x86/mtrr: use them")


@pytest.mark.parametrize(("shown", "versions", "bumped"), [
    ("(v3)", (3, 4), "(v4)"),
    ("(v3 -> v4)", (4, 5), "(v3 -> v5)"),
])
def test_a_development_update_item_moves_to_the_new_version(
        tmp_path: Path, shown: str, versions: tuple[int, int], bumped: str) -> None:
    post = (FIXTURES / "devupdate-2020.txt").read_text().replace(
        "Wider memory type cache (v3)", f"Wider memory type cache {shown}")
    config, store = world(tmp_path, post)
    old, new = (Series(DEV, "wide", "Wider memory type cache", v, WIDE, day=v)
                for v in versions)
    applied = reply_mail(MAINT, "applied-1@example.org", new.subject(1), new.patch_id(1),
                         "Applied to staging, thanks.", day=10)
    write_inbox(tmp_path / "inbox", [*old.mails(), *new.mails(), applied])
    week = draft_text(store, config)
    run_sync(store, config)
    v = versions[1]
    assert changed(week, draft_text(store, config)) == ([
        f"*  Wider memory type cache {shown}",
        "  -  poor: needs a new version after review",
    ], [  # the prognosis stays; the new version answers "needs a new version"
        f"*  Wider memory type cache {bumped}",
        f"  -  poor, new patch series version [v{v}] was sent; [PATCH v{v} 1/2] x86/mtrr: "
        "wider cache types was merged; Partly merged",
        f"  -  https://lore.kernel.org/xen-devel/{new.cover_id}/",
    ])


def test_2024_all_merged_untrusted_is_no_done_in_the_draft(tmp_path: Path) -> None:
    post = (FIXTURES / "tracking-2024-completed.txt").read_text()
    config, store = world(tmp_path, post)
    v3 = Series(DEV, "s2walk", "Stage-2 page table walker rewrite", 3, WALKER, day=1)
    applied = reply_mail(MAINT, "applied-1@example.org", v3.subject(0), v3.cover_id,
                         "I've committed the whole series now, thanks.", day=10)
    write_inbox(tmp_path / "inbox", [*v3.mails(), applied])
    week = draft_text(store, config)
    run_sync(store, config)
    gone, came = changed(week, draft_text(store, config))
    assert gone == []  # in its place: a done that is only proposed is no done in the draft
    assert came == [f"    - [PATCH v3 {n}/5] arm/p2m: walker step {n} was merged"
                    for n in range(1, 6)]
    done = store.changes("c.source LIKE 'series:%:done:%'")
    assert [(c.change.value, c.state) for c in done] == [("done", "proposed")]


RFC = "20240419035340.608833-1-Jiqian.Chen@amd.com"
SPIN = "20240327152229.25847-1-jgross@suse.com"


class Linked(Series):
    """Series whose shown versions' cover letters are the ones the post links to."""

    def _mid(self, number: int) -> str:
        shown = {("pvh", 7): RFC, ("spin", 6): SPIN}.get((self.slug, self.version))
        return shown if number == 0 and shown else super()._mid(number)


def test_2024_an_inline_link_and_a_note_that_carries_a_patch_link(tmp_path: Path) -> None:
    post = (FIXTURES / "tracking-2024.txt").read_text()
    config, store = world(tmp_path, post)
    pvh = "Support device passthrough when dom0 is PVH on Xen"
    spin = "xen/spinlock: make recursive spinlocks a dedicated type"
    mails = [raw for v in (7, 8) for raw in
             Linked(DEV, "pvh", pvh, v, tuple("abcde"), prefix="RFC XEN PATCH", day=v).mails()]
    mails += [raw for v in (6, 7) for raw in
              Linked(DEV, "spin", spin, v, tuple("abcdefgh"), day=v).mails()]
    write_inbox(tmp_path / "inbox", mails)
    week = draft_text(store, config)
    run_sync(store, config)
    gone, came = changed(week, draft_text(store, config))
    assert gone == [
        "  * [PATCH v6 00/8] xen/spinlock: make recursive spinlocks a dedicated",
        f"type [ https://patchew.org/Xen/{SPIN}/",
        "]:",
        "  * [RFC XEN PATCH v7 0/5] Support device passthrough when dom0 is PVH",
        "on Xen [",
        f"https://patchew.org/Xen/{RFC}/ ]:",
        "    - new patch series were sent [v7]",  # the RM's words for v7 give way
    ]
    assert came == [  # the note that names patch 9 keeps its link, the title the new one
        "  * [PATCH v7 0/8] xen/spinlock: make recursive spinlocks a dedicated",
        "type [ https://lore.kernel.org/xen-devel/spin-v7-0@dev.example.org/ ]:",
        "    - new patch series version [v7] was sent",
        "    - waiting for a review",
        "  * [RFC XEN PATCH v8 0/5] Support device passthrough when dom0 is PVH",
        "on Xen [ https://lore.kernel.org/xen-devel/pvh-v8-0@dev.example.org/ ]:",
        "    - new patch series version [v8] was sent",
        "    - waiting for a review",
    ]
