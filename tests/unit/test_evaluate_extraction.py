"""`evaluate extraction` scores the text the pipeline stored, on a benchmark folder written here."""

from __future__ import annotations

import gzip
import json

import pytest

from newsloom.errors import ConfigError
from newsloom.settings import Settings
from newsloom.store import SQLiteStore
from tests.unit.webpages import ORCHARD, STRIKE, WIRE, page


def benchmark(folder):
    (folder / "html").mkdir(parents=True)
    truth = {}
    for key, title, paragraphs in (("p1", "Strike", STRIKE), ("p2", "Frost", ORCHARD), ("p3", "Bridge", WIRE)):
        html = page(title, paragraphs).encode("utf-8")
        name = folder / "html" / f"{key}.html.gz"
        name.write_bytes(gzip.compress(html))
        truth[key] = {"articleBody": "\n".join(paragraphs), "url": f"https://example.org/{key}"}
    # a mirror of p3 on another site: stored as a copy, scored with the text it was stored under
    (folder / "html" / "p4.html").write_text(page("Bridge again", WIRE), encoding="utf-8")
    truth["p4"] = {"articleBody": "\n".join(WIRE), "url": "https://mirror.example.org/p4"}
    (folder / "ground-truth.json").write_text(json.dumps(truth), encoding="utf-8")
    return folder


def test_stored_texts_are_scored_with_the_benchmark_metric(tmp_path, cli_json):
    metrics = cli_json("evaluate", "extraction", benchmark(tmp_path / "bench"))
    assert set(metrics) >= {"precision", "recall", "f1", "pages_per_second", "failed"}
    assert metrics["f1"] > 0.95 and metrics["failed"] == [] and metrics["pages"] == 4
    assert metrics["pages_per_second"] > 0


def test_the_store_can_be_kept(tmp_path, cli_json):
    cli_json("evaluate", "extraction", benchmark(tmp_path / "bench"), "--store", tmp_path / "kept.db")
    store = SQLiteStore(tmp_path / "kept.db")
    assert len(store.articles()) == 3
    [mirror] = [s for a in store.articles() for s in store.article_sources(a["id"]) if s["relation"] != "original"]
    assert mirror["origin"].endswith("p4.html") and mirror["relation"] == "same_text"


def test_settings_are_read_from_the_environment(monkeypatch):
    monkeypatch.setenv("NEWSLOOM_ALLOW_PRIVATE_ADDRESSES", "yes")
    monkeypatch.setenv("NEWSLOOM_FETCH_DELAY_S", "2.5")
    monkeypatch.setenv("NEWSLOOM_MAX_BODY_BYTES", "1000")
    settings = Settings.from_env()
    assert (settings.allow_private_addresses, settings.fetch_delay_s, settings.max_body_bytes) == (True, 2.5, 1000)


def test_a_bad_setting_in_the_environment_is_named(monkeypatch):
    monkeypatch.setenv("NEWSLOOM_RETRIES", "many")
    with pytest.raises(ConfigError, match=r"NEWSLOOM_RETRIES='many' .* expected int"):
        Settings.from_env()
