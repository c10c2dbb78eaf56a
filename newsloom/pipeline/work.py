"""What travels through the stages of one batch, and what a run reports.

A ``Work`` is one document on its way: the document, then the article read from it and the analysis of its
text, then its event mentions. A stage that cannot use the document ends it with a ``Failure``; a copy of a
stored article ends it with a ``Copy``. An ended work passes through the later stages untouched, so every
document of a batch is accounted for in its one transaction.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from newsloom.model import Article, Copy, Document, EventMention, Failure, Fingerprint
from newsloom.nlp.analyzers import Analysis


@dataclass(frozen=True, slots=True)
class Work:
    doc: Document
    article: Article | None = None
    analysis: Analysis | None = None  # sentences, parse and named-entity spans, before linking
    mentions: tuple[EventMention, ...] = ()
    fingerprint: Fingerprint | None = None  # of an accepted article, stored with it
    failure: Failure | None = None
    copy: Copy | None = None

    @property
    def live(self) -> bool:
        """Still being analysed: neither failed nor found to be a copy."""
        return self.failure is None and self.copy is None


@dataclass
class RunReport:
    added: list[str] = field(default_factory=list)
    present: list[str] = field(default_factory=list)
    failed: list[Failure] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)  # origins stored as copies of an article
    shards: int = 0  # input files of a batch run whose documents are all stored
    seconds: defaultdict[str, float] = field(default_factory=lambda: defaultdict(float))  # stage -> seconds
    # stage -> CPU seconds of the process (all its threads), added up over worker processes
    cpu_seconds: defaultdict[str, float] = field(default_factory=lambda: defaultdict(float))
