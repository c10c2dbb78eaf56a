"""Fingerprints of an article's text: an exact hash and a MinHash signature (pure functions).

Both read the text the same way: lowercased word tokens (``\\w+``), so
whitespace, punctuation and case never tell two copies apart. The hash finds
the same text; the MinHash of word 3-gram shingles estimates the Jaccard
similarity of two texts, for near-copies (a wire story with a new headline, an
added paragraph, a reworded sentence).
"""

from __future__ import annotations

import hashlib
import re

import numpy as np
from datasketch import MinHash

from newsloom.model import Fingerprint

NUM_PERM = 128
SEED = 1
SCHEME = "affine32"  # datasketch's scheme, pinned: stored signatures must be comparable across versions
SHINGLE_WORDS = 3
MIN_TOKENS = 50  # below this a text is too short for a reliable similarity estimate: exact hash only
_TOKEN = re.compile(r"\w+")


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.lower())


def text_hash(text: str) -> str:
    """The SHA-256 of the text's word tokens: equal for texts that differ only in spacing, case, punctuation."""
    return hashlib.sha256(" ".join(tokens(text)).encode("utf-8")).hexdigest()


def signature(text: str) -> np.ndarray | None:
    """The MinHash signature of the text's word 3-grams, or None when the text is too short."""
    words = tokens(text)
    if len(words) < MIN_TOKENS:
        return None
    shingles = {" ".join(words[i : i + SHINGLE_WORDS]).encode("utf-8") for i in range(len(words) - SHINGLE_WORDS + 1)}
    minhash = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME)
    minhash.update_batch(list(shingles))
    return minhash.hashvalues.copy()


def fingerprint(article_id: str, text: str, url: str | None = None) -> Fingerprint:
    return Fingerprint(article_id, text_hash(text), signature(text), url)
