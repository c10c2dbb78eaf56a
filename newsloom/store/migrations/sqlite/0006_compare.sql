-- newsloom schema, version 6: fusion counts and source comparison.
-- events.sources now counts distinct sources: articles of one outlet count once (the outlet's name,
--   case-folded and trimmed; an article without an outlet is its own source), the rule of
--   newsloom.events.fusion.source_key. Copies of an article never were separate articles.
-- events.articles: articles carrying the evidence; events.languages: their languages (a JSON list).
-- sentence_vectors: each article's sentence embeddings (one float32 row per compared sentence), so a
--   story's comparison embeds only its new articles.
-- comparisons: one story's source comparison (JSON), with the embedder it used; it is current while the
--   story's articles are the ones it was computed from.
ALTER TABLE events ADD COLUMN articles INTEGER NOT NULL DEFAULT 0;
ALTER TABLE events ADD COLUMN languages TEXT NOT NULL DEFAULT '[]';

DROP TRIGGER event_mentions_count_sources;
DROP TRIGGER event_mentions_count_sources_insert;

CREATE VIEW event_reports AS
SELECT m.event_id, m.article_id, a.language, COALESCE(NULLIF(lower(trim(a.outlet)), ''), a.id) AS source
FROM event_mentions m JOIN articles a ON a.id = m.article_id WHERE m.event_id IS NOT NULL;

UPDATE events SET
    sources = (SELECT COUNT(DISTINCT r.source) FROM event_reports r WHERE r.event_id = events.id),
    articles = (SELECT COUNT(DISTINCT r.article_id) FROM event_reports r WHERE r.event_id = events.id),
    languages = (SELECT json_group_array(l) FROM (SELECT DISTINCT r.language AS l FROM event_reports r
                 WHERE r.event_id = events.id AND r.language IS NOT NULL ORDER BY l));

CREATE TRIGGER event_mentions_count_sources AFTER UPDATE OF event_id ON event_mentions
BEGIN
    UPDATE events SET
        sources = (SELECT COUNT(DISTINCT r.source) FROM event_reports r WHERE r.event_id = events.id),
        articles = (SELECT COUNT(DISTINCT r.article_id) FROM event_reports r WHERE r.event_id = events.id),
        languages = (SELECT json_group_array(l) FROM (SELECT DISTINCT r.language AS l FROM event_reports r
                     WHERE r.event_id = events.id AND r.language IS NOT NULL ORDER BY l))
    WHERE id IN (new.event_id, old.event_id);
END;

CREATE TRIGGER event_mentions_count_sources_insert AFTER INSERT ON event_mentions WHEN new.event_id IS NOT NULL
BEGIN
    UPDATE events SET
        sources = (SELECT COUNT(DISTINCT r.source) FROM event_reports r WHERE r.event_id = events.id),
        articles = (SELECT COUNT(DISTINCT r.article_id) FROM event_reports r WHERE r.event_id = events.id),
        languages = (SELECT json_group_array(l) FROM (SELECT DISTINCT r.language AS l FROM event_reports r
                     WHERE r.event_id = events.id AND r.language IS NOT NULL ORDER BY l))
    WHERE id = new.event_id;
END;

CREATE TABLE sentence_vectors (
    article_id TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    model TEXT NOT NULL,
    rows INTEGER NOT NULL,
    vectors BLOB NOT NULL
);

CREATE TABLE comparisons (
    story_id TEXT PRIMARY KEY REFERENCES stories (id) ON DELETE CASCADE,
    signature TEXT NOT NULL,
    model TEXT NOT NULL,
    body TEXT NOT NULL,
    computed_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
