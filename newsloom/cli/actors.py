"""`newsloom actors import FILE` and `newsloom actors list`: the user's own actor list."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from newsloom.cli import render
from newsloom.errors import InputError
from newsloom.settings import Settings


def cmd_import(args: argparse.Namespace, settings: Settings) -> int:
    from newsloom.nlp.actors import actor_format, parse_actor_file
    from newsloom.store import open_store

    path = Path(args.file)
    if not path.is_file():
        raise InputError(f"No actor file at {path}.")
    try:
        text = path.read_text("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path} is not UTF-8 text: save it as UTF-8 and import again.") from exc
    result = parse_actor_file(text, actor_format(path.name))
    store = open_store(settings.db)
    changes = store.save_actors(result.actors)
    store.close()
    if args.json:
        print(json.dumps({"added": changes.added, "updated": changes.updated, "unchanged": changes.unchanged,
                          "problems": [str(p) for p in result.problems]}, ensure_ascii=False, indent=2))
    else:
        print(f"{len(changes.added)} added, {len(changes.updated)} updated, {len(changes.unchanged)} unchanged, "
              f"{len(result.problems)} rejected")
        for problem in result.problems:
            print(f"  rejected {problem}", file=sys.stderr)
    return 1 if result.problems else 0


def cmd_list(args: argparse.Namespace, settings: Settings) -> int:
    from newsloom.nlp.actors import actor_rows
    from newsloom.nlp.registry import load_actors
    from newsloom.store import open_store

    store = open_store(settings.db)
    rows = actor_rows(load_actors(), store.load_actors(), args.country, args.sector)
    store.close()
    render.listing("actors", rows, args.json)
    return 0


def register(add) -> None:
    p = add("actors", None, "Import your own actors, or list the actors newsloom knows.", json_flag=False)
    sub = p.add_subparsers(dest="actors_command", required=True, metavar="ACTION")
    i = sub.add_parser("import", help="Add or update actors from a CSV or YAML file (name, aliases, country, "
                                      "sector; optional kind, id, role).")
    i.add_argument("file", metavar="FILE", help="a .csv or .yaml/.yml file")
    i.add_argument("--json", action="store_true", help="print JSON instead of a summary")
    i.set_defaults(func=cmd_import)
    ls = sub.add_parser("list", help="List the shipped and imported actors (imported ones override shipped ones).")
    ls.add_argument("--country", help="ISO 3166 alpha-3 (or alpha-2) code, e.g. VNM")
    ls.add_argument("--sector", help="GOV LEG JUD MIL POL BUS NGO IGO MED EDU REL CVL")
    ls.add_argument("--json", action="store_true", help="print JSON instead of a table")
    ls.set_defaults(func=cmd_list)
