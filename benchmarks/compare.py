"""Cost of the source comparison per story, and of each export format.

    python benchmarks/compare.py DB [--formats] [--skip-compare]

For every story of DB with two sources or more, computes its comparison from scratch
(sentence embeddings included, none reused) with the real embedder, loaded first, and
prints sentences, seconds and milliseconds per sentence; then the same with the
stored sentence vectors (what a story pays when one article joins it). With
``--formats`` it also times an export of every event of DB in each format.
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

from newsloom.compare import compare_sources  # noqa: E402
from newsloom.export import FORMATS, export_events  # noqa: E402
from newsloom.model.reads import EventFilter  # noqa: E402
from newsloom.pipeline.components import Components  # noqa: E402
from newsloom.settings import Settings  # noqa: E402
from newsloom.store import open_store  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db")
    parser.add_argument("--formats", action="store_true", help="also time each export format")
    parser.add_argument("--skip-compare", action="store_true", help="time the exports only")
    args = parser.parse_args()
    store = open_store(args.db)
    settings = Settings.from_env(progress=False)
    embedder = Components(settings).embedder
    if not args.skip_compare:
        embedder.embed(["warm up"])
    total_sentences = total_s = total_cpu = 0.0
    for story in [] if args.skip_compare else store.stories():
        articles = store.load_story_articles(story["id"])
        mentions = store.load_event_mentions(story["id"])
        t0, c0 = time.perf_counter(), time.process_time()
        comparison, vectors = compare_sources(story["id"], articles, {}, embedder, settings.embedder, mentions)
        cold, cpu = time.perf_counter() - t0, time.process_time() - c0
        if comparison is None:
            continue
        t0 = time.perf_counter()
        compare_sources(story["id"], articles, vectors, embedder, settings.embedder, mentions)
        warm = time.perf_counter() - t0
        total_sentences += comparison.sentences
        total_s += cold
        total_cpu += cpu
        print(f"{story['id']}  {len(articles)} articles  {comparison.sentences:4d} sentences  {cold:6.2f} s "
              f"({1000 * cold / comparison.sentences:5.1f} ms/sentence; CPU {cpu:.2f} s)  "
              f"with stored vectors {1000 * warm:6.1f} ms")
    if total_sentences:
        print(f"all: {int(total_sentences)} sentences, {total_s:.2f} s, {1000 * total_s / total_sentences:.1f} ms/sentence"
              f" (CPU {total_cpu:.2f} s, {1000 * total_cpu / total_sentences:.1f} ms/sentence)")
    if args.formats:
        for name in FORMATS:
            with tempfile.TemporaryFile() as sink:
                t0 = time.perf_counter()
                count = export_events(store.iter_export_events(EventFilter(oldest_first=True)), name, sink)
                seconds = time.perf_counter() - t0
                size = sink.tell()
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(f"export {name:12s} {count} events  {seconds:6.2f} s  {count / max(seconds, 1e-9):8.0f} events/s  "
                  f"{size / 1e6:.1f} MB  (peak memory so far {peak:.0f} MB)")
    store.close()


if __name__ == "__main__":
    main()
