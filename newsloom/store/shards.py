"""The input files of ``newsloom batch`` runs whose documents are all stored (migration 0009)."""

from __future__ import annotations

from datetime import UTC, datetime

from newsloom.model import ShardDone
from newsloom.store.connection import Connection

CHUNK = 500  # keys per IN (...) list


class ShardMixin:
    db: Connection

    def done_shards(self, keys: list[str]) -> set[str]:
        """Those of ``keys`` whose shard is done."""
        found: set[str] = set()
        for i in range(0, len(keys), CHUNK):
            chunk = keys[i:i + CHUNK]
            marks = ",".join("?" * len(chunk))
            found.update(r[0] for r in self.db.execute(f"SELECT key FROM shards WHERE key IN ({marks})", chunk))
        return found

    def _save_shards(self, shards: list[ShardDone]) -> None:
        now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        self.db.executemany(
            """INSERT INTO shards (key, path, documents, done_at) VALUES (?, ?, ?, ?)
               ON CONFLICT (key) DO UPDATE SET documents = excluded.documents, done_at = excluded.done_at""",
            [(s.key, s.path, s.documents, now) for s in shards])
