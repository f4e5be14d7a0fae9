"""What one line of a reply body is: its quote markers, and the mailers' marks it starts.

Each recogniser looks at line i (and a few after it) and says how many lines
the mark claims, or 0: an attribution ("On ... wrote:"), Outlook's quoted
header block, a list footer, a mailer's banner, a signature. `quote.py`
runs them in one pass over the body.
"""

import re
from typing import NamedTuple

# Quote markers: '>' with an optional blank after each, so "> > >", ">>"
# and "> >" all count; up to three leading blanks (" > ", Lotus Notes).
_PREFIX = re.compile(r"[ \u00a0]{0,3}((?:>[ \u00a0]?)+)")
# GroupWise writes ">>> On 13.08.12 at 12:26, X <x@y> wrote:": not a quote.
_GROUPWISE = re.compile(r"On \d{1,2}\.\d{1,2}\.\d{2,4} at \d{1,2}:\d\d, .+ wrote:")
_WROTE = (r"(?:wrote|writes|said|schrieb|a\s+écrit|escribió|ha\s+scritto|schreef|skrev|pisze"
          r"|napisał(?:\(a\))?|escreveu|napsal(?:\(a\))?|kirjoitti|написал(?:\(а\))?|пишет)")
# Thunderbird in German, Dutch, Scandinavian, Polish puts the verb before the name:
# "Am 09.05.22 um 21:04 schrieb Hans Muster:", "Den 2022-05-09 kl. 21:04, skrev Hans:"
_VERB_FIRST = r"(?:schrieb|schreef|skrev|pisze|napisał(?:\(a\))?)"
# a cheap first look before _ATTRIBUTION: an opening word, or a verb of saying anywhere
_ATTR_OPEN = re.compile(r"(?:On|Am|Le|El|Il|Op|At|Quoting|Excerpts|\*|(?<!-)-{2,}+)\s", re.I)
_ATTR_VERB = re.compile(rf".*\b{_WROTE}\b", re.I)
# a substring of each of _WROTE's verbs, lower-cased: searching a line for the verbs
# themselves cost ~10 µs a line, most of a reply's quote split
_VERB_HINTS = ("wrote", "writes", "said", "schrieb", "crit", "escribi", "scritto", "schreef",
               "skrev", "pisze", "napisa", "escreveu", "napsal", "kirjoitti", "написал", "пишет")
_ATTRIBUTION = re.compile(
    rf"(?:On|Am|Le|El|Il|Op|At)\s.{{3,250}}?{_WROTE}\s?:"  # Evolution, Gmail, mutt
    # (a time before the verb: "man. 9. mai 2031 kl. 21:04 skrev X <x@y>:", Gmail's)
    rf"|(?=.{{0,150}}?\d{{1,2}}[:.]\d\d).{{3,250}}?\b{_VERB_FIRST}\s.{{1,150}}?:"
    r"|.{1,200}?\bwrites\s+\(.*\):"  # Ian Jackson's: X writes ("Re: ..."):
    r"|Quoting\s.{1,200}:"  # Quoting X (2012-08-13 11:26:00):
    r"|Excerpts\s+from\s.{1,200}:"  # sup / alot
    r"|\*\s.{1,150}\[.{4,40}\]:"  # mutt: * X <x@y> [2012-08-13 11:26]:
    rf"|-{{2,}}\s*On\s.{{3,250}}{_WROTE}\s*-{{2,}}"  # Zoho: ---- On ... wrote ----
    rf"|.{{1,150}}?\b{_WROTE}\s?:",  # Thunderbird of old: X wrote:
    re.I,
)
_SEPARATOR = re.compile(
    r"-{2,}\s*(?:Original Message|Forwarded message|Urspr\u00fcngliche Nachricht"
    r"|Message d'origine|Mensaje original|Messaggio originale|Mensagem original"
    r"|Wiadomo\u015b\u0107 oryginalna|Oorspronkelijk bericht|P\u016fvodn\u00ed zpr\u00e1va"
    r"|Ursprungligt meddelande|Opprinnelig melding|Alkuper\u00e4inen viesti)\s*-{2,}"
    r"|Begin forwarded message:", re.I)  # (Outlook's separator in the languages it ships in)
