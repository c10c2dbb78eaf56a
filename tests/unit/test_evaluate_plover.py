"""`evaluate plover` on small files written here: readers, the span metric, the scores and the command."""

from __future__ import annotations

import json

import pytest

from newsloom.errors import ConfigError, InputError, ModelError
from newsloom.evaluate.plover import evaluate_plover, read_gold_records, read_marked_tsv, token_f1
from newsloom.events.typer import event_typer
from newsloom.nlp.embed import HashEmbedder
from tests.unit.conftest import WEB

TSV = (
    "\tsentence_id\tmarked_sentence\tsource\ttarget\tgold_root\n"
    "0\t1\t<s>Spain</s> condemned <t>Israel</t> on Monday.\tSpain\tIsrael\tACCUSE\n"
    "1\t2\t<s>Japan</s> imposed sanctions on <t>Russia</t>.\tJapan\tRussia\tSANCTION\n"
    "2\t3\tOn Friday <s>Chile</s> signed a deal with <t>Peru</t> to reopen the border.\tChile\tPeru\tAGREE\n"
)
RECORDS = [
    {"id": "x-1", "text": "Kenya urged Somalia to hold elections.", "event": "DEMAND",
     "source": [{"actorText": "Kenya"}], "target": [{"actorText": "Somalia"}]},
    {"id": "x-2", "text": "Nobody said anything.", "event": "PROTEST", "source": [], "target": ""},
    {"id": "doc", "event": "DOCUMENT"},
]


@pytest.fixture
def tsv(tmp_path):
    path = tmp_path / "marked.tsv"
    path.write_text(TSV, encoding="utf-8")
    return path


def test_marked_sentences_give_text_phrases_and_older_roots(tsv):
    items, roots = read_marked_tsv(tsv)
    assert items[2].text == "On Friday Chile signed a deal with Peru to reopen the border."
    assert (items[2].sources, items[2].targets, items[2].type) == (("Chile",), ("Peru",), "AGREE")
    assert roots["DISAPPROVE"] == roots["INVESTIGATE"] == "ACCUSE" and roots["DEMAND"] == "REQUEST"


def test_gold_records_skip_the_document_record(tmp_path):
    path = tmp_path / "gsr.json"
    path.write_text(json.dumps(RECORDS), encoding="utf-8")
    items, roots = read_gold_records(path)
    assert [i.type for i in items] == ["DEMAND", "PROTEST"] and roots == {}
    assert items[0].sources == ("Kenya",)


def test_a_file_that_is_no_data_set_is_a_clear_error(tmp_path):
    path = tmp_path / "x.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(InputError, match="not JSON"):
        read_gold_records(path)


def test_token_overlap_f1():
    assert token_f1("Iran's foreign minister", "the foreign minister of Iran") == pytest.approx(2 * 0.75 * 0.6 / 1.35)
    assert token_f1("", "Iran") == 0.0


def test_scores_with_the_marked_actors_given(tsv, web_components):
    metrics = evaluate_plover(tsv, WEB, given_actors=True, classifier="off", components=web_components)
    assert metrics["accuracy"] == pytest.approx(1.0)
    assert metrics["source_f1"] == pytest.approx(1.0) and metrics["target_f1"] == pytest.approx(1.0)
    assert set(metrics["per_type"]) == {"ACCUSE", "SANCTION", "AGREE"}
    assert metrics["per_type"]["ACCUSE"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0, "support": 1}


def test_a_sentence_without_event_counts_as_wrong(tmp_path, web_components):
    path = tmp_path / "gsr.json"
    path.write_text(json.dumps(RECORDS), encoding="utf-8")
    metrics = evaluate_plover(path, WEB, given_actors=True, classifier="off", components=web_components)
    assert (metrics["accuracy"], metrics["no_event"], metrics["macro_f1"]) == (0.5, 1, 0.5)


def test_the_command_prints_the_table(tsv, cli, monkeypatch, web_components):
    monkeypatch.setenv("NEWSLOOM_EMBEDDER", "hash")
    monkeypatch.setenv("NEWSLOOM_ANALYZERS", "rules")
    monkeypatch.setattr("newsloom.evaluate.plover.Components", lambda settings: web_components)
    code, out = cli("evaluate", "plover", tsv, "--given-actors", "--classifier", "off", "--limit", "1")
    assert code == 0 and "accuracy" in out and "ACCUSE" in out


def test_the_classifier_setting_is_checked():
    with pytest.raises(ConfigError, match="ambiguous, triggers, off"):
        event_typer("always", HashEmbedder())
    with pytest.raises(ModelError, match="event_classifier=off"):
        event_typer("triggers", HashEmbedder())
