"""A web page's main text and metadata, found by trafilatura."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import trafilatura

from newsloom.errors import Skip
from newsloom.extract.timestamps import to_utc

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# Recall and precision balanced (favor_precision off): measured on the article
# extraction benchmark by benchmarks/extraction.py.
OPTIONS: dict[str, Any] = {
    "include_comments": False,
    "include_tables": True,
    "favor_precision": False,
    "favor_recall": False,
    "deduplicate": False,
}
# htmldate (through trafilatura) keeps a page's time of day and UTC offset in this format; date-only
# pages give midnight without an offset, read as UTC.
_DATE_FORMAT = "%Y-%m-%dT%H:%M:%S%z"


@dataclass(frozen=True, slots=True)
class Page:
    """What a page says of itself: its main text, headline, address, site, date, language and author."""

    text: str
    title: str = ""
    url: str | None = None
    outlet: str | None = None
    published: datetime | None = None
    language: str | None = None
    author: str | None = None


def read_page(html: str) -> Page:
    """The main text and metadata of a page; raises Skip("not_an_article") when there is none."""
    tree = trafilatura.load_html(html)
    if tree is None:
        raise Skip("not_an_article", "no HTML document could be parsed")
    language = (tree.get("lang") or tree.get(_XML_LANG) or "").strip()  # read before trafilatura prunes the tree
    dates = {**trafilatura.settings.set_date_params(extensive=True), "outputformat": _DATE_FORMAT}
    found = trafilatura.bare_extraction(tree, with_metadata=True, date_extraction_params=dates, **OPTIONS)
    assert not isinstance(found, dict), "as_dict is off: trafilatura returns a Document"
    if found is None or not (found.text or "").strip():
        raise Skip("not_an_article", "no main text found on the page")
    return Page(
        text=found.text or "",  # not empty: checked above
        title=(found.title or "").strip(),
        url=found.url or None,
        outlet=found.sitename or None,
        published=to_utc(found.date),
        language=language or None,
        author=(found.author or "").strip() or None,
    )
