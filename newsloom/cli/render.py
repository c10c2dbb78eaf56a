"""How the command line prints: readable tables by default, JSON with --json."""

from __future__ import annotations

import contextlib
import json
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any

from rich.console import Console
from rich.table import Table

_out = Console(highlight=False, soft_wrap=True, width=None if sys.stdout.isatty() else 200)
_err = Console(stderr=True, highlight=False)

COLUMNS = {
    "stories": ("id", "title", "languages", "article_ids", "first_date"),
    "events": ("id", "type", "source", "target", "date", "place", "sources", "article_ids"),
    "entities": ("id", "name", "kind", "country", "sector"),
    "articles": ("id", "language", "outlet", "published", "story_id", "title"),
    "failures": ("origin", "stage", "reason", "retriable", "attempts"),
    "actors": ("id", "name", "kind", "country", "sector", "source"),
}


def _json(value: Any) -> None:
    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=2, default=str) + "\n")


def _cell(value: Any) -> str:
    if isinstance(value, dict):
        return str(value.get("name") or "")
    if isinstance(value, list):
        return ", ".join(map(str, value))
    return "" if value is None else str(value)


def listing(name: str, rows: list[dict[str, Any]], as_json: bool) -> None:
    if as_json:
        _json(rows)
        return
    table = Table(title=f"{len(rows)} {name}")
    for column in COLUMNS[name]:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*(_cell(row.get(c)) for c in COLUMNS[name]))
    _out.print(table)


def article(row: dict[str, Any], as_json: bool) -> None:
    if as_json:
        _json(row)
        return
    _out.print(f"[bold]{row['title']}[/bold]  ({row['language']}, {row['outlet'] or '?'}, {row['published'] or 'no date'})")
    _out.print(row["text"], markup=False)
    _out.print(f"entities: {', '.join(row['entity_ids'])}")
    for source in row.get("sources", [])[1:]:
        _out.print(f"also carried by: {source['outlet'] or '?'} {source['url'] or source['origin']} "
                   f"({source['relation'].replace('_', ' ')}, similarity {source['similarity']:.2f})", markup=False)


@contextlib.contextmanager
def progress(enabled: bool, shards: int | None = None) -> Iterator[Callable]:
    """A progress line on stderr: articles added, copies, failures and the rate; with ``shards`` (a batch run)
    also a bar of the shards done and the time left. Nothing when not ``enabled`` (--quiet, --json, no
    terminal)."""
    if not enabled:
        yield lambda report: None
        return
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    columns = [SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn()]
    if shards is not None:
        columns += [BarColumn(), MofNCompleteColumn(), TextColumn("shards"), TimeRemainingColumn()]
    started = time.perf_counter()
    with Progress(*columns, console=_err) as bar:
        task = bar.add_task("ingesting", total=shards)

        def tick(report) -> None:
            duplicates = len(report.present) + len(report.duplicates)
            rate = len(report.added) / max(time.perf_counter() - started, 1e-9)
            bar.update(task, completed=report.shards, description=(
                f"added {len(report.added)} ({rate:.1f}/s) · duplicate {duplicates} · failed {len(report.failed)}"))

        yield tick


def ingest_report(report, as_json: bool, skipped: Counter | None = None, stopped: bool = False) -> None:
    skipped = skipped or Counter()
    if as_json:
        _json({"added": len(report.added), "present": len(report.present), "duplicates": len(report.duplicates),
               "failed": [{"origin": f.origin, "stage": f.stage, "reason": f.reason, "retriable": f.retriable}
                          for f in report.failed],
               "skipped": dict(sorted(skipped.items())), "stopped": stopped})
        return
    _out.print(f"added {len(report.added)}, already present {len(report.present)}, "
               f"duplicates {len(report.duplicates)}, failed {len(report.failed)}")
    for reason, count in sorted(skipped.items()):
        _out.print(f"  {reason}: {count}", markup=False)
    for f in report.failed:
        _out.print(f"  failed: {f.origin}: {f.reason}{' (retried next run)' if f.retriable else ''}", markup=False)
    if stopped:
        _out.print("stopped before the end: what was fetched is stored; run again to continue")


def watch_round(number: int, report, skipped: Counter, as_json: bool) -> None:
    """One line per round of `newsloom watch` (one JSON object per line with --json)."""
    moment = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    if as_json:
        sys.stdout.write(json.dumps({
            "round": number, "at": moment, "added": len(report.added), "present": len(report.present),
            "duplicates": len(report.duplicates), "failed": len(report.failed),
            "skipped": dict(sorted(skipped.items()))}, ensure_ascii=False) + "\n")
        sys.stdout.flush()
        return
    extra = "".join(f", {reason} {count}" for reason, count in sorted(skipped.items()))
    _out.print(f"{moment} round {number}: added {len(report.added)}, duplicates "
               f"{len(report.present) + len(report.duplicates)}, failed {len(report.failed)}{extra}", markup=False)
    for f in report.failed:
        _out.print(f"  failed: {f.origin}: {f.reason}", markup=False)


