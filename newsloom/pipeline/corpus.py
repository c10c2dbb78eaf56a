"""The reduce: what a run keeps across documents and batches, and the corpus stages that read and change it.

``Corpus`` holds the duplicate index, the entity registry and the story clusterer, read from the store when
opened. Its stages take the works of one batch in the order the documents came and fill the ``Batch`` the
run loop writes in one transaction:

- ``duplicates``: a copy of a stored or earlier article ends as a ``Copy``; the others get a fingerprint;
- ``entities``: the names of the whole batch are learnt first, so linking does not depend on input order;
  then every mention is linked to its canonical entity;
- ``stories``: each article joins a story or opens one, lone articles are settled, and the events of every
  story the batch touched are fused again from all their mentions (and their sources compared, if set).

After the batch is written, ``recluster`` merges and splits the touched stories inside the same transaction,
and ``commit`` forgets what is now stored. A batch that fails to be written leaves the corpus stale: the run
loop opens it again from the store.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace
from datetime import date

from newsloom.cluster.passes import recluster
from newsloom.cluster.stories import ClusterParams, StoryClusterer
from newsloom.compare import compare_sources
from newsloom.errors import Duplicate
from newsloom.events.fusion import entities_related, fuse_events
from newsloom.extract.duplicates import DuplicateIndex
from newsloom.extract.fingerprints import fingerprint
from newsloom.model import Article, Batch, Entity, EventMention, Place, Report, source_key
from newsloom.model.contract import Store
from newsloom.nlp.entities import EntityContext, learn_names, link_entities
from newsloom.nlp.lexicon import load_lexicon
from newsloom.nlp.registry import EntityRegistry, known_entities, load_actors
from newsloom.pipeline.components import Components
from newsloom.pipeline.work import Work


class Corpus:
    """The corpus-wide state of a run over one store."""

    def __init__(self, store: Store, components: Components) -> None:
        self.store = store
        self.components = components
        self.registry = EntityRegistry(known_entities(load_actors(), store.load_actors(), store.load_entities()))
        params = ClusterParams.load(window_days=components.settings.story_window_days or None)
        self.clusterer = StoryClusterer(params, store)
        self.duplicates = DuplicateIndex(store)
        _fingerprint_old_articles(store)

    # -- corpus stages, in pipeline order --------------------------------------------------
    def duplicates_stage(self, works: list[Work], batch: Batch) -> list[Work]:
        """Copies of stored or earlier articles, in document order. A copy whose analysis failed is a copy
        all the same (the check reads only the text); a failed article is not indexed."""
        out = []
        for work in works:
            if work.article is None or work.copy is not None:
                out.append(work)
                continue
            try:
                self.duplicates.check(work.article)
            except Duplicate as duplicate:
                batch.copies.append(duplicate.copy)
                out.append(replace(work, copy=duplicate.copy, failure=None))
                continue
            out.append(work if work.failure else replace(work, fingerprint=self.duplicates.add(work.article)))
        return out

    def entities_stage(self, works: list[Work], batch: Batch) -> list[Work]:
        live = [(i, w.article, w.analysis) for i, w in enumerate(works) if w.live and w.article and w.analysis]
        for _, article, analysis in live:
            if article.dateline is not None and article.dateline.entity_id:
                self.registry.add(_place_entity(article.dateline, self.components), article.language,
                                  article.dateline.name)
            learn_names(article, analysis, self._entity_context(article))
        out = list(works)
        for i, article, analysis in live:
            out[i] = replace(works[i], article=link_entities(article, analysis, self._entity_context(article)))
        return out

    def stories_stage(self, works: list[Work], batch: Batch) -> list[Work]:
        """Assign, settle, fuse: the batch's articles and event mentions, the touched stories and their events."""
        live = [w for w in works if w.live and w.article is not None]
        articles = [self.clusterer.assign(w.article) for w in live]  # type: ignore[arg-type]
        articles = self.clusterer.settle(articles)
        new_mentions: dict[str, list[EventMention]] = defaultdict(list)
        for work, article in zip(live, articles, strict=True):
            new_mentions[article.story_id or ""].extend(work.mentions)
        for story_id in sorted(self.clusterer.changed):
            state = self.clusterer.states[story_id]
            batch.stories.append(state)
            mentions = [*self.store.load_event_mentions(story_id), *new_mentions.get(story_id, [])]
            anchor = _story_anchor(state.story.first_date, articles, story_id)
            reports = {**self.store.story_reports(story_id),
                       **{a.id: _report(a) for a in articles if a.story_id == story_id}}
            batch.events[story_id] = fuse_events(story_id, mentions, anchor, self.place_of, reports, self.related)
            if self.components.settings.compare_on_ingest:
                self._compare(batch, story_id, [a for a in articles if a.story_id == story_id], mentions)
        by_id = {id(w): replace(w, article=a) for w, a in zip(live, articles, strict=True)}
        return [by_id.get(id(w), w) for w in works]

    def finish(self, batch: Batch) -> None:
        """What the batch changed in the registry goes into the batch."""
        batch.entities = [self.registry.entities[i] for i in sorted(self.registry.changed)]

    def recluster(self, story_ids: Iterable[str]) -> Batch | None:
        """Merge and split the given stories (cluster/passes.py) and fuse their events again; None if unchanged.

        Reads the store, so it runs after the batch is written, inside its transaction. A changed story's
        comparison goes stale by its signature and is computed again on request; a merged story's is dropped.
        """
        plan = recluster(self.clusterer, self.store, story_ids)
        if not plan:
            return None
        batch = Batch(stories=list(plan.states.values()), moves=plan.moves, redirects=plan.redirects,
                      removed_stories=plan.removed, comparisons=dict.fromkeys(plan.removed))
        for story_id, state in plan.states.items():
            article_ids = list(state.story.article_ids)
            mentions = self.store.load_article_event_mentions(article_ids)
            reports = {a.id: _report(a) for a in self.store.load_articles(article_ids)}
            batch.events[story_id] = fuse_events(story_id, mentions, state.story.first_date, self.place_of,
                                                 reports, self.related)
        return batch

    def commit(self) -> None:
        """The batch is stored: forget what changed and drop what the story window left behind."""
        self.registry.changed.clear()
        self.clusterer.committed()
        self.duplicates.committed()

    # -- what the stages share --------------------------------------------------------------
    def _entity_context(self, article: Article) -> EntityContext:
        return EntityContext(self.registry, self.components.places, load_lexicon(article.language or "und"))

    def _compare(self, batch: Batch, story_id: str, new: list[Article], mentions: list[EventMention]) -> None:
        """The story's source comparison, embedding only the sentences of articles not embedded before."""
        fresh = {a.id for a in new}
        story = [a for a in self.store.load_story_articles(story_id) if a.id not in fresh] + new
        model = batch.comparison_model = self.components.settings.embedder
        cached = self.store.sentence_vectors([a.id for a in story], model)
        batch.comparisons[story_id], vectors = compare_sources(story_id, story, cached, self.components.embedder,
                                                               model, mentions)
        batch.sentence_vectors.update(vectors)

    def related(self, a: str, b: str) -> bool:
        one, other = self.registry.entities.get(a), self.registry.entities.get(b)
        return bool(one and other and entities_related(one, other))

    def place_of(self, entity_id: str) -> Place | None:
        e = self.registry.entities.get(entity_id)
        return Place(e.name, e.country, e.geonameid, e.id) if e else None


def _fingerprint_old_articles(store: Store) -> None:
    """Articles stored before fingerprints were (schema 1) get theirs, once: a query finds none after that."""
    while rows := store.unfingerprinted_articles():
        store.save_fingerprints([fingerprint(article_id, text, url) for article_id, url, text in rows])


def _place_entity(place: Place, c: Components) -> Entity:
    if place.geonameid is None:
        alpha3 = c.places.alpha2_to_3.get(place.country or "")
        return Entity(place.entity_id or "", place.name, "country", country=alpha3)
    return Entity(place.entity_id or "", place.name, "place", country=place.country, geonameid=place.geonameid)


def _report(article: Article) -> Report:
    """Who reported ``article`` (its source, one per outlet) and in which language, for fusion."""
    return Report(source_key(article.id, article.outlet), article.language)


def _story_anchor(first: date | None, articles: list[Article], story_id: str) -> date | None:
    if first is not None:
        return first
    dated = [a.published.date() for a in articles if a.story_id == story_id and a.published]
    return min(dated, default=None)
