"""Sources end to end: URLs of pages, feeds and sitemaps, recognised by content, into the store."""

from __future__ import annotations

import gzip
from dataclasses import replace

import pytest

from newsloom.ingest import IngestState, read_sources
from newsloom.ingest.http import Fetcher
from newsloom.ingestion import ingest
from newsloom.model import Document, Failure, FetchState
from newsloom.pipeline import STAGES, Pipeline, replace_stage, stages
from newsloom.store import SQLiteStore
from tests.unit.conftest import WEB
from tests.unit.webpages import ORCHARD, STRIKE, WIRE, atom, page, rss, sitemap, sitemap_index
from tests.unit.webserver import Route


@pytest.fixture
def components(web_components):
    return web_components


def run(store, components, sources, settings=WEB):
    state = IngestState(settings, store)
    with Fetcher(settings, stop=state.stop) as fetcher:
        report = ingest(Pipeline(store, components), sources, fetcher, state)
    return report, state


def serve_three_articles(site):
    site.routes["/news/strike"] = Route(page("Harbour strike", STRIKE, site_name="Coastline Daily"))
    site.routes["/news/orchard"] = Route(page("Frost hits orchards", ORCHARD, author="Ana Petrov",
                                              published="2025-04-07T06:00:00-04:00"))
    site.routes["/news/bridge"] = Route(page("Bridge reopens", WIRE, lang="fr"))


def feed_of_three(site, etag='"f1"'):
    items = [
        {"title": "Dockers strike", "link": site.url("/news/strike?utm_source=rss&utm_medium=feed"),
         "pubDate": "Tue, 04 Mar 2025 08:30:00 +0100", "author": "desk@coastline.example (Lee Marsh)"},
        {"title": "Frost", "link": "/news/orchard"},
        {"title": "Bridge", "link": site.url("/news/bridge#top")},
    ]
    site.routes["/feed"] = Route(rss("Coastline Daily - Top stories", items), etag=etag,
                                 content_type="application/rss+xml")


def test_a_feed_is_read_and_its_articles_stored_with_their_metadata(tmp_path, site, components):
    serve_three_articles(site)
    feed_of_three(site)
    store = SQLiteStore(tmp_path / "n.db")
    report, _ = run(store, components, [site.url("/feed")])
    assert len(report.added) == 3 and report.failed == []
    by_url = {a["url"]: a for a in store.articles()}
    strike = by_url[site.url("/news/strike")]  # canonical: tracking parameters gone
    assert strike["published"] == "2025-03-04T07:30:00+00:00"  # the feed's date, in UTC
    assert strike["outlet"] == "Coastline Daily"  # the page's site name
    orchard = by_url[site.url("/news/orchard")]  # a relative link, resolved against the feed
    assert orchard["published"] == "2025-04-07T10:00:00+00:00"  # the page's date, in UTC
    assert orchard["outlet"] == "Coastline Daily - Top stories"  # no site name on the page: the feed's title
    assert store.article(orchard["id"])["sources"][0]["author"] == "Ana Petrov"
    assert by_url[site.url("/news/bridge")]["language"] == "en"  # declared fr, detected en: the hint is checked
    assert store.fetch_state(site.url("/feed")) == FetchState(site.url("/feed"), '"f1"', None)


def test_an_unchanged_feed_costs_one_request_on_the_next_run(tmp_path, site, components):
    serve_three_articles(site)
    feed_of_three(site)
    store = SQLiteStore(tmp_path / "n.db")
    run(store, components, [site.url("/feed")])
    site.hits.clear()
    report, state = run(store, components, [site.url("/feed")])
    assert site.paths() == ["/robots.txt", "/feed"] and site.hits[-1].headers["if-none-match"] == '"f1"'
    assert report.added == [] and state.counts["feeds and sitemaps unchanged since the last run"] == 1


def test_a_changed_feed_fetches_only_the_new_articles(tmp_path, site, components):
    serve_three_articles(site)
    feed_of_three(site)
    store = SQLiteStore(tmp_path / "n.db")
    run(store, components, [site.url("/feed")])
    feed_of_three(site, etag='"f2"')
    site.hits.clear()
    _, state = run(store, components, [site.url("/feed")])
    assert site.paths() == ["/robots.txt", "/feed"] and state.counts["listed articles already stored"] == 3


def test_an_atom_feed_is_read(tmp_path, site, components):
    serve_three_articles(site)
    site.routes["/atom"] = Route(atom("Valley Post", [site.url("/news/orchard")]), content_type="application/atom+xml")
    store = SQLiteStore(tmp_path / "n.db")
    report, _ = run(store, components, [site.url("/atom")])
    assert len(report.added) == 1
    assert store.articles()[0]["published"] == "2025-05-02T08:00:00+00:00"


