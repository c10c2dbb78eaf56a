"""Helpers of the store tests: the API tests' stories written into any store, and older SQLite files."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from newsloom.store import Batch, SQLiteStore
from newsloom.store.migrate import migrations, statements
from tests.unit.apidb import chips_story, visit_story, xss_story

# tables an older file is filled with, parents first; the search tables are left to the file's own triggers
TABLES = ("entities", "articles", "mentions", "stories", "events", "event_mentions", "failures", "article_sources",
          "article_fingerprints", "fetch_states", "actors", "story_redirects", "sentence_vectors", "comparisons")


def fill(store):
    """The three stories of the API tests, and one redirect, in ``store``."""
    for batch in (visit_story(), chips_story(), xss_story()):
        store.save(batch)
    store.save(Batch(redirects={"s-visit-merged": "s-visit"}))
    return store


def older_sqlite(path: Path, version: int) -> None:
    """A SQLite file at schema ``version`` holding what ``fill`` writes, as an older newsloom left it.

    The rows are written by today's code into a scratch file, then copied column by column (those the old
    schema has) into a file built by the migrations up to ``version``, whose triggers fire as they did.
    """
    scratch = path.with_name(path.stem + "-new.db")
    fill(SQLiteStore(scratch)).close()
    db = sqlite3.connect(path)
    for number, sql in migrations("sqlite"):
        if number <= version:
            for statement in statements(sql):
                db.execute(statement)
    db.execute(f"PRAGMA user_version = {version}")
    db.execute("ATTACH DATABASE ? AS new", (str(scratch),))
    for table in TABLES:
        old = [r[1] for r in db.execute(f"PRAGMA main.table_info({table})")]
        if not old:
            continue
        columns = ", ".join(f'"{c}"' for c in old)
        db.execute(f"INSERT INTO main.{table} ({columns}) SELECT {columns} FROM new.{table} ORDER BY rowid")
    db.commit()
    db.execute("DETACH DATABASE new")
    db.close()
