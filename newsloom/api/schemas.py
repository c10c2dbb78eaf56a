"""The shapes the HTTP API reads and writes; they make its OpenAPI schema at /openapi.json."""

from __future__ import annotations

from enum import Enum

from pydantic import BaseModel, ConfigDict, Field, model_validator

from newsloom.events.lexicon import PLOVER_TYPES
from newsloom.model import ENTITY_KINDS

EventType = Enum("EventType", {t: t for t in PLOVER_TYPES}, type=str)  # type: ignore[misc]
EntityKind = Enum("EntityKind", {k: k for k in ENTITY_KINDS}, type=str)  # type: ignore[misc]


class ErrorDetail(BaseModel):
    location: str = Field(description="where the problem is: 'query.limit', 'body.documents.0.text', 'header'")
    message: str


class ErrorInfo(BaseModel):
    status: int
    code: str = Field(description="a stable name for the kind of failure: not_found, invalid_request, ...")
    message: str = Field(description="what happened and what to do, for a person")
    details: list[ErrorDetail] = []


class ErrorBody(BaseModel):
    """Every failure of the API answers with this body, whatever the status."""

    error: ErrorInfo


# -- events ---------------------------------------------------------------------------------
class Actor(BaseModel):
    entity_id: str
    name: str
    kind: str | None
    country: str | None
    sector: str | None


class PlaceRef(BaseModel):
    entity_id: str
    name: str
    country: str | None
    geonameid: int | None


class Evidence(BaseModel):
    """One sentence of one article that reports the event; start/end index the article's text."""

    article_id: str
    start: int
    end: int
    sentence: str
    trigger: str
    modality: str
    language: str | None
    outlet: str | None
    title: str


class EventOut(BaseModel):
    id: str
    type: str
    mode: str | None
    modality: str
    source: Actor | None
    target: Actor | None
    date: str | None
    place: PlaceRef | None
    story_id: str
    article_ids: list[str]
    sources: int = Field(description="distinct sources carrying the evidence: an outlet counts once, however many "
                                     "of its articles report the event, and copies of an article count with it")
    articles: int = Field(0, description="articles carrying the evidence")
    languages: list[str] = Field([], description="languages of those articles")
    confidence: float
    evidence: list[Evidence]


class EventPage(BaseModel):
    items: list[EventOut]
    next: str | None = Field(description="cursor of the next page (pass as ?cursor=); null on the last page")
    total: int | None = Field(None, description="events matching the filter, when ?count=true")


# -- stories --------------------------------------------------------------------------------
class StoryEntity(BaseModel):
    id: str
    name: str
    kind: str
    articles: int = Field(description="articles of the story naming it")


class StorySummary(BaseModel):
    id: str
    title: str
    titles: dict[str, str] = Field({}, description="a title in each of the story's languages (its earliest article's)")
    languages: list[str]
    outlets: list[str]
    article_count: int
    event_count: int
    first_date: str | None
    last_date: str | None
    entities: list[StoryEntity] = Field([], description="the entities most of its articles name")


class StoryPage(BaseModel):
    items: list[StorySummary]
    next: str | None


class SourceReport(BaseModel):
    """Where an article was found: its first report ('original') or a copy found later."""

    origin: str
    relation: str
    similarity: float
    url: str | None
    outlet: str | None
    author: str | None
    published: str | None
    added_at: str


class StoryArticle(BaseModel):
    id: str
    url: str | None
    origin: str
    title: str
    language: str | None
    outlet: str | None
    published: str | None
    story_id: str | None
    text: str
    dateline: str | None
    sources: list[SourceReport]


class SentenceRefOut(BaseModel):
    """One sentence of one article; start/end index the article's text."""

    article_id: str
    source: str = Field(description="the outlet (the article id when it has none)")
    language: str | None
    start: int
    end: int
    text: str


class AlignedGroupOut(BaseModel):
    sentences: list[SentenceRefOut] = Field(description="sentences of different sources that say the same thing")
    score: float = Field(description="the lowest similarity of the pairs joining the group")


class ClaimOut(BaseModel):
    sentences: list[SentenceRefOut]
    carried_by: list[str] = Field(description="the sources that carry it")
    missing_from: list[str] = Field(description="the sources that do not")


class ConflictOut(BaseModel):
    kind: str = Field(description="date, place, figure or actor")
    first: SentenceRefOut
    second: SentenceRefOut
    first_value: str
    second_value: str


