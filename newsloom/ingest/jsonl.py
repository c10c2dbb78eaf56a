"""JSON Lines: one article per line, with its text or HTML and what the source says of it."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from newsloom.extract.timestamps import to_utc
from newsloom.model import Document, Failure

_STRING_HINTS = ("url", "title", "outlet", "language")


def document_from_line(line: bytes, origin: str, number: int) -> Document | Failure:
    """The document one JSONL line holds, or a Failure naming the line and what is wrong.

    ``text`` wins over ``html`` when a line has both: it is the body the source
    already chose. sha256 is taken over the line's bytes without its line break.
    """
    try:
        record = json.loads(line.decode("utf-8"))
    except UnicodeDecodeError as error:
        return _failure(origin, f"line {number} is not UTF-8 ({error.reason} at byte {error.start})")
    except json.JSONDecodeError as error:
        return _failure(origin, f"malformed JSON on line {number}: {error.msg} at column {error.colno}")
    if not isinstance(record, dict):
        return _failure(origin, f"line {number} holds a JSON {type(record).__name__}, not an object")
    body, media_type = _body(record)
    if body is None:
        return _failure(origin, f"line {number} has no 'text' or 'html' string with content")
    return Document(
        origin=origin,
        content=body.encode("utf-8"),
        media_type=media_type,
        sha256=hashlib.sha256(line).hexdigest(),
        hints=_hints(record),
    )


def _body(record: dict[str, Any]) -> tuple[str | None, str]:
    for field, media_type in (("text", "text/plain"), ("html", "text/html")):
        value = record.get(field)
        if isinstance(value, str) and value.strip():
            return value, media_type
    return None, "text/plain"


def _hints(record: dict[str, Any]) -> dict[str, Any]:
    hints: dict[str, Any] = {"charset": "utf-8"}
    for field in _STRING_HINTS:
        value = record.get(field)
        if isinstance(value, str) and value.strip():
            hints[field] = value.strip()
    published = to_utc(record.get("published"))
    if published is not None:  # a malformed date is dropped: the article is still worth reading
        hints["published"] = published
    return hints


def _failure(origin: str, reason: str) -> Failure:
    return Failure(origin=origin, reason=reason, stage="ingest")
