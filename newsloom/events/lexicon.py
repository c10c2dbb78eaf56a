"""Trigger and modality lexicons, one data file per language (``events/data``)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

from newsloom.nlp.phrases import PhraseMatcher

PLOVER_TYPES = (
    "AGREE", "ASSAULT", "AID", "COERCE", "CONCEDE", "CONSULT", "COOPERATE", "DEMAND", "DISAPPROVE",
    "FIGHT", "INVESTIGATE", "MOBILIZE", "PROTEST", "REJECT", "RETREAT", "SANCTION", "SUPPORT", "THREATEN",
)
MODALITIES = ("negated", "future", "conditional", "requested", "reported")


@dataclass(frozen=True, slots=True)
class Trigger:
    type: str
    mode: str | None
    weight: float


@dataclass(frozen=True)
class EventLexicon:
    language: str
    triggers: PhraseMatcher[Trigger]
    modality: PhraseMatcher[str]


def _read(folder: str, language: str) -> dict:
    try:
        path = resources.files(f"newsloom.events.data.{folder}").joinpath(f"{language}.toml")
        return tomllib.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        return {}


@cache
def load_event_lexicon(language: str) -> EventLexicon:
    """The trigger and modality lexicons of ``language`` (empty when there are none)."""
    triggers = _read("triggers", language)
    entries = [
        (t["p"], Trigger(event_type, t.get("mode"), float(t.get("w", 0.8))))
        for event_type in PLOVER_TYPES
        for t in triggers.get(event_type, {}).get("triggers", [])
    ]
    modality = _read("modality", language)
    cues = [(cue, name) for name in MODALITIES for cue in modality.get(name, [])]
    return EventLexicon(language, PhraseMatcher(entries), PhraseMatcher(cues))
