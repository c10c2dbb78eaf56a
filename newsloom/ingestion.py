"""Ingestion runs: sources (and what earlier runs may retry) through the pipeline; the watch loop.

``ingest`` is one run: the given sources, then the retriable failures of
earlier runs (timeouts, 503s), each retried by at most ``retry_attempts`` runs.
``watch`` repeats a run over a list of feeds every so often, re-reading the
list each round, until ``state.stop`` is set (a signal handler sets it): the
round in progress stops fetching, stores what it fetched, and the loop ends.
Network errors are failures of their URL, recorded and retried; they never
end the loop.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from contextlib import suppress
from dataclasses import replace
from itertools import chain
from pathlib import Path
from typing import Any

from newsloom.errors import InputError
from newsloom.extract.urls import canonical_url, is_web_url
from newsloom.ingest import IngestState, read_sources
from newsloom.ingest.http import Fetcher
from newsloom.ingest.shards import Shard, read_shard
from newsloom.pipeline import Pipeline, RunReport
from newsloom.settings import Settings


def ingest(pipeline: Pipeline, sources: Iterable[str | Path], fetcher: Fetcher | None, state: IngestState,
           on_item: Callable[[RunReport], None] | None = None) -> RunReport:
    """One run: ``sources``, then the earlier failures worth retrying, into the pipeline's store."""
    given = [str(s) for s in sources]
    asked = {canonical_url(s) if is_web_url(s) else s for s in given}
    retries = [origin for origin in pipeline.store.retriable_failures(state.settings.retry_attempts)
               if origin not in asked and is_web_url(origin)]
    if retries:
        state.counts["earlier failures retried"] += len(retries)
    items = read_sources([*given, *retries], fetcher, state)
    return pipeline.run(items, state.settings.batch_size, on_item=on_item)


def read_feed_list(path: Path) -> list[str]:
    """The URLs of a feed list: one per line; blank lines and lines starting with # are ignored."""
    try:
        lines = path.read_text("utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"Cannot read the feed list {path}: {error}.") from None
    urls = [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]
    bad = [url for url in urls if not is_web_url(url)]
    if bad:
        raise InputError(f"{path} lists {bad[0]!r}, which is not an http(s) URL. Give one feed URL per line.")
    return urls


def watch(pipeline: Pipeline, feed_list: Path, every_s: float, fetcher: Fetcher, state: IngestState,
          rounds: int | None = None,
          on_round: Callable[[int, RunReport, Counter], None] | None = None,
          on_item: Callable[[RunReport], None] | None = None) -> int:
    """Poll the feeds of ``feed_list`` every ``every_s`` seconds until stopped; returns the rounds run."""
    done = 0
    feeds = read_feed_list(feed_list)  # a missing list at the start is the user's error
    while not state.stop.is_set():
        with suppress(InputError):  # edited or moved while running: poll the last list read
            feeds = read_feed_list(feed_list)
        round_state = replace(state, counts=Counter(), requested=set())
        report = ingest(pipeline, feeds, fetcher, round_state, on_item)
        done += 1
        if on_round:
            on_round(done, report, round_state.counts)
        if rounds is not None and done >= rounds:
            break
        state.stop.wait(every_s)
    return done


def run_batch(pipeline: Pipeline, shards: Sequence[Shard], settings: Settings, workers: int,
              on_item: Callable[[RunReport], None] | None = None) -> tuple[RunReport, int]:
    """The shards not done yet through the pipeline, on the executor the settings name; the report and how
    many shards an earlier run had finished (skipped)."""
    done = pipeline.store.done_shards([s.key for s in shards])
    todo = [s for s in shards if s.key not in done]
    items: Iterable[Any]
    if settings.executor == "ray":
        from newsloom.pipeline.distributed import analyse_on_ray

        items = analyse_on_ray(todo, settings, pipeline.stages, workers, settings.ray_address or None)
    else:
        items = chain.from_iterable(read_shard(s) for s in todo)
    return pipeline.run(items, settings.batch_size, on_item=on_item), len(shards) - len(todo)
