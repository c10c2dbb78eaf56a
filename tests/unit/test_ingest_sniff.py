"""What a source is, from its first bytes."""

from __future__ import annotations

import gzip

import pytest

from newsloom.errors import Skip
from newsloom.ingest.sniff import gunzip, peek, sniff_kind


@pytest.mark.parametrize(("opening", "kind"), [
    (b"WARC/1.1\r\nWARC-Type: warcinfo\r\n", "warc"),
    (b'\xef\xbb\xbf<?xml version="1.0"?>\n<!-- generated --><rss version="2.0"><channel>', "feed"),
    (b'<feed xmlns="http://www.w3.org/2005/Atom"><title>x</title>', "feed"),
    (b'<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">', "feed"),
    (b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">', "sitemap"),
    (b"<sitemapindex><sitemap><loc>https://a.example/s.xml</loc></sitemap>", "sitemap"),
    (b'{"url": "https://a.example/1", "text": "..."}\n{"url": "https://a.example/2"}\n', "jsonl"),
    (b"<!DOCTYPE html><html><head><title>T</title></head>", "html"),
    (b"A plain report.\n\nThe council met on Monday.", "text"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary"),
])
def test_kinds(opening, kind):
    assert sniff_kind(opening) == kind


def test_gzip_is_looked_through():
    assert sniff_kind(peek(gzip.compress(b"<urlset><url><loc>https://a.example/</loc></url></urlset>"))) == "sitemap"


def test_decompression_stops_at_the_limit():
    with pytest.raises(Skip, match="more than 1,000 bytes"):
        gunzip(gzip.compress(b"x" * 100_000), 1000)
    assert gunzip(gzip.compress(b"ab") + gzip.compress(b"cd"), 1000) == b"abcd"


def test_truncated_gzip_is_undecodable():
    with pytest.raises(Skip, match="truncated"):
        gunzip(gzip.compress(b"some text " * 100)[:-20], 100_000)
