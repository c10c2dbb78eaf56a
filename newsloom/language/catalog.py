"""The languages newsloom has data for, read from data/languages.toml."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

_TAG = re.compile(r"([a-zA-Z]{2,3})(?:[-_][a-zA-Z0-9]{1,8})*")


@dataclass(frozen=True, slots=True)
class LanguageInfo:
    """One supported language: its code, name and the NLP pipeline that reads it."""

    code: str  # ISO 639-1
    name: str
    spacy: str | None = None  # spaCy pipeline package; None when none installs from PyPI
    tokenizer: str | None = None  # a word segmenter used instead of spaCy's


@cache
def supported_languages() -> dict[str, LanguageInfo]:
    """Every language newsloom has data for, by ISO 639-1 code, in file order."""
    raw = resources.files("newsloom.language.data").joinpath("languages.toml").read_text("utf-8")
    return {
        code: LanguageInfo(code=code, name=entry["name"], spacy=entry.get("spacy"), tokenizer=entry.get("tokenizer"))
        for code, entry in tomllib.loads(raw).items()
    }


SUPPORTED: tuple[str, ...] = tuple(supported_languages())


def language_code(tag: str | None) -> str | None:
    """The primary language of a tag ("en-US" -> "en", "FR" -> "fr"); None if it is not one."""
    match = _TAG.fullmatch((tag or "").strip())
    return match.group(1).lower() if match else None
