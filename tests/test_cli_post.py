"""`todobot parse` / `todobot render` as a user runs them: real files, real processes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

POSTS = Path(__file__).parent.parent / "fixtures" / "posts"
SEED = POSTS / "seed-2012.txt"


def _seed_json() -> dict:
    from bot.post import parse_post, post_to_json

    return post_to_json(parse_post(SEED.read_text(encoding="utf-8"), year=2012))


_SEED_JSON = _seed_json()


def todobot(*args: str, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", *args], input=stdin, capture_output=True, check=False
    )


def test_parse_then_render_gives_the_seed_back(tmp_path: Path) -> None:
    parsed = todobot("parse", str(SEED), "--year", "2012")
    assert parsed.returncode == 0, parsed.stderr
    data = json.loads(parsed.stdout)
    assert data["schema"] == "todobot.post/1"
    vmce = data["sections"][2]["items"][0]
    assert (vmce["owners"], vmce["status"]) == (["Jinsong Liu", "Jan Beulich"], "done")
    (tmp_path / "seed.json").write_bytes(parsed.stdout)
    rendered = todobot("render", str(tmp_path / "seed.json"))
    assert rendered.returncode == 0 and rendered.stdout == SEED.read_bytes()


def test_render_rewrites_an_item_edited_in_the_json(tmp_path: Path) -> None:
    data = json.loads(todobot("parse", str(SEED)).stdout)
    item = data["sections"][1]["items"][4]  # "Bump library SONAMES as necessary."
    item["notes"] = ["Patch posted"]
    (tmp_path / "edited.json").write_text(json.dumps(data))
    out = todobot("render", str(tmp_path / "edited.json")).stdout.decode()
    assert "    * Bump library SONAMES as necessary. (Patch posted)\n" in out


@pytest.mark.parametrize(
    "name",
    [
        "seed-2012-qp.eml",
        "tracking-2024-base64.eml",
        "devupdate-2013-alternative.eml",
        "status-2022-crlf.eml",
    ],
)
def test_parse_reads_the_post_inside_a_mail(name: str) -> None:
    parsed = todobot("parse", str(POSTS / name))
    assert parsed.returncode == 0, parsed.stderr
    data = json.loads(parsed.stdout)
    assert sum(len(s["items"]) for s in data["sections"]) >= 5
    assert data["subject"]


@pytest.mark.parametrize(
    "content, reason",
    [
        (b"", "empty input"),
        (bytes(range(256)) * 4, "binary data"),
        (b"\n  --- 123 ---\n\n", "no text"),
    ],
    ids=["empty", "binary", "no-text"],
)
def test_not_a_post_is_one_clean_line_and_status_2(content: bytes, reason: str) -> None:
    result = todobot("parse", "-", stdin=content)
    assert result.returncode == 2
    error = result.stderr.decode()
    assert error.count("\n") == 1 and "Traceback" not in error
    assert reason in error and "line " in error


@pytest.mark.parametrize(
    "content",
    [
        b"Hi all,\n\nThe weather was fine and we went for a walk.\n\nCheers\n",
        SEED.read_bytes()[:400],  # truncated before the first section
    ],
    ids=["prose", "truncated"],
)
def test_a_post_without_a_list_is_a_post_with_no_items_and_a_warning(content: bytes) -> None:
    result = todobot("parse", "-", stdin=content)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["sections"] == []
    assert b"warning: no list found" in result.stderr and result.stderr.count(b"\n") == 1
    rendered = todobot("render", "-", stdin=result.stdout)
    assert rendered.stdout == content


def test_render_of_something_else_is_a_clean_error(tmp_path: Path) -> None:
    (tmp_path / "x.json").write_text('{"hello": 1}')
    result = todobot("render", str(tmp_path / "x.json"))
    assert result.returncode == 2 and b"not a todobot post" in result.stderr


def test_missing_file_is_a_clean_error() -> None:
    result = todobot("parse", "/nonexistent/post.txt")
    assert result.returncode == 2 and b"cannot read" in result.stderr


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-3, 10**6) | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=6,
)


def _paths(node, prefix=()):
    yield prefix
    children = (
        node.items()
        if isinstance(node, dict)
        else enumerate(node)
        if isinstance(node, list)
        else ()
    )
    for key, child in children:
        yield from _paths(child, (*prefix, key))


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_render_of_any_edited_json_is_a_post_or_one_clean_error(data) -> None:
    """An RM edits the JSON by hand: whatever they break, render never crashes."""
    from bot.post import SchemaError, post_from_json, render_post

    post = json.loads(json.dumps(_SEED_JSON))
    paths = [p for p in _paths(post) if p]
    path = data.draw(st.sampled_from(paths))
    node = post
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = data.draw(_JSON)
    try:
        parsed = post_from_json(post)
    except SchemaError:
        return
    assert isinstance(render_post(parsed), str)