def report(stories: list[dict], events: list[dict], articles: dict[str, dict]) -> None:
    by_story: dict[str, list[dict]] = {}
    for e in events:
        by_story.setdefault(e["story_id"], []).append(e)
    _out.print(f"[bold]{len(stories)} stories, {len(articles)} articles, {len(events)} events[/bold]\n")
    for s in stories:
        _out.print(f"[bold]{s['title']}[/bold]", markup=True)
        _out.print(f"  {s['id']} · {', '.join(s['languages'])} · {s['first_date'] or 'undated'}", markup=False)
        for aid in s["article_ids"]:
            a = articles[aid]
            _out.print(f"    [{a['language']}] {a['outlet'] or '?'}: {a['title']}", markup=False)
        for e in by_story.get(s["id"], []):
            src = (e["source"] or {}).get("name", "?")
            tgt = (e["target"] or {}).get("name", "—")
            place = (e["place"] or {}).get("name") or ""
            mod = "" if e["modality"] == "asserted" else f" ({e['modality']})"
            _out.print(f"    {e['type']:<11} {src} → {tgt}  {e['date'] or ''} {place}{mod}  [{len(e['article_ids'])} art.]", markup=False)
        _out.print("")


def _flat(values: dict[str, Any], prefix: str = "") -> list[tuple[str, Any]]:
    """Nested metrics as dotted rows ("per_language.fr.f1"); lists (error examples) are left to --json."""
    rows: list[tuple[str, Any]] = []
    for k, v in values.items():
        if isinstance(v, dict):
            rows += _flat(v, f"{prefix}{k}.")
        elif not isinstance(v, list):
            rows.append((f"{prefix}{k}", v))
    return rows


def metrics(what: str, values: dict[str, Any], as_json: bool) -> None:
    if as_json:
        _json(values)
        return
    table = Table(title=f"evaluate {what}")
    table.add_column("metric")
    table.add_column("value", justify="right")
    for k, v in values.items():
        if _is_table(v):
            continue  # a table of its own, below
        for key, value in _flat({k: v}):
            table.add_row(key, f"{value:.4f}" if isinstance(value, float) else str(value))
    _out.print(table)
    for k, rows in values.items():
        if _is_table(rows):
            _out.print(_nested_table(k, rows))


def _is_table(value: Any) -> bool:
    """Rows of like metrics (per type, per language) print as a table of their own."""
    return isinstance(value, dict) and bool(value) and all(isinstance(row, dict) for row in value.values()) \
        and all(not isinstance(c, dict) for row in value.values() for c in row.values())


def _nested_table(title: str, rows: dict[str, dict[str, Any]]) -> Table:
    """One row per key (a type, a language) and one column per metric."""
    table = Table(title=title)
    columns = list(next(iter(rows.values())))
    table.add_column("")
    for c in columns:
        table.add_column(c, justify="right")
    for key, row in rows.items():
        table.add_row(key, *(f"{row[c]:.4f}" if isinstance(row[c], float) else str(row[c]) for c in columns))
    return table


def comparison(found: dict[str, Any], as_json: bool) -> None:
    """A story's source comparison: aligned sentences side by side, claims only some sources carry, conflicts."""
    if as_json:
        _json(found)
        return
    _out.print(f"[bold]{found['story_id']}[/bold]: {len(found['sources'])} sources ({', '.join(found['sources'])}), "
               f"{found['sentences']} sentences, alignment threshold {found['threshold']:.3f}, "
               f"computed in {found['seconds']:.2f} s", markup=True)
    _out.print(f"\n[bold]{len(found['aligned'])} aligned[/bold]")
    for group in found["aligned"]:
        _out.print(f"  {group['score']:.3f}", markup=False)
        for s in group["sentences"]:
            _out.print(f"    [{s['language']}] {s['source']}: {s['text']}", markup=False)
    _out.print(f"\n[bold]{len(found['claims'])} claims only some sources carry[/bold]")
    for claim in found["claims"]:
        s = claim["sentences"][0]
        _out.print(f"  {', '.join(claim['carried_by'])} (not {', '.join(claim['missing_from'])}): {s['text']}",
                   markup=False)
    _out.print(f"\n[bold]{len(found['conflicts'])} conflicts[/bold]")
    for c in found["conflicts"]:
        _out.print(f"  {c['kind']}: {c['first']['source']} says {c['first_value']} — {c['first']['text']}", markup=False)
        _out.print(f"  {' ' * len(c['kind'])}  {c['second']['source']} says {c['second_value']} — {c['second']['text']}",
                   markup=False)
