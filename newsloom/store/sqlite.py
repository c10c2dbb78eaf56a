"""The SQLite store: versioned migrations, one transaction per batch."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path

import numpy as np

from newsloom.errors import StoreError
from newsloom.model import Entity, EventMention, PartialDate, Place, StoryState
from newsloom.store.actors import ActorMixin
from newsloom.store.base import Batch
from newsloom.store.browse import BrowseMixin
from newsloom.store.comparisons import CompareMixin
from newsloom.store.duplicates import DuplicateMixin
from newsloom.store.event_reads import EventReadMixin
from newsloom.store.queries import QueryMixin
from newsloom.store.story_state import StoryStateMixin
from newsloom.store.web import WebMixin


def _migrations() -> list[tuple[int, str]]:
    folder = resources.files("newsloom.store.migrations")
    found = [(int(p.name.split("_", 1)[0]), p.read_text("utf-8")) for p in folder.iterdir() if p.name.endswith(".sql")]
    return sorted(found)


def open_store(path: str | Path) -> SQLiteStore:
    return SQLiteStore(path)


def _blob(vector: np.ndarray | None) -> bytes | None:
    return None if vector is None else np.asarray(vector, dtype=np.float32).tobytes()


def _vector(blob: bytes | None) -> np.ndarray | None:
    return None if blob is None else np.frombuffer(blob, dtype=np.float32).copy()


def _partial(text: str | None) -> PartialDate | None:
    if not text:
        return None
    year, month, day = text[:4], text[5:7], text[8:10]  # "----" stands for an unknown year
    return PartialDate(None if year == "----" else int(year), int(month), int(day))


class SQLiteStore(QueryMixin, WebMixin, DuplicateMixin, BrowseMixin, EventReadMixin, StoryStateMixin, ActorMixin, CompareMixin):
    """newsloom's default store, in one SQLite file (``:memory:`` for tests)."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        self._depth = 0  # nesting of transaction()
        try:
            if self.path != ":memory:":
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(self.path, isolation_level=None)
            self.db.row_factory = sqlite3.Row
            self.db.execute("PRAGMA foreign_keys = ON")
            self.db.execute("PRAGMA journal_mode = WAL")
            self.db.execute("PRAGMA busy_timeout = 5000")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"Cannot open the database {self.path!r}: {exc}. Is it a newsloom SQLite file?") from exc

    def _migrate(self) -> None:
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        for number, sql in _migrations():
            if number > version:
                self.db.execute("BEGIN")
                try:
                    for statement in _statements(sql):
                        self.db.execute(statement)
                    self.db.execute(f"PRAGMA user_version = {number}")
                    self.db.execute("COMMIT")
                except sqlite3.Error:
                    self.db.execute("ROLLBACK")
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
        other._depth = 0
        try:
            other.db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            other.db.row_factory = sqlite3.Row
            other.db.execute("PRAGMA foreign_keys = ON")
            other.db.execute("PRAGMA busy_timeout = 5000")
            if read_only:
                other.db.execute("PRAGMA query_only = ON")
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"Cannot open the database {self.path!r}: {exc}.") from exc
        return other

    def data_version(self) -> int:
        """A number that changes when another connection commits (SQLite's data_version)."""
        return int(self.db.execute("PRAGMA data_version").fetchone()[0])

    # -- pipeline side --------------------------------------------------------------
    def has_document(self, sha256: str) -> bool:
        return self.db.execute("SELECT 1 FROM articles WHERE sha256 = ?", (sha256,)).fetchone() is not None

    def load_entities(self) -> list[Entity]:
        return [self._entity(row) for row in self.db.execute("SELECT * FROM entities")]

    def _entity(self, row: sqlite3.Row) -> Entity:
        aliases = {k: tuple(v) for k, v in json.loads(row["aliases"]).items()}
        return Entity(row["id"], row["name"], row["kind"], aliases, row["country"], row["sector"],
                      tuple(json.loads(row["roles"])), row["geonameid"])

    def load_event_mentions(self, story_id: str) -> list[EventMention]:
        return self._event_mentions_where("a.story_id = ?", [story_id])

    def _event_mentions_where(self, where: str, args: list[str]) -> list[EventMention]:
        rows = self.db.execute(
            f"""SELECT m.*, a.text AS article_text FROM event_mentions m JOIN articles a ON a.id = m.article_id
               WHERE {where} ORDER BY m.id""",
            args,
        )
        return [
            EventMention(
                article_id=r["article_id"], type=r["type"], start=r["start"], end=r["end"],
                sentence=r["article_text"][r["start"]:r["end"]], trigger=r["trigger"],
                source_id=r["source_id"], target_id=r["target_id"], date=_partial(r["date"]),
                place=Place("", None, None, r["place_entity_id"]) if r["place_entity_id"] else None,
                mode=r["mode"], modality=r["modality"], confidence=r["confidence"],
            )
            for r in rows
        ]

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One write transaction; a ``save`` inside it joins it. All of it is written, or none."""
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        self.db.execute("BEGIN IMMEDIATE")
        self._depth = 1
        try:
            yield
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        finally:
            self._depth = 0

    def save(self, batch: Batch) -> None:
        """Write a batch atomically: all of it or, if the process dies, none of it."""
        with self.transaction():
            self._save_entities(batch.entities)
            self._save_articles(batch)
            self._save_stories(batch.stories)
            self._save_story_changes(batch.stories, batch.moves, batch.redirects, batch.removed_stories)
            self._save_events(batch)
            self._save_web(batch)
            self._save_compare(batch)
            self._save_failures(batch)
            self.db.executemany("DELETE FROM failures WHERE origin = ?", [(o,) for o in batch.done_origins])

    def _save_entities(self, entities: list[Entity]) -> None:
        self.db.executemany(
            "INSERT OR REPLACE INTO entities (id, name, kind, country, sector, geonameid, roles, aliases) VALUES (?,?,?,?,?,?,?,?)",
            [(e.id, e.name, e.kind, e.country, e.sector, e.geonameid, json.dumps(list(e.roles), ensure_ascii=False),
              json.dumps({k: list(v) for k, v in e.aliases.items()}, ensure_ascii=False)) for e in entities],
        )

    def _save_articles(self, batch: Batch) -> None:
        for a in batch.articles:
            self.db.execute(
                """INSERT OR IGNORE INTO articles (id, origin, sha256, url, title, text, language, outlet, published,
                   dateline_name, dateline_entity_id, story_id, embedding, sentences, dates)
                   VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)""",
                (a.id, a.origin, a.sha256, a.url, a.title, a.text, a.language, a.outlet,
                 a.published.isoformat() if a.published else None,
                 a.dateline.name if a.dateline else None, a.dateline.entity_id if a.dateline else None,
                 a.story_id, _blob(a.embedding), json.dumps([[s.start, s.end] for s in a.sentences]),
                 json.dumps([[d.start, d.end, d.value.iso()] for d in a.dates])),
            )
            self.db.executemany(
                'INSERT OR IGNORE INTO mentions (article_id, start, "end", text, kind, entity_id, nominal) VALUES (?,?,?,?,?,?,?)',
                [(a.id, m.start, m.end, m.text, m.kind, m.entity_id, int(m.nominal)) for m in a.mentions],
            )
        self.db.executemany(
            """INSERT INTO event_mentions (article_id, type, start, "end", trigger, source_id, target_id, date,
               place_entity_id, mode, modality, confidence) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)""",
            [(m.article_id, m.type, m.start, m.end, m.trigger, m.source_id, m.target_id,
              m.date.iso() if m.date else None, m.place.entity_id if m.place else None, m.mode, m.modality,
              m.confidence) for m in batch.event_mentions],
        )

    def _save_stories(self, states: list[StoryState]) -> None:
        self.db.executemany(
            """INSERT OR REPLACE INTO stories (id, title, languages, first_date, last_date, vector_sum, entity_counts)
               VALUES (?,?,?,?,?,?,?)""",
            [(s.story.id, s.story.title, json.dumps(list(s.story.languages)),
              s.story.first_date.isoformat() if s.story.first_date else None,
              s.story.last_date.isoformat() if s.story.last_date else None,
              _blob(s.vector_sum), json.dumps(dict(s.entities), ensure_ascii=False)) for s in states],
        )

    def _save_events(self, batch: Batch) -> None:
        for story_id, events in batch.events.items():
            self.db.execute("DELETE FROM events WHERE story_id = ?", (story_id,))
            for e in events:
                self.db.execute(
                    """INSERT INTO events (id, story_id, type, source_id, target_id, date, place_entity_id, mode,
                       modality, confidence) VALUES (?,?,?,?,?,?,?,?,?,?)""",
                    (e.id, story_id, e.type, e.source_id, e.target_id, e.date.isoformat() if e.date else None,
                     e.place.entity_id if e.place else None, e.mode, e.modality, e.confidence),
                )
                for m in e.mentions:
                    self.db.execute(
                        'UPDATE event_mentions SET event_id = ? WHERE article_id = ? AND start = ? AND type = ? AND trigger = ?'
                        ' AND source_id IS ? AND target_id IS ? AND modality = ?',
                        (e.id, m.article_id, m.start, m.type, m.trigger, m.source_id, m.target_id, m.modality),
                    )


def _statements(sql: str) -> list[str]:
    """Split a migration into statements; a trigger's body (BEGIN ... END) stays one statement."""
    body = "\n".join(line for line in sql.splitlines() if not line.strip().startswith("--"))
    statements, current = [], ""
    for piece in body.split(";"):
        current += piece + ";"
        if sqlite3.complete_statement(current):
            if current.strip(" \n;"):
                statements.append(current.strip())
            current = ""
    if current.strip(" \n;"):
        statements.append(current.strip())
    return statements
