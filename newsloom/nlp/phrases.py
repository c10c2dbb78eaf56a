"""Phrase patterns as written in newsloom's language data files.

Matching is case-insensitive on word boundaries. ``*`` at the end of a word
matches any ending ("negotiat*"), at its start any beginning (German compounds:
"*minister" finds "Wirtschaftsminister"); the ellipsis ``…`` between two parts allows a
gap of up to ten words ("called on … to", "forderte … auf").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")
_GAP = r"(?:\W+\w+(?:[-'’]\w+)*){0,10}?\W+"
_WORD_START = r"(?<!\w)"
_WORD_CHAR = re.compile(r"\w")


def _word(word: str) -> str:
    """One word of a phrase: "*" at its end (or start) stands for any ending (or beginning)."""
    head = r"\w*" if word.startswith("*") and len(word) > 1 else ""
    word = word[1:] if head else word
    if word.endswith("*"):
        return head + re.escape(word[:-1]) + r"\w*"
    return head + re.escape(word)


def phrase_regex(phrase: str) -> str:
    """The regular expression for one phrase of a data file."""
    parts = [p.strip() for p in phrase.split("…")]
    compiled = [r"\s+".join(_word(w) for w in part.split()) for part in parts if part]
    return _WORD_START + _GAP.join(compiled) + r"(?!\w)"


@dataclass(frozen=True, slots=True)
class Hit(Generic[T]):
    start: int
    end: int
    text: str
    value: T


class PhraseMatcher(Generic[T]):
    """Finds every phrase of a list in a text; each phrase carries a value."""

    def __init__(self, entries: Iterable[tuple[str, T]]) -> None:
        # Compiled without the leading look-behind, which the start check in ``_matches`` does instead:
        # a pattern that begins with a letter lets the regex engine skip ahead to that letter (2-3x faster).
        self._entries = [
            (re.compile(phrase_regex(p).removeprefix(_WORD_START), re.IGNORECASE), v) for p, v in entries if p.strip()
        ]

    def __bool__(self) -> bool:
        return bool(self._entries)

    def finditer(self, text: str) -> Iterator[Hit[T]]:
        for pattern, value in self._entries:
            for m in _matches(pattern, text):
                yield Hit(m.start(), m.end(), m.group(), value)

    def longest(self, text: str) -> list[Hit[T]]:
        """Non-overlapping hits, longest first."""
        chosen: list[Hit[T]] = []
        for hit in sorted(self.finditer(text), key=lambda h: (-(h.end - h.start), h.start)):
            if all(hit.end <= c.start or hit.start >= c.end for c in chosen):
                chosen.append(hit)
        return sorted(chosen, key=lambda h: h.start)


def _matches(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """What ``re.compile(_WORD_START + pattern.pattern).finditer(text)`` finds: matches that begin a word."""
    pos = 0
    while (m := pattern.search(text, pos)) is not None:
        start = m.start()
        if start and _WORD_CHAR.match(text, start - 1):
            pos = start + 1
            continue
        yield m
        pos = m.end() if m.end() > start else start + 1
