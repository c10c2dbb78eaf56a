"""The composition root: settings in, a store, the models and a pipeline out, wired once.

The CLI, the API, the evaluations and the benchmarks all start here, so a run is the same run whoever starts
it: ``open_engine(settings)`` opens the store the ``db`` setting names (a path: SQLite; ``postgresql://``:
PostgreSQL), builds the components the settings choose (models load on first use) and a pipeline over the
declared stages, or the ones given. Use it as a context manager, or call ``close``.
"""

from __future__ import annotations

from collections.abc import Sequence
from types import TracebackType

from newsloom.pipeline import STAGES, Pipeline, Stage
from newsloom.pipeline.components import Components
from newsloom.settings import Settings
from newsloom.store import Store, open_store


class Engine:
    """A store, the components and a pipeline, for one settings object."""

    def __init__(self, settings: Settings, store: Store, components: Components, stages: Sequence[Stage]) -> None:
        self.settings = settings
        self.store = store
        self.components = components
        self.stages = tuple(stages)
        self._pipeline: Pipeline | None = None

    @property
    def pipeline(self) -> Pipeline:
        """The pipeline over this engine's store; its corpus state is read from the store on first use."""
        if self._pipeline is None:
            self._pipeline = Pipeline(self.store, self.components, self.stages)
        return self._pipeline

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Engine:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.close()


def open_engine(settings: Settings, *, stages: Sequence[Stage] = STAGES, store: Store | None = None,
                components: Components | None = None) -> Engine:
    """The engine the settings describe; ``store`` and ``components`` override what the settings would open."""
    return Engine(settings, store if store is not None else open_store(settings.db),
                  components or Components(settings), stages)
