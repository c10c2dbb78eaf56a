"""An article and what is read from its text; offsets always index ``Article.text``."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A calendar date whose year may be unknown ("10 juin")."""

    year: int | None
    month: int
    day: int

    def resolve(self, anchor: date | None) -> date | None:
        """The full date: the year is taken from ``anchor``, never from the clock."""
        if self.year is not None:
            return date(self.year, self.month, self.day)
        if anchor is None:
            return None
        candidates = []
        for year in (anchor.year - 1, anchor.year, anchor.year + 1):
            try:
                candidates.append(date(year, self.month, self.day))
            except ValueError:  # 29 February
                continue
        return min(candidates, key=lambda d: abs((d - anchor).days), default=None)

    def iso(self) -> str:
        year = f"{self.year:04d}" if self.year else "----"
        return f"{year}-{self.month:02d}-{self.day:02d}"


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of ``Article.text``."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Token:
    """A word with its parse, where the language has a parser.

    ``head`` indexes the article's token tuple; ``dep`` is the Universal
    Dependencies relation ("nsubj", "obj", ...) or "" without a parser.
    """

    start: int
    end: int
    text: str
    lemma: str = ""
    pos: str = ""
    dep: str = ""
    head: int = -1


@dataclass(frozen=True, slots=True)
class Mention:
    """A name or reference in the text, and the canonical entity it denotes.

    ``kind`` is one of ENTITY_KINDS; ``entity_id`` is filled by entity linking;
    ``nominal`` marks references such as "the Party chief" resolved to a name.
    """

    start: int
    end: int
    text: str
    kind: str
    entity_id: str | None = None
    nominal: bool = False


@dataclass(frozen=True, slots=True)
class DateMention:
    start: int
    end: int
    text: str
    value: PartialDate


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    country: str | None  # ISO 3166 alpha-2, as GeoNames gives it
    geonameid: int | None
    entity_id: str | None = None


@dataclass(frozen=True, slots=True)
class Article:
    """One news article: the text of record and everything read from it."""

    id: str
    origin: str
    sha256: str
    text: str
    title: str = ""
    url: str | None = None
    outlet: str | None = None
    published: datetime | None = None
    dateline: Place | None = None
    language: str | None = None
    author: str | None = None
    sentences: tuple[Sentence, ...] = ()
    mentions: tuple[Mention, ...] = ()
    dates: tuple[DateMention, ...] = ()
    tokens: tuple[Token, ...] = field(default=(), compare=False, repr=False)
    embedding: Any = field(default=None, compare=False, repr=False)  # numpy float32 vector
    story_id: str | None = None

    def cut(self, start: int, end: int) -> str:
        return self.text[start:end]
