"""extract_article: a Document becomes an Article with its text of record and metadata."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

import pytest

from newsloom.errors import Skip
from newsloom.extract import extract_article
from newsloom.model import Document

PARAGRAPHS = [
    ("The port authority said on Wednesday that container traffic rose by a fifth in the first half of the year, "
     "driven by exports of electronics and textiles to Europe and North America."),
    ("Officials expect the new deep-water terminal, which opened in April, to handle larger ships from next month, "
     "cutting waiting times for freight companies that had complained of delays."),
    ("Dock workers' unions welcomed the figures but asked for more staff to cope with night shifts, "
     "which have doubled since the terminal began operating around the clock."),
]

PAGE = f"""<!DOCTYPE html>
<html lang="en-GB">
<head>
  <meta charset="utf-8">
  <title>Port traffic rises | The Harbour Times</title>
  <meta property="og:title" content="Port traffic rises by a fifth">
  <meta property="og:site_name" content="The Harbour Times">
  <meta property="article:published_time" content="2025-06-11T08:00:00+02:00">
  <link rel="canonical" href="https://harbour.example.org/news/port-traffic">
</head>
<body>
  <nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
  <article>
    <h1>Port traffic rises by a fifth</h1>
    {"".join(f"<p>{p}</p>" for p in PARAGRAPHS)}
    <figure><img src="crane.jpg"><figcaption>Cranes at the terminal. Photo: E/HT</figcaption></figure>
  </article>
  <footer>Copyright The Harbour Times. All rights reserved.</footer>
</body>
</html>"""


def document(content: str | bytes, media_type: str, **hints: object) -> Document:
    data = content.encode("utf-8") if isinstance(content, str) else content
    return Document(origin="x", content=data, media_type=media_type, sha256=hashlib.sha256(data).hexdigest(),
                    hints=dict(hints))


def test_html_page_gives_main_text_and_metadata() -> None:
    doc = document(PAGE, "text/html")
    article = extract_article(doc)
    assert article.id == doc.sha256[:16] and article.sha256 == doc.sha256
    assert article.text.split("\n") == PARAGRAPHS
    assert article.title == "Port traffic rises by a fifth"
    assert article.url == "https://harbour.example.org/news/port-traffic"
    assert article.outlet == "The Harbour Times"
    assert article.published == datetime(2025, 6, 11, 6, tzinfo=UTC)  # 08:00+02:00, the time kept, in UTC
    assert article.language == "en-GB"  # declared, unchecked: the language stage verifies it


def test_declared_hints_win_over_the_page() -> None:
    published = datetime(2025, 6, 12, 6, 0, tzinfo=UTC)
    doc = document(PAGE, "text/html", title="Own title", url="https://feed.example.org/1", outlet="Feed",
                   published=published, language="fr")
    article = extract_article(doc)
    assert (article.title, article.url, article.outlet, article.published, article.language) == (
        "Own title", "https://feed.example.org/1", "Feed", published, "fr")


def test_plain_text_gives_cleaned_text_and_dateline() -> None:
    text = "date 2025-06-10 HÀ NỘI — The ministry approved the plan.\n\nWork starts in July. — VNA/VNS\n"
    article = extract_article(document(text, "text/plain"))
    assert article.text == "The ministry approved the plan.\nWork starts in July."
    assert article.outlet == "VNA/VNS"
    assert article.published == datetime(2025, 6, 10, tzinfo=UTC)
    assert article.dateline is not None and article.dateline.name == "HÀ NỘI"
    assert article.title == "" and article.language is None


def test_plain_text_in_a_legacy_charset_is_decoded_with_the_ingest_hint() -> None:
    text = "Le comité a approuvé le budget à l’unanimité."
    article = extract_article(document(text.encode("cp1252"), "text/plain", charset="cp1252"))
    assert article.text == text


def test_text_with_nothing_left_after_cleaning_is_skipped() -> None:
    with pytest.raises(Skip) as caught:
        extract_article(document("Photo: A/B\n(AFP)\n", "text/plain"))
    assert caught.value.reason == "empty_text"


def test_page_without_main_text_is_not_an_article() -> None:
    with pytest.raises(Skip) as caught:
        extract_article(document("<html><head><title>x</title></head><body><script>f()</script></body></html>",
                                 "text/html"))
    assert caught.value.reason == "not_an_article"


def test_empty_content_is_skipped() -> None:
    with pytest.raises(Skip) as caught:
        extract_article(document(b"", "text/plain"))
    assert caught.value.reason == "empty_text"
