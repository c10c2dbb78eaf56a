"""Web archives (WARC, gzipped or not) into Documents, with warcio.

A response record with status 200 and an HTML body becomes a Document whose
origin is ``<file>#<target URI>`` and whose hints carry the URL (canonical),
the charset of its Content-Type and when it was crawled. Every other record
(requests, metadata, revisits, redirects, images) is skipped and counted in
``counts`` under "warc <what>". A body past the size limit is a failure; so is
an archive that is not WARC or breaks off (the records before the break are kept).
"""

from __future__ import annotations

import hashlib
import zlib
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from newsloom.extract.urls import canonical_url
from newsloom.ingest.http import PAGE_TYPES, parse_content_type
from newsloom.ingest.sniff import sniff_kind
from newsloom.model import Document, Failure

_HTML_TYPES = PAGE_TYPES - {"text/plain"}
_CHUNK = 1 << 16
# What warcio raises on archives that are not WARC, or break off inside a gzip member, a header or a
# body: AttributeError and TypeError too, from headers it could only half read.
_WARC_ERRORS = (ArchiveLoadFailed, zlib.error, EOFError, ValueError, AttributeError, TypeError)


def read_warc(path: Path, max_body_bytes: int, counts: Counter) -> Iterator[Document | Failure]:
    """The HTML pages archived in a WARC file; skipped records are counted in ``counts``."""
    records = 0
    try:
        size = path.stat().st_size
        with open(path, "rb") as stream:
            archive = ArchiveIterator(stream)
            iterator = iter(archive)
            while True:
                try:  # only warcio's own work is guarded: a bug of ours must still surface
                    record = next(iterator)
                except StopIteration:
                    end = getattr(archive, "offset", size)
                    if end < size:  # warcio ends quietly where a record header breaks off
                        yield Failure(str(path), f"truncated WARC: {size - end:,} bytes after record {records} "
                                                 "hold no complete record", "ingest")
                    return
                except _WARC_ERRORS as error:
                    yield _broken(path, records, error)
                    return
                records += 1
                if record.rec_type is None:
                    yield Failure(str(path), f"not a WARC file: record {records} has no WARC-Type", "ingest")
                    return
                try:
                    item = _document(path, record, max_body_bytes, counts)
                    complete = _drained(record)
                except _WARC_ERRORS as error:
                    yield _broken(path, records - 1, error)
                    return
                if not complete:
                    uri = record.rec_headers.get_header("WARC-Target-URI") or "?"
                    yield Failure(str(path), f"truncated WARC: record {records} ({uri}) breaks off", "ingest")
                    return
                if item is not None:
                    yield item
    except OSError as error:
        yield Failure(str(path), f"cannot read: {error.strerror or error}", "ingest")


def _drained(record: Any) -> bool:
    """Read what is left of a record's block; False when the file ends before its Content-Length.

    warcio stops quietly at the end of a truncated file; its LimitReader's
    ``limit`` still counts the bytes the block promised and did not deliver.
    """
    raw = record.raw_stream
    read = 0
    while chunk := raw.read(_CHUNK):
        read += len(chunk)
    if hasattr(raw, "limit"):  # a block after HTTP headers
        return raw.limit <= 0
    return read >= (record.length or 0)  # a block nobody read before: all of it came now


def _broken(path: Path, records: int, error: Exception) -> Failure:
    if isinstance(error, ArchiveLoadFailed) and not records:
        return Failure(str(path), f"not a readable WARC file: {str(error).strip()}", "ingest")
    return Failure(str(path), f"corrupt or truncated WARC after {records} records "
                              f"({type(error).__name__}: {error})", "ingest")


def _document(path: Path, record: Any, max_body_bytes: int, counts: Counter) -> Document | Failure | None:
    if record.rec_type != "response":
        counts[f"warc {record.rec_type} records"] += 1
        return None
    uri = record.rec_headers.get_header("WARC-Target-URI") or ""
    http = record.http_headers
    if http is None or not uri.lower().startswith(("http://", "https://")):
        counts["warc non-HTTP responses"] += 1
        return None
    status = http.get_statuscode()
    if status != "200":
        counts[f"warc responses with status {status}"] += 1
        return None
    origin = f"{path}#{uri}"
    body = record.content_stream().read(max_body_bytes + 1)
    if len(body) > max_body_bytes:
        return Failure(origin, f"too large: more than {max_body_bytes:,} bytes", "ingest")
    media_type, charset = parse_content_type(http.get_header("Content-Type") or "")
    if media_type not in _HTML_TYPES and not (not media_type and sniff_kind(body[:8192]) == "html"):
        counts[f"warc responses not HTML ({media_type or 'no type'})"] += 1
        return None
    hints: dict[str, Any] = {"url": canonical_url(uri), "charset": charset,
                             "fetched_at": record.rec_headers.get_header("WARC-Date")}
    return Document(origin=origin, content=body, media_type="text/html", sha256=hashlib.sha256(body).hexdigest(),
                    hints={k: v for k, v in hints.items() if v})
