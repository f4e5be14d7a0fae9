"""Long texts cut for one line of a listing, a changelog or a mail's Subject."""

from __future__ import annotations


def excerpt(text: str, width: int = 60, mark: str = "...") -> str:
    """`text` on one line, cut at `width` characters with `mark` at the end.

    Mails and the changelog use "..." (plain ASCII travels everywhere); the
    terminal listings use "…".
    """
    text = " ".join(text.split())
    if len(text) <= width:
        return text
    return text[: width - len(mark)].rstrip() + mark
