"""Duplicates: the same address, the same text, near-copies of a wire story; stored once, with every copy."""

from __future__ import annotations

import json

import pytest

from newsloom.errors import Duplicate
from newsloom.extract.duplicates import DuplicateIndex
from newsloom.extract.fingerprints import fingerprint, signature, text_hash
from newsloom.ingest import read_paths
from newsloom.model import Article, Fingerprint, signature_bands
from newsloom.pipeline import Pipeline
from newsloom.store import SQLiteStore
from tests.unit.webpages import ORCHARD, STRIKE, WIRE

WIRE_TEXT = "\n".join(WIRE)
# The same wire story as another site ran it: its own first line, a sentence cut, a closing line added.
EDITED = "\n".join([
    ("Engineers have reopened the old swing bridge over the Lorne estuary after eleven months of repairs "
     "that replaced its rusted gears and the timber deck laid in the nineteen-fifties."),
    WIRE[1], WIRE[2],
    "The repairs cost about four million euros.",
    "Our correspondent in the valley contributed to this report.",
])


class Stored:
    """Fingerprints of stored articles, answered as the store answers (store/duplicates.py), in memory."""

    def __init__(self, *fingerprints: Fingerprint) -> None:
        self.fingerprints = fingerprints

    def article_with_url(self, url):
        return next((f.article_id for f in self.fingerprints if f.url == url), None)

    def article_with_text_hash(self, text_hash):
        return next((f.article_id for f in self.fingerprints if f.text_hash == text_hash), None)

    def near_copy_candidates(self, bands):
        return [f for f in self.fingerprints if set(enumerate(bands)) & set(enumerate(signature_bands(f.signature)))]


def article(id: str, text: str, url: str | None = None, outlet: str | None = None) -> Article:
    return Article(id=id, origin=f"{id}.html", sha256=f"sha-{id}", text=text, url=url, outlet=outlet)


def test_the_text_hash_ignores_case_spacing_and_punctuation():
    assert text_hash("The bridge, reopened!\nToday.") == text_hash("the  bridge reopened  today")
    assert text_hash("The bridge reopened") != text_hash("The bridge closed")


def test_short_texts_get_no_signature():
    assert signature("Too short to compare.") is None and signature(WIRE_TEXT) is not None


def test_a_near_copy_of_a_wire_story_is_found_with_its_similarity():
    index = DuplicateIndex(Stored(fingerprint("wire", WIRE_TEXT, "https://agency.example/bridge")))
    copy = index.find(article("b", EDITED, "https://valley.example/news/bridge", "Valley Post"))
    assert copy is not None and (copy.article_id, copy.relation) == ("wire", "near_duplicate")
    assert 0.7 <= copy.similarity < 1
    assert (copy.url, copy.outlet) == ("https://valley.example/news/bridge", "Valley Post")


def test_different_stories_are_not_copies():
    index = DuplicateIndex(Stored(fingerprint("wire", WIRE_TEXT), fingerprint("strike", "\n".join(STRIKE))))
    assert index.find(article("c", "\n".join(ORCHARD))) is None


def test_the_same_text_elsewhere_is_a_same_text_copy():
    index = DuplicateIndex(Stored(fingerprint("wire", WIRE_TEXT)))
    copy = index.find(article("b", WIRE_TEXT.upper(), "https://other.example/x"))
    assert copy is not None and copy.relation == "same_text" and copy.similarity == 1.0


def test_the_same_url_is_a_copy_even_when_the_page_changed():
    index = DuplicateIndex(Stored(fingerprint("wire", WIRE_TEXT, "https://agency.example/bridge")))
    copy = index.find(article("b", "\n".join(STRIKE), "https://agency.example/bridge"))
    assert copy is not None and copy.relation == "same_url"


def test_a_home_page_address_identifies_no_article():
    index = DuplicateIndex(Stored(fingerprint("wire", WIRE_TEXT, "https://agency.example/")))
    assert index.find(article("b", "\n".join(STRIKE), "https://agency.example/")) is None


