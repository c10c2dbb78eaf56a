"""`newsloom export`: the events matching a filter, streamed to a file or stdout in one of the export formats.

Also the event filter options `events` and `export` share.
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import date
from pathlib import Path

from newsloom.errors import ConfigError
from newsloom.model.reads import EventFilter
from newsloom.settings import Settings


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date; write it YYYY-MM-DD") from None


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of at least 1")
    return int(text)


def add_event_filters(p: argparse.ArgumentParser) -> None:
    """The options that choose events (the API's /api/events filters)."""
    p.add_argument("--type", help="a PLOVER type, e.g. CONSULT")
    p.add_argument("--actor", help="an actor's name in any language or spelling, or an entity id")
    p.add_argument("--country", help="ISO 3166 alpha-2 or alpha-3 code of the source, the target or the place")
    p.add_argument("--sector", help="sector of the source or the target: GOV, MIL, BUS, ...")
    p.add_argument("--date-from", type=_day, metavar="YYYY-MM-DD", help="events on or after this day")
    p.add_argument("--date-to", type=_day, metavar="YYYY-MM-DD", help="events on or before this day")
    p.add_argument("--min-sources", type=_positive, metavar="N",
                   help="events carried by at least N distinct sources (an outlet counts once)")
    p.add_argument("--story", help="events of this story")


def event_filter(args: argparse.Namespace) -> EventFilter:
    if args.date_from and args.date_to and args.date_from > args.date_to:
        raise ConfigError(f"--date-from {args.date_from} is after --date-to {args.date_to}.")
    return EventFilter(type=args.type, actor=args.actor, country=args.country, sector=args.sector,
                       date_from=args.date_from, date_to=args.date_to, min_sources=args.min_sources,
                       story=args.story, oldest_first=True)


def cmd_export(args: argparse.Namespace, settings: Settings) -> int:
    from newsloom.export import check_format, export_events
    from newsloom.store import open_store

    check_format(args.format)
    f = event_filter(args)
    store = open_store(settings.db)
    t0 = time.perf_counter()
    try:
        events = store.iter_export_events(f)
        if args.out is None:
            count = export_events(events, args.format, sys.stdout.buffer)
        else:
            partial = args.out.with_name(args.out.name + ".part")  # a killed export leaves no half file
            with partial.open("wb") as sink:
                count = export_events(events, args.format, sink)
            partial.replace(args.out)
    finally:
        store.close()
    where = "stdout" if args.out is None else str(args.out)
    print(f"exported {count} events as {args.format} to {where} in {time.perf_counter() - t0:.2f} s", file=sys.stderr)
    return 0


def register(add) -> None:
    from newsloom.export import FORMATS

    p = add("export", cmd_export, "Write the events matching a filter as PLOVER JSON, GDELT-style TSV, CSV, "
                                  "JSON Lines or parquet.", json_flag=False)
    p.add_argument("--format", required=True, metavar="FORMAT", help=f"one of {', '.join(FORMATS)}")
    p.add_argument("--out", type=Path, metavar="FILE", help="the file to write (default: stdout)")
    add_event_filters(p)
