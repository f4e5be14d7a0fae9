"""A malformed-mail corpus, generated (never committed): the ways mail arrives broken.

`corpus()` gives (name, raw bytes) pairs built from one well-formed reply:
truncated headers, bad charsets and transfer encodings, NUL bytes, megabyte
lines, deep multiparts, 8-bit headers, duplicate Message-IDs with other
content, broken mbox separators. `mbox()` and `maildir()` write them out as
those sources hold them; `python -m tests.support.corpus DIR` writes all three.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
REPLY = (ROOT / "fixtures/mails/replies-2012/20-vm-emacs-explicit-todobot-done.eml").read_bytes()


def _mid(raw: bytes, new: bytes) -> bytes:
    return raw.replace(b"<20525.1321.220417.998340@mariner.uk.xensource.com>", new)


def _multipart(depth: int) -> bytes:
    head = b"From: Jan <JBeulich@suse.com>\nMessage-ID: <deep%d@x>\nSubject: Re: Xen 4.2 TODO\n" \
        % depth
    body = b"Content-Type: text/plain\n\ntodobot: done\n"
    for level in range(depth):
        b = b"b%d" % level
        body = (b"Content-Type: multipart/mixed; boundary=" + b + b"\n\n--" + b + b"\n" + body
                + b"\n--" + b + b"--\n")
    return head + body


def corpus() -> list[tuple[str, bytes]]:
    head, _, body = REPLY.partition(b"\n\n")
    out: list[tuple[str, bytes]] = []
    for cut in (10, 100, len(head) // 2, len(head) - 1):
        out.append((f"truncated-head-{cut}", _mid(REPLY[:cut], b"<trunc%d@x>" % cut)))
    for charset in (b"x-unknown", b"utf-16", b"utf-7", b"\xff\xfe", b""):
        out.append((f"charset-{charset!r}", _mid(REPLY, b"<cs%d@x>" % len(out)).replace(
            b'charset="us-ascii"', b'charset="' + charset + b'"')))
    for cte in (b"base64", b"quoted-printable", b"x-uuencode", b"8bit\xff"):
        out.append((f"cte-{cte!r}", _mid(REPLY, b"<cte%d@x>" % len(out)).replace(
            b"Content-Transfer-Encoding: 7bit", b"Content-Transfer-Encoding: " + cte)))
    out.append(("nul-bytes", _mid(REPLY, b"<nul@x>").replace(b"todobot", b"todo\x00bot")))
    out.append(("nul-head", b"\x00" * 50 + REPLY))
    out.append(("megabyte-line", _mid(head, b"<mega@x>") + b"\n\n" + b"x" * 1_100_000 + b"\n"))
    out.append(("megabyte-punctuation", _mid(head, b"<punct@x>") + b"\n\n"
                + b"-_./" * 300_000 + b"\n" + body))
    for depth in (5, 40, 200):
        out.append((f"multipart-depth-{depth}", _multipart(depth)))
    out.append(("8bit-message-id", _mid(REPLY, b"<\xe9\xff8bit@x>")))
    out.append(("8bit-references", _mid(REPLY, b"<8bitref@x>").replace(
        b"References: <", b"References: <\x80\x81")))
    out.append(("8bit-from", _mid(REPLY, b"<8bitfrom@x>").replace(b"Ian Jackson", b"Ia\xf1 J")))
    out.append(("display-name-forgery", _mid(REPLY, b"<forge@x>").replace(
        b"From: Ian Jackson <Ian.Jackson@eu.citrix.com>",
        b"From: Ian.Jackson@eu.citrix.com <eve@evil.example>")))
    out.append(("duplicate-id-original", _mid(REPLY, b"<dup@x>")))
    out.append(("duplicate-id-other-content", _mid(REPLY, b"<dup@x>").replace(
        b"todobot: done", b"todobot: dropped")))
    out.append(("no-message-id", _mid(REPLY, b"").replace(b"Message-ID: \n", b"")))
    out.append(("empty", b""))
    out.append(("garbage", bytes(range(256)) * 4))
    out.append(("huge-charref", b"From: a@b.org\nMessage-ID: <charref@x>\nContent-Type: "
                b"text/html\n\n<p>&#" + b"9" * 5000 + b";</p>\n"))
    out.append(("crlf-mixed", _mid(REPLY, b"<crlf@x>").replace(b"\n", b"\r\n", 10)))
    out.append(("bare-cr", _mid(REPLY, b"<cr@x>").replace(b"\n", b"\r")))
    out.append(("long-from", b"From: " + b" " * 20000 + b"x\nMessage-ID: <lf@x>\n\nhi\n"))
    out.append(("encoded-word-storm", b"Subject: " + b"=?utf-8?b?" * 5000 + b"\nFrom: a@b.c\n"
                b"Message-ID: <ew@x>\n\nhi\n"))
    return out


def mbox(mails: list[tuple[str, bytes]], path: Path) -> int:
    """Write an mbox, some separators broken (no date, no blank line before): how many."""
    with path.open("wb") as out:
        for number, (_, raw) in enumerate(mails):
            if number % 3 == 1:
                out.write(b"From someone@example.org\n")  # no date
            else:
                out.write(b"From someone@example.org Mon Aug 13 12:00:00 2012\n")
            body = raw.replace(b"\r\n", b"\n").replace(b"\nFrom ", b"\n>From ")
            if not body.startswith(b"From: "):  # a separator needs a header after it
                body = b"X-Corpus: " + (b"%d" % number) + b"\n" + body
            out.write(body + (b"\n" if number % 4 else b"\n\n"))  # at times no blank line
    return len(mails)


def maildir(mails: list[tuple[str, bytes]], path: Path) -> int:
    """Write a Maildir, with odd entries beside the mails (a FIFO, a link, a folder)."""
    import os

    for sub in ("cur", "new", "tmp"):
        (path / sub).mkdir(parents=True, exist_ok=True)
    for number, (_, raw) in enumerate(mails):
        (path / "new" / f"{number:04d}.corpus").write_bytes(raw)
    os.mkfifo(path / "new" / "9999.fifo")
    (path / "new" / "9998.link").symlink_to("/etc/hostname")
    (path / "cur" / "9997.folder").mkdir()
    return len(mails)


if __name__ == "__main__":
    target = Path(sys.argv[1])
    target.mkdir(parents=True, exist_ok=True)
    mails = corpus()
    for number, (name, raw) in enumerate(mails):
        (target / f"{number:03d}-{name.replace('/', '_')}.eml").write_bytes(raw)
    mbox(mails, target / "corpus.mbox")
    maildir(mails, target / "Maildir")
    print(f"{len(mails)} mails in {target}")
