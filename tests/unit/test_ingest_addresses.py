"""Canonical URLs and the server-side request forgery guard."""

from __future__ import annotations

import re
from dataclasses import replace

import httpx
import pytest

from newsloom.errors import FetchError
from newsloom.extract.urls import canonical_url, is_web_url
from newsloom.ingest.addresses import check_url
from newsloom.ingest.http import Fetcher
from tests.unit.conftest import WEB

PUBLIC = "93.184.216.34"


def resolver(table: dict[str, list[str]]):
    def resolve(host: str, port: int) -> list[str]:
        if host not in table:
            raise OSError(f"unknown host {host}")
        return table[host]
    return resolve


def test_tracking_parameters_fragment_and_default_port_are_dropped():
    url = "HTTPS://News.Example.ORG:443/world/bridge?utm_source=rss&id=7&fbclid=abc&a=1#comments"
    assert canonical_url(url) == "https://news.example.org/world/bridge?a=1&id=7"


def test_other_ports_paths_and_queries_are_kept():
    assert canonical_url("http://example.org:8080/a/b/?page=2") == "http://example.org:8080/a/b/?page=2"
    assert canonical_url("http://example.org") == "http://example.org/"


def test_only_http_and_https_are_web_urls():
    assert is_web_url("https://example.org/x") and is_web_url("HTTP://example.org")
    assert not is_web_url("ftp://example.org/x") and not is_web_url("news/2025/a.html")
    assert canonical_url("file:///etc/passwd") == "file:///etc/passwd"


@pytest.mark.parametrize("url", ["http://127.0.0.1/", "http://[::1]:8080/", "http://10.1.2.3/admin",
                                 "http://169.254.169.254/latest/meta-data/", "http://[::ffff:127.0.0.1]/",
                                 "http://0.0.0.0/", "http://100.64.0.1/"])
def test_non_public_address_literals_are_refused(url):
    with pytest.raises(FetchError) as caught:
        check_url(url, resolver=resolver({}))
    assert "refused" in caught.value.reason and not caught.value.retriable
    assert "NEWSLOOM_ALLOW_PRIVATE_ADDRESSES" in caught.value.reason


def test_a_name_resolving_to_a_private_address_is_refused_with_the_address():
    with pytest.raises(FetchError, match=re.escape("intranet.example resolves to 192.168.1.20, a private address")):
        check_url("https://intranet.example/wiki", resolver=resolver({"intranet.example": ["192.168.1.20"]}))


def test_a_name_is_refused_if_any_of_its_addresses_is_private():
    table = {"mixed.example": [PUBLIC, "127.0.0.1"]}
    with pytest.raises(FetchError, match="loopback"):
        check_url("https://mixed.example/", resolver=resolver(table))


def test_public_addresses_pass_and_the_setting_lets_private_ones_through():
    check_url("https://news.example/a", resolver=resolver({"news.example": [PUBLIC]}))
    check_url("http://127.0.0.1:9/a", allow_private=True)


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org/x", "gopher://example.org/"])
def test_other_schemes_are_refused(url):
    with pytest.raises(FetchError, match="only http and https"):
        check_url(url, allow_private=True)


def test_a_host_that_does_not_resolve_is_a_retriable_network_failure():
    with pytest.raises(FetchError) as caught:
        check_url("https://nowhere.example/", resolver=resolver({}))
    assert caught.value.retriable and "cannot resolve" in caught.value.reason


def test_the_fetcher_refuses_the_local_server_by_default_without_contacting_it(site):
    site.routes["/a"] = "never served"  # type: ignore[assignment]
    refused = "refused: 127.0.0.1 resolves to 127.0.0.1, a loopback address"
    with Fetcher(replace(WEB, allow_private_addresses=False)) as fetcher, pytest.raises(FetchError, match=refused):
        fetcher.fetch(site.url("/a"))
    assert site.hits == []


def test_a_redirect_from_a_public_host_to_a_private_one_is_refused():
    seen = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        if request.url.path == "/robots.txt":
            return httpx.Response(404)
        return httpx.Response(302, headers={"Location": "http://10.0.0.8/admin"})

    settings = replace(WEB, allow_private_addresses=False)
    table = {"news.example": [PUBLIC]}
    transport = httpx.MockTransport(answer)
    with (Fetcher(settings, transport=transport, resolver=resolver(table)) as fetcher,
          pytest.raises(FetchError, match=re.escape("10.0.0.8, a private address"))):
        fetcher.fetch("https://news.example/story")
    assert seen == ["https://news.example/robots.txt", "https://news.example/story"]


def test_a_host_whose_dns_answer_turns_private_after_the_check_is_not_connected_to(site):
    """DNS rebinding: the check sees a public address, the connection's own lookup gets 127.0.0.1."""
    site.routes["/a"] = "never served"  # type: ignore[assignment]
    calls = []

    def rebinding(host: str, port: int) -> list[str]:  # public for each check, loopback for each connection
        calls.append(host)
        return [PUBLIC] if len(calls) % 2 else ["127.0.0.1"]

    url = site.url("/a").replace("127.0.0.1", "rebind.example")
    settings = replace(WEB, allow_private_addresses=False)
    refused = re.escape("rebind.example resolves to 127.0.0.1, a loopback address")
    with Fetcher(settings, resolver=rebinding) as fetcher, pytest.raises(FetchError, match=refused):
        fetcher.fetch(url)
    assert site.hits == []


def test_the_pinned_backend_refuses_to_connect_to_a_private_address(site):
    from newsloom.ingest.addresses import PinnedBackend

    backend = PinnedBackend(lambda host, port: ["127.0.0.1"])
    with pytest.raises(FetchError, match="loopback"):
        backend.connect_tcp("local.example", site.port)
    with pytest.raises(FetchError, match="loopback"):
        PinnedBackend(lambda host, port: [PUBLIC, "127.0.0.1"]).connect_tcp("mixed.example", site.port)
    assert site.hits == []


def test_the_pinned_backend_connects_to_the_public_address_it_resolved(monkeypatch):
    import httpcore

    from newsloom.ingest.addresses import PinnedBackend

    dialled = []

    def dial(self, host, port, timeout=None, local_address=None, socket_options=None):
        dialled.append((host, port))
        if host == PUBLIC:
            raise httpcore.ConnectError("unreachable")  # the first address fails: the next one is tried
        return "stream"

    monkeypatch.setattr(httpcore.SyncBackend, "connect_tcp", dial)
    backend = PinnedBackend(lambda host, port: [PUBLIC, "8.8.8.8"])
    assert backend.connect_tcp("news.example", 443) == "stream"
    assert dialled == [(PUBLIC, 443), ("8.8.8.8", 443)]  # addresses, never the name a second lookup would answer
