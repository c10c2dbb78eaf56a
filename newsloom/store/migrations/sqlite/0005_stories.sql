-- newsloom schema, version 5: stories that merge and split (issue 5).
-- stories.date_counts: how many articles mention each calendar day ("MM-DD"), evidence for the clusterer.
-- story_redirects: the id of a story merged into another answers with the survivor; kept one hop deep.
-- articles_published: the clusterer reads the articles of a time window, not the archive.
ALTER TABLE stories ADD COLUMN date_counts TEXT NOT NULL DEFAULT '{}';

CREATE TABLE story_redirects (
    old_id TEXT PRIMARY KEY,
    new_id TEXT NOT NULL,
    at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX story_redirects_new ON story_redirects (new_id);
CREATE INDEX articles_published ON articles (published);
