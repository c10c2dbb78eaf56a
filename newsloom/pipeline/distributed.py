"""The Ray executor: shards read and analysed on a Ray cluster (or a local Ray runtime), stored here.

Ray Data reads each shard in a task, and a pool of actors (one per worker, each loading the models once)
runs the first run of document stages over batches of its documents; the results come back in the order of
the shards and of their documents (``preserve_order``), to the run loop of this process, which runs the
corpus stages and the rest and writes to the store, one transaction per batch, as with any executor. So
the stories, entities and events are those of a local run, and a shard's ``ShardDone`` mark is stored with
its last document. Ray is an optional dependency (``pip install 'newsloom[ray]'``).
"""

from __future__ import annotations

import logging
import pickle
from collections.abc import Iterator, Sequence
from typing import Any

from newsloom.errors import ConfigError
from newsloom.ingest.shards import Shard, read_shard
from newsloom.model import Document
from newsloom.pipeline.components import Components
from newsloom.pipeline.run import segments
from newsloom.pipeline.stages import Stage, run_document_stage
from newsloom.pipeline.work import Work
from newsloom.settings import Settings

READ_CPUS = 0.25  # a shard's reading task is I/O, not model work: the actors keep the cores


def _import_ray() -> Any:
    try:
        import ray
    except ImportError:
        raise ConfigError("The Ray executor needs Ray: pip install 'newsloom[ray]'.") from None
    return ray


def _shard_rows(row: dict[str, Any]) -> list[dict[str, bytes]]:
    """In a Ray task: one shard's items (documents, failures, its done mark), each pickled."""
    shard = Shard(row["path"], row["key"])
    return [{"item": pickle.dumps(item)} for item in read_shard(shard)]


class Analyser:
    """A Ray actor: the models loaded once, the first document stages over each batch of items."""

    def __init__(self, settings: Settings, stages: Sequence[Stage]) -> None:
        self.components = Components(settings)
        self.stages = tuple(stages)

    def __call__(self, table: Any) -> dict[str, list[bytes]]:
        items = [pickle.loads(blob) for blob in table.column("item").to_pylist()]
        at = [i for i, item in enumerate(items) if isinstance(item, Document)]
        works = [Work(items[i]) for i in at]
        for stage in self.stages:
            works = run_document_stage(stage, works, self.components)
        for i, work in zip(at, works, strict=True):
            items[i] = work
        return {"item": [pickle.dumps(item) for item in items]}


def analyse_on_ray(shards: Sequence[Shard], settings: Settings, stages: Sequence[Stage], workers: int,
                   address: str | None = None) -> Iterator[Any]:
    """The items of ``shards`` in order, documents analysed through the first document stages on Ray."""
    ray = _import_ray()
    kind, first = segments(stages)[0]
    if kind != "document":
        raise ConfigError("The Ray executor needs a stage list that starts with document stages.")
    if not ray.is_initialized():
        quiet = {"log_to_driver": False, "logging_level": logging.ERROR}  # newsloom's own report is the output
        if address:
            ray.init(address=address, **quiet)
        else:  # a local runtime: the actors' cores, and a little for reading
            ray.init(num_cpus=workers + 1, include_dashboard=False, **quiet)
    logging.getLogger("ray.data").setLevel(logging.ERROR)
    context = ray.data.DataContext.get_current()
    context.execution_options.preserve_order = True
    context.enable_progress_bars = False
    data = ray.data.from_items([{"path": s.path, "key": s.key} for s in shards], override_num_blocks=max(1, len(shards)))
    data = data.flat_map(_shard_rows, num_cpus=READ_CPUS)
    data = data.map_batches(Analyser, fn_constructor_args=(settings, tuple(first)), batch_size=settings.batch_size,
                            batch_format="pyarrow", num_cpus=1, compute=ray.data.ActorPoolStrategy(size=workers))
    for batch in data.iter_batches(batch_size=settings.batch_size, batch_format="pyarrow"):
        for blob in batch.column("item").to_pylist():
            yield pickle.loads(blob)
