"""RSS and Atom feeds into article addresses, with feedparser.

feedparser is given bytes, never a URL (it would fetch it itself). A feed it
could only half read (``bozo``) is used if entries came out of it; one with no
entry and a syntax error is a failure. A feed's title ("World news - Example
Times") goes into the "site" hint, the outlet's name of last resort: the page's
own site name is better.
"""

from __future__ import annotations

from datetime import UTC, datetime
from time import struct_time
from typing import Any
from urllib.parse import urljoin

import feedparser

from newsloom.errors import Skip
from newsloom.extract.urls import canonical_url, is_web_url
from newsloom.ingest.listing import Entry, Listing


def parse_feed(data: bytes, url: str, limit: int) -> Listing:
    """The article addresses of a feed fetched from ``url`` (at most ``limit``); raises Skip when unreadable."""
    parsed = feedparser.parse(data, response_headers={"content-location": url})
    if not parsed.entries:
        if parsed.bozo:
            raise Skip("malformed_feed", f"not a readable feed ({parsed.get('bozo_exception')})")
        return Listing("feed")
    channel = parsed.feed
    outlet = _text(channel.get("title"))
    language = _text(channel.get("language"))
    entries: list[Entry] = []
    for item in parsed.entries[:limit]:
        link = _link(item, url)
        if link is None:
            continue
        hints: dict[str, Any] = {"title": _text(item.get("title")), "author": _text(item.get("author")),
                                 "site": outlet, "language": language,
                                 "published": _moment(item.get("published_parsed") or item.get("updated_parsed"))}
        entries.append(Entry(link, {k: v for k, v in hints.items() if v}))
    return Listing("feed", tuple(entries))


def _link(item: Any, base: str) -> str | None:
    candidates = [item.get("link")] + [link.get("href") for link in item.get("links", []) if
                                       link.get("rel", "alternate") == "alternate"]
    for candidate in candidates:
        if isinstance(candidate, str) and candidate.strip():
            absolute = urljoin(base, candidate.strip())
            if is_web_url(absolute):
                return canonical_url(absolute)
    return None


def _moment(value: struct_time | None) -> datetime | None:
    """feedparser's parsed dates are UTC struct_times."""
    if value is None:
        return None
    try:
        return datetime(*value[:6], tzinfo=UTC)
    except (TypeError, ValueError):
        return None


def _text(value: object) -> str | None:
    return value.strip() or None if isinstance(value, str) else None
