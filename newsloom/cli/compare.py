"""`newsloom compare STORY_ID`: how a story's sources compare, computed once and stored until the story changes."""

from __future__ import annotations

import argparse

from newsloom.cli import render
from newsloom.errors import NewsloomError
from newsloom.settings import Settings


def cmd_compare(args: argparse.Namespace, settings: Settings) -> int:
    from newsloom.compare.stored import stored_comparison
    from newsloom.pipeline.components import Components
    from newsloom.store import open_store

    store = open_store(settings.db)
    try:
        found = stored_comparison(store, args.story, Components(settings).embedder, settings.embedder,
                                  fresh=args.fresh)
        if found is None and not store.load_story_articles(args.story):
            raise NewsloomError(f"No story with id {args.story!r}, or it has no article. "
                                "`newsloom stories` lists the ids.")
        if found is None:
            raise NewsloomError(f"Story {args.story!r} has one source only: there is nothing to compare.")
    finally:
        store.close()
    render.comparison(found, args.json)
    return 0


def register(add) -> None:
    p = add("compare", cmd_compare, "Compare the sources of one story: sentences aligned across articles and "
                                    "languages, claims only some sources carry, conflicts.")
    p.add_argument("story", metavar="STORY_ID")
    p.add_argument("--fresh", action="store_true", help="compute it again (stored sentence embeddings are reused), even if a current one is stored")
