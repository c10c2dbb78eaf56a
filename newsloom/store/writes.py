"""The pipeline's write side: one batch in one transaction, and what the pipeline asks before it writes.

Portable SQL only (ON CONFLICT, no rowid): new rows take ``seq = MAX(seq) + 1``
under the write lock, so both back ends number rows alike, and a batch rolled back
by a crash leaves no gap. events.sources, .articles and .languages are counted
here, in Python, with the rule of newsloom.model.source_key.
"""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

import numpy as np

from newsloom.model import Batch, Entity, EventMention, PartialDate, Place, StoryState, source_key
from newsloom.store.connection import Connection
from newsloom.store.search import PostgresSearch, SQLiteSearch

CHUNK = 500  # ids per IN (...) list


def blob(vector: np.ndarray | None) -> bytes | None:
    return None if vector is None else np.asarray(vector, dtype=np.float32).tobytes()


def partial(text: str | None) -> PartialDate | None:
    if not text:
        return None
    year, month, day = text[:4], text[5:7], text[8:10]  # "----" stands for an unknown year
    return PartialDate(None if year == "----" else int(year), int(month), int(day))


def next_seq(table: str) -> str:
    """The SQL of the next row number of ``table`` (inside the write lock)."""
    return f"(SELECT COALESCE(MAX(seq), 0) + 1 FROM {table})"


def entity_from(row: Any) -> Entity:
    aliases = {k: tuple(v) for k, v in json.loads(row["aliases"]).items()}
    return Entity(row["id"], row["name"], row["kind"], aliases, row["country"], row["sector"],
                  tuple(json.loads(row["roles"])), row["geonameid"])


