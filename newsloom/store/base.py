"""The store contract and the batch record, kept here for callers that import them from the store.

Both live in the records layer now (newsloom/model/contract.py, newsloom/model/batch.py).
"""

from newsloom.model.batch import Batch
from newsloom.model.contract import ActorStore, BatchWriter, BrowseStore, SearchStore, Store, StoryStateStore

__all__ = ["ActorStore", "Batch", "BatchWriter", "BrowseStore", "SearchStore", "Store", "StoryStateStore"]
