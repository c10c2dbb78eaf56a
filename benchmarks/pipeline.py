"""Throughput and memory of the pipeline, per stage and end to end.

    python benchmarks/pipeline.py [PATH ...] [--repeat N] [--batch-size N]

Ingests PATH (default: the bundled sample corpus) into a fresh SQLite file,
after loading the models once (load time is reported apart), and prints
articles per second for each stage and end to end, and the peak resident memory.
CPU seconds (of every thread of the process) are printed beside the wall-clock
seconds: on a machine busy with other work they still say what a stage costs.
Settings come from the environment as in the command (`NEWSLOOM_COMPARE_ON_INGEST=false` leaves
the source comparison out, `NEWSLOOM_EMBED_LEAD_CHARS=400` embeds less).
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

from newsloom.engine import open_engine  # noqa: E402
from newsloom.ingest import read_paths  # noqa: E402
from newsloom.pipeline.components import Components, language_table  # noqa: E402
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


def _rate(n: int, seconds: float) -> float:
    return n / seconds if seconds > 0 else float("inf")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("paths", nargs="*", default=[str(ROOT / "newsloom" / "samples" / "corpus")])
    parser.add_argument("--repeat", type=int, default=3, help="runs into fresh databases; the best is reported")
    parser.add_argument("--batch-size", type=int, default=16, help="documents per batch (transaction)")
    args = parser.parse_args()
    components = Components(Settings.from_env(progress=False))  # NEWSLOOM_<SETTING> variables apply
    load_s = warm_up(components)
    best = None
    for _ in range(args.repeat):
        with (tempfile.TemporaryDirectory() as tmp,
              open_engine(components.settings, store=open_store(str(Path(tmp) / "bench.db")),
                          components=components) as engine):
            t0, c0 = time.perf_counter(), time.process_time()
            report = engine.pipeline.run(read_paths(args.paths), batch_size=args.batch_size)
            total, cpu = time.perf_counter() - t0, time.process_time() - c0
        if best is None or total < best[0]:
            best = (total, cpu, report)
    total, cpu, report = best
    n = len(report.added)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"articles: {n} added, {len(report.failed)} failed; model load and warm-up {load_s:.1f} s (once per process)")
    print(f"{'stage':<10} {'seconds':>8} {'articles/s':>11} {'CPU s':>8}")
    for stage, seconds in sorted(report.seconds.items(), key=lambda kv: -kv[1]):
        print(f"{stage:<10} {seconds:>8.3f} {_rate(n, seconds):>11.1f} {report.cpu_seconds[stage]:>8.3f}")
    other, other_cpu = total - sum(report.seconds.values()), cpu - sum(report.cpu_seconds.values())
    print(f"{'store+rest':<10} {other:>8.3f} {_rate(n, other):>11.1f} {other_cpu:>8.3f}")
    print(f"{'END TO END':<10} {total:>8.3f} {_rate(n, total):>11.1f} {cpu:>8.3f}")
    print(f"peak resident memory: {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
