"""Real conflicts between aligned sentences of two sources: a different date, place or figure.

Only sentences that say the same thing (aligned) are compared, and only facts both
state: a date without a year agrees with the same day in a given year, a weekday
("on Tuesday", resolved against the publication date) may be one day off, places
are compared as canonical entities (so "Hanoi" and "Hà Nội" agree), and figures
as numbers ("2,5" and "2.5" agree; "twenty" and "20" are not compared, as only
digits are read). Years and numbers inside dates, names or codes ("57-NQ/TW") are
not figures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from newsloom.compare.records import Conflict, SentenceRef
from newsloom.model import Article, PartialDate

_NUMBER = re.compile(r"(?<![\w/.,-])\d+(?:[.,\u00a0\u202f ]\d+)*(?![\w/-]*[/-]\w)")
_YEARS = range(1900, 2101)


@dataclass(frozen=True, slots=True)
class Facts:
    dates: tuple[tuple[PartialDate, bool], ...]  # value, written with digits (not a weekday or "yesterday")
    places: dict[str, str]  # canonical id -> the name as written, of each place named
    figures: frozenset[float]


def read_number(token: str) -> float | None:
    """'2,5' and '2.5' -> 2.5; '20,000', '20.000' and '20 000' -> 20000."""
    groups = re.split(r"[.,\u00a0\u202f ]", token)
    if len(groups) == 1:
        return float(groups[0])
    if len(groups[-1]) == 3 and all(len(g) == 3 for g in groups[1:]):
        return float("".join(groups))
    if len(groups) > 2 and not all(len(g) == 3 for g in groups[1:-1]):
        return None  # a list of numbers, not one
    return float("".join(groups[:-1]) + "." + groups[-1])


def sentence_facts(article: Article, start: int, end: int) -> Facts:
    """The dates, places and figures one sentence of ``article`` states."""
    dates = tuple((d.value, any(c.isdigit() for c in d.text)) for d in article.dates if start <= d.start < end)
    taken = [(d.start, d.end) for d in article.dates] + [(m.start, m.end) for m in article.mentions]
    places = {m.entity_id: m.text for m in article.mentions
              if m.kind == "place" and m.entity_id and start <= m.start < end}
    figures = set()
    for m in _NUMBER.finditer(article.text, start, end):
        at = m.start()
        if any(s <= at < e for s, e in taken):
            continue
        value = read_number(m.group().strip())
        if value is not None and not (value.is_integer() and int(value) in _YEARS):
            figures.add(value)
    return Facts(dates, places, frozenset(figures))


def _same_day(one: tuple[PartialDate, bool], other: tuple[PartialDate, bool]) -> bool:
    (a, a_written), (b, b_written) = one, other
    if a.year is not None and b.year is not None:
        gap = abs((date(a.year, a.month, a.day) - date(b.year, b.month, b.day)).days)
        return gap == 0 or (gap == 1 and not (a_written and b_written))
    return (a.month, a.day) == (b.month, b.day)


def find_conflicts(first: SentenceRef, second: SentenceRef, one: Facts, other: Facts) -> list[Conflict]:
    """What two aligned sentences of different sources state differently."""
    found = []
    if one.dates and other.dates and not any(_same_day(a, b) for a in one.dates for b in other.dates):
        found.append(Conflict("date", first, second, ", ".join(d.iso() for d, _ in one.dates),
                              ", ".join(d.iso() for d, _ in other.dates)))
    if one.places and other.places and not one.places.keys() & other.places.keys():
        found.append(Conflict("place", first, second, ", ".join(one.places.values()), ", ".join(other.places.values())))
    if one.figures - other.figures and other.figures - one.figures:
        found.append(Conflict("figure", first, second, ", ".join(_show(v) for v in sorted(one.figures - other.figures)),
                              ", ".join(_show(v) for v in sorted(other.figures - one.figures))))
    return found


def _show(value: float) -> str:
    return str(int(value)) if value.is_integer() else str(value)
