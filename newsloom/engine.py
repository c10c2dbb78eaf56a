"""The composition root: settings in, a store, the models and a pipeline out, wired once.

The CLI, the API, the evaluations and the benchmarks all start here, so a run is the same run whoever starts
it: ``open_engine(settings)`` opens the store the ``db`` setting names (a path: SQLite; ``postgresql://``:
PostgreSQL), builds the components the settings choose (models load on first use) and a pipeline over the
declared stages, or the ones given, whose document stages run in this process or in ``workers`` worker
processes (setting ``workers``: 0 is one per core). Use it as a context manager, or call ``close``.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from types import TracebackType

from newsloom.pipeline import STAGES, InProcess, Mapper, Pipeline, Stage
from newsloom.pipeline.components import Components
from newsloom.pipeline.executors import ProcessPool
from newsloom.settings import Settings
from newsloom.store import Store, open_store


class Engine:
    """A store, the components and a pipeline, for one settings object."""

    def __init__(self, settings: Settings, store: Store, components: Components, stages: Sequence[Stage],
                 workers: int = 1) -> None:
        self.settings = settings
        self.store = store
        self.components = components
        self.stages = tuple(stages)
        self.workers = workers
        self._pipeline: Pipeline | None = None
        self._pool: ProcessPool | None = None

    @property
    def pipeline(self) -> Pipeline:
        """The pipeline over this engine's store; its corpus state is read from the store on first use."""
        if self._pipeline is None:
            self._pipeline = Pipeline(self.store, self.components, self.stages, self._mapper())
        return self._pipeline

    def _mapper(self) -> Mapper:
        if self.workers <= 1:
            return InProcess(self.components)
        self._pool = ProcessPool(self.settings, self.workers)  # its processes start on the first batch
        return self._pool

    def close(self) -> None:
        if self._pool is not None:
            self._pool.close()
        self.store.close()

    def __enter__(self) -> Engine:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.close()


def worker_count(settings: Settings) -> int:
    """The processes the document stages run in: the ``workers`` setting, 0 meaning one per core."""
    if settings.workers:
        return settings.workers
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def open_engine(settings: Settings, *, stages: Sequence[Stage] = STAGES, store: Store | None = None,
                components: Components | None = None, workers: int | None = None) -> Engine:
    """The engine the settings describe; ``store``, ``components`` and ``workers`` override what the settings
    would give (a caller that analyses one document at a time asks for ``workers=1``: a pool cannot help)."""
    return Engine(settings, store if store is not None else open_store(settings.db),
                  components or Components(settings), stages, worker_count(settings) if workers is None else workers)
