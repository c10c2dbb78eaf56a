"""Any mix of sources into Documents: files, folders, WARC, JSONL, and URLs of pages, feeds and sitemaps.

What a source is comes from its content (sniff.py), not only its name: a file
named ``.txt`` that holds a WARC is read as one, a URL is fetched first and then
recognised. Feeds and sitemaps are listings: each article address they give is
fetched unless the store already has it, and once all of them were yielded a
``FetchState`` (the listing's ETag and Last-Modified) follows, for the pipeline
to save with the batch that holds the last article. A killed run thus never
remembers a feed whose articles it did not store.

The run's explicit state is an ``IngestState``: what the store knows (a
``Ledger``), the stop flag a signal sets, and counts of what was skipped.
"""

from __future__ import annotations

import hashlib
import threading
from collections import Counter
from collections.abc import Generator, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urlsplit

from newsloom.errors import FetchError, Skip
from newsloom.extract.urls import canonical_url, is_web_url
from newsloom.ingest.feeds import parse_feed
from newsloom.ingest.files import (
    GZIP_ERRORS,
    JSONL,
    MEDIA_TYPES,
    article_name,
    read_file,
    read_jsonl,
    suffix_of,
    walk_folder,
)
from newsloom.ingest.http import ANY_SOURCE, PAGE_TYPES, Fetcher, Response
from newsloom.ingest.listing import Listing
from newsloom.ingest.sitemaps import parse_sitemap
from newsloom.ingest.sniff import GZIP_MAGIC, gunzip, peek, peek_file, sniff_kind
from newsloom.ingest.warc import read_warc
from newsloom.model import Document, Failure, FetchState
from newsloom.settings import Settings

Item = Document | Failure | FetchState
LISTING_SUFFIXES = (".xml", ".rss", ".atom")  # read in folders only when their content is a feed or sitemap
WARC_SUFFIXES = (".warc",)
MAX_SITEMAP_DEPTH = 3  # an index of indexes of sitemaps, no deeper


class Ledger(Protocol):
    """What the store already holds, as ingestion asks it (SQLiteStore implements this)."""

    def has_url(self, url: str) -> bool: ...
    def fetch_state(self, url: str) -> FetchState | None: ...


class _EmptyLedger:
    def has_url(self, url: str) -> bool:
        return False

    def fetch_state(self, url: str) -> FetchState | None:
        return None


@dataclass
class IngestState:
    """One run's state beyond the documents: the store's knowledge, the stop flag, what was skipped."""

    settings: Settings = field(default_factory=Settings)
    ledger: Ledger = field(default_factory=_EmptyLedger)
    stop: threading.Event = field(default_factory=threading.Event)
    counts: Counter = field(default_factory=Counter)  # skipped or unchanged, by reason
    requested: set[str] = field(default_factory=set)  # URLs this run fetched already


def read_sources(sources: Iterable[str | Path], fetcher: Fetcher | None = None,
                 state: IngestState | None = None) -> Iterator[Item]:
    """Every document in the given paths and URLs, failures for what cannot be read, listing states.

    Without a fetcher, URLs become failures. Stops between two items once
    ``state.stop`` is set.
    """
    state = state or IngestState()
    for source in sources:
        if state.stop.is_set():
            return
        text = str(source)
        if is_web_url(text):
            yield from _read_url(canonical_url(text), fetcher, state, {}, depth=0)
        else:
            yield from _read_path(Path(source), fetcher, state)


def read_paths(paths: Iterable[str | Path]) -> Iterator[Document | Failure]:
    """Every document in the given files and folders (recursively, in sorted order), offline."""
    for item in read_sources(paths):
        if not isinstance(item, FetchState):
            yield item


# -- local paths -----------------------------------------------------------------------------


def _read_path(path: Path, fetcher: Fetcher | None, state: IngestState) -> Iterator[Item]:
    if path.is_dir():
        for file in walk_folder(path, wanted_in_folder):
            if state.stop.is_set():
                return
            yield from _read_local_file(file, fetcher, state, explicit=False)
    elif path.is_file():
        yield from _read_local_file(path, fetcher, state, explicit=True)
    elif path.exists():
        yield Failure(str(path), "not a regular file or folder", "ingest")
    else:
        yield Failure(str(path), "no such file or folder", "ingest")


def wanted_in_folder(name: str) -> bool:
    return article_name(name) or suffix_of(Path(name)) in (*WARC_SUFFIXES, *LISTING_SUFFIXES)


def _read_local_file(path: Path, fetcher: Fetcher | None, state: IngestState, explicit: bool) -> Iterator[Item]:
    suffix = suffix_of(path)
    compressed = path.name.lower().endswith(".gz")
    try:
        kind = sniff_kind(peek_file(str(path)))
    except (*GZIP_ERRORS, OSError):
        kind = "unreadable"  # read_file reports why
    if kind == "warc":
        yield from read_warc(path, state.settings.max_body_bytes, state.counts)
    elif kind in ("feed", "sitemap"):
        yield from _read_local_listing(path, kind, fetcher, state)
    elif suffix in LISTING_SUFFIXES + WARC_SUFFIXES and not explicit:
        state.counts[f"{suffix} files that are no feed, sitemap or WARC"] += 1
    elif kind == "jsonl" and suffix not in (*MEDIA_TYPES, JSONL):  # "dump", "export.json": the content decides
        yield from read_jsonl(path, compressed)
    else:  # text, HTML and .jsonl files: read_file goes by the name, then by the content
        yield from read_file(path, explicit)


