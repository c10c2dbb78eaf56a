"""A real HTTP server on 127.0.0.1 for the fetching tests: routes set per test, every request logged."""

from __future__ import annotations

import gzip
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Route:
    """What the server answers at one path."""

    body: bytes | str = b""
    status: int = 200
    content_type: str | None = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    delay_s: float = 0.0  # before the status line: a slow server
    drip_s: float = 0.0  # between chunks of the body: a server that trickles
    etag: str | None = None  # answer 304 to a matching If-None-Match
    gzip: bool = False  # Content-Encoding: gzip
    omit_length: bool = False  # no Content-Length: the body ends when the connection closes
    then: list[Route] | None = None  # answers for the following requests, in order (the last one repeats)


@dataclass
class Hit:
    path: str
    headers: dict[str, str]


class Site:
    """Routes and the request log of a running server; ``url(path)`` is the address of a path."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.routes: dict[str, Route | Callable[[Hit], Route]] = {}
        self.hits: list[Hit] = []
        self._served: dict[str, int] = {}
        self.lock = threading.Lock()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def paths(self) -> list[str]:
        return [hit.path for hit in self.hits]

    def route_for(self, hit: Hit) -> Route | None:
        with self.lock:
            self.hits.append(hit)
            route = self.routes.get(hit.path)
            if callable(route):
                return route(hit)
            if route is None or not route.then:
                return route
            n = self._served.get(hit.path, 0)
            self._served[hit.path] = n + 1
            return route if n == 0 else route.then[min(n - 1, len(route.then) - 1)]


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.0"

        def do_GET(self) -> None:
            hit = Hit(self.path, {k.lower(): v for k, v in self.headers.items()})
            route = site.route_for(hit)
            if route is None:
                route = Route(b"not here", status=404, content_type="text/plain")
            time.sleep(route.delay_s)
            if route.etag and hit.headers.get("if-none-match") == route.etag:
                self.send_response(304)
                self.send_header("ETag", route.etag)
                self.end_headers()
                return
            body = route.body.encode("utf-8") if isinstance(route.body, str) else route.body
            if route.gzip:
                body = gzip.compress(body)
            self.send_response(route.status)
            if route.content_type:
                self.send_header("Content-Type", route.content_type)
            if route.etag:
                self.send_header("ETag", route.etag)
            if route.gzip:
                self.send_header("Content-Encoding", "gzip")
            for name, value in route.headers.items():
                self.send_header(name, value)
            if not route.omit_length:
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            try:
                if route.drip_s:
                    for i in range(0, len(body), 64):
                        self.wfile.write(body[i : i + 64])
                        self.wfile.flush()
                        time.sleep(route.drip_s)
                else:
                    self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up: that is what some tests check

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler


class Server:
    def __init__(self) -> None:
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(Site(0)))
        self.site = Site(self.httpd.server_address[1])
        self.httpd.RequestHandlerClass = _handler(self.site)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    def __enter__(self) -> Site:
        self.thread.start()
        return self.site

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
