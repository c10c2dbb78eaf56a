"""What fusion and comparison store: distinct sources per event, comparisons that go stale, the migration."""

from __future__ import annotations

import json
from dataclasses import replace

import numpy as np

from newsloom.compare import compare_sources
from newsloom.ingest import read_paths
from newsloom.nlp.embed import HashEmbedder
from newsloom.pipeline import Pipeline
from newsloom.pipeline.components import Components
from newsloom.settings import Settings
from newsloom.store import Batch, SQLiteStore
from tests.unit.apidb import visit_story
from tests.unit.stores import fill, older_sqlite
from tests.unit.test_compare import EN, FR, TopicEmbedder, make


def test_articles_of_one_outlet_are_one_source(make_store):
    batch = visit_story()
    batch.articles = [replace(a, outlet="Global Desk") if a.id == "a-fr" else a for a in batch.articles]
    store = make_store()
    store.save(batch)
    consult = store.event_detail("ev-consult")
    assert (consult["sources"], consult["articles"], consult["languages"]) == (2, 3, ["en", "fr", "vi"])
    assert store.story_reports("s-visit")["a-fr"].source == store.story_reports("s-visit")["a-en"].source


def test_a_comparison_is_served_until_the_story_changes(make_store):
    store = make_store()
    store.save(visit_story())
    articles = [replace(a, story_id="s-visit") for a in (FR, EN)]
    store.save(Batch(articles=articles))
    comparison, vectors = compare_sources("s-visit", store.load_story_articles("s-visit"), {}, TopicEmbedder(), "fake")
    store.save_comparison(comparison, "fake", vectors)
    found = store.story_detail("s-visit")["comparison"]
    assert found["model"] == "fake" and len(found["sources"]) == 5 and found["aligned"]
    assert set(store.sentence_vectors(["fr", "en", "zz"], "fake")) == {"fr", "en"}
    assert store.sentence_vectors(["fr"], "e5") == {}
    store.save(Batch(articles=[replace(EN, id="en-2", sha256="en-2", story_id="s-visit")]))
    assert store.comparison("s-visit") is None  # another article joined: computed again when asked


class NearEmbedder:
    """Every text near every other (one story for sure); the same words the nearest (sentences align)."""

    dimensions = 8 + HashEmbedder().dimensions

    def embed(self, texts):
        words = HashEmbedder().embed(texts)
        out = np.hstack([np.ones((len(texts), 8), dtype=np.float32), words])
        return out / np.linalg.norm(out, axis=1, keepdims=True)


def _ingest_two_sources(tmp_path, web_components, store=None, **settings):
    folder = tmp_path / "in"
    folder.mkdir()
    lead = "The trade ministers of France and Germany met in Paris on Monday and signed a customs agreement."
    docs = [{"title": "Ministers sign customs deal in Paris", "outlet": "Wire One", "published": "2025-03-03",
             "text": f"{lead} Talks on steel tariffs will go on in May in Berlin."},
            {"title": "Ministers sign customs deal in Paris", "outlet": "Desk Two", "published": "2025-03-03",
             "text": f"{lead} Farmers protested outside the ministry during the whole afternoon."}]
    (folder / "in.jsonl").write_text("".join(json.dumps(d) + "\n" for d in docs), "utf-8")
    store = store or SQLiteStore(tmp_path / "n.db")
    same = Components(Settings(analyzers="rules", progress=False, **settings), embedder=NearEmbedder())
    same.detector = web_components.detector  # built once per session (the place index is built once per process)
    Pipeline(store, same).run(read_paths([folder]))
    return store, lead


def test_the_pipeline_compares_a_story_once_it_has_two_sources(tmp_path, web_components, make_store):
    store, lead = _ingest_two_sources(tmp_path, web_components, make_store(), compare_on_ingest=True)
    stories = store.stories()
    assert len(stories) == 1 and len(stories[0]["article_ids"]) == 2
    comparison = store.comparison(stories[0]["id"])
    assert comparison is not None and comparison["sources"] == ["Wire One", "Desk Two"]
    assert comparison["aligned"][0]["sentences"][0]["text"] == lead


def test_by_default_the_comparison_waits_for_the_first_view_and_is_stored_then(tmp_path, web_components):
    from tests.unit.apidb import writable_client

    store, lead = _ingest_two_sources(tmp_path, web_components)
    story = store.stories()[0]
    assert len(story["article_ids"]) == 2 and store.comparison(story["id"]) is None
    components = Components(Settings(analyzers="rules", progress=False), embedder=NearEmbedder())
    with writable_client(tmp_path / "n.db", components, compare_on_view=True) as client:
        shown = client.get(f"/api/stories/{story['id']}").json()["comparison"]
        assert shown["sources"] == ["Wire One", "Desk Two"] and shown["aligned"][0]["sentences"][0]["text"] == lead
        assert "Claims only some sources carry" in client.get(f"/stories/{story['id']}").text
    assert SQLiteStore(tmp_path / "n.db").comparison(story["id"])["computed_at"] == shown["computed_at"]
    with writable_client(tmp_path / "n.db", components, compare_on_view=False) as client:  # served read-only
        assert client.get(f"/api/stories/{story['id']}").json()["comparison"] is not None  # stored: shown


def test_migration_0006_counts_sources_in_an_older_database(tmp_path):
    path = tmp_path / "old.db"
    older_sqlite(path, 5)
    store = SQLiteStore(path)
    consult = store.event_detail("ev-consult")
    assert (consult["sources"], consult["articles"], consult["languages"]) == (3, 3, ["en", "fr", "vi"])
    assert store.comparison("s-visit") is None and fill(SQLiteStore(tmp_path / "new.db")).comparison("s-visit") is None


def test_the_story_endpoint_and_page_show_the_comparison_escaped(make_store):
    from fastapi.testclient import TestClient

    from newsloom.api import create_app
    from tests.unit.apidb import SETTINGS

    store = make_store()
    store.save(visit_story())
    script = make("x", "<b>Evil</b>", "en", ['A weather <script>alert("claim")</script> report came.'])
    store.save(Batch(articles=[replace(a, story_id="s-visit") for a in (FR, EN, script)]))
    comparison, vectors = compare_sources("s-visit", store.load_story_articles("s-visit"), {}, TopicEmbedder(), "fake")
    store.save_comparison(comparison, "fake", vectors)
    with TestClient(create_app(store, SETTINGS)) as client:
        body = client.get("/api/stories/s-visit").json()["comparison"]
        assert body["aligned"] and body["claims"] and body["conflicts"] == []
        html = client.get("/stories/s-visit").text
    assert "table class=\"list aligned\"" in html and "Claims only some sources carry" in html
    assert "<script>alert" not in html and "&lt;script&gt;alert(&#34;claim&#34;)" in html
    assert "<b>Evil</b>" not in html
