"""Test-wide set-up: caches the product keeps in the user's home go to a temporary place,
and the slow tests are handed out first."""

from __future__ import annotations

import os

import pytest


@pytest.fixture(autouse=True, scope="session")
def _own_cache_dir(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The prefilter cache (bot/reply/prefilter.py) and the compiled patterns of a
    `todobot` process (bot/regexcache.py) are written under XDG_CACHE_HOME: a test run
    must neither read stale ones from the home directory nor leave them there."""
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("xdg-cache"))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The slow tests first: pytest-xdist hands tests out in this order, so the long
    ones start at once, side by side, and the many short ones fill in around them."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)
