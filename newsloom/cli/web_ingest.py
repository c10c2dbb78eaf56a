"""``newsloom watch``: poll a list of feeds; and the graceful stop on Ctrl-C and SIGTERM that ingest shares."""

from __future__ import annotations

import argparse
import contextlib
import re
import signal
import sys
import threading
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from newsloom.cli import render
from newsloom.cli.flags import add_workers_flag
from newsloom.errors import ConfigError
from newsloom.settings import Settings

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(s|m|h|d)?\s*$", re.IGNORECASE)
_UNIT_S = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_duration(text: str) -> float:
    """Seconds in "90", "30s", "10m", "1.5h", "1d"."""
    match = _DURATION.match(text)
    if not match or float(match[1]) <= 0:
        raise ConfigError(f"--every {text!r} is not a duration. Use a number with s, m, h or d: 30s, 10m, 1h.")
    return float(match[1]) * _UNIT_S[(match[2] or "s").lower()]


@contextlib.contextmanager
def stop_on_signals(stop: threading.Event) -> Iterator[None]:
    """While inside, the first Ctrl-C or SIGTERM sets ``stop`` (finish and store the batch); a second one aborts."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}

    def handle(signum: int, frame: object) -> None:
        if stop.is_set():
            raise KeyboardInterrupt
        stop.set()
        print("newsloom: stopping after the current batch is stored (press Ctrl-C again to abort)", file=sys.stderr)

    for sig in previous:
        signal.signal(sig, handle)
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def cmd_watch(args: argparse.Namespace, settings: Settings) -> int:
    from newsloom.engine import open_engine
    from newsloom.ingest import IngestState
    from newsloom.ingest.http import Fetcher
    from newsloom.ingestion import watch

    every_s = parse_duration(args.every)
    engine = open_engine(settings)
    state = IngestState(settings, engine.store)

    def on_round(number: int, report, counts: Counter) -> None:
        render.watch_round(number, report, counts, args.json)

    try:
        with Fetcher(settings, stop=state.stop) as fetcher, stop_on_signals(state.stop):
            watch(engine.pipeline, Path(args.feeds), every_s, fetcher, state, args.rounds, on_round)
    finally:
        engine.close()
    return 0


def register(add) -> None:
    p = add("watch", cmd_watch, "Poll a list of feeds (one URL per line) and ingest what is new, until stopped.")
    p.add_argument("feeds", help="a text file with one feed or sitemap URL per line (# starts a comment)")
    p.add_argument("--every", default="10m", help="time between two rounds: 30s, 10m, 1h (default 10m)")
    p.add_argument("--rounds", type=int, help="stop after this many rounds (default: run until Ctrl-C or SIGTERM)")
    add_workers_flag(p)
