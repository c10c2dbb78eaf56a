"""The store's side for fusion, source comparison and export: who published each article of a
story, the story's articles as records, sentence embeddings, stored comparisons, events with their URLs."""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import Any

import numpy as np

from newsloom.model import (
    Article,
    Batch,
    Comparison,
    DateMention,
    Mention,
    PartialDate,
    Report,
    Sentence,
    comparison_signature,
    source_key,
)
from newsloom.store.connection import Connection
from newsloom.store.pages import EventFilter, PageRequest

EXPORT_PAGE = 500  # events read per query of an export


def _partial(iso: str) -> PartialDate:
    year = iso[:4]
    return PartialDate(None if year == "----" else int(year), int(iso[5:7]), int(iso[8:10]))


class CompareMixin:
    db: Connection

    def story_reports(self, story_id: str) -> dict[str, Report]:
        """Article id -> its source and language, for every stored article of the story."""
        return {r["id"]: Report(source_key(r["id"], r["outlet"]), r["language"]) for r in self.db.execute(
            "SELECT id, outlet, language FROM articles WHERE story_id = ? ORDER BY seq", (story_id,))}

    def load_story_articles(self, story_id: str) -> list[Article]:
        """The story's stored articles as records: text, sentences, entity mentions and dates (no tokens)."""
        rows = self.db.execute(
            "SELECT * FROM articles WHERE story_id = ? ORDER BY published IS NULL, published, seq", (story_id,)).fetchall()
        mentions: dict[str, list[Mention]] = defaultdict(list)
        ids = [r["id"] for r in rows]
        for m in self.db.execute(
                f'SELECT * FROM mentions WHERE article_id IN ({",".join("?" * len(ids)) or "NULL"})'
                ' ORDER BY article_id, start, "end"', ids):
            mentions[m["article_id"]].append(Mention(m["start"], m["end"], m["text"], m["kind"], m["entity_id"],
                                                     bool(m["nominal"])))
        return [Article(
            r["id"], r["origin"], r["sha256"], r["text"], title=r["title"], url=r["url"], outlet=r["outlet"],
            published=datetime.fromisoformat(r["published"]) if r["published"] else None, language=r["language"],
            sentences=tuple(Sentence(s, e) for s, e in json.loads(r["sentences"])),
            mentions=tuple(mentions[r["id"]]), story_id=r["story_id"],
            dates=tuple(DateMention(s, e, r["text"][s:e], _partial(iso)) for s, e, iso in json.loads(r["dates"])),
        ) for r in rows]

    def sentence_vectors(self, article_ids: Iterable[str], model: str) -> dict[str, np.ndarray]:
        """The stored sentence embeddings of these articles made by ``model``."""
        ids = list(article_ids)
        return {r["article_id"]: np.frombuffer(r["vectors"], dtype=np.float32).reshape(r["rows"], -1).copy()
                if r["rows"] else np.zeros((0, 0), dtype=np.float32)
                for r in self.db.execute(
                    f'SELECT * FROM sentence_vectors WHERE model = ? AND article_id IN ({",".join("?" * len(ids)) or "NULL"})',
                    [model, *ids])}

    def comparison(self, story_id: str) -> dict[str, Any] | None:
        """The story's stored comparison, or None when there is none or its articles have changed since."""
        row = self.db.execute("SELECT signature, model, body, computed_at FROM comparisons WHERE story_id = ?",
                              (story_id,)).fetchone()
        if row is None:
            return None
        ids = [r[0] for r in self.db.execute("SELECT id FROM articles WHERE story_id = ?", (story_id,))]
        if comparison_signature(ids, row["model"]) != row["signature"]:
            return None
        return {**json.loads(row["body"]), "model": row["model"], "computed_at": row["computed_at"]}

    def save_comparison(self, comparison: Comparison, model: str, vectors: dict[str, np.ndarray]) -> None:
        """Store one comparison and the sentence vectors it computed, in one transaction."""
        with self.db.write():
            self._save_comparisons({comparison.story_id: comparison}, model, vectors)

    def _save_compare(self, batch: Batch) -> None:
        """The batch's comparisons and sentence vectors (inside save's transaction)."""
        self._save_comparisons(batch.comparisons, batch.comparison_model, batch.sentence_vectors)

    def _save_comparisons(self, comparisons: dict[str, Comparison | None], model: str,
                          vectors: dict[str, np.ndarray]) -> None:
        if not (comparisons or vectors):
            return  # a database older than schema 6 is written by nothing else
        self.db.executemany(
            """INSERT INTO sentence_vectors (article_id, model, rows, vectors) VALUES (?, ?, ?, ?) ON CONFLICT (article_id)
               DO UPDATE SET model = excluded.model, rows = excluded.rows, vectors = excluded.vectors""",
            [(a, model, len(v), np.asarray(v, dtype=np.float32).tobytes()) for a, v in vectors.items()])
        for story_id, c in comparisons.items():
            if c is None:
                self.db.execute("DELETE FROM comparisons WHERE story_id = ?", (story_id,))
                continue
            self.db.execute(
                """INSERT INTO comparisons (story_id, signature, model, body) VALUES (?, ?, ?, ?) ON CONFLICT (story_id)
                   DO UPDATE SET signature = excluded.signature, model = excluded.model, body = excluded.body,
                   computed_at = excluded.computed_at""",
                (story_id, c.signature, model, json.dumps(c.to_json(), ensure_ascii=False)))

    def iter_export_events(self, f: EventFilter, max_rows: int | None = None) -> Iterator[dict[str, Any]]:
        """Every event matching ``f``, page by page, each with ``urls``: the addresses of every article
        carrying it and of their copies."""
        cursor, sent = None, 0
        limit = max_rows if max_rows is not None else sys.maxsize
        while sent < limit:
            page = self.event_page(f, PageRequest(min(EXPORT_PAGE, limit - sent), cursor))  # type: ignore[attr-defined]
            urls = self._urls_of({a for e in page.items for a in e["article_ids"]})
            for event in page.items:
                yield {**event, "urls": list(dict.fromkeys(u for a in event["article_ids"] for u in urls.get(a, ())))}
            sent += len(page.items)
            if page.next is None:
                return
            cursor = page.next

    def _urls_of(self, article_ids: set[str]) -> dict[str, list[str]]:
        ids = sorted(article_ids)
        found: dict[str, list[str]] = defaultdict(list)
        for r in self.db.execute(
                f"""SELECT article_id, url FROM article_sources WHERE url IS NOT NULL
                    AND article_id IN ({",".join("?" * len(ids)) or "NULL"}) ORDER BY relation != 'original', seq""", ids):
            found[r["article_id"]].append(r["url"])
        return found
