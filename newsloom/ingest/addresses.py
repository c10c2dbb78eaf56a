"""The server-side request forgery guard: newsloom fetches from public addresses only.

A URL given by a feed, a sitemap or a redirect could point at the machine
newsloom runs on (127.0.0.1, a cloud metadata service at 169.254.169.254, a
router at 192.168.0.1). Every host is resolved before each request, redirects
included, and refused unless every address it resolves to is public. The
``allow_private_addresses`` setting lifts this for intranets and tests.

The connection itself is pinned (``PinnedBackend``, the network backend of the
fetcher's transport): it resolves the host once more, refuses the connection
unless every address is public, and connects to one of those very addresses,
so a host whose DNS answer changes between the check and the connection (DNS
rebinding) reaches nothing private. TLS still verifies the certificate against
the host name.
"""

from __future__ import annotations

import ipaddress
import socket
import typing
from collections.abc import Callable
from urllib.parse import urlsplit

import httpcore

from newsloom.errors import FetchError
from newsloom.extract.urls import WEB_SCHEMES

Resolver = Callable[[str, int], list[str]]  # host, port -> IP addresses

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


def resolve_host(host: str, port: int) -> list[str]:
    """The IP addresses a host name resolves to (the system resolver)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def check_url(url: str, allow_private: bool = False, resolver: Resolver = resolve_host) -> None:
    """Raise FetchError unless ``url`` is http(s) and its host resolves only to public addresses."""
    try:
        parts = urlsplit(url)
        port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
    except ValueError as error:
        raise FetchError(url, f"malformed URL: {error}") from None
    if parts.scheme.lower() not in WEB_SCHEMES:
        raise FetchError(url, f"only http and https URLs are fetched, not {parts.scheme or 'a bare path'}:")
    host = parts.hostname
    if not host:
        raise FetchError(url, "the URL has no host")
    if allow_private:
        return
    public_addresses(url, host, port, resolver)


def public_addresses(url: str, host: str, port: int, resolver: Resolver) -> list[IPAddress]:
    """The addresses ``host`` resolves to; FetchError unless every one is public."""
    addresses = _addresses(url, host, port, resolver)
    for address in addresses:
        kind = non_public_kind(address)
        if kind:
            raise FetchError(
                url,
                f"refused: {host} resolves to {address}, a {kind} address (server-side request forgery guard); "
                "set NEWSLOOM_ALLOW_PRIVATE_ADDRESSES=1 to fetch from an intranet",
            )
    return addresses


class PinnedBackend(httpcore.SyncBackend):
    """A network backend that connects only to public addresses it resolved itself, one after the other."""

    def __init__(self, resolver: Resolver = resolve_host) -> None:
        self.resolver = resolver

    def connect_tcp(self, host: str, port: int, timeout: float | None = None, local_address: str | None = None,
                    socket_options: typing.Iterable[typing.Any] | None = None) -> httpcore.NetworkStream:
        addresses = public_addresses(f"//{host}:{port}", host, port, self.resolver)
        failed: httpcore.ConnectError | httpcore.ConnectTimeout | None = None
        for address in addresses:
            try:
                return super().connect_tcp(str(address), port, timeout, local_address, socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as error:
                failed = error
        assert failed is not None  # public_addresses gives at least one address
        raise failed


def non_public_kind(address: IPAddress) -> str | None:
    """What makes an address non-public ("loopback", "private", ...), or None for a public one."""
    mapped = getattr(address, "ipv4_mapped", None)
    if mapped is not None:  # ::ffff:127.0.0.1 is 127.0.0.1
        address = mapped
    for kind in ("loopback", "private", "link_local", "multicast", "unspecified", "reserved"):
        if getattr(address, f"is_{kind}"):
            return kind.replace("_", "-")
    return None if address.is_global else "non-public"


def _addresses(url: str, host: str, port: int, resolver: Resolver) -> list[IPAddress]:
    try:
        return [ipaddress.ip_address(host)]
    except ValueError:
        pass  # a name, not a literal
    try:
        found = resolver(host, port)
    except (OSError, UnicodeError) as error:  # socket.gaierror is an OSError
        raise FetchError(url, f"network: cannot resolve {host} ({error})", retriable=True) from None
    if not found:
        raise FetchError(url, f"network: {host} resolves to no address", retriable=True)
    return [ipaddress.ip_address(a.split("%", 1)[0]) for a in found]  # drop an IPv6 zone ("fe80::1%eth0")
