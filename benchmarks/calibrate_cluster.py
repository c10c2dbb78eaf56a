"""How well the story score separates same-story from different-story article pairs.

    python benchmarks/calibrate_cluster.py DB [EXPECTED_YAML]

DB is a database made by `newsloom ingest` of the sample corpus. For every pair
of articles it computes the three parts of the clustering score (embedding
similarity, shared entities, time) and prints, for same-story and different-story
pairs, their distributions, so the weights and threshold in
cluster/data/params.toml can be chosen with the margin visible.
"""

from __future__ import annotations

import itertools
import sqlite3
import sys
from collections import Counter
from datetime import date
from pathlib import Path

import numpy as np
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newsloom.cluster.stories import ClusterParams, StoryState, score  # noqa: E402
from newsloom.model import Article, Mention, Story  # noqa: E402
from newsloom.store import open_store  # noqa: E402


def _key(origin: str) -> str:
    name = Path(origin).name
    return name.replace(".jsonl:", ".jsonl#")


def main() -> None:
    db = sys.argv[1]
    expected = yaml.safe_load(Path(sys.argv[2] if len(sys.argv) > 2 else ROOT / "newsloom/samples/expected.yaml").read_text())
    story_of = {f: s["key"] for s in expected["stories"] for f in s["articles"]}
    store = open_store(db)
    params = ClusterParams.load()
    articles = []
    for row in store.db.execute("SELECT * FROM articles"):
        mentions = tuple(Mention(m["start"], m["end"], m["text"], m["kind"], m["entity_id"], bool(m["nominal"]))
                         for m in store.db.execute("SELECT * FROM mentions WHERE article_id = ?", (row["id"],)))
        published = date.fromisoformat(row["published"][:10]) if row["published"] else None
        articles.append((story_of[_key(row["origin"])], published, Article(
            row["id"], row["origin"], row["sha256"], row["text"], mentions=mentions,
            embedding=np.frombuffer(row["embedding"], dtype=np.float32),
            published=None), ))
    same, diff = [], []
    for (s1, d1, a1), (s2, d2, a2) in itertools.combinations([(s, d, a) for s, d, a in articles], 2):
        from newsloom.cluster.stories import entity_weights
        state = StoryState(Story("x", "", (a2.id,), (), d2, d2), a2.embedding.copy(),
                           Counter(entity_weights(a2, params.entity_kind_weight).keys()))
        from dataclasses import replace
        from datetime import datetime, timezone
        a1d = replace(a1, published=datetime(d1.year, d1.month, d1.day, tzinfo=timezone.utc) if d1 else None)
        value = score(a1d, state, params)
        cos = float(np.dot(a1.embedding, a2.embedding))
        (same if s1 == s2 else diff).append((value, cos, s1, s2, _key(a1.origin), _key(a2.origin)))
    same.sort()
    diff.sort(reverse=True)
    print(f"same-story pairs: {len(same)}; lowest scores:")
    for row in same[:8]:
        print(f"  {row[0]:.3f} cos {row[1]:.3f}  {row[4]} ~ {row[5]}")
    print(f"different-story pairs: {len(diff)}; highest scores:")
    for row in diff[:8]:
        print(f"  {row[0]:.3f} cos {row[1]:.3f}  {row[4]} ~ {row[5]}")
    print(f"threshold {params.threshold}: same below {sum(r[0] < params.threshold for r in same)}, "
          f"different above {sum(r[0] >= params.threshold for r in diff)}")


if __name__ == "__main__":
    main()
