"""Stories as the clusterer keeps them: the story record, its growing sums and counts, the articles of a window."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any, NamedTuple

import numpy as np

from newsloom.model.articles import Article

TOP_ENTITY_IDS = 20  # Story.entity_ids: the most frequent


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


class Member(NamedTuple):
    """One article as the clusterer's index sees it."""

    article_id: str
    story_id: str
    vector: np.ndarray


def article_day(article: Article) -> date | None:
    return article.published.date() if article.published else None


def article_entities(article: Article) -> frozenset[str]:
    """The canonical entities the article names (not mere references), its dateline's place included."""
    ids = {m.entity_id for m in article.mentions if m.entity_id and not m.nominal}
    if article.dateline is not None and article.dateline.entity_id:
        ids.add(article.dateline.entity_id)
    return frozenset(ids)


def article_dates(article: Article) -> frozenset[str]:
    """The calendar days the text mentions, as month-day keys (a year is often left unsaid)."""
    return frozenset(f"{d.value.month:02d}-{d.value.day:02d}" for d in article.dates)


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
