"""The sample corpus on every executor: in process, two worker processes, `newsloom batch` locally and on a
local Ray runtime; the same stories, events and entities, ids and all. A rerun of `batch` skips every shard."""

from __future__ import annotations

import importlib.util
import json

import pytest

from tests.conftest import SAMPLES

pytestmark = pytest.mark.integration

CORPUS = SAMPLES / "corpus"
LISTINGS = ("stories", "events", "entities")


def _listings(cli, db) -> dict[str, object]:
    out = {}
    for command in LISTINGS:
        code, text = cli("--db", db, command, "--json")
        assert code == 0, text
        out[command] = json.loads(text)
    return out


@pytest.fixture(scope="module")
def in_process(tmp_path_factory):
    from newsloom.cli.main import main

    db = str(tmp_path_factory.mktemp("one") / "one.db")
    assert main(["--db", db, "--quiet", "ingest", "--workers", "1", str(CORPUS)]) == 0
    return db


def test_two_worker_processes_store_what_one_process_stores(in_process, tmp_path, cli):
    db = str(tmp_path / "two.db")
    code, out = cli("--db", db, "--quiet", "ingest", "--workers", "2", str(CORPUS))
    assert code == 0, out
    one, two = _listings(cli, in_process), _listings(cli, db)
    assert one["stories"], "the corpus gave no story"
    for command in LISTINGS:
        assert two[command] == one[command], command


def test_a_local_batch_run_stores_the_same_and_a_rerun_skips_every_shard(in_process, tmp_path, cli):
    db = str(tmp_path / "batch.db")
    code, out = cli("--db", db, "--quiet", "batch", "--workers", "2", str(CORPUS), "--json")
    assert code == 0, out
    assert json.loads(out)["added"] > 0
    for command, listing in _listings(cli, db).items():
        assert listing == _listings(cli, in_process)[command], command
    code, out = cli("--db", db, "--quiet", "batch", str(CORPUS), "--json")
    again = json.loads(out)
    assert code == 0 and again["added"] == 0 and again["present"] == 0  # nothing read again
    assert again["skipped"]["shards done by an earlier run"] == len(list(CORPUS.iterdir()))


@pytest.mark.skipif(importlib.util.find_spec("ray") is None,
                    reason="Ray is not installed: pip install 'newsloom[ray]' (make install does) to run this test")
def test_a_batch_run_on_ray_stores_the_same(in_process, tmp_path, cli):
    import ray

    db = str(tmp_path / "ray.db")
    try:
        code, out = cli("--db", db, "--quiet", "batch", "--executor", "ray", "--workers", "2", str(CORPUS))
    finally:
        ray.shutdown()
    assert code == 0, out
    for command, listing in _listings(cli, db).items():
        assert listing == _listings(cli, in_process)[command], command
