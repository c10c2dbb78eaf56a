"""What the read side's filtered listings take and give: filters, a page request, a page, cursors.

Listings are paginated by keyset: a page ends with an opaque ``next`` cursor that
holds the sort key of its last row, and the next page starts strictly after it,
so a page costs the same at the start of a table as deep inside it and rows
written meanwhile neither repeat nor vanish.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from newsloom.errors import ConfigError


@dataclass(frozen=True, slots=True)
class PageRequest:
    limit: int = 50
    cursor: str | None = None


@dataclass(frozen=True, slots=True)
class Page:
    items: list[dict[str, Any]]
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


def encode_cursor(values: list[Any]) -> str:
    """An opaque cursor for the sort key ``values`` of a page's last row."""
    raw = json.dumps(values, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def decode_cursor(cursor: str, kinds: tuple[type, ...]) -> list[Any]:
    """The sort key in ``cursor``; ConfigError when it was not made by ``encode_cursor`` for this listing."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        values = json.loads(raw.decode("utf-8"))
    except (binascii.Error, UnicodeDecodeError, ValueError):
        values = None
    if (not isinstance(values, list) or len(values) != len(kinds)
            or not all(isinstance(v, k) and not isinstance(v, bool) for v, k in zip(values, kinds, strict=True))):
        raise ConfigError(f"The cursor {cursor[:60]!r} is not one this listing gave out. "
                          "Use the 'next' value of the previous page, unchanged.")
    return values
