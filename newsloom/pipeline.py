"""The run loop: documents in, stored articles, stories, entities and events out.

Per document: extract -> duplicates -> language -> nlp (sentences, dates,
entities) -> embed -> cluster -> events. Per batch: the events of every story
the batch touched are fused again from all their mentions, and everything is
written in one transaction. A document that cannot be used raises ``Skip`` and
becomes a recorded failure; a real bug propagates. A copy of a stored article
(same URL, same text, near-duplicate) raises ``Duplicate`` after extraction and
is recorded as a copy of it, not analysed. A ``FetchState`` among the items (a
feed's ETag) is saved with the batch it arrives in.
"""

from __future__ import annotations

import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date

from newsloom.cluster.passes import recluster
from newsloom.cluster.stories import ClusterParams, StoryClusterer
from newsloom.compare import compare_sources
from newsloom.errors import Duplicate, Skip
from newsloom.events.coder import ArticleContext, code_events
from newsloom.events.fusion import entities_related, fuse_events
from newsloom.events.lexicon import load_event_lexicon
from newsloom.events.typer import setting_typer
from newsloom.extract import extract_article
from newsloom.extract.duplicates import DuplicateIndex
from newsloom.language import with_language
from newsloom.model import Article, Document, Entity, EventMention, Failure, FetchState, PartialDate, Place, Report, source_key
from newsloom.nlp.components import Components
from newsloom.nlp.dates import find_dates
from newsloom.nlp.embed import embedding_text
from newsloom.nlp.analyzers import Analysis
from newsloom.nlp.entities import EntityContext, learn_names, link_entities
from newsloom.nlp.lexicon import load_lexicon
from newsloom.nlp.registry import EntityRegistry, known_entities, load_actors
from newsloom.store.base import Batch, Store

TITLE_CHARS = 140


@dataclass
class RunReport:
    added: list[str] = field(default_factory=list)
    present: list[str] = field(default_factory=list)
    failed: list[Failure] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)  # origins stored as copies of an article
    seconds: Counter = field(default_factory=Counter)  # stage -> seconds
    cpu_seconds: Counter = field(default_factory=Counter)  # stage -> CPU seconds of the process (all its threads)


def derive_title(article: Article) -> str:
    """A title for an article that has none: its first sentence, shortened at a word."""
    first = article.text.split("\n", 1)[0]
    if article.sentences:
        s = article.sentences[0]
        first = article.text[s.start:s.end]
    if len(first) <= TITLE_CHARS:
        return first
    return first[:TITLE_CHARS].rsplit(" ", 1)[0] + " …"


