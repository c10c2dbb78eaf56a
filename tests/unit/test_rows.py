"""The store's typed rows and the API's schemas describe the same shapes, field for field."""

from __future__ import annotations

import pytest

from newsloom.api import schemas
from newsloom.model import rows

PAIRS = [
    (rows.ActorRow, schemas.Actor), (rows.PlaceRow, schemas.PlaceRef), (rows.EvidenceRow, schemas.Evidence),
    (rows.EventRow, schemas.EventOut), (rows.StoryEntityRow, schemas.StoryEntity),
    (rows.StorySummaryRow, schemas.StorySummary), (rows.SourceRow, schemas.SourceReport),
    (rows.EntitySummaryRow, schemas.EntitySummary),
]


@pytest.mark.parametrize(("row", "schema"), PAIRS, ids=[s.__name__ for _, s in PAIRS])
def test_a_row_and_its_schema_have_the_same_fields(row, schema):
    assert set(row.__required_keys__ | row.__optional_keys__) == set(schema.model_fields)


def test_a_stored_event_is_a_valid_api_event(tmp_path):
    from tests.unit.apidb import build_api_db

    store = build_api_db(tmp_path / "a.db")
    [event, *_] = store.story_events(store.story_ids()[0])
    assert schemas.EventOut.model_validate(event).model_dump() == event
