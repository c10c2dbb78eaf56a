"""The merge/split pass: stories that turn out to be one are merged, a story whose articles drift apart is split.

Run on the stories a batch touched (and by ``newsloom recluster``). Thresholds
leave a margin on both sides of the online one (``merge_threshold`` above it,
``split_threshold`` below it), so a story merged is not split again by the next
pass and the reverse. Story ids stay stable: the larger story survives a merge
and the smaller one's id redirects to it; the part of a split story holding its
first article keeps the id.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Protocol

import numpy as np

from newsloom.cluster.features import Profile, evidence, probability
from newsloom.cluster.stories import SCORED_CANDIDATES, StoryClusterer, new_state, story_profile
from newsloom.model import Article, StoryState

SPLIT_MIN_ARTICLES = 3  # a story of two is judged when it forms; splitting starts at three
SPLIT_MAX_ARTICLES = 400  # bigger stories are not re-examined pair by pair (quadratic)


class ArticleSource(Protocol):
    def load_articles(self, article_ids: list[str]) -> list[Article]:
        """Articles with their embedding, linked mentions, dates and publication time (no text)."""
        ...


@dataclass
class Plan:
    """What a pass changes: stories to write, articles that move, ids that now redirect."""

    states: dict[str, StoryState] = field(default_factory=dict)
    moves: dict[str, str] = field(default_factory=dict)  # article id -> its new story id
    redirects: dict[str, str] = field(default_factory=dict)  # merged story id -> surviving story id
    removed: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.moves or self.redirects)


def recluster(clusterer: StoryClusterer, source: ArticleSource, story_ids: Iterable[str]) -> Plan:
    """Merge, then split, the given stories; the clusterer's state follows the plan."""
    plan = Plan()
    for story_id in sorted(set(story_ids)):
        _merge_nearby(clusterer, story_id, plan)
    for story_id in sorted({plan.redirects.get(s, s) for s in story_ids}):
        _split(clusterer, source, story_id, plan)
    return plan


def _survivor_first(a: StoryState, b: StoryState) -> tuple[StoryState, StoryState]:
    """The story that keeps its id: the larger, then the older, then the smaller id."""
    key = [(-len(s.story.article_ids), s.story.first_date.toordinal() if s.story.first_date else 0, s.story.id)
           for s in (a, b)]
    return (a, b) if key[0] <= key[1] else (b, a)


def _merge_nearby(clusterer: StoryClusterer, story_id: str, plan: Plan) -> None:
    state = clusterer.state(plan.redirects.get(story_id, story_id))
    while state is not None:
        profile = story_profile(state)
        day = state.story.last_date or state.story.first_date
        best: tuple[float, StoryState] | None = None
        found = clusterer.window.candidates(profile.vector, day)
        for other_id, member_cosine in sorted(found.items(), key=lambda x: -x[1])[:SCORED_CANDIDATES]:
            other = clusterer.state(other_id)
            if other is None or other_id == state.story.id:
                continue
            big, small = _survivor_first(state, other)
            p = probability(evidence(story_profile(small), story_profile(big), clusterer.params, member_cosine),
                            clusterer.params)
            if p >= clusterer.params.merge_threshold and (best is None or p > best[0]):
                best = (p, other)
        if best is None:
            return
        survivor, merged = _survivor_first(state, best[1])
        _apply_merge(clusterer, survivor, merged, plan)
        state = survivor  # the merged story may now reach further


def _apply_merge(clusterer: StoryClusterer, survivor: StoryState, merged: StoryState, plan: Plan) -> None:
    survivor.absorb(merged)
    old = merged.story.id
    for article_id in merged.story.article_ids:
        plan.moves[article_id] = survivor.story.id
    clusterer.window.move(merged.story.article_ids, survivor.story.id)
    for earlier, target in plan.redirects.items():
        if target == old:
            plan.redirects[earlier] = survivor.story.id
    plan.redirects[old] = survivor.story.id
    plan.states.pop(old, None)
    plan.states[survivor.story.id] = survivor
    plan.removed.append(old)
    clusterer.states.pop(old, None)


def _split(clusterer: StoryClusterer, source: ArticleSource, story_id: str, plan: Plan) -> None:
    state = clusterer.state(story_id)
    if state is None or not SPLIT_MIN_ARTICLES <= len(state.story.article_ids) <= SPLIT_MAX_ARTICLES:
        return
    articles = [a for a in source.load_articles(list(state.story.article_ids)) if a.embedding is not None]
    if len(articles) < SPLIT_MIN_ARTICLES:
        return
    groups = _drifting_groups(articles, state.story.article_ids[0], clusterer)
    if len(groups) == 1:
        return
    main, *parts = groups
    plan.states[story_id] = _rebuilt(state, main)
    clusterer.states[story_id] = plan.states[story_id]
    for part in parts:
        new = _group_state(part)
        new_id = new.story.id
        plan.states[new_id] = clusterer.states[new_id] = new
        plan.redirects.pop(new_id, None)
        for article in part:
            plan.moves[article.id] = new_id
        clusterer.window.move([a.id for a in part], new_id)


def _rebuilt(state: StoryState, articles: list[Article]) -> StoryState:
    fresh = StoryState(replace(state.story, article_ids=(), languages=(), first_date=None, last_date=None),
                       np.zeros_like(articles[0].embedding))
    for article in articles:
        fresh.add(article)
    return fresh


def _drifting_groups(articles: list[Article], first_id: str, clusterer: StoryClusterer) -> list[list[Article]]:
    """The story's articles in groups linked by pairs at least ``split_threshold`` likely; the first group
    holds the story's first article, and a group that still fits the first as a whole stays in it."""
    params = clusterer.params
    profiles = [Profile.of_article(a) for a in articles]
    parent = list(range(len(articles)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(len(articles)):
        for j in range(i + 1, len(articles)):
            if root(i) == root(j):
                continue
            p = max(probability(evidence(profiles[i], profiles[j], params), params),
                    probability(evidence(profiles[j], profiles[i], params), params))
            if p >= params.split_threshold:
                parent[root(j)] = root(i)
    components: dict[int, list[Article]] = {}
    for i, article in enumerate(articles):
        components.setdefault(root(i), []).append(article)
    ordered = sorted(components.values(), key=lambda g: (all(a.id != first_id for a in g), -len(g), g[0].id))
    main, rest = ordered[0], []
    main_profile = story_profile(_group_state(main))
    for group in ordered[1:]:
        p = probability(evidence(story_profile(_group_state(group)), main_profile, params), params)
        if p >= params.split_threshold:
            main = main + group
        else:
            rest.append(group)
    return [main, *rest]


def _group_state(articles: list[Article]) -> StoryState:
    """A story of ``articles`` alone, named after the first."""
    return _rebuilt(new_state(f"s-{articles[0].id}", articles[0]), articles)
