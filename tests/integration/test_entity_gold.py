"""The real pipeline (spaCy, underthesea, gazetteer, linking) on the entity gold set, against its floors."""

from __future__ import annotations

import tomllib

import pytest

from newsloom.evaluate import DEFAULT_PATHS, run_evaluation
from newsloom.settings import Settings

pytestmark = pytest.mark.integration
FLOORS = tomllib.loads((DEFAULT_PATHS["entities"] / "floors.toml").read_text("utf-8"))


@pytest.fixture(scope="module")
def metrics():
    return run_evaluation("entities", None, Settings(progress=False))


@pytest.mark.parametrize("language", sorted(FLOORS["f1"]))
def test_mention_f1_stays_above_its_floor(metrics, language):
    assert metrics["per_language"][language]["f1"] >= FLOORS["f1"][language], metrics["errors"][language]


def test_linking_accuracy_stays_above_its_floor(metrics):
    assert metrics["linking_accuracy"] >= FLOORS["accuracy"]["linking"], metrics["errors"]
