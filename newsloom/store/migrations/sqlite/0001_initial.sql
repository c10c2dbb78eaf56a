-- newsloom schema, version 1: articles, mentions, entities, stories, events, failures.
CREATE TABLE articles (
    id TEXT PRIMARY KEY,
    origin TEXT NOT NULL,
    sha256 TEXT NOT NULL UNIQUE,
    url TEXT,
    title TEXT NOT NULL DEFAULT '',
    text TEXT NOT NULL,
    language TEXT,
    outlet TEXT,
    published TEXT,
    dateline_name TEXT,
    dateline_entity_id TEXT,
    story_id TEXT,
    embedding BLOB,
    sentences TEXT NOT NULL DEFAULT '[]',
    dates TEXT NOT NULL DEFAULT '[]',
    added_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX articles_story ON articles (story_id);

CREATE TABLE mentions (
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    kind TEXT NOT NULL,
    entity_id TEXT,
    nominal INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (article_id, start, "end")
);
CREATE INDEX mentions_entity ON mentions (entity_id);

CREATE TABLE entities (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    country TEXT,
    sector TEXT,
    geonameid INTEGER,
    roles TEXT NOT NULL DEFAULT '[]',
    aliases TEXT NOT NULL DEFAULT '{}'
);

CREATE TABLE stories (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL DEFAULT '',
    languages TEXT NOT NULL DEFAULT '[]',
    first_date TEXT,
    last_date TEXT,
    vector_sum BLOB,
    entity_counts TEXT NOT NULL DEFAULT '{}'
);

CREATE TABLE events (
    id TEXT PRIMARY KEY,
    story_id TEXT NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
    type TEXT NOT NULL,
    source_id TEXT,
    target_id TEXT,
    date TEXT,
    place_entity_id TEXT,
    mode TEXT,
    modality TEXT NOT NULL,
    confidence REAL NOT NULL
);
CREATE INDEX events_story ON events (story_id);
CREATE INDEX events_type ON events (type);

CREATE TABLE event_mentions (
    id INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    event_id TEXT REFERENCES events (id) ON DELETE SET NULL,
    type TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    trigger TEXT NOT NULL,
    source_id TEXT,
    target_id TEXT,
    date TEXT,
    place_entity_id TEXT,
    mode TEXT,
    modality TEXT NOT NULL,
    confidence REAL NOT NULL
);
CREATE INDEX event_mentions_article ON event_mentions (article_id);
CREATE INDEX event_mentions_event ON event_mentions (event_id);

CREATE TABLE failures (
    origin TEXT NOT NULL,
    stage TEXT NOT NULL,
    reason TEXT NOT NULL,
    at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    PRIMARY KEY (origin, stage)
);
