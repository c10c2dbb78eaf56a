"""A run that dies mid-way leaves whole batches only, and the next run completes it without duplicates:
on both back ends, with the fast stand-ins for the models."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsloom.ingest import read_paths
from newsloom.pipeline import STAGES, Pipeline, replace_stage, stages
from newsloom.store import SQLiteStore

CITIES = ("Berlin", "Hanoi", "Paris", "Lagos", "Lima", "Oslo", "Quito")


def reports(folder: Path) -> Path:
    folder.mkdir()
    for i, city in enumerate(CITIES):
        (folder / f"{i}.txt").write_text(
            f"Talks in {city}\n\n{city.upper()}, 3 March 2025 (Wire) - Officials in {city} said on Monday that the "
            f"trade agreement number {i} was approved after talks with the delegation from Geneva.", "utf-8")
    return folder


def duplicates(store) -> dict[str, int]:
    """Rows that a resumed run wrote twice, by table (none expected)."""
    checks = {
        "articles": "SELECT COUNT(*) FROM (SELECT sha256 FROM articles GROUP BY sha256 HAVING COUNT(*) > 1) AS d",
        "article_sources": "SELECT COUNT(*) FROM (SELECT origin FROM article_sources WHERE relation = 'original' "
                           "GROUP BY origin HAVING COUNT(*) > 1) AS d",
        "event_mentions": 'SELECT COUNT(*) FROM (SELECT article_id, start, "end", type, trigger FROM event_mentions '
                          'GROUP BY article_id, start, "end", type, trigger HAVING COUNT(*) > 1) AS d',
        "seq": "SELECT COUNT(*) FROM (SELECT seq FROM articles GROUP BY seq HAVING COUNT(*) > 1) AS d",
    }
    return {table: n for table, sql in checks.items() if (n := store.db.execute(sql).fetchone()[0])}


def consistent(store) -> None:
    stories = {s["id"]: s for s in store.stories()}
    articles = store.articles()
    assert all(a["story_id"] in stories for a in articles)
    assert sorted(i for s in stories.values() for i in s["article_ids"]) == sorted(a["id"] for a in articles)
    assert all(e["story_id"] in stories and set(e["article_ids"]) <= set(stories[e["story_id"]]["article_ids"])
               for e in store.events())
    assert [a["seq"] for a in store.db.execute("SELECT seq FROM articles ORDER BY seq")] == \
        list(range(1, len(articles) + 1))  # a rolled-back batch leaves no gap


def test_a_killed_run_resumes_with_no_duplicates(tmp_path, web_components, make_store, monkeypatch):
    folder = reports(tmp_path / "in")
    store = make_store()
    calls = {"n": 0}

    def dying(work, c):
        calls["n"] += 1
        if calls["n"] == 5:
            raise KeyboardInterrupt  # as a SIGINT would, mid-way through the third batch
        return stages.analyse_text(work, c)

    pipeline = Pipeline(store, web_components, replace_stage(STAGES, "nlp", dying))
    with pytest.raises(KeyboardInterrupt):
        pipeline.run(read_paths([folder]), batch_size=2)
    assert len(store.articles()) == 4  # two whole batches; nothing of the third
    consistent(store)
    store.close()

    store = make_store()  # a new process: the state comes back from the store
    report = Pipeline(store, web_components).run(read_paths([folder]), batch_size=2)
    assert len(report.added) == len(CITIES) - 4 and len(report.present) == 4
    assert len(store.articles()) == len(CITIES) and duplicates(store) == {}
    consistent(store)
    again = Pipeline(store, web_components).run(read_paths([folder]), batch_size=2)
    assert again.added == [] and len(store.articles()) == len(CITIES)


def test_both_back_ends_store_the_same_run_alike(tmp_path, web_components, make_store):
    folder = reports(tmp_path / "in")
    store = make_store()
    Pipeline(store, web_components).run(read_paths([folder]), batch_size=3)
    reference = SQLiteStore(tmp_path / "reference.db")
    Pipeline(reference, web_components).run(read_paths([folder]), batch_size=3)
    assert store.stories() == reference.stories()
    assert store.events() == reference.events()
    assert store.entities() == reference.entities()
    assert store.articles() == reference.articles()
