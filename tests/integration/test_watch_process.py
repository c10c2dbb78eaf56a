"""`newsloom watch` as a real process: a SIGTERM stops it cleanly with what it fetched stored.

A subprocess (a fresh interpreter importing newsloom) takes seconds, so this is not in the
unit layer; there, tests/unit/test_watch.py checks the signal handler and the loop's stop.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator

import pytest

from newsloom.store import SQLiteStore
from tests.conftest import ROOT
from tests.unit.test_watch import FAST_ENV, feed_list, serve_feed
from tests.unit.webserver import Route, Server, Site

pytestmark = pytest.mark.integration


@pytest.fixture
def site() -> Iterator[Site]:
    with Server() as running:
        running.routes["/robots.txt"] = Route("User-agent: *\nAllow: /\n", content_type="text/plain")
        yield running


def test_the_watch_command_stops_cleanly_on_sigterm_and_keeps_what_it_fetched(tmp_path, site):
    serve_feed(site, ["/strike", "/orchard"])
    db = tmp_path / "n.db"
    env = {**os.environ, **FAST_ENV, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(
        [sys.executable, "-m", "newsloom.cli.main", "--db", str(db), "watch",
         str(feed_list(tmp_path, site.url("/feed"))), "--every", "1h", "--json"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=ROOT, text=True)
    first = json.loads(process.stdout.readline())  # the first round is done
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=20)
    assert process.returncode == 0, err
    assert first["round"] == 1 and first["added"] == 2
    assert len(SQLiteStore(db).articles()) == 2
