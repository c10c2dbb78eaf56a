"""The property-based checks of tests/api_properties.py: many generated requests per operation and page,
where a rare request that fails the server is looked for."""

from __future__ import annotations

import pytest

from tests.api_properties import (  # noqa: F401  (app, api_schema, client: module fixtures)
    OPERATIONS,
    api_schema,
    app,
    check_detail_pages,
    check_operation,
    check_pages,
    client,
)
from tests.unit.apidb import api_components, api_db  # noqa: F401  (fixtures the app is built from)

pytestmark = pytest.mark.integration
DEEP_EXAMPLES = 60


@pytest.mark.parametrize(("method", "path"), OPERATIONS)
def test_no_generated_request_fails_the_server(api_schema, method, path):  # noqa: F811
    check_operation(api_schema, method, path, DEEP_EXAMPLES)


def test_no_page_fails_whatever_its_query(client):  # noqa: F811
    check_pages(client, DEEP_EXAMPLES * 4)


def test_no_id_fails_a_detail_page(client):  # noqa: F811
    check_detail_pages(client, DEEP_EXAMPLES)
