"""End to end over the bundled sample corpus, against newsloom/samples/expected.yaml."""

from __future__ import annotations

from itertools import combinations
from pathlib import Path

import pytest
import yaml

from tests.conftest import SAMPLES

pytestmark = pytest.mark.integration

EXPECTED = yaml.safe_load((SAMPLES / "expected.yaml").read_text("utf-8"))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    from newsloom.cli.main import main
    from newsloom.store import open_store

    db = tmp_path_factory.mktemp("corpus") / "corpus.db"
    assert main(["--db", str(db), "ingest", str(SAMPLES / "corpus")]) == 0
    store = open_store(db)
    yield store
    store.close()


def _origin_key(origin: str) -> str:
    """'…/corpus/wire.jsonl:3' -> 'wire.jsonl#3'; '…/corpus/x.txt' -> 'x.txt'."""
    name = Path(origin).name
    if ".jsonl:" in name:
        file, line = name.rsplit(":", 1)
        return f"{file}#{line}"
    return name


@pytest.fixture(scope="module")
def by_file(corpus):
    return {_origin_key(a["origin"]): a for a in corpus.articles()}


def test_every_article_is_stored(corpus, by_file):
    expected = {f for story in EXPECTED["stories"] for f in story["articles"]}
    assert set(by_file) == expected


def _pairs(groups):
    return {frozenset(p) for g in groups for p in combinations(sorted(g), 2)}


def test_stories_are_the_ones_written_down(corpus, by_file):
    truth = [set(s["articles"]) for s in EXPECTED["stories"]]
    file_of = {a["id"]: f for f, a in by_file.items()}
    found = [{file_of[i] for i in s["article_ids"]} for s in corpus.stories()]
    same_truth, same_found = _pairs(truth), _pairs(found)
    precision = len(same_truth & same_found) / max(1, len(same_found))
    recall = len(same_truth & same_found) / max(1, len(same_truth))
    assert (precision, recall) == (1.0, 1.0), f"stories found: {sorted(map(sorted, found))}"


def test_story_languages(corpus, by_file):
    for story in EXPECTED["stories"]:
        langs = {by_file[f]["language"] for f in story["articles"]}
        assert langs == set(story["languages"]), story["key"]


@pytest.mark.parametrize("expected", EXPECTED["entities"], ids=lambda e: e["name"])
def test_entities_resolve_across_languages(corpus, by_file, expected):
    mentions = [
        (a["language"], m) for a in by_file.values() for m in corpus.article(a["id"])["mentions"]
    ]
    ids = set()
    for lang, surfaces in expected["mentions"].items():
        for surface in surfaces:
            found = {m["entity_id"] for l, m in mentions if l == lang and m["text"].casefold() == surface.casefold()}
            assert found, f"{surface!r} ({lang}) is not a mention"
            ids |= found
    assert len(ids) == 1, f"{expected['name']} is split into {ids}"
    entity = next(e for e in corpus.entities() if e["id"] in ids)
    assert entity["kind"] == expected["kind"]
    if expected.get("country"):
        assert entity["country"] == expected["country"]
    if expected.get("geonameid"):
        assert entity["geonameid"] == expected["geonameid"]


@pytest.mark.parametrize("expected", EXPECTED["events"], ids=lambda e: f"{e['story']}-{e['type']}")
def test_key_events_are_found_with_evidence(corpus, by_file, expected):
    names = {e["name"]: e["id"] for e in corpus.entities()}
    want = {names.get(expected["source"]), names.get(expected.get("target"))} - {None}
    candidates = [
        e for e in corpus.events(type=expected["type"])
        if want <= {(e["source"] or {}).get("entity_id"), (e["target"] or {}).get("entity_id")}
    ]
    assert candidates, f"no {expected['type']} {expected['source']} -> {expected.get('target')}"
    wanted = {by_file[f]["id"] for f in expected["articles"]}
    covered = set().union(*(set(e["article_ids"]) for e in candidates))
    assert wanted <= covered
