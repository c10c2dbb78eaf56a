"""Schema migrations, a folder per dialect (migrations/sqlite, migrations/postgresql), applied by version.

Versions are shared: a database of either kind at version N holds the same tables
and columns. SQLite keeps its version in PRAGMA user_version and was built up file
by file since version 1; PostgreSQL starts at version 7 (one file creates the whole
schema) and keeps its version in the table schema_version. A database whose version
is newer than the code is refused, never written.
"""

from __future__ import annotations

import sqlite3
from importlib import resources

from newsloom.errors import StoreError
from newsloom.store.connection import PostgresConnection, SQLiteConnection

MIGRATE_LOCK = 7_466_114  # advisory lock: two processes opening a new PostgreSQL database migrate it once


def migrations(dialect: str) -> list[tuple[int, str]]:
    """(version, SQL) of every migration of ``dialect``, oldest first."""
    folder = resources.files("newsloom.store.migrations").joinpath(dialect)
    found = [(int(p.name.split("_", 1)[0]), p.read_text("utf-8")) for p in folder.iterdir() if p.name.endswith(".sql")]
    return sorted(found)


def latest(dialect: str) -> int:
    return max(n for n, _ in migrations(dialect))


def _refuse_newer(version: int, dialect: str, where: str) -> None:
    if version > latest(dialect):
        raise StoreError(f"The database {where} has schema version {version}, newer than this newsloom knows "
                         f"({latest(dialect)}): it was written by a newer release. Upgrade newsloom, or use "
                         "another database.")


def migrate_sqlite(db: SQLiteConnection) -> None:
    version = db.execute("PRAGMA user_version").fetchone()[0]
    _refuse_newer(version, "sqlite", db.where)
    for number, sql in migrations("sqlite"):
        if number > version:
            with db.write():
                for statement in statements(sql):
                    db.execute(statement)
                db.execute(f"PRAGMA user_version = {number}")


def migrate_postgres(db: PostgresConnection) -> None:
    import psycopg

    raw = db.raw
    try:
        with raw.transaction():
            raw.execute("SELECT pg_advisory_xact_lock(%s)", (MIGRATE_LOCK,))
            raw.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
            row = raw.execute("SELECT version FROM schema_version").fetchone()
            version = row[0] if row else 0
            _refuse_newer(version, "postgresql", db.where)
            for number, sql in migrations("postgresql"):
                if number > version:
                    raw.execute(sql)  # no parameters: a whole script, plpgsql bodies included
                    version = number
            raw.execute("DELETE FROM schema_version")
            raw.execute("INSERT INTO schema_version (version) VALUES (%s)", (version,))
    except psycopg.Error as exc:
        raise db._error(exc) from exc


def statements(sql: str) -> list[str]:
    """Split a SQLite migration into statements; a trigger's body (BEGIN ... END) stays one statement."""
    body = "\n".join(line for line in sql.splitlines() if not line.strip().startswith("--"))
    found, current = [], ""
    for piece in body.split(";"):
        current += piece + ";"
        if sqlite3.complete_statement(current):
            if current.strip(" \n;"):
                found.append(current.strip())
            current = ""
    if current.strip(" \n;"):
        found.append(current.strip())
    return found
