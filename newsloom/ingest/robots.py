"""robots.txt: whether newsloom may fetch a URL, and how long to wait between requests to its host.

Read as RFC 9309 says: a robots.txt that is missing or forbidden (any 4xx)
allows everything; one that cannot be fetched (5xx, network) forbids the whole
host until it can be (asked again after five minutes), and the URLs refused
meanwhile are retried on a later run. A host's rules are kept for a day.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit
from urllib.robotparser import RobotFileParser

from newsloom.errors import FetchError

AGENT = "newsloom"  # the product token robots.txt groups are matched against
RULES_TTL_S = 86_400.0
UNAVAILABLE_TTL_S = 300.0  # an unreachable robots.txt is asked for again after this
MAX_CRAWL_DELAY_S = 30.0  # a Crawl-delay above this is read as this: one slow host must not stall a run
MAX_ROBOTS_BYTES = 500_000  # RFC 9309 asks crawlers to read at least 500 KiB


@dataclass(frozen=True, slots=True)
class RobotsRules:
    """One host's rules: a parser, or None when everything is allowed or forbidden."""

    parser: RobotFileParser | None
    allow_all: bool
    fetched_at: float
    unavailable: str = ""  # why the host is off limits for now (robots.txt unreachable)

    def allows(self, url: str) -> bool:
        if self.parser is None:
            return self.allow_all
        return self.parser.can_fetch(AGENT, url)

    def crawl_delay_s(self) -> float:
        if self.parser is None:
            return 0.0
        delay = self.parser.crawl_delay(AGENT)
        return min(float(delay), MAX_CRAWL_DELAY_S) if delay else 0.0


def robots_url(url: str) -> str:
    """The robots.txt address for a URL's scheme, host and port."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), "/robots.txt", "", ""))


def parse_robots(text: str, fetched_at: float) -> RobotsRules:
    parser = RobotFileParser()
    parser.parse(text.splitlines())
    return RobotsRules(parser, allow_all=True, fetched_at=fetched_at)


class RobotsCache:
    """The rules of every host seen, fetched once per host and day.

    ``fetch_text(url)`` returns (status, body) or raises FetchError; the fetcher
    provides it so that robots.txt requests share its guard, delays and limits.
    """

    def __init__(self, fetch_text: Callable[[str], tuple[int, str]], clock: Callable[[], float] = time.monotonic):
        self._fetch_text = fetch_text
        self._clock = clock
        self._rules: dict[str, RobotsRules] = {}

    def rules(self, url: str) -> RobotsRules:
        key = robots_url(url)
        now = self._clock()
        cached = self._rules.get(key)
        ttl = UNAVAILABLE_TTL_S if cached is not None and cached.unavailable else RULES_TTL_S
        if cached is None or now - cached.fetched_at > ttl:
            cached = self._rules[key] = self._load(key, now)
        return cached

    def known(self, url: str) -> bool:
        """True once the rules of ``url``'s host have been read (or found unreadable)."""
        return robots_url(url) in self._rules

    def check(self, url: str) -> None:
        """Raise FetchError if robots.txt forbids ``url`` (retriable when robots.txt was unreachable)."""
        rules = self.rules(url)
        if rules.unavailable:
            raise FetchError(url, f"robots.txt unavailable ({rules.unavailable}); the host is not fetched for now",
                             retriable=True)
        if not rules.allows(url):
            raise FetchError(url, f"robots.txt of {urlsplit(url).netloc} disallows this URL for {AGENT}")

    def _load(self, key: str, now: float) -> RobotsRules:
        try:
            status, text = self._fetch_text(key)
        except FetchError as error:
            if error.retriable:
                return RobotsRules(None, allow_all=False, fetched_at=now, unavailable=error.reason)
            return RobotsRules(None, allow_all=True, fetched_at=now)  # too large, not text...: no usable rules
        if 200 <= status < 300:
            return parse_robots(text, now)
        if 400 <= status < 500:
            return RobotsRules(None, allow_all=True, fetched_at=now)
        return RobotsRules(None, allow_all=False, fetched_at=now, unavailable=f"HTTP {status}")
