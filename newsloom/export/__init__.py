"""Events out of the store, in the formats other tools read: PLOVER JSON, GDELT-style TSV, CSV, JSON Lines,
parquet. Writers stream (see ``writers``); rows and records are built in ``rows``.

    export_events(events, format, sink) -> number of events written
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Iterator
from typing import Any, BinaryIO

from newsloom.errors import ConfigError
from newsloom.export.writers import csv_chunks, gdelt_tsv_chunks, jsonl_chunks, plover_json_chunks, write_parquet

TEXT_FORMATS: dict[str, Callable[[Iterable[dict[str, Any]]], Iterator[str]]] = {
    "csv": csv_chunks,
    "gdelt-tsv": gdelt_tsv_chunks,
    "jsonl": jsonl_chunks,
    "plover-json": plover_json_chunks,
}
FORMATS = tuple(sorted([*TEXT_FORMATS, "parquet"]))


def check_format(name: str) -> str:
    """``name`` if it is an export format; else a ConfigError listing them."""
    if name not in FORMATS:
        raise ConfigError(f"Unknown export format {name!r}. Available: {', '.join(FORMATS)}.")
    return name


def export_events(events: Iterable[dict[str, Any]], format: str, sink: BinaryIO) -> int:
    """Write ``events`` (the read side's JSON shape) to the binary ``sink`` in ``format``; returns how many."""
    counted = _Counter(events)
    if check_format(format) == "parquet":
        return write_parquet(counted, sink)
    text = io.TextIOWrapper(sink, encoding="utf-8", newline="", write_through=True)
    try:
        for chunk in TEXT_FORMATS[format](counted):
            text.write(chunk)
        text.flush()
    finally:
        text.detach()
    return counted.n


class _Counter:
    """Passes events through, counting them."""

    def __init__(self, events: Iterable[dict[str, Any]]) -> None:
        self.events, self.n = events, 0

    def __iter__(self) -> Iterator[dict[str, Any]]:
        for e in self.events:
            self.n += 1
            yield e
