"""The clustering stage of one batch as the pipeline runs it, for the benchmarks that replay articles."""

from __future__ import annotations

from newsloom.cluster.passes import recluster
from newsloom.cluster.stories import StoryClusterer
from newsloom.model import Article, Batch
from newsloom.store import SQLiteStore


def cluster_batch(store: SQLiteStore, clusterer: StoryClusterer, articles: list[Article]) -> list[Article]:
    """Assign, settle, write; then the merge/split pass over the touched stories, written too (no events)."""
    placed = clusterer.settle([clusterer.assign(a) for a in articles])
    store.save(Batch(articles=placed, stories=[clusterer.states[s] for s in clusterer.changed]))
    touched = set(clusterer.changed)
    clusterer.committed()
    plan = recluster(clusterer, store, touched)
    if plan:
        store.save(Batch(stories=list(plan.states.values()), moves=plan.moves, redirects=plan.redirects,
                         removed_stories=plan.removed))
        clusterer.committed()
    return placed
