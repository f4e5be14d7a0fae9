"""House rules for finished, dropped and new items, read from the post and
overridable in the config (issue 10, point 4)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from bot.post import Change, ChangeKind, Evidence, parse_post, render_post
from bot.release import build_draft, item_paths
from bot.release.draft import HouseRules
from bot.release.store import LoggedChange

POSTS = Path(__file__).parent.parent / "fixtures" / "posts"
DAY = date(2024, 6, 10)
WORDS = Evidence("<r1@example.org>", "Ada Moreno", "ada@example.org", None, "", "it is in")


def _post(name: str):
    return parse_post((POSTS / name).read_text(encoding="utf-8"))


def _change(number: int, kind: ChangeKind, value: str, item_id: int | None,
            section: str = "") -> LoggedChange:
    change = Change(kind, value, (), "", 0.9, WORDS, section=section)
    return LoggedChange(number, item_id, 1, "mail:x", number, "applied", "2024-06-09", change)


def _ids(post) -> dict[str, int]:
    return {path: n + 1 for n, path in enumerate(item_paths(post))}


def _where(post, starts: str) -> tuple[str, str]:
    return next((s.title, s.parent) for s, _, i in post.walk() if i.text.startswith(starts))


def _id_of(post, starts: str) -> int:
    ids = _ids(post)
    return next(ids[k] for k, i in item_paths(post).items() if i.text.startswith(starts))


def _drafted(post, kind: ChangeKind, value: str, starts: str, release: str):
    """Next week's draft of `post` with one change to the item whose title starts so."""
    return build_draft(post, _ids(post), [_change(1, kind, value, _id_of(post, starts))],
                       release=release, day=DAY)


def test_a_done_item_moves_to_completed_under_its_area_with_its_link() -> None:
    post = _post("tracking-2024-completed.txt")
    draft = _drafted(post, ChangeKind.STATUS, "done", "[PATCH v2 0/2] GICv4.1", "4.33")
    assert _where(draft.post, "[PATCH v2 0/2] GICv4.1") == ("Arm", "Completed")
    text = render_post(draft.post)
    assert text.count("https://lists.example.org/devel/vlpi-v2/") == 1
    assert "Need v3 from author" not in text  # the stale status note went with the move
    assert any("moved to 'Arm'" in line for line in draft.changelog)
    again = build_draft(draft.post, {}, [], release="4.33", day=DAY)  # a week later
    assert _where(again.post, "[PATCH v2 0/2] GICv4.1") == ("Arm", "Completed")


def test_a_done_item_of_an_area_completed_lacks_gets_a_sub_heading_like_the_others() -> None:
    post = _post("devupdate-2020.txt")
    draft = _drafted(post, ChangeKind.STATUS, "done", "Core scheduling", "4.31")
    assert _where(draft.post, "Core scheduling") == ("Hypervisor", "Completed")
    assert "=== Hypervisor ===" in render_post(draft.post).split("== Completed ==")[1]


def test_a_move_to_completed_goes_under_the_items_area_and_back_out_to_the_area() -> None:
    post = _post("devupdate-2020.txt")
    draft = _drafted(post, ChangeKind.MOVE, "Completed", "CPUID faulting", "4.31")
    assert _where(draft.post, "CPUID faulting") == ("x86", "Completed")
    # listed under Completed's ARM
    draft = _drafted(post, ChangeKind.MOVE, "ARM", "GICv4 direct injection", "4.31")
    assert _where(draft.post, "GICv4 direct injection") == ("ARM", "Hypervisor")


def test_a_dropped_item_leaves_with_a_changelog_line_that_keeps_its_link() -> None:
    post = _post("tracking-2024-completed.txt")
    gone = _id_of(post, "[PATCH v6 0/9] Faster shadow")
    draft = build_draft(post, _ids(post), [_change(1, ChangeKind.STATUS, "dropped", gone)],
                        release="4.33", day=DAY)
    assert "Faster shadow" not in render_post(draft.post)
    assert any("removed (dropped)" in line and "shadow-v6" in line for line in draft.changelog)


def test_the_config_can_keep_dropped_items_a_week_as_2012_did() -> None:
    post = _post("tracking-2024-completed.txt")
    gone = _id_of(post, "[PATCH v6 0/9] Faster shadow")
    draft = build_draft(post, _ids(post), [_change(1, ChangeKind.STATUS, "dropped", gone)],
                        release="4.33", day=DAY, house=HouseRules.of({"dropped": "week"}))
    assert "Faster shadow" in render_post(draft.post)


def test_a_new_item_goes_to_its_section_and_an_unsorted_one_to_unsorted_for_the_rm() -> None:
    post = _post("tracking-2024-completed.txt")
    changes = [
        _change(1, ChangeKind.NEW, "PCI passthrough for PVH dom0", 90, section="x86"),
        _change(2, ChangeKind.NEW, "Something nobody placed", 91),
    ]
    draft = build_draft(post, _ids(post), changes, release="4.33", day=DAY)
    assert _where(draft.post, "PCI passthrough") == ("x86", "")
    assert _where(draft.post, "Something nobody placed") == ("Unsorted", "")
    titles = [s.title for s in draft.post.sections]
    assert titles.index("Unsorted") < titles.index("Completed")
    assert any("'Unsorted'" in line and "before approving" in line for line in draft.skipped)


