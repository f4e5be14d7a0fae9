"""Series, pure parts: patch subjects, trailers and "applied" words, archive links."""

from __future__ import annotations

import pytest

from bot.series import message_ids, normalize_title, parse_subject
from bot.series.subject import patch_label
from bot.series.trailers import asks_new_version, change_id, own_lines, says_merged, trailers


@pytest.mark.parametrize("subject, version, number, total, release, title", [
    ("[PATCH v6 03/15] xen/arm: add cache coloring", 6, 3, 15, "", "xen/arm: add cache coloring"),
    ("[XEN PATCH] x86/hvm: drop a stale check", 1, 0, 0, "", "x86/hvm: drop a stale check"),
    ("[RFC PATCH v2 0/4] tools: a new thing", 2, 0, 4, "", "tools: a new thing"),
    ("[PATCH RESEND v3 1/2] libxl: fix a leak.", 3, 1, 2, "", "libxl: fix a leak."),
    ("[PATCH for-4.19 v2] x86/ucode: fix the parser", 2, 0, 0, "4.19", "x86/ucode: fix the parser"),
    ("[Xen-devel] [PATCH v2 for 4.19 1/1] q: r", 2, 1, 1, "4.19", "q: r"),
    ("[PATCHv3 2/3] arm: s", 3, 2, 3, "", "arm: s"),
    ("[PATCH] [for-4.19] y: z", 1, 0, 0, "4.19", "y: z"),
])
def test_patch_subjects_as_git_send_email_and_the_list_write_them(
        subject, version, number, total, release, title) -> None:
    parsed = parse_subject(subject)
    assert parsed.is_patch and not parsed.is_reply
    assert (parsed.version, parsed.number, parsed.total, parsed.for_release, parsed.title) == \
        (version, number, total, release, title)


def test_a_reply_and_a_plain_subject() -> None:
    assert parse_subject("Re: [RFC PATCH v2 0/4] tools: a new thing").is_reply
    assert not parse_subject("[Xen-devel] Xen 4.19 release status").is_patch
    assert parse_subject("[RFC PATCH] x").rfc and parse_subject("[PATCH RESEND] x").resend


def test_titles_compare_across_versions_and_with_the_tree() -> None:
    one = parse_subject("[PATCH v4 3/8] x86/mm:  Drop the  stale flag.").key
    two = parse_subject("[XEN PATCH v5 02/07] x86/mm: drop the stale flag").key
    assert one == two == normalize_title("x86/mm: Drop the stale flag")


def test_patch_labels_as_an_rm_writes_them() -> None:
    assert patch_label(parse_subject("[PATCH v4 3/8] a")) == "[PATCH v4 3/8]"
    assert patch_label(parse_subject("[PATCH v6 03/15] a")) == "[PATCH v6 03/15]"
    assert patch_label(parse_subject("[PATCH] a")) == "[PATCH]"


REPLY = """On 05.02.2024 10:00, Some One wrote:
> Reviewed-by: Old Reviewer <old@example.org>
> --- a/xen/foo.c

Looks good to me.

Reviewed-by: New Reviewer <new@example.org>
Acked-by: Maint Ainer <maint@example.org>

--{}
a signature
Tested-by: not a trailer <sig@example.org>
""".format(" ")  # the signature mark "-- " ends in a space


def test_only_the_senders_own_trailers_count() -> None:
    found = trailers(own_lines(REPLY))
    assert [(t.kind, t.value) for t in found] == [
        ("reviewed", "New Reviewer <new@example.org>"),
        ("acked", "Maint Ainer <maint@example.org>")]


def test_a_patch_body_stops_at_its_diff_and_b4_change_id_is_read() -> None:
    body = ("Text.\n\nSigned-off-by: A <a@example.org>\nReviewed-by: R <r@example.org>\n---\n"
            "diff --git a/x b/x\n+Acked-by: in the diff <d@example.org>\n\n"
            "---\nbase-commit: 1234\nchange-id: 20240205-frob-abc123\n")
    kinds = [t.kind for t in trailers(own_lines(body, stop_at_diff=True))]
    assert kinds == ["signed-off-by", "reviewed"]
    assert change_id(body) == "20240205-frob-abc123"


@pytest.mark.parametrize("words, numbers", [
    ("Applied, thanks.", ()),
    ("I've committed patches 1-3 and 5 now.", (1, 2, 3, 5)),
    ("Pushed to staging.", ()),
    ("Applied patch 2.", (2,)),
])
def test_a_committer_saying_applied(words, numbers) -> None:
    found = says_merged(words.splitlines())
    assert found is not None and found[1] == numbers


@pytest.mark.parametrize("words", [
    "This was not applied yet.", "Can this be applied?", "I will apply it once acked.",
    "I'll commit it when the tree is open.", "It doesn't apply on staging.",
])
def test_questions_negations_and_conditions_merge_nothing(words) -> None:
    assert says_merged(words.splitlines()) is None


def test_a_reviewer_asking_for_a_new_version() -> None:
    assert asks_new_version(["Please resend with the typo fixed."])
    assert asks_new_version(["This needs a new version, I'm afraid."])
    assert not asks_new_version(["Looks fine to me."])


def test_archive_links_name_message_ids() -> None:
    text = ("[PATCH v2 0/3] frob [ https://lore.kernel.org/xen-devel/frob-v2-0@dev.example.org/ ]"
            " https://patchew.org/Xen/p%40dev.example.org/ <bare@id.example.org> "
            "https://patchwork.kernel.org/project/xen-devel/list/?series=123")
    assert message_ids(text) == ["frob-v2-0@dev.example.org", "p@dev.example.org",
                                 "bare@id.example.org"]


@pytest.mark.parametrize("text, version, key, bumped", [
    ("[PATCH v5 0/3] Arm: frob it", 5, "arm: frob it", "[PATCH v6 0/3] Arm: frob it"),
    ("xen: introduce CONFIG_FOO (v3 -> v4)", 4, "xen: introduce config_foo",
     "xen: introduce CONFIG_FOO (v3 -> v6)"),
    ("Remove the frobnicator (v5)", 5, "remove the frobnicator", "Remove the frobnicator (v6)"),
    ("Move frob() to common code (v2) - https://lore.kernel.org/xen-devel/a@b/T/#m1", 2,
     "move frob() to common code", "Move frob() to common code (v6) - https://x.example/c@d/"),
    ("A plain item", 0, "a plain item", None),
])
def test_how_development_updates_write_an_items_version(text, version, key, bumped) -> None:
    from bot.series.items import bumped_title, shown_version, title_key

    assert shown_version(text) == version and title_key(text) == key
    assert bumped_title(text, "[PATCH v6 0/3] Arm: frob it", 6, "https://x.example/c@d/") \
        == bumped


def test_a_subject_becomes_one_line_of_printable_text() -> None:
    from bot.series.items import _title

    assert _title("[Xen-devel] [PATCH v3 0/2]\tarm: frob\r\n   it\x1b[31m now") == \
        "[PATCH v3 0/2] arm: frob it [31m now"