class ComparisonOut(BaseModel):
    story_id: str
    signature: str
    sources: list[str]
    threshold: float = Field(description="similarity above which two sentences align, fitted on this story")
    aligned: list[AlignedGroupOut]
    claims: list[ClaimOut]
    conflicts: list[ConflictOut]
    sentences: int = Field(description="sentences compared")
    seconds: float = Field(description="time the comparison took, sentence embeddings included")
    model: str = Field(description="the embedder of the sentences")
    computed_at: str


class StoryDetail(StorySummary):
    redirected_from: str | None = Field(None, description="the id asked for, when that story was merged into this one")
    articles: list[StoryArticle]
    events: list[EventOut]
    comparison: ComparisonOut | None = Field(
        None, description="how the sources compare: aligned sentences across languages, claims only some sources "
                          "carry, conflicts; null for a story with one source")


# -- entities -------------------------------------------------------------------------------
class EntitySummary(BaseModel):
    id: str
    name: str
    kind: str
    country: str | None
    sector: str | None
    aliases: dict[str, list[str]] = Field(description="names by language")
    roles: list[str]
    geonameid: int | None
    event_count: int


class EntityPage(BaseModel):
    items: list[EntitySummary]
    next: str | None


class NetworkLink(BaseModel):
    entity_id: str
    name: str
    kind: str | None
    count: int
    as_source: int = Field(description="events in which this counterpart acted on the entity")
    as_target: int = Field(description="events in which the entity acted on this counterpart")
    types: dict[str, int]


class TimelinePoint(BaseModel):
    """The entity's events on one day, by type."""

    date: str
    count: int
    types: dict[str, int]


class StoryBrief(BaseModel):
    id: str
    title: str
    first_date: str | None


class EntityEvents(BaseModel):
    items: list[EventOut]
    next: str | None


class EntityDetail(EntitySummary):
    network: list[NetworkLink]
    timeline: list[TimelinePoint]
    stories: list[StoryBrief]
    events: EntityEvents = Field(description="its events, oldest first; ?limit= and ?cursor= page through them")


# -- articles and search --------------------------------------------------------------------
class MentionOut(BaseModel):
    start: int
    end: int
    text: str
    kind: str
    entity_id: str | None
    nominal: bool


class ArticleDetail(StoryArticle):
    entity_ids: list[str]
    mentions: list[MentionOut]


class SearchHit(BaseModel):
    id: str
    title: str
    language: str | None
    outlet: str | None
    published: str | None
    story_id: str | None
    url: str | None
    snippet: str = Field(description="a passage around the matched words, as plain text")
    marks: list[list[int]] = Field(description="[start, end) of each matched word in the snippet")


class SearchPage(BaseModel):
    items: list[SearchHit]
    next: str | None


# -- writes ---------------------------------------------------------------------------------
class IngestDocument(BaseModel):
    """One article, with the fields of a JSONL input line: text or html is required."""

    model_config = ConfigDict(extra="forbid")

    url: str | None = Field(None, max_length=2_000)
    title: str | None = Field(None, max_length=2_000)
    text: str | None = None
    html: str | None = None
    published: str | None = Field(None, max_length=100, description="ISO 8601 or any common date format")
    outlet: str | None = Field(None, max_length=500)
    language: str | None = Field(None, max_length=20, description="a hint; the language detector checks it")

    @model_validator(mode="after")
    def _has_a_body(self) -> IngestDocument:
        if not (self.text and self.text.strip()) and not (self.html and self.html.strip()):
            raise ValueError("a document needs a non-empty 'text' or 'html'")
        return self


class IngestRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    documents: list[IngestDocument] = Field([], description="articles given in full")
    urls: list[str] = Field([], description="http(s) addresses of pages, feeds or sitemaps to fetch")

    @model_validator(mode="after")
    def _not_empty(self) -> IngestRequest:
        if not self.documents and not self.urls:
            raise ValueError("give at least one of 'documents' or 'urls'")
        return self


class IngestedArticle(BaseModel):
    origin: str
    id: str


class IngestFailure(BaseModel):
    origin: str
    stage: str
    reason: str
    retriable: bool


class IngestResult(BaseModel):
    added: list[IngestedArticle]
    present: int = Field(description="documents already stored (same bytes)")
    duplicates: int = Field(description="documents stored as copies of an article (same URL, same or near-same text)")
    failed: list[IngestFailure]
