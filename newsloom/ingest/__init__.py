"""Bytes in: files and folders of text, HTML and JSON Lines become Documents (this package does I/O)."""

from newsloom.ingest.files import read_file, read_paths

__all__ = ["read_file", "read_paths"]
