"""GET /api/events (filtered, paginated), /api/events/export (the same filter as CSV or JSON Lines), /api/events/{id}."""

import csv
import io
import json
from collections.abc import Iterator
from enum import Enum
from typing import Any

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import StreamingResponse

from newsloom.api.deps import event_filter, page_params, read_store
from newsloom.api.errors import ApiError
from newsloom.api.schemas import EventOut, EventPage
from newsloom.settings import Settings
from newsloom.store.base import Store
from newsloom.store.pages import EventFilter, PageRequest

EXPORT_COLUMNS = ("id", "type", "date", "source", "source_id", "target", "target_id", "place", "place_id",
                  "modality", "mode", "confidence", "sources", "story_id", "article_ids", "evidence")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class ExportFormat(str, Enum):
    csv = "csv"
    jsonl = "jsonl"


def export_row(event: dict[str, Any]) -> dict[str, Any]:
    """An event as one flat row of the export."""
    source, target, place = event["source"] or {}, event["target"] or {}, event["place"] or {}
    return {
        "id": event["id"], "type": event["type"], "date": event["date"], "source": source.get("name"),
        "source_id": source.get("entity_id"), "target": target.get("name"), "target_id": target.get("entity_id"),
        "place": place.get("name"), "place_id": place.get("entity_id"), "modality": event["modality"],
        "mode": event["mode"], "confidence": event["confidence"], "sources": event["sources"],
        "story_id": event["story_id"], "article_ids": " ".join(event["article_ids"]),
        "evidence": " | ".join(e["sentence"] for e in event["evidence"]),
    }


def _cell(value: Any) -> Any:
    """A spreadsheet must not run text from a feed as a formula: such a cell starts with a quote."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _csv_lines(rows: Iterator[dict[str, Any]]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=EXPORT_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _cell(v) for k, v in row.items()})
        if buffer.tell() > 65_536:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def build_router(settings: Settings) -> APIRouter:
    router = APIRouter(prefix="/api/events", tags=["events"])
    page = page_params(settings.api_max_page_size)

    @router.get("", response_model=EventPage, summary="Events, newest first, filtered")
    def list_events(f: EventFilter = Depends(event_filter), paging: PageRequest = Depends(page),
                    count: bool = Query(False, description="also count every event matching the filter"),
                    store: Store = Depends(read_store)) -> dict[str, Any]:
        result = store.event_page(f, paging)
        return {"items": result.items, "next": result.next, "total": store.count_events(f) if count else None}

    @router.get("/export", summary="Every event matching the filter, as CSV or JSON Lines",
                response_class=StreamingResponse,
                responses={200: {"content": {"text/csv": {}, "application/x-ndjson": {}},
                                 "description": "one event per row or line"}})
    def export_events(request: Request, f: EventFilter = Depends(event_filter),
                      format: ExportFormat = Query(ExportFormat.csv)) -> StreamingResponse:
        # the connection lives as long as the stream, so it is opened here and closed by the generator
        store = request.app.state.store.handle(read_only=True)
        limit = settings.api_max_export_rows

        def rows() -> Iterator[dict[str, Any]]:
            try:
                for event in store.iter_events(f, limit):
                    yield export_row(event) if format is ExportFormat.csv else event
            finally:
                store.close()

        if format is ExportFormat.csv:
            body: Iterator[str] = _csv_lines(rows())
            media, suffix = "text/csv; charset=utf-8", "csv"
        else:
            body = (json.dumps(event, ensure_ascii=False) + "\n" for event in rows())
            media, suffix = "application/x-ndjson; charset=utf-8", "jsonl"
        return StreamingResponse(body, media_type=media,
                                 headers={"content-disposition": f'attachment; filename="events.{suffix}"'})

    @router.get("/{event_id}", response_model=EventOut, summary="One event with its evidence")
    def get_event(event_id: str = Path(max_length=200), store: Store = Depends(read_store)) -> dict[str, Any]:
        event = store.event_detail(event_id)
        if event is None:
            raise ApiError(404, f"No event with id {event_id!r}. GET /api/events lists them.")
        return event

    return router
