"""`todobot sync` over a real public-inbox v2 mirror and a real git tree: every mail
through the same ingest, positions remembered, series recorded, items updated."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from seriesmail import Series, commit, make_tree, reply_mail, write_inbox

from bot.config import parse_config
from bot.post import parse_post, render_post
from bot.release import Store, current_state, import_post
from bot.series import run_sync as sync
from bot.series import store as db

RM = "Rel Manager <rm@example.org>"
DEV = "Dee Veloper <dee@dev.example.org>"
MAINT = "Maint Ainer <maint@example.org>"
FROB = Series(DEV, "frob", "Arm frobnicator support", 2,
              ("arm: add the frobnicator", "arm: wire it up", "docs: frobnicator"), day=1)
POST = """Hello everyone,

I would like to share with you a list for status tracking:

*** Arm ***:
  * [PATCH v2 0/3] Arm frobnicator support [
https://lore.kernel.org/xen-devel/frob-v2-0@dev.example.org/
]

  * Some unrelated cleanup

Have a nice week!
"""


def config_text(tmp: Path, **extra: str) -> str:
    return f"""
[list]
name = "xen-devel"
address = "xen-devel@lists.example.org"
[release]
name = "4.19"
year = 2024
subject = "Xen 4.19 release status tracking list"
thread = "<tracking-1@example.org>"
[bot]
address = "todobot@example.org"
[store]
database = "{tmp / 'store.sqlite'}"
[series]
committers = ["maint@example.org"]
{extra.get('series', '')}
[[sources]]
kind = "public-inbox"
name = "xen-devel"
path = "{tmp / 'inbox'}"
{extra.get('more', '')}
[[people]]
name = "Rel Manager"
role = "rm"
addresses = ["rm@example.org"]
[[people]]
name = "Dee Veloper"
role = "developer"
addresses = ["dee@dev.example.org"]
"""


@pytest.fixture
def world(tmp_path: Path):
    (tmp_path / "todobot.toml").write_text(config_text(tmp_path))
    config = parse_config((tmp_path / "todobot.toml").read_text(), tmp_path / "todobot.toml")
    store = Store.open(config.database_path())
    import_post(store, config, POST, parse_post(POST, year=2024), "tracking-1@example.org")
    yield tmp_path, config, store
    store.close()


def items(config, store) -> str:
    """The items as they stand, words only: how a changed 2024-style item is laid out
    again is the post stage's business, what it says is ours."""
    return " ".join(render_post(current_state(store, config).post).split())


def test_every_mail_of_the_mirror_is_ingested_once_and_positions_are_kept(world) -> None:
    tmp, config, store = world
    write_inbox(tmp / "inbox", FROB.mails()[:2])
    first = sync(store, config)
    assert sum(first.mails.values()) == 2 and first.patches == 2
    assert store.scalar("SELECT count(*) FROM mails") == 2
    position = json.loads(db.position(store, "public-inbox:xen-devel"))
    assert list(position) == ["0"]
    assert sum(sync(store, config).mails.values()) == 0  # nothing new: nothing read
    write_inbox(tmp / "inbox", FROB.mails()[2:])  # the rest arrives in the same epoch
    write_inbox(tmp / "inbox", [reply_mail(MAINT, "r1@example.org", FROB.subject(1),
                                           FROB.patch_id(1), "Applied, thanks.")], epoch=1)
    third = sync(store, config)
    assert sum(third.mails.values()) == 3 and third.events == 1  # a new epoch was found
    assert set(json.loads(db.position(store, "public-inbox:xen-devel"))) == {"0", "1"}
    assert store.scalar("SELECT count(*) FROM mails") == 5


