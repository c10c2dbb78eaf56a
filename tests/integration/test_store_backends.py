"""The sample corpus through `newsloom ingest` into SQLite and into PostgreSQL: the same stories, events and
entities, ids and all; and an ingest killed (SIGKILL) mid-way into PostgreSQL resumes with no duplicates."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest
import yaml

from tests.conftest import ROOT, SAMPLES
from tests.unit.test_store_resume import consistent, duplicates

pytestmark = pytest.mark.integration

CORPUS = SAMPLES / "corpus"
EXPECTED = yaml.safe_load((SAMPLES / "expected.yaml").read_text("utf-8"))
TOTAL = len({f for story in EXPECTED["stories"] for f in story["articles"]})  # articles the corpus gives


def _postgres(request) -> tuple[str, str]:
    """(the server's URL, a fresh database's URL), or a skip saying why there is none."""
    from tests import pg

    server = request.getfixturevalue("postgres_server")
    if server.startswith("!"):
        pytest.skip(f"PostgreSQL cases skipped: no server could be started ({server[1:]}). "
                    "Install Debian's postgresql, or set NEWSLOOM_TEST_POSTGRES_URL to a server's URL.")
    url = pg.fresh_database(server)
    request.addfinalizer(lambda: pg.drop_database(server, url))
    return server, url


def test_sqlite_and_postgresql_give_the_same_stories_events_and_entities(request, tmp_path, cli):
    _, url = _postgres(request)
    outputs = {}
    for name, db in (("sqlite", str(tmp_path / "corpus.db")), ("postgresql", url)):
        code, out = cli("--db", db, "--quiet", "ingest", str(CORPUS))
        assert code == 0, out
        outputs[name] = {}
        for command in ("stories", "events", "entities"):
            code, out = cli("--db", db, command, "--json")
            assert code == 0, out
            outputs[name][command] = json.loads(out)
    assert outputs["sqlite"]["stories"], "the corpus gave no story"
    for command in ("stories", "events", "entities"):
        assert outputs["postgresql"][command] == outputs["sqlite"][command], command


def _count(url: str, sql: str) -> int:
    import psycopg

    with psycopg.connect(url) as db:
        return int(db.execute(sql).fetchone()[0])


def test_an_ingest_killed_mid_way_into_postgresql_resumes_with_no_duplicates(request):
    from newsloom.store import open_store

    _, url = _postgres(request)
    command = [sys.executable, "-m", "newsloom.cli.main", "--db", url, "--quiet", "ingest", str(CORPUS)]
    env = {**os.environ, "NEWSLOOM_BATCH_SIZE": "3", "PYTHONPATH": str(ROOT)}
    run = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 600
        while _count(url, "SELECT COUNT(*) FROM articles") == 0:  # the first batch is committed
            assert run.poll() is None, f"the ingest ended before its first batch: {run.stderr.read()[-2000:]!r}"
            assert time.monotonic() < deadline, "no batch committed in 10 minutes"
            time.sleep(0.05)
        run.send_signal(signal.SIGKILL)
        run.wait(timeout=60)
    finally:
        if run.poll() is None:
            run.kill()
    assert run.returncode == -signal.SIGKILL
    stored = _count(url, "SELECT COUNT(*) FROM articles")
    assert 0 < stored < TOTAL, "the kill came too late to test a resume"

    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=900, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    store = open_store(url)
    try:
        origins = [a["origin"] for a in store.articles()]
        assert len(origins) == len(set(origins)) == TOTAL and duplicates(store) == {}
        consistent(store)
        failures = store.failures()
        assert not failures, failures
    finally:
        store.close()
