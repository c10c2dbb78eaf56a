"""The user's actors in the store: saved by `newsloom actors import`, read by the pipeline's registry."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from newsloom.model import Entity
from newsloom.model.reads import ActorChanges
from newsloom.store.connection import Connection

__all__ = ["ActorChanges", "ActorMixin"]


class ActorMixin:
    db: Connection

    def load_actors(self) -> list[Entity]:
        """The imported actors, in the order of their ids."""
        return [
            Entity(r["id"], r["name"], r["kind"], {k: tuple(v) for k, v in json.loads(r["aliases"]).items()},
                   r["country"], r["sector"], tuple(json.loads(r["roles"])))
            for r in self.db.execute("SELECT * FROM actors ORDER BY id")
        ]

    def save_actors(self, actors: list[Entity]) -> ActorChanges:
        """Insert or update actors by id in one transaction; stored entities take their country and sector."""
        current = {e.id: e for e in self.load_actors()}
        added: list[str] = []
        updated: list[str] = []
        unchanged: list[str] = []
        now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        with self.db.write():
            for e in actors:
                before = current.get(e.id)
                if before == e:
                    unchanged.append(e.id)
                    continue
                (updated if before is not None else added).append(e.id)
                current[e.id] = e
                self.db.execute(
                    """INSERT INTO actors (id, name, kind, country, sector, roles, aliases) VALUES (?,?,?,?,?,?,?)
                       ON CONFLICT (id) DO UPDATE SET name = excluded.name, kind = excluded.kind,
                       country = excluded.country, sector = excluded.sector, roles = excluded.roles,
                       aliases = excluded.aliases, imported_at = ?""",
                    (e.id, e.name, e.kind, e.country, e.sector, json.dumps(list(e.roles), ensure_ascii=False),
                     json.dumps({k: list(v) for k, v in e.aliases.items()}, ensure_ascii=False), now),
                )
                self.db.execute("UPDATE entities SET country = ?, sector = ? WHERE id = ?", (e.country, e.sector, e.id))
        return ActorChanges(added, updated, unchanged)
