"""``newsloom``: the command line. Each command parses, calls the library, prints.

Commands live in modules named in COMMAND_MODULES; each has ``register(add)``.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from newsloom.errors import NewsloomError
from newsloom.settings import Settings

COMMAND_MODULES = (
    "newsloom.cli.core",
    "newsloom.cli.web_ingest",
    "newsloom.cli.batch",
    "newsloom.cli.serve",
    "newsloom.cli.stories",
    "newsloom.cli.actors",
    "newsloom.cli.export",
    "newsloom.cli.compare",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="newsloom", description="Multilingual news -> stories, entities and PLOVER events.")
    parser.add_argument("--db", help="the store: a SQLite file or a postgresql://user:password@host/database URL "
                        "(default: $NEWSLOOM_DB or newsloom.db)")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add(name: str, fn, help: str, json_flag: bool = True) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help, description=help)
        if json_flag:
            p.add_argument("--json", action="store_true", help="print JSON instead of a table")
        p.set_defaults(func=fn)
        return p

    for module in COMMAND_MODULES:
        importlib.import_module(module).register(add)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:  # a bad NEWSLOOM_* value is refused here, with the values it may take, before any work
        settings = Settings.from_env(db=args.db, progress=not args.quiet and sys.stderr.isatty(),
                                     workers=getattr(args, "workers", None))
        return int(args.func(args, settings))
    except NewsloomError as exc:
        print(f"newsloom: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("newsloom: interrupted; what was stored so far is kept, rerun to continue.", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
