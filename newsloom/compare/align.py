"""Sentences aligned across articles and languages by their multilingual embeddings.

Two sentences of different sources align when each is the other's best match,
by a margin over the runner-up (a sentence that matches two others equally well
matches neither), and their cosine similarity clears a threshold fitted on the
story itself:
multilingual-e5 scores unrelated text about 0.75 and sentences of one story
about 0.83 on average, so a fixed cut-off would either align everything or
nothing. The threshold is the mean of every cross-source pair plus one standard
deviation, never below ``FLOOR`` nor above ``CEILING`` (near-identical sentences always align).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from itertools import combinations

import numpy as np

from newsloom.model import AlignedGroup, SentenceRef

FLOOR = 0.85  # above what e5 gives unrelated text (≈0.75) and same-topic text (≈0.83)
CEILING = 0.95
SPREAD = 1.0  # standard deviations above the story's mean pair similarity
MARGIN = 0.005  # over the second best match of either sentence
MIN_WORDS = 4  # shorter sentences (credits, datelines) are neither aligned nor claims


def fit_threshold(blocks: Sequence[np.ndarray], floor: float = FLOOR, spread: float = SPREAD,
                  ceiling: float = CEILING) -> float:
    """The alignment threshold for one story, from the similarities of all its cross-source sentence pairs."""
    values = [b.ravel() for b in blocks if b.size]
    if not values:
        return floor
    every = np.concatenate(values)
    return round(min(ceiling, max(floor, float(every.mean() + spread * every.std()))), 4)


def mutual_best(similarity: np.ndarray, threshold: float, margin: float = MARGIN) -> list[tuple[int, int, float]]:
    """(row, column, score) of the pairs that are each other's best match by ``margin`` over any other
    match of either, and score at least ``threshold``."""
    if not similarity.size:
        return []
    rows, cols = similarity.argmax(axis=1), similarity.argmax(axis=0)
    found = []
    for i, j in enumerate(rows):
        score = float(similarity[i, j])
        if cols[j] != i or score < threshold:
            continue
        others = np.concatenate([np.delete(similarity[i], j), np.delete(similarity[:, j], i)])
        if not others.size or score - float(others.max()) >= margin:
            found.append((i, int(j), score))
    return found


def align(units: Mapping[str, Sequence[SentenceRef]], vectors: Mapping[str, np.ndarray],
          ) -> tuple[list[AlignedGroup], float]:
    """Aligned groups of sentences across articles of different sources, and the threshold used.

    ``units`` and ``vectors`` are keyed by article id; row i of a vector block embeds sentence i.
    """
    ids = [a for a in units if len(units[a])]
    pairs = [(a, b) for a, b in combinations(ids, 2) if units[a][0].source != units[b][0].source]
    blocks = {(a, b): vectors[a] @ vectors[b].T for a, b in pairs}
    threshold = fit_threshold(list(blocks.values()))
    parent: dict[tuple[str, int], tuple[str, int]] = {}
    scores: dict[tuple[str, int], float] = {}

    def root(node: tuple[str, int]) -> tuple[str, int]:
        while parent.get(node, node) != node:
            node = parent[node]
        return node

    for (a, b), block in blocks.items():
        for i, j, score in mutual_best(block, threshold):
            ra, rb = root((a, i)), root((b, j))
            parent.setdefault(ra, ra)
            parent[rb] = ra
            scores[ra] = min(scores.get(ra, 1.0), scores.get(rb, 1.0), score)
    members: dict[tuple[str, int], list[SentenceRef]] = {}
    for node in list(parent):
        members.setdefault(root(node), []).append(units[node[0]][node[1]])
    groups = [AlignedGroup(tuple(sorted(m, key=lambda s: (ids.index(s.article_id), s.start))), round(scores[r], 4))
              for r, m in members.items() if len(m) > 1]
    groups.sort(key=lambda g: (ids.index(g.sentences[0].article_id), g.sentences[0].start))
    return groups, threshold
