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

from dataclasses import replace
from typing import Protocol

import numpy as np

from newsloom.cluster.features import Profile, evidence, probability
from newsloom.cluster.index import MemberSource, StoryWindow
from newsloom.cluster.params import ClusterParams
from newsloom.model import Article, Story, StoryState, article_day

__all__ = ["ClusterParams", "StoryClusterer", "StorySource", "StoryState", "story_profile"]

SCORED_CANDIDATES = 8  # stories of the nearest articles weighed in full, the nearest first


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
            first = state.story.first_date
            if first is None:  # undated stories stay
                continue
            last = state.story.last_date or first
            if not any(first <= b_last and a_first <= last for a_first, b_last in ranges):
                del self.states[story_id]
