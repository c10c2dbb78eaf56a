"""The clustering stage at scale: 100,000 generated articles streamed into a SQLite store.

    python benchmarks/cluster_scale.py [--articles 100000] [--per-day 250] [--dimensions 384] [--batch-size 64]

Articles are generated, not read: each belongs to a planted story (a random
unit vector; the story lasts one to five days and has one to forty articles)
and carries that vector plus noise, two or three of the story's entities and a
random one. Everything else is the real code: online assignment with the
nearest-neighbour window (cluster/stories.py, cluster/index.py), the settle
step, the merge/split pass (cluster/passes.py), and the store writes they need
(articles, stories, moves and redirects) in a SQLite file, one transaction per
batch, as the pipeline does. No NLP model runs.

It prints the mean cost per article (CPU time of the process, and wall time) around 10,000, 50,000 and 100,000 articles
(the 2,000 articles before each mark), the peak resident memory at each mark,
and the pairwise precision and recall of the stories found against the planted
ones on a sample.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.clusterloop import cluster_batch  # noqa: E402
from newsloom.cluster.stories import ClusterParams, StoryClusterer  # noqa: E402
from newsloom.model import Article, Mention  # noqa: E402
from newsloom.store import SQLiteStore  # noqa: E402

MARKS = (10_000, 50_000, 100_000)
WINDOW = 2_000  # articles before a mark whose cost is averaged
START = date(2024, 1, 1)


def generate(n: int, per_day: int, dimensions: int, seed: int):
    """Articles in publication order, each with its planted story's key."""
    rng = np.random.default_rng(seed)
    open_stories: list[dict] = []
    story_count = 0
    for i in range(n):
        day = START + timedelta(days=i // per_day)
        open_stories = [s for s in open_stories if s["last"] >= day and s["left"] > 0]
        if not open_stories or rng.random() < 0.3:
            story_count += 1
            centre = rng.standard_normal(dimensions).astype(np.float32)
            open_stories.append({
                "key": story_count, "centre": centre / np.linalg.norm(centre),
                "last": day + timedelta(days=int(rng.integers(0, 5))), "left": int(rng.integers(1, 41)),
                "entities": [f"per:p{rng.integers(0, 20000)}" for _ in range(3)] + [f"loc:l{rng.integers(0, 2000)}"],
            })
        story = open_stories[int(rng.integers(0, len(open_stories)))]
        story["left"] -= 1
        noise = rng.standard_normal(dimensions).astype(np.float32)
        vector = story["centre"] + 0.25 * noise / np.linalg.norm(noise)
        names = [*rng.choice(story["entities"], size=2, replace=False), f"org:o{rng.integers(0, 50000)}"]
        mentions = tuple(Mention(0, 1, name, "person", name) for name in names)
        published = datetime(day.year, day.month, day.day, 8, tzinfo=UTC)
        yield story["key"], Article(f"a{i}", f"gen:{i}", f"sha{i}", "", title=f"article {i}", language="en",
                                    published=published, mentions=mentions,
                                    embedding=vector / np.linalg.norm(vector))


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--per-day", type=int, default=250)
    parser.add_argument("--dimensions", type=int, default=384)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = SQLiteStore(Path(tmp) / "scale.db")
        clusterer = StoryClusterer(ClusterParams.load(), store)
        planted: dict[str, int] = {}
        costs: list[float] = []  # CPU seconds per article: a busy machine does not skew the comparison
        walls: list[float] = []
        batch: list[Article] = []
        print(f"{args.articles} articles, {args.per_day} a day, {args.dimensions} dimensions, "
              f"batch {args.batch_size}, store: SQLite file")
        for key, article in generate(args.articles, args.per_day, args.dimensions, args.seed):
            planted[article.id] = key
            batch.append(article)
            if len(batch) == args.batch_size or len(planted) == args.articles:
                t0, w0 = time.process_time(), time.perf_counter()
                cluster_batch(store, clusterer, batch)
                costs += [(time.process_time() - t0) / len(batch)] * len(batch)
                walls += [(time.perf_counter() - w0) / len(batch)] * len(batch)
                batch = []
                for mark in MARKS:
                    if len(costs) - args.batch_size < mark <= len(costs):
                        cost = 1000 * sum(costs[mark - WINDOW:mark]) / WINDOW
                        wall = 1000 * sum(walls[mark - WINDOW:mark]) / WINDOW
                        print(f"at {mark:>7,} articles: {cost:.3f} ms CPU ({wall:.3f} ms wall) per article, "
                              f"peak memory {peak_mb():.0f} MB, "
                              f"{len(clusterer.window.buckets)} buckets and {len(clusterer.states)} stories loaded",
                              flush=True)
        found = {r[0]: r[1] for r in store.db.execute("SELECT id, story_id FROM articles")}
        store.close()
    sample = list(planted)[:: max(1, len(planted) // 20000)]
    by_found: dict[str, list[str]] = {}
    by_planted: dict[int, list[str]] = {}
    for a in sample:
        by_found.setdefault(found[a], []).append(a)
        by_planted.setdefault(planted[a], []).append(a)
    tp = sum(1 for g in by_found.values() for i, a in enumerate(g) for b in g[i + 1:] if planted[a] == planted[b])
    same_found = sum(len(g) * (len(g) - 1) // 2 for g in by_found.values())
    same_planted = sum(len(g) * (len(g) - 1) // 2 for g in by_planted.values())
    print(f"stories: {len(set(found.values()))} found, {len(set(planted.values()))} planted; "
          f"pairwise precision {tp / max(1, same_found):.3f}, recall {tp / max(1, same_planted):.3f}")
    print(f"per-article cost at {MARKS[-1]:,} / at {MARKS[0]:,}: "
          f"{sum(costs[MARKS[-1] - WINDOW:MARKS[-1]]) / max(1e-12, sum(costs[MARKS[0] - WINDOW:MARKS[0]])):.2f}"
          if len(costs) >= MARKS[-1] else "")


if __name__ == "__main__":
    main()
