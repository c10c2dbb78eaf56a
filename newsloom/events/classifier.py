"""Event-type classifier over multilingual sentence embeddings (numpy only).

A multinomial logistic regression over multilingual-e5-small sentence vectors,
fitted on the example sentences of ``events/data/examples/<lang>.tsv`` (written
for newsloom in en, fr, vi, es, de; ``type<TAB>sentence``). Because the
embedding space is shared across languages, an example in one language helps
every other. The fitted weights live in ``events/data/classifier.npz``, made by
``python -m newsloom.events.train``; they are read, never fitted, at start.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np

from newsloom.errors import ModelError
from newsloom.events.lexicon import PLOVER_TYPES

WEIGHTS_FILE = "classifier.npz"
TRAIN_COMMAND = "python -m newsloom.events.train"


@dataclass(frozen=True)
class Example:
    language: str
    type: str
    text: str


def read_examples() -> list[Example]:
    """Every training example, from each language's file in ``events/data/examples``."""
    folder = resources.files("newsloom.events.data.examples")
    out = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".tsv"):
            continue
        language = entry.name.removesuffix(".tsv")
        for number, line in enumerate(entry.read_text("utf-8").splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            event_type, _, text = line.partition("\t")
            if event_type not in PLOVER_TYPES or not text.strip():
                raise ModelError(f"examples/{entry.name} line {number}: expected 'TYPE<TAB>sentence' with TYPE one "
                                 f"of {', '.join(PLOVER_TYPES)}; got {line[:60]!r}.")
            out.append(Example(language, event_type, text.strip()))
    return out


def _softmax(scores: np.ndarray) -> np.ndarray:
    scores = scores - scores.max(axis=1, keepdims=True)
    e = np.exp(scores)
    return e / e.sum(axis=1, keepdims=True)


@dataclass(frozen=True)
class EventClassifier:
    """Softmax over PLOVER types: ``probabilities(vectors)[i, k]`` is P(types[k] | sentence i)."""

    weights: np.ndarray  # (dimensions, types)
    bias: np.ndarray  # (types,)
    types: tuple[str, ...] = PLOVER_TYPES
    scale: float = 1.0  # logits are multiplied by it (temperature fitted on held-out folds)

    def probabilities(self, vectors: np.ndarray) -> np.ndarray:
        return _softmax((np.asarray(vectors, dtype=np.float32) @ self.weights + self.bias) * self.scale)

    def save(self, path: str) -> None:
        np.savez_compressed(path, weights=self.weights.astype(np.float32), bias=self.bias.astype(np.float32),
                            types=np.array(self.types), scale=np.float32(self.scale))


def fit_classifier(vectors: np.ndarray, labels: Sequence[str], l2: float = 1e-4, epochs: int = 1500,
                   rate: float = 10.0) -> EventClassifier:
    """Multinomial logistic regression by full-batch gradient descent (the data are a few hundred rows)."""
    x = np.asarray(vectors, dtype=np.float64)
    index = {t: k for k, t in enumerate(PLOVER_TYPES)}
    y = np.zeros((len(labels), len(PLOVER_TYPES)))
    y[np.arange(len(labels)), [index[t] for t in labels]] = 1.0
    w = np.zeros((x.shape[1], y.shape[1]))
    b = np.zeros(y.shape[1])
    for _ in range(epochs):
        p = _softmax(x @ w + b)
        grad = (p - y) / len(x)
        w -= rate * (x.T @ grad + l2 * w)
        b -= rate * grad.sum(axis=0)
    return EventClassifier(w.astype(np.float32), b.astype(np.float32))


@cache
def load_classifier() -> EventClassifier:
    """The fitted classifier shipped in ``events/data``."""
    try:
        raw = resources.files("newsloom.events.data").joinpath(WEIGHTS_FILE).read_bytes()
    except FileNotFoundError:
        raise ModelError(f"events/data/{WEIGHTS_FILE} is missing; build it with `{TRAIN_COMMAND}`.") from None
    data = np.load(io.BytesIO(raw))
    types = tuple(str(t) for t in data["types"])
    if types != PLOVER_TYPES:
        raise ModelError(f"events/data/{WEIGHTS_FILE} was fitted for other types ({', '.join(types)}); "
                         f"rebuild it with `{TRAIN_COMMAND}`.")
    return EventClassifier(data["weights"], data["bias"], types, float(data["scale"]))
