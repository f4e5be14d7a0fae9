"""What is read once per post: replies to one post come by the thousand in an mbox."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

_Result = TypeVar("_Result")
_KEPT = 4  # a few posts: a mailbox mixes threads (a thread's post grown by the items it
# raised is another post, read once more)


def read_once(function: Callable[..., _Result]) -> Callable[..., _Result]:
    """`function` of a post (or of what stands for one, its index), remembered by the
    object's identity for the last few: a post is not hashable, and an equal post read
    again from another mail is another post."""
    recent: list[tuple[Any, _Result]] = []

    @wraps(function)
    def once(key: Any, *rest: Any) -> _Result:
        for seen, found in recent:
            if seen is key:
                return found
        found = function(key, *rest)
        recent[:] = [(key, found), *recent[: _KEPT - 1]]
        return found

    return once
