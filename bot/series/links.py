"""Message-IDs named by an item or a commit: archive links and `<id@host>`. Pure.

lore (`https://lore.kernel.org/xen-devel/<id>/`, `/r/<id>`), patchew
(`https://patchew.org/Xen/<id>/`) and patchwork patch pages
(`.../patch/<id>/`) carry the Message-ID in their path. A patchwork
`?series=NNN` link names patchwork's own number, which no mail carries: it
ties nothing, and the title is tried instead.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

_URL = re.compile(r"https?://[^\s<>\[\]()\"']+")
_BARE = re.compile(r"<([^<>\s@]+@[^<>\s@]+)>")


def message_ids(text: str) -> list[str]:
    """Every Message-ID the text names, in order, without <>."""
    found: list[str] = []
    for url in _URL.findall(text):
        for part in unquote(url).split("?")[0].split("/"):
            if "@" in part and not part.startswith("mailto:"):
                found.append(part.strip("<>"))
    found.extend(_BARE.findall(text))
    return list(dict.fromkeys(found))


def archive_link(base: str, message_id: str) -> str:
    """The archive page of a mail: `base` is e.g. https://lore.kernel.org/xen-devel/."""
    return f"{base.rstrip('/')}/{message_id}/"
