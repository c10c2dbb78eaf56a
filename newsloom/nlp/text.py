"""Word tokens with their offsets, as names are read from a text (name keys: ``newsloom.model.keys``)."""

from __future__ import annotations

import re
from collections.abc import Iterator

_WORD = re.compile(r"\w+(?:[-'’.&]\w+)*\.?", re.UNICODE)
_ELISION = re.compile(r"^(?:[lLdDjJnNsScCmMtT]|qu|Qu|QU)['’](?=\w)")


def words(text: str, offset: int = 0) -> Iterator[tuple[int, int, str]]:
    """Word tokens with their offsets (shifted by ``offset``)."""
    for match in _WORD.finditer(text):
        token = match.group()
        start, end = match.start(), match.end()
        elided = _ELISION.match(token)
        if elided:  # "l'UE", "d’Hanoï": the article is not part of the name
            start += elided.end()
            token = token[elided.end():]
        if token.endswith(".") and len(token) > 2 and "." not in token[:-1]:
            token, end = token[:-1], end - 1  # sentence-final period, not "Inc."
        if len(token) > 3 and token[-2:] in ("'s", "’s"):
            token, end = token[:-2], end - 2  # a possessive is not part of the name
        yield start + offset, end + offset, token
