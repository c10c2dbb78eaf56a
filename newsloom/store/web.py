"""The store's side for web ingestion: where articles were found, fingerprints, feed states, retries."""

from __future__ import annotations

from typing import Any

from newsloom.model import Batch, FetchState
from newsloom.store.connection import Connection
from newsloom.store.writes import next_seq


class WebMixin:
    db: Connection

    # -- ingestion side --------------------------------------------------------------
    def has_url(self, url: str) -> bool:
        """True when an article or a copy of one was stored from this canonical URL."""
        return self.db.execute("SELECT 1 FROM article_sources WHERE url = ? LIMIT 1", (url,)).fetchone() is not None

    def fetch_state(self, url: str) -> FetchState | None:
        row = self.db.execute("SELECT url, etag, last_modified FROM fetch_states WHERE url = ?", (url,)).fetchone()
        return FetchState(row["url"], row["etag"], row["last_modified"]) if row else None

    def retriable_failures(self, max_attempts: int) -> list[str]:
        """Origins (URLs) whose failure may go away, tried fewer than ``max_attempts`` times, oldest first."""
        return [r[0] for r in self.db.execute(
            "SELECT origin FROM failures WHERE retriable = 1 AND attempts <= ? ORDER BY at, origin, stage", (max_attempts,))]

    def _save_failures(self, batch: Batch) -> None:
        self.db.executemany(
            """INSERT INTO failures (origin, stage, reason, retriable) VALUES (?, ?, ?, ?)
               ON CONFLICT (origin, stage) DO UPDATE SET reason = excluded.reason, retriable = excluded.retriable,
               at = excluded.at, attempts = failures.attempts + 1""",
            [(f.origin, f.stage, f.reason, int(f.retriable)) for f in batch.failures],
        )

    def _save_web(self, batch: Batch) -> None:
        """The batch's article sources, copies, fingerprints and listing states (inside save's transaction)."""
        self.db.executemany(
            f"""INSERT INTO article_sources (article_id, origin, sha256, relation, similarity, url, outlet,
               author, published, seq) VALUES (?, ?, ?, 'original', 1.0, ?, ?, ?, ?, {next_seq("article_sources")})
               ON CONFLICT DO NOTHING""",
            [(a.id, a.origin, a.sha256, a.url, a.outlet, a.author, a.published.isoformat() if a.published else None)
             for a in batch.articles],
        )
        self.db.executemany(
            f"""INSERT INTO article_sources (article_id, origin, sha256, relation, similarity, url, outlet,
               author, published, seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, {next_seq("article_sources")})
               ON CONFLICT DO NOTHING""",
            [(c.article_id, c.origin, c.sha256, c.relation, c.similarity, c.url, c.outlet, c.author,
              c.published.isoformat() if c.published else None) for c in batch.copies],
        )
        self._save_fingerprints(batch.fingerprints)  # type: ignore[attr-defined]
        self.db.executemany(
            """INSERT INTO fetch_states (url, etag, last_modified) VALUES (?, ?, ?)
               ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified,
               checked_at = excluded.checked_at""",
            [(s.url, s.etag, s.last_modified) for s in batch.fetch_states],
        )

    # -- read side -------------------------------------------------------------------
    def article_sources(self, article_id: str) -> list[dict[str, Any]]:
        """Where an article was found: its first report and every copy, in the order they came."""
        return [dict(r) for r in self.db.execute(
            """SELECT origin, relation, similarity, url, outlet, author, published, added_at FROM article_sources
               WHERE article_id = ? ORDER BY relation != 'original', seq""", (article_id,))]

    def texts_by_origin(self) -> dict[str, str]:
        """The stored text each input became: its own article's, or for a copy, the original's."""
        texts = {r["origin"]: r["text"] for r in self.db.execute("SELECT origin, text FROM articles ORDER BY seq")}
        for r in self.db.execute(
                "SELECT s.origin, a.text FROM article_sources s JOIN articles a ON a.id = s.article_id ORDER BY s.seq"):
            texts.setdefault(r["origin"], r["text"])
        return texts
