"""The PostgreSQL store: the same queries and records as SQLite's, over a small psycopg connection pool.

A store holds one pooled connection for its life; ``handle()`` checks out another
for an API thread and gives it back on close. Writers queue on one advisory lock,
as SQLite's writers queue on its file lock.
"""

from __future__ import annotations

from typing import Any

from newsloom.errors import StoreError
from newsloom.store.connection import PostgresConnection, pg_rows
from newsloom.store.core import SharedStore
from newsloom.store.driver_errors import from_psycopg, server_of
from newsloom.store.migrate import migrate_postgres
from newsloom.store.search import PostgresSearch

POOL_MAX = 4  # the pipeline's connection, a few API threads
CONNECT_TIMEOUT_S = 5
INSTALL = "pip install 'newsloom[postgresql]'"


def _drivers() -> tuple[Any, Any]:
    try:
        import psycopg
        import psycopg_pool
    except ImportError as exc:
        raise StoreError(f"A postgresql:// database needs psycopg 3 and its pool, which are not installed ({exc}). "
                         f"Install them: {INSTALL}") from exc
    return psycopg, psycopg_pool


def redact(url: str) -> str:
    """The URL without its password, as messages show it."""
    psycopg, _ = _drivers()
    try:
        info = psycopg.conninfo.conninfo_to_dict(url)
    except psycopg.ProgrammingError:
        return "postgresql://…"
    where = f"{info.get('host') or ''}{':' + str(info['port']) if info.get('port') else ''}"
    return f"postgresql://{info.get('user') + '@' if info.get('user') else ''}{where}/{info.get('dbname') or ''}"


class PostgresStore(SharedStore):
    """newsloom's store in a PostgreSQL database, given by a ``postgresql://`` URL."""

    db: PostgresConnection

    def __init__(self, url: str) -> None:
        psycopg, psycopg_pool = _drivers()
        self.url = url
        self.where = repr(redact(url))
        self.search = PostgresSearch()
        try:
            info = psycopg.conninfo.conninfo_to_dict(url)
        except psycopg.ProgrammingError as exc:
            raise StoreError(f"{self.where} is not a PostgreSQL URL newsloom can read: {' '.join(str(exc).split())}. "
                             "Write it as postgresql://user:password@host:port/database.") from exc
        self.server = server_of(info)
        try:  # one connection first, so a wrong URL fails now with the server's own words, not a pool timeout
            psycopg.connect(url, connect_timeout=CONNECT_TIMEOUT_S).close()
        except psycopg.Error as exc:
            raise from_psycopg(exc, self.where, self.server) from exc
        self.pool = psycopg_pool.ConnectionPool(
            url, min_size=1, max_size=POOL_MAX, open=False, reset=_reset, name="newsloom",
            kwargs={"autocommit": True, "row_factory": pg_rows, "connect_timeout": CONNECT_TIMEOUT_S})
        self.pool.open(wait=True, timeout=CONNECT_TIMEOUT_S * 2)
        self._owner = True
        self.db = self._checkout(read_only=False)
        migrate_postgres(self.db)

    def _checkout(self, read_only: bool) -> PostgresConnection:
        import psycopg_pool

        try:
            raw = self.pool.getconn(timeout=CONNECT_TIMEOUT_S * 2)
        except psycopg_pool.PoolTimeout as exc:
            raise StoreError(f"No free connection to {self.where} after {CONNECT_TIMEOUT_S * 2} s "
                             f"({POOL_MAX} at most): close the stores you no longer use.") from exc
        if read_only:
            raw.execute("SET default_transaction_read_only = on")
        return PostgresConnection(raw, self.where, self.server)

    def close(self) -> None:
        if getattr(self, "db", None) is None:
            return
        self.pool.putconn(self.db.raw)
        self.db = None  # type: ignore[assignment]
        if self._owner:
            self.pool.close()

    def handle(self, read_only: bool = True) -> PostgresStore:
        """Another pooled connection to the same database, for a request served in another thread."""
        other = PostgresStore.__new__(PostgresStore)
        other.url, other.where, other.server, other.search = self.url, self.where, self.server, self.search
        other.pool, other._owner = self.pool, False
        other.db = self._checkout(read_only)
        return other


def _reset(conn: Any) -> None:
    """A connection back in the pool forgets what a handle set (read-only)."""
    conn.execute("RESET ALL")
