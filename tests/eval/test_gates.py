"""Evaluation gates on ../shared/eval; each skips with a message when the data is absent."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from newsloom.evaluate import run_evaluation
from newsloom.settings import Settings
from tests.conftest import shared_path

pytestmark = pytest.mark.eval
FLOORS = tomllib.loads((Path(__file__).parent / "floors.toml").read_text("utf-8"))


def test_extraction_f1_stays_above_its_floor():
    metrics = run_evaluation("extraction", shared_path("eval", "article-extraction"), Settings())
    assert metrics["failed"] == []
    assert metrics["f1"] >= FLOORS["extraction"]["f1"], metrics
