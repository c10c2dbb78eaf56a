"""Datelines, bylines and agency signatures: the words around a news body.

Openings recognised (dashes may be -, – or —)::

    (AFP) - ...                          agency
    date 2025-06-10 HÀ NỘI — ...          the literal "date", an ISO date, a place
    PARIS, 3 mars 2025 (AFP) - ...       place, date, agency
    HANOI, June 3 (Reuters) - ...        a date without a year gives no publication time
    BERLIN (dpa) - ...  Berlin (dpa) -   place and agency (after a place not in capitals, a known agency;
                                         after one in capitals, any short name: "GENF (nmp) -")
    MADRID, 3 de marzo de 2025 - ...     place and date
    Hà Nội, 30/3/2025 – ...              a place not in capitals needs a full date or an agency
    WASHINGTON — ...                     a place in capitals alone (markers.toml lists words that are not
                                         places: "UPDATE - ...")

Bylines: a short line of outlet and date ("Global Desk · Monday 14 April 2025").
Closings: "... said. — VNA/VNS", "... said. (dpa)", a known agency after any word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime

import dateparser

from newsloom.extract.markers import markers
from newsloom.language.catalog import SUPPORTED

_PAREN_DASH = r"\s*(?:--|[-–—])\s*"
_WORD_DASH = r"(?:\s+(?:--|-)\s+|\s*[–—]\s*)"  # a hyphen only with spaces around it: BADEN-BADEN is a name
_AGENCY = r"\((?P<agency>[^()\n]{2,40})\)"
_AGENCY_ONLY = re.compile(rf"{_AGENCY}{_PAREN_DASH}")
_ISO_DATELINE = re.compile(rf"date\s+(?P<iso>\d{{4}}-\d\d-\d\d)\s+(?P<place>[^\d\n–—]{{2,40}}?){_WORD_DASH}")
_DATELINE = re.compile(
    r"(?P<place>[^\W\d_][^,()\n\d–—]{1,39}?)"
    r"(?:\s*\([^()\n\d]{2,30}\)(?=,))?"  # a region: PUTRAJAYA (Malaisie), ...
    r"(?:,\s*(?P<date>[^()\n–—]{3,40}?))?"
    rf"(?:\s*{_AGENCY}{_PAREN_DASH}|{_WORD_DASH})"
)
_SENTENCE_END = ".!?…\"”»’)]"
_CLOSING_DASH = re.compile(r"(?:^|\s)(?:--|[-–—])\s*(?P<agency>[^\W\d_][\w.&]*(?:\s*/\s*[^\W\d_][\w.&]*){0,3})\s*$")
_CLOSING_PAREN = re.compile(rf"(?:^|\s){_AGENCY}\s*$")
_BYLINE_SEPARATORS = (re.compile(r"\s+[|·•]\s+"), re.compile(r"\s+[–—-]\s+"), re.compile(r",\s+"))
_MAX_BYLINE_CHARS = 150
_MAX_NAME_CHARS = 60
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_MAX_PLACE_WORDS = 5
_DATE_LANGUAGES = list(SUPPORTED)  # month and weekday names read in datelines; guessing among all is slow
_DATE_SETTINGS = {
    "RETURN_AS_TIMEZONE_AWARE": True,
    "TIMEZONE": "UTC",
    "TO_TIMEZONE": "UTC",
    "REQUIRE_PARTS": ["day", "month", "year"],  # never a year from the clock
    "PREFER_DAY_OF_MONTH": "first",
    "DATE_ORDER": "DMY",  # 3/6/2025 is the 3rd of June everywhere but in the US
}


@dataclass(frozen=True, slots=True)
class Opening:
    """What a text's first words declare: where and when it was filed, and by whom."""

    end: int  # where the body begins
    place: str | None = None
    published: datetime | None = None
    agency: str | None = None


