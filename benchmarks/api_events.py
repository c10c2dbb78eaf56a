"""Latency of the API's list and filter requests on a database of 100,000 events.

    python benchmarks/api_events.py [--db PATH] [--events 100000] [--repeat 40] [--uvicorn] [--json]

Builds the synthetic database (benchmarks/synthetic_db.py) unless --db names one
that exists, then sends each request --repeat times after a warm-up and prints
p50 and p95 per request and over all of them. In process through FastAPI's
TestClient by default; --uvicorn runs `newsloom serve` on 127.0.0.1 and asks
over HTTP. The process is pinned to two cores where the machine has more.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from synthetic_db import build  # noqa: E402 - importable once benchmarks/ is on the path

from newsloom.store import open_store  # noqa: E402

TARGET_P95_MS = 100.0


def requests_to_time(db: Path) -> list[str]:
    """List and filter requests over the whole range of selectivity, deep pages included."""
    store = open_store(db)
    busiest, = store.db.execute(
        "SELECT source_id FROM events GROUP BY source_id ORDER BY COUNT(*) DESC LIMIT 1").fetchone()
    quiet, = store.db.execute(
        "SELECT source_id FROM events GROUP BY source_id ORDER BY COUNT(*), source_id LIMIT 1").fetchone()
    name, = store.db.execute("SELECT name FROM entities WHERE id = ?", (busiest,)).fetchone()
    word = name.split()[0]
    store.close()
    return [
        "/api/events", "/api/events?limit=100", "/api/events?type=DEMAND", "/api/events?type=AID&order=oldest",
        f"/api/events?actor={quote(name)}", f"/api/events?actor={busiest}", f"/api/events?actor={quiet}",
        "/api/events?country=VNM", "/api/events?country=FR", "/api/events?sector=MIL",
        "/api/events?date_from=2024-03-01&date_to=2024-03-31", "/api/events?min_sources=3",
        "/api/events?min_sources=50", "/api/events?type=DEMAND&country=FRA&min_sources=2",
        "/api/events?sector=GOV&date_from=2025-01-01&type=CONSULT", "/api/events?count=true",
        "/api/events?country=VNM&type=PROTEST&count=true", "DEEP_EVENTS",
        "/api/stories", "/api/stories?language=vi", "/api/stories?q=trade", f"/api/stories?q={quote(word)}",
        f"/api/stories?entity={quote(name)}", "/api/stories?date_from=2024-06-01&date_to=2024-06-30", "DEEP_STORIES",
        "/api/entities", "/api/entities?q=ma", "/api/entities?kind=person&country=VNM", "/api/entities?sector=MIL",
        "/api/search?q=talks", f"/api/search?q={quote(word)}&language=fr",
        "/events", "/events?type=DEMAND&country=VNM", "/stories", "/entities",
    ]


def deep_cursor(get, path: str, pages: int) -> str:
    """The cursor of page ``pages`` of a listing, reached by following ``next``."""
    cursor = None
    for _ in range(pages):
        cursor = get(path + (f"?limit=100&cursor={cursor}" if cursor else "?limit=100")).json()["next"]
    return f"{path}?cursor={cursor}"


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run(db: Path, repeat: int, use_uvicorn: bool) -> dict:
    server = None
    if use_uvicorn:
        port = _free_port()
        server = subprocess.Popen([sys.executable, "-m", "newsloom.cli.main", "--db", str(db), "serve",
                                   "--port", str(port)], cwd=ROOT)
        client: httpx.Client = httpx.Client(base_url=f"http://127.0.0.1:{port}")
        for _ in range(100):
            try:
                client.get("/api/stories?limit=1")
                break
            except httpx.TransportError:
                time.sleep(0.1)
    else:
        from fastapi.testclient import TestClient

        from newsloom.api import create_app

        client = TestClient(create_app(open_store(db)))
    try:
        paths = requests_to_time(db)
        deep = {"DEEP_EVENTS": deep_cursor(client.get, "/api/events", 200),
                "DEEP_STORIES": deep_cursor(client.get, "/api/stories", 30)}
        paths = [deep.get(p, p) for p in paths]
        timings: dict[str, list[float]] = {}
        for path in paths:
            response = client.get(path)  # warm-up
            assert response.status_code == 200, (path, response.text[:300])
        for _ in range(repeat):
            for path in paths:
                t0 = time.perf_counter()
                response = client.get(path)
                timings.setdefault(path, []).append((time.perf_counter() - t0) * 1000)
                assert response.status_code == 200, (path, response.status_code)
    finally:
        client.close()
        if server is not None:
            server.terminate()
            server.wait(10)
    every = [t for ts in timings.values() for t in ts]
    return {
        "mode": "uvicorn on 127.0.0.1" if use_uvicorn else "in process (TestClient)",
        "cores": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "requests": len(every),
        "p50_ms": round(statistics.median(every), 1), "p95_ms": round(percentile(every, 95), 1),
        "max_ms": round(max(every), 1),
        "per_request": {path: {"p50_ms": round(statistics.median(ts), 1), "p95_ms": round(percentile(ts, 95), 1)}
                        for path, ts in timings.items()},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, default=Path("/tmp/newsloom-bench-100k.db"))
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=40)
    parser.add_argument("--uvicorn", action="store_true", help="time a real server over HTTP instead of in process")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity") and len(os.sched_getaffinity(0)) > 2:
        os.sched_setaffinity(0, sorted(os.sched_getaffinity(0))[:2])
    if not args.db.exists():
        t0 = time.perf_counter()
        build(args.db, args.events).close()
        print(f"built {args.db} ({args.events} events) in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    result = run(args.db, args.repeat, args.uvicorn)
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print(f"{result['requests']} requests, {result['mode']}, {result['cores']} cores")
    for path, t in result["per_request"].items():
        print(f"  p50 {t['p50_ms']:6.1f} ms  p95 {t['p95_ms']:6.1f} ms  {path}")
    verdict = "under" if result["p95_ms"] < TARGET_P95_MS else "OVER"
    print(f"all: p50 {result['p50_ms']} ms, p95 {result['p95_ms']} ms ({verdict} the {TARGET_P95_MS:.0f} ms target), "
          f"max {result['max_ms']} ms")


if __name__ == "__main__":
    main()
