"""The records of a source comparison: aligned sentences, claims only some sources carry, conflicts.

Offsets (``start``/``end``) index the stored text of the article named by ``article_id``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class SentenceRef:
    """One sentence of one article, and who published it."""

    article_id: str
    source: str  # the outlet (or the article id when it has none)
    language: str | None
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class AlignedGroup:
    """Sentences of different sources that say the same thing (mutual best matches above the threshold)."""

    sentences: tuple[SentenceRef, ...]
    score: float  # the lowest similarity of the pairs that join the group


@dataclass(frozen=True, slots=True)
class Claim:
    """What some sources carry and the others do not: a sentence, or a group of aligned sentences."""

    sentences: tuple[SentenceRef, ...]
    carried_by: tuple[str, ...]  # sources
    missing_from: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Conflict:
    """Two sources giving a different date, place, figure or actor for the same thing, quoted from both."""

    kind: str  # "date" | "place" | "figure" | "actor"
    first: SentenceRef
    second: SentenceRef
    first_value: str
    second_value: str


@dataclass(frozen=True, slots=True)
class Comparison:
    story_id: str
    signature: str  # which articles (and embedder) it was computed from; another set makes it stale
    sources: tuple[str, ...]
    threshold: float  # the similarity above which two sentences align, fitted on this story's sentences
    aligned: tuple[AlignedGroup, ...] = ()
    claims: tuple[Claim, ...] = ()
    conflicts: tuple[Conflict, ...] = ()
    sentences: int = 0  # sentences compared
    seconds: float = 0.0  # time to compute, sentence embeddings included

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def comparison_signature(article_ids: Sequence[str], model: str) -> str:
    """What a stored comparison was computed from: another article set or embedder makes it stale."""
    raw = "|".join([model, *sorted(article_ids)])
    return hashlib.blake2b(raw.encode(), digest_size=8).hexdigest()