_RULE = re.compile(r"_{10,}")  # Outlook's rule before "From:"; Mailman's too
_HEADER = re.compile(r"\*?(From|Sent|Date|To|Cc|Bcc|Subject|Reply-To|Importance"
                     r"|Von|Gesendet|Datum|An|Betreff|De|Envoy\u00e9|\u00c0|Objet"
                     r"|Od|Wys\u0142ano|Do|Temat|DW|Da|Inviato|Oggetto|Van|Verzonden|Aan"
                     r"|Onderwerp|Enviad[oa]|Para|Asunto|Assunto|Odesl\u00e1no|Komu"
                     r"|P\u0159edm\u011bt|Fr\u00e5n|Skickat|Till|\u00c4mne)"
                     r"\*?\s*:", re.I)
_FROM_NAMES = frozenset(("from", "von", "de", "od", "da", "van", "fr\u00e5n"))
_LIST_NAME = re.compile(r".*\bmailing list\b.*", re.I)
_BANNER_TAG = re.compile(  # [AMD Official Use Only - General], [Public]
    r"\[(?:[A-Z][\w&-]*\s+)?(?:Official Use Only|Internal Use Only|Public"
    r"|Confidential|Internal)(?:\s*[-\u2013:]\s*[^\]]{0,60})?\]", re.I)
_BANNER_TEXT = re.compile(
    r"(?:CAUTION\s*:\s*(?:This|External)|EXTERNAL EMAIL\s*:|WARNING\s*:\s*"
    r"(?:This|External)\s|(?:This|The)\s+(?:e-?mail|message)\s+(?:has\s+)?"
    r"originated\s+from\s+(?:outside|an?\s+external)"
    r"|IMPORTANT NOTICE: The contents of this e-?mail"
    # a company's legal notice under the signature ("CONFIDENTIALITY NOTE: this e-mail ..."),
    # its heading in capitals (a sender's "Disclaimer: this is from memory" is their words)
    r"|(?-i:IMPORTANT NOTICE|Important Notice|CONFIDENTIALITY (?:NOTE|NOTICE|STATEMENT)"
    r"|Confidentiality (?:Note|Notice|Statement)|DISCLAIMER|LEGAL NOTICE|Legal Notice)"
    r"\s*:\s*(?=.{0,40}\b(?:this|the|any) (?:e-?mail|message|communication|contents"
    r"|information|attachments?)\b|.*\b(?:confidential|privileged|intended recipient"
    r"|addressee)))", re.I)
# a patch sent in the mail: "---" over its diffstat (" builtin/rm.c | 107 +++--"), "diff --git"
_PATCH_RULE = re.compile(r"---\s*")
# (a token starts after a blank or at the start: searched in a long run, linear)
_DIFFSTAT = re.compile(r"(?<!\s)\s*+(?<!\S)\S++\s++\|\s++(?:\d++ [+-]*+|Bin\b.*)\s*$"
                       r"|(?<!\s)\s*+(?<!\S)\d++ files? changed\b")
_DIFF_START = re.compile(r"diff --git a/\S+ b/\S+|Index: \S+$")
# a line of a unified diff: hunk header, added, removed, context, index and mode lines
_DIFF_LINE = re.compile(r"@@ |[-+ \\]|(?:index|new file mode|deleted file mode|similarity index"
                        r"|rename (?:from|to)|old mode|new mode|Binary files) ")
SNIP_LINE = re.compile(
    r"[\[<(]?\s*(?:\.{2,}|\u2026)\s*[\]>)]?"  # [...] <...> ... …
    r"|\[\s*(?:\.{3}\s*)?snip(?:ped)?\b[^\]]{0,40}\]"  # [snip] [snip: timeline]
    r"|[<(.\-\s]*snip(?:ped)?[>).\-\s]*"  # <snip>, .. snip.. (mutt), -- snip --
    r"|-*\s*(?:8<|>8)\s*-*", re.I)  # scissors
_SIG_DASH = re.compile(r"--\s*")  # "-- " (RFC 3676 §4.3) and bare "--"
_SIG_NAME = re.compile(r"\s*[-~]\s?([A-Z][\w.'\u2019-]*)(?:\s[A-Z][\w.'\u2019-]*){0,2}\s*")
_NOT_NAMES = frozenset("Done Fixed Thanks Yes No Ack Acked Nack Ping Patch None "
                       "TBD Agreed Dropped Deferred Sure OK Ok".split())
_MAX_ATTRIBUTION_LINES = 3


