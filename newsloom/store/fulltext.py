"""Full-text search helpers: the query a user types as FTS5 syntax, and the snippet shown for a hit.

The FTS5 index (migration 0003) folds case and accents itself ("unicode61
remove_diacritics 2"); letters that do not decompose into a base letter and an
accent are folded before indexing by the ``*_search_text`` views, and here, the
same way, before querying: "Da Nang" finds "Đà Nẵng", "Lodz" finds "Łódź".
Snippets are cut from the stored text in Python, so they show it as written.
"""

from __future__ import annotations

import re

from newsloom.model import strip_accents

MAX_QUERY_WORDS = 16
SNIPPET_WORDS = 28
# what the migration's *_search_text views replace, in the same order
FOLDED_LETTERS = {"đ": "d", "Đ": "D", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "ß": "ss", "æ": "ae", "Æ": "AE",
                  "œ": "oe", "Œ": "OE"}
_FOLD = str.maketrans(FOLDED_LETTERS)
_WORD = re.compile(r"\w+", re.UNICODE)
_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """``text`` with the letters the index folds before its tokenizer sees them."""
    return text.translate(_FOLD)


def search_key(word: str) -> str:
    """How the index sees one word: folded, without accents, in lower case."""
    return strip_accents(fold(word)).casefold()


def fts_query(text: str, prefix: bool = False) -> str | None:
    """An FTS5 query matching every word of ``text`` (any order), or None when it has no word.

    Each word is quoted, so operators and punctuation typed by a user are plain text,
    never FTS5 syntax. With ``prefix`` the last word also matches longer words.
    """
    words = _WORD.findall(fold(text))[:MAX_QUERY_WORDS]
    if not words:
        return None
    quoted = [f'"{w}"' for w in words]
    if prefix:
        quoted[-1] += "*"
    return " ".join(quoted)


def snippet(text: str, query: str, words: int = SNIPPET_WORDS) -> tuple[str, list[list[int]]]:
    """A passage of ``text`` around the first word of ``query`` it holds, and [start, end) of the query's words in it.

    Line breaks and runs of spaces inside the passage become single spaces.
    """
    wanted = {search_key(w) for w in _WORD.findall(query)}
    tokens = [m.span() for m in _WORD.finditer(text)]
    if not tokens:
        return " ".join(text.split())[:200], []
    hits = {i for i, (s, e) in enumerate(tokens) if search_key(text[s:e]) in wanted}
    first = max(0, min(hits) - words // 4) if hits else 0
    last = min(len(tokens), first + words) - 1
    parts, marks = ["…" if first > 0 else ""], []
    length = len(parts[0])
    for i in range(first, last + 1):
        if i > first:
            gap = _SPACES.sub(" ", text[tokens[i - 1][1]:tokens[i][0]])
            parts.append(gap)
            length += len(gap)
        word = text[tokens[i][0]:tokens[i][1]]
        if i in hits:
            marks.append([length, length + len(word)])
        parts.append(word)
        length += len(word)
    if last < len(tokens) - 1:
        parts.append("…")
    return "".join(parts), marks
