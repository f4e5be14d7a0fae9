"""Debian's headless Chromium driven by Playwright (no browser download), and axe-core
from tests/browser/node_modules, for the browser tests and the README's screenshots."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

HERE = Path(__file__).resolve().parent
AXE = HERE / "node_modules" / "axe-core" / "axe.min.js"
# Without the background-networking flags Chromium dials Google's hosts at every start,
# and this machine's closed network refuses them, many at a time.
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage"]


def executable() -> str:
    """$TODOBOT_CHROMIUM (another build to try), else Debian's `chromium` on PATH."""
    return os.environ.get("TODOBOT_CHROMIUM") or shutil.which("chromium") or ""


def missing(axe: bool = True) -> str:
    """Why the browser tests cannot run here ("" when they can); `axe=False`: the tests
    that need no axe-core (console errors, a phone-wide window) run without it."""
    if not executable() or not os.access(executable(), os.X_OK):
        return "no chromium: `make browser-deps` installs Debian's as root"
    if axe and not AXE.exists():
        return f"no {AXE.relative_to(HERE.parent.parent)}: `make browser-deps` runs npm ci"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "no playwright: pip install -e '.[test]'"
    return ""


def launch(playwright, user_data_dir: Path):
    """A persistent context in a fresh profile directory (Chromium's own flag)."""
    return playwright.chromium.launch_persistent_context(
        str(user_data_dir), executable_path=executable(), headless=True, args=FLAGS,
        ignore_default_args=["--enable-automation"], viewport={"width": 1000, "height": 800})
