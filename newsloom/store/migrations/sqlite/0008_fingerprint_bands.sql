-- newsloom schema, version 8: duplicate checks ask the database instead of an index of the whole archive
-- held in memory, so a run starts in the same time whatever the archive's size.
-- fingerprint_bands: the 14 MinHash LSH band keys of each article's signature (9 rows of 4 bytes each),
--   as newsloom.model.fingerprints.signature_bands cuts them; sharing one band makes a near-copy candidate.
CREATE TABLE fingerprint_bands (
    band INTEGER NOT NULL,
    key BLOB NOT NULL,
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    PRIMARY KEY (band, key, article_id)
);
CREATE INDEX fingerprint_bands_article ON fingerprint_bands (article_id);
CREATE INDEX article_fingerprints_hash ON article_fingerprints (text_hash);
CREATE INDEX articles_url ON articles (url);

WITH RECURSIVE bands (n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM bands WHERE n < 13)
INSERT INTO fingerprint_bands (band, key, article_id)
SELECT bands.n, substr(f.signature, bands.n * 36 + 1, 36), f.article_id
FROM article_fingerprints f, bands WHERE f.signature IS NOT NULL;
