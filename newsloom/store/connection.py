"""One connection interface over sqlite3 and psycopg, so the store's queries are written once.

Queries use ``?`` placeholders; the PostgreSQL connection turns them into ``%s``.
Rows answer ``row["column"]`` and ``row[0]`` on both (sqlite3.Row; ``Row`` for
psycopg). ``write()`` is a transaction that holds the store's single write lock
(SQLite: BEGIN IMMEDIATE; PostgreSQL: an advisory lock), so two writers queue the
same way on both. Driver errors leave as StoreError (store/driver_errors.py).
"""

from __future__ import annotations

import sqlite3
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from functools import lru_cache
from typing import Any

from newsloom.store import driver_errors
from newsloom.store.driver_errors import from_psycopg, from_sqlite

WRITE_LOCK = 7_466_113  # the advisory lock key of a PostgreSQL store's writers (any constant, the same everywhere)


@contextmanager
def _nested(connection: Connection) -> Iterator[None]:
    connection.depth += 1
    try:
        yield
    finally:
        connection.depth -= 1


class Connection(ABC):
    dialect: str  # "sqlite" or "postgresql"
    where: str  # how messages name the database
    depth = 0  # writes open on this connection: a write inside a write joins it (one transaction per batch)

    @abstractmethod
    def execute(self, sql: str, args: Sequence[Any] = ()) -> Any: ...  # a cursor: iterate, fetchone, fetchall

    @abstractmethod
    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None: ...

    @contextmanager
    def write(self) -> Iterator[None]:
        """One transaction under the write lock; a write inside a write joins it (one transaction per batch)."""
        if not self.depth:
            with self._transaction(), _nested(self):
                yield
            return
        with _nested(self):
            yield

    @abstractmethod
    def _transaction(self) -> AbstractContextManager[None]: ...  # begin under the write lock; commit, or roll back

    @abstractmethod
    def data_version(self) -> int: ...

    @abstractmethod
    def close(self) -> None: ...


class SQLiteConnection(Connection):
    dialect = "sqlite"

    def __init__(self, raw: sqlite3.Connection, path: str) -> None:
        self.raw = raw
        self.where = repr(path)
        raw.row_factory = sqlite3.Row

    def execute(self, sql: str, args: Sequence[Any] = ()) -> sqlite3.Cursor:
        try:
            return self.raw.execute(sql, args)
        except sqlite3.Error as exc:
            raise from_sqlite(exc, self.where) from exc

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        try:
            self.raw.executemany(sql, rows)
        except sqlite3.Error as exc:
            raise from_sqlite(exc, self.where) from exc

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        self.execute("BEGIN IMMEDIATE")  # takes the write lock now, not at the first write
        try:
            yield
            self.execute("COMMIT")
        except BaseException:
            if self.raw.in_transaction:
                self.raw.execute("ROLLBACK")
            raise

    def data_version(self) -> int:
        return int(self.execute("PRAGMA data_version").fetchone()[0])

    def close(self) -> None:
        self.raw.close()


class Row(tuple):
    """A psycopg row that reads like sqlite3.Row: by position, by column name, and as a mapping for dict()."""

    __slots__ = ()
    _index: dict[str, int]
    _names: tuple[str, ...]

    def __getitem__(self, key: Any) -> Any:
        return tuple.__getitem__(self, self._index[key] if isinstance(key, str) else key)

    def keys(self) -> list[str]:
        return list(self._names)


@lru_cache(maxsize=512)
def _row_class(names: tuple[str, ...]) -> type[Row]:
    index: dict[str, int] = {}
    for i, name in enumerate(names):
        index.setdefault(name, i)  # the first column of a name wins, as in sqlite3.Row
    return type("Row", (Row,), {"__slots__": (), "_index": index, "_names": names})


def pg_rows(cursor: Any) -> Callable[[Sequence[Any]], Any]:
    """psycopg's row factory for ``Row``; BYTEA comes back as bytes, as SQLite's BLOB does."""
    if cursor.description is None:
        return tuple
    cls = _row_class(tuple(c.name for c in cursor.description))
    return lambda values: cls(bytes(v) if isinstance(v, memoryview) else v for v in values)


@lru_cache(maxsize=1024)
def to_pyformat(sql: str) -> str:
    """``?`` placeholders as psycopg's ``%s``, outside quoted text; a literal ``%`` doubled."""
    out, quote = [], ""
    for c in sql:
        if quote:
            quote = "" if c == quote else quote
        elif c in "'\"":
            quote = c
        elif c == "?":
            out.append("%s")
            continue
        out.append("%%" if c == "%" else c)
    return "".join(out)


class PostgresConnection(Connection):
    dialect = "postgresql"

    def __init__(self, raw: Any, where: str, server: str) -> None:
        self.raw = raw  # a psycopg connection in autocommit mode, checked out of the store's pool
        self.where = where
        self.server = server

    def _error(self, exc: Exception) -> Exception:
        return from_psycopg(exc, self.where, self.server)

    def execute(self, sql: str, args: Sequence[Any] = ()) -> Any:
        import psycopg

        try:
            return self.raw.execute(to_pyformat(sql), tuple(args))
        except psycopg.Error as exc:
            raise self._error(exc) from exc

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        import psycopg

        rows = [tuple(r) for r in rows]
        if not rows:
            return
        try:
            with self.raw.cursor() as cursor:
                cursor.executemany(to_pyformat(sql), rows)
        except psycopg.Error as exc:
            raise self._error(exc) from exc

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        import psycopg

        try:
            with self.raw.transaction():
                self.raw.execute(f"SET LOCAL lock_timeout = '{int(driver_errors.LOCK_TIMEOUT_S * 1000)}ms'")
                self.raw.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK,))
                self.raw.execute("UPDATE store_changes SET n = n + 1")  # what data_version reads
                yield
        except psycopg.Error as exc:
            raise self._error(exc) from exc

    def data_version(self) -> int:
        """The number of write transactions committed: PostgreSQL has no PRAGMA data_version."""
        return int(self.execute("SELECT n FROM store_changes").fetchone()[0])

    def close(self) -> None:
        pass  # the connection goes back to the pool (PostgresStore.close)
