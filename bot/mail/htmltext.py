"""An HTML-only mail → the text a plain-text mailer would have sent.

Apart from `bot.mail.text` so that the standard library's HTML parser (~3 ms of
imports) loads only for a mail that has no text part: an MTA starts a process
per mail, and most are plain text.
"""

import re
from html.parser import HTMLParser


class _HtmlText(HTMLParser):
    """HTML to the text a plain-text mailer would have sent: <br>, <p>,
    <div> end lines; <blockquote> (Gmail, Thunderbird, Apple Mail) gives
    '> ' lines; <hr> gives Outlook's rule, so its "From:/Sent:" block reads
    as in its text part."""

    BLOCKS = frozenset("p div tr table ul ol li dl dt dd h1 h2 h3 h4 h5 h6 pre "
                       "address center section article header footer blockquote".split())
    HIDDEN = frozenset(("head", "style", "script", "title"))
    SPACE = re.compile(r"[ \t\r\n\f]+")

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.buf: list[str] = []
        self.depth = self.hidden = self.pre = 0

    def flush(self, force: bool = False) -> None:
        if self.buf or force:
            text = "".join(self.buf).replace("\xa0", " ").rstrip()
            self.lines.append(("> " * self.depth + text).rstrip())
        self.buf = []

    def handle_starttag(self, tag: str, attrs: object) -> None:
        self.hidden += tag in self.HIDDEN
        if tag in ("br", "hr") or tag in self.BLOCKS:
            self.flush(force=tag == "br")
        if tag == "hr":
            self.lines.append("> " * self.depth + "_" * 32)
        self.depth += tag == "blockquote"
        self.pre += tag == "pre"
        if tag == "li":
            self.buf.append("* ")

    def handle_endtag(self, tag: str) -> None:
        self.hidden = max(0, self.hidden - (tag in self.HIDDEN))
        if tag in self.BLOCKS:
            self.flush()
        self.depth = max(0, self.depth - (tag == "blockquote"))
        self.pre = max(0, self.pre - (tag == "pre"))

    def handle_data(self, data: str) -> None:
        if self.hidden:
            return
        if self.pre:
            *done, data = data.split("\n")
            for piece in done:
                self.buf.append(piece)
                self.flush(force=True)
        else:
            data = self.SPACE.sub(" ", data)
            if not self.buf or self.buf[-1].endswith(" "):
                data = data.lstrip(" ")
        if data:
            self.buf.append(data)


# A numeric reference past U+10FFFF is U+FFFD anyway; a 4,301-digit one would make
# html.unescape's int() raise (CPython's limit on int(str) digits).
_HUGE_CHARREF = re.compile(r"&#(?:[xX]0*[0-9a-fA-F]{7,}|0*[0-9]{8,});?")


def html_to_text(html: str) -> str:
    """Text of an HTML-only mail: entities unescaped, quotes as '> ' lines."""
    parser = _HtmlText()
    parser.feed(_HUGE_CHARREF.sub("\ufffd", html))
    parser.close()
    parser.flush()
    return "\n".join(parser.lines).strip("\n") + "\n"
