"""The read side of the store, in the JSON shapes the CLI and API print."""

from __future__ import annotations

import json
from typing import Any

from newsloom.model import name_key
from newsloom.store.connection import Connection


class QueryMixin:
    db: Connection

    def stories(self) -> list[dict[str, Any]]:
        out = []
        for row in self.db.execute("SELECT * FROM stories ORDER BY first_date IS NULL, first_date, id"):
            ids = [r[0] for r in self.db.execute(
                "SELECT id FROM articles WHERE story_id = ? ORDER BY published IS NULL, published, seq", (row["id"],))]
            out.append({
                "id": row["id"], "title": row["title"], "languages": json.loads(row["languages"]),
                "article_ids": ids, "first_date": row["first_date"], "last_date": row["last_date"],
            })
        return out

    def _actor(self, entity_id: str | None) -> dict[str, Any] | None:
        if not entity_id:
            return None
        row = self.db.execute("SELECT name, country, sector FROM entities WHERE id = ?", (entity_id,)).fetchone()
        if row is None:
            return {"name": entity_id, "entity_id": entity_id, "country": None, "sector": None}
        return {"name": row["name"], "entity_id": entity_id, "country": row["country"], "sector": row["sector"]}

    def _place(self, entity_id: str | None) -> dict[str, Any] | None:
        if not entity_id:
            return None
        row = self.db.execute("SELECT name, country, geonameid, kind FROM entities WHERE id = ?", (entity_id,)).fetchone()
        if row is None:
            return None
        return {"name": row["name"], "country": row["country"], "geonameid": row["geonameid"], "entity_id": entity_id}

    def entity_ids_named(self, name: str) -> set[str]:
        """Ids of the entities called ``name`` in any language or spelling (or with that id)."""
        key = name_key(name)
        found = set()
        for row in self.db.execute("SELECT id, name, aliases FROM entities ORDER BY id"):
            keys = {name_key(row["name"])} | {name_key(a) for names in json.loads(row["aliases"]).values() for a in names}
            if row["id"] == name or key in keys:
                found.add(row["id"])
        return found

    def events(self, type: str | None = None, actor: str | None = None) -> list[dict[str, Any]]:
        sql, args = "SELECT * FROM events WHERE 1=1", []
        if type:
            sql += " AND type = ?"
            args.append(type.upper())
        if actor:
            ids = sorted(self.entity_ids_named(actor))
            marks = ",".join("?" * len(ids)) or "NULL"
            sql += f" AND (source_id IN ({marks}) OR target_id IN ({marks}))"
            args += ids + ids
        sql += " ORDER BY date IS NULL, date, story_id, type, id"
        out = []
        for row in self.db.execute(sql, args):
            evidence = [
                {"article_id": m["article_id"], "start": m["start"], "end": m["end"],
                 "sentence": m["text"][m["start"]:m["end"]], "trigger": m["trigger"]}
                for m in self.db.execute(
                    """SELECT m.article_id, m.start, m."end", m.trigger, a.text FROM event_mentions m
                       JOIN articles a ON a.id = m.article_id WHERE m.event_id = ? ORDER BY a.seq, m.start, m.id""",
                    (row["id"],))
            ]
            out.append({
                "id": row["id"], "type": row["type"], "mode": row["mode"], "modality": row["modality"],
                "source": self._actor(row["source_id"]), "target": self._actor(row["target_id"]),
                "date": row["date"], "place": self._place(row["place_entity_id"]), "story_id": row["story_id"],
                "article_ids": list(dict.fromkeys(e["article_id"] for e in evidence)),
                "confidence": row["confidence"], "evidence": evidence,
            })
        return out

    def entities(self) -> list[dict[str, Any]]:
        return [
            {"id": r["id"], "name": r["name"], "kind": r["kind"], "aliases": json.loads(r["aliases"]),
             "country": r["country"], "sector": r["sector"], "roles": json.loads(r["roles"]), "geonameid": r["geonameid"]}
            for r in self.db.execute(
                "SELECT e.* FROM entities e WHERE EXISTS (SELECT 1 FROM mentions m WHERE m.entity_id = e.id) ORDER BY e.kind, e.name, e.id")
        ]

    def articles(self) -> list[dict[str, Any]]:
        return [self._article_row(r) for r in self.db.execute("SELECT * FROM articles ORDER BY seq")]

    def _article_row(self, r: Any) -> dict[str, Any]:
        return {"id": r["id"], "url": r["url"], "origin": r["origin"], "title": r["title"], "language": r["language"],
                "outlet": r["outlet"], "published": r["published"], "story_id": r["story_id"]}

    def article(self, article_id: str) -> dict[str, Any] | None:
        row = self.db.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            return None
        out = self._article_row(row)
        out["text"] = row["text"]
        out["dateline"] = row["dateline_name"]
        out["entity_ids"] = [r[0] for r in self.db.execute(
            "SELECT DISTINCT entity_id FROM mentions WHERE article_id = ? AND entity_id IS NOT NULL ORDER BY entity_id", (article_id,))]
        out["sources"] = self.article_sources(article_id)  # type: ignore[attr-defined]
        out["mentions"] = [
            {"start": r["start"], "end": r["end"], "text": r["text"], "kind": r["kind"], "entity_id": r["entity_id"],
             "nominal": bool(r["nominal"])}
            for r in self.db.execute('SELECT * FROM mentions WHERE article_id = ? ORDER BY start, "end"', (article_id,))
        ]
        return out

    def failures(self) -> list[dict[str, Any]]:
        return [{**dict(r), "retriable": bool(r["retriable"])} for r in self.db.execute(
            "SELECT origin, stage, reason, at, retriable, attempts FROM failures ORDER BY at, origin, stage")]

    def article_vectors(self) -> dict[str, Any]:
        """origin -> (embedding, [(entity id, kind)]) of every embedded article, for similarity measures."""
        import numpy as np

        entities: dict[str, list[tuple[str, str]]] = {}
        for r in self.db.execute("SELECT article_id, entity_id, kind FROM mentions WHERE nominal = 0 AND entity_id IS NOT NULL"
                                 ' ORDER BY article_id, start, "end"'):
            entities.setdefault(r["article_id"], []).append((r["entity_id"], r["kind"]))
        rows = {
            r["origin"]: (np.frombuffer(r["embedding"], dtype=np.float32), entities.get(r["id"], []))
            for r in self.db.execute("SELECT id, origin, embedding FROM articles WHERE embedding IS NOT NULL ORDER BY seq")
        }
        return rows
