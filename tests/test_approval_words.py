"""What an RM's first line must say for a reply to the review mail to approve."""

from __future__ import annotations

import pytest

from bot.mail import parse_message
from bot.release import approval_verdict


def _reply(first_line: str) -> bytes:
    return ("From: Ian Campbell <Ian.Campbell@citrix.com>\nSubject: Re: confirm "
            "0123456789abcdef: Xen 4.2 TODO\nMessage-ID: <r@citrix.com>\n\n"
            f"{first_line}\n\nOn Mon, todobot wrote:\n> Reply with 'approve'\n").encode()


@pytest.mark.parametrize("line", ["approve", "Approved.", "OK", "ack", "Yes, send it",
                                  "LGTM, thanks"])
def test_an_unconditional_yes_approves(line: str) -> None:
    assert approval_verdict(parse_message(_reply(line)))[0] == "approve"


@pytest.mark.parametrize("line", ["OK, but wait for rc3", "Yes, but don't send yet",
                                  "ok after the rc3 tag", "approve, not yet though"])
def test_a_conditional_yes_approves_nothing(line: str) -> None:
    assert approval_verdict(parse_message(_reply(line)))[0] == ""


def test_a_reject_keeps_its_reason() -> None:
    verdict, reason = approval_verdict(parse_message(_reply("reject: wait for rc3")))
    assert verdict == "reject" and "wait for rc3" in reason
