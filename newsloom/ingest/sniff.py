"""What a source is, read from its first bytes rather than its name or declared type.

Kinds: "warc" (a web archive), "feed" (RSS, Atom, RSS 1.0/RDF), "sitemap" (a
urlset or a sitemap index), "jsonl" (one JSON object per line), "html", "text"
and "binary". gzip is looked through: callers pass the decompressed opening.
"""

from __future__ import annotations

import gzip
import re
import zlib

from newsloom.errors import Skip
from newsloom.extract.decoding import decode_bytes

GZIP_MAGIC = b"\x1f\x8b"
PEEK_BYTES = 8192
_WARC = re.compile(rb"\s*WARC/\d")
# The first element of an XML document, after declarations, comments and doctypes.
_SKIPPABLE = re.compile(rb"\s*(?:<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>]*(?:\[.*?\])?\s*>)", re.DOTALL | re.IGNORECASE)
_ROOT = re.compile(rb"\s*<(?:[A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)[\s/>]")
_FEED_ROOTS = {b"rss", b"feed", b"rdf", b"channel"}
_SITEMAP_ROOTS = {b"urlset", b"sitemapindex"}
_HTML_START = re.compile(r"\s*<(?:!doctype\s+html|html|head|body)[\s>/]", re.IGNORECASE)
_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>")
_MIN_TAGS = 10
_CHARS_PER_TAG = 500  # at least one tag per this many characters, so prose quoting "<b>" stays text


def sniff_kind(opening: bytes) -> str:
    """The kind of source whose (decompressed) first bytes are ``opening``."""
    head = opening.removeprefix(b"\xef\xbb\xbf")
    if _WARC.match(head):
        return "warc"
    root = xml_root(head)
    if root in _FEED_ROOTS:
        return "feed"
    if root in _SITEMAP_ROOTS:
        return "sitemap"
    if head.lstrip().startswith(b"{"):
        return "jsonl"
    try:
        text = decode_bytes(opening, "text/html").text
    except Skip:
        return "binary"
    return "html" if sniff_media_type(text) == "text/html" else "text"


def sniff_media_type(text: str) -> str:
    """"text/html" when a text starts like a page or is dense with tags, else "text/plain"."""
    head = text[:100_000].lstrip("\ufeff")
    if _HTML_START.match(head):
        return "text/html"
    tags = sum(1 for _ in _TAG.finditer(head))
    if tags >= _MIN_TAGS and tags * _CHARS_PER_TAG >= len(head):
        return "text/html"
    return "text/plain"


def xml_root(head: bytes) -> bytes | None:
    """The lowercased local name of the first element, if ``head`` starts like XML or HTML."""
    position = 0
    while match := _SKIPPABLE.match(head, position):
        position = match.end()
    match = _ROOT.match(head, position)
    return match.group(1).lower() if match else None


def gunzip(data: bytes, max_bytes: int) -> bytes:
    """Decompress gzip data (several members too), refusing to grow past ``max_bytes``."""
    out = bytearray()
    rest = data
    while rest.startswith(GZIP_MAGIC):
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        out += inflater.decompress(rest, max_bytes + 1 - len(out))
        if len(out) > max_bytes:
            raise Skip("too_large", f"more than {max_bytes:,} bytes once decompressed")
        if not inflater.eof:
            raise Skip("undecodable", "truncated gzip data")
        rest = inflater.unused_data
    return bytes(out)


def peek(data: bytes) -> bytes:
    """The decompressed opening of possibly gzipped bytes, for sniff_kind."""
    if not data.startswith(GZIP_MAGIC):
        return data[:PEEK_BYTES]
    try:
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(data, PEEK_BYTES)
    except zlib.error:
        return b""


def peek_file(path: str) -> bytes:
    """The decompressed opening of a file, gzipped or not whatever its name."""
    with open(path, "rb") as stream:
        opening = stream.read(len(GZIP_MAGIC))
    with (gzip.open if opening == GZIP_MAGIC else open)(path, "rb") as stream:
        return stream.read(PEEK_BYTES)
