"""Milestones of the release timeline and the `<< WE ARE HERE` marker.

Release managers write the timeline three ways: `19 March  -- Feature
Freeze` (2012), `* Feature freeze: 25 March 2013` (2013) and `Last posting
date: Fri Sep 2, 2022` (2022). All carry the marker the same way: an arrow
and "we are here" at the end of the line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache

from bot.lazy import LazyPattern

MARKER_RE = LazyPattern(
    # each run of blanks and of "<" is entered only at its start: linear (issue 12)
    r"(?P<pad>(?<!\s)\s*)(?P<marker>(?:(?<!<)<<+|<=+|<-+|\u2190)\s*(?:we|you) are here!?)\s*$",
    re.IGNORECASE,
)
_DASH_RE = LazyPattern(r"^(?P<when>\S[^-]{0,30}?)\s+--\s+(?P<label>\S.*?)\s*$")
_COLON_RE = LazyPattern(
    r"^(?P<lead>\s*(?:[*-]\s+)?)(?P<label>[A-Za-z][^:]{2,60}?):\s+(?P<when>\S.*?)\s*$"
)
# "- Code freeze     Fri Jan 29, 2027 (+3 weeks)": a label, a gap of blanks as wide as a
# column, then a date that names its weekday or month (2024 schedule proposals); an item's
# "- SMMUv3 nested translation   2/7 merged" is no date
_GAP_RE = LazyPattern(
    r"^(?P<lead>[ \t]*(?:[*-][ \t]+)?)(?P<label>[A-Za-z][A-Za-z0-9 ./'-]{2,40}?)[ \t]{3,}"
    r"(?P<when>(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,? |\d{1,2}(?:st|nd|rd|th)? )?"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d.{0,60}?)[ \t]*$",
    re.IGNORECASE,
)
_DATEISH_RE = LazyPattern(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\b"
    r"|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}/\d{1,2}(?:/\d{2,4})?\b|^weekly\b|^tbd\b",
    re.IGNORECASE,
)
_YEAR_RE = LazyPattern(r"\b(19|20)\d\d\b")


@dataclass(frozen=True)
class Milestone:
    when: str  # the date as written: "19 March", "Weekly"
    label: str
    date: date | None
    marker: bool
    line_no: int  # index into Post.preamble
    source: str  # the line as written
    marker_text: str = ""  # "<< WE ARE HERE" as written on this line

    @property
    def unmarked(self) -> str:
        """The line without its marker, as the RM wrote the rest of it."""
        match = MARKER_RE.search(self.source)
        return self.source[: match.start()] if match else self.source.rstrip()


def read_milestone(line: str, line_no: int, year: int | None) -> Milestone | None:
    """A milestone if `line` is one, else None."""
    marker = MARKER_RE.search(line)
    rest = line[: marker.start()] if marker else line
    match = _DASH_RE.match(rest)
    if match and _looks_like_when(match["when"]):
        when, label = match["when"].strip(), match["label"]
    else:
        match = _COLON_RE.match(rest) or _GAP_RE.match(rest)
        if not match or not _DATEISH_RE.search(match["when"]):
            return None
        when, label = match["when"], match["label"].strip()
    return Milestone(
        when=when,
        label=label,
        date=parse_when(when, year),
        marker=bool(marker),
        line_no=line_no,
        source=line,
        marker_text=marker["marker"] if marker else "",
    )


def _looks_like_when(text: str) -> bool:
    return bool(_DATEISH_RE.search(text)) or text.strip().isalpha()


def render_milestone(milestone: Milestone, marker_text: str, marker_col: int) -> str:
    """The line for a milestone whose marker moved; the rest stays as written."""
    base = milestone.unmarked.rstrip()
    if not milestone.marker:
        return base
    pad = max(marker_col - len(base), 2)
    return base + " " * pad + marker_text


def parse_when(text: str, year: int | None) -> date | None:
    """The date a milestone's text names, or None ("Weekly", "TBD").

    dateparser reads "Fri Sep 2, 2022" and "25 March 2013"; a date written
    without a year ("19 March") takes the release's year, and stays None
    when that is unknown rather than silently becoming this year.
    """
    if not _DATEISH_RE.search(text) or text.lower().startswith(("weekly", "tbd")):
        return None
    has_year = bool(_YEAR_RE.search(text))
    if not has_year and year is None:
        return None
    return _parse_cached(re.sub(r"\(.*?\)", "", text).strip(), None if has_year else year)


@lru_cache(maxsize=512)
def _parse_cached(text: str, year: int | None) -> date | None:
    import dateparser  # heavy: ~0.3 s to import, so only when a date is read

    settings = {"PREFER_DAY_OF_MONTH": "first", "REQUIRE_PARTS": ["day", "month"]}
    if year is not None:
        settings["RELATIVE_BASE"] = datetime(year, 1, 1)
    parsed = dateparser.parse(text, languages=["en"], settings=settings)
    return parsed.date() if parsed else None
