"""Event mentions of one story -> events, each listing every supporting article.

Mentions fuse when they have the same type, the same actors (by canonical id;
CONSULT and COOPERATE-like meetings are symmetric), the same modality and
compatible dates. A date without a year takes it from the story: the year that
puts it nearest to the story's first dated article.

Then events that are one happening coded with slightly different actors merge
into the best-corroborated one: a mention without a target joins the only event
of its type, source and day that has one, and an event whose other actor is
related to another's (a chairman and his company) joins it when no article
carries both, since an article that reports both reports two things.

Corroboration counts distinct sources, not mentions: an outlet is one source
however many of its articles carry the event (copies of an article are never
separate articles), and the confidence combines the best mention of each source.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from newsloom.model import Entity, Event, EventMention, Place, Report, name_key

SYMMETRIC = frozenset({"CONSULT", "COOPERATE", "AGREE", "FIGHT"})


def entities_related(a: Entity, b: Entity) -> bool:
    """True when one is a person whose role names the other organisation ("Chairman of Samsung Electronics")."""
    for person, org in ((a, b), (b, a)):
        if person.kind != "person" or org.kind != "organization":
            continue
        names = {name_key(n) for n in (org.name, *(n for ns in org.aliases.values() for n in ns))} - {""}
        roles = [f" {name_key(r)} " for r in person.roles]
        if any(f" {n} " in role for n in names for role in roles):
            return True
    return False


@dataclass
class _Cluster:
    type: str
    modality: str
    actors: tuple
    day: date | None
    mentions: list[EventMention] = field(default_factory=list)

    @property
    def articles(self) -> set[str]:
        return {m.article_id for m in self.mentions}


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
    reports: Mapping[str, Report] | None = None,
    related: Callable[[str, str], bool] = lambda _a, _b: False,
) -> list[Event]:
    """Fuse a story's mentions.

    ``place_of`` turns a place entity id into a full Place; ``reports`` gives each article's source and
    language (by default each article is its own source); ``related(a, b)`` says two actor ids may stand
    for one party of an event (see ``entities_related``).
    """
    reports = reports or {}
    groups: dict[tuple, list[tuple[EventMention, date | None]]] = defaultdict(list)
    for m in mentions:
        day = m.date.resolve(anchor) if m.date else None
        groups[(m.type, m.modality, _actors_key(m))].append((m, day))
    clusters = [_Cluster(t, modality, actors, day, batch)
                for (t, modality, actors), members in groups.items() for day, batch in _split_by_date(members)]
    clusters = _merge_related(clusters, reports, related)
    events = [_event(story_id, c, place_of, reports) for c in clusters]
    return sorted(events, key=lambda e: (e.date or date.min, e.type, e.id))


def _event(story_id: str, c: _Cluster, place_of: Callable[[str], Place | None], reports: Mapping[str, Report]) -> Event:
    batch = sorted(c.mentions, key=lambda m: (m.article_id, m.start))
    first = batch[0]
    places = Counter(m.place.entity_id for m in batch if m.place and m.place.entity_id)
    modes = Counter(m.mode for m in batch if m.mode)
    # the host's actors first: a merged mention may name a related party
    source = next((m.source_id for m in batch if _actors_key(m) == c.actors and m.source_id), None)
    target = next((m.target_id for m in batch if _actors_key(m) == c.actors and m.target_id), None)
    return Event(
        id=_event_id(story_id, (c.type, c.modality, *c.actors), c.day),
        story_id=story_id,
        type=c.type,
        source_id=source or first.source_id or next((m.source_id for m in batch if m.source_id), None),
        target_id=target or first.target_id or next((m.target_id for m in batch if m.target_id), None),
        date=c.day,
        place=place_of(places.most_common(1)[0][0]) if places else None,
        mentions=tuple(batch),
        mode=modes.most_common(1)[0][0] if modes else None,
        modality=c.modality,
        confidence=corroborated_confidence(batch, reports),
    )


def corroborated_confidence(mentions: Iterable[EventMention], reports: Mapping[str, Report]) -> float:
    """1 - Π(1 - c) over distinct sources, c the best mention of each: a second outlet raises it, a second
    sentence of the same outlet does not."""
    best: dict[str, float] = {}
    for m in mentions:
        key = reports[m.article_id].source if m.article_id in reports else m.article_id
        best[key] = max(best.get(key, 0.0), m.confidence)
    return round(1 - _product(1 - c for c in best.values()), 3)


def _sources(c: _Cluster, reports: Mapping[str, Report]) -> int:
    return len({reports[a].source if a in reports else a for a in c.articles})


def _joins(small: _Cluster, host: _Cluster, related: Callable[[str, str], bool]) -> str | None:
    """How ``small`` reports ``host``'s happening: "missing" (an actor left out), "related" (a related actor
    instead of one of host's, and no article reports both), or None."""
    if (small.type, small.modality) != (host.type, host.modality) or small is host:
        return None
    if small.day and host.day and small.day != host.day:
        return None
    if small.type in SYMMETRIC:
        mine, theirs = set(small.actors) - {""}, set(host.actors) - {""}
        if len(theirs) != 2 or not mine or mine == theirs:
            return None
        shared = mine & theirs
        if len(mine) == 1:
            return "missing" if shared else None
        if len(shared) != 1:
            return None
        [a], [b] = mine - shared, theirs - shared
        return "related" if related(a, b) and not small.articles & host.articles else None
    (s1, t1), (s2, t2) = small.actors, host.actors
    if not (s2 and t2):
        return None
    if (s1 == s2 and not t1) or (t1 == t2 and not s1):
        return "missing"
    differing = (t1, t2) if s1 == s2 else (s1, s2) if t1 == t2 else None
    if differing and all(differing) and related(*differing) and not small.articles & host.articles:
        return "related"
    return None


def _merge_related(clusters: list[_Cluster], reports: Mapping[str, Report],
                   related: Callable[[str, str], bool]) -> list[_Cluster]:
    """Each cluster joins the one other cluster it reports with an actor missing or related, the least
    corroborated first; with a related actor, only into a cluster at least as corroborated."""
    order = sorted(clusters, key=lambda c: (_sources(c, reports), len(c.mentions), c.actors, str(c.day)))
    alive = list(order)
    for small in order:
        hosts = [(h, how) for h in alive if (how := _joins(small, h, related))]
        if len(hosts) != 1:
            continue
        host, how = hosts[0]
        if how == "related" and _sources(host, reports) < _sources(small, reports):
            continue
        host.mentions.extend(small.mentions)
        host.day = host.day or small.day
        alive.remove(small)
    return alive


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
