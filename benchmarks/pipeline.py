"""Throughput and memory of the pipeline, per stage and end to end.

    python benchmarks/pipeline.py [PATH ...] [--repeat N]

Ingests PATH (default: the bundled sample corpus) into a fresh SQLite file,
after loading the models once (load time is reported apart), and prints
articles per second for each stage and end to end, and the peak resident memory.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newsloom.ingest import read_paths  # noqa: E402
from newsloom.nlp.components import Components, language_table  # noqa: E402
from newsloom.pipeline import Pipeline  # noqa: E402
from newsloom.settings import Settings  # noqa: E402
from newsloom.store import open_store  # noqa: E402


def warm_up(components: Components) -> float:
    t0 = time.perf_counter()
    for lang in language_table():
        components.analyzer(lang).analyze("Warm up. Hà Nội, Paris.")
    components.places.country("France")
    components.embedder.embed(["warm up"])
    components.detector.detect("warm up the detector")
    return time.perf_counter() - t0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("paths", nargs="*", default=[str(ROOT / "newsloom" / "samples" / "corpus")])
    parser.add_argument("--repeat", type=int, default=3, help="runs into fresh databases; the best is reported")
    args = parser.parse_args()
    components = Components(Settings(progress=False))
    load_s = warm_up(components)
    best = None
    for _ in range(args.repeat):
        with tempfile.TemporaryDirectory() as tmp:
            store = open_store(Path(tmp) / "bench.db")
            pipeline = Pipeline(store, components)
            t0 = time.perf_counter()
            report = pipeline.run(read_paths(args.paths), batch_size=16)
            total = time.perf_counter() - t0
            store.close()
        if best is None or total < best[0]:
            best = (total, report)
    total, report = best
    n = len(report.added)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"articles: {n} added, {len(report.failed)} failed; model load and warm-up {load_s:.1f} s (once per process)")
    print(f"{'stage':<10} {'seconds':>8} {'articles/s':>11}")
    for stage, seconds in sorted(report.seconds.items(), key=lambda kv: -kv[1]):
        print(f"{stage:<10} {seconds:>8.3f} {n / seconds if seconds else float('inf'):>11.1f}")
    other = total - sum(report.seconds.values())
    print(f"{'store+rest':<10} {other:>8.3f} {n / other if other > 0 else float('inf'):>11.1f}")
    print(f"{'END TO END':<10} {total:>8.3f} {n / total:>11.1f}")
    print(f"peak resident memory: {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
