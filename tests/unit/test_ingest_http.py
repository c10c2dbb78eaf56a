"""The fetcher against a real server on 127.0.0.1: manners, limits, retries, redirects, conditional requests."""

from __future__ import annotations

import time
from dataclasses import replace

import pytest

from newsloom.errors import FetchError
from newsloom.ingest.http import PAGE_TYPES, Fetcher
from newsloom.settings import USER_AGENT
from tests.unit.conftest import WEB
from tests.unit.webpages import STRIKE, page
from tests.unit.webserver import Route

PAGE = page("Harbour strike", STRIKE)


def fetcher(clock=None, **changes) -> Fetcher:
    return Fetcher(replace(WEB, **changes), clock=clock)


class FakeClock:
    """Time that passes only when the fetcher waits: each wait is recorded and returns at once."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.waits: list[float] = []

    def monotonic(self) -> float:
        return self.now

    def wait(self, stop, seconds: float) -> bool:
        self.waits.append(round(seconds, 3))
        self.now += seconds
        return stop.is_set()


def test_a_page_is_fetched_with_newsloom_user_agent_and_its_charset(site):
    site.routes["/a"] = Route(PAGE, content_type="text/html; charset=ISO-8859-1")
    with fetcher() as f:
        response = f.fetch(site.url("/a"))
    assert response.status == 200 and response.content == PAGE.encode("utf-8")
    assert (response.media_type, response.charset) == ("text/html", "ISO-8859-1")
    assert site.hits[-1].headers["user-agent"] == USER_AGENT
    assert site.paths() == ["/robots.txt", "/a"]


def test_robots_txt_disallow_is_obeyed_and_the_page_never_requested(site):
    site.routes["/robots.txt"] = Route("User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    with fetcher() as f, pytest.raises(FetchError, match=r"robots\.txt .* disallows") as caught:
        f.fetch(site.url("/private/report"))
    assert not caught.value.retriable
    assert site.paths() == ["/robots.txt"]


def test_robots_txt_is_read_once_per_host(site):
    site.routes["/a"] = Route(PAGE)
    site.routes["/b"] = Route(PAGE)
    with fetcher() as f:
        f.fetch(site.url("/a"))
        f.fetch(site.url("/b"))
    assert site.paths() == ["/robots.txt", "/a", "/b"]


def test_a_missing_robots_txt_allows_everything(site):
    del site.routes["/robots.txt"]
    site.routes["/a"] = Route(PAGE)
    with fetcher() as f:
        assert f.fetch(site.url("/a")).status == 200


def test_an_unreachable_robots_txt_keeps_off_the_host_for_now(site):
    site.routes["/robots.txt"] = Route("down", status=503)
    with fetcher() as f, pytest.raises(FetchError, match=r"robots\.txt unavailable") as caught:
        f.fetch(site.url("/a"))
    assert caught.value.retriable and "/a" not in site.paths()


def test_robots_txt_crawl_delay_spaces_requests(site):
    site.routes["/robots.txt"] = Route("User-agent: newsloom\nCrawl-delay: 1\nAllow: /\n", content_type="text/plain")
    site.routes["/a"] = Route(PAGE)
    clock = FakeClock()
    with fetcher(clock) as f:
        f.fetch(site.url("/a"))  # robots.txt, then the page a second later
    assert clock.waits == [1.0] and site.paths() == ["/robots.txt", "/a"]


def test_the_per_host_delay_spaces_requests(site):
    site.routes["/a"] = Route(PAGE)
    clock = FakeClock()
    with fetcher(clock, fetch_delay_s=0.3) as f:
        f.fetch(site.url("/a"))  # after robots.txt
        f.fetch(site.url("/a"))
    assert clock.waits == [0.3, 0.3]


def test_the_delay_counts_from_the_last_request_so_time_spent_meanwhile_is_not_waited_again(site):
    site.routes["/a"] = Route(PAGE)
    clock = FakeClock()
    with fetcher(clock, fetch_delay_s=2.0) as f:
        f.fetch(site.url("/a"))
        clock.now += 1.5  # the pipeline worked on the page meanwhile
        f.fetch(site.url("/a"))
    assert clock.waits == [2.0, 0.5]


def test_retries_back_off_doubling_and_a_retry_after_is_obeyed(site):
    site.routes["/a"] = Route("oops", status=500)
    clock = FakeClock()
    with fetcher(clock, retries=2, backoff_s=1.0) as f, pytest.raises(FetchError, match="after 3 tries"):
        f.fetch(site.url("/a"))
    assert clock.waits == [1.0, 2.0]
    site.routes["/b"] = Route("busy", status=503, headers={"Retry-After": "7"}, then=[Route(PAGE)])
    clock.waits.clear()
    with fetcher(clock, retries=1, backoff_s=1.0) as f:
        assert f.fetch(site.url("/b")).status == 200
    assert clock.waits == [7.0]


def test_a_server_error_is_retried_then_reported_as_retriable(site):
    site.routes["/a"] = Route("oops", status=500)
    with fetcher(retries=2) as f, pytest.raises(FetchError, match=r"HTTP 500 .*after 3 tries") as caught:
        f.fetch(site.url("/a"))
    assert caught.value.retriable and caught.value.status == 500
    assert site.paths().count("/a") == 3


def test_a_503_then_a_page_succeeds_on_the_retry(site):
    site.routes["/a"] = Route("busy", status=503, headers={"Retry-After": "0"}, then=[Route(PAGE)])
    with fetcher() as f:
        assert f.fetch(site.url("/a")).content == PAGE.encode("utf-8")
    assert site.paths().count("/a") == 2


def test_too_many_requests_is_retried(site):
    site.routes["/a"] = Route("slow down", status=429, then=[Route(PAGE)])
    with fetcher() as f:
        assert f.fetch(site.url("/a")).status == 200


def test_not_found_is_final_and_not_retried(site):
    with fetcher(retries=3) as f, pytest.raises(FetchError, match="HTTP 404 Not Found") as caught:
        f.fetch(site.url("/gone"))
    assert not caught.value.retriable and site.paths().count("/gone") == 1


def test_redirects_are_followed_to_the_final_address(site):
    site.routes["/old"] = Route(status=301, headers={"Location": "/new"})
    site.routes["/new"] = Route(status=302, headers={"Location": site.url("/final")})
    site.routes["/final"] = Route(PAGE)
    with fetcher() as f:
        response = f.fetch(site.url("/old"))
    assert response.url == site.url("/final") and response.status == 200


def test_a_redirect_loop_is_reported(site):
    site.routes["/a"] = Route(status=302, headers={"Location": "/b"})
    site.routes["/b"] = Route(status=302, headers={"Location": "/a"})
    with fetcher() as f, pytest.raises(FetchError, match="redirect loop") as caught:
        f.fetch(site.url("/a"))
    assert not caught.value.retriable


def test_redirects_beyond_the_limit_are_reported(site):
    for i in range(6):
        site.routes[f"/r{i}"] = Route(status=302, headers={"Location": f"/r{i + 1}"})
    with fetcher(max_redirects=3) as f, pytest.raises(FetchError, match="too many redirects"):
        f.fetch(site.url("/r0"))
    assert site.paths().count("/r4") == 0


def test_an_oversized_body_is_cut_off(site):
    site.routes["/big"] = Route("x" * 5000, content_type="text/html")
    site.routes["/big-unannounced"] = Route("x" * 5000, content_type="text/html", omit_length=True)
    with fetcher(max_body_bytes=1000) as f:
        for path in ("/big", "/big-unannounced"):
            with pytest.raises(FetchError, match="too large") as caught:
                f.fetch(site.url(path))
            assert not caught.value.retriable


def test_a_compressed_body_is_limited_after_decompression(site):
    site.routes["/bomb"] = Route("a" * 50_000, content_type="text/html", gzip=True)
    with fetcher(max_body_bytes=10_000) as f, pytest.raises(FetchError, match="too large"):
        f.fetch(site.url("/bomb"))


def test_a_compressed_page_is_decompressed(site):
    site.routes["/a"] = Route(PAGE, gzip=True)
    with fetcher() as f:
        assert f.fetch(site.url("/a")).content == PAGE.encode("utf-8")


def test_a_server_that_does_not_answer_in_time_is_a_retriable_timeout(site):
    site.routes["/slow"] = Route(PAGE, delay_s=1.0)
    with fetcher(read_timeout_s=0.2, retries=0) as f, pytest.raises(FetchError, match="timeout") as caught:
        f.fetch(site.url("/slow"))
    assert caught.value.retriable


def test_a_body_that_trickles_past_the_total_time_is_abandoned(site):
    site.routes["/drip"] = Route("y" * 2000, content_type="text/html", drip_s=0.05)
    with fetcher(total_timeout_s=0.3, retries=0) as f, pytest.raises(FetchError, match="took more than"):
        f.fetch(site.url("/drip"))


def test_a_wrong_content_type_is_refused_before_the_body_is_read(site):
    site.routes["/photo"] = Route(b"\x89PNG" + b"\x00" * 1000, content_type="image/png")
    with fetcher() as f, pytest.raises(FetchError, match="not an article: content type image/png"):
        f.fetch(site.url("/photo"), accept=PAGE_TYPES)


def test_a_connection_refused_is_a_retriable_network_failure():
    with fetcher(retries=0) as f, pytest.raises(FetchError, match="network") as caught:
        f.fetch("http://127.0.0.1:9/a")  # the discard port: nothing listens
    assert caught.value.retriable


def test_a_conditional_request_gets_not_modified(site):
    site.routes["/feed"] = Route("<rss/>", content_type="application/rss+xml", etag='"v1"',
                                 headers={"Last-Modified": "Tue, 04 Mar 2025 08:00:00 GMT"})
    with fetcher() as f:
        first = f.fetch(site.url("/feed"))
        second = f.fetch(site.url("/feed"), etag=first.etag, last_modified=first.last_modified)
    assert (first.etag, first.last_modified) == ('"v1"', "Tue, 04 Mar 2025 08:00:00 GMT")
    assert second.not_modified and second.content == b""
    assert site.hits[-1].headers["if-none-match"] == '"v1"'
    assert site.hits[-1].headers["if-modified-since"] == "Tue, 04 Mar 2025 08:00:00 GMT"


def test_a_stop_request_ends_a_wait_for_the_host(site):
    site.routes["/a"] = Route(PAGE)
    with fetcher(fetch_delay_s=30) as f:
        f.stop.set()  # robots.txt is fetched at once; the page would wait 30 s for its turn
        started = time.monotonic()
        with pytest.raises(FetchError, match="interrupted") as caught:
            f.fetch(site.url("/a"))
    assert time.monotonic() - started < 1 and caught.value.retriable
    assert site.paths() == ["/robots.txt"]
