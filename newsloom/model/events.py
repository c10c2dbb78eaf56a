"""Event mentions (one sentence of one article) and events fused across a story."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from newsloom.model.articles import PartialDate, Place


@dataclass(frozen=True, slots=True)
class EventMention:
    """One article's sentence that reports an event."""

    article_id: str
    type: str  # PLOVER event type
    start: int  # the evidence sentence, offsets into the article's text
    end: int
    sentence: str
    trigger: str
    source_id: str | None
    target_id: str | None
    date: PartialDate | None = None
    place: Place | None = None
    mode: str | None = None
    modality: str = "asserted"
    confidence: float = 0.5


@dataclass(frozen=True, slots=True)
class Event:
    """Mentions of one happening, fused across the articles of a story."""

    id: str
    story_id: str
    type: str
    source_id: str | None
    target_id: str | None
    date: date | None
    place: Place | None
    mentions: tuple[EventMention, ...]
    mode: str | None = None
    modality: str = "asserted"
    confidence: float = 0.5

    @property
    def article_ids(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(m.article_id for m in self.mentions))


@dataclass(frozen=True, slots=True)
class Report:
    """Who published an article: its source key (the outlet, else the article) and its language."""

    source: str
    language: str | None = None
