"""Order stability: the sample corpus ingested in shuffled orders, its stories compared with the default order.

    python benchmarks/cluster_order.py [--orders 5] [--batch-size 64] [--seed 1] [FOLDER]

Each order goes through the whole pipeline (models loaded once) into a fresh
in-memory store. Agreement with the stories of the default (sorted) order is
the adjusted Rand index and the pairwise F1 of "same story"; both are 1.0 when
the order changes nothing. The folder defaults to newsloom/samples/corpus.
"""

from __future__ import annotations

import argparse
import itertools
import random
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newsloom.engine import open_engine  # noqa: E402
from newsloom.ingest import read_paths  # noqa: E402
from newsloom.pipeline.components import Components  # noqa: E402
from newsloom.settings import Settings  # noqa: E402
from newsloom.store import SQLiteStore  # noqa: E402


def adjusted_rand(a: dict[str, str], b: dict[str, str]) -> float:
    """Adjusted Rand index of two labellings of the same items."""
    items = sorted(set(a) & set(b))
    pairs = Counter((a[i], b[i]) for i in items)

    def choose2(n: int) -> float:
        return n * (n - 1) / 2

    index = sum(choose2(n) for n in pairs.values())
    sum_a = sum(choose2(n) for n in Counter(a[i] for i in items).values())
    sum_b = sum(choose2(n) for n in Counter(b[i] for i in items).values())
    expected = sum_a * sum_b / choose2(len(items)) if len(items) > 1 else 0.0
    top = (sum_a + sum_b) / 2
    return 1.0 if top == expected else (index - expected) / (top - expected)


def pairwise_f1(truth: dict[str, str], found: dict[str, str]) -> float:
    items = sorted(set(truth) & set(found))
    same_t = {p for p in itertools.combinations(items, 2) if truth[p[0]] == truth[p[1]]}
    same_f = {p for p in itertools.combinations(items, 2) if found[p[0]] == found[p[1]]}
    if not same_t and not same_f:
        return 1.0
    return 2 * len(same_t & same_f) / (len(same_t) + len(same_f))


def stories_of(documents: list, components: Components, batch_size: int) -> dict[str, str]:
    """origin -> story id after ingesting ``documents`` in this order."""
    with open_engine(components.settings, store=SQLiteStore(":memory:"), components=components) as engine:
        engine.pipeline.run(documents, batch_size)
        found = {a["origin"]: a["story_id"] for a in engine.store.articles()}
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", nargs="?", type=Path, default=ROOT / "newsloom" / "samples" / "corpus")
    parser.add_argument("--orders", type=int, default=5)
    parser.add_argument("--batch-size", type=int, default=Settings().batch_size)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    settings = Settings.from_env(progress=False)
    components = Components(settings)
    documents = sorted(read_paths([args.folder]), key=lambda d: d.origin)
    reference = stories_of(documents, components, args.batch_size)
    print(f"{len(documents)} documents, {len(set(reference.values()))} stories in the default order "
          f"(batch size {args.batch_size})")
    rng = random.Random(args.seed)
    aris, f1s = [], []
    for n in range(args.orders):
        shuffled = documents[:]
        rng.shuffle(shuffled)
        found = stories_of(shuffled, components, args.batch_size)
        aris.append(adjusted_rand(reference, found))
        f1s.append(pairwise_f1(reference, found))
        print(f"order {n + 1}: {len(set(found.values()))} stories, adjusted Rand {aris[-1]:.3f}, pairwise F1 {f1s[-1]:.3f}")
    print(f"mean adjusted Rand {sum(aris) / len(aris):.3f} (min {min(aris):.3f}); "
          f"mean pairwise F1 {sum(f1s) / len(f1s):.3f} (min {min(f1s):.3f})")


if __name__ == "__main__":
    main()
