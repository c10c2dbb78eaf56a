-- newsloom schema, version 3: what the HTTP API and the web pages read fast.
-- events.sources: how many articles carry an event's evidence, kept by a trigger on event_mentions.
-- Indexes for the filtered, keyset-paginated listings (newest first: COALESCE(date, '') DESC, id DESC).
-- articles_fts: full-text search over article titles and texts (FTS5, contentless: it keeps the index,
--   not a second copy of the text), kept in sync by triggers. Case and accents are folded by the
--   tokenizer; letters that do not decompose (đ, ø, ł, ß, æ, œ) are folded by the *_search_text views,
--   as newsloom.store.fulltext.fold folds a query. FTS rowids come from article_keys and entity_keys,
--   INTEGER PRIMARY KEY tables, so they survive VACUUM and INSERT OR REPLACE (which gives a new rowid).
-- entities_fts: names, aliases and roles of the entities.
ALTER TABLE events ADD COLUMN sources INTEGER NOT NULL DEFAULT 0;
UPDATE events SET sources = (SELECT COUNT(DISTINCT m.article_id) FROM event_mentions m WHERE m.event_id = events.id);

CREATE TRIGGER event_mentions_count_sources AFTER UPDATE OF event_id ON event_mentions
BEGIN
    UPDATE events SET sources = (SELECT COUNT(DISTINCT m.article_id) FROM event_mentions m WHERE m.event_id = events.id)
    WHERE id IN (new.event_id, old.event_id);
END;

CREATE TRIGGER event_mentions_count_sources_insert AFTER INSERT ON event_mentions WHEN new.event_id IS NOT NULL
BEGIN
    UPDATE events SET sources = (SELECT COUNT(DISTINCT m.article_id) FROM event_mentions m WHERE m.event_id = events.id)
    WHERE id = new.event_id;
END;

-- covering indexes: a filter reads the index only, then fetches the page's rows by rowid
CREATE INDEX events_by_date ON events (COALESCE(date, ''), id, sources);
CREATE INDEX events_type_by_date ON events (type, COALESCE(date, ''), id, sources);
CREATE INDEX events_source ON events (source_id, target_id, type, date, id);
CREATE INDEX events_target ON events (target_id, source_id, type, date, id);
CREATE INDEX events_place ON events (place_entity_id);
CREATE INDEX entities_country ON entities (country);
CREATE INDEX entities_sector ON entities (sector);
CREATE INDEX stories_by_date ON stories (COALESCE(first_date, ''), id);
CREATE INDEX articles_language_story ON articles (language, story_id);
CREATE INDEX mentions_entity_article ON mentions (entity_id, article_id);

CREATE VIEW article_search_text AS
SELECT a.id, replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(a.title, 'đ', 'd'), 'Đ', 'D'), 'ø', 'o'), 'Ø', 'O'), 'ł', 'l'), 'Ł', 'L'), 'ß', 'ss'), 'æ', 'ae'), 'Æ', 'AE'), 'œ', 'oe'), 'Œ', 'OE') AS title,
       replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(a.text, 'đ', 'd'), 'Đ', 'D'), 'ø', 'o'), 'Ø', 'O'), 'ł', 'l'), 'Ł', 'L'), 'ß', 'ss'), 'æ', 'ae'), 'Æ', 'AE'), 'œ', 'oe'), 'Œ', 'OE') AS text
FROM articles a;

CREATE TABLE article_keys (
    n INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL UNIQUE
);

CREATE VIRTUAL TABLE articles_fts USING fts5 (
    title, text, content = '', tokenize = 'unicode61 remove_diacritics 2'
);

INSERT INTO article_keys (article_id) SELECT id FROM articles ORDER BY rowid;
INSERT INTO articles_fts (rowid, title, text)
SELECT k.n, v.title, v.text FROM article_search_text v JOIN article_keys k ON k.article_id = v.id;

-- articles are written with INSERT OR IGNORE: an ignored row fires no AFTER trigger
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles
BEGIN
    INSERT INTO article_keys (article_id) SELECT new.id
    WHERE NOT EXISTS (SELECT 1 FROM article_keys WHERE article_id = new.id);
    INSERT INTO articles_fts (rowid, title, text)
    SELECT k.n, v.title, v.text FROM article_search_text v JOIN article_keys k ON k.article_id = v.id
    WHERE v.id = new.id;
END;

-- a contentless index forgets a row given the values it indexed: read them before the row goes
CREATE TRIGGER articles_fts_delete BEFORE DELETE ON articles
BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, text)
    SELECT 'delete', k.n, v.title, v.text FROM article_search_text v JOIN article_keys k ON k.article_id = v.id
    WHERE v.id = old.id;
    DELETE FROM article_keys WHERE article_id = old.id;
