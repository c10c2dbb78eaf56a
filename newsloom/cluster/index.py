"""Approximate nearest neighbours over the articles of the stories near an article's date.

Article vectors are kept in one HNSW index (hnswlib) per time bucket of
``bucket_days`` days (and one for undated articles). An article's candidate
stories are those of its nearest neighbours in the buckets within
``window_days`` of its date, never a scan of the archive. Buckets are loaded
from a ``MemberSource`` (the store) when first needed and dropped when
``loaded_buckets`` are held, so the work per article and the memory do not grow
with the archive, and a restarted process finds the same neighbours. Undated
articles have no window: they are matched against the newest ``undated_pool``
undated articles (up to twice as many before the oldest are dropped).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import Protocol

import hnswlib
import numpy as np

from newsloom.model import Member

Bucket = int | None  # days since 0001-01-01 // bucket_days; None holds the undated articles
FIRST_CAPACITY = 64


class MemberSource(Protocol):
    def load_members(self, first: date | None, last: date | None, newest: int | None = None) -> list[Member]:
        """Articles published from ``first`` to ``last`` (both None: the undated ones), oldest first;
        ``newest``: only the last ones stored."""
        ...


class MemberIndex:
    """The article vectors of one bucket, searchable by cosine (vectors are L2-normalised)."""

    def __init__(self, dimensions: int) -> None:
        self.dimensions = dimensions
        self.ids: list[str] = []
        self.hnsw = hnswlib.Index(space="ip", dim=dimensions)
        self.hnsw.init_index(max_elements=FIRST_CAPACITY, ef_construction=80, M=16, random_seed=7)
        self.hnsw.set_num_threads(1)

    def add(self, article_id: str, vector: np.ndarray) -> None:
        if len(self.ids) >= self.hnsw.get_max_elements():
            self.hnsw.resize_index(2 * len(self.ids))
        self.hnsw.add_items(np.asarray(vector, dtype=np.float32).reshape(1, -1), [len(self.ids)])
        self.ids.append(article_id)

    def search(self, vector: np.ndarray, k: int) -> list[tuple[str, float]]:
        """The ``k`` nearest articles with their cosine, nearest first."""
        k = min(k, len(self.ids))
        if k == 0:
            return []
        self.hnsw.set_ef(max(2 * k, 40))
        labels, distances = self.hnsw.knn_query(np.asarray(vector, dtype=np.float32).reshape(1, -1), k=k)
        return [(self.ids[int(label)], 1.0 - float(d)) for label, d in zip(labels[0], distances[0], strict=True)]


class StoryWindow:
    """The buckets near the articles being clustered, and which story each of their articles is in."""

    def __init__(self, source: MemberSource, window_days: int, bucket_days: int, neighbours: int,
                 loaded_buckets: int, undated_pool: int = 20_000) -> None:
        self.source = source
        self.undated_pool = max(1, undated_pool)
        self.window_days = window_days
        self.bucket_days = max(1, bucket_days)
        self.neighbours = neighbours
        self.capacity = max(loaded_buckets, 2 * (window_days // self.bucket_days + 2))
        self.buckets: dict[Bucket, MemberIndex | None] = {}  # None: loaded, still empty
        self.story_of: dict[str, str] = {}
        self.used: dict[Bucket, int] = {}
        self.tick = 0

    def bucket_of(self, day: date | None) -> Bucket:
        return None if day is None else day.toordinal() // self.bucket_days

    def buckets_near(self, day: date | None) -> list[Bucket]:
        """The undated bucket and, for a dated article, every bucket within ``window_days``."""
        if day is None:
            return [None]
        first = (day - timedelta(days=self.window_days)).toordinal() // self.bucket_days  # as bucket_of, never None
        last = (day + timedelta(days=self.window_days)).toordinal() // self.bucket_days
        return [None, *range(first, last + 1)]

    def candidates(self, vector: np.ndarray, day: date | None, exclude: str | None = None) -> dict[str, float]:
        """Story id -> cosine of its nearest article among the neighbours near ``day``."""
        best: dict[str, float] = {}
        for key in self.buckets_near(day):
            index = self._bucket(key)
            if index is None:
                continue
            for article_id, cosine in index.search(vector, self.neighbours + (exclude is not None)):
                if article_id == exclude:
                    continue
                story_id = self.story_of[article_id]
                if cosine > best.get(story_id, -2.0):
                    best[story_id] = cosine
        return best

    def add(self, article_id: str, story_id: str, day: date | None, vector: np.ndarray) -> None:
        key = self.bucket_of(day)
        index = self._bucket(key)
        if index is None:
            index = self.buckets[key] = MemberIndex(len(vector))
        index.add(article_id, vector)
        self.story_of[article_id] = story_id
        if key is None and len(index.ids) >= 2 * self.undated_pool:
            self._trim_undated(index)

    def _trim_undated(self, index: MemberIndex) -> None:
        """Keep the newest ``undated_pool`` undated articles: rebuilt once per ``undated_pool`` additions."""
        keep = len(index.ids) - self.undated_pool
        vectors = index.hnsw.get_items(list(range(keep, len(index.ids))), return_type="numpy")
        fresh = MemberIndex(index.dimensions)
        for article_id, vector in zip(index.ids[keep:], vectors, strict=True):
            fresh.add(article_id, vector)
        for article_id in index.ids[:keep]:
            self.story_of.pop(article_id, None)
        self.buckets[None] = fresh

    def move(self, article_ids: Iterable[str], story_id: str) -> None:
        """Articles that changed story (a merge or a split); those not loaded are read anew when needed."""
        for article_id in article_ids:
            if article_id in self.story_of:
                self.story_of[article_id] = story_id

    def loaded_days(self) -> list[tuple[date, date]]:
        """The date ranges of the loaded dated buckets."""
        return [self._range(key) for key in self.buckets if key is not None]

    def evict(self) -> None:
        """Drop the least recently used buckets beyond the capacity (the store keeps everything)."""
        if len(self.buckets) <= self.capacity:
            return
        for key in sorted(self.buckets, key=lambda k: self.used.get(k, 0))[:len(self.buckets) - self.capacity]:
            if key is None:
                continue
            index = self.buckets.pop(key)
            self.used.pop(key, None)
            for article_id in index.ids if index else ():
                self.story_of.pop(article_id, None)

    def _range(self, key: int) -> tuple[date, date]:
        first = date.fromordinal(max(1, key * self.bucket_days))
        return first, first + timedelta(days=self.bucket_days - 1)

    def _bucket(self, key: Bucket) -> MemberIndex | None:
        self.tick += 1
        self.used[key] = self.tick
        if key not in self.buckets:
            if key is None:
                members = self.source.load_members(None, None, newest=self.undated_pool)
            else:
                members = self.source.load_members(*self._range(key))
            index = None
            for member in members:
                if index is None:
                    index = MemberIndex(len(member.vector))
                index.add(member.article_id, member.vector)
                self.story_of[member.article_id] = member.story_id
            self.buckets[key] = index
        return self.buckets[key]
