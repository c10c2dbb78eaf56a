"""The HTTP API in process against the sample corpus ingested by the real pipeline.

Event coding improves over time, so these tests check what holds for any
output: that each filter returns what it says, that spellings meet, that pages
cover a listing, that evidence cuts back out of the stored text.
"""

from __future__ import annotations

import csv
import io

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from newsloom.api import create_app
from newsloom.settings import Settings
from newsloom.store import open_store
from tests.integration.conftest import XSS_MARKUP

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def app(corpus_db):
    return create_app(open_store(corpus_db), Settings(progress=False))


@pytest.fixture(scope="module")
def client(app):
    with TestClient(app) as c:
        yield c


def get(client, path, **params):
    response = client.get(path, params=params)
    assert response.status_code == 200, response.text
    return response.json()


def walk(client, path, **params):
    out, cursor = [], None
    while True:
        body = get(client, path, **params, **({"cursor": cursor} if cursor else {}))
        out += body["items"]
        cursor = body["next"]
        if cursor is None:
            return out


def test_every_story_is_listed_once_across_pages(client):
    stories = walk(client, "/api/stories", limit=2)
    assert len(stories) == len({s["id"] for s in stories}) >= 9  # 8 written stories and the payload article
    assert sum(s["article_count"] for s in stories) == 35
    assert all(s["languages"] and s["outlets"] for s in stories)


def test_a_cross_lingual_story_has_its_articles_events_and_evidence(client):
    [story] = get(client, "/api/stories", q="Samsung", language="vi")["items"]
    detail = get(client, f"/api/stories/{story['id']}")
    assert {a["language"] for a in detail["articles"]} == {"vi", "en", "fr"}
    assert detail["events"] and detail["comparison"]["aligned"]
    texts = {a["id"]: a["text"] for a in detail["articles"]}
    for group in detail["comparison"]["aligned"]:
        assert len({s["source"] for s in group["sentences"]}) >= 2
        assert all(texts[s["article_id"]][s["start"]:s["end"]] == s["text"] for s in group["sentences"])
    for event in detail["events"]:
        assert 1 <= event["sources"] <= event["articles"] == len(set(event["article_ids"]))
        for e in event["evidence"]:
            assert texts[e["article_id"]][e["start"]:e["end"]] == e["sentence"]


def test_spellings_of_one_actor_give_the_same_events(client):
    spellings = ("Pham Minh Chinh", "Phạm Minh Chính", "pham minh chinh", "per:pham-minh-chinh")
    results = [{e["id"] for e in walk(client, "/api/events", actor=s, limit=50)} for s in spellings]
    assert results[0] and all(r == results[0] for r in results)


@pytest.mark.parametrize(("params", "holds"), [
    ({"type": "DEMAND"}, lambda e: e["type"] == "DEMAND"),
    ({"min_sources": 2}, lambda e: e["sources"] >= 2 and len(e["article_ids"]) >= 2),
    ({"date_from": "2025-05-01", "date_to": "2025-05-31"}, lambda e: "2025-05-01" <= (e["date"] or "") <= "2025-05-31"),
    ({"sector": "GOV"}, lambda e: "GOV" in ((e["source"] or {}).get("sector"), (e["target"] or {}).get("sector"))),
    ({"country": "VNM"}, lambda e: "VNM" in ((e["source"] or {}).get("country"), (e["target"] or {}).get("country"))
     or (e["place"] or {}).get("country") == "VN"),
])
def test_event_filters_return_what_they_say(client, params, holds):
    events = walk(client, "/api/events", limit=25, **params)
    assert events, params
    assert all(holds(e) for e in events), params
    assert get(client, "/api/events", limit=1, count="true", **params)["total"] == len(events)


def test_export_has_the_events_of_the_filter(client):
    total = get(client, "/api/events", count="true", type="CONSULT", limit=1)["total"]
    rows = list(csv.DictReader(io.StringIO(client.get("/api/events/export", params={"type": "CONSULT"}).text)))
    assert len(rows) == total and all(r["type"] == "CONSULT" for r in rows)


def test_entity_has_names_in_several_languages_and_a_network(client):
    [found] = [e for e in get(client, "/api/entities", q="pham minh")["items"] if e["id"] == "per:pham-minh-chinh"]
    detail = get(client, f"/api/entities/{found['id']}")
    assert {"vi", "en"} <= set(detail["aliases"])
    assert detail["network"] and detail["timeline"] and detail["stories"]
    assert detail["event_count"] == len(walk(client, "/api/events", actor=found["id"], limit=50))


def test_search_ignores_accents_and_finds_several_languages(client):
    hits = walk(client, "/api/search", q="Samsung", limit=3)
    assert {h["language"] for h in hits} >= {"vi", "en", "fr"}
    assert {h["id"] for h in walk(client, "/api/search", q="Viet Nam")} == \
        {h["id"] for h in walk(client, "/api/search", q="Việt Nam")}


def test_the_payload_article_is_stored_as_text(client):
    [hit] = get(client, "/api/search", q="cranes idle")["items"]
    assert XSS_MARKUP in get(client, f"/api/articles/{hit['id']}")["text"]


EXAMPLES = 20
OPERATIONS = [(m.upper(), p) for p, item in create_app(None, Settings()).openapi()["paths"].items()  # type: ignore[arg-type]
              for m in item]


@pytest.fixture(scope="module")
def api_schema(app):
    return schemathesis.openapi.from_asgi("/openapi.json", app)


@pytest.mark.parametrize(("method", "path"), OPERATIONS)
def test_no_generated_request_fails_on_the_corpus(api_schema, method, path):
    operation = api_schema[path][method]

    @given(case=st.one_of(operation.as_strategy(GenerationMode.POSITIVE), operation.as_strategy(GenerationMode.NEGATIVE)))
    @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
    def check(case):
        response = case.call()
        case.validate_response(response, checks=[not_a_server_error, response_schema_conformance])

    check()
