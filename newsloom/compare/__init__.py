"""Source comparison of one story: which sentences say the same thing across articles and languages,
which claims only some sources carry, and where sources really disagree.

A stage like the others: articles (with their sentences, mentions and dates) and
sentence embeddings in, a ``Comparison`` record out; no I/O.

    sentence_units(article)          the sentences worth comparing, as SentenceRefs
    compare_story(story_id, articles, vectors)   -> Comparison
    compare_sources(...)             the same, embedding the sentences not embedded before
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from dataclasses import replace
from itertools import combinations

import numpy as np

from newsloom.compare.align import MIN_WORDS, align
from newsloom.compare.conflicts import find_conflicts, sentence_facts
from newsloom.model import (
    AlignedGroup,
    Article,
    Claim,
    Comparison,
    Conflict,
    EventMention,
    SentenceRef,
    comparison_signature,
)
from newsloom.nlp.embed import Embedder

__all__ = ["Comparison", "compare_sources", "compare_story", "comparison_signature", "sentence_units", "source_name"]


def source_name(article: Article) -> str:
    """Who published an article, as the comparison names it: its outlet, else its id."""
    return (article.outlet or "").strip() or article.id


def sentence_units(article: Article) -> list[SentenceRef]:
    """The article's sentences of at least MIN_WORDS words, the units that are embedded and compared."""
    units = []
    for s in article.sentences:
        text = article.text[s.start:s.end]
        if len(text.split()) >= MIN_WORDS:
            units.append(SentenceRef(article.id, source_name(article), article.language, s.start, s.end, text))
    return units


def compare_story(story_id: str, articles: Sequence[Article], vectors: Mapping[str, np.ndarray],
                  model: str = "", mentions: Sequence[EventMention] = ()) -> Comparison:
    """Compare the sources of one story; ``vectors[article_id]`` embeds ``sentence_units(article)`` row by row,
    ``mentions`` are the story's event mentions (for conflicting actors)."""
    t0 = time.perf_counter()
    units = {a.id: sentence_units(a) for a in articles}
    sources = tuple(dict.fromkeys(source_name(a) for a in articles))
    groups, threshold = align(units, vectors)
    by_id = {a.id: a for a in articles}
    return Comparison(
        story_id=story_id, signature=comparison_signature([a.id for a in articles], model), sources=sources,
        threshold=threshold, aligned=tuple(groups), claims=tuple(_claims(units, groups, sources)),
        conflicts=tuple(_conflicts(groups, by_id, mentions)), sentences=sum(map(len, units.values())),
        seconds=round(time.perf_counter() - t0, 4))


def _claims(units: Mapping[str, Sequence[SentenceRef]], groups: Sequence[AlignedGroup],
            sources: Sequence[str]) -> list[Claim]:
    """Sentences (alone, or aligned with some sources but not all) that not every source carries."""
    if len(sources) < 2:
        return []
    grouped = {(s.article_id, s.start) for g in groups for s in g.sentences}
    found = [(g.sentences, tuple(dict.fromkeys(s.source for s in g.sentences))) for g in groups]
    found += [((s,), (s.source,)) for refs in units.values() for s in refs if (s.article_id, s.start) not in grouped]
    claims = [Claim(sentences, carried, tuple(x for x in sources if x not in carried))
              for sentences, carried in found if len(carried) < len(sources)]
    order = {a: i for i, a in enumerate(units)}
    return sorted(claims, key=lambda c: (order[c.sentences[0].article_id], c.sentences[0].start))


def _conflicts(groups: Sequence[AlignedGroup], articles: Mapping[str, Article],
               mentions: Sequence[EventMention]) -> list[Conflict]:
    found = []
    for g in groups:
        for one, other in combinations(g.sentences, 2):
            if one.source == other.source:
                continue
            found += find_conflicts(one, other, sentence_facts(articles[one.article_id], one.start, one.end, mentions),
                                    sentence_facts(articles[other.article_id], other.start, other.end, mentions))
    return found


def compare_sources(story_id: str, articles: Sequence[Article], cached: Mapping[str, np.ndarray], embedder: Embedder,
                    model: str, mentions: Sequence[EventMention] = ()) -> tuple[Comparison | None, dict[str, np.ndarray]]:
    """The story's comparison (None with fewer than two sources) and the sentence vectors it had to compute.

    ``cached`` holds sentence vectors computed before (by article id); only the other articles are embedded.
    """
    if len({source_name(a) for a in articles}) < 2:
        return None, {}
    t0 = time.perf_counter()
    units = {a.id: sentence_units(a) for a in articles}
    missing = [a.id for a in articles if a.id not in cached or len(cached[a.id]) != len(units[a.id])]
    texts = [u.text for a in missing for u in units[a]]
    fresh: dict[str, np.ndarray] = {}
    if texts:
        rows = embedder.embed(texts)
        at = 0
        for a in missing:
            fresh[a] = rows[at:at + len(units[a])]
            at += len(units[a])
    else:
        fresh = {a: np.zeros((0, 0), dtype=np.float32) for a in missing}
    comparison = compare_story(story_id, articles, {**cached, **fresh}, model, mentions)
    return replace(comparison, seconds=round(time.perf_counter() - t0, 4)), fresh