def test_a_news_sitemap_gives_outlet_title_language_and_date(tmp_path, site, components):
    serve_three_articles(site)
    news = {site.url("/news/strike"): {"name": "Harbour Herald", "language": "en", "title": "Cranes idle",
                                       "date": "2025-03-04T10:15:00+02:00"}}
    site.routes["/sitemap.xml"] = Route(sitemap([site.url("/news/strike"), site.url("/news/orchard")], news),
                                        content_type="application/xml")
    store = SQLiteStore(tmp_path / "n.db")
    report, _ = run(store, components, [site.url("/sitemap.xml")])
    assert len(report.added) == 2
    strike = next(a for a in store.articles() if a["url"].endswith("/strike"))
    assert (strike["outlet"], strike["title"], strike["published"]) == (
        "Harbour Herald", "Cranes idle", "2025-03-04T08:15:00+00:00")


def test_a_sitemap_index_and_a_gzipped_sitemap_are_followed(tmp_path, site, components):
    serve_three_articles(site)
    site.routes["/sitemap-index.xml"] = Route(sitemap_index(["/sitemap-1.xml.gz", site.url("/sitemap-2.xml")]),
                                              content_type="text/xml")
    site.routes["/sitemap-1.xml.gz"] = Route(gzip.compress(sitemap([site.url("/news/strike")]).encode()),
                                             content_type="application/x-gzip")
    site.routes["/sitemap-2.xml"] = Route(sitemap([site.url("/news/bridge")]), content_type="text/xml")
    store = SQLiteStore(tmp_path / "n.db")
    report, _ = run(store, components, [site.url("/sitemap-index.xml")])
    assert len(report.added) == 2 and report.failed == []


def test_what_a_url_is_comes_from_its_content_not_its_name(tmp_path, site, components):
    serve_three_articles(site)
    site.routes["/latest.html"] = Route(rss("Feed in disguise", [{"link": site.url("/news/strike")}]),
                                        content_type="text/html")
    site.routes["/story.xml"] = Route(page("A page in disguise", ORCHARD), content_type="text/plain")
    store = SQLiteStore(tmp_path / "n.db")
    run(store, components, [site.url("/latest.html"), site.url("/story.xml")])
    assert sorted(a["url"] for a in store.articles()) == [site.url("/news/strike"), site.url("/story.xml")]


def test_a_local_file_holding_a_feed_is_read_as_one(tmp_path, site, components):
    serve_three_articles(site)
    listing = tmp_path / "subscriptions.txt"
    listing.write_text(rss("Saved feed", [{"link": site.url("/news/bridge")}]), encoding="utf-8")
    store = SQLiteStore(tmp_path / "n.db")
    run(store, components, [listing])
    assert [a["url"] for a in store.articles()] == [site.url("/news/bridge")]


@pytest.mark.parametrize("body", [
    '<?xml version="1.0"?><rss version="2.0"><channel><title>Broken<item><link>http://x/1</lin',
    "<?xml version='1.0'?><rss><channel></rss>",
])
def test_a_malformed_feed_is_a_recorded_failure(tmp_path, site, components, body):
    site.routes["/feed"] = Route(body, content_type="application/rss+xml")
    store = SQLiteStore(tmp_path / "n.db")
    report, _ = run(store, components, [site.url("/feed")])
    [failure] = report.failed
    assert failure.origin == site.url("/feed") and "feed" in failure.reason and not failure.retriable
    assert store.failures()[0]["reason"] == failure.reason


def test_a_malformed_sitemap_is_a_recorded_failure(tmp_path, site, components):
    site.routes["/sitemap.xml"] = Route('<?xml version="1.0"?><urlset><url><loc>http://x/1</loc></url>',
                                        content_type="application/xml")
    store = SQLiteStore(tmp_path / "n.db")
    report, _ = run(store, components, [site.url("/sitemap.xml")])
    assert "malformed_sitemap" in report.failed[0].reason


def test_wrong_charsets_still_give_the_right_text(tmp_path, site, components):
    accented = [("Le maire de Saint-Étienne a annoncé mercredi la réouverture du marché couvert, fermé depuis "
                 "l'incendie de février, après des travaux financés par la région et l'État.")]
    site.routes["/utf8-said-latin1"] = Route(page("Marché rouvert", accented, lang="fr", charset=None),
                                             content_type="text/html; charset=iso-8859-1")
    site.routes["/latin1-said-utf8"] = Route(page("Marché rouvert", accented, lang="fr", charset=None)
                                             .encode("cp1252"), content_type="text/html; charset=utf-8")
    store = SQLiteStore(tmp_path / "n.db")
    report, _ = run(store, components, [site.url("/utf8-said-latin1")])
    assert len(report.added) == 1
    store2 = SQLiteStore(tmp_path / "m.db")
    report, _ = run(store2, components, [site.url("/latin1-said-utf8")])
    for s in (store, store2):
        assert "Saint-Étienne a annoncé" in s.article(s.articles()[0]["id"])["text"]


