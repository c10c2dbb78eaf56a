"""Evaluations on real data sets: each reads a path and returns its metrics.

These are edges (they read files); the metrics themselves live beside the stage
they measure (``extract/evaluate.py``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from newsloom.errors import ConfigError, InputError
from newsloom.evaluate.extraction import evaluate_extraction
from newsloom.settings import Settings

EVALUATIONS: dict[str, Callable[[Path, Settings], dict[str, Any]]] = {
    "extraction": evaluate_extraction,
}


def run_evaluation(what: str, path: str | Path, settings: Settings) -> dict[str, Any]:
    """Run the evaluation ``what`` on the data set at ``path``."""
    if what not in EVALUATIONS:
        raise ConfigError(f"Unknown evaluation {what!r}. Available: {', '.join(sorted(EVALUATIONS))}.")
    path = Path(path)
    if not path.exists():
        raise InputError(f"No data set at {path}.")
    return EVALUATIONS[what](path, settings)
