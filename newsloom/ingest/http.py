"""HTTP GET with manners and limits: the one place newsloom talks to web servers.

Every request: http(s) only, the host resolved and checked against the
server-side request forgery guard (addresses.py), robots.txt obeyed (robots.py),
one request at a time per host with a delay between them, a clear User-Agent.
Every response: redirects followed one hop at a time (each hop checked again)
up to a limit, 429/5xx and network errors retried with exponential backoff
(Retry-After honoured), the content type checked before the body is read, the
body cut off past a maximum size or a total time. Conditional requests (ETag,
Last-Modified) make an unchanged feed cost one small 304.

httpx's exceptions are translated here into FetchError, whose ``retriable``
says whether a later run should try again. The network is a pluggable httpx
transport, so tests can run against anything.
"""

from __future__ import annotations

import ssl
import threading
import time
from collections.abc import Collection
from dataclasses import dataclass
from email.message import Message
from email.utils import parsedate_to_datetime
from functools import cache
from typing import Protocol, Self
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx

from newsloom.errors import FetchError
from newsloom.ingest.addresses import PinnedBackend, Resolver, check_url, resolve_host
from newsloom.ingest.robots import MAX_ROBOTS_BYTES, RobotsCache
from newsloom.settings import Settings

PAGE_TYPES = frozenset({"text/html", "application/xhtml+xml", "text/plain"})
LISTING_TYPES = frozenset({
    "application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml", "text/xml",
    "application/x-gzip", "application/gzip", "application/octet-stream",
})
ANY_SOURCE = PAGE_TYPES | LISTING_TYPES
RETRY_STATUSES = frozenset({408, 425, 429, 500, 502, 503, 504})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
MAX_RETRY_AFTER_S = 120.0


@dataclass(frozen=True, slots=True)
class Response:
    """A finished GET: the final address after redirects, and a body within the limits."""

    url: str
    status: int
    content: bytes
    media_type: str = ""  # lowercased, without parameters; "" when the server named none
    charset: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    language: str | None = None  # Content-Language
    location: str | None = None  # where a redirect points

    @property
    def not_modified(self) -> bool:
        return self.status == 304


class Clock(Protocol):
    """The time the fetcher spaces requests and backs off by; tests give one that waits without sleeping."""

    def monotonic(self) -> float: ...
    def wait(self, stop: threading.Event, seconds: float) -> bool: ...  # True when ``stop`` was set meanwhile


class RealClock:
    def monotonic(self) -> float:
        return time.monotonic()

    def wait(self, stop: threading.Event, seconds: float) -> bool:
        return stop.wait(seconds)


