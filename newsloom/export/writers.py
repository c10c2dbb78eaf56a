"""One writer per export format, each streaming: text formats are generators of chunks, parquet writes
row groups, so an export never holds more than a chunk of events in memory."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any, BinaryIO

from newsloom.export.rows import CSV_COLUMNS, GDELT_COLUMNS, flat_row, gdelt_row, plover_record

CHUNK_CHARS = 65_536
PARQUET_ROWS = 2_000  # events per row group
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def defuse(value: Any) -> Any:
    """A spreadsheet must not run text from a feed as a formula: such a cell starts with a quote."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _chunked(pieces: Iterable[str]) -> Iterator[str]:
    buffer: list[str] = []
    size = 0
    for piece in pieces:
        buffer.append(piece)
        size += len(piece)
        if size >= CHUNK_CHARS:
            yield "".join(buffer)
            buffer, size = [], 0
    if buffer:
        yield "".join(buffer)


def _delimited(rows: Iterable[dict[str, Any]], columns: tuple[str, ...], dialect: str) -> Iterator[str]:
    buffer = io.StringIO()
    if dialect == "tsv":
        writer = csv.DictWriter(buffer, fieldnames=columns, delimiter="\t", quoting=csv.QUOTE_NONE, quotechar=None,
                                lineterminator="\n")
    else:
        writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow(row)
        if buffer.tell() > CHUNK_CHARS:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def csv_chunks(events: Iterable[dict[str, Any]]) -> Iterator[str]:
    """CSV with a header, one event per row (``rows.CSV_COLUMNS``); formula-looking cells defused."""
    return _delimited(({k: defuse(v) for k, v in flat_row(e).items()} for e in events), CSV_COLUMNS, "csv")


def _tsv_cell(value: Any) -> Any:
    return " ".join(value.split()) if isinstance(value, str) else value  # no tab or newline inside a cell


def gdelt_tsv_chunks(events: Iterable[dict[str, Any]]) -> Iterator[str]:
    """Tab-separated, a header line then one event per row (``rows.GDELT_COLUMNS``)."""
    return _delimited(({k: _tsv_cell(v) for k, v in gdelt_row(e).items()} for e in events), GDELT_COLUMNS, "tsv")


def jsonl_chunks(events: Iterable[dict[str, Any]]) -> Iterator[str]:
    """One event per line, in the API's JSON shape."""
    return _chunked(json.dumps(e, ensure_ascii=False) + "\n" for e in events)


def plover_json_chunks(events: Iterable[dict[str, Any]], coded: date | None = None) -> Iterator[str]:
    """A JSON array of PLOVER records, written one record at a time."""
    coded = coded or date.today()

    def pieces() -> Iterator[str]:
        yield "["
        for n, e in enumerate(events):
            yield ("," if n else "") + "\n" + json.dumps(plover_record(e, coded), ensure_ascii=False)
        yield "\n]\n"

    return _chunked(pieces())


def write_parquet(events: Iterable[dict[str, Any]], sink: BinaryIO | str) -> int:
    """Flat rows (the CSV columns, typed) into a parquet file, a row group at a time; returns the row count."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:  # pragma: no cover - pyarrow is a dependency
        from newsloom.errors import ConfigError

        raise ConfigError("The parquet format needs pyarrow: pip install pyarrow") from exc
    numbers = {"confidence": pa.float64(), "sources": pa.int32(), "articles": pa.int32()}
    schema = pa.schema([(c, numbers.get(c, pa.string())) for c in CSV_COLUMNS])
    count = 0
    with pq.ParquetWriter(sink, schema) as writer:
        rows: list[dict[str, Any]] = []
        for e in events:
            rows.append(flat_row(e))
            if len(rows) >= PARQUET_ROWS:
                writer.write_table(pa.Table.from_pylist(rows, schema=schema))
                count, rows = count + len(rows), []
        if rows or not count:
            writer.write_table(pa.Table.from_pylist(rows, schema=schema))
            count += len(rows)
    return count
