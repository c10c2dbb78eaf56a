"""Where everything newsloom finds is kept: SQLite by default, PostgreSQL by URL; one contract.

``open_store(url)`` picks the back end: a path, ``sqlite:///path`` or ``:memory:``
opens a ``SQLiteStore``; ``postgresql://…`` (or ``postgres://…``) a
``PostgresStore``. Both run the same queries (portable SQL over store/connection.py)
and the contract in newsloom/model/contract.py, split by role.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from newsloom.errors import StoreError
from newsloom.model import Batch
from newsloom.model.contract import ActorStore, BatchWriter, BrowseStore, SearchStore, Store, StoryStateStore
from newsloom.store.sqlite import SQLiteStore

if TYPE_CHECKING:
    from newsloom.store.postgres import PostgresStore

__all__ = ["ActorStore", "Batch", "BatchWriter", "BrowseStore", "PostgresStore", "SQLiteStore", "SearchStore", "Store",
           "StoryStateStore", "describe", "open_store"]

ACCEPTED = ("a file path (newsloom.db), sqlite:///path/to/file.db, :memory:, "
            "or postgresql://user:password@host:port/database")


def open_store(url: str | Path) -> SQLiteStore | PostgresStore:
    """The store at ``url``; StoreError listing the accepted forms when it is none of them."""
    text = str(url)
    scheme = text.split("://", 1)[0].lower() if "://" in text else ""
    if scheme in ("postgresql", "postgres"):
        from newsloom.store.postgres import PostgresStore

        return PostgresStore(text)
    if scheme == "sqlite":
        path = text.split("://", 1)[1]
        path = path.removeprefix("/")  # sqlite:///relative.db and sqlite:////absolute.db, as SQLAlchemy reads them
        return SQLiteStore(path or ":memory:")
    if scheme:
        raise StoreError(f"Cannot open the database {text!r}: {scheme}:// is not a store newsloom knows. "
                         f"Give {ACCEPTED}.")
    return SQLiteStore(text)


def describe(url: str | Path) -> str:
    """The store's address as messages show it: a PostgreSQL URL without its password."""
    text = str(url)
    if text.split("://", 1)[0].lower() in ("postgresql", "postgres"):
        from newsloom.store.postgres import redact

        return redact(text)
    return text


def __getattr__(name: str) -> object:
    if name == "PostgresStore":  # imported on demand: psycopg is an optional dependency
        from newsloom.store.postgres import PostgresStore

        return PostgresStore
    raise AttributeError(name)
