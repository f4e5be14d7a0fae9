"""Package faces that import nothing until a name is used.

An MTA starts one process per mail, so `import bot.post` must not pull in
Jinja because the package also renders; each stage's `__init__` names what
other stages may call and where it lives, and the module is loaded on first use.
"""

from __future__ import annotations

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
