"""A story's comparison as the store keeps it: read, or computed and written when missing or stale.

The edge between the comparison stage (``compare_sources``, no I/O) and the
store, used by `newsloom compare`, the API and the story page. Computing it
embeds the sentences of the story's articles not embedded before (their vectors
are stored too), so a story that gains an article costs only that article.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Protocol

from newsloom.compare import compare_sources
from newsloom.model import Article, Comparison, EventMention
from newsloom.nlp.embed import Embedder


class ComparisonStore(Protocol):
    """What this needs of a store, declared here so a stage does not import the store layer above it."""

    def comparison(self, story_id: str) -> dict[str, Any] | None: ...  # None when absent or stale
    def load_story_articles(self, story_id: str) -> list[Article]: ...
    def sentence_vectors(self, article_ids: Iterable[str], model: str) -> dict[str, Any]: ...
    def load_event_mentions(self, story_id: str) -> list[EventMention]: ...
    def save_comparison(self, comparison: Comparison, model: str, vectors: dict[str, Any]) -> None: ...


def stored_comparison(store: ComparisonStore, story_id: str, embedder: Embedder, model: str,
                      fresh: bool = False) -> dict[str, Any] | None:
    """The story's comparison as stored (computed and written first when missing, stale or ``fresh``);
    None when the story has no article or a single source."""
    found = None if fresh else store.comparison(story_id)
    if found is not None:
        return found
    articles = store.load_story_articles(story_id)
    if not articles:
        return None
    cached = store.sentence_vectors([a.id for a in articles], model)
    comparison, vectors = compare_sources(story_id, articles, cached, embedder, model,
                                          store.load_event_mentions(story_id))
    if comparison is None:
        return None
    store.save_comparison(comparison, model, vectors)
    return store.comparison(story_id)