def test_failures_are_stored_with_reasons_and_retriable_ones_retried_next_run(tmp_path, site, components):
    serve_three_articles(site)
    site.routes["/news/strike"] = Route("down", status=500, then=[Route("down", status=500),
                                                                  Route(page("Harbour strike", STRIKE))])
    site.routes["/news/orchard"] = Route("gone", status=404)
    site.routes["/news/photo"] = Route(b"\xff\xd8\xff\xe0" + b"\x00" * 100, content_type="image/jpeg")
    items = [{"link": site.url(p)} for p in ("/news/strike", "/news/orchard", "/news/photo", "/news/bridge")]
    site.routes["/feed"] = Route(rss("Desk", items), etag='"same"', content_type="application/rss+xml")
    store = SQLiteStore(tmp_path / "n.db")
    report, _ = run(store, components, [site.url("/feed")])
    assert len(report.added) == 1
    reasons = {f["origin"].rsplit("/", 1)[1]: (f["reason"], f["retriable"]) for f in store.failures()}
    assert reasons["strike"] == ("HTTP 500 Internal Server Error (after 2 tries)", True)
    assert reasons["orchard"] == ("HTTP 404 Not Found", False)
    assert reasons["photo"] == ("not an article: content type image/jpeg", False)
    report, state = run(store, components, [site.url("/feed")])  # the feed is unchanged (304)
    assert state.counts["earlier failures retried"] == 1 and len(report.added) == 1
    assert {f["origin"].rsplit("/", 1)[1] for f in store.failures()} == {"orchard", "photo"}


def test_a_retriable_failure_is_retried_a_limited_number_of_runs(tmp_path, site, components):
    site.routes["/flaky"] = Route("busy", status=503)
    store = SQLiteStore(tmp_path / "n.db")
    settings = replace(WEB, retry_attempts=2, retries=0)
    run(store, components, [site.url("/flaky")], settings)
    for _ in range(3):
        run(store, components, [], settings)
    assert site.paths().count("/flaky") == 3  # the first run and two retries
    assert store.failures()[0]["attempts"] == 3


def test_without_a_fetcher_a_url_is_a_failure():
    [item] = read_sources(["https://example.org/a"])
    assert isinstance(item, Failure) and "fetched only" in item.reason


def test_a_feed_state_comes_after_the_last_article_of_its_feed(site):
    serve_three_articles(site)
    feed_of_three(site)
    with Fetcher(WEB) as fetcher:
        items = list(read_sources([site.url("/feed")], fetcher, IngestState(WEB)))
    assert [type(i) for i in items] == [Document, Document, Document, FetchState]


def test_a_stopped_run_keeps_what_it_fetched_and_the_next_run_finishes(tmp_path, site, components):
    serve_three_articles(site)
    feed_of_three(site)
    store = SQLiteStore(tmp_path / "n.db")
    state = IngestState(WEB, store)

    def stop_after_the_first(items):
        for item in items:
            yield item
            state.stop.set()  # as the SIGTERM handler would

    with Fetcher(WEB, stop=state.stop) as fetcher:
        items = stop_after_the_first(read_sources([site.url("/feed")], fetcher, state))
        report = Pipeline(store, components).run(items)
    assert len(report.added) == 1 and len(store.articles()) == 1
    assert store.fetch_state(site.url("/feed")) is None  # not every entry is in: the feed is read again
    report, _ = run(store, components, [site.url("/feed")])
    assert len(report.added) == 2 and len(store.articles()) == 3


def test_a_run_killed_mid_batch_is_finished_by_the_next_without_duplicates(tmp_path, site, components, monkeypatch):
    serve_three_articles(site)
    feed_of_three(site)
    store = SQLiteStore(tmp_path / "n.db")
    calls = {"n": 0}

    def dying(work, c):
        calls["n"] += 1
        if calls["n"] == 3:
            raise RuntimeError("killed")
        return stages.extract(work, c)

    pipeline = Pipeline(store, components, replace_stage(STAGES, "extract", dying))
    state = IngestState(replace(WEB, batch_size=2), store)
    with Fetcher(WEB) as fetcher, pytest.raises(RuntimeError):
        pipeline.run(read_sources([site.url("/feed")], fetcher, state), batch_size=2)
    assert len(store.articles()) == 2 and store.fetch_state(site.url("/feed")) is None
    report, _ = run(store, components, [site.url("/feed")])
    assert len(report.added) == 1 and len(store.articles()) == 3
    assert store.fetch_state(site.url("/feed")) is not None
