"""Events for the API and the web pages: filtered, keyset-paginated, with their evidence and actors.

A page of events costs a fixed number of queries whatever its size: the page's
rows, then every actor and every piece of evidence of the page in one query each.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator
from functools import cache
from typing import Any

import pycountry

from newsloom.model import name_key
from newsloom.model.rows import ActorRow, EventRow, EvidenceRow, PlaceRow
from newsloom.store.connection import Connection
from newsloom.store.pages import EventFilter, Page, PageRequest, decode_cursor, encode_cursor
from newsloom.store.search import PostgresSearch, SQLiteSearch

_EXPORT_CHUNK = 500
_DATE_KEY = "COALESCE(e.date, '')"


@cache
def country_codes(code: str) -> tuple[str, ...]:
    """The alpha-2 and alpha-3 codes of a country given by either (entities store both kinds)."""
    code = code.strip().upper()
    found = pycountry.countries.get(alpha_2=code) if len(code) == 2 else pycountry.countries.get(alpha_3=code)
    return (found.alpha_2, found.alpha_3) if found else (code,)


def _marks(values: list[Any] | tuple[Any, ...] | set[Any]) -> str:
    return ",".join("?" * len(values)) or "NULL"


class EventReadMixin:
    db: Connection
    search: SQLiteSearch | PostgresSearch

    # -- entities named by a user ---------------------------------------------------
    def resolve_entities(self, name: str) -> set[str]:
        """Ids of the entities with this id, or called ``name`` in any language or spelling."""
        if self.db.execute("SELECT 1 FROM entities WHERE id = ?", (name,)).fetchone():
            return {name}
        key = name_key(name)
        hits = self.search.entities(key, names_only=True)
        if not key or hits is None:
            return set()
        found = set()
        rows = self.db.execute(
            f"""SELECT e.id, e.name, e.aliases FROM ({hits[0]}) h JOIN entities e ON e.id = h.id
                ORDER BY e.id LIMIT 500""", hits[1])
        for row in rows:
            names = [row["name"], *(a for names in json.loads(row["aliases"]).values() for a in names)]
            if any(name_key(n) == key for n in names):
                found.add(row["id"])
        return found

    # -- listing ----------------------------------------------------------------------
    def _event_where(self, f: EventFilter) -> tuple[list[str], list[Any]] | None:
        """SQL conditions and arguments for ``f``; None when nothing can match."""
        where: list[str] = []
        args: list[Any] = []
        if f.type:
            where.append("e.type = ?")
            args.append(f.type.upper())
        if f.story:
            where.append("e.story_id = ?")
            args.append(f.story)
        if f.actor:
            ids = sorted(self.resolve_entities(f.actor))
            if not ids:
                return None
            where.append(f"(e.source_id IN ({_marks(ids)}) OR e.target_id IN ({_marks(ids)}))")
            args += ids + ids
        if f.country:
            codes = country_codes(f.country)
            members = f"SELECT id FROM entities WHERE country IN ({_marks(codes)})"
            where.append(f"(e.source_id IN ({members}) OR e.target_id IN ({members}) OR e.place_entity_id IN ({members}))")
            args += [*codes] * 3
        if f.sector:
            members = "SELECT id FROM entities WHERE sector = ?"
            where.append(f"(e.source_id IN ({members}) OR e.target_id IN ({members}))")
            args += [f.sector.upper()] * 2
        if f.date_from or f.date_to:
            # '' (no date) sorts before every date, so a bound on either side leaves undated events out
            where.append(f"{_DATE_KEY} BETWEEN ? AND ?")
            args += [f.date_from.isoformat() if f.date_from else "0000", f.date_to.isoformat() if f.date_to else "9999"]
        if f.min_sources:
            where.append("e.sources >= ?")
            args.append(f.min_sources)
        return where, args

    def event_page(self, f: EventFilter, page: PageRequest) -> Page:
        """One page of the events matching ``f``, newest first (oldest first with ``f.oldest_first``)."""
        found = self._event_where(f)
        if found is None:
            return Page([])
        where, args = found
        direction, after = ("ASC", ">") if f.oldest_first else ("DESC", "<")
        if page.cursor:
            key, last_id = decode_cursor(page.cursor, (str, str))
            where.append(f"({_DATE_KEY}, e.id) {after} (?, ?)")
            args += [key, last_id]
        order = f"ORDER BY {_DATE_KEY} {direction}, e.id {direction}"
        # the page's ids first, from the indexes alone where they cover the filter; then its rows
        sql = (f"SELECT e.* FROM events e WHERE e.id IN (SELECT e.id FROM events e "
               f"{'WHERE ' + ' AND '.join(where) if where else ''} {order} LIMIT ?) {order}")
        rows = self.db.execute(sql, [*args, page.limit + 1]).fetchall()
        more = len(rows) > page.limit
        rows = rows[:page.limit]
        cursor = encode_cursor([rows[-1]["date"] or "", rows[-1]["id"]]) if more else None
        return Page(self._event_items(rows), cursor)

    def count_events(self, f: EventFilter) -> int:
        found = self._event_where(f)
        if found is None:
            return 0
        where, args = found
        sql = f"SELECT COUNT(*) FROM events e {'WHERE ' + ' AND '.join(where) if where else ''}"
        return int(self.db.execute(sql, args).fetchone()[0])

    def iter_events(self, f: EventFilter, max_rows: int) -> Iterator[dict[str, Any]]:
        """Every event matching ``f`` (at most ``max_rows``), page by page, for an export."""
        cursor, sent = None, 0
        while sent < max_rows:
            page = self.event_page(f, PageRequest(min(_EXPORT_CHUNK, max_rows - sent), cursor))
            yield from page.items
            sent += len(page.items)
            if page.next is None:
                return
            cursor = page.next

    def event_detail(self, event_id: str) -> EventRow | None:
        rows = self.db.execute("SELECT * FROM events e WHERE id = ?", (event_id,)).fetchall()
        return self._event_items(rows)[0] if rows else None

    def story_events(self, story_id: str) -> list[EventRow]:
        """Every event of one story, in the order they happened."""
        rows = self.db.execute(
            f"SELECT * FROM events e WHERE story_id = ? ORDER BY {_DATE_KEY}, type, id", (story_id,)).fetchall()
        return self._event_items(rows)

    # -- shapes -------------------------------------------------------------------------
    def _event_items(self, rows: list[Any]) -> list[EventRow]:
        if not rows:
            return []
        entity_ids = {r[c] for r in rows for c in ("source_id", "target_id", "place_entity_id") if r[c]}
        entities = self.entity_briefs(entity_ids)
        ids = [r["id"] for r in rows]
        evidence: dict[str, list[EvidenceRow]] = defaultdict(list)
        for m in self.db.execute(
                f"""SELECT m.event_id, m.article_id, m.start, m."end", m.trigger, m.modality,
                    substr(a.text, m.start + 1, m."end" - m.start) AS sentence, a.language, a.outlet, a.title
                    FROM event_mentions m JOIN articles a ON a.id = m.article_id
                    WHERE m.event_id IN ({_marks(ids)}) ORDER BY a.seq, m.start, m.id""", ids):
            evidence[m["event_id"]].append({
                "article_id": m["article_id"], "start": m["start"], "end": m["end"], "sentence": m["sentence"],
                "trigger": m["trigger"], "modality": m["modality"], "language": m["language"],
                "outlet": m["outlet"], "title": m["title"]})
        return [{
            "id": r["id"], "type": r["type"], "mode": r["mode"], "modality": r["modality"],
            "source": _actor(r["source_id"], entities), "target": _actor(r["target_id"], entities),
            "date": r["date"], "place": _place(r["place_entity_id"], entities), "story_id": r["story_id"],
            "article_ids": list(dict.fromkeys(e["article_id"] for e in evidence[r["id"]])),
            "sources": r["sources"], "articles": r["articles"], "languages": json.loads(r["languages"]),
            "confidence": r["confidence"], "evidence": evidence[r["id"]],
        } for r in rows]

    def entity_briefs(self, ids: set[str] | list[str]) -> dict[str, Any]:
        ids = list(ids)
        if not ids:
            return {}
        return {r["id"]: r for r in self.db.execute(
            f"SELECT id, name, kind, country, sector, geonameid FROM entities WHERE id IN ({_marks(ids)})", ids)}


def _actor(entity_id: str | None, entities: dict[str, Any]) -> ActorRow | None:
    if not entity_id:
        return None
    row = entities.get(entity_id)
    if row is None:
        return {"entity_id": entity_id, "name": entity_id, "kind": None, "country": None, "sector": None}
    return {"entity_id": entity_id, "name": row["name"], "kind": row["kind"], "country": row["country"],
            "sector": row["sector"]}


def _place(entity_id: str | None, entities: dict[str, Any]) -> PlaceRow | None:
    row = entities.get(entity_id) if entity_id else None
    if entity_id is None or row is None:
        return None
    return {"entity_id": entity_id, "name": row["name"], "country": row["country"], "geonameid": row["geonameid"]}
