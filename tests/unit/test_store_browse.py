"""The store's read side for the API: migration 0003, the full-text indexes kept in sync, cursors."""

from __future__ import annotations

from dataclasses import replace

import pytest

from newsloom.errors import ConfigError, StoreError
from newsloom.model import Entity
from newsloom.model.reads import EntityFilter, EventFilter, PageRequest, SearchRequest
from newsloom.store import Batch, SQLiteStore
from newsloom.store.fulltext import fts_query, snippet
from newsloom.store.migrate import latest, statements
from newsloom.store.pages import decode_cursor, encode_cursor
from newsloom.store.search import ts_query
from tests.unit.apidb import visit_story
from tests.unit.stores import fill, older_sqlite


def found(store, q):
    return [h["id"] for h in store.search_articles(SearchRequest(q)).items]


def entity_ids(store, q):
    return [e["id"] for e in store.entity_page(EntityFilter(q=q), PageRequest(50)).items]


def test_a_trigger_stays_one_statement_when_a_migration_is_split():
    sql = ("CREATE TABLE t (x);\n-- a comment; with a semicolon\nCREATE TRIGGER g AFTER INSERT ON t\nBEGIN\n"
           "    UPDATE t SET x = 1; UPDATE t SET x = 2;\nEND;\nCREATE INDEX i ON t (x);")
    found = statements(sql)
    assert len(found) == 3 and found[1].startswith("CREATE TRIGGER") and found[1].endswith("END;")


def test_articles_are_searchable_as_soon_as_they_are_saved(make_store):
    store = fill(make_store())
    assert found(store, "partenariat") == ["a-fr"]
    assert found(store, "PARTENARIAT") == ["a-fr"] and found(store, "hội đàm") == ["a-vi"]


def test_letters_that_do_not_decompose_are_folded_both_ways(make_store):
    store = make_store()
    batch = visit_story()
    en = batch.articles[0]
    text = "Đà Nẵng, Łódź, Øresund, Straße, Æsir and Œuvre."
    batch.articles[0] = replace(en, text=text, sentences=(), mentions=())
    batch.events = {}
    batch.event_mentions = []
    store.save(batch)
    for query in ("da nang", "Đà Nẵng", "lodz", "oresund", "strasse", "aesir", "oeuvre"):
        assert found(store, query) == [en.id], query


def test_renamed_entities_are_found_by_their_new_names_only(make_store):
    store = fill(make_store())
    assert entity_ids(store, "samsung") == ["org:samsung"]
    renamed = Entity("org:samsung", "Samsung Group", "organization", {"ko": ("삼성",)}, "KOR", "BUS")
    store.save(Batch(entities=[renamed]))
    store.save(Batch(entities=[renamed]))  # written again: no duplicate in the index
    assert entity_ids(store, "group") == ["org:samsung"] and entity_ids(store, "electronics") == []
    assert entity_ids(store, "삼성") == ["org:samsung"]
    index = "entities_fts" if store.db.dialect == "sqlite" else "entity_search"
    assert store.db.execute(f"SELECT COUNT(*) FROM {index}").fetchone()[0] == \
        store.db.execute("SELECT COUNT(*) FROM entities").fetchone()[0]


def test_actors_are_resolved_by_any_spelling_or_id(make_store):
    store = fill(make_store())
    assert store.resolve_entities("to lam") == store.resolve_entities("TÔ LÂM") == {"per:to-lam"}
    assert store.resolve_entities("per:macron") == {"per:macron"}
    assert store.resolve_entities("Lam") == set()  # a word of a name is not the name
    assert store.resolve_entities("***") == set()


def test_event_sources_follow_the_evidence_when_a_story_is_fused_again(make_store):
    store = fill(make_store())
    assert store.event_detail("ev-consult")["sources"] == 3
    batch = visit_story()
    consult = batch.events["s-visit"][0]
    batch.events = {"s-visit": [replace(consult, id="ev-consult-2", mentions=consult.mentions[:1])]}
    store.save(Batch(stories=batch.stories, events=batch.events))
    assert store.event_detail("ev-consult") is None
    assert store.event_detail("ev-consult-2")["sources"] == 1


