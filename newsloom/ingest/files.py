"""Files into Documents: .txt, .html/.htm, .jsonl, each maybe gzip-compressed.

(sources.py decides what a path is, WARC and feeds included, and walks folders
with ``walk_folder``; this module reads the text, HTML and JSONL files.)

A Document keeps the file's bytes as they are (after gzip is undone) and their
sha256; the charset that read them goes into ``hints["charset"]`` so extraction
decodes them the same way. An input that cannot be read becomes a Failure and
the batch goes on. Inside a folder, hidden files and folders are skipped, and a
file of unknown type that turns out not to be text is passed over silently: a
folder with nothing usable in it is not an error.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path

from newsloom.errors import Skip
from newsloom.extract.decoding import decode_bytes
from newsloom.ingest.jsonl import document_from_line
from newsloom.ingest.sniff import sniff_media_type
from newsloom.model import Document, Failure

MEDIA_TYPES = {".txt": "text/plain", ".html": "text/html", ".htm": "text/html"}
JSONL = ".jsonl"
GZIP_ERRORS = (gzip.BadGzipFile, EOFError, zlib.error)
_PEEK_BYTES = 8192

__all__ = ["read_file", "read_jsonl", "sniff_media_type", "suffix_of", "walk_folder"]


def suffix_of(path: Path) -> str:
    """The lowercased suffix that says a file's type, looking through ".gz": "page.html.gz" -> ".html"."""
    name = path.name.lower()
    return Path(name.removesuffix(".gz")).suffix


def read_file(path: Path, explicit: bool = True) -> Iterator[Document | Failure]:
    """The documents of one file; a file of unknown type found in a folder (not explicit) may give none."""
    compressed = path.name.lower().endswith(".gz")
    suffix = suffix_of(path)
    if suffix == JSONL:
        yield from read_jsonl(path, compressed)
        return
    media_type = MEDIA_TYPES.get(suffix)
    try:
        if media_type is None and not explicit and b"\x00" in _read(path, compressed, _PEEK_BYTES):
            return  # an image or archive lying in a folder of articles: not read whole
        data = _read(path, compressed)
    except GZIP_ERRORS as error:
        yield _failure(path, f"corrupt gzip data: {error}")
        return
    except OSError as error:
        yield _failure(path, f"cannot read: {error.strerror or error}")
        return
    try:
        decoded = decode_bytes(data, media_type or "text/html")
    except Skip as skip:
        if media_type is not None or explicit:
            yield _failure(path, _describe(skip))
        return
    yield Document(
        origin=str(path),
        content=data,
        media_type=media_type or sniff_media_type(decoded.text),
        sha256=hashlib.sha256(data).hexdigest(),
        hints={"charset": decoded.encoding},
    )


def article_name(name: str) -> bool:
    """In a folder, read files named as articles (or with no extension, sniffed); skip notes, data, images."""
    suffix = suffix_of(Path(name))
    return suffix in MEDIA_TYPES or suffix == JSONL or not suffix


def walk_folder(folder: Path, wanted: Callable[[str], bool] = article_name) -> list[Path]:
    """The files under ``folder`` whose names are ``wanted``, hidden ones left out, in sorted order."""
    found: list[Path] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = [name for name in dirs if not name.startswith(".")]
        found.extend(Path(root, name) for name in files if not name.startswith(".") and wanted(name))
    return sorted(found, key=lambda file: file.relative_to(folder).parts)


def _read(path: Path, compressed: bool, size: int = -1) -> bytes:
    with (gzip.open if compressed else open)(path, "rb") as stream:
        return stream.read(size)


def read_jsonl(path: Path, compressed: bool) -> Iterator[Document | Failure]:
    """One Document (or Failure) per non-blank line of a JSON Lines file."""
    opener = gzip.open if compressed else open
    lines = 0
    try:
        with opener(path, "rb") as stream:
            for number, raw in enumerate(stream, start=1):
                line = raw.rstrip(b"\r\n")
                if number == 1:
                    line = line.removeprefix(b"\xef\xbb\xbf")
                if not line.strip():
                    continue
                lines += 1
                yield document_from_line(line, f"{path}:{number}", number)
    except GZIP_ERRORS as error:  # before OSError: BadGzipFile is one
        yield _failure(path, f"corrupt gzip data: {error}")
        return
    except OSError as error:
        yield _failure(path, f"cannot read: {error.strerror or error}")
        return
    if not lines:
        yield _failure(path, "empty: no JSON lines")


def _describe(skip: Skip) -> str:
    return {"empty_text": "empty file", "binary": "binary file", "undecodable": "cannot decode text"}.get(
        skip.reason, skip.reason
    ) + (f" ({skip.detail})" if skip.detail else "")


def _failure(path: Path, reason: str) -> Failure:
    return Failure(origin=str(path), reason=reason, stage="ingest")
