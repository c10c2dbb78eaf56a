"""The city tables kept between runs: a round trip, and every way a cache file cannot be trusted."""

from __future__ import annotations

import pytest

from newsloom.nlp import city_cache

TABLES = ([(1581130, "Hanoi", "VN", 8053663), (2988507, "Paris", "FR", 2138551)],
          {"hanoi": [0], "ha noi": [0], "paris": [1]}, {"hanoi": ["hanoi", "hanoï"], "ha noi": ["hà nội"]})


@pytest.fixture(autouse=True)
def cache_in(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSLOOM_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def test_tables_saved_are_read_back_as_they_were():
    city_cache.save(TABLES)
    assert city_cache.load() == TABLES


def test_the_file_is_named_after_the_gazetteer_release_and_the_index_version(cache_in):
    city_cache.save(TABLES)
    [path] = cache_in.iterdir()
    assert path.name.startswith("cities-") and path.name.endswith(f"-v{city_cache.INDEX_VERSION}.marshal")


@pytest.mark.parametrize("content", [b"", b"\x00\x01garbage", b"\xe9" * 10])
def test_an_unreadable_file_is_no_cache(content):
    path = city_cache.cache_file()
    path.parent.mkdir(parents=True)
    path.write_bytes(content)
    assert city_cache.load() is None


def test_a_folder_that_cannot_be_written_is_passed_over(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("NEWSLOOM_CACHE_DIR", str(blocker / "cache"))
    city_cache.save(TABLES)  # no error
    assert city_cache.load() is None
