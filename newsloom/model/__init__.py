"""The records that flow between newsloom's stages, and the only layer every other imports.

An article travels::

    Document (ingest) -> Article (extract) -> Article with language, sentences,
    mentions, dates (language, nlp) -> embedding (nlp.embed) -> story id (cluster)
    -> EventMention (events) -> Event (events.fusion) -> store

Records are frozen where they can be; a stage returns a new record with
``dataclasses.replace``. Character offsets (``start``/``end``) always index
``Article.text``, the stored text of record, so any fact can be cut back out of
its source. The store keeps these records and nothing else: it imports this
package only, never a stage.

    documents     Document, Failure, Copy, FetchState
    articles      Article and what is read from it (sentences, tokens, mentions, dates, places)
    entities      Entity
    events        EventMention, Event, Report
    stories       Story, StoryState, Member
    comparisons   Comparison and its parts
    fingerprints  Fingerprint (duplicate detection)
    keys          name_key, strip_accents, slug, source_key
    batch         Batch: what one batch produced, written by the store in one transaction
    reads         the read side's filters and pages; ActorChanges
    contract      the store contract, by role (BatchWriter, StoryStateStore, BrowseStore, ...)
"""

from newsloom.model.articles import Article, DateMention, Mention, PartialDate, Place, Sentence, Span, Token
from newsloom.model.batch import Batch
from newsloom.model.comparisons import AlignedGroup, Claim, Comparison, Conflict, SentenceRef, comparison_signature
from newsloom.model.documents import Copy, Document, Failure, FetchState, ShardDone
from newsloom.model.entities import ENTITY_KINDS, Entity
from newsloom.model.events import Event, EventMention, Report
from newsloom.model.fingerprints import Fingerprint, signature_bands, signature_from_bytes, signature_to_bytes
from newsloom.model.keys import name_key, slug, source_key, strip_accents
from newsloom.model.stories import Member, Story, StoryState, article_dates, article_day, article_entities

__all__ = [
    "ENTITY_KINDS",
    "AlignedGroup",
    "Article",
    "Batch",
    "Claim",
    "Comparison",
    "Conflict",
    "Copy",
    "DateMention",
    "Document",
    "Entity",
    "Event",
    "EventMention",
    "Failure",
    "FetchState",
    "Fingerprint",
    "Member",
    "Mention",
    "PartialDate",
    "Place",
    "Report",
    "Sentence",
    "SentenceRef",
    "ShardDone",
    "Span",
    "Story",
    "StoryState",
    "Token",
    "article_dates",
    "article_day",
    "article_entities",
    "comparison_signature",
    "name_key",
    "signature_bands",
    "signature_from_bytes",
    "signature_to_bytes",
    "slug",
    "source_key",
    "strip_accents",
]
