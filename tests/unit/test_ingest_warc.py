"""WARC files, written here with warcio: HTML responses become documents, everything else is counted."""

from __future__ import annotations

import gzip
from collections import Counter
from io import BytesIO
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsloom.ingest import IngestState, read_paths, read_sources
from newsloom.ingest.warc import read_warc
from newsloom.model import Document, Failure
from tests.unit.webpages import ORCHARD, STRIKE, page


def response(writer: WARCWriter, url: str, body: bytes, content_type: str = "text/html; charset=utf-8",
             status: str = "200 OK") -> None:
    headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(url, "response", payload=BytesIO(body), http_headers=headers))


def write_warc(path: Path, gzipped: bool = True) -> Path:
    with open(path, "wb") as stream:
        writer = WARCWriter(stream, gzip=gzipped)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "tests"}))
        request = StatusAndHeaders("GET /news/strike HTTP/1.1", [("Host", "coast.example")], is_http_request=True)
        writer.write_record(writer.create_warc_record("https://coast.example/news/strike", "request",
                                                      http_headers=request))
        response(writer, "https://coast.example/news/strike?utm_campaign=crawl",
                 page("Harbour strike", STRIKE, site_name="Coastline Daily").encode("utf-8"))
        response(writer, "https://coast.example/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(200), "image/png")
        response(writer, "https://coast.example/moved", b"", "text/html", "301 Moved Permanently")
        response(writer, "https://valley.example/frost", page("Frost", ORCHARD, charset=None).encode("cp1252"),
                 "text/html; charset=windows-1252")
        writer.write_record(writer.create_warc_record("https://coast.example/meta", "metadata",
                                                      payload=BytesIO(b"fetchTimeMs: 12")))
    return path


@pytest.mark.parametrize("gzipped", [True, False])
def test_html_responses_become_documents_and_other_records_are_counted(tmp_path, gzipped):
    path = write_warc(tmp_path / ("crawl.warc.gz" if gzipped else "crawl.warc"), gzipped)
    counts: Counter = Counter()
    docs = list(read_warc(path, 1_000_000, counts))
    assert [d.hints["url"] for d in docs] == ["https://coast.example/news/strike", "https://valley.example/frost"]
    assert all(isinstance(d, Document) and d.media_type == "text/html" for d in docs)
    assert docs[0].origin == f"{path}#https://coast.example/news/strike?utm_campaign=crawl"
    assert docs[1].hints["charset"] == "windows-1252" and "fetched_at" in docs[1].hints
    assert counts == Counter({"warc warcinfo records": 1, "warc request records": 1, "warc metadata records": 1,
                              "warc responses not HTML (image/png)": 1, "warc responses with status 301": 1})


def test_a_warc_is_recognised_by_its_content_whatever_its_name(tmp_path):
    path = write_warc(tmp_path / "crawl-00001.dat")
    state = IngestState()
    assert len([i for i in read_sources([path], None, state) if isinstance(i, Document)]) == 2
    assert state.counts["warc request records"] == 1


def test_warc_files_in_a_folder_are_read(tmp_path):
    write_warc(tmp_path / "crawls" / "a.warc.gz" if (tmp_path / "crawls").mkdir() is None else tmp_path)
    (tmp_path / "crawls" / "notes.xml").write_text("<notes><n>not a feed</n></notes>", encoding="utf-8")
    assert len(list(read_paths([tmp_path]))) == 2


def test_a_body_past_the_limit_is_a_failure(tmp_path):
    path = write_warc(tmp_path / "crawl.warc.gz")
    items = list(read_warc(path, 500, Counter()))
    assert all(isinstance(i, Failure) and "too large" in i.reason for i in items) and len(items) == 2


@pytest.mark.parametrize("gzipped", [True, False])
def test_a_truncated_warc_keeps_the_records_before_the_break_and_says_so(tmp_path, gzipped):
    whole = write_warc(tmp_path / "crawl.warc", gzipped).read_bytes()
    cut = tmp_path / "cut.warc"
    # inside the second page: its frost paragraph (plain), or its gzip member (compressed)
    cut.write_bytes(whole[: int(len(whole) * 0.85)] if gzipped else whole[: whole.index(b"braziers")])
    items = list(read_warc(cut, 1_000_000, Counter()))
    assert [type(i) for i in items] == [Document, Failure]
    assert items[1].reason.startswith("truncated WARC: record 6 (https://valley.example/frost) breaks off")


def test_a_warc_cut_inside_a_record_header_is_reported(tmp_path):
    whole = write_warc(tmp_path / "crawl.warc", gzipped=False).read_bytes()
    cut = tmp_path / "cut.warc"
    cut.write_bytes(whole[: whole.index(b"WARC-Target-URI: https://valley.example/frost")])
    items = list(read_warc(cut, 1_000_000, Counter()))
    assert isinstance(items[-1], Failure) and "truncated WARC" in items[-1].reason


def test_a_file_that_is_not_a_warc_is_a_failure(tmp_path):
    fake = tmp_path / "fake.warc.gz"
    fake.write_bytes(gzip.compress(b"WARC/1.0\r\nthis is not a record header\r\n\r\n"))
    [item] = read_warc(fake, 1_000_000, Counter())
    assert isinstance(item, Failure) and "WARC" in item.reason
