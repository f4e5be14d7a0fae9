"""Every compiled regular expression in bot/, and inputs that make a backtracking one slow.

`run` is meant for a subprocess, so that a pattern that never finishes is cut
off by the caller's timeout: each pattern's name is printed before it starts,
so the last name printed is the culprit.
"""

from __future__ import annotations

import importlib
import pkgutil
import re

RUNS = ("-", "_", ".", "/", "-_./", "=", "~", " ", "\t", ">", "> ", "a", "a-", "0", "<",
        "(", "[", '"', "a ", "\n", "-- ", "x@y.", "1:2", " [1]", "[PATCH ", "1, ", "1 and ")


def patterns() -> dict[str, re.Pattern]:
    """name → pattern, for every module-level pattern (also inside tuples, lists, dicts)."""
    import bot
    from bot.lazy import LazyPattern

    found: dict[str, re.Pattern] = {}

    def take(name: str, value: object, depth: int = 0) -> None:
        if isinstance(value, LazyPattern):  # compiled when first searched: compiled here
            value = value.compiled
        if isinstance(value, re.Pattern):
            found[name] = value
        elif depth < 3 and isinstance(value, (tuple, list)):
            for i, item in enumerate(value):
                take(f"{name}[{i}]", item, depth + 1)
        elif depth < 3 and isinstance(value, dict):
            for key, item in value.items():
                take(f"{name}[{key!r}]", item, depth + 1)
        elif depth < 3 and hasattr(value, "__dataclass_fields__"):
            for key in value.__dataclass_fields__:
                take(f"{name}.{key}", getattr(value, key, None), depth + 1)

    for info in pkgutil.walk_packages(bot.__path__, "bot."):
        if info.name.endswith("__main__"):
            continue
        module = importlib.import_module(info.name)
        for key, value in vars(module).items():
            take(f"{info.name}.{key}", value)
        for key, value in vars(module).items():  # class attributes (the HTML parser's)
            if isinstance(value, type) and value.__module__ == module.__name__:
                for attr, item in vars(value).items():
                    take(f"{info.name}.{key}.{attr}", item)
    from bot.reply import rules_with  # the shipped vocabulary, compiled from TOML

    take("bot.reply.vocabulary(shipped)", [rule.patterns for rule in rules_with(())])
    return found


def inputs(size: int, anchored: bool = False) -> list[str]:
    """A run of each, ending in a character that makes a match fail at the end; for a
    pattern that is only searched, after a word, so no match can start at 0."""
    return [("" if anchored else "x ") + run * (size // len(run)) + "!" for run in RUNS]


def run(size: int, anchored: set[str], shard: int = 0, shards: int = 1,
        skip: frozenset[str] | set[str] = frozenset()) -> None:
    """Every pattern of the shard over every input: its name first (the culprit of a hang),
    then the seconds it took, tab-separated (a slow one is named without a hang)."""
    import time

    texts, flat = inputs(size), inputs(size, anchored=True)
    for number, (name, pattern) in enumerate(sorted(patterns().items())):
        if number % shards != shard or name in skip:
            continue
        print(name, end="", flush=True)
        start = time.process_time()  # (CPU time: another job on the machine is no slowness)
        for text, bare in zip(texts, flat, strict=True):
            data, line = (text.encode(), bare.encode()) if isinstance(pattern.pattern, bytes) \
                else (text, bare)
            if name not in anchored:
                for _ in pattern.finditer(data):
                    pass
                pattern.match(data)
                pattern.fullmatch(data)
            # every pattern also `.match`ed where a line starts with the run: "^\s*(<)?\s*"
            # is quadratic there only (a line of blanks under an address)
            pattern.match(line)
            pattern.fullmatch(line)
        print(f"\t{time.process_time() - start:.3f}", flush=True)
    print("done", flush=True)


