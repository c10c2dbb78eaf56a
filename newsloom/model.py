"""The records that flow between newsloom's stages.

An article travels::

    Document (ingest) -> Article (extract) -> Article with language, sentences,
    mentions, dates (language, nlp) -> embedding (nlp.embed) -> story id (cluster)
    -> EventMention (events) -> Event (events.fusion) -> store

Records are frozen; a stage returns a new record with ``dataclasses.replace``.
Character offsets (``start``/``end``) always index ``Article.text``, the stored
text of record, so any fact can be cut back out of its source.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

ENTITY_KINDS = ("person", "organization", "place", "country")


@dataclass(frozen=True, slots=True)
class Document:
    """Bytes as they arrived, before any interpretation.

    ``origin`` says where they came from (a path, a path with a line number, a
    URL); ``hints`` holds metadata the source declared (JSONL fields, HTTP
    headers): url, title, published, outlet, language.
    """

    origin: str
    content: bytes
    media_type: str  # "text/plain" | "text/html"
    sha256: str
    hints: dict[str, Any] = field(default_factory=dict)  # also author, charset, fetched_url, etag


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A calendar date whose year may be unknown ("10 juin")."""

    year: int | None
    month: int
    day: int

    def resolve(self, anchor: date | None) -> date | None:
        """The full date: the year is taken from ``anchor``, never from the clock."""
        if self.year is not None:
            return date(self.year, self.month, self.day)
        if anchor is None:
            return None
        candidates = []
        for year in (anchor.year - 1, anchor.year, anchor.year + 1):
            try:
                candidates.append(date(year, self.month, self.day))
            except ValueError:  # 29 February
                continue
        return min(candidates, key=lambda d: abs((d - anchor).days), default=None)

    def iso(self) -> str:
        year = f"{self.year:04d}" if self.year else "----"
        return f"{year}-{self.month:02d}-{self.day:02d}"


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of ``Article.text``."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Token:
    """A word with its parse, where the language has a parser.

    ``head`` indexes the article's token tuple; ``dep`` is the Universal
    Dependencies relation ("nsubj", "obj", ...) or "" without a parser.
    """

    start: int
    end: int
    text: str
    lemma: str = ""
    pos: str = ""
    dep: str = ""
    head: int = -1


@dataclass(frozen=True, slots=True)
class Mention:
    """A name or reference in the text, and the canonical entity it denotes.

    ``kind`` is one of ENTITY_KINDS; ``entity_id`` is filled by entity linking;
    ``nominal`` marks references such as "the Party chief" resolved to a name.
    """

    start: int
    end: int
    text: str
    kind: str
    entity_id: str | None = None
    nominal: bool = False


@dataclass(frozen=True, slots=True)
class DateMention:
    start: int
    end: int
    text: str
    value: PartialDate


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    country: str | None  # ISO 3166 alpha-2, as GeoNames gives it
    geonameid: int | None
    entity_id: str | None = None


@dataclass(frozen=True, slots=True)
class Entity:
    """One person, organisation, place or country, whatever the language."""

    id: str
    name: str
    kind: str
    aliases: dict[str, tuple[str, ...]] = field(default_factory=dict)  # language -> names
    country: str | None = None  # ISO 3166 alpha-3 (alpha-2 GeoNames code for places)
    sector: str | None = None
    roles: tuple[str, ...] = ()
    geonameid: int | None = None


@dataclass(frozen=True, slots=True)
class Article:
    """One news article: the text of record and everything read from it."""

    id: str
    origin: str
    sha256: str
    text: str
    title: str = ""
    url: str | None = None
    outlet: str | None = None
    published: datetime | None = None
    dateline: Place | None = None
    language: str | None = None
    author: str | None = None
    sentences: tuple[Sentence, ...] = ()
    mentions: tuple[Mention, ...] = ()
    dates: tuple[DateMention, ...] = ()
    tokens: tuple[Token, ...] = field(default=(), compare=False, repr=False)
    embedding: Any = field(default=None, compare=False, repr=False)  # numpy float32 vector
    story_id: str | None = None

    def cut(self, start: int, end: int) -> str:
        return self.text[start:end]


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
class Story:
    id: str
    title: str
    article_ids: tuple[str, ...]
    languages: tuple[str, ...]
    first_date: date | None
    last_date: date | None
    centroid: Any = field(default=None, compare=False, repr=False)
    entity_ids: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Failure:
    """An input that could not become an article, and why.

    ``retriable`` marks failures that may go away (a timeout, a 503): the next
    run tries their origin again.
    """

    origin: str
    reason: str
    stage: str
    retriable: bool = False


@dataclass(frozen=True, slots=True)
class Copy:
    """Another report of a stored article: the same address, the same text, or a near-copy.

    ``relation`` is "same_url", "same_text" or "near_duplicate"; ``similarity`` the
    estimated Jaccard similarity of the two texts' word shingles (1.0 for the first two).
    Later stages count an article and its copies as one source report.
    """

    article_id: str
    origin: str
    sha256: str
    relation: str
    similarity: float = 1.0
    url: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: datetime | None = None


@dataclass(frozen=True, slots=True)
class FetchState:
    """What a feed's or sitemap's server said last time, for a conditional request.

    It is saved with the batch that holds the listing's last entry, so a killed
    run never remembers a listing whose articles it did not store.
    """

    url: str
    etag: str | None = None
    last_modified: str | None = None
