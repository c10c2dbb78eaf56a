"""Language identification and the languages newsloom has data for."""

from newsloom.language.catalog import SUPPORTED, LanguageInfo, language_code, supported_languages
from newsloom.language.detection import LanguageDetector, detect_language, with_language

__all__ = [
    "SUPPORTED",
    "LanguageDetector",
    "LanguageInfo",
    "detect_language",
    "language_code",
    "supported_languages",
    "with_language",
]
