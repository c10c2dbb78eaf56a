"""Which sentences the classifier reads, and its probabilities for them.

Embedding a sentence costs about as much as the rest of the coder for a whole
article, so ``scope`` says which sentences are worth it:

- ``ambiguous``: sentences whose triggers disagree on the type or are all weak,
  and sentences with no trigger that name two actors;
- ``triggers``: every sentence with a trigger, and those with no trigger that name two actors;
- ``off``: none (the trigger lexicon alone; no embedder is loaded).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from newsloom.errors import ConfigError, ModelError
from newsloom.events.classifier import EventClassifier, load_classifier
from newsloom.model import Mention
from newsloom.nlp.embed import Embedder
from newsloom.nlp.phrases import Hit
from newsloom.settings import CHOICES

log = logging.getLogger(__name__)
SCOPES = CHOICES["event_classifier"]
STRONG = 0.8  # a trigger at least this sure of its type needs no classifier when it is alone


@dataclass(frozen=True)
class EventTyper:
    """The event-type classifier over an embedder, with the scope of sentences it reads."""

    embedder: Embedder
    classifier: EventClassifier
    scope: str = "ambiguous"
    no_trigger_min: float = 0.5  # a sentence without a trigger becomes an event when its best type is this likely

    def wants(self, hits: Sequence[Hit], actors: Sequence[Mention]) -> bool:
        """Whether the sentence with these trigger hits and actors is worth embedding."""
        if not hits:
            return len({m.entity_id or m.text for m in actors}) >= 2
        if self.scope == "triggers":
            return True
        return len({h.value.type for h in hits}) > 1 or max(h.value.weight for h in hits) < STRONG

    def probabilities(self, texts: Sequence[str]) -> np.ndarray:
        """(len(texts), 18) probabilities over PLOVER_TYPES; one batch through the embedder."""
        return self.classifier.probabilities(self.embedder.embed(list(texts)))


def event_typer(scope: str, embedder: Embedder) -> EventTyper | None:
    """The typer for the ``event_classifier`` setting (None when it is ``off``)."""
    if scope not in SCOPES:
        raise ConfigError(f"Unknown event_classifier {scope!r}. Available: {', '.join(SCOPES)}.")
    if scope == "off":
        return None
    classifier = load_classifier()
    if embedder.dimensions != classifier.weights.shape[0]:
        raise ModelError(f"The event classifier reads {classifier.weights.shape[0]}-dimension multilingual-e5 vectors; "
                         f"this embedder gives {embedder.dimensions}. Use embedder=e5, or event_classifier=off.")
    return EventTyper(embedder, classifier, scope)


def setting_typer(scope: str, embedder: Embedder) -> EventTyper | None:
    """The typer the ``event_classifier`` setting asks for, or None where the embedder is not the one the
    classifier reads (the stand-in embedders of tests): then the lexicon alone types events, as the log says.
    An unknown scope is still an error."""
    try:
        return event_typer(scope, embedder)
    except ModelError as exc:
        log.warning("%s The trigger lexicon alone types events.", exc)
        return None
