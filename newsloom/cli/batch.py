"""``newsloom batch``: a large archive of local files, shard by shard, on this machine or a Ray cluster."""

from __future__ import annotations

import argparse
from collections import Counter
from dataclasses import replace

from newsloom.cli import render
from newsloom.cli.flags import add_workers_flag
from newsloom.settings import Settings


def cmd_batch(args: argparse.Namespace, settings: Settings) -> int:
    from newsloom.engine import open_engine, worker_count
    from newsloom.ingest.shards import list_shards
    from newsloom.ingestion import run_batch

    settings = replace(settings, executor=args.executor or settings.executor,
                       ray_address=args.address if args.address is not None else settings.ray_address)
    shards = list_shards(args.inputs)
    workers = worker_count(settings)
    local_workers = workers if settings.executor == "local" else 1  # on Ray, the actors are the workers
    with open_engine(settings, workers=local_workers) as engine:
        todo = len(shards) - len(engine.store.done_shards([s.key for s in shards]))
        with render.progress(settings.progress and not args.json, shards=todo) as tick:
            report, skipped = run_batch(engine.pipeline, shards, settings, workers, on_item=tick)
    render.ingest_report(report, args.json, Counter({"shards done by an earlier run": skipped} if skipped else {}))
    return 0 if not report.failed else 1


def register(add) -> None:
    p = add("batch", cmd_batch, "Ingest a large archive of local files (JSONL, WARC, HTML, text), each file a shard "
                                "that a rerun skips once all its articles are stored.")
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="a file or a folder of them")
    p.add_argument("--executor", choices=("local", "ray"), help="local worker processes (default, setting executor) "
                                                                 "or a Ray cluster")
    p.add_argument("--address", help="the Ray cluster (ray://head:10001); default: a local Ray runtime")
    add_workers_flag(p)
