"""The real coder (models, classifier) on the multilingual test set of tests/data/events/<lang>.tsv.

Each row is one event a reader finds in its sentence: type, modality, source and
target as named there. The event scored is the one whose actors match the row's
best (the first on a tie); a sentence without event counts as wrong. The floors
are a little below the accuracy measured when they were set (README, "Event coding").
"""

from __future__ import annotations

from pathlib import Path

import pytest

from newsloom.evaluate.plover import analyse_sentence, sentence_pipeline, token_f1
from newsloom.events.coder import code_sentences
from newsloom.events.lexicon import load_event_lexicon
from newsloom.events.typer import event_typer
from newsloom.nlp.lexicon import load_lexicon
from newsloom.pipeline.components import Components
from newsloom.settings import Settings

pytestmark = pytest.mark.integration
DATA = Path(__file__).resolve().parent.parent / "data" / "events"
LANGUAGES = ("en", "fr", "vi", "es", "de")
# measured with the classifier on every trigger sentence (scope "triggers"): en 0.739, fr 0.682, vi 0.955,
# es 0.864, de 0.773 (lexicon alone: 0.826, 0.636, 0.864, 0.773, 0.818); one sentence is about 0.045.
# The news-style training sentences added for issue 6 cost en and fr three and two of these short sentences
# and gained vi and es; on the 1,050 real news sentences of the PLOVER evaluation they raised the type
# accuracy from 0.450 to 0.506: the evaluation decides, and these floors follow what was measured.
TYPE_FLOORS = {"en": 0.69, "fr": 0.63, "vi": 0.90, "es": 0.81, "de": 0.72}


def _rows(language: str) -> list[list[str]]:
    lines = (DATA / f"{language}.tsv").read_text("utf-8").splitlines()
    return [line.split("\t") for line in lines if line.strip() and not line.startswith("#")]


def _text(role) -> str:
    return role.text if role is not None else ""


def _score(rows, articles, language, typer) -> dict[str, float]:
    counts = {"type": 0, "modality": 0, "source": 0, "target": 0}
    for (event_type, modality, source, target, _sentence), article in zip(rows, articles, strict=True):
        events = code_sentences(article, load_event_lexicon(language), load_lexicon(language), typer)
        if not events:
            continue
        best = max(events, key=lambda e: token_f1(_text(e.roles.source), source)
                   + token_f1(_text(e.roles.target), target) - 0.001 * events.index(e))
        counts["type"] += best.type == event_type
        counts["modality"] += best.modality == modality
        counts["source"] += token_f1(_text(best.roles.source), source) > 0
        counts["target"] += (token_f1(_text(best.roles.target), target) > 0) if target else best.roles.target is None
    return {k: round(v / len(rows), 3) for k, v in counts.items()}


@pytest.fixture(scope="module")
def scores(tmp_path_factory) -> dict[str, dict[str, dict[str, float]]]:
    """scope of the classifier -> language -> share of rows with the right type, modality, source, target."""
    components = Components(Settings())
    typer = event_typer("triggers", components.embedder)
    pipeline = sentence_pipeline(tmp_path_factory.mktemp("events") / "events.db", components)
    out: dict[str, dict[str, dict[str, float]]] = {"triggers": {}, "off": {}}
    for language in LANGUAGES:
        rows = _rows(language)
        articles = [analyse_sentence(pipeline, row[4], language) for row in rows]
        out["triggers"][language] = _score(rows, articles, language, typer)
        out["off"][language] = _score(rows, articles, language, None)
    print("\nmultilingual event test set:", out)
    return out


@pytest.mark.parametrize("language", LANGUAGES)
def test_type_accuracy_per_language_stays_above_its_floor(scores, language):
    assert scores["triggers"][language]["type"] >= TYPE_FLOORS[language], scores


def test_every_type_and_modality_is_in_the_test_set():
    rows = [row for language in LANGUAGES for row in _rows(language)]
    assert all(len(_rows(language)) >= 20 for language in LANGUAGES)
    from newsloom.events.lexicon import PLOVER_TYPES

    assert {r[0] for r in rows} == set(PLOVER_TYPES)
    assert {r[1] for r in rows} == {"asserted", "future", "conditional", "requested", "negated", "reported"}
