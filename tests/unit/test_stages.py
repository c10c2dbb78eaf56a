"""The declared stage list: checks, selection, the map/reduce split and one transaction per batch."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsloom.engine import open_engine
from newsloom.errors import ConfigError
from newsloom.ingest import read_paths
from newsloom.pipeline import STAGES, Pipeline, replace_stage, select_stages, stages
from newsloom.pipeline.components import Components
from newsloom.pipeline.run import segments
from newsloom.settings import Settings
from newsloom.store import SQLiteStore

FAST = Settings(embedder="hash", analyzers="rules", progress=False, workers=1)


@pytest.fixture(scope="module")
def components():
    return Components(FAST)


def texts(folder: Path, count: int) -> Path:
    folder.mkdir(exist_ok=True)
    for i in range(count):
        (folder / f"{i}.txt").write_text(f"Talks {i} in Geneva\n\nThe delegations of round {i} met in Geneva "
                                         f"on Monday to discuss a ceasefire, officials said.", "utf-8")
    return folder


def test_every_stage_needs_only_what_an_earlier_one_provides():
    provided = {"document"}
    for stage in STAGES:
        assert set(stage.needs) <= provided, stage.name
        provided |= set(stage.provides)


def test_a_stage_list_missing_a_provider_is_refused_with_the_order():
    with pytest.raises(ConfigError, match=r"'nlp' needs language.*Stages in order: extract, nlp"):
        Pipeline(SQLiteStore(":memory:"), Components(FAST), select_stages(["extract", "nlp"]))


def test_an_unknown_stage_name_lists_the_stages():
    with pytest.raises(ConfigError, match=r"Unknown stage .parse.\. Available: extract, language"):
        select_stages(["extract", "parse"])


def test_document_stages_are_grouped_into_maps_between_corpus_steps():
    kinds = [(kind, [s.name for s in group]) for kind, group in segments(STAGES)]
    assert kinds == [
        ("document", ["extract", "language", "nlp", "dates", "dateline", "embed"]), ("corpus", ["duplicates"]),
        ("corpus", ["entities"]), ("document", ["events"]), ("corpus", ["stories"]),
    ]


def test_event_coding_does_not_wait_for_the_story():
    names = [s.name for s in STAGES]
    assert names.index("events") < names.index("stories")


def test_text_only_stages_store_articles_without_any_model(tmp_path, components):
    engine = open_engine(FAST, stages=select_stages(["extract", "language", "duplicates"]),
                         store=SQLiteStore(tmp_path / "t.db"), components=components)
    report = engine.pipeline.run(read_paths([texts(tmp_path / "in", 3)]))
    rows = engine.store.articles()
    assert len(report.added) == 3 and all(r["story_id"] is None for r in rows)
    assert not engine.store.stories()


def test_a_batch_and_its_merge_split_pass_are_one_transaction(tmp_path, components, monkeypatch):
    store = SQLiteStore(tmp_path / "n.db")
    pipeline = Pipeline(store, components)

    def failing_pass(story_ids):
        raise RuntimeError("the merge/split pass failed")

    monkeypatch.setattr(pipeline.corpus, "recluster", failing_pass)
    with pytest.raises(RuntimeError):
        pipeline.run(read_paths([texts(tmp_path / "in", 2)]))
    assert store.articles() == [] and store.stories() == []  # the batch was rolled back with the pass
    report = Pipeline(store, components).run(read_paths([tmp_path / "in"]))
    assert len(report.added) == 2 and len(store.stories()) >= 1


def test_a_failed_write_leaves_no_corpus_state_behind(tmp_path, components, monkeypatch):
    store = SQLiteStore(tmp_path / "n.db")
    pipeline = Pipeline(store, components)
    calls = {"n": 0}
    save = store.save

    def save_once_then_fail(batch):
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("disk full")
        save(batch)

    monkeypatch.setattr(store, "save", save_once_then_fail)
    with pytest.raises(RuntimeError):
        pipeline.run(read_paths([texts(tmp_path / "in", 4)]), batch_size=2)
    monkeypatch.setattr(store, "save", save)
    report = pipeline.run(read_paths([tmp_path / "in"]), batch_size=2)  # the corpus is read again from the store
    assert len(report.present) == 2 and len(report.added) == 2 and report.duplicates == []
    assert len(store.articles()) == 4


def test_a_replaced_stage_runs_in_place_of_the_shipped_one(tmp_path, components):
    seen = []

    def extract_and_note(work, c):
        seen.append(work.doc.origin)
        return stages.extract(work, c)

    Pipeline(SQLiteStore(":memory:"), components, replace_stage(STAGES, "extract", extract_and_note)).run(
        read_paths([texts(tmp_path / "in", 2)]))
    assert sorted(Path(o).name for o in seen) == ["0.txt", "1.txt"]


def test_a_copy_whose_analysis_failed_is_a_copy_and_a_failed_article_is_nobody_s_original(tmp_path, components):
    from newsloom.errors import Skip

    folder = texts(tmp_path / "in", 1)
    (folder / "1.txt").write_text((folder / "0.txt").read_text("utf-8").upper(), "utf-8")  # the same words again
    (folder / "2.txt").write_text("Storm in Brest\n\nA storm hit Brest on Tuesday, the mayor said.", "utf-8")
    (folder / "3.txt").write_text("Storm in Brest\n\nA storm hit Brest on Tuesday,  the mayor said.", "utf-8")

    def nlp_failing_for(*names):
        def analyse(work, c):
            if Path(work.doc.origin).name in names:
                raise Skip("no_sentences", "the text has no sentence")
            return stages.analyse_text(work, c)
        return analyse

    store = SQLiteStore(":memory:")
    report = Pipeline(store, components, replace_stage(STAGES, "nlp", nlp_failing_for("1.txt", "2.txt"))).run(
        read_paths([folder]))
    assert sorted(Path(o).name for o in report.duplicates) == ["1.txt"]  # a copy of 0.txt, checked on its text
    assert [Path(f.origin).name for f in report.failed] == ["2.txt"]
    assert sorted(Path(o).name for o in report.added) == ["0.txt", "3.txt"]  # 3.txt copies nothing stored
