"""The run loop with fast stand-ins for the models (rules analyser, hashing embedder)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsloom.ingest import read_paths
from newsloom.pipeline import STAGES, Pipeline, replace_stage, stages
from newsloom.pipeline.components import Components
from newsloom.settings import Settings
from newsloom.store import SQLiteStore

FAST = Settings(embedder="hash", analyzers="rules", progress=False, workers=1)


@pytest.fixture(scope="module")
def components():
    return Components(FAST)


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def corpus(tmp_path: Path) -> Path:
    write(tmp_path, "a.txt", "Ministers meet in Paris\n\nPARIS, 3 March 2025 (Wire) - The ministers met in Paris on Monday to discuss trade.")
    write(tmp_path, "b.txt", "")
    (tmp_path / "c.jsonl").write_text(
        json.dumps({"title": "Storm hits coast", "text": "A storm hit the coast of Brittany on Tuesday.", "published": "2025-03-04"})
        + "\n{not json\n", encoding="utf-8")
    return tmp_path


def test_failures_are_reported_and_the_rest_is_stored(tmp_path, components):
    folder = tmp_path / "in"
    folder.mkdir()
    store = SQLiteStore(tmp_path / "n.db")
    report = Pipeline(store, components).run(read_paths([corpus(folder)]))
    assert len(report.added) == 2
    reasons = {Path(f.origin).name: f.reason for f in report.failed}
    assert set(reasons) == {"b.txt", "c.jsonl:2"}
    assert {f["origin"] for f in store.failures()} == {f.origin for f in report.failed}


def test_rerun_adds_nothing_and_changes_nothing(tmp_path, components):
    folder = tmp_path / "in"
    folder.mkdir()
    corpus(folder)
    store = SQLiteStore(tmp_path / "n.db")
    Pipeline(store, components).run(read_paths([folder]))
    before = (store.articles(), store.stories(), store.entities(), store.events())
    report = Pipeline(store, components).run(read_paths([folder]))
    assert report.added == [] and len(report.present) == 2
    assert (store.articles(), store.stories(), store.entities(), store.events()) == before


def test_same_document_twice_in_one_run_is_stored_once(tmp_path, components):
    a = write(tmp_path, "a.txt", "Talks resume\n\nThe two delegations resumed talks in Geneva.")
    store = SQLiteStore(":memory:")
    report = Pipeline(store, components).run(read_paths([a, a]))
    assert len(report.added) == 1 and len(report.present) == 1


def test_a_crash_mid_batch_leaves_no_half_written_article(tmp_path, components, monkeypatch):
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(5):
        write(folder, f"{i}.txt", f"Report {i}\n\nOfficials in Berlin said item {i} was approved.")
    store = SQLiteStore(tmp_path / "n.db")
    calls = {"n": 0}

    def dying(work, c):
        calls["n"] += 1
        if calls["n"] == 4:
            raise RuntimeError("killed")
        return stages.extract(work, c)

    pipeline = Pipeline(store, components, replace_stage(STAGES, "extract", dying))
    with pytest.raises(RuntimeError):
        pipeline.run(read_paths([folder]), batch_size=2)
    assert len(store.articles()) == 2  # the first batch; nothing of the second
    report = Pipeline(store, components).run(read_paths([folder]), batch_size=2)
    assert len(report.added) == 3 and len(report.present) == 2
    assert len(store.articles()) == 5
