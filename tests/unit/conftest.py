"""Fixtures of the unit tests: a real HTTP server on 127.0.0.1, and settings that make fetching fast."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from newsloom.pipeline.components import Components
from newsloom.settings import Settings
from tests.unit.apidb import api_client, api_components, api_db  # noqa: F401  (fixtures of the API tests)
from tests.unit.webserver import Route, Server, Site

# Fetching as the tests need it: no politeness delay, quick timeouts and retries, small bodies.
WEB = Settings(
    fetch_delay_s=0.0, backoff_s=0.01, retries=1, connect_timeout_s=2.0, read_timeout_s=0.5, total_timeout_s=1.5,
    max_body_bytes=100_000, allow_private_addresses=True, progress=False, embedder="hash", analyzers="rules", workers=1,
)


@pytest.fixture
def site() -> Iterator[Site]:
    """A running server whose robots.txt allows everything; tests add routes."""
    with Server() as running:
        running.routes["/robots.txt"] = Route("User-agent: *\nAllow: /\n", content_type="text/plain")
        yield running


@pytest.fixture(scope="session")
def web_components() -> Components:
    """The fast stand-ins for the models, loaded once for every web test."""
    return Components(WEB)
