-- newsloom schema, version 7: one set of queries for SQLite and PostgreSQL (issue 12).
-- seq: the order rows were first stored in, where queries used SQLite's rowid, which PostgreSQL lacks.
--   Filled from the rowid, so an older database keeps its order; new rows take MAX(seq) + 1 under the
--   write lock. stories were written with INSERT OR REPLACE (a new rowid each time): theirs is the order
--   of their last write, and stays put from now on (ON CONFLICT DO UPDATE keeps the row).
-- events.sources, .articles and .languages are counted by the store in Python as it saves a batch
--   (newsloom/store/writes.py), the same on both back ends: the triggers of version 6 go.
ALTER TABLE articles ADD COLUMN seq INTEGER;
UPDATE articles SET seq = rowid;
CREATE UNIQUE INDEX articles_seq ON articles (seq);

ALTER TABLE stories ADD COLUMN seq INTEGER;
UPDATE stories SET seq = rowid;
CREATE UNIQUE INDEX stories_seq ON stories (seq);

ALTER TABLE article_sources ADD COLUMN seq INTEGER;
UPDATE article_sources SET seq = rowid;
CREATE UNIQUE INDEX article_sources_seq ON article_sources (seq);

DROP TRIGGER event_mentions_count_sources;
DROP TRIGGER event_mentions_count_sources_insert;
