"""Inputs as they arrived and what became of them: documents, failures, copies, listing states."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass(frozen=True, slots=True)
class Document:
    """Bytes as they arrived, before any interpretation.

    ``origin`` says where they came from (a path, a path with a line number, a
    URL); ``hints`` holds metadata the source declared (JSONL fields, HTTP
    headers): url, title, published, outlet, language.
    """

    origin: str
    content: bytes
    media_type: str  # "text/plain" | "text/html"
    sha256: str
    hints: dict[str, Any] = field(default_factory=dict)  # also author, charset, fetched_url, etag


@dataclass(frozen=True, slots=True)
class Failure:
    """An input that could not become an article, and why.

    ``retriable`` marks failures that may go away (a timeout, a 503): the next
    run tries their origin again.
    """

    origin: str
    reason: str
    stage: str
    retriable: bool = False


@dataclass(frozen=True, slots=True)
class Copy:
    """Another report of a stored article: the same address, the same text, or a near-copy.

    ``relation`` is "same_url", "same_text" or "near_duplicate"; ``similarity`` the
    estimated Jaccard similarity of the two texts' word shingles (1.0 for the first two).
    Later stages count an article and its copies as one source report.
    """

    article_id: str
    origin: str
    sha256: str
    relation: str
    similarity: float = 1.0
    url: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: datetime | None = None


@dataclass(frozen=True, slots=True)
class FetchState:
    """What a feed's or sitemap's server said last time, for a conditional request.

    It is saved with the batch that holds the listing's last entry, so a killed
    run never remembers a listing whose articles it did not store.
    """

    url: str
    etag: str | None = None
    last_modified: str | None = None


@dataclass(frozen=True, slots=True)
class ShardDone:
    """One input file of a ``newsloom batch`` run whose every document is stored, in this batch or before.

    It is saved with the batch holding the shard's last document, so a rerun skips exactly the shards whose
    documents are all in. ``key`` names the file as it was (path, size, modification time): a file that
    changed is another shard.
    """

    key: str
    path: str
    documents: int
