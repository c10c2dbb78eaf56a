"""The shards of a ``newsloom batch`` run: its input files, each read whole by one reader.

A shard is named by its path, size and modification time, so a rerun skips the files whose documents are
all stored (``ShardDone`` is saved with the last of them) and reads again a file that changed since.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from newsloom.errors import InputError
from newsloom.ingest.files import walk_folder
from newsloom.ingest.sources import read_paths, wanted_in_folder
from newsloom.model import Document, Failure, ShardDone


@dataclass(frozen=True, slots=True)
class Shard:
    path: str
    key: str


def list_shards(inputs: Iterable[str | Path]) -> list[Shard]:
    """The files of ``inputs`` (folders walked in sorted order), each once, as shards."""
    seen: dict[str, Shard] = {}
    for given in inputs:
        path = Path(given)
        if path.is_dir():
            files = walk_folder(path, wanted_in_folder)
        elif path.is_file():
            files = [path]
        else:
            raise InputError(f"{path} is not a file or a folder. `newsloom batch` reads local files and folders; "
                             "use `newsloom ingest` for URLs.")
        for file in files:
            stat = file.stat()
            name = str(file)
            seen.setdefault(name, Shard(name, f"{name}|{stat.st_size}|{stat.st_mtime_ns}"))
    return list(seen.values())


def read_shard(shard: Shard) -> Iterator[Document | Failure | ShardDone]:
    """The documents of one shard, then the mark that all of them have been read."""
    count = 0
    for item in read_paths([shard.path]):
        count += 1
        yield item
    yield ShardDone(shard.key, shard.path, count)
