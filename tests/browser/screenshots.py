"""The README's screenshots: the demo week's site in Debian's headless Chromium.

`make screenshots` (after `make browser-deps`) rewrites docs/site-*.png from
the real output of `todobot site`; run it when the pages change.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path[:0] = [str(HERE), str(ROOT / "tests")]

from chromium import launch, missing  # noqa: E402
from sitebuild import demo_site  # noqa: E402

ITEM = 12  # the item with the most changes in the demo week


def main() -> int:
    why = missing()
    if why:
        print(f"screenshots: {why}", file=sys.stderr)
        return 1
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="todobot-shots-") as tmp:
        site = demo_site(Path(tmp))
        with sync_playwright() as playwright:
            context = launch(playwright, Path(tmp) / "profile")
            page = context.new_page()
            shots = (("site-release.png", "index.html", 1000, 1500, "light"),
                     ("site-item.png", f"items/{ITEM}.html", 1000, 0, "light"),
                     ("site-phone-dark.png", "index.html", 390, 1600, "dark"))
            for name, path, width, height, scheme in shots:
                page.set_viewport_size({"width": width, "height": height or 800})
                page.emulate_media(color_scheme=scheme)
                page.goto((site / path).as_uri(), wait_until="load")
                page.screenshot(path=str(ROOT / "docs" / name), full_page=not height)
                print(f"docs/{name}")
            context.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
