"""A story's comparison as the store keeps it: read, or computed and written when missing or stale.

The edge between the comparison stage (``compare_sources``, no I/O) and the
store, used by `newsloom compare`, the API and the story page. Computing it
embeds the sentences of the story's articles not embedded before (their vectors
are stored too), so a story that gains an article costs only that article.
"""

from __future__ import annotations

from typing import Any

from newsloom.compare import compare_sources
from newsloom.nlp.embed import Embedder
from newsloom.store.base import Store


def stored_comparison(store: Store, story_id: str, embedder: Embedder, model: str,
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
