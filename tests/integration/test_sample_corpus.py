"""End to end over the bundled sample corpus, against newsloom/samples/expected.yaml."""

from __future__ import annotations

import re
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


def _linked_at(corpus, articles, surface: str) -> set[str]:
    """Entity ids of the mentions that are an occurrence of ``surface`` (or a part of it) in ``articles``."""
    ids: set[str] = set()
    for a in articles:
        full = corpus.article(a["id"])
        folded = full["text"].casefold()
        for m in re.finditer(r"(?<!\w)" + re.escape(surface.casefold()) + r"(?!\w)", folded):
            # "Lee" in "M. Lee" fits; a longer name that merely contains it ("Chính phủ Việt Nam") does not
            fitting = [x for x in full["mentions"] if m.start() - 2 <= x["start"] and x["end"] <= m.end() + 2]
            if fitting:
                ids.add(max(fitting, key=lambda x: x["end"] - x["start"])["entity_id"])
    return ids


def _in_language(by_file, lang):
    return [a for a in by_file.values() if a["language"] == lang]


def _entity_id(corpus, by_file, expected) -> str | None:
    ids = set()
    for lang, surfaces in (expected.get("mentions") or {}).items():
        for surface in surfaces:
            ids |= _linked_at(corpus, _in_language(by_file, lang), surface)
    return ids.pop() if len(ids) == 1 else None


@pytest.mark.parametrize("expected", [e for e in EXPECTED["entities"] if e.get("mentions")], ids=lambda e: e["name"])
def test_names_resolve_to_one_entity_across_languages(corpus, by_file, expected):
    ids = set()
    for lang, surfaces in expected["mentions"].items():
        for surface in surfaces:
            found = _linked_at(corpus, _in_language(by_file, lang), surface)
            assert found, f"{surface!r} ({lang}) is not linked to any entity"
            ids |= found
    assert len(ids) == 1, f"{expected['name']} is split into {ids}"
    entity = next(e for e in corpus.entities() if e["id"] in ids)
    assert entity["kind"] == expected["kind"]
    if expected.get("geonameid"):
        assert entity["geonameid"] == expected["geonameid"]


def test_countries_of_entities(corpus, by_file):
    """Countries come from the actor list or from the text (titles, nationalities, affiliations)."""
    checked = [e for e in EXPECTED["entities"] if e.get("country") and e.get("mentions")]
    entities = {e["id"]: e for e in corpus.entities()}
    wrong = []
    for expected in checked:
        found = entities.get(_entity_id(corpus, by_file, expected) or "", {}).get("country")
        if found != expected["country"]:
            wrong.append(f"{expected['name']}: {found} instead of {expected['country']}")
    share = 1 - len(wrong) / len(checked)
    print(f"countries right: {share:.2f}; wrong: {wrong}")
    assert share >= EXPECTED["country_floor"], wrong
    assert not [w for w in wrong if "None" not in w.split(":")[1].split()[0]], "a wrong country is worse than none"


def test_titles_and_common_nouns_resolve_in_articles_naming_the_entity(corpus, by_file):
    right = total = 0
    misses = []
    for expected in EXPECTED["entities"]:
        entity_id = _entity_id(corpus, by_file, expected)
        for lang, surfaces in (expected.get("references") or {}).items():
            naming = [a for a in _in_language(by_file, lang)
                      if entity_id and entity_id in corpus.article(a["id"])["entity_ids"]]
            for surface in surfaces:
                total += 1
                found = _linked_at(corpus, naming, surface)
                if entity_id in found:
                    right += 1
                else:
                    misses.append(f"{surface} ({lang}) -> {sorted(found)}")
    share = right / total
    print(f"references resolved: {right}/{total} = {share:.2f}; missed: {misses}")
    assert share >= EXPECTED["reference_floor"], misses


def _matching_events(corpus, expected):
    names = {e["name"]: e["id"] for e in corpus.entities()}
    want = {names.get(expected["source"]), names.get(expected.get("target"))} - {None}
    return [
        e for e in corpus.events(type=expected["type"])
        if want and want <= {(e["source"] or {}).get("entity_id"), (e["target"] or {}).get("entity_id")}
    ]


def test_key_events_are_found(corpus):
    missing = [f"{e['type']} {e['source']} -> {e.get('target')}" for e in EXPECTED["events"] if not _matching_events(corpus, e)]
    share = 1 - len(missing) / len(EXPECTED["events"])
    print(f"key events found: {share:.2f}; missing: {missing}")
    assert share >= EXPECTED["event_floor"], missing


def test_key_events_carry_evidence_from_the_articles_that_report_them(corpus, by_file):
    pairs = found = 0
    for expected in EXPECTED["events"]:
        events = _matching_events(corpus, expected)
        covered = set().union(*(set(e["article_ids"]) for e in events)) if events else set()
        for name in expected["articles"]:
            pairs += 1
            found += by_file[name]["id"] in covered
    share = found / pairs
    print(f"event evidence per reporting article: {found}/{pairs} = {share:.2f}")
    assert share >= EXPECTED["evidence_floor"]


def test_every_evidence_span_cuts_its_sentence_out_of_the_article(corpus):
    for event in corpus.events():
        for ev in event["evidence"]:
            assert corpus.article(ev["article_id"])["text"][ev["start"]:ev["end"]] == ev["sentence"]


def test_one_meeting_coded_with_related_targets_is_one_event_with_its_sources(corpus, by_file):
    """VI and FR say Chính received Lee Jae-yong, EN that he received Samsung's chairman: one event."""
    names = {e["name"]: e["id"] for e in corpus.entities()}
    meetings = [e for e in corpus.events(type="CONSULT")
                if {(e["source"] or {}).get("entity_id"), (e["target"] or {}).get("entity_id")}
                >= {names["Phạm Minh Chính"], names["Lee Jae-yong"]}]
    assert len(meetings) == 1, meetings
    carried = set(meetings[0]["article_ids"])
    assert {by_file["hanoi-samsung_en_1.txt"]["id"], by_file["wire.jsonl#1"]["id"]} <= carried
    assert corpus.event_detail(meetings[0]["id"])["sources"] == len(carried) >= 3
