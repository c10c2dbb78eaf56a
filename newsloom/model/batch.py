"""What one batch of documents produced: the record the pipeline hands the store, written in one transaction."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from newsloom.model.articles import Article
from newsloom.model.comparisons import Comparison
from newsloom.model.documents import Copy, Failure, FetchState, ShardDone
from newsloom.model.entities import Entity
from newsloom.model.events import Event, EventMention
from newsloom.model.fingerprints import Fingerprint
from newsloom.model.stories import StoryState


@dataclass
class Batch:
    """Everything one batch of documents produced; written in one transaction."""

    articles: list[Article] = field(default_factory=list)
    event_mentions: list[EventMention] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    stories: list[StoryState] = field(default_factory=list)
    events: dict[str, list[Event]] = field(default_factory=dict)  # story id -> all its events
    failures: list[Failure] = field(default_factory=list)
    done_origins: list[str] = field(default_factory=list)  # failures of these are cleared
    copies: list[Copy] = field(default_factory=list)  # reports of stored articles found again
    fingerprints: list[Fingerprint] = field(default_factory=list)  # of the batch's articles
    fetch_states: list[FetchState] = field(default_factory=list)  # listings whose entries are all in
    shards: list[ShardDone] = field(default_factory=list)  # input files of a batch run whose documents are all in
    comparisons: dict[str, Comparison | None] = field(default_factory=dict)  # story id -> comparison (None: drop it)
    comparison_model: str = ""  # the embedder of the comparisons' sentence vectors
    sentence_vectors: dict[str, Any] = field(default_factory=dict)  # article id -> its sentence vectors
    moves: dict[str, str] = field(default_factory=dict)  # article id -> story id, after a merge or split
    redirects: dict[str, str] = field(default_factory=dict)  # merged story id -> the surviving story id
    removed_stories: list[str] = field(default_factory=list)  # merged into another
