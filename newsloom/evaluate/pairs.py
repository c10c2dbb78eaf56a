"""Story similarity on rated article pairs (columns of SemEval-2022 Task 8's pairs file).

Every article of the file goes through the whole pipeline as one stream into a
store; then, for each pair, newsloom's similarity (the score the clusterer uses,
without time, which these articles do not carry) is correlated with the human
rating, and the stories the stream produced are compared with the clearly-same
(Overall <= 1.5) and clearly-different (Overall >= 3) pairs.
"""

from __future__ import annotations

import csv
import hashlib
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import numpy as np

from newsloom.cluster.features import Profile, evidence, logit
from newsloom.cluster.params import ClusterParams
from newsloom.engine import open_engine
from newsloom.errors import InputError
from newsloom.model import Article, Document
from newsloom.model.contract import Store
from newsloom.settings import Settings
from newsloom.store import open_store

SAME, DIFFERENT = 1.5, 3.0  # Overall ratings: 1 = very similar, 4 = very dissimilar
REQUIRED = ("pair_id", "lang1", "lang2", "text1", "text2", "Overall")


def read_pairs(path: Path, limit: int | None = None) -> list[dict[str, str]]:
    csv.field_size_limit(sys.maxsize)
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
        if missing:
            raise InputError(f"{path} lacks the column(s) {', '.join(missing)}; expected {', '.join(REQUIRED)}.")
        rows = list(reader)
    return rows[:limit] if limit else rows


def _documents(rows: list[dict[str, str]]) -> list[Document]:
    docs: dict[str, Document] = {}
    for row in rows:
        ids = row["pair_id"].split("_")
        for side, article_id in zip(("1", "2"), ids, strict=False):
            text = row[f"text{side}"].strip()
            if article_id in docs or not text:
                continue
            data = text.encode("utf-8")
            docs[article_id] = Document(f"pairs:{article_id}", data, "text/plain", hashlib.sha256(data).hexdigest(),
                                        {"language": row[f"lang{side}"]})
    return list(docs.values())


def _pearson(x: list[float], y: list[float]) -> float | None:
    if len(x) < 3 or np.std(x) == 0 or np.std(y) == 0:
        return None
    return float(np.corrcoef(x, y)[0, 1])


def evaluate_pairs(path: Path, settings: Settings, store: str | None = None, limit: int | None = None,
                   full: bool | None = None) -> dict[str, Any]:
    """Pearson with the human rating (overall and per language pair) and same-story P/R/F1.

    ``full`` is accepted for symmetry with the other evaluations: pairs always run every stage.
    """
    rows = read_pairs(path, limit)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        db = open_store(str(store or Path(tmp) / "pairs.db"))
        report = open_engine(settings, store=db).pipeline.run(_documents(rows), settings.batch_size)
        articles = articles_from_store(db)
        story_of = {a["origin"]: a["story_id"] for a in db.articles()}
        db.close()
    metrics = score_pairs(rows, articles, story_of, ClusterParams.load())
    return {
        **metrics,
        "articles": len(report.added) + len(report.present),
        "failed": [f"{f.origin}: {f.reason}" for f in report.failed],
        "seconds": round(time.perf_counter() - started, 1),
    }


def score_pairs(rows: list[dict[str, str]], articles: dict[str, Article], story_of: dict[str, str | None],
                params: ClusterParams) -> dict[str, Any]:
    """Pearson of ``pair_similarity`` with the negated rating, and same-story P/R/F1 of ``story_of``
    (origin -> story id) on the clearly-same and clearly-different pairs."""
    sims: list[float] = []
    ratings: list[float] = []
    by_pair: defaultdict[str, tuple[list[float], list[float]]] = defaultdict(lambda: ([], []))
    tp = fp = fn = 0
    for row in rows:
        id1, id2 = row["pair_id"].split("_")[:2]
        a, b = articles.get(f"pairs:{id1}"), articles.get(f"pairs:{id2}")
        if a is None or b is None:
            continue
        sim = pair_similarity(a, b, params)
        rating = float(row["Overall"])
        sims.append(sim)
        ratings.append(-rating)
        key = f"{row['lang1']}-{row['lang2']}"
        by_pair[key][0].append(sim)
        by_pair[key][1].append(-rating)
        same = story_of.get(f"pairs:{id1}") == story_of.get(f"pairs:{id2}")
        if rating <= SAME:
            tp, fn = tp + same, fn + (not same)
        elif rating >= DIFFERENT:
            fp += same
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return {
        "pearson": _pearson(sims, ratings),
        "pearson_by_pair": {k: _pearson(*v) for k, v in sorted(by_pair.items())},
        "same_story_precision": precision,
        "same_story_recall": recall,
        "same_story_f1": 2 * precision * recall / (precision + recall) if precision + recall else 0.0,
        "pairs": len(sims),
    }


def pair_similarity(a: Article, b: Article, params: ClusterParams) -> float:
    """The clusterer's evidence that two articles tell one story: its log-odds, both ways averaged.

    The log-odds, not the probability, so that a correlation sees the whole
    range; publication time is left out, as the pairs carry none.
    """
    pa, pb = Profile.of_article(a), Profile.of_article(b)
    return (logit(evidence(pa, pb, params), params) + logit(evidence(pb, pa, params), params)) / 2


def articles_from_store(store: Store) -> dict[str, Article]:
    """origin -> the article as the clusterer compares it."""
    ids = [r["id"] for r in store.articles()]
    return {a.origin: a for a in store.load_articles(ids) if a.embedding is not None}
