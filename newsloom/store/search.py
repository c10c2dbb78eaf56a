"""Full-text search, one interface over both back ends: FTS5 on SQLite, tsvector and GIN on PostgreSQL.

The same query semantics on both: every word of what the user typed (any order),
the last one as a prefix where asked, case and accents folded ("Da Nang" finds
"Đà Nẵng"), and the user's text never read as query syntax (each word is quoted,
store/fulltext.py). SQLite's index is kept by triggers (migration 0003); the
PostgreSQL store folds the text in Python (``search_text``) and writes its tsvector
with the batch, so no extension (unaccent) is needed on the server.

Each back end gives SQL that selects the matching ids (and a rank where it orders:
lower is better on both), for the read side to join.
"""

from __future__ import annotations

import re

from newsloom.model import Article, Entity
from newsloom.store.connection import Connection
from newsloom.store.fulltext import MAX_QUERY_WORDS, fold, fts_query, search_key

_WORD = re.compile(r"\w+", re.UNICODE)
TITLE_WEIGHT = 4.0  # a word in the title counts as much as four in the text, on both back ends
# PostgreSQL refuses a tsvector over 1 MB, which would fail the whole batch: an article's text is indexed up to
# here (positions past 16,383 are not kept anyway). A news article is far shorter.
MAX_INDEXED_CHARS = 300_000


def search_text(text: str) -> str:
    """Text as the PostgreSQL index sees it: the letters fold() folds, then no accents, then lower case."""
    return search_key(text)


class SQLiteSearch:
    """FTS5 tables articles_fts and entities_fts (migration 0003), filled by triggers."""

    def articles(self, text: str) -> tuple[str, list[str]] | None:
        query = fts_query(text)
        if query is None:
            return None
        return (f"""SELECT k.article_id AS id, bm25(articles_fts, {TITLE_WEIGHT}, 1.0) AS rank
                    FROM articles_fts JOIN article_keys k ON k.n = articles_fts.rowid WHERE articles_fts MATCH ?""",
                [query])

    def entities(self, text: str, prefix: bool = False, names_only: bool = False) -> tuple[str, list[str]] | None:
        query = fts_query(text, prefix=prefix)
        if query is None:
            return None
        return ("SELECT entity_id AS id FROM entities_fts WHERE entities_fts MATCH ?",
                [f"names : ({query})" if names_only else query])

    def index_articles(self, db: Connection, articles: list[Article]) -> None:
        """Nothing to do: the triggers of migration 0003 index what is inserted."""

    def index_entities(self, db: Connection, entities: list[Entity]) -> None:
        """Nothing to do: the triggers of migration 0003 index what is inserted."""


def ts_query(text: str, prefix: bool = False) -> str | None:
    """A tsquery matching every word of ``text``, folded as the index is; None when it has no word.

    Words are runs of letters and digits quoted as lexemes, so nothing a user types is tsquery syntax.
    """
    words = [search_key(w) for w in _WORD.findall(fold(text))[:MAX_QUERY_WORDS]]
    words = [w.replace("_", " ").strip() for w in words]
    terms = [w for w in " ".join(words).split() if w]
    if not terms:
        return None
    quoted = [f"'{t}'" for t in terms]
    if prefix:
        quoted[-1] += ":*"
    return " & ".join(quoted)


class PostgresSearch:
    """Tables article_search and entity_search (postgresql/0007_schema.sql), written with each batch."""

    def articles(self, text: str) -> tuple[str, list[str]] | None:
        query = ts_query(text)
        if query is None:
            return None
        weights = f"'{{0.1, 0.2, 0.25, {0.25 * TITLE_WEIGHT}}}'"  # D, C, B (the text), A (the title)
        return (f"""SELECT s.article_id AS id, -ts_rank({weights}, s.document, q.query) AS rank
                    FROM article_search s, to_tsquery('simple', ?) AS q(query) WHERE s.document @@ q.query""",
                [query])

    def entities(self, text: str, prefix: bool = False, names_only: bool = False) -> tuple[str, list[str]] | None:
        query = ts_query(text, prefix=prefix)
        if query is None:
            return None
        column = "names" if names_only else "everything"
        return f"SELECT entity_id AS id FROM entity_search WHERE {column} @@ to_tsquery('simple', ?)", [query]

    def index_articles(self, db: Connection, articles: list[Article]) -> None:
        db.executemany(
            """INSERT INTO article_search (article_id, document) VALUES (?, setweight(to_tsvector('simple', ?), 'A')
               || setweight(to_tsvector('simple', ?), 'B')) ON CONFLICT (article_id) DO NOTHING""",
            [(a.id, search_text(a.title), search_text(a.text[:MAX_INDEXED_CHARS])) for a in articles])

    def index_entities(self, db: Connection, entities: list[Entity]) -> None:
        rows = []
        for e in entities:
            names = search_text(" ".join([e.name, *(n for names in e.aliases.values() for n in names)]))
            rows.append((e.id, names, names + " " + search_text(" ".join(e.roles))))
        db.executemany(
            """INSERT INTO entity_search (entity_id, names, everything)
               VALUES (?, to_tsvector('simple', ?), to_tsvector('simple', ?))
               ON CONFLICT (entity_id) DO UPDATE SET names = excluded.names, everything = excluded.everything""",
            rows)
