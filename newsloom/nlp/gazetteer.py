"""Names newsloom already knows, found in any text by name key.

The gazetteer finds actors, known entities, countries and demonyms, and large
cities wherever they are written, in any language and with or without
diacritics. It is what finds entities in languages without an NER model (German,
Vietnamese and the rest) and what corrects an NER model's kinds ("Việt Nam" is a
country, not an organisation).
"""

from __future__ import annotations

from dataclasses import dataclass

from newsloom.nlp.places import PlaceIndex
from newsloom.nlp.registry import EntityRegistry
from newsloom.nlp.text import name_key, words

_MAX_WORDS = 6
_BIG_CITY = 1_000_000


@dataclass(frozen=True, slots=True)
class GazetteerHit:
    start: int
    end: int
    text: str
    kind: str  # person | organization | country | place
    entity_id: str | None = None  # set for actors and known entities
    country: str | None = None  # ISO alpha-3 for countries


def _capitalised(token: str) -> bool:
    return token[:1].isupper() or token[:1].isdigit()


def scan(text: str, registry: EntityRegistry, places: PlaceIndex, language: str | None = None) -> list[GazetteerHit]:
    """Longest non-overlapping known names in ``text``."""
    tokens = list(words(text))
    hits: list[GazetteerHit] = []
    i = 0
    while i < len(tokens):
        found = None
        for n in range(min(_MAX_WORDS, len(tokens) - i), 0, -1):
            start, end = tokens[i][0], tokens[i + n - 1][1]
            if n > 1 and "\n" in text[start:end]:
                continue
            found = _lookup(text[start:end], tokens[i][2], registry, places, start, end, language)
            if found:
                i += n
                break
        if found:
            hits.append(found)
            continue
        start, end, token = tokens[i]
        if "-" in token:  # "EU-Außenminister", "Việt Nam–US": a known name joined to another word
            head = token.split("-", 1)[0]
            found = _lookup(head, head, registry, places, start, start + len(head), language)
            if found:
                hits.append(found)
        i += 1
    return hits


def _lookup(surface: str, first: str, registry: EntityRegistry, places: PlaceIndex, start: int, end: int,
            language: str | None) -> GazetteerHit | None:
    key = name_key(surface)
    if not key:
        return None
    capital = _capitalised(first)
    if capital or key in registry.lowercase_keys:
        entity = registry.find(surface)
        if entity is not None and entity.kind in ("person", "organization"):
            return GazetteerHit(start, end, surface, entity.kind, entity.id)
    if capital or (surface.islower() and len(surface) >= 5):
        alpha3 = places.country(surface, language)
        if alpha3 is not None:
            return GazetteerHit(start, end, surface, "country", country=alpha3)
    if capital and len(key) > 3:
        city = places.city(surface, min_population=_BIG_CITY)
        if city is not None:
            return GazetteerHit(start, end, surface, "place")
    return None
