"""Reading mboxes as their writers write them: separators, and body lines that begin "From "."""

from __future__ import annotations

import mailbox
from email.message import EmailMessage
from pathlib import Path

from bot.mail import split_mbox


def _mbox(path: Path, bodies: list[str]) -> Path:
    box = mailbox.mbox(path)
    for number, body in enumerate(bodies):
        mail = EmailMessage()
        mail["From"] = "Jan Beulich <JBeulich@suse.com>"
        mail["Subject"] = "Re: Xen 4.2 TODO"
        mail["Message-ID"] = f"<{number}@suse.com>"
        mail.set_content(body)
        box.add(mail)
    box.flush()
    return path


def test_a_from_line_the_writer_quoted_comes_back_as_written(tmp_path: Path) -> None:
    path = _mbox(tmp_path / "box", ["Hi,\n\nFrom my side: patch posted yesterday.\n", "Two\n"])
    assert b"\n>From my side" in path.read_bytes()  # how mailbox (mboxo) writes it
    with path.open("rb") as handle:
        first, second = split_mbox(handle)
    assert b"\nFrom my side: patch posted yesterday.\n" in first
    assert b"<1@suse.com>" in second


def test_an_unquoted_body_line_beginning_from_does_not_split_the_mail(tmp_path: Path) -> None:
    path = tmp_path / "hand.mbox"
    path.write_bytes(
        b"From jan@suse.com Mon Aug 13 12:26:00 2012\nFrom: Jan <jan@suse.com>\n"
        b"Message-ID: <a@suse.com>\n\nDone.\n\nFrom what I can see it is in.\n\n"
        b"From ian@citrix.com Tue Aug 14 09:00:00 2012\nFrom: Ian <ian@citrix.com>\n"
        b"Message-ID: <b@citrix.com>\n\nThanks.\n"
    )
    with path.open("rb") as handle:
        mails = list(split_mbox(handle))
    assert len(mails) == 2
    assert mails[0].endswith(b"From what I can see it is in.\n")