def _read_local_listing(path: Path, kind: str, fetcher: Fetcher | None, state: IngestState) -> Iterator[Item]:
    try:
        data = path.read_bytes()
        if data.startswith(GZIP_MAGIC):
            data = gunzip(data, state.settings.max_body_bytes)
        listing = _parse_listing(kind, data, str(path), state.settings.max_listing_urls)
    except Skip as skip:
        yield Failure(str(path), str(skip), "ingest")
        return
    except OSError as error:
        yield Failure(str(path), f"cannot read: {error.strerror or error}", "ingest")
        return
    yield from _read_listing_entries(listing, fetcher, state, depth=0)


# -- URLs ---------------------------------------------------------------------------------


def _read_url(url: str, fetcher: Fetcher | None, state: IngestState, hints: dict[str, Any], depth: int,
              article: bool = False) -> Iterator[Item]:
    """Fetch one URL and read it as what it turns out to be: a page, a feed or a sitemap.

    ``article`` marks an address a listing gave as an article's: it must be a page.
    """
    if fetcher is None:
        yield Failure(url, "URLs are fetched only by `newsloom ingest` and `watch` (no fetcher here)", "fetch")
        return
    if url in state.requested:
        state.counts["URLs listed twice in this run"] += 1
        return
    state.requested.add(url)
    known = state.ledger.fetch_state(url)
    try:
        response = fetcher.fetch(url, PAGE_TYPES if article else ANY_SOURCE, known.etag if known else None,
                                 known.last_modified if known else None)
    except FetchError as error:
        if not state.stop.is_set():  # an interrupted wait is no failure: the next run fetches it
            yield Failure(url, error.reason, "fetch", error.retriable)
        return
    if response.not_modified:
        state.counts["feeds and sitemaps unchanged since the last run"] += 1
        return
    try:
        body = gunzip(response.content, state.settings.max_body_bytes) if response.content.startswith(
            GZIP_MAGIC) else response.content
    except Skip as skip:
        yield Failure(url, str(skip), "fetch")
        return
    kind = sniff_kind(peek(body))
    if kind in ("feed", "sitemap") and not article:
        yield from _read_remote_listing(url, kind, body, response, fetcher, state, depth)
    elif kind in ("html", "text"):
        yield _page_document(url, body, kind, response, hints)
    else:
        yield Failure(url, f"not an article: the content is {_describe_kind(kind)}", "fetch")


def _read_remote_listing(url: str, kind: str, body: bytes, response: Response, fetcher: Fetcher,
                         state: IngestState, depth: int) -> Iterator[Item]:
    try:
        listing = _parse_listing(kind, body, response.url, state.settings.max_listing_urls)
    except Skip as skip:
        yield Failure(url, str(skip), "fetch")
        return
    finished = yield from _read_listing_entries(listing, fetcher, state, depth)
    if finished and (response.etag or response.last_modified):
        yield FetchState(url, response.etag, response.last_modified)


def _read_listing_entries(listing: Listing, fetcher: Fetcher | None, state: IngestState,
                          depth: int) -> Generator[Item, None, bool]:
    """Fetch what a listing names that the store lacks; returns False when stopped before the end."""
    for entry in listing.entries:
        if state.stop.is_set():
            return False
        if state.ledger.has_url(entry.url):
            state.counts["listed articles already stored"] += 1
            continue
        yield from _read_url(entry.url, fetcher, state, entry.hints, depth + 1, article=True)
    for child in listing.sitemaps:
        if state.stop.is_set():
            return False
        if depth >= MAX_SITEMAP_DEPTH:
            yield Failure(child, f"sitemap index nested deeper than {MAX_SITEMAP_DEPTH} levels", "fetch")
            continue
        yield from _read_url(child, fetcher, state, {}, depth + 1)
    return not state.stop.is_set()


def _parse_listing(kind: str, data: bytes, base_url: str, limit: int) -> Listing:
    return parse_feed(data, base_url, limit) if kind == "feed" else parse_sitemap(data, base_url, limit)


def _page_document(url: str, body: bytes, kind: str, response: Response, hints: dict[str, Any]) -> Document:
    page_hints = {
        **hints,
        "url": canonical_url(response.url),
        "fetched_url": response.url,
        "charset": response.charset,
        "etag": response.etag,
        "last_modified": response.last_modified,
        "site": hints.get("site") or _site(response.url),
    }
    return Document(
        origin=url,
        content=body,
        media_type="text/html" if kind == "html" else "text/plain",
        sha256=hashlib.sha256(body).hexdigest(),
        hints={k: v for k, v in page_hints.items() if v},
    )


def _site(url: str) -> str | None:
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.") or None


def _describe_kind(kind: str) -> str:
    return {"binary": "binary data", "warc": "a WARC archive (download it and ingest the file)",
            "jsonl": "JSON", "feed": "a feed", "sitemap": "a sitemap"}.get(kind, kind)
