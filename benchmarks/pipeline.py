"""Throughput and memory of the pipeline for 1 and N worker processes, per stage and end to end, against the
bare cost of its models on the same texts.

    python benchmarks/pipeline.py [PATH ...] [--workers 1 2] [--repeat N] [--batch-size N]

Ingests PATH (default: the bundled sample corpus) into fresh SQLite files, once per worker count, after the
models are loaded (load time is reported apart; with worker processes, a first pass loads theirs), and
prints articles per second end to end, wall and CPU seconds per stage (CPU added up over the processes), and
the peak resident memory of each process. The **model floor** is the time the models alone take on the same
texts in one process: multilingual-e5 on each article's embedded title and lead, and the spaCy pipeline of
its language where one exists; the ratio is end-to-end time over that floor. Settings come from the
environment as in the command (`NEWSLOOM_EVENT_CLASSIFIER=off` leaves the classifier out).
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newsloom.ingest import read_paths  # noqa: E402
from newsloom.model import Article  # noqa: E402
from newsloom.nlp.embed import embedding_text  # noqa: E402
from newsloom.pipeline import STAGES, InProcess, Mapper, Pipeline, RunReport  # noqa: E402
from newsloom.pipeline.components import Components, language_table  # noqa: E402
from newsloom.pipeline.executors import ProcessPool  # noqa: E402
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


def run_once(paths: list[str], components: Components, mapper: Mapper, batch_size: int) -> tuple[float, float,
                                                                                                   RunReport]:
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(str(Path(tmp) / "bench.db"))
        try:
            t0, c0 = time.perf_counter(), time.process_time()
            report = Pipeline(store, components, STAGES, mapper).run(read_paths(paths), batch_size=batch_size)
            return time.perf_counter() - t0, time.process_time() - c0, report
        finally:
            store.close()


def worker_peaks_mb(pool: ProcessPool) -> list[float]:
    """The peak resident memory of each worker process (Linux: VmHWM)."""
    peaks = []
    for pid in pool.pids():
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        line = next((x for x in status.splitlines() if x.startswith("VmHWM:")), "")
        if line:
            peaks.append(int(line.split()[1]) / 1024)
    return peaks


def model_floor(paths: list[str], components: Components, lead_chars: int, batch_size: int) -> tuple[float, int]:
    """Seconds the models alone take on the corpus's articles in this process, embedded in batches as the
    pipeline embeds them, and how many articles."""
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(str(Path(tmp) / "floor.db"))
        Pipeline(store, components, STAGES, InProcess(components)).run(read_paths(paths))
        rows = store.db.execute("SELECT title, text, language FROM articles ORDER BY seq").fetchall()
        store.close()
    articles = [Article(str(i), "", "", r["text"], title=r["title"], language=r["language"]) for i, r in
                enumerate(rows)]
    spacy_languages = {lang for lang, row in language_table().items() if row.get("spacy")}
    t0 = time.perf_counter()
    texts = [embedding_text(a, lead_chars) for a in articles]
    for i in range(0, len(texts), batch_size):
        components.embedder.embed(texts[i:i + batch_size])
    for a in articles:
        if a.language in spacy_languages:
            components.analyzer(a.language).analyze(a.text)
    return time.perf_counter() - t0, len(articles)


def _rate(n: int, seconds: float) -> float:
    return n / seconds if seconds > 0 else float("inf")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", default=[str(ROOT / "newsloom" / "samples" / "corpus")])
    parser.add_argument("--workers", type=int, nargs="+", default=[1, len(os.sched_getaffinity(0))],
                        help="worker counts to measure (1: the stages in this process)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per worker count into fresh databases; the best")
    parser.add_argument("--batch-size", type=int, default=16, help="documents per batch (transaction)")
    args = parser.parse_args()
    settings = Settings.from_env(progress=False)  # NEWSLOOM_<SETTING> variables apply
    components = Components(settings)
    load_s = warm_up(components)
    floor_s, floor_n = model_floor(args.paths, components, settings.embed_lead_chars, args.batch_size)
    print(f"model load and warm-up {load_s:.1f} s (once per process); model floor {floor_s:.2f} s for "
          f"{floor_n} articles ({_rate(floor_n, floor_s):.1f} articles/s: e5 on the embedded leads, spaCy where a "
          "pipeline exists, one process)")
    for workers in args.workers:
        pool = ProcessPool(settings, workers) if workers > 1 else None
        mapper: Mapper = pool or InProcess(components)
        if pool is not None:
            run_once(args.paths, components, mapper, args.batch_size)  # the workers load their models
        best = min((run_once(args.paths, components, mapper, args.batch_size) for _ in range(args.repeat)),
                   key=lambda r: r[0])
        total, _cpu, report = best
        n = len(report.added)
        print(f"\n== {workers} worker{'s' if workers > 1 else ''}: {n} articles, {_rate(n, total):.2f} articles/s "
              f"end to end ({total:.2f} s; {total / floor_s:.2f}x the model floor)")
        print(f"{'stage':<10} {'seconds':>8} {'articles/s':>11} {'CPU s':>8}")
        for stage, seconds in sorted(report.seconds.items(), key=lambda kv: -kv[1]):
            print(f"{stage:<10} {seconds:>8.3f} {_rate(n, seconds):>11.1f} {report.cpu_seconds[stage]:>8.3f}")
        other = total - sum(report.seconds.values())
        print(f"{'store+rest':<10} {other:>8.3f} {_rate(n, other):>11.1f}")
        parent = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        peaks = worker_peaks_mb(pool) if pool else []
        print(f"peak resident memory: this process {parent:.0f} MB" +
              (f"; workers {', '.join(f'{p:.0f}' for p in peaks)} MB" if peaks else ""))
        if pool is not None:
            pool.close()


if __name__ == "__main__":
    main()
