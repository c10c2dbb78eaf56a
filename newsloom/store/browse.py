"""Stories, entities and full-text search for the API and the web pages: filtered and paginated."""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

from newsloom.model.rows import StorySummaryRow
from newsloom.store.connection import Connection
from newsloom.store.event_reads import country_codes
from newsloom.store.fulltext import snippet
from newsloom.store.pages import (
    EntityFilter,
    EventFilter,
    Page,
    PageRequest,
    SearchRequest,
    StoryFilter,
    decode_cursor,
    encode_cursor,
)
from newsloom.store.search import PostgresSearch, SQLiteSearch

NETWORK_SIZE = 40  # counterparts shown around an entity
ENTITY_STORIES = 20
MAX_SEARCH_OFFSET = 10_000  # relevance-ordered search pages by offset; deeper pages cost too much
_STORY_KEY = "COALESCE(s.first_date, '')"


def _marks(values: list[Any] | tuple[Any, ...]) -> str:
    return ",".join("?" * len(values)) or "NULL"


def _where(conditions: list[str]) -> str:
    return "WHERE " + " AND ".join(conditions) if conditions else ""


class BrowseMixin:
    db: Connection
    search: SQLiteSearch | PostgresSearch

    # -- stories ----------------------------------------------------------------------
    def story_page(self, f: StoryFilter, page: PageRequest) -> Page:
        """One page of the stories matching ``f``, the most recent first."""
        where: list[str] = []
        args: list[Any] = []
        if f.date_from:
            where.append("COALESCE(s.last_date, s.first_date) >= ?")
            args.append(f.date_from.isoformat())
        if f.date_to:
            where.append("s.first_date <= ?")
            args.append(f.date_to.isoformat())
        if f.language:
            where.append("s.id IN (SELECT story_id FROM articles WHERE language = ?)")
            args.append(f.language.lower())
        if f.entity:
            ids = sorted(self.resolve_entities(f.entity))  # type: ignore[attr-defined]
            if not ids:
                return Page([])
            where.append(f"""s.id IN (SELECT a.story_id FROM mentions m JOIN articles a ON a.id = m.article_id
                                      WHERE m.entity_id IN ({_marks(ids)}))""")
            args += ids
        if f.q is not None:
            hits = self.search.articles(f.q)
            if hits is None:
                return Page([])
            where.append(f"s.id IN (SELECT a.story_id FROM ({hits[0]}) h JOIN articles a ON a.id = h.id)")
            args += hits[1]
        if page.cursor:
            key, last_id = decode_cursor(page.cursor, (str, str))
            where.append(f"({_STORY_KEY}, s.id) < (?, ?)")
            args += [key, last_id]
        rows = self.db.execute(
            f"SELECT s.id, s.title, s.languages, s.first_date, s.last_date FROM stories s {_where(where)} "
            f"ORDER BY {_STORY_KEY} DESC, s.id DESC LIMIT ?", [*args, page.limit + 1]).fetchall()
        more = len(rows) > page.limit
        rows = rows[:page.limit]
        cursor = encode_cursor([rows[-1]["first_date"] or "", rows[-1]["id"]]) if more else None
        return Page(self._story_items(rows), cursor)

    def _story_items(self, rows: list[Any]) -> list[StorySummaryRow]:
        ids = [r["id"] for r in rows]
        articles: dict[str, int] = {}
        outlets: dict[str, list[str]] = defaultdict(list)
        for r in self.db.execute(
                f"""SELECT story_id, outlet, COUNT(*) AS n FROM articles WHERE story_id IN ({_marks(ids)})
                    GROUP BY story_id, outlet ORDER BY story_id, MIN(seq)""", ids):
            articles[r["story_id"]] = articles.get(r["story_id"], 0) + r["n"]
            if r["outlet"]:
                outlets[r["story_id"]].append(r["outlet"])
        events = dict(self.db.execute(
            f"SELECT story_id, COUNT(*) FROM events WHERE story_id IN ({_marks(ids)}) GROUP BY story_id", ids).fetchall())
        extras = self.story_extras(ids)  # type: ignore[attr-defined]  # titles by language, top entities
        return [{
            "id": r["id"], "title": r["title"], "languages": json.loads(r["languages"]),
            "outlets": outlets[r["id"]], "article_count": articles.get(r["id"], 0),
            "event_count": events.get(r["id"], 0), "first_date": r["first_date"], "last_date": r["last_date"],
            "titles": extras[r["id"]]["titles"], "entities": extras[r["id"]]["entities"],
        } for r in rows]

    def story_detail(self, story_id: str) -> dict[str, Any] | None:
        """One story: its articles with their texts, its events with their evidence, and how sources compare.

        The id of a story merged into another gives the surviving story, with ``redirected_from``."""
        resolved = self.resolve_story(story_id)  # type: ignore[attr-defined]
        row = self.db.execute(
            "SELECT id, title, languages, first_date, last_date FROM stories s WHERE id = ?", (resolved,)).fetchone()
        if row is None:
            return None
        story: dict[str, Any] = dict(self._story_items([row])[0])
        if resolved != story_id:
            story["redirected_from"] = story_id
        story_id = resolved
        story["articles"] = [
            {**self._article_row(a), "text": a["text"], "dateline": a["dateline_name"],  # type: ignore[attr-defined]
             "sources": self.article_sources(a["id"])}  # type: ignore[attr-defined]
            for a in self.db.execute(
                "SELECT * FROM articles WHERE story_id = ? ORDER BY published IS NULL, published, seq", (story_id,))
        ]
        story["events"] = self.story_events(story_id)  # type: ignore[attr-defined]
        story["comparison"] = self.comparison(story_id)  # type: ignore[attr-defined]  # None until computed, or stale
        return story

    # -- entities ---------------------------------------------------------------------
    def entity_page(self, f: EntityFilter, page: PageRequest) -> Page:
        """One page of the entities that appear in an article or an event, by name."""
        where = ["""(EXISTS (SELECT 1 FROM mentions m WHERE m.entity_id = e.id)
                     OR EXISTS (SELECT 1 FROM events v WHERE v.source_id = e.id)
                     OR EXISTS (SELECT 1 FROM events v WHERE v.target_id = e.id))"""]
        args: list[Any] = []
        if f.q is not None:
            hits = self.search.entities(f.q, prefix=True)
            if hits is None:
                return Page([])
            where.append(f"e.id IN ({hits[0]})")
            args += hits[1]
        if f.kind:
            where.append("e.kind = ?")
            args.append(f.kind)
        if f.country:
            codes = country_codes(f.country)
            where.append(f"e.country IN ({_marks(codes)})")
            args += codes
        if f.sector:
            where.append("e.sector = ?")
            args.append(f.sector.upper())
        if page.cursor:
            name, last_id = decode_cursor(page.cursor, (str, str))
            where.append("(e.name, e.id) > (?, ?)")
            args += [name, last_id]
        rows = self.db.execute(f"SELECT e.* FROM entities e {_where(where)} ORDER BY e.name, e.id LIMIT ?",
                               [*args, page.limit + 1]).fetchall()
        more = len(rows) > page.limit
        rows = rows[:page.limit]
        cursor = encode_cursor([rows[-1]["name"], rows[-1]["id"]]) if more else None
        counts = self._event_counts([r["id"] for r in rows])
        return Page([{**_entity(r), "event_count": counts.get(r["id"], 0)} for r in rows], cursor)

    def _event_counts(self, ids: list[str]) -> dict[str, int]:
        counts: dict[str, int] = defaultdict(int)
        for column in ("source_id", "target_id"):
            for entity_id, n in self.db.execute(
                    f"SELECT {column}, COUNT(*) FROM events WHERE {column} IN ({_marks(ids)}) GROUP BY {column}", ids):
                counts[entity_id] += n
        return counts

    def entity_detail(self, entity_id: str, events: PageRequest) -> dict[str, Any] | None:
        """One entity: its names by language, roles, the actors it deals with, its timeline and stories."""
        row = self.db.execute("SELECT * FROM entities WHERE id = ?", (entity_id,)).fetchone()
        if row is None:
            return None
        out = _entity(row)
        out["event_count"] = self._event_counts([entity_id]).get(entity_id, 0)
        out["network"] = self._network(entity_id)
        days: dict[str, dict[str, Any]] = {}
        for day, event_type, n in self.db.execute(
                """SELECT date, type, COUNT(*) FROM events WHERE (source_id = ? OR target_id = ?) AND date IS NOT NULL
                   GROUP BY date, type ORDER BY date, type""", (entity_id, entity_id)):
            point = days.setdefault(day, {"date": day, "count": 0, "types": {}})
            point["count"] += n
            point["types"][event_type] = n
        out["timeline"] = list(days.values())
        out["stories"] = [
            {"id": r["id"], "title": r["title"], "first_date": r["first_date"]} for r in self.db.execute(
                f"""SELECT s.id, s.title, s.first_date FROM stories s WHERE s.id IN (
                        SELECT a.story_id FROM mentions m JOIN articles a ON a.id = m.article_id WHERE m.entity_id = ?)
                    ORDER BY {_STORY_KEY} DESC, s.id DESC LIMIT ?""", (entity_id, ENTITY_STORIES))]
        page = self.event_page(EventFilter(actor=entity_id, oldest_first=True), events)  # type: ignore[attr-defined]
        out["events"] = {"items": page.items, "next": page.next}
        return out

    def _network(self, entity_id: str) -> list[dict[str, Any]]:
        """The actors an entity acts on or is acted on by, the most frequent first, with the event types."""
        rows = self.db.execute(
            """SELECT other, role, type, COUNT(*) AS n FROM (
                   SELECT target_id AS other, 'target' AS role, type FROM events
                   WHERE source_id = ? AND target_id IS NOT NULL AND target_id != source_id
                   UNION ALL
                   SELECT source_id, 'source', type FROM events
                   WHERE target_id = ? AND source_id IS NOT NULL AND target_id != source_id) AS links
               GROUP BY other, role, type ORDER BY other, role, type""", (entity_id, entity_id)).fetchall()
        links: dict[str, dict[str, Any]] = {}
        for r in rows:
            link = links.setdefault(r["other"], {"count": 0, "as_target": 0, "as_source": 0, "types": {}})
            link["count"] += r["n"]
            link["as_target" if r["role"] == "target" else "as_source"] += r["n"]  # the other's role
            link["types"][r["type"]] = link["types"].get(r["type"], 0) + r["n"]
        top = sorted(links.items(), key=lambda item: (-item[1]["count"], item[0]))[:NETWORK_SIZE]
        briefs = self.entity_briefs([other for other, _ in top])  # type: ignore[attr-defined]
        return [{"entity_id": other, "name": briefs[other]["name"] if other in briefs else other,
                 "kind": briefs[other]["kind"] if other in briefs else None, **link} for other, link in top]

    def article_ids(self, origins: list[str]) -> dict[str, str]:
        """The id of the article each of ``origins`` became (copies excluded)."""
        found: dict[str, str] = {}
        for start in range(0, len(origins), 500):
            chunk = origins[start:start + 500]
            found.update(self.db.execute(
                f"""SELECT origin, article_id FROM article_sources
                    WHERE origin IN ({_marks(chunk)}) AND relation = 'original'""", chunk).fetchall())
        return found

    # -- full text --------------------------------------------------------------------
    def search_articles(self, request: SearchRequest) -> Page:
        """Articles whose title or text holds every word of the query, the most relevant first."""
        hits = self.search.articles(request.q)
        if hits is None:
            return Page([])
        offset = decode_cursor(request.page.cursor, (int,))[0] if request.page.cursor else 0
        offset = min(max(offset, 0), MAX_SEARCH_OFFSET)
        where, args = [], list(hits[1])
        if request.language:
            where.append("a.language = ?")
            args.append(request.language.lower())
        rows = self.db.execute(
            f"""SELECT a.id, a.title, a.language, a.outlet, a.published, a.story_id, a.url, a.text
                FROM ({hits[0]}) h JOIN articles a ON a.id = h.id
                {_where(where)} ORDER BY h.rank, a.id LIMIT ? OFFSET ?""",
            [*args, request.page.limit + 1, offset]).fetchall()
        more = len(rows) > request.page.limit and offset + request.page.limit < MAX_SEARCH_OFFSET
        items = []
        for r in rows[:request.page.limit]:
            text, marks = snippet(r["text"], request.q)
            items.append({"id": r["id"], "title": r["title"], "language": r["language"], "outlet": r["outlet"],
                          "published": r["published"], "story_id": r["story_id"], "url": r["url"],
                          "snippet": text, "marks": marks})
        return Page(items, encode_cursor([offset + request.page.limit]) if more else None)


def _entity(r: Any) -> dict[str, Any]:
    return {"id": r["id"], "name": r["name"], "kind": r["kind"], "country": r["country"], "sector": r["sector"],
            "aliases": json.loads(r["aliases"]), "roles": json.loads(r["roles"]), "geonameid": r["geonameid"]}
