"""Cursors of the read side's listings; their filters and pages are records (newsloom/model/reads.py).

Listings are paginated by keyset: a page ends with an opaque ``next`` cursor that
holds the sort key of its last row, and the next page starts strictly after it,
so a page costs the same at the start of a table as deep inside it and rows
written meanwhile neither repeat nor vanish.
"""

from __future__ import annotations

import base64
import binascii
import json
from typing import Any

from newsloom.errors import ConfigError
from newsloom.model.reads import EntityFilter, EventFilter, Page, PageRequest, SearchRequest, StoryFilter

__all__ = ["EntityFilter", "EventFilter", "Page", "PageRequest", "SearchRequest", "StoryFilter", "decode_cursor",
           "encode_cursor"]


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
