"""Package faces that import nothing until a name is used, and patterns compiled
when first searched.

An MTA starts one process per mail, so `import bot.post` must not pull in
Jinja because the package also renders; each stage's `__init__` names what
other stages may call and where it lives, and the module is loaded on first use.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from importlib import import_module
from typing import Any


def exports(package: str, table: Mapping[str, str]) -> Callable[[str], Any]:
    """A module `__getattr__` (PEP 562) serving `table`'s names from their modules."""

    def __getattr__(name: str) -> Any:
        module = table.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        return getattr(import_module(f"{package}.{module}"), name)

    return __getattr__


class LazyPattern:
    """`re.compile(source, flags)`, done at the first use instead of at import.

    An MTA starts a process per mail, and most module-level patterns of the post
    parser and of the rarer readers are never searched in it: compiling them at import
    cost ~7 ms of each `todobot ingest`. Any attribute of the compiled pattern may be
    asked for (`search`, `sub`, `pattern`, ...); each is kept on the instance once
    found, so later calls cost what the compiled pattern's own do.
    """

    def __init__(self, source: str | bytes, flags: int = 0) -> None:
        self._source, self._flags = source, flags

    @property
    def compiled(self) -> re.Pattern[Any]:
        return re.compile(self._source, self._flags)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):  # not the pattern's: copy and pickle probe for such names
            raise AttributeError(name)
        found = getattr(self.compiled, name)
        setattr(self, name, found)
        return found

    def __repr__(self) -> str:
        return f"LazyPattern({self._source!r}, {self._flags!r})"