def read_opening(paragraph: str) -> Opening | None:
    """The dateline or agency mark a paragraph starts with, if any."""
    if (match := _AGENCY_ONLY.match(paragraph)) and markers().is_agency(match["agency"]):
        return Opening(end=match.end(), agency=match["agency"].strip())
    if match := _ISO_DATELINE.match(paragraph):
        place = match["place"].strip()
        if _is_place(place, capitals=True):
            published = datetime.fromisoformat(match["iso"]).replace(tzinfo=UTC)
            return Opening(end=match.end(), place=place, published=published)
    if match := _DATELINE.match(paragraph):
        return _dateline(match)
    return None


def read_byline(line: str) -> tuple[str | None, datetime] | None:
    """The outlet and date of a line such as "Global Desk · 14 April 2025"; no outlet for an author."""
    if len(line) > _MAX_BYLINE_CHARS or line[-1] in ".!?" or not _YEAR.search(line):
        return None
    for separator in _BYLINE_SEPARATORS:
        name, *rest = separator.split(line)
        if rest and len(name) <= _MAX_NAME_CHARS and not any(ch.isdigit() for ch in name):
            published = parse_date(" ".join(rest))
            if published is not None:
                return (None if markers().is_author(name) else name.strip()), published
    published = parse_date(line)
    return (None, published) if published is not None else None


def read_closing(paragraph: str) -> tuple[int, str] | None:
    """Where an agency signature at the end of a paragraph starts, and the agency."""
    for pattern in (_CLOSING_DASH, _CLOSING_PAREN):
        match = pattern.search(paragraph)
        if match is None:
            continue
        agency = re.sub(r"\s*/\s*", "/", match["agency"].strip())
        before = paragraph[: match.start()].rstrip()
        after_sentence = not before or before[-1] in _SENTENCE_END
        known = all(part in markers().agencies for part in agency.split("/"))
        if markers().is_agency(agency) and (after_sentence or known):
            return len(before), agency
    return None


def parse_date(text: str) -> datetime | None:
    """A full date (day, month and year) in any supported language, as aware UTC; else None."""
    if not _YEAR.search(text):
        return None  # "June 3": the year would come from the clock
    found = dateparser.parse(text.strip(), languages=_DATE_LANGUAGES, settings=_DATE_SETTINGS)
    first_digit = next((i for i, ch in enumerate(text) if ch.isdigit()), 0)
    if found is None and first_digit:  # "Published: 2025-09-21", "París, 12 de julio de 2025"
        found = dateparser.parse(text[first_digit:], languages=_DATE_LANGUAGES, settings=_DATE_SETTINGS)
    return found


def _dateline(match: re.Match[str]) -> Opening | None:
    place, date, agency = match["place"].strip(), match["date"], match["agency"]
    capitals = _is_place(place, capitals=True)
    if date is not None and not any(ch.isdigit() for ch in date):
        return None
    if agency is not None and not (markers().is_agency(agency) or (capitals and _is_name(agency))):
        return None
    if place in markers().not_places or any(word in markers().not_places for word in place.split()):
        return None  # "UPDATE - ...", "EXCLUSIVE REPORT — ..."
    published = parse_date(date) if date else None
    if not capitals and not (_is_place(place, capitals=False) and (agency or published)):
        return None  # "Hà Nội, 30/3/2025 –" and "Berlin (dpa) -" are datelines; "Yesterday, 5 people -" is not
    return Opening(end=match.end(), place=place, published=published, agency=agency.strip() if agency else None)


def _is_place(name: str, capitals: bool) -> bool:
    words = name.split()
    letters = [ch for ch in name if ch.isalpha()]
    if not words or len(words) > _MAX_PLACE_WORDS or len(letters) < 3:
        return False
    if capitals:
        return name.isupper()
    return all(word[0].isupper() for word in words)


def _is_name(text: str) -> bool:
    """A short name in brackets after a place in capitals: "(Global Desk)", "(nmp)"."""
    return 0 < len(text.split()) <= 4 and not any(ch.isdigit() or ch in ".,;:!?" for ch in text)
