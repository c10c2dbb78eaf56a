"""One typed Settings object: defaults here, then environment, then flags."""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path

DEFAULT_DB = "newsloom.db"


@dataclass(frozen=True)
class Settings:
    db: Path = Path(DEFAULT_DB)
    batch_size: int = 16  # documents per transaction
    embedder: str = "e5"  # "e5" (multilingual-e5-small) or "hash" (tests only)
    analyzers: str = "models"  # "models" (spaCy, underthesea) or "rules" (tests only)
    progress: bool = True

    @classmethod
    def from_env(cls, **overrides: object) -> Settings:
        """Defaults, overridden by NEWSLOOM_* variables, overridden by ``overrides`` that are not None."""
        base = cls()
        env = {
            "db": os.environ.get("NEWSLOOM_DB"),
            "batch_size": os.environ.get("NEWSLOOM_BATCH_SIZE"),
            "embedder": os.environ.get("NEWSLOOM_EMBEDDER"),
            "analyzers": os.environ.get("NEWSLOOM_ANALYZERS"),
        }
        values = {k: v for k, v in env.items() if v is not None}
        values.update({k: v for k, v in overrides.items() if v is not None})
        if "db" in values:
            values["db"] = Path(str(values["db"]))
        if "batch_size" in values:
            values["batch_size"] = int(values["batch_size"])  # type: ignore[arg-type]
        return replace(base, **values)  # type: ignore[arg-type]