def leading_headers(lines: list[str]) -> int:
    """How many lines a quoted mail opens with that are its mailer's header block
    ("-----Original Message-----", "From: ...", "Sent: ...", up to the blank line): the
    mail's own words start after them."""
    first = next((n for n, line in enumerate(lines) if line.strip()), len(lines))
    if first == len(lines) or not (_SEPARATOR.fullmatch(lines[first].strip())
                                   or _HEADER.match(lines[first].strip())):
        return 0
    end = first + 1
    while end < len(lines) and lines[end].strip() and (
            _HEADER.match(lines[end].strip()) or lines[end][:1] in " \t"):
        end += 1
    return end if end > first + 1 else 0


def _may_say_wrote(line: str) -> bool:
    lowered = line.lower()
    for hint in _VERB_HINTS:  # (a loop: any() over a generator took twice as long, and
        if hint in lowered:  # this runs for every quoted line)
            return True
    return False


class _Line(NamedTuple):
    q: int  # number of quote markers
    content: str  # after the markers
    blank: bool
    text: str  # what Block.lines shows


def _analyse(line: str) -> _Line:
    m = _PREFIX.match(line) if ">" in line[:4] else None
    if m is None:
        return _Line(0, line, not line.strip(), line)
    content = line[m.end():].replace("\u00a0", " ")
    return _Line(m.group(1).count(">"), content, not content.strip(), content)


def groupwise_depth(line: str, rec: _Line) -> int | None:
    """Depth of a GroupWise attribution whose '>>>' is part of the line."""
    m = _PREFIX.match(line)
    if (m and rec.q >= 3 and m.group(1).rstrip(" \u00a0").endswith(">>>")
            and _GROUPWISE.fullmatch(rec.content.strip())):
        return rec.q - 3
    return None


