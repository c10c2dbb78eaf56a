"""The read endpoints on a database built from records: shapes, filters, pagination."""

from __future__ import annotations

import csv
import io
import json

import pytest

from tests.unit.apidb import XSS_TEXT


def items(api_client, path, **params):
    response = api_client.get(path, params=params)
    assert response.status_code == 200, response.text
    return response.json()["items"]


def walk(api_client, path, **params):
    """Every item of a listing, following `next` page after page."""
    seen, cursor, pages = [], None, 0
    while True:
        response = api_client.get(path, params={**params, **({"cursor": cursor} if cursor else {})})
        assert response.status_code == 200, response.text
        body = response.json()
        seen += body["items"]
        pages += 1
        cursor = body["next"]
        if cursor is None:
            return seen, pages


# -- stories ------------------------------------------------------------------------------------------
def test_story_list_has_languages_outlets_and_counts_most_recent_first(api_client):
    stories = items(api_client, "/api/stories")
    assert [s["id"] for s in stories] == ["s-xss", "s-chips", "s-visit"]
    visit = stories[2]
    assert set(visit["languages"]) == {"en", "fr", "vi"}
    assert visit["outlets"] == ["Global Desk", "Écho International", "VTT"]
    assert (visit["article_count"], visit["event_count"]) == (3, 3)
    assert visit["first_date"] == "2025-03-10"


@pytest.mark.parametrize(("params", "expected"), [
    ({"language": "fr"}, ["s-visit"]),
    ({"language": "EN"}, ["s-xss", "s-chips", "s-visit"]),
    ({"entity": "To Lam"}, ["s-visit"]),
    ({"entity": "tô lâm"}, ["s-visit"]),
    ({"entity": "org:samsung"}, ["s-chips"]),
    ({"entity": "Nobody Known"}, []),
    ({"q": "partenariat"}, ["s-visit"]),
    ({"q": "ROUND 7"}, ["s-chips"]),
    ({"q": "hoi dam"}, ["s-visit"]),  # accents folded
    ({"q": '" AND OR ( *'}, []),  # operators are words, never FTS syntax
    ({"date_from": "2025-05-01"}, ["s-xss", "s-chips"]),
    ({"date_from": "2025-05-02"}, ["s-xss"]),
    ({"date_to": "2025-03-10"}, ["s-visit"]),
    ({"date_from": "2025-03-11", "date_to": "2025-03-11"}, ["s-visit"]),
])
def test_story_filters(api_client, params, expected):
    assert [s["id"] for s in items(api_client, "/api/stories", **params)] == expected


def test_story_pages_cover_every_story_once(api_client):
    seen, pages = walk(api_client, "/api/stories", limit=1)
    assert [s["id"] for s in seen] == ["s-xss", "s-chips", "s-visit"] and pages == 3


def test_one_story_has_its_articles_events_evidence_and_no_comparison_yet(api_client):
    story = api_client.get("/api/stories/s-visit").json()
    assert [a["language"] for a in story["articles"]] == ["en", "fr", "vi"]
    assert story["articles"][0]["text"].startswith("To Lam met Macron")
    assert story["comparison"] is None
    consult = next(e for e in story["events"] if e["type"] == "CONSULT")
    assert consult["sources"] == 3 and set(consult["article_ids"]) == {"a-en", "a-fr", "a-vi"}
    texts = {a["id"]: a["text"] for a in story["articles"]}
    for e in consult["evidence"]:
        assert texts[e["article_id"]][e["start"]:e["end"]] == e["sentence"]


# -- events -------------------------------------------------------------------------------------------
def test_event_has_actors_place_and_evidence(api_client):
    event = api_client.get("/api/events/ev-demand").json()
    assert event["source"] == {"entity_id": "per:macron", "name": "Emmanuel Macron", "kind": "person",
                               "country": "FRA", "sector": "GOV"}
    assert event["target"]["name"] == "Vietnam"
    assert event["place"]["name"] == "Paris"
    assert event["evidence"] == [{
        "article_id": "a-en", "start": 38, "end": 80, "sentence": "Macron urged Vietnam to buy more aircraft.",
        "trigger": "urged", "modality": "asserted", "language": "en", "outlet": "Global Desk",
        "title": "To Lam meets Macron in Paris"}]


