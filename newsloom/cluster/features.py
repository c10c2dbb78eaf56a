"""The evidence that an article and a story (or two articles, or two stories) tell one happening.

Six numbers, each language-independent: the multilingual embedding similarity
to the story as a whole (its centroid) and to its nearest article, the shared
canonical actors (people, organisations), the shared places and countries, the
shared dates the texts mention, and how close in time they were published.
``ClusterParams`` weighs them into one probability.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

import numpy as np

from newsloom.cluster.params import FEATURES, ClusterParams
from newsloom.model import Article, article_dates, article_day, article_entities

KIND_OF_PREFIX = {"per": "person", "org": "organization", "loc": "place", "geo": "place", "cty": "country"}
PLACE_KINDS = frozenset({"place", "country"})


def kind_of(entity_id: str) -> str:
    """An entity's kind, read from its id's prefix (``per:to-lam`` -> person)."""
    return KIND_OF_PREFIX.get(entity_id[:entity_id.find(":")], "organization")


@dataclass(frozen=True, slots=True)
class Evidence:
    """The six features of one pairing, each about in [0, 1]."""

    similarity: float  # to the centroid: one story, not a chain of look-alikes
    nearest: float  # to the nearest member: a follow-up may sit nearer one earlier report than the average
    actors: float
    places: float
    dates: float
    time: float
    other_places: float  # 1 when both name towns or regions and none is shared: another happening's place
    other_dates: float  # 1 when both mention days and none is shared

    def values(self) -> tuple[float, ...]:
        return tuple(getattr(self, name) for name in FEATURES)


def rescale_cosine(cosine: float, params: ClusterParams) -> float:
    """The cosine mapped so that unrelated news is near 0 and one happening near 1 (bounded, not clipped at 0)."""
    span = params.similarity_ceiling - params.similarity_floor
    return min(1.5, max(-1.0, (cosine - params.similarity_floor) / span))


def containment(ids: Iterable[str], other: Mapping[str, object] | frozenset[str], params: ClusterParams,
                places: bool) -> float:
    """The weighted share of ``ids`` (actors, or places) that ``other`` also names; 0 when there are none."""
    kinds = params.entity_kind_weight
    total = shared = 0.0
    for entity_id in ids:
        kind = kind_of(entity_id)
        if (kind in PLACE_KINDS) != places:
            continue
        weight = kinds.get(kind, 0.5)
        total += weight
        if entity_id in other:
            shared += weight
    return shared / total if total else 0.0


def towns(ids: Iterable[str]) -> set[str]:
    """The places below country level among ``ids``."""
    return {e for e in ids if kind_of(e) == "place"}


def disjoint(a: set[str] | frozenset[str], b: Iterable[str]) -> float:
    """1.0 when both sides have some and share none, else 0.0."""
    return 1.0 if a and any(True for _ in b) and not any(x in a for x in b) else 0.0


def date_share(dates: frozenset[str], other: Mapping[str, object] | frozenset[str]) -> float:
    return sum(1 for d in dates if d in other) / len(dates) if dates else 0.0


@dataclass(frozen=True, slots=True)
class Profile:
    """What is compared: one article, or a story (its centroid, entity and date counts, time span)."""

    vector: np.ndarray  # L2-normalised
    entities: Mapping[str, object] | frozenset[str]
    dates: Mapping[str, object] | frozenset[str]
    first: date | None
    last: date | None

    @classmethod
    def of_article(cls, article: Article) -> Profile:
        day = article_day(article)
        return cls(article.embedding, article_entities(article), article_dates(article), day, day)


TOP_ENTITIES = 15  # a story compared as a whole brings its most frequent entities, not every passing name


def evidence(a: Profile, b: Profile, params: ClusterParams, member_cosine: float | None = None) -> Evidence:
    """How ``a`` fits ``b``: entity and date shares are of ``a``'s, found in ``b``."""
    cosine = float(np.dot(a.vector, b.vector))
    nearest = cosine if member_cosine is None else max(cosine, member_cosine)
    ids = a.entities if isinstance(a.entities, frozenset) else _top(a.entities)
    if a.first is None or b.first is None:
        timing = params.time_unknown
    else:
        gap = max(0, (a.first - (b.last or b.first)).days, (b.first - (a.last or a.first)).days)
        timing = math.exp(-gap / params.time_scale_days)
    return Evidence(
        similarity=rescale_cosine(cosine, params),
        nearest=rescale_cosine(nearest, params),
        actors=containment(ids, b.entities, params, places=False),
        places=containment(ids, b.entities, params, places=True),
        dates=date_share(frozenset(a.dates), b.dates),
        time=timing,
        other_places=disjoint(towns(a.entities), towns(b.entities)),
        other_dates=disjoint(frozenset(a.dates), b.dates),
    )


def _top(counts: Mapping[str, object]) -> list[str]:
    return sorted(counts, key=lambda k: (-counts[k], k))[:TOP_ENTITIES]  # type: ignore[operator]


def logit(evidence: Evidence, params: ClusterParams) -> float:
    return params.bias + sum(params.weights[name] * value for name, value in zip(FEATURES, evidence.values(),
                                                                                  strict=True))


def probability(evidence: Evidence, params: ClusterParams) -> float:
    """How likely the pairing is one happening, by the fitted logistic model."""
    z = logit(evidence, params)
    return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))
