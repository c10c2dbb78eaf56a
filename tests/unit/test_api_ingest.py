"""POST /api/ingest: the token guard, validation and limits, documents and URLs through the pipeline."""

from __future__ import annotations

import shutil

import pytest

from tests.unit.apidb import TOKEN, writable_client
from tests.unit.conftest import WEB
from tests.unit.webpages import STRIKE, page
from tests.unit.webserver import Route

AUTH = {"authorization": f"Bearer {TOKEN}"}
DOC = {"title": "Harbour strike ends", "text": "Dock workers in Rotterdam ended their strike on Tuesday after a pay deal.",
       "outlet": "Coastline Daily", "language": "en", "published": "2025-06-10T08:00:00Z",
       "url": "https://coastline.test/strike"}


@pytest.fixture
def db(api_db, tmp_path):
    copy = tmp_path / "api.db"
    shutil.copy(api_db, copy)
    return copy


@pytest.fixture
def writer(db, api_components):
    with writable_client(db, api_components) as c:
        yield c


@pytest.fixture(scope="module")
def refusing(api_db, api_components, tmp_path_factory):
    """One writable app for the requests that must be refused before anything is written (an app costs
    a tenth of a second to build); the tests that write use ``writer``, a fresh database each."""
    copy = tmp_path_factory.mktemp("refusing") / "api.db"
    shutil.copy(api_db, copy)
    with writable_client(copy, api_components) as c:
        yield c


def test_writes_are_refused_without_a_configured_token(api_client):
    response = api_client.post("/api/ingest", json={"documents": [DOC]}, headers=AUTH)
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "writes_disabled"
    assert "NEWSLOOM_API_TOKEN" in response.json()["error"]["message"]


@pytest.mark.parametrize("headers", [{}, {"authorization": "Bearer wrong"}, {"authorization": TOKEN},
                                     {"authorization": "Basic " + TOKEN}, {"authorization": "Bearer "}])
def test_a_missing_or_wrong_token_is_401(refusing, headers):
    response = refusing.post("/api/ingest", json={"documents": [DOC]}, headers=headers)
    assert response.status_code == 401
    assert response.headers["www-authenticate"].startswith("Bearer")
    assert response.json()["error"]["code"] == "unauthorized"


def test_the_token_is_checked_before_the_body_is_read(refusing):
    response = refusing.post("/api/ingest", content=b"{not json", headers={"content-type": "application/json"})
    assert response.status_code == 401


def test_documents_are_ingested_and_readable_at_once(writer):
    response = writer.post("/api/ingest", json={"documents": [DOC]}, headers=AUTH)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["failed"] == [] and len(body["added"]) == 1
    article_id = body["added"][0]["id"]
    article = writer.get(f"/api/articles/{article_id}").json()
    assert article["text"] == DOC["text"] and article["outlet"] == "Coastline Daily"
    assert [h["id"] for h in writer.get("/api/search", params={"q": "Rotterdam"}).json()["items"]] == [article_id]
    again = writer.post("/api/ingest", json={"documents": [DOC]}, headers=AUTH).json()
    assert again["added"] == [] and again["present"] == 1


def test_a_second_writer_is_noticed(writer, db, api_components):
    """Another process writing to the database makes the served pipeline reload its state."""
    writer.post("/api/ingest", json={"documents": [DOC]}, headers=AUTH)
    with writable_client(db, api_components) as other:
        other.post("/api/ingest", json={"documents": [{**DOC, "text": DOC["text"] + " Ships are moving again."}]},
                   headers=AUTH)
    third = writer.post("/api/ingest", json={"documents": [{**DOC, "url": "https://other.test/x",
                                                              "text": "Ferries in Rotterdam resumed service."}]},
                        headers=AUTH).json()
    assert len(third["added"]) == 1


@pytest.mark.parametrize(("body", "status", "location"), [
    ({}, 422, "body"),
    ({"documents": []}, 422, "body"),
    ({"documents": [{"title": "no text"}]}, 422, "body.documents.0"),
    ({"documents": [{"text": "   "}]}, 422, "body.documents.0"),
    ({"documents": [{**DOC, "colour": "red"}]}, 422, "body.documents.0.colour"),
    ({"documents": [{"text": 42}]}, 422, "body.documents.0.text"),
    ({"documents": "text"}, 422, "body.documents"),
    ({"urls": ["ftp://example.test/feed"]}, 422, "body.urls.0"),
    ({"urls": ["not a url"]}, 422, "body.urls.0"),
    ([DOC], 422, "body"),
])
def test_invalid_bodies_say_where_the_problem_is(refusing, body, status, location):
    response = refusing.post("/api/ingest", json=body, headers=AUTH)
    assert response.status_code == status, response.text
    assert location in [d["location"] for d in response.json()["error"]["details"]]


def test_malformed_json_is_400(refusing):
    response = refusing.post("/api/ingest", content=b'{"documents": [', headers={**AUTH, "content-type": "application/json"})
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "malformed_json"


def test_a_body_that_is_not_json_is_415(refusing):
    response = refusing.post("/api/ingest", content=b"text=hello", headers={**AUTH, "content-type": "text/plain"})
    assert response.status_code == 415


def test_too_many_documents_is_413(refusing):
    response = refusing.post("/api/ingest", json={"documents": [DOC] * 6}, headers=AUTH)
    assert response.status_code == 413 and "api_max_documents" in response.json()["error"]["message"]


def test_urls_are_fetched_through_the_pipeline(db, api_components, site):
    site.routes["/news/strike"] = Route(page("Harbour strike", STRIKE, site_name="Coastline Daily"))
    overrides = {f: getattr(WEB, f) for f in ("fetch_delay_s", "allow_private_addresses", "retries",
                                               "connect_timeout_s", "read_timeout_s", "total_timeout_s")}
    with writable_client(db, api_components, **overrides) as c:
        body = c.post("/api/ingest", json={"urls": [site.url("/news/strike"), site.url("/missing")]},
                      headers=AUTH).json()
    assert [a["origin"] for a in body["added"]] == [site.url("/news/strike")]
    assert [f["origin"] for f in body["failed"]] == [site.url("/missing")]


def test_private_addresses_are_refused_by_default(db, api_components, site):
    site.routes["/news/strike"] = Route(page("Harbour strike", STRIKE))
    with writable_client(db, api_components) as c:
        body = c.post("/api/ingest", json={"urls": [site.url("/news/strike")]}, headers=AUTH).json()
    assert body["added"] == [] and "address" in body["failed"][0]["reason"]
