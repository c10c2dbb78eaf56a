"""Assign each arriving article to the story it belongs to, or open one.

A story is represented by the centroid of its articles' embeddings, the
canonical entities they mention and their time span. An article joins the best
open story when the weighted score (embedding similarity, shared entities, time
proximity; weights in ``cluster/data/params.toml``) reaches the threshold.
"""

from __future__ import annotations

import math
import tomllib
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date
from importlib import resources

import numpy as np

from newsloom.model import Article, Story


@dataclass(frozen=True)
class ClusterParams:
    similarity_floor: float
    similarity_ceiling: float
    weight_similarity: float
    weight_entities: float
    entity_kind_weight: dict[str, float]
    weight_time: float
    time_scale_days: float
    time_unknown: float
    threshold: float
    window_days: int

    @classmethod
    def load(cls) -> ClusterParams:
        raw = resources.files("newsloom.cluster.data").joinpath("params.toml").read_text("utf-8")
        return cls(**tomllib.loads(raw))


MEMBERS_KEPT = 32  # the most recent article embeddings a story keeps for nearest-member similarity


@dataclass
class StoryState:
    """What the clusterer keeps of one story."""

    story: Story
    vector_sum: np.ndarray
    entities: Counter = field(default_factory=Counter)
    members: list[np.ndarray] = field(default_factory=list)


def article_date(article: Article) -> date | None:
    return article.published.date() if article.published else None


def entity_weights(article: Article, kinds: dict[str, float]) -> dict[str, float]:
    """The article's named entities with the weight of their kind."""
    return {m.entity_id: kinds.get(m.kind, 0.5) for m in article.mentions if m.entity_id and not m.nominal}


def _entity_overlap(article_entities: dict[str, float], story: StoryState) -> float:
    if not article_entities or not story.entities:
        return 0.0
    shared = sum(w for e, w in article_entities.items() if e in story.entities)
    return shared / sum(article_entities.values())


def _time_score(day: date | None, story: Story, params: ClusterParams) -> float:
    if day is None or story.first_date is None:
        return params.time_unknown
    gap = 0 if story.first_date <= day <= (story.last_date or story.first_date) else min(
        abs((day - story.first_date).days), abs((day - (story.last_date or story.first_date)).days)
    )
    return math.exp(-gap / params.time_scale_days)


def score(article: Article, state: StoryState, params: ClusterParams) -> float:
    """How well ``article`` fits the story, in [0, 1]."""
    centroid = state.vector_sum / (np.linalg.norm(state.vector_sum) or 1.0)
    cosine = float(np.dot(article.embedding, centroid))
    if state.members:  # a follow-up may sit nearer one earlier report than the story's average
        cosine = max(cosine, float(np.max(np.stack(state.members) @ article.embedding)))
    span = params.similarity_ceiling - params.similarity_floor
    similarity = min(1.0, max(0.0, (cosine - params.similarity_floor) / span))
    entities = _entity_overlap(entity_weights(article, params.entity_kind_weight), state)
    timing = _time_score(article_date(article), state.story, params)
    return params.weight_similarity * similarity + params.weight_entities * entities + params.weight_time * timing


class StoryClusterer:
    """Online clustering over explicit state: open stories in, assignments out."""

    def __init__(self, params: ClusterParams, stories: list[StoryState] | None = None) -> None:
        self.params = params
        self.states: dict[str, StoryState] = {s.story.id: s for s in stories or ()}
        self.changed: set[str] = set()

    def _candidates(self, day: date | None) -> list[StoryState]:
        if day is None:
            return list(self.states.values())
        window = self.params.window_days
        return [
            s for s in self.states.values()
            if s.story.last_date is None or abs((day - s.story.last_date).days) <= window
        ]

    def assign(self, article: Article) -> Article:
        """Put ``article`` in its story (existing or new); returns it with ``story_id`` set."""
        scored = [(score(article, s, self.params), s) for s in self._candidates(article_date(article))]
        best = max(scored, key=lambda x: x[0], default=(0.0, None))
        if best[1] is not None and best[0] >= self.params.threshold:
            state = best[1]
        else:
            state = StoryState(
                Story(f"s-{article.id}", article.title, (), (), None, None),
                np.zeros_like(article.embedding),
            )
            self.states[state.story.id] = state
        self._add(state, article)
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
            others = [s for sid, s in self._candidate_map(article).items() if sid != own.story.id]
            best = max(((score(article, s, self.params), s) for s in others), key=lambda x: x[0], default=(0.0, None))
            if best[1] is None or best[0] < self.params.threshold:
                settled.append(article)
                continue
            del self.states[own.story.id]
            self.changed.discard(own.story.id)
            self._add(best[1], article)
            self.changed.add(best[1].story.id)
            settled.append(replace(article, story_id=best[1].story.id))
        return settled

    def _candidate_map(self, article: Article) -> dict[str, StoryState]:
        return {s.story.id: s for s in self._candidates(article_date(article))}

    def _add(self, state: StoryState, article: Article) -> None:
        state.vector_sum = state.vector_sum + article.embedding
        state.members = [*state.members[-(MEMBERS_KEPT - 1):], article.embedding]
        state.entities.update(entity_weights(article, self.params.entity_kind_weight).keys())
        story = state.story
        day = article_date(article)
        dates = [d for d in (story.first_date, story.last_date, day) if d]
        languages = story.languages + ((article.language,) if article.language and article.language not in story.languages else ())
        state.story = replace(
            story,
            title=story.title or article.title,
            article_ids=(*story.article_ids, article.id),
            languages=languages,
            first_date=min(dates, default=None),
            last_date=max(dates, default=None),
            centroid=state.vector_sum / (np.linalg.norm(state.vector_sum) or 1.0),
            entity_ids=tuple(e for e, _ in state.entities.most_common(20)),
        )