def test_a_purged_message_and_a_garbage_mail_lose_nothing(world) -> None:
    tmp, config, store = world
    write_inbox(tmp / "inbox", [b"\x00\xff not a mail at all", FROB.mails()[0]])
    repo = tmp / "inbox" / "git" / "0.git"
    # public-inbox purges a message with a commit whose tree has no `m`
    tree = subprocess.run(["git", "mktree"], cwd=repo, input=b"", capture_output=True,
                          check=True).stdout.decode().strip()
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=repo, capture_output=True,
                          check=True).stdout.decode().strip()
    gone = subprocess.run(["git", "commit-tree", tree, "-p", head, "-m", "purge"], cwd=repo,
                          capture_output=True, check=True).stdout.decode().strip()
    subprocess.run(["git", "update-ref", "refs/heads/master", gone], cwd=repo, check=True)
    report = sync(store, config)
    assert sum(report.mails.values()) == 2 and store.scalar("SELECT count(*) FROM mails") == 2


def test_a_new_version_moves_the_item_title_link_and_state(world) -> None:
    tmp, config, store = world
    v3 = Series(DEV, "frob", "Arm frobnicator support", 3, FROB.patches, day=8)
    write_inbox(tmp / "inbox", FROB.mails() + v3.mails())
    report = sync(store, config)
    assert report.versions == 2 and report.applied == 5  # title, link for link, note, state
    text = items(config, store)
    assert "[PATCH v3 0/3] Arm frobnicator support" in text
    assert "frob-v2-0@dev.example.org" not in text  # the new link took the old one's place
    assert "new patch series version [v3] was sent" in text
    assert "frob-v3-0@dev.example.org" in text
    assert sync(store, config).applied == 0  # the same facts log nothing twice
    changes = store.changes("c.source LIKE 'series:%'")
    assert {c.change.evidence.message_id for c in changes} == {v3.cover_id}


def test_merges_by_reply_and_by_tree_make_it_partly_merged_then_done(world) -> None:
    tmp, config, store = world
    tree = make_tree(tmp / "xen")
    (tmp / "todobot.toml").write_text(config_text(
        tmp, more=f'[tree]\npath = "{tree}"\nbranches = ["staging"]\n'))
    config = parse_config((tmp / "todobot.toml").read_text(), tmp / "todobot.toml")
    write_inbox(tmp / "inbox", FROB.mails() + [
        reply_mail(MAINT, "r1@example.org", FROB.subject(1), FROB.patch_id(1),
                   "Acked-by: Maint Ainer <maint@example.org>\n\nApplied, thanks.")])
    sync(store, config)
    assert "[PATCH v2 1/3] arm: add the frobnicator was merged" in items(config, store)
    assert "Partly merged" in items(config, store)
    sha = commit(tree, "arm: wire it up")
    commit(tree, "docs: add the manual", f"Link: https://lore.kernel.org/r/{FROB.patch_id(3)}")
    report = sync(store, config)
    assert report.commits == 2
    done = store.changes("c.source LIKE 'series:%:done:%'")
    assert [(c.change.value, c.state) for c in done] == [("done", "proposed")]
    merged = store.changes("c.source = ?", f"series:{done[0].item_id}:merged:arm: wire it up")
    assert merged[0].change.evidence.words == f"commit {sha[:12]} in the tree: arm: wire it up"