class Fetcher:
    """Fetches URLs for one run; holds the connection pool, robots.txt rules and per-host clocks.

    ``stop`` is set (by a signal handler) to end waits early: a fetch that was
    waiting for its turn then raises FetchError("interrupted", retriable).
    """

    def __init__(
        self,
        settings: Settings,
        transport: httpx.BaseTransport | None = None,
        resolver: Resolver = resolve_host,
        stop: threading.Event | None = None,
        clock: Clock | None = None,
    ) -> None:
        self.settings = settings
        self.clock = clock or RealClock()
        self.resolver = resolver
        self.stop = stop or threading.Event()
        timeout = httpx.Timeout(settings.read_timeout_s, connect=settings.connect_timeout_s)
        if transport is None and not settings.allow_private_addresses:
            transport = pinned_transport(resolver)
        self.client = httpx.Client(
            transport=transport, verify=_ssl_context(), timeout=timeout, follow_redirects=False,
            headers={"User-Agent": settings.user_agent, "Accept-Encoding": "gzip, deflate"},
        )
        self.robots = RobotsCache(self._robots_text, clock=self.clock.monotonic)
        self._last_request: dict[str, float] = {}

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def fetch(self, url: str, accept: Collection[str] = ANY_SOURCE, etag: str | None = None,
              last_modified: str | None = None) -> Response:
        """GET ``url`` politely; a 2xx or 304 response, else FetchError saying why."""
        headers = {"Accept": _accept_header(accept)}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        return self._follow(url, headers, accept, obey_robots=True)

    def _follow(self, url: str, headers: dict[str, str], accept: Collection[str], obey_robots: bool,
                max_bytes: int | None = None) -> Response:
        visited = [url]
        current = url
        for _ in range(self.settings.max_redirects + 1):
            check_url(current, self.settings.allow_private_addresses, self.resolver)
            if obey_robots:
                self.robots.check(current)
            response = self._with_retries(current, headers, accept, max_bytes or self.settings.max_body_bytes)
            if response.status not in REDIRECT_STATUSES:
                return response
            target = urljoin(current, response.location or "")
            if target in visited:
                raise FetchError(url, f"redirect loop: {' -> '.join([*visited, target])}")
            visited.append(target)
            current = target
        raise FetchError(url, f"too many redirects (more than {self.settings.max_redirects})")

    def _with_retries(self, url: str, headers: dict[str, str], accept: Collection[str], max_bytes: int) -> Response:
        tries = self.settings.retries + 1
        for attempt in range(tries):
            last = attempt == tries - 1
            try:
                response, retry_after = self._once(url, headers, accept, max_bytes)
            except FetchError as error:
                if not error.retriable or last:
                    raise _with_tries(error, attempt + 1)  # noqa: B904 - the same error (or its copy naming the tries)
                self._pause(url, self.settings.backoff_s * 2**attempt)
                continue
            if response.status in RETRY_STATUSES:
                if last:
                    raise FetchError(url, f"HTTP {response.status} {_phrase(response.status)}"
                                          f"{_tries(attempt + 1)}", retriable=True, status=response.status)
                self._pause(url, retry_after if retry_after is not None else self.settings.backoff_s * 2**attempt)
                continue
            if response.status >= 400:
                raise FetchError(url, f"HTTP {response.status} {_phrase(response.status)}", status=response.status)
            return response
        raise AssertionError("unreachable: the last try returns or raises")

    def _once(self, url: str, headers: dict[str, str], accept: Collection[str],
              max_bytes: int) -> tuple[Response, float | None]:
        """One request; the response (bodiless unless 2xx) and the Retry-After it asked for."""
        self._wait_turn(url)
        try:
            with self.client.stream("GET", url, headers=headers) as raw:
                media_type, charset = parse_content_type(raw.headers.get("content-type", ""))
                meta = {
                    "media_type": media_type, "charset": charset, "etag": raw.headers.get("etag"),
                    "last_modified": raw.headers.get("last-modified"),
                    "language": raw.headers.get("content-language"),
                }
                if raw.status_code in REDIRECT_STATUSES:
                    location = raw.headers.get("location")
                    if not location:
                        raise FetchError(url, f"HTTP {raw.status_code} redirect without a Location header")
                    return Response(url, raw.status_code, b"", location=location), None
                if not 200 <= raw.status_code < 300:
                    return Response(url, raw.status_code, b"", **meta), _retry_after(raw.headers.get("retry-after"))
                if media_type and accept and media_type not in accept:
                    raise FetchError(url, f"not an article: content type {media_type}")
                return Response(url, raw.status_code, self._read_body(url, raw, max_bytes), **meta), None
        except httpx.TimeoutException as error:
            raise FetchError(url, f"timeout: no answer in time ({type(error).__name__})", retriable=True) from None
        except httpx.DecodingError as error:
            raise FetchError(url, f"undecodable: the body's content-encoding is broken ({error})") from None
        except (httpx.UnsupportedProtocol, httpx.InvalidURL) as error:
            raise FetchError(url, f"malformed URL: {error}") from None
        except httpx.TransportError as error:
            raise FetchError(url, f"network: {type(error).__name__}: {error or 'connection failed'}",
                             retriable=True) from None
        finally:
            self._last_request[_host_key(url)] = self.clock.monotonic()

    def _read_body(self, url: str, raw: httpx.Response, max_bytes: int) -> bytes:
        declared = raw.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > max_bytes and "content-encoding" not in raw.headers:
            raise FetchError(url, f"too large: {int(declared):,} bytes declared, the limit is {max_bytes:,}")
        deadline = self.clock.monotonic() + self.settings.total_timeout_s
        body = bytearray()
        for chunk in raw.iter_bytes():
            body += chunk
            if len(body) > max_bytes:
                raise FetchError(url, f"too large: more than {max_bytes:,} bytes")
            if self.clock.monotonic() > deadline:
                raise FetchError(url, f"timeout: the body took more than {self.settings.total_timeout_s:g} s",
                                 retriable=True)
        return bytes(body)

    def _wait_turn(self, url: str) -> None:
        """Sleep until this host's delay since its last request has passed."""
        delay = self.settings.fetch_delay_s
        if self.robots.known(url):
            delay = max(delay, self.robots.rules(url).crawl_delay_s())
        last = self._last_request.get(_host_key(url))
        if last is not None:
            self._pause(url, last + delay - self.clock.monotonic())

    def _pause(self, url: str, seconds: float) -> None:
        if seconds > 0 and self.clock.wait(self.stop, min(seconds, MAX_RETRY_AFTER_S)):
            raise FetchError(url, "interrupted before it was fetched", retriable=True)

    def _robots_text(self, url: str) -> tuple[int, str]:
        try:
            response = self._follow(url, {"Accept": "text/plain"}, (), obey_robots=False, max_bytes=MAX_ROBOTS_BYTES)
        except FetchError as error:
            if error.status is not None and 400 <= error.status < 500:
                return error.status, ""
            raise
        return response.status, response.content.decode("utf-8", errors="replace")


