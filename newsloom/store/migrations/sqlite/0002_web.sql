-- newsloom schema, version 2: the web.
-- article_sources: every report of an article, the first one (relation 'original') and the copies
--   found later (same URL, same text, near-duplicate), each with its own address, outlet and author.
-- article_fingerprints: what duplicate detection keeps of each article (text hash, MinHash signature).
-- fetch_states: what a feed's or sitemap's server said last time (ETag, Last-Modified).
-- failures: whether a later run should retry, and how many runs have tried.
CREATE TABLE article_sources (
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    origin TEXT NOT NULL,
    sha256 TEXT,
    relation TEXT NOT NULL,
    similarity REAL NOT NULL DEFAULT 1.0,
    url TEXT,
    outlet TEXT,
    author TEXT,
    published TEXT,
    added_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    PRIMARY KEY (article_id, origin)
);
CREATE INDEX article_sources_url ON article_sources (url);
CREATE INDEX article_sources_origin ON article_sources (origin);

INSERT INTO article_sources (article_id, origin, sha256, relation, url, outlet, published)
SELECT id, origin, sha256, 'original', url, outlet, published FROM articles;

CREATE TABLE article_fingerprints (
    article_id TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    text_hash TEXT NOT NULL,
    signature BLOB
);

CREATE TABLE fetch_states (
    url TEXT PRIMARY KEY,
    etag TEXT,
    last_modified TEXT,
    checked_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

ALTER TABLE failures ADD COLUMN retriable INTEGER NOT NULL DEFAULT 0;
ALTER TABLE failures ADD COLUMN attempts INTEGER NOT NULL DEFAULT 1;