def test_todobot_sync_and_series_from_the_command_line(world) -> None:
    tmp, config, store = world
    write_inbox(tmp / "inbox", FROB.mails() + [
        reply_mail("Re Viewer <rev@example.org>", "r2@example.org", FROB.subject(2),
                   FROB.patch_id(2), "Reviewed-by: Re Viewer <rev@example.org>")])
    env = {"TODOBOT_CONFIG": str(tmp / "todobot.toml"), "PATH": "/usr/bin:/bin"}
    todobot = [sys.executable, "-m", "bot.cli"]
    done = subprocess.run([*todobot, "sync"], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("5 mail(s)")
    shown = subprocess.run([*todobot, "series"], env=env, capture_output=True, text=True)
    assert shown.returncode == 0, shown.stderr
    assert "tied by link <frob-v2-0@dev.example.org>" in shown.stdout
    assert "reviewed by Re Viewer <rev@example.org>" in shown.stdout
    one = subprocess.run([*todobot, "series", "1"], env=env, capture_output=True, text=True)
    assert one.stdout.startswith("#1 [PATCH v2 0/3] Arm frobnicator support")
    two = subprocess.run([*todobot, "series", "2"], env=env, capture_output=True, text=True)
    assert "no series tied" in two.stdout


def test_a_missing_mirror_is_one_line_and_exit_75(world) -> None:
    tmp, _config, _store = world
    env = {"TODOBOT_CONFIG": str(tmp / "todobot.toml"), "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, "-m", "bot.cli", "sync"], env=env,
                          capture_output=True, text=True)
    assert done.returncode == 75 and "not a public-inbox v2 mirror" in done.stderr
    assert "Traceback" not in done.stderr


def test_one_mail_ingest_loads_neither_series_nor_imaplib(world) -> None:
    tmp, _config, _store = world
    mail = tmp / "one.eml"
    mail.write_bytes(FROB.mails()[0])
    code = ("import sys\nfrom bot.cli import main\n"
            "try:\n    main(['ingest', '-q', sys.argv[1]])\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in sys.modules if m.startswith('bot.series') or m in "
            "('imaplib', 'rapidfuzz')))")
    env = {"TODOBOT_CONFIG": str(tmp / "todobot.toml"), "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, "-c", code, str(mail)], env=env,
                          capture_output=True, text=True)
    assert done.stdout.strip() == "[]", done.stderr


def test_rebuild_agrees_after_a_sync(world) -> None:
    from bot.release import rebuild

    tmp, config, store = world
    v3 = Series(DEV, "frob", "Arm frobnicator support", 3, FROB.patches, day=8)
    write_inbox(tmp / "inbox", FROB.mails() + v3.mails())
    assert sync(store, config).applied == 5
    assert rebuild(store, config) == []


def test_a_series_for_the_release_from_a_listed_person_is_proposed_as_an_item(world) -> None:
    tmp, config, store = world
    tagged = Series(DEV, "ucode", "x86/ucode: load it early", 1, ("x86: a", "x86: b"),
                    tag="for-4.19")
    stranger = Series("Some One <one@else.example.com>", "other", "tools: other thing", 1,
                      ("tools: a",), tag="for-4.19")
    untagged = Series(DEV, "plain", "common: not for the release", 1, ("common: a",))
    from seriesmail import patch_mail

    said = patch_mail(DEV, "said-0@dev.example.org", "[PATCH 0/1] tools: said in the letter",
                      "I'd like this to go in for 4.19, it fixes a crash.\n\nDee\n")
    nope = patch_mail(DEV, "nope-0@dev.example.org", "[PATCH 0/1] tools: later",
                      "This is not for 4.19, just so it is on the list.\n")
    write_inbox(tmp / "inbox", tagged.mails() + stranger.mails() + untagged.mails()
                + [said, nope])
    report = sync(store, config)
    new = store.changes("c.kind = 'new'")
    assert report.proposed == 2 and [(c.change.value, c.state) for c in new] == [
        ("[PATCH for-4.19 0/2] x86/ucode: load it early", "proposed"),
        ("[PATCH 0/1] tools: said in the letter", "proposed")]
    assert new[0].change.evidence.message_id == tagged.cover_id
    assert sync(store, config).proposed == 0


@pytest.mark.parametrize("extra, says", [
    ('[[sources]]\nkind = "nntp"\npath = "x"\n', "kind: one of public-inbox, imap"),
    ('[[sources]]\nkind = "imap"\nhost = "h"\nusername = "u"\n', "password_env or password_file"),
    ('[[sources]]\nkind = "imap"\nhost = "h"\nusername = "u"\npassword_env = "P"\n'
     'security = "none"\n', "security: tls or starttls"),
    ('[[sources]]\nkind = "public-inbox"\n', "path: missing"),
    ('[tree]\nbranches = ["staging"]\n', "[tree] path: missing"),
    ('[tree]\npath = "x"\nbranches = ["--upload-pack=evil"]\n', "[tree] branches"),
])
def test_bad_sync_config_is_one_line(tmp_path: Path, extra: str, says: str) -> None:
    from bot.config import ConfigError

    text = config_text(tmp_path).replace("[[people]]", extra + "\n[[people]]", 1)
    with pytest.raises(ConfigError, match=re.escape(says)):
        parse_config(text, tmp_path / "todobot.toml")
    with pytest.raises(ConfigError, match=re.escape("[series] maintainers")):
        parse_config(config_text(tmp_path, series='maintainers = ["no address"]'))


UPDATE = """Hello,

== Hypervisor ==

=== x86 ===

*  x86: a faster widget (v1 -> v2)
  -  Dee Veloper

Thanks
"""


def test_a_development_update_item_tied_by_title_moves_to_the_new_version(world) -> None:
    tmp, config, store = world
    import_post(store, config, UPDATE, parse_post(UPDATE, year=2025), "update-1@example.org")
    widget = [Series(DEV, "widget", "x86: a faster widget", v, ("x86: widget core",), day=v)
              for v in (1, 2, 3)]
    write_inbox(tmp / "inbox", [raw for s in widget for raw in s.mails()])
    report = sync(store, config)
    assert report.applied == 4
    assert "x86: a faster widget (v1 -> v3)" in items(config, store)
    bump = store.changes("c.kind = 'note'")
    assert [c.change.value for c in bump] == ["new patch series version [v3] was sent"]
    assert bump[0].change.reasons == ("a newer version of the series (title (score 100))",)


def test_mails_the_mta_pipe_ingested_are_followed_by_the_next_sync(world) -> None:
    from bot.release import Ingest

    tmp, config, store = world
    ingest = Ingest(store, config)
    for raw in FROB.mails():
        ingest.mail(raw)
    write_inbox(tmp / "inbox", [reply_mail(MAINT, "r9@example.org", FROB.subject(2),
                                           FROB.patch_id(2), "Applied.")])
    report = sync(store, config)
    assert (report.versions, report.patches, report.events) == (1, 4, 1)
    assert sync(store, config).patches == 0


def test_a_sync_killed_half_way_loses_nothing(world, monkeypatch) -> None:
    import bot.series.sync as sync_module

    tmp, config, store = world
    write_inbox(tmp / "inbox", FROB.mails())
    write_inbox(tmp / "inbox", [reply_mail(MAINT, "r1@example.org", FROB.subject(1),
                                           FROB.patch_id(1), "Applied, thanks.")], epoch=1)
    calls = []
    real = sync_module.record

    def dies_on_the_fifth(store_, config_, raw):
        calls.append(raw)
        if len(calls) == 5:
            raise KeyboardInterrupt  # cron's kill, half way through the second epoch
        return real(store_, config_, raw)

    monkeypatch.setattr(sync_module, "record", dies_on_the_fifth)
    with pytest.raises(KeyboardInterrupt):
        sync(store, config)
    monkeypatch.setattr(sync_module, "record", real)
    report = sync(store, config)
    assert store.scalar("SELECT count(*) FROM mails") == 5
    assert store.scalar("SELECT count(*) FROM patch_events WHERE kind = 'merged'") == 1
    # one batch, one transaction: the mails and the position went back together, and
    # the mirror, which keeps them, is read again
    assert sum(report.mails.values()) == 5


def test_b4_change_id_links_versions_whose_title_changed(world) -> None:
    from seriesmail import patch_mail

    tmp, config, store = world

    def b4_cover(version: int, title: str) -> bytes:  # as `b4 send` writes a cover letter
        body = (f"Cover letter text.\n\n---\nChanges in v{version}:\n- renamed\n\n---\n"
                "base-commit: 0123456789abcdef0123456789abcdef01234567\n"
                "change-id: 20240205-frob-4b1d2c3e4f5a\n\nBest regards,\n-- \n"
                "Dee Veloper <dee@dev.example.org>\n")
        return patch_mail(DEV, f"20240205-frob-v{version}-0-{version}@dev.example.org",
                          f"[PATCH v{version} 0/3] {title}", body, day=version)

    (tmp / "post.txt").write_text(POST.replace("frob-v2-0@dev.example.org",
                                               "20240205-frob-v2-0-2@dev.example.org"))
    text = (tmp / "post.txt").read_text()
    import_post(store, config, text, parse_post(text, year=2024), "tracking-2@example.org")
    write_inbox(tmp / "inbox", [b4_cover(2, "Arm frobnicator support"),
                                b4_cover(3, "xen/arm: frobnicate the caches")])
    report = sync(store, config)
    assert report.versions == 2 and store.scalar("SELECT count(*) FROM series") == 1
    assert "[PATCH v3 0/3] xen/arm: frobnicate the caches" in items(config, store)


def test_a_near_title_only_proposes(world) -> None:
    tmp, config, store = world
    near = POST.replace("  * Some unrelated cleanup",
                        "  * [PATCH 0/1] x86: make the widgets faster")
    import_post(store, config, near, parse_post(near, year=2024), "tracking-3@example.org")
    widget = [Series(DEV, "widget", "x86: make the widget faster", v, ("x86: widget",), day=v)
              for v in (1, 2)]
    write_inbox(tmp / "inbox", [raw for s in widget for raw in s.mails()])
    sync(store, config)
    changes = store.changes("c.source LIKE 'series:%'")
    assert changes and {c.state for c in changes} == {"proposed"}
    assert "close, not the same" in store.decisions(changes[0].id)[0]["reason"]


def test_a_maildir_source_is_read_whole_and_what_was_seen_is_skipped(tmp_path: Path) -> None:
    import mailbox

    box = mailbox.Maildir(tmp_path / "Maildir", create=True)
    for raw in FROB.mails()[:2]:
        box.add(raw)
    text = config_text(tmp_path).replace(
        'kind = "public-inbox"', 'kind = "maildir"').replace(
        f'path = "{tmp_path / "inbox"}"', 'path = "Maildir"')
    (tmp_path / "todobot.toml").write_text(text)
    config = parse_config(text, tmp_path / "todobot.toml")
    with Store.open(config.database_path()) as store:
        assert sync(store, config).patches == 2
        again = sync(store, config)
        assert again.mails == {"duplicate": 2} and again.patches == 0


def test_every_fixture_mail_through_a_mirror_is_kept_and_nothing_breaks(world) -> None:
    """The quirks (bad charsets, HTML only, no Message-ID, mojibake, base64) and every
    reply style of the fixtures, as a mirror would carry them."""
    tmp, config, store = world
    root = Path(__file__).resolve().parent.parent / "fixtures" / "mails"
    mails = [p.read_bytes() for p in sorted(root.rglob("*.eml"))]
    write_inbox(tmp / "inbox", mails)
    report = sync(store, config)
    assert report.problems == [] and sum(report.mails.values()) == len(mails)
    kept = store.scalar("SELECT count(*) FROM mails")
    assert kept + report.mails["duplicate"] == len(mails)  # the same mail twice: kept once


def test_a_rewound_branch_and_a_missing_one(world) -> None:
    from seriesmail import git

    tmp, config, store = world
    tree = make_tree(tmp / "xen")
    more = f'[tree]\npath = "{tree}"\nbranches = ["staging"]\n'
    (tmp / "todobot.toml").write_text(config_text(tmp, more=more))
    config = parse_config((tmp / "todobot.toml").read_text(), tmp / "todobot.toml")
    write_inbox(tmp / "inbox", FROB.mails())
    commit(tree, "arm: add the frobnicator")
    assert sync(store, config).commits == 1
    git(tree, "reset", "-q", "--hard", "HEAD~1")
    git(tree, "reflog", "expire", "--expire=now", "--all")
    git(tree, "gc", "-q", "--prune=now")  # the old tip is gone for good
    commit(tree, "arm: add the frobnicator", "Acked-by: A <a@example.org>")  # re-applied
    commit(tree, "arm: wire it up")
    report = sync(store, config)
    assert report.problems == [] and report.commits == 2, report
    (tmp / "todobot.toml").write_text(config_text(tmp, more=more.replace("staging", "nope")))
    config = parse_config((tmp / "todobot.toml").read_text(), tmp / "todobot.toml")
    problems = sync(store, config).problems
    assert len(problems) == 1 and problems[0].startswith("tree: ")
