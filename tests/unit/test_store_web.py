"""The store's web side: migration 2, failures with retries, listing states, copies."""

from __future__ import annotations

import sqlite3
from importlib import resources

import numpy as np

from newsloom.model import Copy, Failure, FetchState
from newsloom.store import Batch, SQLiteStore
from newsloom.store.migrate import statements


def version_1_database(path) -> None:
    db = sqlite3.connect(path)
    sql = resources.files("newsloom.store.migrations").joinpath("sqlite", "0001_initial.sql").read_text("utf-8")
    for statement in statements(sql):
        db.execute(statement)
    db.execute("INSERT INTO articles (id, origin, sha256, url, text, outlet) VALUES "
               "('a1', 'old.html', 'sha-a1', 'https://news.example/a1', 'An old text.', 'Old Times')")
    db.execute("INSERT INTO failures (origin, stage, reason) VALUES ('x.txt', 'ingest', 'empty file')")
    db.execute("PRAGMA user_version = 1")
    db.commit()
    db.close()


def test_a_version_1_database_is_migrated_and_its_articles_become_sources(tmp_path):
    version_1_database(tmp_path / "old.db")
    store = SQLiteStore(tmp_path / "old.db")
    assert store.db.execute("PRAGMA user_version").fetchone()[0] >= 2
    assert store.has_url("https://news.example/a1") and not store.has_url("https://news.example/a2")
    assert store.article_sources("a1")[0]["relation"] == "original"
    assert store.failures()[0]["attempts"] == 1 and store.failures()[0]["retriable"] is False


def test_a_failure_seen_again_counts_its_attempts_and_is_cleared_when_done(make_store):
    store = make_store()
    failure = Failure("https://news.example/a", "HTTP 503 Service Unavailable", "fetch", retriable=True)
    store.save(Batch(failures=[failure]))
    assert store.retriable_failures(max_attempts=2) == ["https://news.example/a"]
    store.save(Batch(failures=[failure]))
    store.save(Batch(failures=[failure]))
    assert store.failures()[0]["attempts"] == 3
    assert store.retriable_failures(max_attempts=2) == []
    store.save(Batch(done_origins=["https://news.example/a"]))
    assert store.failures() == []


def test_final_failures_are_not_retried(make_store):
    store = make_store()
    store.save(Batch(failures=[Failure("https://news.example/b", "HTTP 404 Not Found", "fetch")]))
    assert store.retriable_failures(max_attempts=5) == []


def test_a_listing_state_is_saved_and_replaced(make_store):
    store = make_store()
    store.save(Batch(fetch_states=[FetchState("https://news.example/feed", '"v1"', "Tue, 04 Mar 2025 08:00:00 GMT")]))
    store.save(Batch(fetch_states=[FetchState("https://news.example/feed", '"v2"', None)]))
    assert store.fetch_state("https://news.example/feed") == FetchState("https://news.example/feed", '"v2"', None)
    assert store.fetch_state("https://news.example/other") is None


def test_copies_of_an_article_and_their_texts(tmp_path):
    version_1_database(tmp_path / "old.db")
    store = SQLiteStore(tmp_path / "old.db")
    copy = Copy("a1", "https://mirror.example/a1", "sha-m", "near_duplicate", 0.82, "https://mirror.example/a1",
                "Mirror")
    store.save(Batch(copies=[copy, copy]))
    assert [s["origin"] for s in store.article_sources("a1")] == ["old.html", "https://mirror.example/a1"]
    assert store.has_url("https://mirror.example/a1")
    assert store.texts_by_origin() == {"old.html": "An old text.", "https://mirror.example/a1": "An old text."}
    assert [row[0] for row in store.unfingerprinted_articles()] == ["a1"]
    assert store.article_with_text_hash("any") is None


def test_duplicate_checks_are_answered_by_the_store_the_earliest_article_first(make_store):
    from dataclasses import replace

    from newsloom.model import Fingerprint, signature_bands
    from tests.unit.test_store import article

    store = make_store()
    first, second = article("a2", "s-a2"), article("a1", "s-a1")
    first, second = replace(first, url="https://news.example/same"), replace(second, url="https://news.example/same")
    signature = np.arange(128, dtype=np.uint32)
    store.save(Batch(articles=[first, second], fingerprints=[Fingerprint("a1", "h", signature, None),
                                                              Fingerprint("a2", "h", None, None)]))
    assert store.article_with_url("https://news.example/same") == "a2"  # stored first
    assert store.article_with_text_hash("h") == "a2" and store.article_with_text_hash("other") is None
    assert store.unfingerprinted_articles() == []
    other = signature.copy()
    other[20:] += 1  # only the first two bands (rows 0-17) agree
    [found] = store.near_copy_candidates(signature_bands(other))
    assert found.article_id == "a1" and list(found.signature) == list(signature)
    other[:18] += 1
    assert store.near_copy_candidates(signature_bands(other)) == []
