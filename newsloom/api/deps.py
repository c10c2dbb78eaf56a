"""What a request needs before its endpoint runs: a store connection of its own, its filters, its page.

The app holds a Store; each request reads through its own connection
(``Store.handle``), opened here and closed when the request is done, because a
SQLite connection serves one thread at a time and FastAPI serves requests in a
pool of threads.
"""

from collections.abc import Callable, Iterator
from datetime import date
from enum import Enum
from typing import Any

from fastapi import Query, Request

from newsloom.api.errors import ApiError
from newsloom.api.schemas import EntityKind, EventType
from newsloom.model.contract import Store
from newsloom.model.reads import EntityFilter, EventFilter, PageRequest, StoryFilter

DEFAULT_LIMIT = 50


class Order(str, Enum):
    newest = "newest"
    oldest = "oldest"

LANGUAGE = r"^[A-Za-z]{2,3}$"
COUNTRY = r"^[A-Za-z]{2,3}$"


def read_store(request: Request) -> Iterator[Store]:
    store = request.app.state.store.handle(read_only=True)
    try:
        yield store
    finally:
        store.close()


def with_comparison(request: Request, story: dict[str, Any]) -> dict[str, Any]:
    """``story`` (a story detail) with its source comparison, computed on this first view when the pipeline
    left it for later (setting compare_on_ingest) or the story changed since; a one-source story has none.
    With the setting compare_on_view off (a database served read-only), a missing comparison stays missing."""
    if (story["comparison"] is None and request.app.state.settings.compare_on_view
            and len({a.get("outlet") or a["id"] for a in story["articles"]}) >= 2):
        story["comparison"] = request.app.state.writer.comparison(story["id"])
    return story


def page_params(max_limit: int) -> Callable[..., PageRequest]:
    """The ?limit= and ?cursor= of a listing, with the largest page the settings allow."""

    def page(
        limit: int = Query(min(DEFAULT_LIMIT, max_limit), ge=1, le=max_limit,
                           description=f"rows per page, at most {max_limit}"),
        cursor: str | None = Query(None, min_length=1, max_length=1000,
                                   description="the 'next' value of the previous page"),
    ) -> PageRequest:
        return PageRequest(limit, cursor)

    return page


def _check_range(date_from: date | None, date_to: date | None) -> None:
    if date_from and date_to and date_from > date_to:
        raise ApiError(422, f"Invalid request: date_from {date_from} is after date_to {date_to}.", "invalid_request",
                       [{"location": "query.date_from", "message": f"{date_from} is after date_to {date_to}"}])


def event_filter(
    type: EventType | None = Query(None, description="a PLOVER event type"),
    actor: str | None = Query(None, min_length=1, max_length=200,
                              description="source or target: a name in any language or spelling, or an entity id"),
    country: str | None = Query(None, pattern=COUNTRY,
                                description="ISO 3166 alpha-2 or alpha-3 code of the source, the target or the place"),
    sector: str | None = Query(None, min_length=1, max_length=40, description="sector of the source or target: GOV, MIL, ..."),
    date_from: date | None = Query(None, description="events on or after this day (YYYY-MM-DD)"),
    date_to: date | None = Query(None, description="events on or before this day (YYYY-MM-DD)"),
    min_sources: int | None = Query(None, ge=1, le=10_000,
                                    description="events carried by at least this many distinct sources (outlets)"),
    story: str | None = Query(None, min_length=1, max_length=200, description="events of this story"),
    order: Order = Query(Order.newest, description="newest or oldest first"),
) -> EventFilter:
    _check_range(date_from, date_to)
    return EventFilter(type=type.value if type else None, actor=actor, country=country, sector=sector,
                       date_from=date_from, date_to=date_to, min_sources=min_sources, story=story,
                       oldest_first=order is Order.oldest)


def story_filter(
    date_from: date | None = Query(None, description="stories going on at or after this day"),
    date_to: date | None = Query(None, description="stories that began on or before this day"),
    language: str | None = Query(None, pattern=LANGUAGE, description="with an article in this language (ISO 639)"),
    entity: str | None = Query(None, min_length=1, max_length=200, description="naming this entity (a name or an id)"),
    q: str | None = Query(None, min_length=1, max_length=500, description="words found in one of its articles"),
) -> StoryFilter:
    _check_range(date_from, date_to)
    return StoryFilter(date_from=date_from, date_to=date_to, language=language, entity=entity, q=q)


def entity_filter(
    q: str | None = Query(None, min_length=1, max_length=200,
                          description="words of a name, alias or role; the last word may be cut short"),
    kind: EntityKind | None = Query(None),
    country: str | None = Query(None, pattern=COUNTRY),
    sector: str | None = Query(None, min_length=1, max_length=40),
) -> EntityFilter:
    return EntityFilter(q=q, kind=kind.value if kind else None, country=country, sector=sector)
