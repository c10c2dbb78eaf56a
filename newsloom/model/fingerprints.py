"""What duplicate detection keeps of a stored article, and how its MinHash signature is stored as bytes."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """What duplicate detection keeps of one stored article."""

    article_id: str
    text_hash: str
    signature: np.ndarray | None = field(default=None, compare=False, repr=False)  # uint32[NUM_PERM]
    url: str | None = None


def signature_to_bytes(values: np.ndarray | None) -> bytes | None:
    return None if values is None else np.asarray(values, dtype=np.uint32).tobytes()


def signature_from_bytes(blob: bytes | None) -> np.ndarray | None:
    return None if blob is None else np.frombuffer(blob, dtype=np.uint32).copy()


# The MinHash LSH bands: datasketch's optimum for a Jaccard threshold of 0.7 over 128 permutations, pinned,
# since band keys are stored: an article is a near-copy candidate of every article sharing one band.
BANDS = 14
ROWS = 9


def signature_bands(values: np.ndarray | None) -> list[bytes]:
    """The band keys of a signature (none without one): band ``i`` is rows ``i*ROWS`` to ``(i+1)*ROWS``."""
    if values is None:
        return []
    raw = np.asarray(values, dtype=np.uint32)
    return [raw[i * ROWS:(i + 1) * ROWS].tobytes() for i in range(BANDS)]
