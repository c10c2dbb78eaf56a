"""Milliseconds per article of the event coder, with each scope of the event classifier.

    python benchmarks/coder.py [PATH ...] [--repeat N] [--scopes off ambiguous triggers]

Analyses PATH (default: the bundled sample corpus) once with the real models,
then codes every article's events again and again: lexicon only (scope ``off``),
and with the classifier reading ``ambiguous`` or every ``triggers`` sentence.
Prints wall-clock and CPU milliseconds per article, sentences embedded per
article and the events found. The embedder is warmed up first.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newsloom.engine import open_engine  # noqa: E402
from newsloom.events.coder import ArticleContext, code_events  # noqa: E402
from newsloom.events.lexicon import load_event_lexicon  # noqa: E402
from newsloom.events.typer import SCOPES, event_typer  # noqa: E402
from newsloom.ingest import read_paths  # noqa: E402
from newsloom.model import Document  # noqa: E402
from newsloom.nlp.lexicon import load_lexicon  # noqa: E402
from newsloom.pipeline.components import Components  # noqa: E402
from newsloom.settings import Settings  # noqa: E402
from newsloom.store import open_store  # noqa: E402


class _Counting:
    """The embedder, counting the texts it embeds."""

    def __init__(self, embedder) -> None:
        self.embedder, self.dimensions, self.texts = embedder, embedder.dimensions, 0

    def embed(self, texts):
        self.texts += len(texts)
        return self.embedder.embed(texts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("paths", nargs="*", default=[str(ROOT / "newsloom" / "samples" / "corpus")])
    parser.add_argument("--repeat", type=int, default=3, help="passes over the articles; the fastest is reported")
    parser.add_argument("--scopes", nargs="+", default=list(SCOPES), choices=SCOPES, help="event_classifier scopes")
    args = parser.parse_args()
    components = Components(Settings(progress=False))
    components.embedder.embed(["warm up"])
    with tempfile.TemporaryDirectory() as tmp:
        engine = open_engine(components.settings, store=open_store(str(Path(tmp) / "bench.db")), components=components,
                             workers=1)
        docs = [d for d in read_paths(args.paths) if isinstance(d, Document)]
        articles = [engine.pipeline.analyse(d) for d in docs]
    context = ArticleContext(None, None)
    for scope in args.scopes:
        embedder = _Counting(components.embedder)
        typer = event_typer(scope, embedder)
        best = None
        for _ in range(args.repeat):
            embedder.texts = 0
            wall, cpu = time.perf_counter(), time.process_time()
            events = sum(len(code_events(a, load_event_lexicon(a.language or "und"), load_lexicon(a.language or "und"),
                                         context, typer)) for a in articles)
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            best = min(best or (wall, cpu, events, embedder.texts), (wall, cpu, events, embedder.texts))
        wall, cpu, events, texts = best
        n = len(articles)
        print(f"{scope:>9}: {1000 * wall / n:6.1f} ms/article wall, {1000 * cpu / n:6.1f} ms/article CPU, "
              f"{texts / n:.2f} sentences embedded/article, {events} events ({n} articles)")


if __name__ == "__main__":
    main()