def test_a_2012_post_keeps_todays_rules() -> None:
    post = _post("seed-2012.txt")
    rules = HouseRules().resolved(post)
    assert (rules.done, rules.dropped, rules.unsorted) == ("week", "week", "last")


def test_a_reply_adds_items_to_a_post_without_a_list_before_its_sign_off() -> None:
    text = "Hi all,\n\nPlease tell me what is at risk for 4.31.\n\nThanks,\nIan.\n"
    post = parse_post(text)
    assert render_post(post) == text and post.warnings
    new = _change(1, ChangeKind.NEW, "Faster shadow paging resync", 7, section="At risk")
    draft = build_draft(post, {}, [new], release="4.31", day=DAY)
    assert render_post(draft.post) == (
        "Hi all,\n\nPlease tell me what is at risk for 4.31.\n\n"
        "At risk:\n\n    * Faster shadow paging resync\n\nThanks,\nIan.\n"
    )


def test_the_config_names_the_house_rules_and_refuses_a_word_it_does_not_know() -> None:
    import pytest

    from bot.config import ConfigError, parse_config
    from bot.demo import demo_config

    config = parse_config(demo_config("s.sqlite") + '\n[draft]\ndone = "week"\n')
    assert config.house == HouseRules(done="week")
    with pytest.raises(ConfigError, match=r"\[draft\] dropped: one of auto, remove, week"):
        parse_config(demo_config("s.sqlite") + '\n[draft]\ndropped = "sometimes"\n')


def test_the_next_report_clears_the_new_flag_and_keeps_the_entrys_other_lines() -> None:
    post = _post("regressions-report.txt")
    text = render_post(build_draft(post, _ids(post), [], release="7.2", day=DAY).post)
    assert "[ *NEW* ] nvme" not in text
    title = "nvme: controller resets under heavy discard load"
    assert f"\n\n{title}\n{'-' * len(title)}\n" in text
    assert "Fix incoming:\n* nvme: cap discard ranges per command\n" in text
    # nothing else changed: the week's draft is the report without the flag
    flagged = f"[ *NEW* ] {title}\n{'-' * (len(title) + 9)}\n"
    assert text == render_post(post).replace(flagged, f"{title}\n{'-' * len(title)}\n")


def test_a_numbered_list_is_renumbered_when_items_leave_and_a_new_one_takes_the_next() -> None:
    post = _post("status-2022.txt")
    gone = _id_of(post, "The fix of libvirt")
    changes = [_change(1, ChangeKind.STATUS, "dropped", gone),
               _change(2, ChangeKind.NEW, "Guard the console ring against overflow", None,
                       section="Blocker List")]
    draft = build_draft(post, _ids(post), changes, release="4.17", day=DAY,
                        house=HouseRules.of({"dropped": "remove"}))
    text = render_post(draft.post)
    blockers = text.split("** Blocker List **:\n", 1)[1].split("** Arm **", 1)[0]
    # 1 (nothing more to do) was done last week and 2 is dropped: the rest move up
    assert [line[:3] for line in blockers.splitlines() if line[:1].isdigit()] == [
        "1. ", "2. ", "3. "]
    assert blockers.startswith("1. [PATCH v3] x86/pv: Fix the NMI hook installed by the PV")
    assert "\n2. XSA-422 follow-up: tools/xenstore" in blockers
    assert blockers.endswith("\n3. Guard the console ring against overflow\n\n")


def test_done_items_pruned_leave_no_gap_in_the_numbers() -> None:
    post = _post("status-2022.txt")
    week = build_draft(post, _ids(post), [], release="4.17", day=DAY)
    arm = render_post(week.post).split("** Arm **:\n", 1)[1].split("** Automation **", 1)[0]
    assert "p2m_init" not in arm and "static shared memory" not in arm  # done, deferred
    assert [line[:3] for line in arm.splitlines() if line[:1].isdigit()] == ["1. ", "2. "]
    assert arm.startswith("1. xen/arm: smmuv3: Merge Linux fixes to Xen\n")
    assert "\n2. [PATCH v5 0/2] xen/arm: Handle the Cortex-A77 erratum" in arm


def test_new_items_before_a_numbered_closing_question_push_it_on() -> None:
    post = _post("critical-2023.txt")
    changes = [_change(n, ChangeKind.NEW, title, None, section=post.sections[0].title)
               for n, title in enumerate(("Boot: keep the early console on UART2",
                                          "Tooling: a man page for the new xl verb"), 1)]
    text = render_post(build_draft(post, _ids(post), changes, release="4.32", day=DAY).post)
    assert "GICv3 ITS quirk" not in text  # committed last week: pruned, 4 is free
    assert "\n4. Boot: keep the early console on UART2\n" in text
    assert "\n5. Tooling: a man page for the new xl verb\n" in text
    assert "\n6. Anything else I should track?\n" in text
