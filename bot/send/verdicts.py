"""A 2xx the store was too busy to take, kept in a small JSON file beside the database.

The server's "250" is the one fact that must not be lost: once the mail went,
leaving the record `sending` would make the next run take it for a cut-off
send (unknown, the RM asked). The file is written under the send lock right
after the verdict, before the store is tried, and the next run records what
it holds as sent before anything else, then forgets it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path


@dataclass(frozen=True)
class Verdicts:
    """key → {"detail", "when"}: the 2xx verdicts not yet in the store. No path: none kept."""

    path: Path | None

    def kept(self) -> dict[str, dict[str, str]]:
        """What the file holds; OSError or ValueError when it cannot be read as written."""
        if self.path is None or not self.path.exists():
            return {}
        data = json.loads(self.path.read_text(encoding="utf-8") or "{}")
        if not isinstance(data, dict) or not all(
                isinstance(v, dict) and {"detail", "when"} <= set(v) for v in data.values()):
            raise ValueError(f"{self.path}: not a file of verdicts todobot wrote")
        return data

    def keep(self, key: str, detail: str, when: datetime) -> None:
        if self.path is not None:
            try:
                kept = self.kept()
            except ValueError:  # a damaged file is set aside, never the new 2xx lost with it
                self.path.replace(self.path.with_name(self.path.name + ".unreadable"))
                kept = {}
            kept[key] = {"detail": detail, "when": when.isoformat()}
            self.path.write_text(json.dumps(kept), encoding="utf-8")

    def forget(self, keys: set[str]) -> None:
        """Drop `keys` (recorded in the store now, or no longer `sending` there)."""
        kept = self.kept()
        if self.path is None or not keys & set(kept):
            return
        left = {k: v for k, v in kept.items() if k not in keys}
        if left:
            self.path.write_text(json.dumps(left), encoding="utf-8")
        else:
            self.path.unlink()