END;

CREATE TRIGGER articles_fts_before_update BEFORE UPDATE OF id, title, text ON articles
BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, text)
    SELECT 'delete', k.n, v.title, v.text FROM article_search_text v JOIN article_keys k ON k.article_id = v.id
    WHERE v.id = old.id;
    DELETE FROM article_keys WHERE article_id = old.id;
END;

CREATE TRIGGER articles_fts_after_update AFTER UPDATE OF id, title, text ON articles
BEGIN
    INSERT INTO article_keys (article_id) SELECT new.id
    WHERE NOT EXISTS (SELECT 1 FROM article_keys WHERE article_id = new.id);
    INSERT INTO articles_fts (rowid, title, text)
    SELECT k.n, v.title, v.text FROM article_search_text v JOIN article_keys k ON k.article_id = v.id
    WHERE v.id = new.id;
END;

CREATE VIEW entity_search_text AS
SELECT e.id,
       replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(e.name || ' ' || COALESCE((SELECT group_concat(n.value, ' ') FROM json_each(e.aliases) l, json_each(l.value) n), ''), 'đ', 'd'), 'Đ', 'D'), 'ø', 'o'), 'Ø', 'O'), 'ł', 'l'), 'Ł', 'L'), 'ß', 'ss'), 'æ', 'ae'), 'Æ', 'AE'), 'œ', 'oe'), 'Œ', 'OE') AS names,
       replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(COALESCE((SELECT group_concat(r.value, ' ') FROM json_each(e.roles) r), ''), 'đ', 'd'), 'Đ', 'D'), 'ø', 'o'), 'Ø', 'O'), 'ł', 'l'), 'Ł', 'L'), 'ß', 'ss'), 'æ', 'ae'), 'Æ', 'AE'), 'œ', 'oe'), 'Œ', 'OE') AS roles
FROM entities e;

CREATE TABLE entity_keys (
    n INTEGER PRIMARY KEY,
    entity_id TEXT NOT NULL UNIQUE
);

CREATE VIRTUAL TABLE entities_fts USING fts5 (
    entity_id UNINDEXED, names, roles, tokenize = 'unicode61 remove_diacritics 2'
);

INSERT INTO entity_keys (entity_id) SELECT id FROM entities ORDER BY rowid;
INSERT INTO entities_fts (rowid, entity_id, names, roles)
SELECT k.n, v.id, v.names, v.roles FROM entity_search_text v JOIN entity_keys k ON k.entity_id = v.id;

-- entities are written with INSERT OR REPLACE, which fires no delete trigger (recursive_triggers is off):
-- the old names are dropped before the insert, the new ones added after it. A trigger's statements take
-- the conflict policy of the statement that fired it (REPLACE here), so keys are added only when missing,
-- never with INSERT OR IGNORE.
CREATE TRIGGER entities_fts_before_insert BEFORE INSERT ON entities
BEGIN
    DELETE FROM entities_fts WHERE rowid = (SELECT n FROM entity_keys WHERE entity_id = new.id);
    INSERT INTO entity_keys (entity_id) SELECT new.id
    WHERE NOT EXISTS (SELECT 1 FROM entity_keys WHERE entity_id = new.id);
END;

CREATE TRIGGER entities_fts_insert AFTER INSERT ON entities
BEGIN
    INSERT INTO entities_fts (rowid, entity_id, names, roles)
    SELECT k.n, v.id, v.names, v.roles FROM entity_search_text v JOIN entity_keys k ON k.entity_id = v.id
    WHERE v.id = new.id;
END;

CREATE TRIGGER entities_fts_update AFTER UPDATE ON entities
BEGIN
    DELETE FROM entities_fts WHERE rowid = (SELECT n FROM entity_keys WHERE entity_id = old.id);
    INSERT INTO entity_keys (entity_id) SELECT new.id
    WHERE NOT EXISTS (SELECT 1 FROM entity_keys WHERE entity_id = new.id);
    INSERT INTO entities_fts (rowid, entity_id, names, roles)
    SELECT k.n, v.id, v.names, v.roles FROM entity_search_text v JOIN entity_keys k ON k.entity_id = v.id
    WHERE v.id = new.id;
END;

CREATE TRIGGER entities_fts_delete AFTER DELETE ON entities
BEGIN
    DELETE FROM entities_fts WHERE rowid = (SELECT n FROM entity_keys WHERE entity_id = old.id);
END;
