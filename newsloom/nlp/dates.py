"""Dates in the text: absolute, day-and-month without a year, weekdays, "yesterday".

Each language's month and weekday names, relative words and patterns live in
``nlp/data/dates/<lang>.toml``. A date without a year takes its year from the
publication date (the nearest such day to it); without a publication date it
stays a PartialDate, resolved later against the story, never against the clock.
A weekday is resolved against the publication date (the same weekday means that
day; otherwise the last one before it, as news reports the past); "last
Tuesday" / "mardi dernier" is the one strictly before, "next Tuesday" the one
strictly after. Relative words ("hier", "hôm qua", "last week") count days from
the publication date; ``ignore`` lists phrases that look like one and are not
("por la mañana" is the morning, not tomorrow).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from importlib import resources

from newsloom.model import DateMention, PartialDate

_ISO = re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<mm>[01]?\d)-(?P<day>[0-3]?\d)\b")
_DAY = r"[0-3]?\d"
_MM = r"1[0-2]|0?[1-9]"
_YEAR = r"(?:19|20)\d\d"


@dataclass(frozen=True)
class DateGrammar:
    """One language's date vocabulary compiled into regular expressions."""

    language: str
    month_of: dict[str, int]
    patterns: tuple[re.Pattern[str], ...]
    weekday_re: re.Pattern[str] | None
    weekday_of: dict[str, int]
    relative_re: re.Pattern[str] | None
    relative_of: dict[str, int]
    shifted: tuple[tuple[re.Pattern[str], int], ...] = ()  # ("last {weekday}", -1), ("next {weekday}", +1)
    ignore_re: re.Pattern[str] | None = None


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def grammar(language: str) -> DateGrammar | None:
    """The date grammar of a language, or None when newsloom has no data for it."""
    try:
        raw = resources.files("newsloom.nlp.data.dates").joinpath(f"{language}.toml").read_text("utf-8")
    except FileNotFoundError:
        return None
    data = tomllib.loads(raw)
    month_of = {name: i + 1 for i, names in enumerate(data["months"]) for name in names}
    weekday_of = {name: i for i, names in enumerate(data["weekdays"]) for name in names}
    fill = {"month": _alternation(list(month_of)), "day": _DAY, "year": _YEAR, "mm": _MM}
    patterns = tuple(
        re.compile(r"(?<!\w)" + p.format(**fill) + r"(?!\w)", re.IGNORECASE) for p in data["patterns"]
    )
    relative = {k.lower(): v for k, v in data.get("relative", {}).items()}
    weekday = rf"(?P<weekday>{_alternation(list(weekday_of))})"
    shifted = tuple(
        (re.compile(r"(?<!\w)" + _phrase(p).replace("\\{weekday\\}", weekday) + r"(?!\w)", re.IGNORECASE), direction)
        for key, direction in (("weekday_past", -1), ("weekday_next", 1)) for p in data.get(key, [])
    )
    ignore = data.get("ignore", [])
    return DateGrammar(
        language=language,
        month_of=month_of,
        patterns=patterns,
        weekday_re=re.compile(rf"(?<!\w)(?:{_alternation(list(weekday_of))})(?!\w)", re.IGNORECASE),
        weekday_of=weekday_of,
        relative_re=re.compile(rf"(?<!\w)(?:{_alternation(list(relative))})(?!\w)", re.IGNORECASE) if relative else None,
        relative_of=relative,
        shifted=shifted,
        ignore_re=re.compile(rf"(?<!\w)(?:{_alternation(ignore)})(?!\w)", re.IGNORECASE) if ignore else None,
    )


def _phrase(text: str) -> str:
    """A data-file phrase as a regular expression: literal words, any run of spaces between them."""
    return r"\s+".join(re.escape(w) for w in text.split())


def _partial(match: re.Match[str], g: DateGrammar | None, anchor: date | None) -> PartialDate | None:
    parts = match.groupdict()
    if parts.get("month") and g is not None:
        month = g.month_of.get(parts["month"].lower().rstrip("."))
    else:
        month = int(parts["mm"]) if parts.get("mm") else None
    day_text = (parts.get("day") or "").lower()
    day = 1 if day_text == "1er" else int(day_text) if day_text.isdigit() else None
    year = int(parts["year"]) if parts.get("year") else None
    if not month or not day:
        return None
    try:
        date(year or 2000, month, day)  # 2000 is a leap year: 29 February stays valid
    except ValueError:
        return None
    return PartialDate(year, month, day)


def _on_or_before(anchor: date, weekday: int) -> date:
    return anchor - timedelta(days=(anchor.weekday() - weekday) % 7)


def _shifted(anchor: date, weekday: int, direction: int) -> date:
    """The weekday strictly before (direction -1) or strictly after (+1) the anchor."""
    if direction < 0:
        return anchor - timedelta(days=(anchor.weekday() - weekday - 1) % 7 + 1)
    return anchor + timedelta(days=(weekday - anchor.weekday() - 1) % 7 + 1)


def _day(d: date) -> PartialDate:
    return PartialDate(d.year, d.month, d.day)


def find_dates(text: str, language: str | None, anchor: date | None) -> tuple[DateMention, ...]:
    """Every date expression in ``text``, resolved against the publication date ``anchor``."""
    g = grammar(language) if language else None
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []

    def add(start: int, end: int, value: PartialDate | None) -> None:
        if value is None or any(s < end and start < e for s, e in taken):
            return
        taken.append((start, end))
        if value.year is None and anchor is not None:  # the year of the publication date, never the clock's
            resolved = value.resolve(anchor)  # None for a 29 February in none of the years around the anchor
            value = _day(resolved) if resolved is not None else value
        found.append(DateMention(start, end, text[start:end], value))

    for m in _ISO.finditer(text):
        add(m.start(), m.end(), _partial(m, g, anchor))
    if g is not None:
        for pattern in g.patterns:
            for m in pattern.finditer(text):
                add(m.start(), m.end(), _partial(m, g, anchor))
        if anchor is not None:
            taken += [(m.start(), m.end()) for m in g.ignore_re.finditer(text)] if g.ignore_re else []
            for pattern, direction in g.shifted:
                for m in pattern.finditer(text):
                    add(m.start(), m.end(), _day(_shifted(anchor, g.weekday_of[m.group("weekday").lower()], direction)))
            for m in g.weekday_re.finditer(text) if g.weekday_re else ():
                add(m.start(), m.end(), _day(_on_or_before(anchor, g.weekday_of[m.group().lower()])))
            for m in g.relative_re.finditer(text) if g.relative_re else ():
                add(m.start(), m.end(), _day(anchor + timedelta(days=g.relative_of[m.group().lower()])))
    return tuple(sorted(found, key=lambda d: d.start))
