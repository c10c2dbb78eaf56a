"""Property-based checks: schemathesis sends requests generated from /openapi.json, Hypothesis tries the pages.

No request may make the server fail (5xx); every answer conforms to the schema,
and every failure has the one error body. tests/integration/test_api_properties_deep.py
runs them (schemathesis alone takes seconds to import: not for the unit layer).
"""

from __future__ import annotations

import shutil
from dataclasses import replace
from urllib.parse import quote

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from newsloom.api import create_app
from newsloom.store import open_store
from tests.unit.apidb import SETTINGS, TOKEN


def relaxed(examples: int) -> settings:
    return settings(max_examples=examples, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)


@pytest.fixture(scope="module")
def app(api_db, api_components, tmp_path_factory):
    path = tmp_path_factory.mktemp("properties") / "api.db"
    shutil.copy(api_db, path)  # POST /api/ingest writes: a copy of its own
    return create_app(open_store(path), replace(SETTINGS, api_token=TOKEN), api_components)


@pytest.fixture(scope="module")
def api_schema(app):
    return schemathesis.openapi.from_asgi("/openapi.json", app)


# the operations, read from the schema of an app without a database (building the schema reads none)
OPERATIONS = [(method.upper(), path) for path, item in create_app(None, SETTINGS).openapi()["paths"].items()  # type: ignore[arg-type]
              for method in item]


def check_operation(api_schema, method: str, path: str, examples: int) -> None:
    operation = api_schema[path][method]
    strategy = st.one_of(operation.as_strategy(GenerationMode.POSITIVE), operation.as_strategy(GenerationMode.NEGATIVE))

    @given(case=strategy)
    @relaxed(examples)
    def check(case):
        response = case.call(headers={"authorization": f"Bearer {TOKEN}"})
        case.validate_response(response, checks=[not_a_server_error, response_schema_conformance])
        if response.status_code >= 400:
            error = response.json()["error"]
            assert error["status"] == response.status_code and error["message"]

    check()


@pytest.fixture(scope="module")
def client(app):
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


PARAMS = st.dictionaries(
    st.sampled_from(["type", "actor", "country", "sector", "date_from", "date_to", "min_sources", "cursor", "limit",
                     "q", "language", "entity", "kind", "order", "story"]),
    st.one_of(st.text(max_size=30), st.integers(-5, 200).map(str), st.sampled_from(["CONSULT", "2025-03-10", "FRA"])),
    max_size=4)


def check_pages(client, examples: int) -> None:
    @given(path=st.sampled_from(["/stories", "/events", "/entities", "/search", "/entities/per:to-lam",
                                 "/api/events/export"]), params=PARAMS)
    @relaxed(examples)
    def check(path, params):
        response = client.get(path, params=params)
        assert response.status_code < 500, (path, params, response.text[:300])
        assert response.status_code in (200, 400, 422), (path, params, response.status_code)

    check()


def check_detail_pages(client, examples: int) -> None:
    @given(segment=st.text(min_size=1, max_size=40).filter(lambda s: "/" not in s and s not in (".", "..")))
    @relaxed(examples)
    def check(segment):
        for prefix in ("/api/stories/", "/api/events/", "/api/entities/", "/api/articles/", "/stories/", "/entities/"):
            response = client.get(prefix + quote(segment, safe=""))
            assert response.status_code in (200, 404, 422), (prefix, segment, response.status_code)

    check()
