"""Driver errors (sqlite3, psycopg) translated into StoreError at the store's boundary, each with what to do.

The rest of newsloom sees one error tree (newsloom/errors.py) whatever the back end:
a busy database is ``StoreLocked`` (retry, or stop the other writer), an
unreachable server or a refused login is a ``StoreError`` that names the server
and what to check.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from newsloom.errors import StoreError, StoreLocked

LOCK_TIMEOUT_S: float = 5  # seconds: how long a writer waits for another one before it gives up


def busy(where: str) -> StoreLocked:
    return StoreLocked(f"The database {where} is busy: another newsloom process is writing "
                       f"(waited {LOCK_TIMEOUT_S} s). Retry, or stop the other writer.")


def from_sqlite(exc: sqlite3.Error, where: str) -> StoreError:
    text = _clause(str(exc))
    if isinstance(exc, sqlite3.OperationalError) and ("locked" in text or "busy" in text):
        return busy(where)
    if isinstance(exc, sqlite3.OperationalError) and "readonly" in text.replace("-", "").replace(" ", ""):
        return StoreError(f"The database {where} was opened read-only: {text}. Writes go through a writable handle.")
    return StoreError(f"The database {where} failed: {text}.")


def from_psycopg(exc: Exception, where: str, server: str = "") -> StoreError:
    """A psycopg error as a StoreError; ``server`` (host:port) is named when the server cannot be reached."""
    import psycopg
    from psycopg import errors

    text = _clause(str(exc))
    if isinstance(exc, errors.LockNotAvailable | errors.DeadlockDetected):
        return busy(where)
    if isinstance(exc, errors.ReadOnlySqlTransaction):
        return StoreError(f"The database {where} was opened read-only: {text}. Writes go through a writable handle.")
    refused = ("authentication failed", "no pg_hba.conf entry", "password", "role")
    if isinstance(exc, errors.InvalidPassword | errors.InvalidAuthorizationSpecification) or (
            "database" not in text.split("FATAL:")[-1] and any(r in text for r in refused)):
        return StoreError(f"PostgreSQL at {server or where} refused the login: {text}. "
                          "Check the user and password in the URL (--db / NEWSLOOM_DB) or in ~/.pgpass.")
    if isinstance(exc, errors.InvalidCatalogName) or ("database" in text and "does not exist" in text):
        return StoreError(f"The database {where} does not exist on its server: {text}. "
                          "Create it (createdb NAME) or fix the URL (--db / NEWSLOOM_DB).")
    if isinstance(exc, psycopg.OperationalError) and getattr(exc, "sqlstate", None) is None:
        first = _clause(str(exc).strip().splitlines()[0])  # libpq's own hint line says what ours says
        return StoreError(f"Cannot reach the PostgreSQL server at {server or where}: {first}. "
                          "Check that the server is running and that the URL (--db / NEWSLOOM_DB) is right.")
    return StoreError(f"The database {where} failed: {text}.")


def _clause(text: str) -> str:
    """A driver's message on one line, without its closing stop (the sentence goes on)."""
    return " ".join(text.split()).rstrip(".?")


def server_of(conninfo: dict[str, Any]) -> str:
    """host:port of a PostgreSQL connection, as a user would write it."""
    host = conninfo.get("host") or conninfo.get("hostaddr") or "localhost (Unix socket)"
    return f"{host}:{conninfo.get('port') or 5432}"
