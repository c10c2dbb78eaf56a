"""The story commands: one story (merged ids answer with the survivor), and the merge/split pass."""

from __future__ import annotations

import argparse
import json
from datetime import date

from newsloom.errors import InputError, NewsloomError
from newsloom.settings import Settings

RECLUSTER_CHUNK = 500  # stories per pass and transaction; the window's memory is freed between chunks


def cmd_story(args: argparse.Namespace, settings: Settings) -> int:
    from newsloom.store import open_store

    story = open_store(settings.db).story_detail(args.id)
    if story is None:
        raise NewsloomError(f"No story with id {args.id!r}. `newsloom stories` lists the ids.")
    if args.json:
        print(json.dumps(story, ensure_ascii=False, indent=2))
        return 0
    if story.get("redirected_from"):
        print(f"(story {story['redirected_from']} was merged into {story['id']})")
    print(f"{story['id']}  {story['first_date'] or '?'} .. {story['last_date'] or '?'}  "
          f"{story['article_count']} articles, {story['event_count']} events")
    for language, title in story["titles"].items():
        print(f"  [{language}] {title}")
    print(f"outlets: {', '.join(story['outlets'])}")
    print(f"entities: {', '.join(e['name'] for e in story['entities'])}")
    for event in story["events"]:
        source, target = (event[k]["name"] if event[k] else "-" for k in ("source", "target"))
        print(f"  {event['date'] or '?'} {event['type']} {source} -> {target}")
    return 0


def cmd_recluster(args: argparse.Namespace, settings: Settings) -> int:
    from newsloom.engine import open_engine

    try:
        since = date.fromisoformat(args.since) if args.since else None
    except ValueError as exc:
        raise InputError(f"--since {args.since!r} is not a date; expected YYYY-MM-DD.") from exc
    with open_engine(settings) as engine:
        ids = engine.store.story_ids(since)
        changed = sum(engine.pipeline.recluster(ids[i:i + RECLUSTER_CHUNK]) for i in range(0, len(ids), RECLUSTER_CHUNK))
    result = {"stories_examined": len(ids), "stories_changed": changed}
    print(json.dumps(result) if args.json else f"{len(ids)} stories examined, {changed} merged, split or rewritten")
    return 0


def register(add) -> None:
    """Add this module's commands; ``add(name, function, help, json_flag=True)`` returns the subparser."""
    p = add("story", cmd_story, "Show one story: titles by language, outlets, dates, entities, events "
                                "(a merged story's id shows the story it was merged into).")
    p.add_argument("id")
    p = add("recluster", cmd_recluster, "Run the merge/split pass over the stored stories.")
    p.add_argument("--since", help="only stories running on or after this date (YYYY-MM-DD)")
