"""`todobot site`: the pages from a real store, the burndown's figures, escaping."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from html.parser import HTMLParser
from pathlib import Path

import pytest
from sitebuild import DAY, demo_store, todobot

from bot.config import ConfigError, parse_config
from bot.demo import demo_config
from bot.post import Change, ChangeKind, Evidence, Item, Post, Section, Status
from bot.release.store import LoggedChange
from bot.site import (
    ItemLife,
    ItemView,
    ReleaseView,
    SiteSettings,
    archive_link,
    chart,
    points,
    render_site,
    stale_items,
)
from bot.site.writer import link_target

LORE = "https://lore.kernel.org/xen-devel/{message_id}/"


class Links(HTMLParser):
    """Every href and src of a page, and whether it has a script."""

    def __init__(self) -> None:
        super().__init__()
        self.targets: list[str] = []
        self.scripts = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.scripts += tag == "script"
        self.targets += [v for k, v in attrs if k in ("href", "src") and v]


def links(page: Path) -> Links:
    parser = Links()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("site")
    config = demo_store(directory)
    out = directory / "out"
    said = todobot(config, "site", str(out), "--date", DAY)
    assert said.startswith("wrote ") and (out / "index.html").as_uri() in said
    return out


def test_the_release_page_shows_timeline_items_week_and_proposals(site: Path) -> None:
    html = (site / "index.html").read_text(encoding="utf-8")
    assert 'aria-current="step"' in html and "RCN+1 until release" in html
    for heading in ("Timeline", "Burndown", "Items", "This week's changes",
                    "Waiting for the RM"):
        assert f">{heading}</h2>" in html
    assert "hypervisor, blockers" in html and "xenstored memory leak" in html
    assert '<svg class="burndown"' in html and "<polyline" in html
    assert "no news for 1 week" in html  # the demo's [site] stale_weeks = 1
    assert "sender not in the configured people" in html  # a proposal, and why it waits


def test_every_item_has_a_page_with_its_changes_and_archive_links(site: Path) -> None:
    pages = sorted((site / "items").glob("*.html"))
    assert len(pages) == 18  # the 17 items as they stand (placeholders aside), one gone
    gone = [p for p in pages if "No longer on the list" in p.read_text(encoding="utf-8")]
    assert len(gone) == 1
    html = (site / "items" / "8.html").read_text(encoding="utf-8")  # S3 regression
    assert "Every change" in html and "state → done" in html
    assert 'href="https://lore.kernel.org/xen-devel/' in html  # escaping: test_site_asof.py


def test_links_stay_inside_the_site_or_go_to_http_and_no_page_has_a_script(site: Path) -> None:
    for page in [site / "index.html", *(site / "items").glob("*.html")]:
        found = links(page)
        assert found.scripts == 0, page
        for target in found.targets:
            if target.startswith(("https://", "http://")):
                continue
            assert not re.match(r"[a-z]+:", target), (page, target)
            path = (page.parent / target.split("#")[0]).resolve()
            assert path.exists(), (page, target)


def test_writing_again_replaces_the_pages_and_leaves_no_temporary_files(
        site: Path, tmp_path: Path) -> None:
    before = (site / "index.html").read_bytes()
    config = site.parent / "todobot.toml"
    todobot(config, "site", str(site), "--date", DAY, "-q")
    assert (site / "index.html").read_bytes() == before
    assert not list(site.rglob(".todobot-*"))


def test_an_unwritable_target_is_one_line_and_exit_2(site: Path, tmp_path: Path) -> None:
    import subprocess
    import sys

    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = subprocess.run([sys.executable, "-c", "from bot.cli import main; main()",
                             "--config", str(site.parent / "todobot.toml"), "site",
                             str(blocker / "out")], capture_output=True, text=True, check=False)
    assert result.returncode == 2
    assert result.stderr.startswith("todobot: ") and "Traceback" not in result.stderr


# -- pure parts ---------------------------------------------------------------------


def test_the_burndown_counts_open_and_total_per_week() -> None:
    start = date(2012, 8, 13)
    lives = [ItemLife(start, True, ((date(2012, 8, 15), False),)),
             ItemLife(start, True, ()),
             ItemLife(date(2012, 8, 22), True, ()),
             ItemLife(start, False, ())]
    found = points(lives, start, date(2012, 8, 30))
    assert [(p.day.isoformat(), p.open, p.total) for p in found] == [
        ("2012-08-13", 2, 3), ("2012-08-20", 1, 3), ("2012-08-27", 2, 4), ("2012-08-30", 2, 4)]
    drawn = chart(found, [(date(2012, 8, 27), "RC3", "27 Aug"), (date(2011, 1, 1), "old", "")],
                  date(2012, 8, 28))
    assert [m.label for m in drawn.marks] == ["RC3"] and drawn.marks[0].reached
    assert len(drawn.dots) == 4 and drawn.open_line.count(",") == 4
    before = chart(found, [(date(2012, 7, 30), "RC1", "30 July")], date(2012, 8, 28))
    assert before.marks[0].x == before.left < before.dots[0].x  # the axis starts at RC1
    assert before.marks[0].anchor == "start"  # its label stays inside the picture


def test_an_item_is_stale_after_n_quiet_weeks_unless_it_is_closed() -> None:
    quiet = date(2012, 8, 1)

    def view(item_id: int, status: Status) -> ItemView:
        return ItemView(item_id, "tools, blockers", 0, Item("x", status=status), quiet, ())

    found = stale_items([view(1, Status.OPEN), view(2, Status.DONE), view(3, Status.PINGED)],
                        date(2012, 8, 20), 2)
    assert sorted(found) == [1, 3] and found[1].weeks == 2
    assert stale_items([view(1, Status.OPEN)], date(2012, 8, 14), 2) == {}


def test_archive_links_quote_the_id_and_only_http_links_are_links() -> None:
    assert archive_link(LORE, "<a/b?c@host>") == "https://lore.kernel.org/xen-devel/a%2Fb%3Fc@host/"
    assert archive_link("", "<a@b>") == "" and archive_link(LORE, "not an id") == ""
    assert link_target(LORE, "javascript:alert(1)") == ""
    assert link_target(LORE, "http://bugzilla.xen.org/show_bug.cgi?id=1") .startswith("http://")
    assert link_target(LORE, "<x@y>") == "https://lore.kernel.org/xen-devel/x@y/"
    assert link_target(LORE, "25563:3d8a7e8bb3e9") == ""


def test_text_from_mail_is_escaped_never_markup() -> None:
    evil = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    evidence = Evidence("<evil@x>", evil, "a@b", datetime(2012, 8, 14, tzinfo=UTC), "", evil)
    change = Change(ChangeKind.NOTE, evil, (0, 0), evil, 0.9, evidence)
    logged = LoggedChange(5, 1, 1, "mail:k", 0, "proposed", "2012-08-14T00:00:00", change)
    item = Item(evil, owners=(evil,), links=("javascript:alert(1)",), source=("    * x",))
    post = Post(sections=(Section(evil, evil + ":", (item,)),))
    view = ReleaseView("4.2", evil, date(2012, 8, 20), date(2012, 8, 13), post,
                       (ItemView(1, evil, 0, item, date(2012, 8, 13), (logged,)),),
                       (logged,), ((logged, evil),), (ItemLife(date(2012, 8, 13), True, ()),))
    pages = render_site(view, SiteSettings(archive_url=LORE))
    for name, text in pages.items():
        if name.endswith(".html"):
            assert "<script" not in text and "<img" not in text and "javascript:" not in \
                text.replace("<code>javascript:alert(1)</code>", ""), name
            assert "&lt;script&gt;" in text, name


@pytest.mark.parametrize("table, message", [
    ('archive_url = "https://lore.kernel.org/{msgid}/"', "archive_url"),
    ('archive_url = "lore.kernel.org/{message_id}"', "archive_url"),
    ('archive_url = "https://x/{message_id}/{0}"', "archive_url"),
    ("stale_weeks = 0", "stale_weeks"),
    ('stale_week = 2', "stale_week"),
])
def test_a_bad_site_table_is_one_line_naming_the_key(table: str, message: str) -> None:
    text = re.sub(r"\[site\]\n[^\[]*", f"[site]\n{table}\n\n", demo_config("s.sqlite"))
    with pytest.raises(ConfigError, match=message):
        parse_config(text)


def test_a_store_without_the_release_is_one_line_and_exit_1(tmp_path: Path) -> None:
    import subprocess
    import sys

    config = tmp_path / "todobot.toml"
    config.write_text(demo_config(tmp_path / "empty.sqlite"), encoding="utf-8")
    for args in (["site", str(tmp_path / "out")], ["nag"]):
        result = subprocess.run([sys.executable, "-c", "from bot.cli import main; main()",
                                 "--config", str(config), *args], capture_output=True,
                                text=True, check=False)
        assert result.returncode == 1, result.stderr
        assert result.stderr.count("\n") == 1 and "todobot init" in result.stderr
    assert not (tmp_path / "out").exists()