def test_migration_0003_fills_what_an_older_database_already_holds(tmp_path):
    path = tmp_path / "old.db"
    older_sqlite(path, 2)
    store = SQLiteStore(path)
    assert store.db.execute("PRAGMA user_version").fetchone()[0] == latest("sqlite")
    assert store.event_detail("ev-consult")["sources"] == 3
    assert found(store, "partenariat") == ["a-fr"] and entity_ids(store, "macron") == ["per:macron"]


def test_a_version_6_database_keeps_its_order_and_counts(tmp_path):
    path = tmp_path / "old.db"
    older_sqlite(path, 6)
    store, new = SQLiteStore(path), SQLiteStore(tmp_path / "old-new.db")
    assert store.stories() == new.stories() and store.events() == new.events() and store.articles() == new.articles()
    store.save(Batch(articles=[replace(visit_story().articles[0], id="a-late", sha256="sha-late")]))
    assert store.articles()[-1]["id"] == "a-late"


def test_another_handle_reads_the_same_database_and_refuses_writes(make_store):
    store = fill(make_store())
    reader = store.handle()
    assert reader.story_detail("s-visit")["title"] == "To Lam meets Macron in Paris"
    with pytest.raises(StoreError, match="read-only"):
        reader.db.execute("DELETE FROM events")
    reader.close()
    with pytest.raises(StoreError):
        SQLiteStore(":memory:").handle()


def test_data_version_moves_when_another_connection_writes(make_store):
    store = fill(make_store())
    before = store.data_version()
    other = store.handle(read_only=False)
    other.save(Batch(entities=[Entity("per:x", "X", "person")]))
    assert store.data_version() != before
    other.close()


def test_cursors_round_trip_and_refuse_anything_else():
    assert decode_cursor(encode_cursor(["2025-01-01", "ev-1"]), (str, str)) == ["2025-01-01", "ev-1"]
    for bad in ("", "x", "%%%", encode_cursor(["a"]), encode_cursor([1, "b"]), encode_cursor({"a": 1}),
                encode_cursor([True])):
        with pytest.raises(ConfigError, match="cursor"):
            decode_cursor(bad, (str, str) if bad != encode_cursor([True]) else (int,))


def test_typed_operators_are_words_not_syntax():
    assert fts_query('to "lam" OR NOT (x*') == '"to" "lam" "OR" "NOT" "x"'
    assert fts_query("pham min", prefix=True) == '"pham" "min"*'
    assert fts_query("  ,;!  ") is None
    assert ts_query('to "lam" OR NOT (x*') == "'to' & 'lam' & 'or' & 'not' & 'x'"
    assert ts_query("Phạm Min", prefix=True) == "'pham' & 'min':*" and ts_query("  ,;!  ") is None


def test_snippets_mark_the_words_found_whatever_their_accents():
    text, marks = snippet("Thủ tướng Phạm Minh Chính\n\ntiếp Chủ tịch Samsung tại Hà Nội.", "pham chinh samsung")
    assert [text[s:e] for s, e in marks] == ["Phạm", "Chính", "Samsung"]
    assert "\n" not in text
    long = " ".join(f"w{i}" for i in range(100)) + " target " + " ".join(f"v{i}" for i in range(100))
    text, marks = snippet(long, "target")
    assert text.startswith("…") and text.endswith("…") and [text[s:e] for s, e in marks] == ["target"]


def test_event_filters_on_many_pages_keep_their_order(make_store):
    store = fill(make_store())
    cursor, seen = None, []
    while True:
        page = store.event_page(EventFilter(actor="org:samsung"), PageRequest(4, cursor))
        seen += [e["id"] for e in page.items]
        if page.next is None:
            break
        cursor = page.next
    assert len(seen) == len(set(seen)) == 30
