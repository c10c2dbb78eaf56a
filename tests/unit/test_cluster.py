"""Story clustering: online assignment from the nearest-neighbour window, restarts, the merge/split pass."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import numpy as np
import pytest

from newsloom.cluster.features import Profile, evidence, probability
from newsloom.cluster.passes import recluster
from newsloom.cluster.stories import ClusterParams, StoryClusterer
from newsloom.errors import ConfigError
from newsloom.model import Article, Batch, Mention
from newsloom.store import SQLiteStore

DAY = datetime(2025, 6, 10, 8, tzinfo=UTC)
PARAMS = ClusterParams.load()


def unit(*values: float) -> np.ndarray:
    v = np.zeros(8, dtype=np.float32)
    v[:len(values)] = values
    return v / np.linalg.norm(v)


def article(id: str, vector: np.ndarray, days: int = 0, names: tuple[str, ...] = ("per:alice", "org:acme")) -> Article:
    return Article(id, f"{id}.txt", f"sha-{id}", "", title=f"title {id}", language="en",
                   published=DAY + timedelta(days=days), embedding=vector,
                   mentions=tuple(Mention(0, 1, n, "person", n) for n in names))


def run(store: SQLiteStore, clusterer: StoryClusterer, articles: list[Article]) -> list[Article]:
    placed = clusterer.settle([clusterer.assign(a) for a in articles])
    store.save(Batch(articles=placed, stories=[clusterer.states[s] for s in clusterer.changed]))
    clusterer.committed()
    return placed


def apply(store: SQLiteStore, clusterer: StoryClusterer, story_ids: set[str]):
    plan = recluster(clusterer, store, story_ids)
    store.save(Batch(stories=list(plan.states.values()), moves=plan.moves, redirects=plan.redirects,
                     removed_stories=plan.removed))
    clusterer.committed()
    return plan


def test_similar_articles_share_a_story_and_others_open_one():
    store = SQLiteStore(":memory:")
    a, b, c = run(store, StoryClusterer(PARAMS, store), [
        article("a", unit(1, 0.05)), article("b", unit(1, 0.1)), article("c", unit(0, 1), names=("per:zed",))])
    assert a.story_id == b.story_id == "s-a" and c.story_id == "s-c"


def test_a_restarted_clusterer_finds_the_stored_stories():
    store = SQLiteStore(":memory:")
    run(store, StoryClusterer(PARAMS, store), [article("a", unit(1, 0.05))])
    [later] = run(store, StoryClusterer(PARAMS, store), [article("b", unit(1, 0.1), days=1)])
    assert later.story_id == "s-a"
    assert store.load_stories(["s-a"])[0].story.article_ids == ("a", "b")


def test_stories_outside_the_window_are_not_candidates():
    store = SQLiteStore(":memory:")
    clusterer = StoryClusterer(replace(PARAMS, window_days=3, bucket_days=1), store)
    run(store, clusterer, [article("a", unit(1, 0.05))])
    [far] = run(store, clusterer, [article("b", unit(1, 0.05), days=30)])
    assert far.story_id == "s-b"


def test_the_window_keeps_a_bounded_number_of_buckets():
    store = SQLiteStore(":memory:")
    clusterer = StoryClusterer(replace(PARAMS, window_days=2, bucket_days=1, loaded_buckets=8), store)
    for day in range(40):
        run(store, clusterer, [article(f"a{day}", unit(1, day), days=day)])
    assert len(clusterer.window.buckets) <= 8
    assert len(clusterer.states) <= 8


def test_undated_articles_are_matched_against_a_bounded_pool_of_the_newest():
    store = SQLiteStore(":memory:")
    clusterer = StoryClusterer(replace(PARAMS, undated_pool=3), store)
    for k in range(7):  # seven unrelated undated stories: the pool holds 3 to 5 of them
        run(store, clusterer, [replace(article(f"u{k}", unit(*([0] * k), 1)), published=None)])
    pool = clusterer.window.buckets[None]
    assert 3 <= len(pool.ids) < 6 and pool.ids[-1] == "u6"
    [again] = run(store, clusterer, [replace(article("v0", unit(1)), published=None)])
    assert again.story_id == "s-v0"  # u0 left the pool: its look-alike opens a story
    reloaded = StoryClusterer(replace(PARAMS, undated_pool=3), store)
    found = reloaded.window.candidates(unit(0, 0, 0, 0, 0, 0, 1), None)
    assert set(found) == {"s-u5", "s-u6", "s-v0"} and found["s-u6"] == pytest.approx(1.0)


def test_two_stories_that_are_one_merge_and_the_old_id_redirects():
    store = SQLiteStore(":memory:")
    apart = StoryClusterer(replace(PARAMS, threshold=1.0), store)  # everything opens its own story
    run(store, apart, [article("a", unit(1, 0.05)), article("b", unit(1, 0.1)), article("c", unit(1, 0.08))])
    clusterer = StoryClusterer(PARAMS, store)
    plan = apply(store, clusterer, {"s-a", "s-b", "s-c"})
    assert set(plan.redirects.values()) == {"s-a"} and set(plan.redirects) == {"s-b", "s-c"}
    assert {a["story_id"] for a in store.articles()} == {"s-a"}
    assert store.resolve_story("s-c") == "s-a"
    detail = store.story_detail("s-b")
    assert detail["id"] == "s-a" and detail["redirected_from"] == "s-b" and detail["article_count"] == 3


def test_a_story_whose_article_drifts_apart_is_split():
    store = SQLiteStore(":memory:")
    together = StoryClusterer(replace(PARAMS, threshold=0.0), store)  # everything joins one story
    run(store, together, [article("a", unit(1, 0.05)), article("b", unit(1, 0.1)),
                          article("z", unit(0, 0, 1), names=("per:zed",))])
    plan = apply(store, StoryClusterer(PARAMS, store), {"s-a"})
    assert plan.moves == {"z": "s-z"}
    assert {a["id"]: a["story_id"] for a in store.articles()} == {"a": "s-a", "b": "s-a", "z": "s-z"}
    again = apply(store, StoryClusterer(PARAMS, store), {"s-a", "s-z"})
    assert not again  # the pass does not undo itself


def test_shared_entities_and_dates_raise_the_probability():
    base = article("a", unit(1, 0.3))
    other = article("b", unit(1, 0.6), names=("per:bob",))
    shared = replace(other, mentions=base.mentions)
    p_other = probability(evidence(Profile.of_article(base), Profile.of_article(other), PARAMS), PARAMS)
    p_shared = probability(evidence(Profile.of_article(base), Profile.of_article(shared), PARAMS), PARAMS)
    assert p_shared > p_other


def test_parameters_with_a_missing_field_are_a_clear_error():
    with pytest.raises(ConfigError, match="missing"):
        ClusterParams.load("bias = 1.0\n")


def test_story_command_follows_a_redirect(tmp_path, cli):
    db = tmp_path / "news.db"
    store = SQLiteStore(db)
    run(store, StoryClusterer(replace(PARAMS, threshold=1.0), store), [article("a", unit(1, 0.05)),
                                                                        article("b", unit(1, 0.1))])
    apply(store, StoryClusterer(PARAMS, store), {"s-a", "s-b"})
    store.close()
    code, out = cli("--db", db, "story", "s-b")
    assert code == 0 and "merged into s-a" in out and "[en] title a" in out


def test_the_page_of_a_merged_story_moves_to_the_survivor(api_client):
    response = api_client.get("/stories/s-visit-merged", follow_redirects=False)
    assert response.status_code == 301 and response.headers["location"] == "/stories/s-visit"
    assert "To Lam" in api_client.get("/stories/s-visit-merged").text


def test_the_api_answers_a_merged_story_id_with_the_survivor(api_client):
    story = api_client.get("/api/stories/s-visit-merged").json()
    assert story["id"] == "s-visit" and story["redirected_from"] == "s-visit-merged"
    assert set(story["titles"]) == {"en", "fr", "vi"} and story["titles"]["fr"] == "To Lam reçu par Macron à Paris"
    assert {"per:to-lam", "per:macron"} <= {e["id"] for e in story["entities"]}
