"""What the read side's filtered listings take and give: filters, a page request, a page; and what an import
of actors changed. Records only: the cursors' encoding lives with the store (store/pages.py)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any


@dataclass(frozen=True, slots=True)
class PageRequest:
    limit: int = 50
    cursor: str | None = None


@dataclass(frozen=True, slots=True)
class Page:
    items: list[Any]  # rows of model/rows.py (EventRow, StorySummaryRow, ...)
    next: str | None = None  # the cursor of the following page; None on the last one


@dataclass(frozen=True, slots=True)
class EventFilter:
    type: str | None = None  # a PLOVER type
    actor: str | None = None  # a name in any language or spelling, or an entity id; source or target
    country: str | None = None  # ISO 3166 alpha-2 or alpha-3: of the source, the target or the place
    sector: str | None = None  # of the source or the target (GOV, MIL, ...)
    date_from: date | None = None
    date_to: date | None = None
    min_sources: int | None = None  # distinct sources (outlets) carrying the evidence
    story: str | None = None
    oldest_first: bool = False


@dataclass(frozen=True, slots=True)
class StoryFilter:
    date_from: date | None = None  # stories whose span overlaps [date_from, date_to]
    date_to: date | None = None
    language: str | None = None  # with at least one article in this language
    entity: str | None = None  # naming this entity (a name or an id)
    q: str | None = None  # words found in one of its articles


@dataclass(frozen=True, slots=True)
class EntityFilter:
    q: str | None = None  # words of a name, an alias or a role; the last one may be cut short
    kind: str | None = None
    country: str | None = None
    sector: str | None = None


@dataclass(frozen=True, slots=True)
class SearchRequest:
    q: str
    language: str | None = None
    page: PageRequest = field(default_factory=PageRequest)


@dataclass(frozen=True, slots=True)
class ActorChanges:
    """What `newsloom actors import` did, by actor id."""

    added: list[str]
    updated: list[str]
    unchanged: list[str]
