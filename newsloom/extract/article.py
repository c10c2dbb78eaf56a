"""A Document into an Article: decode, find the main text, clean it, gather its metadata."""

from __future__ import annotations

from typing import Any

from newsloom.errors import Skip
from newsloom.extract.decoding import decode_bytes
from newsloom.extract.html import Page, read_page
from newsloom.extract.plaintext import clean_text
from newsloom.extract.timestamps import to_utc
from newsloom.extract.urls import canonical_url
from newsloom.model import Article, Document

ID_CHARS = 16


def extract_article(doc: Document) -> Article:
    """The article a document holds; raises Skip("empty_text" | "not_an_article" | ...) when none.

    What the source declared (``doc.hints``) wins over what the page says, which
    wins over what the text's dateline says; a "site" hint (a feed's title, a
    host name) names the outlet when nothing else does. ``Article.language``
    carries the declared language, unchecked: the language stage verifies it.
    The URL is canonical (extract/urls.py).
    """
    raw = decode_bytes(doc.content, doc.media_type, doc.hints.get("charset")).text
    page = read_page(raw) if "html" in doc.media_type else Page(text=raw)
    cleaned = clean_text(page.text, known_title=page.title)
    if not cleaned.text:
        raise Skip("empty_text", "nothing left after cleaning")
    hints = doc.hints
    return Article(
        id=doc.sha256[:ID_CHARS],
        origin=doc.origin,
        sha256=doc.sha256,
        text=cleaned.text,
        title=_first(hints.get("title"), cleaned.title) or "",
        url=_canonical(_first(hints.get("url"), page.url)),
        outlet=_first(hints.get("outlet"), page.outlet, cleaned.outlet, hints.get("site")),
        published=_first(to_utc(hints.get("published")), page.published, cleaned.published),
        dateline=cleaned.dateline,
        language=_first(hints.get("language"), page.language),
        author=_first(hints.get("author"), page.author),
    )


def _canonical(url: str | None) -> str | None:
    return canonical_url(url) if url else None


def _first(*values: Any) -> Any:
    return next((value for value in values if value), None)
