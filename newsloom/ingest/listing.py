"""What a feed or a sitemap lists: article addresses, what it says of each, and further sitemaps."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Entry:
    """An article address from a listing, with the hints the listing gives (title, published, ...)."""

    url: str
    hints: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Listing:
    """A parsed feed or sitemap: its entries and, for a sitemap index, the sitemaps it names."""

    kind: str  # "feed" | "sitemap"
    entries: tuple[Entry, ...] = ()
    sitemaps: tuple[str, ...] = ()
