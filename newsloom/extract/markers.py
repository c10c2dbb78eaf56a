"""The marks around a news body (caption labels, agency names), read from data/markers.toml."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True, slots=True)
class Markers:
    caption_labels: tuple[str, ...]
    agencies: frozenset[str]
    not_places: frozenset[str]
    author_prefixes: tuple[str, ...]

    def is_author(self, name: str) -> bool:
        """True for "By Anna Schmidt", "Par la rédaction": a byline naming a writer."""
        return any(name == prefix or name.startswith(prefix + " ") for prefix in self.author_prefixes)

    def is_agency(self, name: str) -> bool:
        """True for "AFP", "dpa", "VNA/VNS": each part a listed agency or a short name in capitals."""
        parts = [part.strip() for part in re.split(r"[/,]", name)]
        return bool(parts) and all(part in self.agencies or _capitalised(part) for part in parts)


def _capitalised(part: str) -> bool:
    letters = [ch for ch in part if ch.isalpha()]
    return 2 <= len(letters) <= 15 and len(part.split()) <= 2 and part.isupper() and part[0].isalpha()


@cache
def markers() -> Markers:
    """The caption labels and agency names of every language newsloom reads."""
    raw = resources.files("newsloom.extract.data").joinpath("markers.toml").read_text("utf-8")
    data = tomllib.loads(raw)
    return Markers(
        caption_labels=tuple(data["caption_labels"]),
        agencies=frozenset(data["agencies"]),
        not_places=frozenset(data["not_places"]),
        author_prefixes=tuple(data["author_prefixes"]),
    )