class BatchWriteMixin:
    db: Connection
    search: SQLiteSearch | PostgresSearch

    def has_document(self, sha256: str) -> bool:
        return self.db.execute("SELECT 1 FROM articles WHERE sha256 = ?", (sha256,)).fetchone() is not None

    def load_entities(self) -> list[Entity]:
        return [entity_from(row) for row in self.db.execute("SELECT * FROM entities ORDER BY id")]

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
                source_id=r["source_id"], target_id=r["target_id"], date=partial(r["date"]),
                place=Place("", None, None, r["place_entity_id"]) if r["place_entity_id"] else None,
                mode=r["mode"], modality=r["modality"], confidence=r["confidence"],
            )
            for r in rows
        ]

    def save(self, batch: Batch) -> None:
        """Write a batch atomically: all of it or, if the process dies, none of it."""
        with self.db.write():
            self._save_entities(batch.entities)
            self._save_articles(batch)
            self._save_stories(batch.stories)
            self._save_story_changes(batch.stories, batch.moves, batch.redirects,  # type: ignore[attr-defined]
                                     batch.removed_stories)
            self._save_events(batch)
            self._save_web(batch)  # type: ignore[attr-defined]
            self._save_compare(batch)  # type: ignore[attr-defined]
            self._save_failures(batch)  # type: ignore[attr-defined]
            self._save_shards(batch.shards)  # type: ignore[attr-defined]
            self.db.executemany("DELETE FROM failures WHERE origin = ?", [(o,) for o in batch.done_origins])

    def _save_entities(self, entities: list[Entity]) -> None:
        self.db.executemany(
            """INSERT INTO entities (id, name, kind, country, sector, geonameid, roles, aliases) VALUES (?,?,?,?,?,?,?,?)
               ON CONFLICT (id) DO UPDATE SET name = excluded.name, kind = excluded.kind, country = excluded.country,
               sector = excluded.sector, geonameid = excluded.geonameid, roles = excluded.roles,
               aliases = excluded.aliases""",
            [(e.id, e.name, e.kind, e.country, e.sector, e.geonameid, json.dumps(list(e.roles), ensure_ascii=False),
              json.dumps({k: list(v) for k, v in e.aliases.items()}, ensure_ascii=False)) for e in entities],
        )
        self.search.index_entities(self.db, entities)

    def _save_articles(self, batch: Batch) -> None:
        for a in batch.articles:
            self.db.execute(
                f"""INSERT INTO articles (id, origin, sha256, url, title, text, language, outlet, published,
                   dateline_name, dateline_entity_id, story_id, embedding, sentences, dates, seq)
                   VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,{next_seq("articles")}) ON CONFLICT DO NOTHING""",
                (a.id, a.origin, a.sha256, a.url, a.title, a.text, a.language, a.outlet,
                 a.published.isoformat() if a.published else None,
                 a.dateline.name if a.dateline else None, a.dateline.entity_id if a.dateline else None,
                 a.story_id, blob(a.embedding), json.dumps([[s.start, s.end] for s in a.sentences]),
                 json.dumps([[d.start, d.end, d.value.iso()] for d in a.dates])),
            )
            self.db.executemany(
                """INSERT INTO mentions (article_id, start, "end", text, kind, entity_id, nominal) VALUES (?,?,?,?,?,?,?)
                   ON CONFLICT DO NOTHING""",
                [(a.id, m.start, m.end, m.text, m.kind, m.entity_id, int(m.nominal)) for m in a.mentions],
            )
        self.search.index_articles(self.db, batch.articles)
        self.db.executemany(
            """INSERT INTO event_mentions (article_id, type, start, "end", trigger, source_id, target_id, date,
               place_entity_id, mode, modality, confidence) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)""",
            [(m.article_id, m.type, m.start, m.end, m.trigger, m.source_id, m.target_id,
              m.date.iso() if m.date else None, m.place.entity_id if m.place else None, m.mode, m.modality,
              m.confidence) for m in batch.event_mentions],
        )

    def _save_stories(self, states: list[StoryState]) -> None:
        # A story written again loses its events and comparison, as SQLite's INSERT OR REPLACE (a delete and
        # an insert, cascading) did before version 7: the batch carries the story's events anew.
        ids = [(s.story.id,) for s in states]
        self.db.executemany("DELETE FROM events WHERE story_id = ?", ids)
        self.db.executemany("DELETE FROM comparisons WHERE story_id = ?", ids)
        self.db.executemany(
            f"""INSERT INTO stories (id, title, languages, first_date, last_date, vector_sum, entity_counts, seq)
               VALUES (?,?,?,?,?,?,?,{next_seq("stories")}) ON CONFLICT (id) DO UPDATE SET title = excluded.title,
               languages = excluded.languages, first_date = excluded.first_date, last_date = excluded.last_date,
               vector_sum = excluded.vector_sum, entity_counts = excluded.entity_counts, date_counts = '{{}}'""",
            [(s.story.id, s.story.title, json.dumps(list(s.story.languages)),
              s.story.first_date.isoformat() if s.story.first_date else None,
              s.story.last_date.isoformat() if s.story.last_date else None,
              blob(s.vector_sum), json.dumps(dict(s.entities), ensure_ascii=False)) for s in states],
        )

    def _save_events(self, batch: Batch) -> None:
        counted: set[str] = set()
        for story_id, events in batch.events.items():
            self.db.execute("DELETE FROM events WHERE story_id = ?", (story_id,))
            for e in events:
                self.db.execute(
                    """INSERT INTO events (id, story_id, type, source_id, target_id, date, place_entity_id, mode,
                       modality, confidence) VALUES (?,?,?,?,?,?,?,?,?,?)""",
                    (e.id, story_id, e.type, e.source_id, e.target_id, e.date.isoformat() if e.date else None,
                     e.place.entity_id if e.place else None, e.mode, e.modality, e.confidence),
                )
                counted.add(e.id)
                for m in e.mentions:
                    # a mention taken from another event changes that one's counts too
                    counted.update(r[0] for r in self.db.execute(
                        """SELECT DISTINCT event_id FROM event_mentions WHERE article_id = ? AND start = ? AND type = ?
                           AND trigger = ? AND COALESCE(source_id, '') = COALESCE(?, '')
                           AND COALESCE(target_id, '') = COALESCE(?, '') AND modality = ? AND event_id IS NOT NULL""",
                        (m.article_id, m.start, m.type, m.trigger, m.source_id, m.target_id, m.modality)))
                    # NULL matches NULL: COALESCE(x, '') = COALESCE(?, ''), as SQLite's `IS ?` (no id is '')
                    self.db.execute(
                        """UPDATE event_mentions SET event_id = ? WHERE article_id = ? AND start = ? AND type = ?
                           AND trigger = ? AND COALESCE(source_id, '') = COALESCE(?, '')
                           AND COALESCE(target_id, '') = COALESCE(?, '') AND modality = ?""",
                        (e.id, m.article_id, m.start, m.type, m.trigger, m.source_id, m.target_id, m.modality),
                    )
        self._count_sources(sorted(counted))

    def _count_sources(self, event_ids: list[str]) -> None:
        """Distinct sources (outlets), articles and languages of each event's evidence."""
        reports: dict[str, list[tuple[str, str | None, str | None]]] = defaultdict(list)
        for start in range(0, len(event_ids), CHUNK):
            chunk = event_ids[start:start + CHUNK]
            for r in self.db.execute(
                    f"""SELECT m.event_id, m.article_id, a.outlet, a.language FROM event_mentions m
                        JOIN articles a ON a.id = m.article_id WHERE m.event_id IN ({",".join("?" * len(chunk))})""",
                    chunk):
                reports[r[0]].append((r[1], r[2], r[3]))
        self.db.executemany(
            "UPDATE events SET sources = ?, articles = ?, languages = ? WHERE id = ?",
            [(len({source_key(a, outlet) for a, outlet, _ in reports[e]}), len({a for a, _, _ in reports[e]}),
              json.dumps(sorted({lang for _, _, lang in reports[e] if lang is not None}), separators=(",", ":")), e)
             for e in event_ids])
