"""The SQLite store, newsloom's default: one file (``:memory:`` for tests), WAL, one writer at a time."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from newsloom.errors import StoreError
from newsloom.store.connection import SQLiteConnection
from newsloom.store.core import SharedStore
from newsloom.store.driver_errors import LOCK_TIMEOUT_S
from newsloom.store.migrate import migrate_sqlite
from newsloom.store.search import SQLiteSearch


class SQLiteStore(SharedStore):
    """newsloom's default store, in one SQLite file (``:memory:`` for tests)."""

    db: SQLiteConnection

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        self.search = SQLiteSearch()
        try:
            if self.path != ":memory:":
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            self.db = SQLiteConnection(sqlite3.connect(self.path, isolation_level=None), self.path)
            self.db.raw.execute("PRAGMA foreign_keys = ON")
            self.db.raw.execute("PRAGMA journal_mode = WAL")
            self.db.raw.execute(f"PRAGMA busy_timeout = {int(LOCK_TIMEOUT_S * 1000)}")
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"Cannot open the database {self.path!r}: {exc}. Is it a newsloom SQLite file?") from exc
        try:
            migrate_sqlite(self.db)
        except StoreError as exc:
            if isinstance(exc.__cause__, sqlite3.DatabaseError) and "not a database" in str(exc.__cause__):
                raise StoreError(f"Cannot open the database {self.path!r}: {exc.__cause__}. "
                                 "Is it a newsloom SQLite file?") from exc.__cause__
            raise

    def close(self) -> None:
        self.db.close()

    def handle(self, read_only: bool = True) -> SQLiteStore:
        """Another connection to the same file, for a request served in another thread.

        The connection may be handed between threads (FastAPI runs a request's dependencies and its
        endpoint in worker threads) but is used by one at a time. ``read_only`` refuses writes.
        """
        if self.path == ":memory:":
            raise StoreError("An in-memory database cannot be opened twice; serve a database file (--db).")
        other = SQLiteStore.__new__(SQLiteStore)
        other.path = self.path
        other.search = self.search
        try:
            raw = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            raw.execute("PRAGMA foreign_keys = ON")
            raw.execute(f"PRAGMA busy_timeout = {int(LOCK_TIMEOUT_S * 1000)}")
            if read_only:
                raw.execute("PRAGMA query_only = ON")
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"Cannot open the database {self.path!r}: {exc}.") from exc
        other.db = SQLiteConnection(raw, self.path)
        return other
