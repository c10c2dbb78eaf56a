"""Assign each arriving article to the story it belongs to, or open one.

Candidate stories are those of the article's nearest neighbours in the time
window around its date (``cluster/index.py``); each is scored by the fitted
logistic model over the evidence of ``cluster/features.py`` (embedding
similarity to the story's centroid or nearest article, shared actors, places
and mentioned dates, time), and the article joins the most likely one when the
probability reaches ``threshold``. Story states are read from a ``StorySource``
(the store) when a candidate needs them and dropped once the window moves on.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Protocol

import numpy as np

from newsloom.cluster.features import Profile, article_dates, article_day, article_entities, evidence, probability
from newsloom.cluster.index import MemberSource, StoryWindow
from newsloom.cluster.params import ClusterParams
from newsloom.model import Article, Story

__all__ = ["ClusterParams", "StoryClusterer", "StorySource", "StoryState", "story_profile"]

TOP_ENTITY_IDS = 20  # Story.entity_ids: the most frequent
SCORED_CANDIDATES = 8  # stories of the nearest articles weighed in full, the nearest first


@dataclass
class StoryState:
    """What the clusterer keeps of one story: sums and counts that grow with each article."""

    story: Story
    vector_sum: np.ndarray
    entities: Counter = field(default_factory=Counter)  # entity id -> articles naming it
    dates: Counter = field(default_factory=Counter)  # "MM-DD" -> articles mentioning that day

    def add(self, article: Article) -> None:
        """Take ``article`` in (its story id is this story's)."""
        self.vector_sum = self.vector_sum + article.embedding
        self.entities.update(article_entities(article))
        self.dates.update(article_dates(article))
        day = article_day(article)
        languages = self.story.languages
        if article.language and article.language not in languages:
            languages = (*languages, article.language)
        self._refresh(title=self.story.title or article.title, article_ids=(*self.story.article_ids, article.id),
                      languages=languages, days=[day] if day else [])

    def absorb(self, other: StoryState) -> None:
        """Take every article of ``other`` in (a merge)."""
        self.vector_sum = self.vector_sum + other.vector_sum
        self.entities.update(other.entities)
        self.dates.update(other.dates)
        languages = (*self.story.languages, *(x for x in other.story.languages if x not in self.story.languages))
        days = [d for d in (other.story.first_date, other.story.last_date) if d]
        self._refresh(title=self.story.title or other.story.title,
                      article_ids=(*self.story.article_ids, *other.story.article_ids), languages=languages, days=days)

    def _refresh(self, title: str, article_ids: tuple[str, ...], languages: tuple[str, ...], days: list[date]) -> None:
        story = self.story
        dates = [d for d in (story.first_date, story.last_date, *days) if d]
        self.story = replace(
            story, title=title, article_ids=article_ids, languages=languages,
            first_date=min(dates, default=None), last_date=max(dates, default=None),
            centroid=self.vector_sum / (np.linalg.norm(self.vector_sum) or 1.0),
            entity_ids=tuple(e for e, _ in self.entities.most_common(TOP_ENTITY_IDS)),
        )


def new_state(story_id: str, article: Article) -> StoryState:
    """An empty story that ``article`` will open."""
    return StoryState(Story(story_id, article.title, (), (), None, None), np.zeros_like(article.embedding))


def story_profile(state: StoryState) -> Profile:
    centroid = state.story.centroid
    if centroid is None:
        centroid = state.vector_sum / (float(np.linalg.norm(state.vector_sum)) or 1.0)
    return Profile(centroid, state.entities, state.dates, state.story.first_date, state.story.last_date)


class StorySource(MemberSource, Protocol):
    def load_stories(self, ids: list[str]) -> list[StoryState]: ...


class StoryClusterer:
    """Online clustering over explicit state: the store's window in, assignments out."""

    def __init__(self, params: ClusterParams, source: StorySource) -> None:
        self.params = params
        self.source = source
        self.window = StoryWindow(source, params.window_days, params.bucket_days, params.neighbours,
                                  params.loaded_buckets, params.undated_pool)
        self.states: dict[str, StoryState] = {}
        self.changed: set[str] = set()

    def state(self, story_id: str) -> StoryState | None:
        """A story's state, read from the source the first time it is needed."""
        if story_id not in self.states:
            for loaded in self.source.load_stories([story_id]):
                self.states[loaded.story.id] = loaded
        return self.states.get(story_id)

    def ranked(self, article: Article, exclude: str | None = None) -> list[tuple[float, StoryState]]:
        """Candidate stories from the window's nearest neighbours, the most likely first."""
        profile = Profile.of_article(article)
        found = self.window.candidates(article.embedding, article_day(article), exclude=exclude)
        scored = []
        for story_id, member_cosine in sorted(found.items(), key=lambda x: -x[1])[:SCORED_CANDIDATES]:
            state = self.state(story_id)
            if state is not None:
                scored.append((probability(evidence(profile, story_profile(state), self.params, member_cosine),
                                           self.params), state))
        return sorted(scored, key=lambda x: (-x[0], x[1].story.id))

    def assign(self, article: Article) -> Article:
        """Put ``article`` in its story (existing or new); returns it with ``story_id`` set."""
        ranked = self.ranked(article)
        if ranked and ranked[0][0] >= self.params.threshold:
            state = ranked[0][1]
        else:
            state = self.states[f"s-{article.id}"] = new_state(f"s-{article.id}", article)
        state.add(article)
        self.window.add(article.id, state.story.id, article_day(article), article.embedding)
        self.changed.add(state.story.id)
        return replace(article, story_id=state.story.id)

    def settle(self, articles: list[Article]) -> list[Article]:
        """Give a batch's lone articles a second chance once the whole batch is placed.

        An article that opened a story of its own may fit a story that only
        later articles of the same batch made recognisable (a Vietnamese report
        read before the English wire copy that bridges it to the story). Those
        stories are new in this batch, so moving the article loses no story id
        anyone has seen.
        """
        settled = []
        for article in articles:
            own = self.states.get(article.story_id or "")
            if own is None or own.story.article_ids != (article.id,):
                settled.append(article)
                continue
            others = [(p, s) for p, s in self.ranked(article, exclude=article.id) if s.story.id != own.story.id]
            if not others or others[0][0] < self.params.threshold:
                settled.append(article)
                continue
            target = others[0][1]
            del self.states[own.story.id]
            self.changed.discard(own.story.id)
            target.add(article)
            self.window.move([article.id], target.story.id)
            self.changed.add(target.story.id)
            settled.append(replace(article, story_id=target.story.id))
        return settled

    def committed(self) -> None:
        """The changed stories are stored: forget them as changed and drop what the window left behind."""
        self.changed.clear()
        self.window.evict()
        ranges = self.window.loaded_days()
        for story_id, state in list(self.states.items()):
            first, last = state.story.first_date, state.story.last_date or state.story.first_date
            if first is not None and not any(first <= b_last and a_first <= last for a_first, b_last in ranges):
                del self.states[story_id]
