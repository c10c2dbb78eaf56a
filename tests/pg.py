"""A throwaway PostgreSQL server for the tests, and a fresh database for each test that asks for one.

NEWSLOOM_TEST_POSTGRES_URL names an existing server to use instead (a URL whose
user may create databases). Otherwise the session starts its own cluster: initdb
into a temporary folder, a server on 127.0.0.1 on a free port, stopped at the end.
As root (initdb refuses root) the cluster runs as the ``postgres`` user. Where no
server can be started the PostgreSQL cases are skipped with the reason.

Each test gets a database copied from a template that is migrated once, which
costs a few tens of milliseconds instead of a migration.
"""

from __future__ import annotations

import glob
import itertools
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

from newsloom.errors import StoreError

TEMPLATE = "newsloom_template"
_names = itertools.count()


def _binaries() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Cluster:
    """A PostgreSQL cluster in a temporary folder, on 127.0.0.1."""

    def __init__(self) -> None:
        root = os.geteuid() == 0
        # as root the server runs as postgres, who must reach the folder: /tmp, whatever TMPDIR says
        self.folder = Path(tempfile.mkdtemp(prefix="newsloom-pg-", dir="/tmp" if root else None))
        self.port = _free_port()
        self.bin = _binaries()
        self.as_user: list[str] = []
        if root:
            self.as_user = ["runuser", "-u", "postgres", "--"]
            shutil.chown(self.folder, "postgres")
        self.url = f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def _run(self, *args: str) -> None:
        done = subprocess.run([*self.as_user, *args], capture_output=True, text=True, timeout=120, check=False)
        if done.returncode != 0:
            raise RuntimeError(f"{' '.join(args[:1])} failed: {(done.stderr or done.stdout).strip()[-500:]}")

    def start(self) -> None:
        if self.bin is None:
            raise RuntimeError("no PostgreSQL binaries (initdb) found; install Debian's postgresql package")
        data = self.folder / "data"
        self._run(str(self.bin / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres", "-E", "UTF8",
                  "--locale=C.UTF-8")
        options = (f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off "
                   "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200")
        self._run(str(self.bin / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(self.folder / "log"),
                  "-w", "-t", "60", "start")

    def stop(self) -> None:
        if (self.folder / "data" / "postmaster.pid").exists():
            subprocess.run([*self.as_user, str(self.bin / "pg_ctl"), "-D", str(self.folder / "data"), "-m", "immediate",
                            "stop"], capture_output=True, timeout=60, check=False)
        shutil.rmtree(self.folder, ignore_errors=True)


def server() -> Iterator[str | None]:
    """The URL of a server for the session (None, with the reason printed, when none can be had)."""
    given = os.environ.get("NEWSLOOM_TEST_POSTGRES_URL")
    if given:
        prepare_template(given)
        yield given
        return
    cluster = None
    try:
        cluster = Cluster()
        cluster.start()
        prepare_template(cluster.url)
    except (RuntimeError, OSError, LookupError, ImportError, subprocess.SubprocessError, StoreError) as exc:
        if cluster is not None:
            cluster.stop()
        yield f"!{type(exc).__name__}: {exc}"
        return
    try:
        yield cluster.url
    finally:
        cluster.stop()


def _admin(url: str):
    import psycopg

    return psycopg.connect(url, autocommit=True)


def with_database(url: str, name: str) -> str:
    """``url`` with another database name."""
    return urlsplit(url)._replace(path=f"/{name}").geturl()


def prepare_template(url: str) -> None:
    """A database migrated to the newest schema, that each test's database copies."""
    from newsloom.store.postgres import PostgresStore

    with _admin(url) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {TEMPLATE} WITH (FORCE)")
        admin.execute(f"CREATE DATABASE {TEMPLATE}")
    PostgresStore(with_database(url, TEMPLATE)).close()


_emptied: list[str] = []  # databases a finished test left, emptied again: cheaper than a copy of the template
KEPT_TABLES = ("schema_version", "store_changes")


def fresh_database(url: str) -> str:
    """The URL of a database holding the newest schema and no rows."""
    if _emptied:
        return _emptied.pop()
    name = f"newsloom_test_{os.getpid()}_{next(_names)}"
    with _admin(url) as admin:
        admin.execute(f"CREATE DATABASE {name} TEMPLATE {TEMPLATE} STRATEGY FILE_COPY")
    return with_database(url, name)


def drop_database(url: str, test_url: str) -> None:
    """Done with a test's database: emptied for the next test, or dropped if it cannot be emptied at once."""
    import psycopg

    from newsloom.store.migrate import latest

    try:
        with _admin(test_url) as db:
            db.execute("SET lock_timeout = '1s'")
            if db.execute("SELECT version FROM schema_version").fetchall() != [(latest("postgresql"),)]:
                raise psycopg.errors.DataException("a test changed its schema version")
            tables = [r[0] for r in db.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")
                if r[0] not in KEPT_TABLES]
            db.execute(f"TRUNCATE {', '.join(tables)} CASCADE")
            db.execute("UPDATE store_changes SET n = 0")
        _emptied.append(test_url)
        return
    except psycopg.Error:
        pass  # a connection still holds it, or a test changed its schema: drop it
    name = urlsplit(test_url).path.lstrip("/")
    with _admin(url) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
