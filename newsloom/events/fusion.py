"""Event mentions of one story -> events, each listing every supporting article.

Mentions fuse when they have the same type, the same actors (by canonical id;
CONSULT and COOPERATE-like meetings are symmetric), the same modality and
compatible dates. A date without a year takes it from the story: the year that
puts it nearest to the story's first dated article.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from datetime import date

from newsloom.model import Event, EventMention, Place

SYMMETRIC = frozenset({"CONSULT", "COOPERATE", "AGREE", "FIGHT"})


def _actors_key(m: EventMention) -> tuple:
    if m.type in SYMMETRIC:
        return tuple(sorted((m.source_id or "", m.target_id or "")))
    return (m.source_id or "", m.target_id or "")


def _event_id(story_id: str, key: tuple, day: date | None) -> str:
    raw = "|".join([story_id, *map(str, key), day.isoformat() if day else ""])
    return "ev-" + hashlib.blake2b(raw.encode(), digest_size=6).hexdigest()


def fuse_events(
    story_id: str,
    mentions: Iterable[EventMention],
    anchor: date | None,
    place_of: Callable[[str], Place | None] = lambda _id: None,
) -> list[Event]:
    """Fuse a story's mentions; ``place_of`` turns a place entity id into a full Place."""
    groups: dict[tuple, list[tuple[EventMention, date | None]]] = defaultdict(list)
    for m in mentions:
        day = m.date.resolve(anchor) if m.date else None
        groups[(m.type, m.modality, _actors_key(m))].append((m, day))
    events = []
    for (event_type, modality, actors), members in groups.items():
        for day, batch in _split_by_date(members):
            first = batch[0]
            places = Counter(m.place.entity_id for m in batch if m.place and m.place.entity_id)
            place = place_of(places.most_common(1)[0][0]) if places else None
            events.append(
                Event(
                    id=_event_id(story_id, (event_type, modality, *actors), day),
                    story_id=story_id,
                    type=event_type,
                    source_id=first.source_id or next((m.source_id for m in batch if m.source_id), None),
                    target_id=first.target_id or next((m.target_id for m in batch if m.target_id), None),
                    date=day,
                    place=place,
                    mentions=tuple(batch),
                    mode=Counter(m.mode for m in batch if m.mode).most_common(1)[0][0] if any(m.mode for m in batch) else None,
                    modality=modality,
                    confidence=round(1 - _product(1 - m.confidence for m in batch), 3),
                )
            )
    return sorted(events, key=lambda e: (e.date or date.min, e.type, e.id))


def _product(values: Iterable[float]) -> float:
    out = 1.0
    for v in values:
        out *= v
    return out


def _split_by_date(members: list[tuple[EventMention, date | None]]) -> list[tuple[date | None, list[EventMention]]]:
    """Groups of mentions whose dates agree (to a day); undated mentions join the largest."""
    by_day: dict[date, list[EventMention]] = {}
    undated = []
    for m, day in members:
        if day is None:
            undated.append(m)
            continue
        near = next((d for d in by_day if abs((d - day).days) <= 1), None)
        by_day.setdefault(near or day, []).append(m)
    if not by_day:
        return [(None, undated)]
    largest = max(by_day, key=lambda d: len(by_day[d]))
    by_day[largest].extend(undated)
    return [(day, sorted(batch, key=lambda m: (m.article_id, m.start))) for day, batch in by_day.items()]
