"""The models a run uses, built once and shared by every stage that needs them.

Which analyser serves which language is data (``language/data/languages.toml``):
a spaCy pipeline name, "underthesea", or nothing (rule-based sentences, entities
from the gazetteer). Settings choose real models (what users run) or fast
stand-ins (unit tests only).
"""

from __future__ import annotations

import tomllib
from functools import cache, cached_property
from importlib import resources

from newsloom.events.typer import EventTyper, setting_typer
from newsloom.language import LanguageDetector
from newsloom.nlp.analyzers import Analyzer, RuleAnalyzer, SpacyAnalyzer, VietnameseAnalyzer
from newsloom.nlp.embed import E5Embedder, Embedder, HashEmbedder
from newsloom.nlp.lexicon import load_lexicon
from newsloom.nlp.places import PlaceIndex
from newsloom.settings import Settings


def language_table() -> dict[str, dict]:
    """language code -> its row in languages.toml."""
    raw = resources.files("newsloom.language.data").joinpath("languages.toml").read_text("utf-8")
    data = tomllib.loads(raw)
    return data.get("languages", data)


@cache
def place_index() -> PlaceIndex:
    """The place index of every language with data; built once per process (it is read-only)."""
    return PlaceIndex({lang: load_lexicon(lang) for lang in language_table()})


class Components:
    """Detector, analysers, place index, embedder and event typer for one run; each built on first use."""

    def __init__(self, settings: Settings, embedder: Embedder | None = None) -> None:
        self.settings = settings
        self._analyzers: dict[str, Analyzer] = {}
        self._embedder = embedder

    @cached_property
    def detector(self) -> LanguageDetector:
        return LanguageDetector()

    @property
    def places(self) -> PlaceIndex:
        return place_index()

    @cached_property
    def embedder(self) -> Embedder:
        if self._embedder is not None:
            return self._embedder
        return HashEmbedder() if self.settings.embedder == "hash" else E5Embedder()

    @cached_property
    def typer(self) -> EventTyper | None:
        """The event-type classifier the ``event_classifier`` setting asks for (None: the lexicon alone)."""
        return setting_typer(self.settings.event_classifier, self.embedder)

    def analyzer(self, language: str | None) -> Analyzer:
        key = language or "und"
        if key not in self._analyzers:
            self._analyzers[key] = self._build(key)
        return self._analyzers[key]

    def _build(self, language: str) -> Analyzer:
        if self.settings.analyzers == "rules":
            return RuleAnalyzer()
        row = language_table().get(language, {})
        if row.get("spacy"):
            return SpacyAnalyzer(row["spacy"])
        if row.get("tokenizer") == "underthesea":
            return VietnameseAnalyzer()
        return RuleAnalyzer()
