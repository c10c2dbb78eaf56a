"""Bytes in: files, folders, JSONL, WARC, and URLs of pages, feeds and sitemaps become Documents.

This package does I/O (files, network). ``read_sources`` is the entry point;
``read_paths`` is its offline form for local files and folders.
"""

from newsloom.ingest.files import read_file
from newsloom.ingest.sources import IngestState, Ledger, read_paths, read_sources

__all__ = ["IngestState", "Ledger", "read_file", "read_paths", "read_sources"]
