"""Sitemaps (urlset and sitemap index) into article addresses, news sitemap extension included.

Parsed with lxml without entity resolution or network access. Elements are
matched by local name, so a sitemap with a wrong or missing namespace still
reads; one that is not well-formed XML is a failure.

News sitemap extension (``news:news``) per URL: publication name -> outlet,
language, publication date -> published, title.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urljoin

from lxml import etree

from newsloom.errors import Skip
from newsloom.extract.timestamps import to_utc
from newsloom.extract.urls import canonical_url, is_web_url
from newsloom.ingest.listing import Entry, Listing

_PARSER_OPTIONS = {"resolve_entities": False, "no_network": True, "huge_tree": False, "remove_comments": True}


def parse_sitemap(data: bytes, url: str, limit: int) -> Listing:
    """The article addresses (at most ``limit``) or child sitemaps of a sitemap fetched from ``url``."""
    try:
        root = etree.fromstring(data, parser=etree.XMLParser(**_PARSER_OPTIONS))
    except etree.XMLSyntaxError as error:
        raise Skip("malformed_sitemap", f"not well-formed XML ({error})") from None
    if root is None:
        raise Skip("malformed_sitemap", "no XML element")
    name = _local(root)
    if name == "sitemapindex":
        children = [_absolute(loc, url) for loc in _children_text(root, "sitemap", "loc")]
        return Listing("sitemap", sitemaps=tuple(c for c in children if c)[:limit])
    if name != "urlset":
        raise Skip("malformed_sitemap", f"the root element is <{name}>, not <urlset> or <sitemapindex>")
    entries = []
    for element in root:
        if _local(element) != "url":
            continue
        loc = _absolute(_child_text(element, "loc"), url)
        if loc:
            entries.append(Entry(loc, _news_hints(element)))
            if len(entries) >= limit:
                break
    return Listing("sitemap", tuple(entries))


def _news_hints(url_element: Any) -> dict[str, Any]:
    news = next((child for child in url_element if _local(child) == "news"), None)
    if news is None:
        return {}
    publication = next((child for child in news if _local(child) == "publication"), None)
    hints = {
        "outlet": _child_text(publication, "name") if publication is not None else None,
        "language": _child_text(publication, "language") if publication is not None else None,
        "published": to_utc(_child_text(news, "publication_date")),
        "title": _child_text(news, "title"),
    }
    return {k: v for k, v in hints.items() if v}


def _local(element: Any) -> str:
    tag = element.tag
    return etree.QName(tag).localname.lower() if isinstance(tag, str) else ""


def _child_text(element: Any, name: str) -> str | None:
    for child in element:
        if _local(child) == name:
            text = (child.text or "").strip()
            return text or None
    return None


def _children_text(root: Any, parent: str, name: str) -> list[str]:
    return [text for element in root if _local(element) == parent and (text := _child_text(element, name))]


def _absolute(loc: str | None, base: str) -> str | None:
    if not loc:
        return None
    absolute = urljoin(base, loc)
    return canonical_url(absolute) if is_web_url(absolute) else None
