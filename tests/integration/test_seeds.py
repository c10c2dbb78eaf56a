"""The acceptance case: the two seed articles (read from ../shared/seeds, never copied)."""

from __future__ import annotations

import re

import pytest

from tests.conftest import shared_path

pytestmark = pytest.mark.integration

# What ../shared/seeds/expected.md lists: canonical entity -> (kind, country, mentions that must resolve to it)
EXPECTED_ENTITIES = {
    "Tô Lâm": ("person", "VNM", ["Tô Lâm", "Lâm", "the Party chief", "le secrétaire général", "Party General Secretary"]),
    "Alex Rogers": ("person", "USA", ["Alex Rogers", "Rogers"]),
    "Qualcomm": ("organization", "USA", ["Qualcomm", "Qualcomm Inc."]),
    "Hanoi": ("place", "VN", ["Hà Nội", "HÀ NỘI", "Hanoï"]),
    "Vietnam": ("country", "VNM", ["Việt Nam", "Vietnam"]),
    "United States": ("country", "USA", ["US", "États-Unis"]),
}


@pytest.fixture(scope="module")
def seeds(tmp_path_factory):
    from newsloom.cli.main import main
    from newsloom.store import open_store

    folder = shared_path("seeds")
    db = tmp_path_factory.mktemp("seeds") / "seeds.db"
    files = sorted(str(p) for p in folder.glob("*.txt"))
    assert main(["--db", str(db), "ingest", *files]) == 0
    store = open_store(db)
    yield store
    store.close()


def test_both_articles_form_one_story_and_nothing_else(seeds):
    stories = seeds.stories()
    assert len(stories) == 1
    assert sorted(stories[0]["article_ids"]) == sorted(a["id"] for a in seeds.articles())
    assert sorted(stories[0]["languages"]) == ["en", "fr"]


def _bare(text: str) -> str:
    """A mention without its leading article: "the Party chief" and "Party chief" are one mention."""
    return re.sub(r"^(?:the|le|la|l’|l')\s*", "", text.casefold())


def _mentions(store):
    for a in store.articles():
        yield from (dict(m, article_id=a["id"]) for m in store.article(a["id"])["mentions"])


@pytest.mark.parametrize("name", EXPECTED_ENTITIES)
def test_each_expected_mention_resolves_to_one_canonical_entity(seeds, name):
    kind, country, surfaces = EXPECTED_ENTITIES[name]
    mentions = list(_mentions(seeds))
    for surface in surfaces:
        found = {m["entity_id"] for m in mentions if _bare(m["text"]) == _bare(surface)}
        assert len(found) == 1, f"{surface!r} -> {found}"
        [entity_id] = found
        entity = next(e for e in seeds.entities() if e["id"] == entity_id)
        assert entity["kind"] == kind, (surface, entity)
        assert entity["country"] == country, (surface, entity)
    ids = {m["entity_id"] for m in mentions if _bare(m["text"]) in {_bare(s) for s in surfaces}}
    assert len(ids) == 1, f"{name} is split into {ids}"


def test_hanoi_is_the_geonames_city(seeds):
    hanoi = [e for e in seeds.entities() if e["kind"] == "place" and e["geonameid"] == 1581130]
    assert len(hanoi) == 1


def test_photo_credits_and_agency_markers_are_not_entities(seeds):
    names = " ".join(e["name"] for e in seeds.entities()).casefold()
    for noise in ("văn hiếu", "vovworld", "vna/vns", "vns"):
        assert noise not in names


def _event(seeds, type, a, b):
    ids = {e["name"]: e["id"] for e in seeds.entities()}
    for event in seeds.events(type=type):
        actors = {(event["source"] or {}).get("entity_id"), (event["target"] or {}).get("entity_id")}
        if {ids[a], ids[b]} <= actors:
            return event
    raise AssertionError(f"no {type} event between {a} and {b}: {seeds.events(type=type)}")


def test_meeting_is_one_consult_event_reported_by_both(seeds):
    event = _event(seeds, "CONSULT", "Tô Lâm", "Alex Rogers")
    assert len(event["article_ids"]) == 2
    assert event["date"] == "2025-06-10"
    assert event["place"]["geonameid"] == 1581130


def test_request_to_qualcomm_is_one_demand_event_from_to_lam(seeds):
    event = _event(seeds, "DEMAND", "Tô Lâm", "Qualcomm")
    assert event["source"]["name"] == "Tô Lâm"
    assert len(event["article_ids"]) == 2
    assert event["date"] == "2025-06-10"


def test_evidence_offsets_cut_the_sentence_out_of_the_stored_text(seeds):
    for event in seeds.events():
        for ev in event["evidence"]:
            text = seeds.article(ev["article_id"])["text"]
            assert text[ev["start"]:ev["end"]] == ev["sentence"]
            assert ev["trigger"].casefold() in ev["sentence"].casefold()


def test_ingesting_again_changes_nothing(seeds, cli):
    folder = shared_path("seeds")
    before = (seeds.articles(), seeds.events())
    code, out = cli("--db", seeds.path, "ingest", *sorted(folder.glob("*.txt")))
    assert code == 0 and "already present 2" in out
    assert (seeds.articles(), seeds.events()) == before


# ../shared/seeds/expected.md: claims only the English article carries, and facts both give in other words
ENGLISH_ONLY = ("more than 20 years", "57-NQ/TW", "trained overseas", "commended Qualcomm", "pledged continued investment")
SAME_FACT_OTHER_WORDS = ("top 20 globally", "three such facilities located outside the US")


@pytest.fixture(scope="module")
def comparison(seeds):
    from newsloom.compare.stored import stored_comparison
    from newsloom.nlp.embed import E5Embedder

    [story] = seeds.stories()
    assert seeds.comparison(story["id"]) is None, "by default ingest leaves the comparison for its first view"
    found = stored_comparison(seeds, story["id"], E5Embedder(), "e5")
    assert found is not None and seeds.comparison(story["id"]) == found, "computed once, then stored"
    return found


def test_comparison_lists_the_claims_only_the_english_article_carries(comparison):
    english = [c["sentences"][0]["text"] for c in comparison["claims"]
               if [s["language"] for s in c["sentences"]] == ["en"] and c["missing_from"]]
    missing = [claim for claim in ENGLISH_ONLY if not any(claim in text for text in english)]
    assert missing == [], f"English-only claims not listed: {missing}"


def test_comparison_aligns_the_same_facts_across_languages_and_finds_no_conflict(comparison):
    aligned = [g for g in comparison["aligned"] if {s["language"] for s in g["sentences"]} == {"en", "fr"}]
    for fact in SAME_FACT_OTHER_WORDS:
        assert any(fact in s["text"] for g in aligned for s in g["sentences"]), fact
    assert comparison["conflicts"] == []


def test_corroborated_events_are_those_both_sources_report(seeds, cli_json):
    events = cli_json("--db", seeds.path, "events", "--min-sources", "2")
    assert events and all(e["sources"] == 2 and e["languages"] == ["en", "fr"] for e in events)
    assert {"CONSULT", "DEMAND", "SUPPORT"} <= {e["type"] for e in events}
