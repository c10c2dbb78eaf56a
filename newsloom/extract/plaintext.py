"""Plain text to the text of record: title, dateline, agency marks and captions taken out.

Every later character offset indexes the text this module returns, so all
cleaning happens here: whitespace is normalised, blank lines dropped, and
paragraphs joined by a single "\\n".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from functools import cache

from newsloom.extract.datelines import Opening, read_byline, read_closing, read_opening
from newsloom.extract.markers import markers
from newsloom.model import Place

_SPACES = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE = re.compile(r"[\u00ad\u200b\u2060\ufeff\x00-\x08\x0e-\x1f\x7f]")  # soft hyphen, zero widths, controls
_MAX_TITLE_CHARS = 200
_MAX_CAPTION_CHARS = 400  # a longer line with a credit in it is body text: only the credit goes
_MAX_LEAD_CHARS = 300  # a dateline may follow a standfirst this short
_OPENING_SEARCH = 3  # paragraphs
_HEADLINE_SEARCH = 3  # paragraphs
_NOT_HEADLINE_END = ".,;:…|"
_CLOSERS = "\"'”’»)]"


@dataclass(frozen=True, slots=True)
class CleanText:
    """The text of record and what its first and last words said about it."""

    text: str
    title: str = ""
    outlet: str | None = None
    published: datetime | None = None
    dateline: Place | None = None


def clean_text(raw: str, known_title: str = "") -> CleanText:
    """The text of record of a plain text (or of a page's main text) and its marks.

    Without ``known_title`` the first line is taken as the title if it looks like
    a headline; with it (a page's headline), that line is dropped where it is
    repeated among the first lines, after a kicker say.
    """
    lines = [normalise_line(line) for line in raw.splitlines()]
    if known_title:
        title, lines = known_title, _without_repeated(lines, normalise_line(known_title))
    else:
        title, lines = _split_title(lines)
    paragraphs = [kept for line in lines if line and (kept := _without_credits(line))]
    outlet = published = None
    if paragraphs and (byline := read_byline(paragraphs[0])):
        outlet, published = byline
        del paragraphs[0]
    opening = _take_opening(paragraphs)
    if opening is not None:
        outlet, published = outlet or opening.agency, published or opening.published
    if paragraphs and (closing := read_closing(paragraphs[-1])):
        start, agency = closing
        paragraphs[-1] = paragraphs[-1][:start].rstrip()
        outlet = outlet or agency
    place = opening.place if opening else None
    return CleanText(
        text="\n".join(paragraph for paragraph in paragraphs if paragraph),
        title=title,
        outlet=outlet,
        published=published,
        dateline=Place(name=place, country=None, geonameid=None) if place else None,
    )


def _take_opening(paragraphs: list[str]) -> Opening | None:
    """Find the dateline in the first paragraphs (after a short standfirst) and cut it out."""
    for i, paragraph in enumerate(paragraphs[:_OPENING_SEARCH]):
        if opening := read_opening(paragraph):
            paragraphs[i] = paragraph[opening.end :].strip()
            return opening
        if len(paragraph) >= _MAX_LEAD_CHARS:
            break
    return None


def normalise_line(line: str) -> str:
    """One line with invisible characters removed and runs of spaces made one space."""
    return _SPACES.sub(" ", _INVISIBLE.sub("", line)).strip()


def is_caption(line: str) -> bool:
    """A photo caption or credit line: "... Photo: A/B |", "Ảnh: TTXVN", "... |"."""
    if len(line) > _MAX_CAPTION_CHARS:
        return False
    ends_with_bar = line.endswith("|") and line.count("|") == 1  # table rows have several
    return ends_with_bar or bool(_caption_label().search(line))


def _without_credits(line: str) -> str:
    if is_caption(line):
        return ""
    if len(line) > _MAX_CAPTION_CHARS:
        return _credit_in_brackets().sub("", line).strip()
    return line


def _split_title(lines: list[str]) -> tuple[str, list[str]]:
    filled = [i for i, line in enumerate(lines) if line]
    if len(filled) < 2:
        return "", lines
    first, following = filled[0], filled[1]
    candidate = lines[first]
    next_line = lines[following]
    separated = following > first + 1 or read_opening(next_line) is not None or read_byline(next_line) is not None
    if separated and _looks_like_headline(candidate):
        return candidate, lines[following:]
    return "", lines


def _without_repeated(lines: list[str], headline: str) -> list[str]:
    filled = [i for i, line in enumerate(lines) if line][:_HEADLINE_SEARCH]
    repeated = next((i for i in filled if lines[i] == headline), None)
    return lines if repeated is None else lines[:repeated] + lines[repeated + 1 :]


def _looks_like_headline(line: str) -> bool:
    bare = line.rstrip(_CLOSERS)
    return (
        len(line) < _MAX_TITLE_CHARS
        and len(line.split()) >= 2
        and bool(bare)
        and bare[-1] not in _NOT_HEADLINE_END
        and (line[0].isupper() or line[0].isdigit() or not line[0].isalnum())
        and not is_caption(line)
        and read_opening(line) is None
    )


@cache
def _caption_label() -> re.Pattern[str]:
    labels = {form for label in markers().caption_labels for form in (label, label.upper())}
    alternation = "|".join(re.escape(label) for label in sorted(labels, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternation})\s*:")


@cache
def _credit_in_brackets() -> re.Pattern[str]:
    return re.compile(rf"\s*\((?:{_caption_label().pattern})[^()]*\)")
