"""Evaluations on real data sets: each reads a path and returns its metrics.

These are edges (they read files); the metrics themselves live beside the stage
they measure (``extract/evaluate.py``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from newsloom.errors import ConfigError, InputError
from newsloom.evaluate.entities import evaluate_entities
from newsloom.evaluate.extraction import evaluate_extraction
from newsloom.evaluate.pairs import evaluate_pairs
from newsloom.evaluate.plover import evaluate_plover
from newsloom.settings import Settings

EVALUATIONS: dict[str, Callable[..., dict[str, Any]]] = {  # (path, settings, **options) -> metrics
    "entities": evaluate_entities,
    "extraction": evaluate_extraction,
    "pairs": evaluate_pairs,
    "plover": evaluate_plover,
}
# the data set an evaluation reads when no path is given (a checkout's own test data)
DEFAULT_PATHS = {"entities": Path(__file__).resolve().parents[2] / "tests" / "data" / "entities"}


def run_evaluation(what: str, path: str | Path | None, settings: Settings, **options: Any) -> dict[str, Any]:
    """Run the evaluation ``what`` on the data set at ``path``; ``options`` are that evaluation's own.

    extraction: ``store`` (a path: keep the SQLite store the pages go into),
    ``full`` (run every pipeline stage with the real models). entities: ``language`` (score one only);
    its path defaults to the gold set in ``tests/data/entities``.
    """
    if what not in EVALUATIONS:
        raise ConfigError(f"Unknown evaluation {what!r}. Available: {', '.join(sorted(EVALUATIONS))}.")
    if path is None:
        if what not in DEFAULT_PATHS:
            raise ConfigError(f"`evaluate {what}` needs the path of its data set.")
        path = DEFAULT_PATHS[what]
        if not path.exists():
            raise InputError(f"No {what} gold set at {path}: it ships with a checkout of newsloom "
                             "(tests/data/entities); pass its PATH.")
    path = Path(path)
    if not path.exists():
        raise InputError(f"No data set at {path}.")
    return EVALUATIONS[what](path, settings, **{k: v for k, v in options.items() if v is not None})
