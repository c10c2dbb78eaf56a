"""The rows the store's read side returns, typed: the same shapes the API sends (``api/schemas.py``).

The store builds them (a type checker holds it to these keys and types); the API's schemas describe
them for OpenAPI, and a test keeps both field for field the same (``tests/unit/test_rows.py``).
"""

from __future__ import annotations

from typing import Any, TypedDict


class ActorRow(TypedDict):
    entity_id: str
    name: str
    kind: str | None
    country: str | None
    sector: str | None


class PlaceRow(TypedDict):
    entity_id: str
    name: str
    country: str | None
    geonameid: int | None


class EvidenceRow(TypedDict):
    """One sentence of one article that reports an event; ``start``/``end`` index the article's text."""

    article_id: str
    start: int
    end: int
    sentence: str
    trigger: str
    modality: str
    language: str | None
    outlet: str | None
    title: str


class EventRow(TypedDict):
    id: str
    type: str
    mode: str | None
    modality: str
    source: ActorRow | None
    target: ActorRow | None
    date: str | None
    place: PlaceRow | None
    story_id: str
    article_ids: list[str]
    sources: int
    articles: int
    languages: list[str]
    confidence: float
    evidence: list[EvidenceRow]


class StoryEntityRow(TypedDict):
    id: str
    name: str
    kind: str
    articles: int


class StorySummaryRow(TypedDict):
    id: str
    title: str
    titles: dict[str, str]
    languages: list[str]
    outlets: list[str]
    article_count: int
    event_count: int
    first_date: str | None
    last_date: str | None
    entities: list[StoryEntityRow]


class SourceRow(TypedDict):
    """Where an article was found: its first report or a copy."""

    origin: str
    relation: str
    similarity: float
    url: str | None
    outlet: str | None
    author: str | None
    published: str | None
    added_at: str


class EntitySummaryRow(TypedDict):
    id: str
    name: str
    kind: str
    country: str | None
    sector: str | None
    aliases: dict[str, list[str]]
    roles: list[str]
    geonameid: int | None
    event_count: int


Row = dict[str, Any]  # a shape not yet typed