def test_events_newest_first_undated_last(api_client):
    events = items(api_client, "/api/events", limit=20)
    dates = [e["date"] for e in events]
    assert dates[0] == "2025-06-01"
    assert dates == sorted(dates, key=lambda d: d or "", reverse=True)
    oldest = items(api_client, "/api/events", limit=20, order="oldest")
    assert oldest[0]["date"] is None and oldest[1]["date"] == "2025-03-10"


@pytest.mark.parametrize(("params", "expected"), [
    ({"type": "AGREE"}, {"ev-agree"}),
    ({"actor": "To Lam"}, {"ev-consult", "ev-agree"}),
    ({"actor": "Tô Lâm"}, {"ev-consult", "ev-agree"}),
    ({"actor": "per:macron", "type": "DEMAND"}, {"ev-demand"}),
    ({"country": "FRA"}, {"ev-consult", "ev-demand", "ev-agree"}),
    ({"country": "fr", "type": "DEMAND"}, {"ev-demand"}),  # alpha-2: the place of the event counts too
    ({"country": "USA"}, {"ev-xss"}),
    ({"country": "ZZ"}, set()),
    ({"sector": "gov"}, {"ev-consult", "ev-demand", "ev-agree"}),
    ({"sector": "MED"}, {"ev-xss"}),
    ({"min_sources": 2}, {"ev-consult", "ev-agree"}),
    ({"min_sources": 3}, {"ev-consult"}),
    ({"date_from": "2025-03-11", "date_to": "2025-03-31"}, {"ev-agree"}),
    ({"story": "s-visit", "type": "CONSULT"}, {"ev-consult"}),
    ({"actor": "nobody at all"}, set()),
])
def test_event_filters(api_client, params, expected):
    assert {e["id"] for e in items(api_client, "/api/events", limit=20, **params)} == expected


def test_event_pages_walk_every_event_once_in_order(api_client):
    seen, pages = walk(api_client, "/api/events", limit=7)
    ids = [e["id"] for e in seen]
    assert len(ids) == len(set(ids)) == 34 and pages == 5
    assert ids == [e["id"] for e in walk(api_client, "/api/events", limit=20)[0]]


def test_event_pages_keep_their_filter(api_client):
    seen, _ = walk(api_client, "/api/events", limit=4, type="COOPERATE", order="oldest")
    assert [e["id"] for e in seen] == [f"ev-chips-{i:02d}" for i in range(0, 30, 3)]


def test_count_is_given_on_request(api_client):
    body = api_client.get("/api/events", params={"type": "CONSULT", "limit": 1, "count": "true"}).json()
    assert body["total"] == 21 and len(body["items"]) == 1
    assert api_client.get("/api/events", params={"limit": 1}).json()["total"] is None


def test_export_csv_has_every_filtered_event_and_defuses_formulas(api_client):
    response = api_client.get("/api/events/export", params={"format": "csv", "type": "CONSULT"})
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert len(rows) == 21 and {r["type"] for r in rows} == {"CONSULT"}
    xss = list(csv.DictReader(io.StringIO(api_client.get("/api/events/export", params={"sector": "MED"}).text)))
    assert xss[0]["source"] == "<img src=x onerror=alert(\"name\")>"
    formula = api_client.get("/api/events/export", params={"story": "s-visit", "type": "DEMAND"}).text
    assert "Macron urged Vietnam" in formula


def test_export_jsonl_has_the_api_shape(api_client):
    lines = api_client.get("/api/events/export", params={"format": "jsonl", "actor": "To Lam"}).text.splitlines()
    events = [json.loads(line) for line in lines]
    assert {e["id"] for e in events} == {"ev-consult", "ev-agree"} and events[0]["evidence"]


