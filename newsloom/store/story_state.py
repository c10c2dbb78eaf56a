"""What the clusterer reads and writes of stories: time windows of articles, story states, merges and
splits with their redirects; and what a story shows besides its articles (titles by language, top entities)."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from datetime import date, datetime, timedelta
from typing import Any

import numpy as np

from newsloom.model import Article, DateMention, EventMention, Member, Mention, PartialDate, Place, Story, StoryState
from newsloom.store.connection import Connection

STORY_ENTITIES = 10  # top entities shown with a story
CHUNK = 500  # ids per IN (...) list


def _chunks(ids: list[str]) -> list[list[str]]:
    return [ids[i:i + CHUNK] for i in range(0, len(ids), CHUNK)]


def _marks(ids: list[str]) -> str:
    return ",".join("?" * len(ids)) or "NULL"


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


class StoryStateMixin:
    db: Connection

    # -- the clusterer's window ---------------------------------------------------------
    def load_members(self, first: date | None, last: date | None, newest: int | None = None) -> list[Member]:
        """Embedded articles published from ``first`` to ``last`` (both None: the undated ones), oldest first;
        ``newest``: only the last ones stored."""
        if first is None or last is None:
            where, args = "published IS NULL", []
        else:
            where, args = "published >= ? AND published < ?", [first.isoformat(), (last + timedelta(days=1)).isoformat()]
        order = "ORDER BY seq" if newest is None else f"ORDER BY seq DESC LIMIT {int(newest)}"
        rows = self.db.execute(f"""SELECT id, story_id, embedding FROM articles WHERE {where}
                AND embedding IS NOT NULL AND story_id IS NOT NULL {order}""", args).fetchall()
        if newest is not None:
            rows.reverse()
        return [Member(r[0], r[1], np.frombuffer(r[2], dtype=np.float32)) for r in rows]

    def load_stories(self, ids: list[str]) -> list[StoryState]:
        """The clusterer's state of the given stories (those that exist)."""
        states = []
        for chunk in _chunks(list(ids)):
            rows = self.db.execute(f"SELECT * FROM stories WHERE id IN ({_marks(chunk)}) ORDER BY id", chunk).fetchall()
            members: dict[str, list[str]] = defaultdict(list)
            for r in self.db.execute(
                    f"SELECT id, story_id FROM articles WHERE story_id IN ({_marks(chunk)}) ORDER BY seq", chunk):
                members[r[1]].append(r[0])
            for row in rows:
                vector = np.frombuffer(row["vector_sum"], dtype=np.float32).copy()
                entities = Counter(json.loads(row["entity_counts"]))
                story = Story(row["id"], row["title"], tuple(members[row["id"]]), tuple(json.loads(row["languages"])),
                              _day(row["first_date"]), _day(row["last_date"]),
                              vector / (np.linalg.norm(vector) or 1.0), tuple(e for e, _ in entities.most_common(20)))
                states.append(StoryState(story, vector, entities, Counter(json.loads(row["date_counts"]))))
        return states

    def load_story_states(self) -> list[StoryState]:
        """Every story's state (for tools and tests; the pipeline reads windows)."""
        return self.load_stories([r[0] for r in self.db.execute("SELECT id FROM stories ORDER BY seq")])

    def load_articles(self, article_ids: list[str]) -> list[Article]:
        """Articles as the clusterer compares them: embedding, linked mentions, dates, publication (no text)."""
        mentions: dict[str, list[Mention]] = defaultdict(list)
        rows = []
        for chunk in _chunks(list(article_ids)):
            rows += self.db.execute(
                f"""SELECT id, origin, sha256, title, language, published, dateline_name, dateline_entity_id,
                    story_id, embedding, dates FROM articles WHERE id IN ({_marks(chunk)})""", chunk).fetchall()
            for r in self.db.execute(
                    f"""SELECT article_id, start, "end", text, kind, entity_id FROM mentions
                        WHERE article_id IN ({_marks(chunk)}) AND entity_id IS NOT NULL AND nominal = 0
                        ORDER BY article_id, start, "end" """, chunk):
                mentions[r[0]].append(Mention(r[1], r[2], r[3], r[4], r[5]))
        order = {a: i for i, a in enumerate(article_ids)}
        return [Article(
            r["id"], r["origin"], r["sha256"], "", title=r["title"], language=r["language"],
            published=datetime.fromisoformat(r["published"]) if r["published"] else None,
            dateline=Place(r["dateline_name"], None, None, r["dateline_entity_id"]) if r["dateline_name"] else None,
            mentions=tuple(mentions[r["id"]]), story_id=r["story_id"],
            dates=tuple(DateMention(s, e, "", PartialDate(None, int(v[5:7]), int(v[8:10])))
                        for s, e, v in json.loads(r["dates"])),
            embedding=np.frombuffer(r["embedding"], dtype=np.float32) if r["embedding"] else None,
        ) for r in sorted(rows, key=lambda r: order[r["id"]])]

    def load_article_event_mentions(self, article_ids: list[str]) -> list[EventMention]:
        """The event mentions of the given articles (a story being merged or split, before it is written)."""
        found: list[EventMention] = []
        for chunk in _chunks(list(article_ids)):
            found += self._event_mentions_where(f"m.article_id IN ({_marks(chunk)})", chunk)  # type: ignore[attr-defined]
        return found

    def _save_story_changes(self, stories: list[StoryState], moves: dict[str, str], redirects: dict[str, str],
                            removed: list[str]) -> None:
        """After the stories are written: the days they mention; articles that changed story, stories merged
        away (their ids redirect), and redirects of ids a split gives back to a story."""
        dated = [(json.dumps(dict(s.dates)), s.story.id) for s in stories if s.dates]
        if dated:
            self.db.executemany("UPDATE stories SET date_counts = ? WHERE id = ?", dated)
        if not (moves or redirects or removed):
            return  # an online batch only opens stories named after new articles: no redirect to change
        self.db.executemany("UPDATE articles SET story_id = ? WHERE id = ?", [(s, a) for a, s in moves.items()])
        for old, new in redirects.items():
            self.db.execute("UPDATE story_redirects SET new_id = ? WHERE new_id = ?", (new, old))
            self.db.execute("""INSERT INTO story_redirects (old_id, new_id) VALUES (?, ?)
                               ON CONFLICT (old_id) DO UPDATE SET new_id = excluded.new_id, at = excluded.at""",
                            (old, new))
        self.db.executemany("DELETE FROM stories WHERE id = ?", [(s,) for s in removed])
        self.db.executemany("DELETE FROM story_redirects WHERE old_id = ?", [(s.story.id,) for s in stories])

    def story_ids(self, since: date | None = None) -> list[str]:
        """Ids of the stories still running on or after ``since`` (all without it), the oldest first."""
        where, args = ("WHERE COALESCE(last_date, first_date) >= ? OR first_date IS NULL", [since.isoformat()]) \
            if since else ("", [])
        return [r[0] for r in self.db.execute(
            f"SELECT id FROM stories {where} ORDER BY first_date IS NULL, first_date, id", args)]

    # -- what a story shows ------------------------------------------------------------------
    def resolve_story(self, story_id: str) -> str | None:
        """The id of the story ``story_id`` is now (itself, or the story it was merged into); None if unknown."""
        if self.db.execute("SELECT 1 FROM stories WHERE id = ?", (story_id,)).fetchone():
            return story_id
        row = self.db.execute("SELECT new_id FROM story_redirects WHERE old_id = ?", (story_id,)).fetchone()
        return row[0] if row else None

    def story_extras(self, ids: list[str]) -> dict[str, dict[str, Any]]:
        """Per story: a title in each of its languages (its earliest article's) and its most named entities."""
        out: dict[str, dict[str, Any]] = {i: {"titles": {}, "entities": []} for i in ids}
        for chunk in _chunks(list(ids)):
            for r in self.db.execute(
                    f"""SELECT story_id, language, title FROM articles WHERE story_id IN ({_marks(chunk)})
                        AND language IS NOT NULL ORDER BY published IS NULL, published, seq""", chunk):
                out[r[0]]["titles"].setdefault(r[1], r[2])
            for r in self.db.execute(
                    f"""SELECT a.story_id, e.id, e.name, e.kind, COUNT(DISTINCT a.id) AS n
                        FROM mentions m JOIN articles a ON a.id = m.article_id JOIN entities e ON e.id = m.entity_id
                        WHERE a.story_id IN ({_marks(chunk)}) AND m.nominal = 0
                        GROUP BY a.story_id, e.id, e.name, e.kind ORDER BY a.story_id, n DESC, e.name, e.id""", chunk):
                if len(out[r[0]]["entities"]) < STORY_ENTITIES:
                    out[r[0]]["entities"].append({"id": r[1], "name": r[2], "kind": r[3], "articles": r[4]})
        return out
