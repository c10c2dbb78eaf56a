"""The place index read from the cache of an earlier run is the index built from GeoNames."""

from __future__ import annotations

import pytest

from newsloom.nlp import city_cache
from newsloom.nlp.places import PlaceIndex, _build_city_tables

pytestmark = pytest.mark.integration


def test_the_cached_city_tables_are_the_built_ones(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSLOOM_CACHE_DIR", str(tmp_path))
    built = _build_city_tables()
    city_cache.save(built)
    assert city_cache.load() == built
    cached = PlaceIndex({})
    monkeypatch.setattr(city_cache, "load", lambda: None)
    fresh = PlaceIndex({})
    for name in ("Hanoi", "Hà Nội", "Hanoï", "Paris", "São Paulo", "Sao Paulo", "Łódź", "Lodz", "Viện"):
        assert cached.city(name) == fresh.city(name)
    assert cached.city("Hanoï").geonameid == 1581130 and cached.city("Viện") is None
