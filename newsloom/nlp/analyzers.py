"""Sentences, tokens, parses and raw named-entity spans, per language.

Three kinds of analyser, chosen per language by ``language/data/languages.toml``:
a spaCy pipeline (en, fr, es), underthesea for Vietnamese, and a rule-based
splitter with no NER for the rest (entities then come from the gazetteer and
capitalisation in ``nlp/mentions.py``). Models load on first use.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from typing import Any, Protocol

from newsloom.errors import ModelError
from newsloom.model import Sentence, Token

# A sentence ends at . ! ? (optionally closed by a quote or bracket) before a capital, or at a line break.
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”’»)]?\s+(?=[\"“«(]?[A-ZÀ-ÝĐ0-9])|\n+")
_ABBREVIATION = re.compile(r"(?:\b[A-Z]|Mr|Mrs|Ms|Dr|Prof|St|Inc|Corp|Co|Ltd|Jr|Sr|Gen|Col|Lt|Sgt|Mme|Mlle|Sra|Sr|Dña|Nr|Abs|bzw|ca|vs|No|Art|z\.B|u\.a|d\.h)\.$")

NER_KINDS = {
    "PER": "person", "PERSON": "person",
    "ORG": "organization", "NORP": "demonym",
    "LOC": "place", "GPE": "place", "FAC": "place",
    "MISC": "misc",
}


@dataclass(frozen=True, slots=True)
class NamedSpan:
    start: int
    end: int
    label: str  # a value of NER_KINDS


@dataclass(frozen=True, slots=True)
class Analysis:
    sentences: tuple[Sentence, ...]
    tokens: tuple[Token, ...] = ()
    spans: tuple[NamedSpan, ...] = ()


class Analyzer(Protocol):
    def analyze(self, text: str) -> Analysis: ...


def split_sentences(text: str) -> tuple[Sentence, ...]:
    """Rule-based sentences: offsets into ``text``, whitespace trimmed."""
    sentences: list[Sentence] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        if m.group().strip() and _ABBREVIATION.search(text[start:m.start() + 1]):
            continue
        if m.group().isspace() and "\n" not in m.group() and _ABBREVIATION.search(text[max(0, m.start() - 6):m.start()]):
            continue
        sentences.append(Sentence(start, m.start()))
        start = m.end()
    sentences.append(Sentence(start, len(text)))
    return tuple(_trimmed(text, sentences))


def _trimmed(text: str, sentences: list[Sentence]) -> list[Sentence]:
    out = []
    for s in sentences:
        chunk = text[s.start:s.end]
        if not chunk.strip():
            continue
        lead = len(chunk) - len(chunk.lstrip())
        trail = len(chunk) - len(chunk.rstrip())
        out.append(Sentence(s.start + lead, s.end - trail))
    return out


def _split_at_newlines(text: str, sentences: tuple[Sentence, ...]) -> tuple[Sentence, ...]:
    out: list[Sentence] = []
    for s in sentences:
        start = s.start
        for m in re.finditer(r"\n+", text[s.start:s.end]):
            out.append(Sentence(start, s.start + m.start()))
            start = s.start + m.end()
        out.append(Sentence(start, s.end))
    return tuple(_trimmed(text, out))


class RuleAnalyzer:
    """Sentences by rule; no tokens parse and no NER."""

    def analyze(self, text: str) -> Analysis:
        return Analysis(split_sentences(text))


class SpacyAnalyzer:
    """A spaCy pipeline from PyPI: sentences from its parser, tokens with heads, NER spans.

    The lemmatizer is left out (``Token.lemma`` stays empty): no stage reads lemmas, and it
    costs up to a third of the French pipeline's time. Put it back here if one comes to need them.
    """

    EXCLUDE = ("lemmatizer",)

    def __init__(self, model: str) -> None:
        self.model = model
        self._nlp: Any = None  # the spaCy Language, loaded on first use

    @property
    def nlp(self):
        if self._nlp is None:
            import spacy

            try:
                with warnings.catch_warnings():
                    # W095: the Spanish pipeline on PyPI was trained with spaCy 3.1; it loads and runs under
                    # 3.8, and its accuracy is measured by the entity gold set, so the warning only alarms
                    warnings.filterwarnings("ignore", message=r"\[W095\]")
                    self._nlp = spacy.load(self.model, exclude=list(self.EXCLUDE))
            except OSError as exc:
                raise ModelError(
                    f"spaCy pipeline {self.model!r} is not installed; run `make install` "
                    f"(or pip install the package named in language/data/languages.toml)"
                ) from exc
        return self._nlp

    def analyze(self, text: str) -> Analysis:
        doc = self.nlp(text)
        tokens = tuple(
            Token(t.idx, t.idx + len(t.text), t.text, t.lemma_, t.pos_, t.dep_.lower(), t.head.i) for t in doc
        )
        sentences = _split_at_newlines(text, tuple(Sentence(s.start_char, s.end_char) for s in doc.sents))
        spans = tuple(
            NamedSpan(e.start_char, e.end_char, NER_KINDS[e.label_]) for e in doc.ents if e.label_ in NER_KINDS
        )
        return Analysis(sentences, tokens, spans)


class VietnameseAnalyzer:
    """underthesea's sentence splitter and CRF NER (both run offline)."""

    def analyze(self, text: str) -> Analysis:
        from underthesea import ner

        sentences = split_sentences(text)
        spans: list[NamedSpan] = []
        for s in sentences:
            spans.extend(_underthesea_spans(text, s, ner(text[s.start:s.end])))
        return Analysis(sentences, (), tuple(spans))


def _underthesea_spans(text: str, sentence: Sentence, tagged: list) -> list[NamedSpan]:
    """Turn underthesea's (word, pos, chunk, BIO-tag) rows into offset spans."""
    spans: list[NamedSpan] = []
    cursor = sentence.start
    current: list[int] | None = None
    label = ""
    for word, _pos, _chunk, tag in tagged:
        found = text.find(word, cursor, sentence.end)
        if found < 0:
            continue
        cursor = found + len(word)
        if tag.startswith("B-") or (tag.startswith("I-") and current is None):
            if current:
                spans.append(NamedSpan(current[0], current[1], label))
            current, label = [found, cursor], NER_KINDS.get(tag[2:], "misc")
        elif tag.startswith("I-") and current is not None:
            current[1] = cursor
        else:
            if current:
                spans.append(NamedSpan(current[0], current[1], label))
            current = None
    if current:
        spans.append(NamedSpan(current[0], current[1], label))
    return [s for s in spans if not any(ch.isdigit() for ch in text[s.start:s.end])]
