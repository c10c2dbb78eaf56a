"""Is this article one we already have? Same address, same text, or a near-copy (MinHash LSH).

The index is explicit state: built from the fingerprints the store keeps
(``DuplicateIndex(store.load_fingerprints())``), grown with ``add`` as articles
are accepted, and the fingerprints ``add`` returns are saved with their batch.
A copy is not analysed again: it becomes a ``Copy`` of the first article, with
its own URL and outlet, so every later stage counts the story once.

Checks, cheapest first: the canonical URL (not a site's home page, which
careless pages give as their canonical address), the hash of the text's
words, then the MinHash of its word 3-grams, confirmed by the estimated Jaccard
similarity reaching ``NEAR_DUPLICATE_JACCARD``.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from urllib.parse import urlsplit

from datasketch import MinHashLSH

from newsloom.errors import Duplicate
from newsloom.extract.fingerprints import NUM_PERM, as_minhash, fingerprint
from newsloom.model import Article, Copy, Fingerprint

NEAR_DUPLICATE_JACCARD = 0.7  # word 3-gram Jaccard: a wire story with a changed headline and a paragraph more


@cache
def _bands(threshold: float) -> tuple[int, int]:
    """datasketch's optimal (bands, rows per band) for ``threshold``. It finds them by numerical integration,
    60 ms each time; every pipeline (each API request, each watch round) builds an index."""
    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    return lsh.b, lsh.r


class DuplicateIndex:
    """Every stored article's canonical URL, text hash and MinHash, for duplicate checks."""

    def __init__(self, fingerprints: Iterable[Fingerprint] = (), threshold: float = NEAR_DUPLICATE_JACCARD) -> None:
        self.threshold = threshold
        self.urls: dict[str, str] = {}  # canonical URL -> article id
        self.hashes: dict[str, str] = {}  # text hash -> article id
        self.signatures: dict[str, object] = {}  # article id -> MinHash
        self.lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM, params=_bands(threshold))
        for fp in fingerprints:
            self._insert(fp)

    def find(self, article: Article) -> Copy | None:
        """The copy relation of ``article`` to a stored article, or None when it is new."""
        url = _identifying(article.url)
        if url and url in self.urls:
            return _copy(article, self.urls[url], "same_url", 1.0)
        fp = fingerprint(article.id, article.text)
        if fp.text_hash in self.hashes:
            return _copy(article, self.hashes[fp.text_hash], "same_text", 1.0)
        if fp.signature is None:
            return None
        minhash = as_minhash(fp.signature)
        best: tuple[float, str] | None = None
        for candidate in self.lsh.query(minhash):
            similarity = float(minhash.jaccard(self.signatures[candidate]))
            if similarity >= self.threshold and (best is None or (similarity, candidate) > best):
                best = (similarity, candidate)
        return _copy(article, best[1], "near_duplicate", round(best[0], 4)) if best else None

    def check(self, article: Article) -> None:
        """Raise Duplicate if ``article`` copies a stored one."""
        copy = self.find(article)
        if copy is not None:
            raise Duplicate(copy)

    def add(self, article: Article) -> Fingerprint:
        """Index an accepted article; returns its fingerprint, for the store."""
        fp = fingerprint(article.id, article.text, article.url)
        self._insert(fp)
        return fp

    def _insert(self, fp: Fingerprint) -> None:
        url = _identifying(fp.url)
        if url:
            self.urls.setdefault(url, fp.article_id)
        self.hashes.setdefault(fp.text_hash, fp.article_id)
        if fp.signature is not None and fp.article_id not in self.signatures:
            minhash = as_minhash(fp.signature)
            self.signatures[fp.article_id] = minhash
            self.lsh.insert(fp.article_id, minhash)


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
