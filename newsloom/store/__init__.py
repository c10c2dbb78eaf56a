"""Where everything newsloom finds is kept. SQLite by default; one interface.

``Store`` (store/base.py) is the interface the pipeline and the edges use;
``SQLiteStore`` implements it. Another back end (PostgreSQL) implements the same
protocol and the same migrations.
"""

from newsloom.store.base import Batch, Store
from newsloom.store.sqlite import SQLiteStore, open_store

__all__ = ["Batch", "SQLiteStore", "Store", "open_store"]
