"""What duplicate detection asks the store: the article with a URL, with a text hash, sharing a MinHash band.

Each is one indexed query, so a duplicate check costs the same whatever the archive's size and nothing of
the archive is read into memory when a run starts. The earliest stored article wins, as it would in order.
"""

from __future__ import annotations

from newsloom.model import Fingerprint, signature_bands, signature_from_bytes, signature_to_bytes
from newsloom.store.connection import Connection


class DuplicateMixin:
    db: Connection

    def article_with_url(self, url: str) -> str | None:
        """The first stored article whose own (canonical) URL is ``url``."""
        row = self.db.execute("SELECT id FROM articles WHERE url = ? ORDER BY seq LIMIT 1", (url,)).fetchone()
        return row[0] if row else None

    def article_with_text_hash(self, text_hash: str) -> str | None:
        """The first stored article whose words hash to ``text_hash``."""
        row = self.db.execute(
            """SELECT a.id FROM article_fingerprints f JOIN articles a ON a.id = f.article_id
               WHERE f.text_hash = ? ORDER BY a.seq LIMIT 1""", (text_hash,)).fetchone()
        return row[0] if row else None

    def near_copy_candidates(self, bands: list[bytes]) -> list[Fingerprint]:
        """The stored fingerprints sharing at least one band key with ``bands`` (band ``i`` is ``bands[i]``)."""
        if not bands:
            return []
        where = " OR ".join("(b.band = ? AND b.key = ?)" for _ in bands)
        args = [x for i, key in enumerate(bands) for x in (i, key)]
        rows = self.db.execute(
            f"""SELECT DISTINCT f.article_id, f.text_hash, f.signature FROM fingerprint_bands b
                JOIN article_fingerprints f ON f.article_id = b.article_id WHERE {where}
                ORDER BY f.article_id""", args).fetchall()
        return [Fingerprint(r[0], r[1], signature_from_bytes(r[2])) for r in rows]

    def unfingerprinted_articles(self, limit: int = 500) -> list[tuple[str, str | None, str]]:
        """(id, url, text) of articles stored before their fingerprints were (schema 1), ``limit`` at a time.

        Every article stored since has its fingerprint, so once none is missing the database remembers it
        and the archive is never scanned for them again."""
        if self.db.execute("SELECT 1 FROM store_flags WHERE name = 'fingerprints_complete'").fetchone():
            return []
        rows = [(r[0], r[1], r[2]) for r in self.db.execute(
            """SELECT a.id, a.url, a.text FROM articles a WHERE NOT EXISTS
               (SELECT 1 FROM article_fingerprints f WHERE f.article_id = a.id) ORDER BY a.seq LIMIT ?""",
            (limit,))]
        if not rows:
            with self.db.write():
                self.db.execute("""INSERT INTO store_flags (name, value) VALUES ('fingerprints_complete', '1')
                                   ON CONFLICT (name) DO NOTHING""")
        return rows

    def _save_fingerprints(self, fingerprints: list[Fingerprint]) -> None:
        self.db.executemany(
            """INSERT INTO article_fingerprints (article_id, text_hash, signature) VALUES (?, ?, ?)
               ON CONFLICT (article_id) DO UPDATE SET text_hash = excluded.text_hash, signature = excluded.signature""",
            [(f.article_id, f.text_hash, signature_to_bytes(f.signature)) for f in fingerprints],
        )
        self.db.executemany(
            "INSERT INTO fingerprint_bands (band, key, article_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
            [(i, key, f.article_id) for f in fingerprints for i, key in enumerate(signature_bands(f.signature))],
        )

    def save_fingerprints(self, fingerprints: list[Fingerprint]) -> None:
        """Fingerprints computed outside a batch (of articles stored before schema 2), in their own transaction."""
        with self.db.write():
            self._save_fingerprints(fingerprints)
