"""JSON Lines: one Document per line, hints from the other fields, a Failure per bad line."""

from __future__ import annotations

import gzip
import hashlib
import json
from datetime import UTC, datetime
from pathlib import Path

from newsloom.ingest import read_paths
from newsloom.model import Document, Failure


def jsonl(path: Path, *lines: str) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_each_line_is_a_document_with_line_origin_and_line_hash(tmp_path: Path) -> None:
    first = json.dumps({"text": "Premier article.", "title": "Un"})
    second = json.dumps({"html": "<p>Second</p>", "url": "https://example.org/2"})
    path = jsonl(tmp_path / "feed.jsonl", first, second)
    docs = list(read_paths([path]))
    assert [doc.origin for doc in docs] == [f"{path}:1", f"{path}:2"]
    assert [doc.media_type for doc in docs] == ["text/plain", "text/html"]
    assert docs[0].content == b"Premier article."
    assert docs[0].sha256 == hashlib.sha256(first.encode("utf-8")).hexdigest()
    assert docs[0].hints["title"] == "Un"
    assert docs[1].hints["url"] == "https://example.org/2"


def test_published_becomes_utc_aware_datetime(tmp_path: Path) -> None:
    path = jsonl(
        tmp_path / "f.jsonl",
        json.dumps({"text": "a", "published": "2025-06-10T09:30:00+07:00"}),
        json.dumps({"text": "b", "published": "2025-06-10"}),
        json.dumps({"text": "c", "published": "2025-06-10T09:30:00Z"}),
        json.dumps({"text": "d", "published": "not a date"}),
    )
    published = [doc.hints.get("published") for doc in read_paths([path])]
    assert published == [
        datetime(2025, 6, 10, 2, 30, tzinfo=UTC),
        datetime(2025, 6, 10, tzinfo=UTC),
        datetime(2025, 6, 10, 9, 30, tzinfo=UTC),
        None,
    ]


def test_malformed_line_is_a_failure_naming_the_line_and_the_rest_go_on(tmp_path: Path) -> None:
    path = jsonl(tmp_path / "f.jsonl", json.dumps({"text": "ok"}), '{"text": "cut', json.dumps({"text": "ok too"}))
    items = list(read_paths([path]))
    assert isinstance(items[0], Document) and isinstance(items[2], Document)
    failure = items[1]
    assert isinstance(failure, Failure)
    assert failure.origin == f"{path}:2"
    assert "line 2" in failure.reason and "Unterminated string" in failure.reason


def test_object_without_text_or_html_is_a_failure(tmp_path: Path) -> None:
    path = jsonl(tmp_path / "f.jsonl", json.dumps({"title": "Only a title", "text": "  "}))
    [item] = read_paths([path])
    assert isinstance(item, Failure)
    assert "no 'text' or 'html'" in item.reason


def test_line_that_is_not_an_object_is_a_failure(tmp_path: Path) -> None:
    [item] = read_paths([jsonl(tmp_path / "f.jsonl", "[1, 2]")])
    assert isinstance(item, Failure)
    assert "not an object" in item.reason


def test_blank_lines_are_skipped_and_numbering_follows_the_file(tmp_path: Path) -> None:
    path = jsonl(tmp_path / "f.jsonl", "", json.dumps({"text": "x"}))
    [doc] = read_paths([path])
    assert doc.origin == f"{path}:2"


def test_text_wins_over_html(tmp_path: Path) -> None:
    [doc] = read_paths([jsonl(tmp_path / "f.jsonl", json.dumps({"text": "clean", "html": "<p>raw</p>"}))])
    assert doc.media_type == "text/plain" and doc.content == b"clean"


def test_gzipped_jsonl_is_read(tmp_path: Path) -> None:
    path = tmp_path / "f.jsonl.gz"
    path.write_bytes(gzip.compress((json.dumps({"text": "packed", "language": "fr"}) + "\n").encode("utf-8")))
    [doc] = read_paths([path])
    assert doc.content == b"packed" and doc.hints["language"] == "fr"


def test_empty_jsonl_is_a_failure(tmp_path: Path) -> None:
    [item] = read_paths([jsonl(tmp_path / "f.jsonl", "", "  ")])
    assert isinstance(item, Failure)
    assert item.reason.startswith("empty")
