"""Cut a stored text into paragraphs and pieces, each piece knowing which marks (evidence, mentions) cover it.

The pages never build HTML from article text: a template writes each piece with
autoescaping and wraps the marked ones, so text from feeds stays text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

_PARAGRAPH = re.compile(r"[^\n]+")


@dataclass(frozen=True, slots=True)
class Mark:
    """A span of the text to show: ``kind`` is "event" or "entity"; ``key`` its id; ``label`` a tooltip."""

    start: int
    end: int
    kind: str
    key: str
    label: str = ""


@dataclass(frozen=True, slots=True)
class Piece:
    text: str
    marks: tuple[Mark, ...] = ()
    begins: tuple[Mark, ...] = ()  # marks whose key shows up first here (where the key's anchor goes)

    def kinds(self, kind: str) -> tuple[Mark, ...]:
        return tuple(m for m in self.marks if m.kind == kind)


def paragraphs(text: str, marks: Sequence[Mark] = ()) -> list[list[Piece]]:
    """The text's lines as paragraphs, each cut wherever a mark starts or ends."""
    out: list[list[Piece]] = []
    anchored: set[tuple[str, str]] = set()
    for para in _PARAGRAPH.finditer(text):
        start, end = para.span()
        inside = [m for m in marks if m.start < end and m.end > start and m.end > m.start]
        cuts = sorted({start, end, *(c for m in inside for c in (m.start, m.end) if start < c < end)})
        pieces = []
        for a, b in pairwise(cuts):
            covering = tuple(m for m in inside if m.start < b and m.end > a)
            begins = []
            for m in covering:
                if (m.kind, m.key) not in anchored:
                    anchored.add((m.kind, m.key))
                    begins.append(m)
            pieces.append(Piece(text[a:b], covering, tuple(begins)))
        if any(p.text.strip() for p in pieces):
            out.append(pieces)
    return out


def find_trigger(sentence: str, trigger: str) -> tuple[int, int] | None:
    """Where the trigger word first occurs in its sentence, ignoring case."""
    if not trigger:
        return None
    at = sentence.casefold().find(trigger.casefold())
    if at < 0 or len(sentence.casefold()) != len(sentence):  # casefold changed lengths: offsets would drift
        at = sentence.find(trigger)
    return (at, at + len(trigger)) if at >= 0 else None
