"""How close extracted bodies come to true ones: the article-extraction benchmark's shingle metric.

Both texts are cut into ``\\w+`` tokens and then into the multiset of their
token 4-grams (a text of one to three tokens is one shingle of all of them).
Per page, TP is the size of the multiset intersection, FP = |pred| - TP and
FN = |truth| - TP. Precision and recall are the means over pages of TP/(TP+FP)
and TP/(TP+FN); F1 = 2PR/(P+R) from those means.

Where a ratio is 0/0: a page whose prediction and truth are both empty scores
precision = recall = 1. A page with an empty prediction and a non-empty truth
scores precision = 0 and recall = 0, so that giving up on a page is never
rewarded. (The benchmark's published script leaves such a page out of the
precision mean instead; ``empty_predictions`` says how many pages this choice
touches.) A non-empty
prediction against an empty truth scores precision 0 and recall 1.
"""

from __future__ import annotations

import re
from collections import Counter
from statistics import fmean
from typing import Any

SHINGLE_TOKENS = 4
_TOKEN = re.compile(r"\w+")


def shingles(text: str, size: int = SHINGLE_TOKENS) -> Counter[tuple[str, ...]]:
    """The multiset of ``size``-token shingles of a text."""
    tokens = _TOKEN.findall(text or "")
    if not tokens:
        return Counter()
    if len(tokens) < size:
        return Counter([tuple(tokens)])
    return Counter(tuple(tokens[i : i + size]) for i in range(len(tokens) - size + 1))


def page_scores(pred: str, truth: str) -> tuple[float, float]:
    """Precision and recall of one page's predicted body against its true body."""
    predicted, true = shingles(pred), shingles(truth)
    tp = sum((predicted & true).values())
    n_pred, n_true = sum(predicted.values()), sum(true.values())
    if n_pred == 0 and n_true == 0:
        return 1.0, 1.0
    precision = tp / n_pred if n_pred else 0.0
    recall = tp / n_true if n_true else 1.0
    return precision, recall


def score_extraction(pred: dict[str, str], truth: dict[str, str]) -> dict[str, Any]:
    """F1, precision and recall over the pages of ``truth``; a page missing from ``pred`` counts as empty."""
    if not truth:
        raise ValueError("score_extraction needs at least one true page; got none")
    scores = [page_scores(pred.get(page, ""), body) for page, body in truth.items()]
    precision = fmean(p for p, _ in scores)
    recall = fmean(r for _, r in scores)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "f1": f1,
        "precision": precision,
        "recall": recall,
        "pages": len(truth),
        "empty_predictions": sum(1 for page in truth if not _TOKEN.search(pred.get(page, "") or "")),
    }
