"""`newsloom watch` and `ingest` of URLs: rounds, network errors, a clean stop on SIGTERM."""

from __future__ import annotations

import json
import os
import signal
import threading
import time
from pathlib import Path

import pytest

from newsloom.cli.web_ingest import parse_duration, stop_on_signals
from newsloom.errors import ConfigError, InputError
from newsloom.ingest import IngestState
from newsloom.ingest.http import Fetcher
from newsloom.ingestion import read_feed_list, watch
from newsloom.pipeline import Pipeline
from newsloom.store import SQLiteStore
from tests.unit.conftest import WEB
from tests.unit.webpages import ORCHARD, STRIKE, page, rss
from tests.unit.webserver import Route

FAST_ENV = {"NEWSLOOM_ALLOW_PRIVATE_ADDRESSES": "1", "NEWSLOOM_EMBEDDER": "hash", "NEWSLOOM_ANALYZERS": "rules",
            "NEWSLOOM_FETCH_DELAY_S": "0", "NEWSLOOM_BACKOFF_S": "0.01", "NEWSLOOM_RETRIES": "0"}


@pytest.fixture
def fast_env(monkeypatch):
    for name, value in FAST_ENV.items():
        monkeypatch.setenv(name, value)


def serve_feed(site, links):
    site.routes["/strike"] = Route(page("Harbour strike", STRIKE))
    site.routes["/orchard"] = Route(page("Frost", ORCHARD))
    site.routes["/feed"] = Route(rss("Desk", [{"link": site.url(p)} for p in links]), etag='"1"',
                                 content_type="application/rss+xml")


def feed_list(tmp_path: Path, *urls: str) -> Path:
    path = tmp_path / "feeds.txt"
    path.write_text("# my feeds\n\n" + "\n".join(urls) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(("text", "seconds"), [("90", 90), ("30s", 30), ("10m", 600), ("1.5h", 5400), ("1d", 86400)])
def test_durations(text, seconds):
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("text", ["soon", "0", "-5m", "10 minutes"])
def test_bad_durations_say_what_is_expected(text):
    with pytest.raises(ConfigError, match="30s, 10m, 1h"):
        parse_duration(text)


def test_a_feed_list_ignores_comments_and_refuses_non_urls(tmp_path):
    assert read_feed_list(feed_list(tmp_path, "https://a.example/feed")) == ["https://a.example/feed"]
    with pytest.raises(InputError, match="not an http"):
        read_feed_list(feed_list(tmp_path, "a.example/feed"))


def test_watch_ingests_what_is_new_each_round_and_goes_on_after_network_errors(tmp_path, site, web_components):
    serve_feed(site, ["/strike"])
    feeds = feed_list(tmp_path, site.url("/feed"), "http://127.0.0.1:9/unreachable-feed")
    store = SQLiteStore(tmp_path / "n.db")
    state = IngestState(WEB, store)
    rounds = []

    def on_round(number, report, counts):
        rounds.append((len(report.added), [f.origin for f in report.failed]))
        if number == 1:  # a new article appears between two rounds
            serve_feed(site, ["/strike", "/orchard"])
            site.routes["/feed"].etag = '"2"'

    with Fetcher(WEB, stop=state.stop) as fetcher:
        done = watch(Pipeline(store, web_components), feeds, 0.01, fetcher, state, rounds=3, on_round=on_round)
    assert done == 3
    unreachable = "http://127.0.0.1:9/unreachable-feed"
    assert rounds == [(1, [unreachable]), (1, [unreachable]), (0, [unreachable])]
    assert len(store.articles()) == 2 and store.failures()[0]["attempts"] == 3


def test_watch_stops_when_asked_between_rounds(tmp_path, site, web_components):
    serve_feed(site, ["/strike"])
    state = IngestState(WEB)
    result = {}

    def run() -> None:
        local = SQLiteStore(tmp_path / "n.db")
        state.ledger = local
        with Fetcher(WEB, stop=state.stop) as fetcher:
            feeds = feed_list(tmp_path, site.url("/feed"))
            result["rounds"] = watch(Pipeline(local, web_components), feeds, 3600, fetcher, state,
                                     on_round=lambda *_: result.setdefault("first", time.monotonic()))
        result["articles"] = len(local.articles())

    thread = threading.Thread(target=run)
    thread.start()
    for _ in range(200):
        if "first" in result:
            break
        time.sleep(0.05)
    state.stop.set()
    thread.join(timeout=5)
    assert not thread.is_alive() and result["rounds"] == 1 and result["articles"] == 1


def test_the_first_sigterm_asks_to_stop_and_handlers_are_restored():
    stop = threading.Event()
    before = signal.getsignal(signal.SIGTERM)
    with stop_on_signals(stop):
        os.kill(os.getpid(), signal.SIGTERM)
        time.sleep(0.05)
        assert stop.is_set()
        with pytest.raises(KeyboardInterrupt):  # a second one aborts
            os.kill(os.getpid(), signal.SIGTERM)
            time.sleep(0.05)
    assert signal.getsignal(signal.SIGTERM) == before


def test_ingest_command_takes_urls_and_files_together(tmp_path, site, fast_env, cli_json):
    serve_feed(site, ["/strike"])
    note = tmp_path / "note.txt"
    note.write_text("Orchards frozen\n\n" + " ".join(ORCHARD), encoding="utf-8")
    out = cli_json("--db", tmp_path / "n.db", "ingest", site.url("/feed"), site.url("/orchard"), note)
    assert (out["added"], out["failed"], out["stopped"]) == (2, [], False)
    assert out["duplicates"] == 1  # the page and the text file carry the same story


def test_ingest_command_reports_refused_addresses(tmp_path, site, monkeypatch, cli):
    monkeypatch.setenv("NEWSLOOM_EMBEDDER", "hash")
    monkeypatch.setenv("NEWSLOOM_ANALYZERS", "rules")
    code, out = cli("--db", tmp_path / "n.db", "ingest", site.url("/feed"), "--json")
    assert code == 1
    [failure] = json.loads(out)["failed"]
    assert "server-side request forgery" in failure["reason"] and site.hits == []
    code, out = cli("--db", tmp_path / "n.db", "errors", "--json")
    assert json.loads(out)[0]["origin"] == site.url("/feed")
