"""The sample corpus ingested once by the real pipeline, with one article that carries script payloads.

Shared by the API tests and the browser test of this folder.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import SAMPLES

XSS_TITLE = 'Harbour report <script>window.__xss = "title"</script>'
XSS_MARKUP = '<script>window.__xss = "text"</script>'
XSS_IMAGE = '<img src=x onerror="window.__xss = \'img\'">'
XSS_ARTICLE = {
    "url": "https://evil.test/harbour?<script>",
    "title": XSS_TITLE,
    "outlet": '<b onmouseover="window.__xss = 1">Evil Feed</b>',
    "language": "en",
    "published": "2025-08-02T09:00:00Z",
    "text": (f"The harbour authority in Rotterdam said on Friday that {XSS_MARKUP} cranes would stay idle. "
             f"Dock workers rejected the offer {XSS_IMAGE} and called a strike for Monday.\n\n"
             "The union demanded higher night-shift pay from the port authority."),
}


@pytest.fixture(scope="session")
def corpus_db(tmp_path_factory) -> Path:
    """A database file holding the sample corpus and the payload article, built through `newsloom ingest`."""
    from newsloom.cli.main import main

    folder = tmp_path_factory.mktemp("corpus")
    payload = folder / "payload.jsonl"
    payload.write_text(json.dumps(XSS_ARTICLE, ensure_ascii=False) + "\n", encoding="utf-8")
    db = folder / "corpus.db"
    assert main(["--db", str(db), "--quiet", "ingest", str(SAMPLES / "corpus"), str(payload)]) == 0
    return db
