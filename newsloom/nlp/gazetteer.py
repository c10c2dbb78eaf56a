"""Names newsloom already knows, found in any text by name key.

The gazetteer finds actors, known entities, countries and demonyms, and large
cities wherever they are written, in any language and with or without
diacritics. It is what finds entities in languages without an NER model (German,
Vietnamese and the rest) and what corrects an NER model's kinds ("Việt Nam" is a
country, not an organisation).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from newsloom.model import name_key
from newsloom.nlp.lexicon import load_lexicon
from newsloom.nlp.places import PlaceIndex
from newsloom.nlp.registry import EntityRegistry
from newsloom.nlp.text import words

_MAX_WORDS = 8  # "Công ty Cổ phần Sữa Việt Nam": Vietnamese names run to many syllables
_BIG_CITY = 1_000_000
_TOWN = 50_000  # after a place preposition of the language ("in Osnabrück", "tại Bắc Ninh")


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
    """Longest non-overlapping known names in ``text``.

    Cities of a million people are found anywhere; smaller towns only right
    after a place preposition of the language. A name with a case ending of
    the language ("Vietnams", "Putins") is found by its stem.
    """
    lexicon = load_lexicon(language or "und")
    tokens = list(words(text))
    hits: list[GazetteerHit] = []
    i = 0
    while i < len(tokens):
        found = None
        after_preposition = i > 0 and tokens[i - 1][2].lower() in lexicon.place_prepositions
        for n in range(min(_MAX_WORDS, len(tokens) - i), 0, -1):
            start, end = tokens[i][0], tokens[i + n - 1][1]
            if n > 1 and "\n" in text[start:end]:
                continue
            found = _lookup(text[start:end], tokens[i][2], registry, places, start, end, language,
                            _TOWN if after_preposition else _BIG_CITY)
            if found:
                i += n
                break
        if found:
            hits.append(found)
            continue
        found = _stem_hit(text, tokens[i], lexicon.genitive_endings, registry, places, language)
        if found:
            hits.append(found)
        i += 1
    return hits


def _stem_hit(text: str, token: tuple[int, int, str], endings: tuple[str, ...], registry: EntityRegistry,
              places: PlaceIndex, language: str | None) -> GazetteerHit | None:
    """A known name inside a longer word: joined by a hyphen ("EU-Außenminister"), or with a case ending."""
    start, end, word = token
    if "-" in word:  # "EU-Außenminister", "Việt Nam–US": the hit is the name alone
        head = word.split("-", 1)[0]
        return _lookup(head, head, registry, places, start, start + len(head), language)
    for ending in endings:
        if word.endswith(ending) and len(word) > len(ending) + 3:
            found = _lookup(word[:-len(ending)], word, registry, places, start, end - len(ending), language)
            if found:  # "Vietnams": the genitive is the country's mention
                return replace(found, end=end, text=text[start:end])
    return None


def _lookup(surface: str, first: str, registry: EntityRegistry, places: PlaceIndex, start: int, end: int,
            language: str | None, min_city: int = _BIG_CITY) -> GazetteerHit | None:
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
        city = places.city(surface, min_population=min_city)
        if city is not None:
            return GazetteerHit(start, end, surface, "place")
    return None
