"""The keys records are matched by, shared by the stages and the store: names across spellings, sources."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

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


def source_key(article_id: str, outlet: str | None) -> str:
    """One key per outlet, whatever its case and spacing; an article without an outlet is its own source.

    The store counts ``events.sources`` with the same rule in SQL (migration 0006: ``lower(trim(outlet))``,
    and SQLite's ``lower`` folds ASCII letters only, so this does too).
    """
    folded = "".join(c.lower() if c.isascii() else c for c in (outlet or "").strip())
    return folded or article_id
