-- newsloom schema, version 9: the input files of `newsloom batch` runs whose documents are all stored, so a
-- rerun skips them. key: the file's path, size and modification time (a changed file is another shard).
CREATE TABLE shards (
    key TEXT PRIMARY KEY,
    path TEXT NOT NULL,
    documents INTEGER NOT NULL,
    done_at TEXT NOT NULL
);

-- store_flags: facts about the database that would cost a scan to find again, such as "every article has its
-- fingerprint" (an archive from before schema 2 is fingerprinted once, then never scanned for it again).
CREATE TABLE store_flags (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
