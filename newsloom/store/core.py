"""What both back ends share: every role of the store contract over one Connection and one Search."""

from __future__ import annotations

from contextlib import AbstractContextManager

from newsloom.store.actors import ActorMixin
from newsloom.store.browse import BrowseMixin
from newsloom.store.comparisons import CompareMixin
from newsloom.store.connection import Connection
from newsloom.store.duplicates import DuplicateMixin
from newsloom.store.event_reads import EventReadMixin
from newsloom.store.queries import QueryMixin
from newsloom.store.search import PostgresSearch, SQLiteSearch
from newsloom.store.shards import ShardMixin
from newsloom.store.story_state import StoryStateMixin
from newsloom.store.web import WebMixin
from newsloom.store.writes import BatchWriteMixin


class SharedStore(BatchWriteMixin, QueryMixin, WebMixin, DuplicateMixin, ShardMixin, BrowseMixin, EventReadMixin,
                  StoryStateMixin, ActorMixin, CompareMixin):
    """The store's queries, written once; a subclass opens the connection and picks the search index."""

    db: Connection
    search: SQLiteSearch | PostgresSearch

    def transaction(self) -> AbstractContextManager[None]:
        """One write transaction: the ``save`` calls inside it are written together, or not at all."""
        return self.db.write()

    def data_version(self) -> int:
        """A number that changes when another connection commits."""
        return self.db.data_version()
