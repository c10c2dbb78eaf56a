"""The run loop: documents in batches through the declared stages, each batch written in one transaction.

Per batch: documents the store already has are counted as present; the others become works and go through
the stages in order: a run of consecutive document stages is a map over the batch (``Mapper``: in this
process by default, in worker processes or a cluster with another executor), and each corpus stage is a
step of the ``Corpus``, in the order the documents came. The batch, the merge/split pass over the stories it
touched and the events fused again are then written in **one** store transaction, and only then does the
corpus forget what changed. A ``FetchState`` among the items (a feed's ETag) is saved with the batch it
arrives in; a ``Failure`` is stored as it is.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Protocol

from newsloom.errors import Skip
from newsloom.model import Article, Batch, Document, Failure, FetchState, ShardDone
from newsloom.model.contract import Store
from newsloom.pipeline.components import Components
from newsloom.pipeline.corpus import Corpus
from newsloom.pipeline.stages import STAGES, Stage, check_stages, run_document_stage
from newsloom.pipeline.work import RunReport, Work

Item = Document | Failure | FetchState | ShardDone | Work  # a Work: a document analysed by an upstream executor


class Mapper(Protocol):
    """Runs a segment of document stages over the works of a batch (an executor's one duty)."""

    def map(self, stages: Sequence[Stage], works: list[Work], report: RunReport) -> list[Work]: ...


class InProcess:
    """Document stages in this process, one after the other, timed per stage."""

    def __init__(self, components: Components) -> None:
        self.components = components

    def map(self, stages: Sequence[Stage], works: list[Work], report: RunReport) -> list[Work]:
        for stage in stages:
            works = _timed(report, stage.name, run_document_stage, stage, works, self.components)
        return works


def _timed(report: RunReport, stage: str, fn: Callable, *args):
    t0, c0 = time.perf_counter(), time.process_time()
    try:
        return fn(*args)
    finally:
        report.seconds[stage] += time.perf_counter() - t0
        report.cpu_seconds[stage] += time.process_time() - c0


def segments(stages: Sequence[Stage]) -> list[tuple[str, list[Stage]]]:
    """The stage list cut into runs of one kind: ("document", [...]) maps and ("corpus", [stage]) steps."""
    out: list[tuple[str, list[Stage]]] = []
    for stage in stages:
        if stage.kind == "document" and out and out[-1][0] == "document":
            out[-1][1].append(stage)
        else:
            out.append((stage.kind, [stage]))
    return out


class Pipeline:
    """The stages over one store; the corpus state is opened from the store on first use."""

    def __init__(self, store: Store, components: Components, stages: Sequence[Stage] = STAGES,
                 mapper: Mapper | None = None) -> None:
        self.store = store
        self.components = components
        self.stages = check_stages(stages)
        self.mapper = mapper or InProcess(components)
        self._corpus: Corpus | None = None

    @property
    def corpus(self) -> Corpus:
        if self._corpus is None:
            self._corpus = Corpus(self.store, self.components)
        return self._corpus

    def process(self, works: list[Work], batch: Batch, report: RunReport, analysed: bool = False) -> list[Work]:
        """The works through every stage; the corpus stages fill ``batch``. ``analysed``: the works have been
        through the first run of document stages already (an executor that reads and analyses elsewhere)."""
        works = self._through(self.stages, works, batch, report, analysed)
        self.corpus.finish(batch)
        return works

    def _through(self, stages: Sequence[Stage], works: list[Work], batch: Batch, report: RunReport,
                 analysed: bool = False) -> list[Work]:
        for number, (kind, group) in enumerate(segments(stages)):
            if analysed and number == 0 and kind == "document":
                continue
            if kind == "document":
                works = self.mapper.map(group, works, report)
            else:
                stage = group[0]
                works = _timed(report, stage.name, getattr(self.corpus, f"{stage.name}_stage"), works, batch)
        return works

    def analyse(self, doc: Document, report: RunReport | None = None) -> Article:
        """One document through the stages up to its linked entities, without storing anything."""
        stages = [s for s in self.stages if s.name not in ("events", "stories")]
        work = self._through(stages, [Work(doc)], Batch(), report or RunReport())[0]
        if work.failure is not None:
            raise Skip(work.failure.reason)
        assert work.article is not None
        return work.article

    def run(self, items: Iterable[Item], batch_size: int = 64,
            on_item: Callable[[RunReport], None] | None = None) -> RunReport:
        report = RunReport()
        seen: set[str] = set()
        for chunk in _chunks(items, batch_size):
            batch, works, analysed = Batch(), [], False
            for item in chunk:
                if isinstance(item, FetchState):
                    batch.fetch_states.append(item)
                elif isinstance(item, ShardDone):
                    batch.shards.append(item)
                elif isinstance(item, Work):
                    analysed = True
                    if item.doc.sha256 in seen or self.store.has_document(item.doc.sha256):
                        report.present.append(item.doc.origin)
                        batch.done_origins.append(item.doc.origin)
                    else:
                        seen.add(item.doc.sha256)
                        works.append(item)
                elif isinstance(item, Failure):
                    batch.failures.append(item)
                    report.failed.append(item)
                elif item.sha256 in seen or self.store.has_document(item.sha256):
                    report.present.append(item.origin)
                    batch.done_origins.append(item.origin)
                else:
                    seen.add(item.sha256)
                    works.append(Work(item))
            if analysed and any(isinstance(i, Document) for i in chunk):
                raise TypeError("A run's items are documents or analysed works, not both in one batch.")
            works = self.process(works, batch, report, analysed)
            for work in works:
                if work.failure is not None:
                    batch.failures.append(work.failure)
                    report.failed.append(work.failure)
                    continue
                batch.done_origins.append(work.doc.origin)
                if work.copy is not None:
                    report.duplicates.append(work.doc.origin)
                elif work.article is not None:
                    batch.articles.append(work.article)
                    batch.event_mentions.extend(work.mentions)
                    if work.fingerprint is not None:
                        batch.fingerprints.append(work.fingerprint)
                    report.added.append(work.doc.origin)
                if on_item:
                    on_item(report)
            self._write(batch, report)
            report.shards += len(batch.shards)
            if on_item:
                on_item(report)
        return report

    def _write(self, batch: Batch, report: RunReport) -> None:
        """The batch and the merge/split pass it calls for, in one transaction; then the corpus commits."""
        corpus = self.corpus
        touched = {s.story.id for s in batch.stories}
        try:
            with self.store.transaction():
                self.store.save(batch)
                changes = _timed(report, "stories", corpus.recluster, touched) if touched else None
                if changes is not None:
                    self.store.save(changes)
        except BaseException:
            self._corpus = None  # it holds what the batch did not store: read it again from the store
            raise
        corpus.commit()

    def recluster(self, story_ids: Iterable[str]) -> int:
        """Merge and split the given stories and write it (``newsloom recluster``); the stories changed."""
        corpus = self.corpus
        try:
            with self.store.transaction():
                changes = corpus.recluster(story_ids)
                if changes is not None:
                    self.store.save(changes)
        except BaseException:
            self._corpus = None
            raise
        corpus.commit()
        return 0 if changes is None else len(changes.stories) + len(changes.removed_stories)


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    chunk: list = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
