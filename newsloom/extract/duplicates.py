"""Is this article one we already have? Same address, same text, or a near-copy (MinHash LSH).

The stored articles are asked of the store (``FingerprintSource``: one indexed query per check, so the cost
does not grow with the archive and nothing is loaded when a run starts); the articles accepted since the
last commit are held here until their batch is stored. The fingerprints ``add`` returns are saved with
their batch. A copy is not analysed again: it becomes a ``Copy`` of the first article, with its own URL and
outlet, so every later stage counts the story once.

Checks, cheapest first: the canonical URL (not a site's home page, which careless pages give as their
canonical address), the hash of the text's words, then the MinHash of its word 3-grams: candidates share a
band of ``signature_bands``, and one is a copy when the estimated Jaccard similarity reaches
``NEAR_DUPLICATE_JACCARD``. The earliest article wins a tie of URL or text, the most similar (then the
greatest id) a tie of near-copies.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Protocol
from urllib.parse import urlsplit

import numpy as np

from newsloom.errors import Duplicate
from newsloom.extract.fingerprints import NUM_PERM, fingerprint
from newsloom.model import Article, Copy, Fingerprint, signature_bands

NEAR_DUPLICATE_JACCARD = 0.7  # word 3-gram Jaccard: a wire story with a changed headline and a paragraph more


class FingerprintSource(Protocol):
    """What the store answers about stored articles (store/duplicates.py)."""

    def article_with_url(self, url: str) -> str | None: ...
    def article_with_text_hash(self, text_hash: str) -> str | None: ...
    def near_copy_candidates(self, bands: list[bytes]) -> list[Fingerprint]: ...


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """The Jaccard similarity two MinHash signatures estimate: the share of equal hash values."""
    return float(np.count_nonzero(a == b)) / NUM_PERM


class DuplicateIndex:
    """Duplicate checks against the store, and the articles accepted since the last commit."""

    def __init__(self, source: FingerprintSource, threshold: float = NEAR_DUPLICATE_JACCARD) -> None:
        self.source = source
        self.threshold = threshold
        self._urls: dict[str, str] = {}  # canonical URL -> article id, not yet stored
        self._hashes: dict[str, str] = {}  # text hash -> article id
        self._bands: dict[tuple[int, bytes], list[str]] = defaultdict(list)
        self._signatures: dict[str, np.ndarray] = {}

    def find(self, article: Article) -> Copy | None:
        """The copy relation of ``article`` to a stored or accepted article, or None when it is new."""
        url = _identifying(article.url)
        if url:
            original = self.source.article_with_url(url) or self._urls.get(url)
            if original:
                return _copy(article, original, "same_url", 1.0)
        fp = fingerprint(article.id, article.text)
        original = self.source.article_with_text_hash(fp.text_hash) or self._hashes.get(fp.text_hash)
        if original:
            return _copy(article, original, "same_text", 1.0)
        if fp.signature is None:
            return None
        bands = signature_bands(fp.signature)
        candidates = {c.article_id: c.signature for c in self.source.near_copy_candidates(bands)
                      if c.signature is not None}
        for i, key in enumerate(bands):
            for article_id in self._bands.get((i, key), ()):
                candidates[article_id] = self._signatures[article_id]
        best: tuple[float, str] | None = None
        for candidate, values in candidates.items():
            similarity = jaccard(fp.signature, values)
            if similarity >= self.threshold and (best is None or (similarity, candidate) > best):
                best = (similarity, candidate)
        return _copy(article, best[1], "near_duplicate", round(best[0], 4)) if best else None

    def check(self, article: Article) -> None:
        """Raise Duplicate if ``article`` copies a stored or accepted one."""
        copy = self.find(article)
        if copy is not None:
            raise Duplicate(copy)

    def add(self, article: Article) -> Fingerprint:
        """Hold an accepted article until its batch is stored; returns its fingerprint, for the store."""
        fp = fingerprint(article.id, article.text, article.url)
        url = _identifying(fp.url)
        if url:
            self._urls.setdefault(url, fp.article_id)
        self._hashes.setdefault(fp.text_hash, fp.article_id)
        if fp.signature is not None and fp.article_id not in self._signatures:
            self._signatures[fp.article_id] = fp.signature
            for i, key in enumerate(signature_bands(fp.signature)):
                self._bands[(i, key)].append(fp.article_id)
        return fp

    def committed(self) -> None:
        """The accepted articles are stored: the store answers for them now."""
        self._urls.clear()
        self._hashes.clear()
        self._bands.clear()
        self._signatures.clear()


def _identifying(url: str | None) -> str | None:
    """The URL if it can identify one article: not a bare host, which many pages wrongly give."""
    if not url:
        return None
    path = urlsplit(url).path
    return url if path not in ("", "/") else None


def _copy(article: Article, original_id: str, relation: str, similarity: float) -> Copy:
    return Copy(article_id=original_id, origin=article.origin, sha256=article.sha256, relation=relation,
                similarity=similarity, url=article.url, outlet=article.outlet, author=article.author,
                published=article.published)
