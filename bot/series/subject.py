"""A patch mail's subject: `[XEN PATCH for-4.19 v6 03/15] xen/arm: cache coloring`.

What the brackets say (version, number of total, RFC, RESEND, the release it
is meant for) and the title they leave, normalized so that one version's
patch and the next version's, or a commit in the tree, compare equal. Pure.
Conventions read: git format-patch (`[PATCH v2 1/3]`), git-send-email's
`--subject-prefix` (`XEN PATCH`, `RFC PATCH`, `PATCH RESEND`), b4's, and
the Xen list's `for-4.19` / `for 4.19` tags.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_REPLY = re.compile(r"^\s*((re|aw|sv|fwd?|antw)\s*(\[\d+\])?\s*:\s*)+", re.IGNORECASE)
_GROUP = re.compile(r"^\s*\[([^\]]*)\]")
_VERSION = re.compile(r"^v(\d{1,3})$", re.IGNORECASE)
_NUMBER = re.compile(r"^(\d{1,4})/(\d{1,4})$")
_FOR = re.compile(r"^for[-_ ]?(\d+(?:\.\d+)+)$", re.IGNORECASE)
_RELEASE = re.compile(r"^\d+\.\d+(?:\.\d+)?$")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class PatchSubject:
    """What a subject says about the patch it carries."""

    is_patch: bool  # a [PATCH ...] or [RFC ...] group was there
    is_reply: bool  # "Re:" in front: a reply to that patch, not the patch
    version: int  # 1 when the prefix names none
    number: int  # 0: the cover letter ("00/15"), or a single patch without numbering
    total: int  # 0 when there is no "m/n"
    rfc: bool
    resend: bool
    for_release: str  # "4.19" from for-4.19, "" when untagged
    title: str  # the words after the brackets, as written
    tags: tuple[str, ...]  # the other words in the brackets: XEN, linux, ...

    @property
    def key(self) -> str:
        """The title normalized: equal across versions and in the tree's commits."""
        return normalize_title(self.title)


def normalize_title(title: str) -> str:
    """Lower case, single spaces, no trailing full stop: the version-blind title."""
    return _SPACE.sub(" ", title).strip().rstrip(".").strip().lower()


def parse_subject(subject: str) -> PatchSubject:
    """Every leading bracket group is read; only a group naming PATCH or RFC makes a
    patch (a list tag such as `[Xen-devel]` is skipped, as mailing lists add it)."""
    text = subject or ""
    reply = _REPLY.match(text)
    is_reply = reply is not None
    if reply:
        text = text[reply.end():]
    version, number, total, rfc, resend, release = 1, 0, 0, False, False, ""
    is_patch = False
    tags: list[str] = []
    while (group := _GROUP.match(text)) is not None:
        words = group.group(1).replace(",", " ").split()
        upper = [w.upper() for w in words]
        text = text[group.end():]
        if not ("RFC" in upper or any(u.startswith("PATCH") for u in upper)):
            if is_patch:
                tags.extend(words)  # "[PATCH] [for-4.19] ..." keeps reading
            continue
        is_patch = True
        for index, (word, up) in enumerate(zip(words, upper, strict=True)):
            if up.startswith("PATCH") and _VERSION.match(up[5:] or "x"):
                version = int(_VERSION.match(up[5:]).group(1))  # "PATCHv2"
            elif up == "PATCH":
                continue
            elif up == "RFC":
                rfc = True
            elif up == "RESEND":
                resend = True
            elif m := _VERSION.match(word):
                version = int(m.group(1))
            elif m := _NUMBER.match(word):
                number, total = int(m.group(1)), int(m.group(2))
            elif m := _FOR.match(word):
                release = m.group(1)
            elif _RELEASE.match(word) and index and upper[index - 1] == "FOR":
                release = word
            elif up != "FOR":
                tags.append(word)
    for word in tags:
        if (m := _FOR.match(word)) and not release:
            release = m.group(1)
    return PatchSubject(is_patch, is_reply, version, number, total, rfc, resend, release,
                        text.strip(), tuple(t for t in tags if not _FOR.match(t)))


def patch_label(subject: PatchSubject) -> str:
    """`[PATCH v4 3/8]`, as an RM names one patch of a series in the post."""
    parts = ["PATCH"]
    if subject.version > 1:
        parts.append(f"v{subject.version}")
    if subject.total:
        width = len(str(subject.total))
        parts.append(f"{subject.number:0{width}d}/{subject.total}")
    return f"[{' '.join(parts)}]"