class Pipeline:
    """Holds the models and the state loaded from the store; runs batches."""

    def __init__(self, store: Store, components: Components) -> None:
        self.store = store
        self.components = components
        self.registry = EntityRegistry(known_entities(load_actors(), store.load_actors(), store.load_entities()))
        params = ClusterParams.load(window_days=components.settings.story_window_days or None)
        self.clusterer = StoryClusterer(params, store)
        self.duplicates = DuplicateIndex(store.load_fingerprints())
        self.typer = setting_typer(components.settings.event_classifier, components.embedder)  # None when off

    def _timed(self, report: RunReport, stage: str, fn: Callable, *args):  # noqa: ANN002, ANN202
        t0, c0 = time.perf_counter(), time.process_time()
        try:
            return fn(*args)
        finally:
            report.seconds[stage] += time.perf_counter() - t0
            report.cpu_seconds[stage] += time.process_time() - c0

    def read(self, doc: Document, report: RunReport) -> Article:
        """Extract the article, check it is no copy of a stored one (raises Duplicate), detect its language."""
        article = self._timed(report, "extract", extract_article, doc)
        self._timed(report, "duplicates", self.duplicates.check, article)
        return self._timed(report, "language", with_language, article, self.components.detector)

    def prepare(self, doc: Document, report: RunReport) -> tuple[Article, Analysis]:
        """Read the article, then its sentences, dates and named-entity spans; teach the registry its names."""
        c = self.components
        article = self.read(doc, report)
        analysis = self._timed(report, "nlp", c.analyzer(article.language).analyze, article.text)
        article = replace(article, sentences=analysis.sentences, tokens=analysis.tokens)
        if not article.sentences:
            raise Skip("no_sentences", "the text has no sentence")
        if not article.title:
            article = replace(article, title=derive_title(article))
        anchor = article.published.date() if article.published else None
        article = replace(article, dates=find_dates(article.text, article.language, anchor))
        if article.dateline is not None:
            place = c.places.place(article.dateline.name, language=article.language)
            if place is not None:
                article = replace(article, dateline=place)
                self.registry.add(_place_entity(place, c), article.language, article.dateline.name)
        self._timed(report, "entities", learn_names, article, analysis, self._entity_context(article))
        return article, analysis

    def link(self, article: Article, analysis: Analysis, report: RunReport) -> Article:
        """The article's mentions, each linked to its canonical entity."""
        return self._timed(report, "entities", link_entities, article, analysis, self._entity_context(article))

    def analyse(self, doc: Document, report: RunReport) -> Article:
        """One document through every per-article stage up to its canonical entities."""
        return self.link(*self.prepare(doc, report), report)

    def _entity_context(self, article: Article) -> EntityContext:
        return EntityContext(self.registry, self.components.places, load_lexicon(article.language or "und"))

    def run(self, items: Iterable[Document | Failure | FetchState], batch_size: int = 64,
            on_item: Callable[[RunReport], None] | None = None) -> RunReport:
        report = RunReport()
        seen: set[str] = set()
        for chunk in _chunks(items, batch_size):
            batch = Batch()
            prepared: list[tuple[Article, Analysis]] = []
            for item in chunk:
                if isinstance(item, FetchState):
                    batch.fetch_states.append(item)
                    continue
                if isinstance(item, Failure):
                    batch.failures.append(item)
                    report.failed.append(item)
                elif item.sha256 in seen or self.store.has_document(item.sha256):
                    report.present.append(item.origin)
                    batch.done_origins.append(item.origin)
                else:
                    seen.add(item.sha256)
                    try:
                        prepared.append(self.prepare(item, report))
                        batch.fingerprints.append(self.duplicates.add(prepared[-1][0]))
                        batch.done_origins.append(item.origin)
                    except Duplicate as duplicate:
                        batch.copies.append(duplicate.copy)
                        report.duplicates.append(item.origin)
                        batch.done_origins.append(item.origin)
                    except Skip as skip:
                        failure = Failure(item.origin, str(skip), "pipeline")
                        batch.failures.append(failure)
                        report.failed.append(failure)
                if on_item:
                    on_item(report)
            # names are learnt from the whole batch first, so linking does not depend on input order
            articles = [self.link(article, analysis, report) for article, analysis in prepared]
            self._finish(batch, articles, report)
            self.store.save(batch)
            self.registry.changed.clear()
            touched = set(self.clusterer.changed)
            self.clusterer.committed()
            self._timed(report, "cluster", self.recluster, touched)
        return report

    def _finish(self, batch: Batch, articles: list[Article], report: RunReport) -> None:
        """Embed, cluster, code events and fuse them per touched story."""
        c = self.components
        if articles:
            texts = [embedding_text(a, c.settings.embed_lead_chars) for a in articles]
            vectors = self._timed(report, "embed", c.embedder.embed, texts)
            articles = [replace(a, embedding=v) for a, v in zip(articles, vectors, strict=True)]
        new_mentions: dict[str, list[EventMention]] = defaultdict(list)
        articles = [self._timed(report, "cluster", self.clusterer.assign, a) for a in articles]
        articles = self._timed(report, "cluster", self.clusterer.settle, articles)
        for article in articles:
            lang = article.language or "und"
            mentions = self._timed(report, "events", code_events, article, load_event_lexicon(lang),
                                   load_lexicon(lang), _article_context(article), self.typer)
            batch.articles.append(article)
            batch.event_mentions.extend(mentions)
            new_mentions[article.story_id or ""].extend(mentions)
            report.added.append(article.origin)
        for story_id in self.clusterer.changed:
            state = self.clusterer.states[story_id]
            batch.stories.append(state)
            mentions = [*self.store.load_event_mentions(story_id), *new_mentions.get(story_id, [])]
            anchor = _story_anchor(state.story.first_date, articles, story_id)
            reports = {**self.store.story_reports(story_id),
                       **{a.id: _report(a) for a in articles if a.story_id == story_id}}
            batch.events[story_id] = self._timed(report, "fusion", fuse_events, story_id, mentions, anchor,
                                                 self._place_of, reports, self._related)
            if self.components.settings.compare_on_ingest:
                self._timed(report, "compare", self._compare, batch, story_id,
                            [a for a in articles if a.story_id == story_id], mentions)
        batch.entities = [self.registry.entities[i] for i in self.registry.changed]

    def _compare(self, batch: Batch, story_id: str, new: list[Article], mentions: list[EventMention]) -> None:
        """The story's source comparison, embedding only the sentences of articles not embedded before."""
        fresh = {a.id for a in new}
        story = [a for a in self.store.load_story_articles(story_id) if a.id not in fresh] + new
        model = batch.comparison_model = self.components.settings.embedder
        cached = self.store.sentence_vectors([a.id for a in story], model)
        batch.comparisons[story_id], vectors = compare_sources(story_id, story, cached, self.components.embedder, model,
                                                               mentions)
        batch.sentence_vectors.update(vectors)

    def _related(self, a: str, b: str) -> bool:
        one, other = self.registry.entities.get(a), self.registry.entities.get(b)
        return bool(one and other and entities_related(one, other))

    def recluster(self, story_ids: Iterable[str]) -> int:
        """Merge and split the given stories (cluster/passes.py), refuse their events, write it; stories changed.

        A changed story's comparison goes stale by its signature and is computed again on request; a merged
        story's comparison is dropped.
        """
        plan = recluster(self.clusterer, self.store, story_ids)
        if not plan:
            return 0
        batch = Batch(stories=list(plan.states.values()), moves=plan.moves, redirects=plan.redirects,
                      removed_stories=plan.removed, comparisons=dict.fromkeys(plan.removed))
        for story_id, state in plan.states.items():
            article_ids = list(state.story.article_ids)
            mentions = self.store.load_article_event_mentions(article_ids)
            reports = {a.id: _report(a) for a in self.store.load_articles(article_ids)}
            batch.events[story_id] = fuse_events(story_id, mentions, state.story.first_date, self._place_of,
                                                 reports, self._related)
        self.store.save(batch)
        self.clusterer.committed()
        return len(plan.states) + len(plan.removed)

    def _place_of(self, entity_id: str) -> Place | None:
        e = self.registry.entities.get(entity_id)
        return Place(e.name, e.country, e.geonameid, e.id) if e else None


