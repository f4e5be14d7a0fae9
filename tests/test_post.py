"""The seed, read item by item; re-rendering changed items in the house style."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.post import FILL_COLUMN, Item, Layout, Post, Section, Status, parse_post, render_post

SEED = (Path(__file__).parent.parent / "fixtures" / "posts" / "seed-2012.txt").read_text()


def _items(post: Post) -> dict[str, Item]:
    return {item.text[:25]: item for _, _, item in post.walk()}


def test_seed_notes_owners_and_links_item_by_item() -> None:
    items = _items(parse_post(SEED, year=2012))
    vmce = items["vMCE save/restore changes"]
    assert vmce.owners == ("Jinsong Liu", "Jan Beulich")
    assert vmce.notes == ("DONE for 4.2",)
    assert vmce.status is Status.DONE
    pod = items["address PoD problems with"]
    assert pod.owners == ("Jan",)  # the parenthesis that is never closed
    assert pod.notes[0] == "draft patch for 4.0.x exists"
    assert pod.layout.paren_closed is False
    blktap = items["Load blktap driver from x"]
    assert blktap.status is Status.PINGED  # "Patch posted, ... Ping sent": the latest wins
    assert blktap.links == ("<db614e92faf743e20b3f.1337096977@kodo2>",)
    qcow = items["long stop during the gues"]
    assert qcow.tag == "BUG" and qcow.bugs == ("1821",)
    sweep = items["Under certain conditions,"]
    assert sweep.tag == "BUG(?)" and sweep.owners == ("George Dunlap",)
    assert sweep.layout.owner_line == 12  # "(George Dunlap)" on a line of its own
    assert sweep.text.endswith("to get more testing.)")  # prose parenthesis stays text
    assert items["S3 regression(s?) reporte"].owners == ("Ben", "Jan Beulich")
    assert items["xl.cfg(5) documentation p"].owners == ("Pasi KÃrkkÃinen",)
    placeholders = [i.text for _, _, i in parse_post(SEED).walk() if i.placeholder]
    assert placeholders == ["None", "None known", "No known issues", "None"]


def test_seed_timeline_dates_and_marker() -> None:
    post = parse_post(SEED, year=2012)
    assert [(m.when, m.date and m.date.isoformat(), m.marker) for m in post.timeline] == [
        ("19 March", "2012-03-19", False),
        ("2 April", "2012-04-02", False),
        ("30 July", "2012-07-30", False),
        ("Weekly", None, True),
    ]
    assert [(s.area, s.klass) for s in post.sections][:2] == [
        ("hypervisor", "blockers"),
        ("tools", "blockers"),
    ]


def test_year_unknown_leaves_dates_unset_rather_than_guessing() -> None:
    assert all(m.date is None for m in parse_post(SEED).timeline)


def test_changed_item_is_rewritten_and_the_rest_kept() -> None:
    post = parse_post(SEED, year=2012)
    section = post.sections[2]
    pod = section.items[3]
    done = replace(pod, notes=(*pod.notes, "Patch posted"), status=Status.PATCH_POSTED)
    post = replace(
        post,
        sections=tuple(
            replace(s, items=tuple(done if i is pod else i for i in s.items)) if s is section else s
            for s in post.sections
        ),
    )
    out = render_post(post)
    changed = [line for line in out.splitlines() if line not in SEED.splitlines()]
    assert changed, "the changed item must be re-written"
    assert all(len(line) <= FILL_COLUMN for line in changed)
    assert "today, Patch posted, Jan)" in " ".join(
        out.split()
    )  # notes first, owner last, as the RM wrote it
    reread = _items(parse_post(out, year=2012))["address PoD problems with"]
    assert reread.status is Status.PATCH_POSTED and reread.owners == ("Jan",)
    # everything else is byte for byte what it was
    before, after = SEED.split("    * address PoD")[0], out.split("    * address PoD")[0]
    assert before == after


def test_moving_the_marker_rewrites_only_two_lines() -> None:
    post = parse_post(SEED, year=2012)
    timeline = tuple(replace(m, marker=(m.when == "30 July")) for m in post.timeline)
    out = render_post(replace(post, timeline=timeline))
    diff = [(a, b) for a, b in zip(SEED.splitlines(), out.splitlines(), strict=False) if a != b]
    assert diff == [
        (
            "30 July         -- First release candidate",
            "30 July         -- First release candidate      << WE ARE HERE",
        ),
        (
            "Weekly          -- RCN+1 until release          << WE ARE HERE",
            "Weekly          -- RCN+1 until release",
        ),
    ]


_WORD = st.from_regex(r"[a-z][a-z0-9_/.-]{0,11}", fullmatch=True)
_URL = st.from_regex(r"https://bugs\.example\.org/show_bug\.cgi\?id=[0-9]{4,40}", fullmatch=True)
_NAME = st.sampled_from(["Jan Beulich", "George Dunlap", "Ian Campbell", "Roger Pau Monné"])
_NOTE = st.sampled_from(["Patch posted", "Ping sent", "DONE for 4.2", "needs a v3 from the author"])


@settings(max_examples=150, deadline=None)
@given(
    words=st.lists(st.one_of(_WORD, _URL), min_size=1, max_size=40),
    tag=st.sampled_from(["", "BUG", "CHECK", "BUG(?)"]),
    owners=st.lists(_NAME, max_size=2, unique=True),
    notes=st.lists(_NOTE, max_size=2, unique=True),
    indent=st.sampled_from([4, 8]),
)
def test_rewritten_item_fits_the_column_and_reads_back(words, tag, owners, notes, indent) -> None:
    text = "fix " + " ".join(words)
    layout = Layout(style="paren", indent=indent, marker="*", text_col=indent + 2)
    item = Item(text=text, tag=tag, owners=tuple(owners), notes=tuple(notes), layout=layout)
    section = Section(
        title="tools, blockers",
        heading="tools, blockers:",
        items=(replace(item, gap_before=("",)),),
    )
    post = Post(preamble=("Plan for a 4.2 release:", ""), sections=(section,))
    out = render_post(post)
    for line in out.splitlines():
        assert len(line) <= FILL_COLUMN or len(line.split()) <= 2, line  # one unbreakable token
    (reread,) = [i for _, _, i in parse_post(out).walk()]
    assert (reread.text, reread.tag, reread.owners, reread.notes) == (
        text,
        tag,
        tuple(owners),
        tuple(notes),
    )


def test_an_owner_line_that_grew_is_filled_too() -> None:
    post = parse_post(SEED, year=2012)
    section = post.sections[3]
    last = section.items[-1]  # "(George Dunlap / Jan Beulich)" on a line of its own
    grown = replace(last, notes=("Dropped", "duplicate of address PoD problems with early host"))
    out = render_post(replace(post, sections=tuple(
        replace(s, items=(*s.items[:-1], grown)) if s is section else s for s in post.sections)))
    tail = out.split("the release to get more testing.)\n")[-1].splitlines()
    assert tail[0].startswith("          (George Dunlap / Jan Beulich, Dropped,")
    assert all(len(line) <= FILL_COLUMN for line in tail)
    reread = [i for _, _, i in parse_post(out).walk()][-1]
    assert reread.owners == ("George Dunlap", "Jan Beulich") and reread.notes == grown.notes


@pytest.mark.parametrize("note, status", [
    ("Only the toolstack patch left to be reviewed/merged.", "partly_merged"),
    ("The last patch is still waiting to be merged.", "partly_merged"),
    ("The discussion is still ongoing.", "in_progress"),
    # git's maintainer asking for review in a topic's prose
    ("Adds a helper for the ref checks. Comments?", "waiting_review"),
    ("Small cleanups. Will merge to 'next'?", "waiting_review"),
    ("Needs (real) review.", "waiting_review"),
    ("Patches 1-3 merged; the remainder needs to be reviewed.", "partly_merged"),
    # a fix on its way in, the maintainer's own word that he will merge it: under way, as
    # the independent labellers of real reports read them; a topic held is put off
    ("Fix incoming: a commit in the storage tree.", "in_progress"),
    ("Typo fixes in the manual. Will merge to 'next'.", "in_progress"),
    ("Looks ready. Will merge to 'master' soon.", "in_progress"),
    ("Put on hold until the format is agreed.", "deferred"),
    ("Rebased on the index rework; waiting for its base series to land.", "waiting_on"),
    ("Builds on the parser rework. Has to wait for its base series.", "waiting_on"),
    ("It needs to wait for its base series to land.", "waiting_on"),
    # the author's move
    ("Expecting a (hopefully small and last) reroll.", "needs_version"),
    ("Awaiting a respin after the review.", "needs_version"),
    ("Reviewed and acked, though the remaining two patches are not applied yet.",
     "partly_merged"),
    ("The remaining patches were not yet applied.", "partly_merged"),
    # still nothing but the question
    ("Will merge to 'master' once the docs settle?", "waiting_review"),
    # someone's word awaited, the next release's
    ("Waiting for Jan's review of 3/4.", "waiting_on"),
    ("Waiting for your ack on the libxl part.", "waiting_on"),
    ("Next-release material.", "deferred"),
])
def test_a_posts_own_words_for_partial_merges_and_ongoing_work(note: str, status: str) -> None:
    from bot.post import status_from_text

    assert str(status_from_text(note)) == status


@pytest.mark.parametrize("note", [
    "The other patches are not in this series.",  # no merge said at all
    "Waiting for the respin of the base series.",  # someone else's version
    "Waiting for the new version to be merged before rebasing.",
    "Will merge to next week's build.",  # not git's 'next'
    "No longer on hold.",
])
def test_words_near_those_phrases_say_no_state(note: str) -> None:
    from bot.post import status_from_text

    assert status_from_text(note) not in ("partly_merged", "needs_version", "waiting_on")


@pytest.mark.parametrize("line, status", [
    ("*  Tidy the xenstore quota code (v4 -> v6)", "patch_posted"),  # a new round since
    ("*  Tidy the xenstore quota code (v2->v3)", "patch_posted"),
    ("*  Tidy the xenstore quota code (v4 \u2192 v6)", "patch_posted"),
    ("*  Tidy the xenstore quota code (v4)", "patch_posted"),  # a round on the list
    ("*  Tidy the xenstore quota code (v2 -> v2)", "patch_posted"),  # no new one, still posted
    ("*  [PATCH v2] x86/hpet: tidy the quota code", "patch_posted"),
    ("*  [RFC PATCH v2] x86/hpet: tidy the quota code", "patch_posted"),  # an RFC's round
    ("*  [RFC] x86/hpet: tidy the quota code", "in_progress"),  # early work
    ("*  Tidy the xenstore quota code", "open"),
    ("*  Tidy the xenstore quota code (v4)\n  -  fair, needs a new version", "needs_version"),
])
def test_a_round_on_the_list_is_read_from_the_title(line: str, status: str) -> None:
    from bot.post import parse_post

    post = parse_post(f"=== x86 ===\n\n{line}\n  -  Jonas Berg\n")
    assert str(post.sections[0].items[0].status) == status
