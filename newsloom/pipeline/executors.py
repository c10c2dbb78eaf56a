"""Where the document stages run: in this process, or in worker processes that each load the models once.

The run loop hands every run of consecutive document stages to a ``Mapper`` (``pipeline/run.py``); the
corpus stages always run in the writer process, in document order, so the stories, entities and events of a
run do not depend on the executor. ``ProcessPool`` splits a batch's live works into one contiguous share per
worker and puts the results back in order. Workers start from a fork server that has imported the stage
code but loaded no model (forking a process that already runs model threads is unsafe), load the models on
their first document and keep them for the run; each gives the model one thread (``OMP_NUM_THREADS=1``), so
N workers use N cores instead of fighting over them.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections import defaultdict
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from newsloom.errors import NewsloomError
from newsloom.pipeline.components import Components
from newsloom.pipeline.stages import Stage, run_document_stage
from newsloom.pipeline.work import RunReport, Work
from newsloom.settings import Settings

_components: Components | None = None  # a worker's models, loaded once per process


def _start_worker(settings: Settings) -> None:
    global _components
    os.environ["OMP_NUM_THREADS"] = "1"  # read by the embedding engine when it loads: one core per worker
    _components = Components(settings)


def _run_share(stages: Sequence[Stage], works: list[Work]) -> tuple[list[Work], dict[str, float], dict[str, float]]:
    """In a worker: the stages over its share of the batch, with the seconds each took there."""
    assert _components is not None
    seconds: dict[str, float] = defaultdict(float)
    cpu: dict[str, float] = defaultdict(float)
    for stage in stages:
        t0, c0 = time.perf_counter(), time.process_time()
        works = run_document_stage(stage, works, _components)
        seconds[stage.name] += time.perf_counter() - t0
        cpu[stage.name] += time.process_time() - c0
    return works, seconds, cpu


def shares(count: int, workers: int) -> list[range]:
    """``range(count)`` cut into at most ``workers`` contiguous parts of nearly equal size."""
    size, extra = divmod(count, workers)
    out, start = [], 0
    for i in range(workers):
        end = start + size + (1 if i < extra else 0)
        if end > start:
            out.append(range(start, end))
        start = end
    return out


class ProcessPool:
    """Document stages in ``workers`` processes; a batch is shared among them and reassembled in order."""

    def __init__(self, settings: Settings, workers: int) -> None:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["newsloom.pipeline.stages"])
        self.workers = workers
        self._pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker,
                                         initargs=(settings,))

    def map(self, stages: Sequence[Stage], works: list[Work], report: RunReport) -> list[Work]:
        live = [i for i, w in enumerate(works) if w.live]
        if not live:
            return works
        parts = [[works[live[i]] for i in part] for part in shares(len(live), self.workers)]
        t0 = time.perf_counter()
        try:
            results = [f.result() for f in [self._pool.submit(_run_share, tuple(stages), part) for part in parts]]
        except BrokenProcessPool as exc:
            raise NewsloomError("A worker process died (out of memory, or killed); nothing of this batch was "
                                "stored. Run the same command again to go on, with fewer --workers if memory "
                                "is short.") from exc
        out = list(works)
        done = iter(live)
        for shared, _, cpu in results:
            for work in shared:
                out[next(done)] = work
            for name, spent in cpu.items():  # CPU seconds add up over the workers
                report.cpu_seconds[name] += spent
        for stage in stages:  # wall seconds: the slowest worker's, stage by stage
            report.seconds[stage.name] += max(seconds.get(stage.name, 0.0) for _, seconds, _ in results)
        slowest = max(sum(seconds.values()) for _, seconds, _ in results)
        report.seconds["transfer"] += max(0.0, time.perf_counter() - t0 - slowest)  # pickling to and fro
        return out

    def pids(self) -> list[int]:
        """The worker processes' ids (for memory figures); none before the first batch."""
        processes = getattr(self._pool, "_processes", None) or {}  # the executor keeps them there, unexposed
        return sorted(processes)

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