def test_check_raises_duplicate_and_add_indexes():
    index = DuplicateIndex(Stored())
    first = article("a", WIRE_TEXT)
    index.check(first)
    index.add(first)
    with pytest.raises(Duplicate) as caught:
        index.check(article("b", EDITED))
    assert caught.value.copy.article_id == "a" and caught.value.reason == "duplicate"


def pages(folder, items):
    folder.mkdir(exist_ok=True)
    lines = [json.dumps({"url": url, "outlet": outlet, "title": title, "text": text})
             for url, outlet, title, text in items]
    (folder / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


@pytest.fixture
def components(web_components):
    return web_components


def test_a_wire_story_carried_by_three_sites_is_one_article_with_its_copies(tmp_path, components):
    folder = pages(tmp_path / "in", [
        ("https://agency.example/wire/bridge?utm_source=x", "Agency", "Bridge reopens", WIRE_TEXT),
        ("https://valley.example/news/bridge", "Valley Post", "Old bridge back", EDITED),
        ("https://coast.example/regions/bridge", "Coastline Daily", "Bridge reopens", WIRE_TEXT.replace(",", "")),
        ("https://coast.example/news/strike", "Coastline Daily", "Strike", "\n".join(STRIKE)),
    ])
    store = SQLiteStore(tmp_path / "n.db")
    report = Pipeline(store, components).run(read_paths([folder]))
    assert len(report.added) == 2 and len(report.duplicates) == 2
    [bridge] = [a for a in store.articles() if a["url"] == "https://agency.example/wire/bridge"]
    sources = store.article(bridge["id"])["sources"]
    assert [(s["relation"], s["outlet"]) for s in sources] == [
        ("original", "Agency"), ("near_duplicate", "Valley Post"), ("same_text", "Coastline Daily")]
    assert [s["url"] for s in sources][1:] == ["https://valley.example/news/bridge",
                                               "https://coast.example/regions/bridge"]
    story = next(s for s in store.stories() if bridge["id"] in s["article_ids"])
    assert story["article_ids"] == [bridge["id"]]  # one source report, not three


def test_copies_are_found_against_the_store_on_a_later_run(tmp_path, components):
    store = SQLiteStore(tmp_path / "n.db")
    Pipeline(store, components).run(read_paths([pages(tmp_path / "a", [("https://agency.example/w/1", "Agency",
                                                                         "Bridge", WIRE_TEXT)])]))
    report = Pipeline(store, components).run(read_paths([pages(tmp_path / "b", [
        ("https://valley.example/n/2", "Valley Post", "Bridge", EDITED)])]))
    assert report.added == [] and len(report.duplicates) == 1 and len(store.articles()) == 1


def test_articles_stored_before_fingerprints_existed_are_fingerprinted_once(tmp_path, components):
    store = SQLiteStore(tmp_path / "n.db")
    Pipeline(store, components).run(read_paths([pages(tmp_path / "a", [("https://agency.example/w/1", "Agency",
                                                                         "Bridge", WIRE_TEXT)])]))
    store.db.execute("DELETE FROM article_fingerprints")
    store.db.execute("DELETE FROM fingerprint_bands")
    store.db.execute("DELETE FROM store_flags")  # as in a database from before fingerprints existed
    assert Pipeline(store, components).corpus is not None  # opening the corpus fingerprints what has none
    assert store.article_with_text_hash(text_hash(WIRE_TEXT)) is not None
    assert store.db.execute("SELECT count(*) FROM article_fingerprints").fetchone()[0] == 1
    assert store.db.execute("SELECT count(*) FROM fingerprint_bands").fetchone()[0] == 14
    report = Pipeline(store, components).run(read_paths([pages(tmp_path / "b", [
        ("https://valley.example/n/2", "Valley Post", "Bridge", EDITED)])]))
    assert len(report.duplicates) == 1  # found through the bands computed on opening
    assert store.unfingerprinted_articles() == []  # and the database remembers it has none left to compute
