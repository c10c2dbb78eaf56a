"""Start-up cost against the size of the archive: open the engine on a stored archive and ingest one article.

    python benchmarks/startup.py [--articles 1000 10000 100000] [--keep DIR]

For each size a synthetic archive (``benchmarks/synthetic_db.py``: stories of four articles with their
mentions and events, fingerprints included) is written once, then a fresh process opens the engine on it
(``open_engine``: the store, the corpus state the pipeline reads at start: actors and entities, story
windows, duplicate checks) and ingests one new article through every stage. The stand-in models (hashing
embedder, rule analyser) keep model loading, which does not depend on the archive, out of the figure.
Prints seconds to open, seconds to the first stored article, and the process's peak resident memory.
"""

from __future__ import annotations

import argparse
import json
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.synthetic_db import ARTICLES_PER_STORY  # noqa: E402

EVENTS_PER_STORY = 2  # enough events to be realistic, few enough to write 100,000 articles in minutes
ONE_ARTICLE = {"url": "https://startup.test/a/1", "title": "Ministers meet in Hanoi",
               "text": "Vietnam's foreign minister met his Thai counterpart in Hanoi on Tuesday to discuss trade. "
                       "The two sides agreed to meet again next year.", "published": "2025-06-10T08:00:00Z"}


def build_archive(path: Path, articles: int) -> None:
    from benchmarks.synthetic_db import build
    from newsloom.extract.fingerprints import fingerprint
    from newsloom.model import Fingerprint

    store = build(path, events=articles // ARTICLES_PER_STORY * EVENTS_PER_STORY, events_per_story=EVENTS_PER_STORY)
    rows = store.db.execute("SELECT id, url, text FROM articles").fetchall()
    prints: list[Fingerprint] = [fingerprint(r[0], r[2], r[1]) for r in rows]
    for i in range(0, len(prints), 5000):
        store.save_fingerprints(prints[i:i + 5000])
    store.close()


def _copy(source: Path, target: Path) -> None:
    """A consistent copy of a SQLite file, its write-ahead log included."""
    target.unlink(missing_ok=True)
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)


def measure(path: Path, scratch: Path) -> dict[str, float]:
    """In this (fresh) process: open the engine on ``path``, ingest one article; seconds and peak memory."""
    from newsloom.engine import open_engine
    from newsloom.ingest import read_paths
    from newsloom.settings import Settings

    doc = scratch / "one.jsonl"
    doc.write_text(json.dumps(ONE_ARTICLE) + "\n", "utf-8")
    settings = Settings(db=str(path), embedder="hash", analyzers="rules", progress=False)  # type: ignore[arg-type]
    t0 = time.perf_counter()
    with open_engine(settings) as engine:
        assert engine.pipeline.corpus is not None  # the state a run reads from the store before its first document
        opened = time.perf_counter() - t0
        report = engine.pipeline.run(read_paths([doc]))
        first = time.perf_counter() - t0
    assert len(report.added) + len(report.present) == 1, report
    return {"open_s": round(opened, 3), "first_article_s": round(first, 3),
            "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--keep", type=Path, help="keep the archives in this folder (reused when present)")
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)  # the child process's job
    args = parser.parse_args()
    if args.measure:
        with tempfile.TemporaryDirectory() as scratch:
            print(json.dumps(measure(args.measure, Path(scratch))))
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        for n in args.articles:
            path = folder / f"startup-{n}.db"
            if not path.exists():
                t0 = time.perf_counter()
                build_archive(path, n)
                print(f"built {n:,} articles in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
            work = folder / f"startup-{n}-run.db"
            _copy(path, work)  # each measurement ingests into a fresh copy
            out = subprocess.run([sys.executable, __file__, "--measure", str(work)], check=True,
                                 capture_output=True, text=True).stdout
            print(json.dumps({"articles": n, **json.loads(out.strip().splitlines()[-1])}))
            work.unlink()


if __name__ == "__main__":
    main()