# -- entities -----------------------------------------------------------------------------------------
def test_entity_list_and_filters(api_client):
    names = [e["name"] for e in items(api_client, "/api/entities", limit=20)]
    assert names == sorted(names) and "Tô Lâm" in names
    assert [e["id"] for e in items(api_client, "/api/entities", q="to la")] == ["per:to-lam"]  # prefix, accents folded
    assert [e["id"] for e in items(api_client, "/api/entities", q="president")] == ["per:macron"]  # roles
    assert {e["id"] for e in items(api_client, "/api/entities", kind="country")} == {"cty:VNM"}  # France: in no text
    assert {e["id"] for e in items(api_client, "/api/entities", country="VN")} == {"per:to-lam", "cty:VNM"}
    assert [e["id"] for e in items(api_client, "/api/entities", sector="bus")] == ["org:samsung"]
    seen, pages = walk(api_client, "/api/entities", limit=2)
    assert len({e["id"] for e in seen}) == len(seen) == 6 and pages == 3


def test_entity_detail_has_names_by_language_network_timeline_and_events(api_client):
    lam = api_client.get("/api/entities/per:to-lam").json()
    assert lam["aliases"]["en"] == ["To Lam"] and lam["roles"] == ["General Secretary"]
    assert lam["event_count"] == 2
    assert lam["network"] == [{"entity_id": "per:macron", "name": "Emmanuel Macron", "kind": "person", "count": 2,
                               "as_source": 0, "as_target": 2, "types": {"AGREE": 1, "CONSULT": 1}}]
    assert lam["timeline"] == [{"date": "2025-03-10", "count": 1, "types": {"CONSULT": 1}},
                               {"date": "2025-03-11", "count": 1, "types": {"AGREE": 1}}]
    assert [s["id"] for s in lam["stories"]] == ["s-visit"]
    assert [e["id"] for e in lam["events"]["items"]] == ["ev-consult", "ev-agree"]


def test_entity_events_page(api_client):
    samsung = api_client.get("/api/entities/org:samsung", params={"limit": 10}).json()
    assert len(samsung["events"]["items"]) == 10 and samsung["events"]["next"]
    assert samsung["events"]["items"][0]["date"] is None  # oldest first: undated ones lead


# -- articles and search ------------------------------------------------------------------------------
def test_article_has_text_mentions_and_sources(api_client):
    a = api_client.get("/api/articles/a-fr").json()
    assert a["text"].startswith("Emmanuel Macron a reçu")
    assert {m["entity_id"] for m in a["mentions"]} >= {"per:macron", "per:to-lam"}
    assert a["sources"][0]["relation"] == "original"


def test_search_finds_articles_with_marked_snippets(api_client):
    [hit] = items(api_client, "/api/search", q="partenariat")
    assert hit["id"] == "a-fr"
    start, end = hit["marks"][0]
    assert hit["snippet"][start:end].lower() == "partenariat"
    assert [h["id"] for h in items(api_client, "/api/search", q="Paris", language="vi")] == ["a-vi"]
    assert items(api_client, "/api/search", q="!!!") == []


def test_search_pages(api_client):
    seen, pages = walk(api_client, "/api/search", q="round", limit=1)
    assert [h["id"] for h in seen] == ["a-chips"] and pages == 1


def test_untrusted_text_comes_back_verbatim_as_json(api_client):
    a = api_client.get("/api/articles/a-xss").json()
    assert a["text"].startswith(XSS_TEXT)
    assert a["url"] == "javascript:alert('url')"  # data, not a link: the pages decide what to link


# -- unknown ids --------------------------------------------------------------------------------------
@pytest.mark.parametrize("path", ["/api/stories/s-none", "/api/events/ev-none", "/api/entities/per:none",
                                  "/api/articles/none"])
def test_unknown_ids_are_404_with_the_error_body(api_client, path):
    response = api_client.get(path)
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found" and "No " in response.json()["error"]["message"]