def _place_entity(place: Place, c: Components) -> Entity:
    if place.geonameid is None:
        alpha3 = c.places.alpha2_to_3.get(place.country or "")
        return Entity(place.entity_id or "", place.name, "country", country=alpha3)
    return Entity(place.entity_id or "", place.name, "place", country=place.country, geonameid=place.geonameid)


def _article_context(article: Article) -> ArticleContext:
    """The date and place an article's events default to: its lead's, else its dateline's."""
    lead_end = article.sentences[min(1, len(article.sentences) - 1)].end if article.sentences else 0
    lead_dates = [d.value for d in article.dates if d.start < lead_end]
    published = article.published.date() if article.published else None
    day = lead_dates[0] if lead_dates else (PartialDate(published.year, published.month, published.day) if published else None)
    place = article.dateline if article.dateline and article.dateline.entity_id else None
    if place is None:
        first_end = article.sentences[0].end if article.sentences else 0
        lead_places = [m for m in article.mentions if m.kind == "place" and m.start < first_end]
        place = Place(lead_places[0].text, None, None, lead_places[0].entity_id) if lead_places else None
    return ArticleContext(day, place)


def _report(article: Article) -> Report:
    """Who reported ``article`` (its source, one per outlet) and in which language, for fusion."""
    return Report(source_key(article.id, article.outlet), article.language)


def _story_anchor(first: date | None, articles: list[Article], story_id: str) -> date | None:
    if first is not None:
        return first
    dated = [a.published.date() for a in articles if a.story_id == story_id and a.published]
    return min(dated, default=None)


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    chunk: list = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
