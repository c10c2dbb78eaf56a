"""The numbers behind story decisions, read from ``cluster/data/params.toml``."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, fields, replace
from importlib import resources
from typing import Any

from newsloom.errors import ConfigError

FEATURES = ("similarity", "nearest", "actors", "places", "dates", "time", "other_places", "other_dates")


@dataclass(frozen=True)
class ClusterParams:
    """Weights of the evidence that an article belongs to a story, and the decision thresholds.

    The evidence is combined by a logistic model: p = 1 / (1 + exp(-(bias + sum weight_f * f))).
    An article joins the best candidate story when p >= ``threshold``; two stories merge when
    p >= ``merge_threshold``; an article leaves its story when p < ``split_threshold``.
    """

    similarity_floor: float
    similarity_ceiling: float
    entity_kind_weight: dict[str, float]
    time_scale_days: float
    time_unknown: float
    bias: float
    weights: dict[str, float]
    threshold: float
    merge_threshold: float
    split_threshold: float
    window_days: int
    bucket_days: int
    neighbours: int
    loaded_buckets: int
    undated_pool: int

    @classmethod
    def load(cls, text: str | None = None, **overrides: Any) -> ClusterParams:  # any field: replace() checks names
        """The bundled parameters (or ``text`` in the same TOML form), with ``overrides`` that are not None."""
        raw = text if text is not None else (
            resources.files("newsloom.cluster.data").joinpath("params.toml").read_text("utf-8"))
        values = tomllib.loads(raw)
        names = {f.name for f in fields(cls)}
        unknown = sorted(set(values) - names)
        missing = sorted(names - set(values))
        if unknown or missing:
            raise ConfigError(f"cluster parameters: unknown {unknown}, missing {missing}. Expected: {sorted(names)}.")
        if set(values["weights"]) != set(FEATURES):
            raise ConfigError(f"cluster parameters: weights for {sorted(values['weights'])}; expected {list(FEATURES)}.")
        params = cls(**values)
        return replace(params, **{k: v for k, v in overrides.items() if v is not None})
