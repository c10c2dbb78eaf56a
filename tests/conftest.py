from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

# The document stages run in the test process; the tests of the worker pool ask for it by name.
os.environ.setdefault("NEWSLOOM_WORKERS", "1")

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SAMPLES = ROOT / "newsloom" / "samples"


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or a skip with a message when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent: this check needs the project's shared evaluation material beside the checkout")
    return path


@pytest.fixture
def cli(capsys):
    """Run the newsloom command in process; returns (exit code, stdout)."""
    from newsloom.cli.main import main

    def run(*args: str) -> tuple[int, str]:
        code = main([*map(str, args)])
        return code, capsys.readouterr().out

    return run


@pytest.fixture
def cli_json(cli):
    def run(*args: str):
        code, out = cli(*args, "--json")
        assert code == 0, out
        return json.loads(out)

    return run


# -- stores of both back ends (tests/pg.py starts a throwaway PostgreSQL server) ---------------------------
@pytest.fixture(scope="session")
def postgres_server():
    from tests import pg

    yield from pg.server()


# The PostgreSQL cases need a server (started by the fixture): they belong to the integration layer, which
# `make test` runs; a plain `pytest` runs the SQLite cases alone.
@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.integration)])
def store_url(request, tmp_path):
    """The URL of an empty store of each back end: a SQLite file, a fresh PostgreSQL database."""
    if request.param == "sqlite":
        yield str(tmp_path / "n.db")
        return
    from tests import pg

    server = request.getfixturevalue("postgres_server")
    if server.startswith("!"):
        pytest.skip(f"PostgreSQL cases skipped: no server could be started ({server[1:]}). "
                    "Install Debian's postgresql, or set NEWSLOOM_TEST_POSTGRES_URL to a server's URL.")
    url = pg.fresh_database(server)
    yield url
    pg.drop_database(server, url)


@pytest.fixture
def make_store(store_url):
    """Opens the test's store (again, on each call); every store it opened is closed after the test."""
    from newsloom.store import open_store

    opened = []

    def make(url: str | None = None):
        store = open_store(url or store_url)
        opened.append(store)
        return store

    yield make
    for store in reversed(opened):
        store.close()
