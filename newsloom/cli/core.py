"""The core commands: ingest, the listings, one article, the report, evaluations."""

from __future__ import annotations

import argparse
from pathlib import Path

from newsloom.cli import render
from newsloom.cli.export import add_event_filters, event_filter
from newsloom.cli.flags import add_workers_flag
from newsloom.errors import NewsloomError
from newsloom.settings import Settings


def _store(settings: Settings):
    from newsloom.store import open_store

    return open_store(settings.db)


def cmd_ingest(args: argparse.Namespace, settings: Settings) -> int:
    from newsloom.cli.web_ingest import stop_on_signals
    from newsloom.engine import open_engine
    from newsloom.ingest import IngestState
    from newsloom.ingest.http import Fetcher
    from newsloom.ingestion import ingest

    with open_engine(settings) as engine:
        state = IngestState(settings, engine.store)
        with (Fetcher(settings, stop=state.stop) as fetcher, stop_on_signals(state.stop),
              render.progress(settings.progress and not args.json) as tick):
            report = ingest(engine.pipeline, args.paths, fetcher, state, on_item=tick)
    render.ingest_report(report, args.json, state.counts, stopped=state.stop.is_set())
    if state.stop.is_set():
        return 130  # interrupted: what was fetched is stored, a rerun continues
    return 0 if not report.failed else 1


def _listing(name: str):
    def command(args: argparse.Namespace, settings: Settings) -> int:
        store = _store(settings)
        rows = list(store.iter_export_events(event_filter(args))) if name == "events" else getattr(store, name)()
        render.listing(name, rows, args.json)
        return 0
    return command


def cmd_article(args: argparse.Namespace, settings: Settings) -> int:
    row = _store(settings).article(args.id)
    if row is None:
        raise NewsloomError(f"No article with id {args.id!r}. `newsloom articles` lists the ids.")
    render.article(row, args.json)
    return 0


def cmd_report(args: argparse.Namespace, settings: Settings) -> int:
    store = _store(settings)
    render.report(store.stories(), store.events(), {a["id"]: a for a in store.articles()})
    return 0


def cmd_evaluate(args: argparse.Namespace, settings: Settings) -> int:
    from newsloom.evaluate import run_evaluation

    metrics = run_evaluation(args.what, args.path, settings, store=args.store, full=args.full or None,
                             limit=args.limit, language=args.language, given_actors=args.given_actors or None,
                             classifier=args.classifier)
    render.metrics(args.what, metrics, args.json)
    return 0


def register(add) -> None:
    """Add this module's commands; ``add(name, function, help, json_flag=True)`` returns the subparser."""
    p = add("ingest", cmd_ingest, "Read files, folders, WARC and JSONL files, and URLs of pages, feeds and "
                                  "sitemaps into the database.")
    p.add_argument("paths", nargs="+", metavar="SOURCE", help="a file, a folder, or an http(s) URL")
    add_workers_flag(p)
    add("stories", _listing("stories"), "List the stories.")
    p = add("events", _listing("events"), "List the events, with their evidence.")
    add_event_filters(p)
    add("entities", _listing("entities"), "List the canonical entities.")
    add("articles", _listing("articles"), "List the articles.")
    add("errors", _listing("failures"), "List the inputs that failed, with the reason.")
    p = add("article", cmd_article, "Show one article with its text and entities.")
    p.add_argument("id")
    add("report", cmd_report, "Print every story with its articles and events.", json_flag=False)
    p = add("evaluate", cmd_evaluate, "Score newsloom on an evaluation data set.")
    p.add_argument("what", help="which evaluation: entities, extraction, pairs, plover")
    p.add_argument("path", nargs="?", help="the data set (a folder or file); entities: default the shipped gold set")
    p.add_argument("--store", type=Path, help="extraction: keep the SQLite store the pages are ingested into "
                                               "(default: a temporary one)")
    p.add_argument("--full", action="store_true", help="extraction: run every stage with the real models, not "
                                                       "only extraction and language detection")
    p.add_argument("--limit", type=int, help="pairs, plover: score only the first N rows of the file")
    p.add_argument("--language", help="entities: score only this language (en, fr, es, de, vi)")
    p.add_argument("--given-actors", action="store_true", help="plover: hand the marked source and target to the "
                                                               "coder instead of the actors newsloom finds")
    p.add_argument("--classifier", choices=("ambiguous", "triggers", "off"),
                   help="plover: which sentences the event classifier reads (default: the event_classifier setting)")
