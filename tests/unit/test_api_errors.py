"""One error body for every failure, with a status that fits; limits; security headers."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from newsloom.api import create_app
from newsloom.api.middleware import CONTENT_SECURITY_POLICY
from newsloom.store import open_store
from tests.unit.apidb import SETTINGS


def error_of(response, status):
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"status", "code", "message", "details"}
    assert body["error"]["status"] == status and body["error"]["message"]
    return body["error"]


@pytest.mark.parametrize(("path", "status", "code", "says"), [
    ("/api/nowhere", 404, "not_found", "/api/nowhere"),
    ("/api/events/ev-missing", 404, "not_found", "ev-missing"),
    ("/api/events?limit=0", 422, "invalid_request", "query.limit"),
    ("/api/events?limit=21", 422, "invalid_request", "less than or equal to 20"),
    ("/api/events?limit=many", 422, "invalid_request", "query.limit"),
    ("/api/events?type=MEET", 422, "invalid_request", "'CONSULT'"),  # lists the valid types
    ("/api/events?date_from=2025-13-01", 422, "invalid_request", "query.date_from"),
    ("/api/events?date_from=2025-05-01&date_to=2025-04-01", 422, "invalid_request", "after date_to"),
    ("/api/events?min_sources=-1", 422, "invalid_request", "query.min_sources"),
    ("/api/events?country=France", 422, "invalid_request", "query.country"),
    ("/api/events?order=random", 422, "invalid_request", "'newest'"),
    ("/api/events?cursor=not-a-cursor", 400, "bad_request", "cursor"),
    ("/api/events?cursor=WyJ4Il0", 400, "bad_request", "cursor"),  # valid base64 JSON, wrong shape
    ("/api/stories?cursor=WzFd", 400, "bad_request", "cursor"),
    ("/api/search?q=", 422, "invalid_request", "query.q"),
    ("/api/search", 422, "invalid_request", "query.q"),
    ("/api/search?q=x&cursor=WyJhIl0", 400, "bad_request", "cursor"),
    ("/api/entities?kind=animal", 422, "invalid_request", "query.kind"),
    ("/api/events/export?format=xlsx", 422, "invalid_request", "query.format"),
    ("/api/stories/" + "x" * 300, 422, "invalid_request", "path.story_id"),
])
def test_bad_requests_get_the_error_body(api_client, path, status, code, says):
    error = error_of(api_client.get(path), status)
    assert error["code"] == code
    assert says in error["message"] + " ".join(d["location"] + " " + d["message"] for d in error["details"])


def test_validation_details_name_every_problem(api_client):
    error = error_of(api_client.get("/api/events", params={"limit": 0, "min_sources": 0}), 422)
    assert {d["location"] for d in error["details"]} == {"query.limit", "query.min_sources"}
    assert "and 1 more problem" in error["message"]


def test_wrong_method_is_405(api_client):
    error = error_of(api_client.delete("/api/events"), 405)
    assert error["code"] == "method_not_allowed"


def test_declared_oversized_body_is_refused_before_it_is_read(api_client):
    response = api_client.post("/api/ingest", content=b"x" * 60_000, headers={"content-type": "application/json"})
    error = error_of(response, 413)
    assert "api_max_body_bytes" in error["message"]


def test_streamed_oversized_body_is_refused_too(api_db):
    from tests.unit.apidb import TOKEN, writable_client

    def chunks():
        for _ in range(100):
            yield b"x" * 1000

    with writable_client(api_db, None) as c:  # type: ignore[arg-type]
        response = c.post("/api/ingest", content=chunks(),
                          headers={"content-type": "application/json", "authorization": f"Bearer {TOKEN}"})
    error_of(response, 413)


def test_unexpected_errors_are_500_with_the_body_and_no_internals(api_db):
    class Broken:
        def __init__(self, store):
            self.store = store

        def handle(self, read_only=True):
            return self

        def close(self):
            pass

        def story_page(self, f, page):
            raise RuntimeError("secret internals")

    app = create_app(Broken(open_store(api_db)), SETTINGS)  # type: ignore[arg-type]
    with TestClient(app, raise_server_exceptions=False) as c:
        error = error_of(c.get("/api/stories"), 500)
        assert error["code"] == "internal_error" and "secret" not in error["message"]
        page = c.get("/stories")
        assert page.status_code == 500 and page.headers["content-type"].startswith("text/html")


def test_every_answer_carries_the_security_headers(api_client):
    for response in (api_client.get("/api/stories"), api_client.get("/stories"), api_client.get("/api/nowhere"),
                     api_client.get("/static/style.css"), api_client.post("/api/ingest", content=b"x" * 60_000)):
        assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
        assert response.headers["x-content-type-options"] == "nosniff"
    assert "script-src 'self'" in CONTENT_SECURITY_POLICY and "unsafe-inline" not in CONTENT_SECURITY_POLICY


def test_pages_answer_errors_as_html(api_client):
    response = api_client.get("/events/ev-missing")
    assert response.status_code == 404 and response.headers["content-type"].startswith("text/html")
    assert "No event with id" in response.text
    bad = api_client.get("/events", params={"min_sources": "lots"})
    assert bad.status_code == 422 and "query.min_sources" in bad.text


def test_openapi_schema_documents_the_error_body(api_client):
    schema = api_client.get("/openapi.json").json()
    assert "ErrorBody" in schema["components"]["schemas"]
    assert "HTTPValidationError" not in schema["components"]["schemas"]
    responses = schema["paths"]["/api/events"]["get"]["responses"]
    assert responses["422"]["content"]["application/json"]["schema"]["$ref"].endswith("/ErrorBody")
    assert "/docs" not in schema["paths"]  # the interactive docs would load scripts from a CDN
    assert api_client.get("/docs").status_code == 404
