"""GET /api/events (filtered, paginated), /api/events/export (the same filter as CSV or JSON Lines), /api/events/{id}."""

from collections.abc import Iterator
from enum import Enum
from typing import Any

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import StreamingResponse

from newsloom.api.deps import event_filter, page_params, read_store
from newsloom.api.errors import ApiError
from newsloom.api.schemas import EventOut, EventPage
from newsloom.export.writers import csv_chunks, jsonl_chunks
from newsloom.model.contract import Store
from newsloom.model.reads import EventFilter, PageRequest
from newsloom.model.rows import EventRow
from newsloom.settings import Settings


class ExportFormat(str, Enum):
    csv = "csv"
    jsonl = "jsonl"


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

        def events() -> Iterator[dict[str, Any]]:
            try:
                yield from store.iter_export_events(f, limit)
            finally:
                store.close()

        if format is ExportFormat.csv:
            body, media, suffix = csv_chunks(events()), "text/csv; charset=utf-8", "csv"
        else:
            body, media, suffix = jsonl_chunks(events()), "application/x-ndjson; charset=utf-8", "jsonl"
        return StreamingResponse(body, media_type=media,
                                 headers={"content-disposition": f'attachment; filename="events.{suffix}"'})

    @router.get("/{event_id}", response_model=EventOut, summary="One event with its evidence")
    def get_event(event_id: str = Path(max_length=200), store: Store = Depends(read_store)) -> EventRow:
        event = store.event_detail(event_id)
        if event is None:
            raise ApiError(404, f"No event with id {event_id!r}. GET /api/events lists them.")
        return event

    return router