class LineMarks:
    """The lines of one body, analysed once, and the recognisers over them."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.recs = [_analyse(line) for line in lines]

    def attribution(self, i: int) -> tuple[int, int]:
        """(lines, depth) of an attribution starting at line i, else (0, 0)."""
        recs, rec = self.recs, self.recs[i]
        groupwise = groupwise_depth(self.lines[i], rec) if rec.q >= 3 else None
        if groupwise is not None:
            return (1, groupwise) if self._quote_follows(i + 1, groupwise) else (0, 0)
        content = rec.content.lstrip()
        if rec.blank or not (_ATTR_OPEN.match(content) or _may_say_wrote(content)
                             and _ATTR_VERB.match(content)):
            return 0, 0
        parts: list[str] = []
        for k in range(i, min(i + _MAX_ATTRIBUTION_LINES, len(recs))):
            if k > i and (recs[k].q != rec.q or recs[k].blank):
                break
            parts.append(recs[k].content.strip())
            text = re.sub(r"<\s+", "<", " ".join(parts))  # Gmail wraps in <addr>
            if len(text) > 300:
                break
            # (every form ends in its colon, or Zoho's dashes: a quoted "* item" line does not)
            if text.endswith((":", "-")) and _ATTRIBUTION.fullmatch(text):
                if self._quote_follows(k + 1, rec.q):
                    return k + 1 - i, rec.q
                # Apple Mail puts "> On ..., at ..., X wrote:" inside the
                # quote it opens: first line of a quote, same depth below.
                if rec.q and self._opens_quote(i) and self._quote_follows(k + 1, rec.q - 1):
                    return k + 1 - i, rec.q - 1
                return 0, 0
        return 0, 0

    def _opens_quote(self, i: int) -> bool:
        k = i - 1
        while k >= 0 and self.recs[k].blank:
            k -= 1
        return k < 0 or self.recs[k].q < self.recs[i].q

    def _quote_follows(self, j: int, q: int) -> bool:
        """An attribution introduces a deeper quote (blanks, snips between)."""
        for k in range(j, len(self.recs)):
            rec = self.recs[k]
            if not (rec.blank or SNIP_LINE.fullmatch(rec.content.strip())):
                return rec.q > q
        return False

    def headers(self, i: int) -> int:
        """Outlook's quoted header block: separator, From:, Sent:, To: ..."""
        recs, q = self.recs, self.recs[i].q
        first = recs[i].content.strip()
        if first[:1] not in "-_*" and ":" not in first[:16] and first[:5].lower() != "begin":
            return 0  # (no separator, rule nor "Name:" opens the line: most lines, cheaply)
        separator = bool(_SEPARATOR.fullmatch(first))
        start = i + (separator or bool(_RULE.fullmatch(first)))
        names: list[str] = []
        k = start
        while k < len(recs) and k - start < 20 and recs[k].q == q and not recs[k].blank:
            m = _HEADER.match(recs[k].content.strip())
            if m:
                names.append(m.group(1).lower())
            elif not names or names[-1] == "subject":
                break  # To:/Cc: lists wrap; nothing follows Subject:
            k += 1
        if names and names[0] in _FROM_NAMES and len(set(names)) >= 2:
            return k - i
        return 1 if separator else 0

    def footer(self, i: int) -> int:
        """Mailman's list footer ('___' rule, 'Xen-devel mailing list', ...)."""
        recs, q = self.recs, self.recs[i].q
        if not (_RULE.fullmatch(recs[i].content.strip()) and i + 1 < len(recs)
                and recs[i + 1].q == q and _LIST_NAME.fullmatch(recs[i + 1].content)):
            return 0
        return self._paragraph(i, 10)

    def banner(self, i: int) -> int:
        text = self.recs[i].content.strip()
        if _BANNER_TAG.fullmatch(text):
            return 1
        return self._paragraph(i, 8) if _BANNER_TEXT.match(text) else 0

    def patch(self, i: int) -> int:
        """The sender's own patch under their words (a "[PATCH v3]" sent as a reply): the
        "---" over its diffstat, the diffstat, and the diff, as far as its lines look like
        one ("diff --git", "@@", "+", "-", " " context, "index"). Code, not words; a "---"
        rule in prose has no diffstat below it, and the sender's words after the diff are
        theirs again."""
        recs = self.recs
        stat = _DIFFSTAT.match(recs[i].content) and i + 1 < len(recs) and not recs[i + 1].q \
            and _DIFFSTAT.match(recs[i + 1].content)  # " a.c | 2 +-" over " 1 file changed"
        if recs[i].q or not (stat or _DIFF_START.match(recs[i].content) or (
                _PATCH_RULE.fullmatch(recs[i].content) and any(
                    _DIFFSTAT.match(recs[k].content) or _DIFF_START.match(recs[k].content)
                    for k in range(i + 1, min(i + 6, len(recs))) if not recs[k].q))):
            return 0
        k, in_diff = i + 1, bool(_DIFF_START.match(recs[i].content))
        while k < len(recs) and not recs[k].q and not self.footer(k):
            line = recs[k].content
            if _DIFF_START.match(line):
                in_diff = True
            elif not line.strip():
                ahead = next((r for r in recs[k + 1:] if r.content.strip()), None)
                if ahead is None or ahead.q or not (
                        _DIFF_START.match(ahead.content) or _DIFFSTAT.match(ahead.content)
                        or in_diff and _DIFF_LINE.match(ahead.content)):
                    break  # the sender's words resume after the patch
            elif not (_DIFFSTAT.match(line) or in_diff and _DIFF_LINE.match(line)):
                break
            k += 1
        return k - i

    def _paragraph(self, i: int, limit: int) -> int:
        recs, q = self.recs, self.recs[i].q
        k = i + 1
        while k < len(recs) and k - i < limit and recs[k].q == q and not recs[k].blank:
            k += 1
        return k - i

    def signature(self, i: int) -> int:
        """'-- ' and everything after it, up to the next quote or footer."""
        recs, q = self.recs, self.recs[i].q
        if not _SIG_DASH.fullmatch(recs[i].content):
            return self._name_signature(i)
        k = i + 1
        while k < len(recs) and recs[k].q == q:
            if self.footer(k) or self.headers(k) or self.attribution(k)[0]:
                break
            k += 1
        return k - i

    def _name_signature(self, i: int) -> int:
        """'- Jan' or '~ Jan' on the last line before the quote or the end."""
        rec = self.recs[i]
        m = _SIG_NAME.fullmatch(rec.content) if rec.q == 0 else None
        if not m or m.group(1) in _NOT_NAMES:
            return 0
        for k in range(i + 1, len(self.recs)):
            if not self.recs[k].blank or self.recs[k].q:
                quote = self.recs[k].q or self.attribution(k)[0] or self.headers(k)
                return 1 if quote else 0
        return 1