def _host_key(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


def parse_content_type(header: str) -> tuple[str, str | None]:
    if not header:
        return "", None
    message = Message()
    message["content-type"] = header
    charset = message.get_param("charset")
    return message.get_content_type().lower(), (str(charset).strip() or None) if charset else None


def _accept_header(accept: Collection[str]) -> str:
    if not accept:
        return "*/*"
    return ", ".join(sorted(accept)) + ", */*;q=0.1"


def _retry_after(value: str | None) -> float | None:
    """Seconds a 429 or 503 asked to wait (a number or an HTTP date), capped."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return min(float(value), MAX_RETRY_AFTER_S)
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return max(0.0, min(moment.timestamp() - time.time(), MAX_RETRY_AFTER_S))


def _phrase(status: int) -> str:
    try:
        return httpx.codes(status).name.replace("_", " ").title()
    except ValueError:
        return ""


def _tries(n: int) -> str:
    return f" (after {n} tries)" if n > 1 else ""


def _with_tries(error: FetchError, n: int) -> FetchError:
    if n < 2 or not error.retriable:
        return error
    return FetchError(error.url, error.reason + _tries(n), retriable=True, status=error.status)


@cache
def _ssl_context() -> ssl.SSLContext:
    """The certificate store, loaded once per process: loading it takes 60 ms of CPU, and a run (the API, a
    watch) makes a Fetcher per request or round. A context is safe to share between connections and threads."""
    return httpx.create_ssl_context()


def pinned_transport(resolver: Resolver) -> httpx.HTTPTransport:
    """httpx's own transport whose connections go through ``PinnedBackend`` (addresses.py): each connection is
    made to a public address the backend resolved itself, not to whatever a second DNS lookup answers."""
    transport = httpx.HTTPTransport(verify=_ssl_context())
    transport._pool = httpcore.ConnectionPool(  # httpx exposes no network-backend option; the pool is its seam
        ssl_context=_ssl_context(), network_backend=PinnedBackend(resolver), max_connections=100,
        max_keepalive_connections=20, keepalive_expiry=5.0)
    return transport
