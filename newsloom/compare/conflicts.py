"""Real conflicts between aligned sentences of two sources: a different date, place, figure or actor.

Only sentences that say the same thing (aligned) are compared, and only facts both
state; a sentence of a story may align with one about a neighbouring happening, so
dates, places and actors are compared only for the same event: both sentences must
report an event of one PLOVER type and modality.

- dates: a date without a year agrees with the same day in a given year; a weekday
  ("on Tuesday", resolved against each article's publication date) may be one day
  off, and two weekdays are not compared at all;
- places: the event's place, named in each sentence, as canonical entities (so
  "Hanoi" and "Hà Nội" agree), and only if neither sentence names the other's;
- figures: numbers written in digits ("2,5" = "2.5"; words such as "twenty" are not
  read), of the same order of magnitude and more than 10 % apart ("nearly 200" and
  189 agree; 30 dead and 200,000 displaced are not the same figure). Years and
  numbers inside dates, names or codes ("57-NQ/TW") are not figures;
- actors: the events share one actor and the other actor of each is a person, not
  named at all in the other sentence (organisations, countries and groups are too
  often one party under several names: "the South Korean group" for Samsung, "the
  27 foreign ministers" for the EU).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from newsloom.model import Article, Conflict, EventMention, PartialDate, SentenceRef

_NUMBER = re.compile(r"(?<![\w/.,-])\d+(?:[.,\u00a0\u202f ]\d+)*(?![\w/-]*[/-]\w)")
_YEARS = range(1900, 2101)
ROUNDING = 0.10  # figures this close agree ("nearly 200", "more than 20")
MAGNITUDE = 2.0  # figures further apart than this factor are about different things


@dataclass(frozen=True, slots=True)
class Facts:
    dates: tuple[tuple[PartialDate, bool], ...]  # value, written with digits (not a weekday or "yesterday")
    places: dict[str, str]  # the sentence's events' places named in it: canonical id -> name as written
    figures: frozenset[float]
    events: frozenset[tuple[str, str, str | None, str | None]]  # type, modality, source id, target id
    names: dict[str, str]  # entity id -> the name as written, of every entity named in the sentence
    persons: frozenset[str] = frozenset()  # ids of the persons named in it

    @property
    def kinds(self) -> set[tuple[str, str]]:
        return {(t, modality) for t, modality, _, _ in self.events}


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


def sentence_facts(article: Article, start: int, end: int, mentions: Sequence[EventMention] = ()) -> Facts:
    """The dates, places, figures and events one sentence of ``article`` states (``mentions``: the story's
    event mentions)."""
    dates = tuple((d.value, any(c.isdigit() for c in d.text)) for d in article.dates if start <= d.start < end)
    taken = [(d.start, d.end) for d in article.dates] + [(m.start, m.end) for m in article.mentions]
    figures = set()
    for m in _NUMBER.finditer(article.text, start, end):
        if any(s <= m.start() < e for s, e in taken):
            continue
        value = read_number(m.group().strip())
        if value is not None and not (value.is_integer() and int(value) in _YEARS):
            figures.add(value)
    events = [m for m in mentions if m.article_id == article.id and start <= m.start < end]
    names = {m.entity_id: m.text for m in article.mentions if m.entity_id and start <= m.start < end}
    named_places = {m.entity_id for m in article.mentions if m.kind == "place" and start <= m.start < end}
    places = {m.place.entity_id: names[m.place.entity_id] for m in events
              if m.place and m.place.entity_id and m.place.entity_id in named_places}
    persons = frozenset(m.entity_id for m in article.mentions
                        if m.kind == "person" and m.entity_id and start <= m.start < end)
    return Facts(dates, places, frozenset(figures),
                 frozenset((m.type, m.modality, m.source_id, m.target_id) for m in events), names, persons)


def find_conflicts(first: SentenceRef, second: SentenceRef, one: Facts, other: Facts) -> list[Conflict]:
    """What two aligned sentences of different sources state differently."""
    found = []
    same_event = bool(one.kinds & other.kinds)
    if same_event and _dates_differ(one.dates, other.dates):
        found.append(Conflict("date", first, second, ", ".join(d.iso() for d, _ in one.dates),
                              ", ".join(d.iso() for d, _ in other.dates)))
    if (same_event and one.places and other.places and not one.places.keys() & other.places.keys()
            and not one.places.keys() & other.names.keys() and not other.places.keys() & one.names.keys()):
        found.append(Conflict("place", first, second, ", ".join(one.places.values()), ", ".join(other.places.values())))
    differing = _figures_differ(one.figures, other.figures)
    if differing:
        found.append(Conflict("figure", first, second, _show(differing[0]), _show(differing[1])))
    return found + _actor_conflicts(first, second, one, other)


def _dates_differ(one: tuple[tuple[PartialDate, bool], ...], other: tuple[tuple[PartialDate, bool], ...]) -> bool:
    if not one or not other:
        return False
    if not any(written for _, written in one) and not any(written for _, written in other):
        return False  # two weekdays: each resolved against its own publication date
    return not any(_same_day(a, b) for a in one for b in other)


def _same_day(one: tuple[PartialDate, bool], other: tuple[PartialDate, bool]) -> bool:
    (a, a_written), (b, b_written) = one, other
    if a.year is not None and b.year is not None:
        gap = abs((date(a.year, a.month, a.day) - date(b.year, b.month, b.day)).days)
        return gap == 0 or (gap == 1 and not (a_written and b_written))
    return (a.month, a.day) == (b.month, b.day)


def _close(a: float, b: float, factor: float) -> bool:
    low, high = sorted((abs(a), abs(b)))
    return high == 0 or (low > 0 and high / low <= factor)


def _figures_differ(one: frozenset[float], other: frozenset[float]) -> tuple[float, float] | None:
    """A figure of each side, of one magnitude but not the same value, that nothing on the other side matches."""
    lone = [a for a in sorted(one) if not any(_close(a, b, 1 + ROUNDING) for b in other)]
    other_lone = [b for b in sorted(other) if not any(_close(a, b, 1 + ROUNDING) for a in one)]
    return next(((a, b) for a in lone for b in other_lone if _close(a, b, MAGNITUDE)), None)


def _actor_conflicts(first: SentenceRef, second: SentenceRef, one: Facts, other: Facts) -> list[Conflict]:
    found: dict[tuple[str, str], Conflict] = {}
    for t1, mod1, *actors1 in sorted(one.events, key=str):
        for t2, mod2, *actors2 in sorted(other.events, key=str):
            if (t1, mod1) != (t2, mod2):
                continue
            for same in (0, 1):
                a, b = actors1[1 - same], actors2[1 - same]
                if (actors1[same] and actors1[same] == actors2[same] and a in one.persons and b in other.persons
                        and a != b and a not in other.names and b not in one.names):
                    found[(a, b)] = Conflict("actor", first, second, one.names.get(a, a), other.names.get(b, b))
    return list(found.values())


def _show(value: float) -> str:
    return str(int(value)) if value.is_integer() else str(value)
