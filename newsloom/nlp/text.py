"""Name keys and word tokens: how newsloom compares names across spellings."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache

_WORD = re.compile(r"\w+(?:[-'’.&]\w+)*\.?", re.UNICODE)
_ELISION = re.compile(r"^(?:[lLdDjJnNsScCmMtT]|qu|Qu|QU)['’](?=\w)")
_NON_WORD = re.compile(r"[^\w\s]", re.UNICODE)
_SPACES = re.compile(r"\s+")
_FOLD = str.maketrans({"đ": "d", "Đ": "d", "ø": "o", "ł": "l", "ß": "ss", "æ": "ae", "œ": "oe"})


@lru_cache(maxsize=1 << 16)  # pure, and asked again for every window the gazetteer tries
def strip_accents(text: str) -> str:
    """'Tô Lâm' -> 'To Lam'; letters that do not decompose (đ, ß) are folded too."""
    if text.isascii():  # nothing to fold or decompose: the common case, made cheap
        return text
    decomposed = unicodedata.normalize("NFKD", text.translate(_FOLD))
    if decomposed.isascii():
        return decomposed
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=1 << 16)
def name_key(text: str) -> str:
    """The key two spellings of one name share: no case, accents or punctuation."""
    folded = strip_accents(text.replace("’", "'")).casefold()
    folded = folded.replace("'s ", " ").removesuffix("'s")
    return _SPACES.sub(" ", _NON_WORD.sub(" ", folded)).strip()


def slug(text: str) -> str:
    return name_key(text).replace(" ", "-") or "x"


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
