"""The pairs evaluation's clustering replayed over articles already analysed, in seconds.

    python benchmarks/pairs_replay.py PAIRS.csv STORE.db [STORE.db ...] [--batch-size 64]

`newsloom evaluate pairs PAIRS.csv --store STORE.db` keeps the store it ingests
the pairs' articles into; the NLP and the embeddings take most of its time and
do not depend on the clustering. This replays the clustering stage alone (the
same stream order and batches as the evaluation, settle and merge/split pass
included) over the stored articles, which may come from several stores (the
file ingested in parts), and prints the same metrics as the evaluation.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.clusterloop import cluster_batch  # noqa: E402
from newsloom.cluster.stories import ClusterParams, StoryClusterer  # noqa: E402
from newsloom.evaluate.pairs import _documents, articles_from_store, read_pairs, score_pairs  # noqa: E402
from newsloom.settings import Settings  # noqa: E402
from newsloom.store import SQLiteStore, open_store  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pairs", type=Path)
    parser.add_argument("stores", nargs="+")
    parser.add_argument("--batch-size", type=int, default=Settings().batch_size)
    args = parser.parse_args()
    rows = read_pairs(args.pairs)
    analysed = {}
    for path in args.stores:
        store = open_store(path)
        analysed.update(articles_from_store(store))
        store.close()
    stream = [analysed[d.origin] for d in _documents(rows) if d.origin in analysed]
    params = ClusterParams.load()
    memory = SQLiteStore(":memory:")
    clusterer = StoryClusterer(params, memory)
    for start in range(0, len(stream), args.batch_size):
        cluster_batch(memory, clusterer, [replace(a, story_id=None) for a in stream[start:start + args.batch_size]])
    story_of = {a["origin"]: a["story_id"] for a in memory.articles()}
    metrics = score_pairs(rows, analysed, story_of, params)
    print(json.dumps({**metrics, "articles": len(stream), "stories": len(set(story_of.values()))}, indent=1))


if __name__ == "__main__":
    main()
