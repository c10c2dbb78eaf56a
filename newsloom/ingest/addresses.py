"""The server-side request forgery guard: newsloom fetches from public addresses only.

A URL given by a feed, a sitemap or a redirect could point at the machine
newsloom runs on (127.0.0.1, a cloud metadata service at 169.254.169.254, a
router at 192.168.0.1). Every host is resolved before each request, redirects
included, and refused unless every address it resolves to is public. The
``allow_private_addresses`` setting lifts this for intranets and tests.

What this does not stop: a host whose DNS answer changes between this check
and httpx's own lookup (DNS rebinding). Run newsloom behind an egress proxy
where that matters.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable
from urllib.parse import urlsplit

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
    for address in _addresses(url, host, port, resolver):
        kind = non_public_kind(address)
        if kind:
            raise FetchError(
                url,
                f"refused: {host} resolves to {address}, a {kind} address (server-side request forgery guard); "
                "set NEWSLOOM_ALLOW_PRIVATE_ADDRESSES=1 to fetch from an intranet",
            )


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
