"""One typed Settings object: defaults here, then environment, then flags.

Every field can be set from the environment as ``NEWSLOOM_<FIELD>`` in capitals
(``NEWSLOOM_FETCH_DELAY_S=2``, ``NEWSLOOM_ALLOW_PRIVATE_ADDRESSES=1``); the value
is read as the type of the field's default.

Values are checked when a Settings is made: a field with a closed set of values
(``CHOICES``) takes one of them, and a count, size or time takes a value that
makes sense (``POSITIVE``, ``NOT_NEGATIVE``). Anything else is a ConfigError that
names the setting and what it accepts, before any work starts.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

from newsloom.errors import ConfigError

DEFAULT_DB = "newsloom.db"
VERSION = "0.1.0"
USER_AGENT = f"newsloom/{VERSION} (news-event engine; +https://pypi.org/project/newsloom/)"
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}

# The settings whose value is one of a few words; each is read by the code named.
CHOICES: dict[str, tuple[str, ...]] = {
    "embedder": ("e5", "hash"),  # pipeline/components.py
    "analyzers": ("models", "rules"),  # pipeline/components.py
    "event_classifier": ("ambiguous", "triggers", "off"),  # events/typer.py
    "executor": ("local", "ray"),  # ingestion.py: where `newsloom batch` runs the document stages
}
# The numbers that must be above zero (a batch, a timeout, a size limit) ...
POSITIVE = frozenset({
    "batch_size", "connect_timeout_s", "read_timeout_s", "total_timeout_s", "max_body_bytes", "max_listing_urls",
    "api_max_page_size", "api_max_body_bytes", "api_max_documents", "api_max_export_rows",
})
# ... and those where zero means something (no delay, no retry, title only, the bundled window).
NOT_NEGATIVE = frozenset({
    "embed_lead_chars", "story_window_days", "workers", "fetch_delay_s", "retries", "backoff_s", "max_redirects", "retry_attempts",
})


@dataclass(frozen=True)
class Settings:
    db: str = DEFAULT_DB  # a SQLite file (or sqlite:///path, :memory:) or a postgresql:// URL
    batch_size: int = 64  # documents per transaction; names are learnt and lone articles settled per batch
    embedder: str = "e5"  # "e5" (multilingual-e5-small) or "hash" (tests only)
    embed_lead_chars: int = 800  # characters of the text embedded after the title; the embed stage's cost grows with it
    analyzers: str = "models"  # "models" (spaCy, underthesea) or "rules" (tests only)
    progress: bool = True
    story_window_days: int = 0  # candidate stories within this many days of an article's date; 0: cluster/data/params.toml

    event_classifier: str = "ambiguous"  # sentences the event-type classifier reads: ambiguous, triggers, off
    compare_on_ingest: bool = False  # compare a changed story's sources during ingest; off: on first view or `compare`
    compare_on_view: bool = True  # the API and story page compute (and store) a missing comparison when first shown
    workers: int = 0  # processes for the document stages (pipeline/executors.py); 0: one per core, 1: this process
    executor: str = "local"  # `newsloom batch`: "local" (this machine's worker processes) or "ray" (a Ray cluster)
    ray_address: str = ""  # `newsloom batch --executor ray`: the cluster (ray://host:10001); empty: a local runtime

    # fetching from the web (ingest/http.py)
    user_agent: str = USER_AGENT
    fetch_delay_s: float = 1.0  # between two requests to one host; robots.txt's Crawl-delay may ask for more
    connect_timeout_s: float = 10.0
    read_timeout_s: float = 20.0  # between two chunks of a response
    total_timeout_s: float = 60.0  # for a whole response, so a server that drips bytes cannot hold a run
    retries: int = 2  # further tries of a request that met a 429, a 5xx or a network error
    backoff_s: float = 1.0  # wait before the first retry; doubled before each next one
    max_body_bytes: int = 10_000_000  # after decompression
    max_redirects: int = 5
    allow_private_addresses: bool = False  # fetch from loopback, private and link-local addresses (intranets, tests)
    retry_attempts: int = 5  # runs that retry a retriable failure before it is left to the user
    max_listing_urls: int = 50_000  # article addresses read from one feed or sitemap (index included)

    # the HTTP API and the web pages (`newsloom serve`)
    api_token: str = field(default="", repr=False)  # the bearer token POST /api/ingest requires; empty: every write is refused
    api_max_page_size: int = 100  # rows one listing request may ask for (?limit=)
    api_max_body_bytes: int = 2_000_000  # largest request body; larger ones get 413
    api_max_documents: int = 100  # documents and URLs in one POST /api/ingest
    api_max_export_rows: int = 100_000  # events in one export of the events table

    def __post_init__(self) -> None:
        for f in fields(self):
            problem = _problem(f.name, getattr(self, f.name))
            if problem is not None:
                raise ConfigError(f"{f.name}={getattr(self, f.name)!r} is not a valid value. {problem}")

    @classmethod
    def from_env(cls, **overrides: object) -> Settings:
        """Defaults, overridden by NEWSLOOM_* variables, overridden by ``overrides`` that are not None."""
        base = cls()
        values: dict[str, object] = {}
        for f in fields(cls):
            raw = os.environ.get(f"NEWSLOOM_{f.name.upper()}")
            if raw is not None:
                values[f.name] = value = _convert(f.name, raw, getattr(base, f.name))
                if (problem := _problem(f.name, value)) is not None:  # named as the user wrote it
                    raise ConfigError(f"NEWSLOOM_{f.name.upper()}={raw!r} is not a valid value. {problem}")
        values.update({k: v for k, v in overrides.items() if v is not None})
        if "db" in values:
            values["db"] = str(values["db"])  # a Path given by a caller is a SQLite file
        if "batch_size" in values:
            values["batch_size"] = int(values["batch_size"])  # type: ignore[call-overload]
        return replace(base, **values)  # type: ignore[arg-type]


def _convert(name: str, raw: str, default: object) -> object:
    """A NEWSLOOM_* value read as the type of the field's default."""
    try:
        if isinstance(default, bool):
            if raw.strip().lower() in _TRUE | _FALSE:
                return raw.strip().lower() in _TRUE
            raise ValueError(raw)
        if isinstance(default, int):
            return int(raw)
        if isinstance(default, float):
            return float(raw)
    except ValueError:
        kind = "1/0, true/false, yes/no" if isinstance(default, bool) else type(default).__name__
        raise ConfigError(f"NEWSLOOM_{name.upper()}={raw!r} is not a valid value; expected {kind}.") from None
    if isinstance(default, Path):
        return Path(raw)
    return raw


def _problem(name: str, value: object) -> str | None:
    """What is wrong with ``value`` for the setting ``name`` (the values it accepts), or None."""
    if name in CHOICES and value not in CHOICES[name]:
        return f"Valid: {', '.join(CHOICES[name])}."
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if name in POSITIVE and not value > 0:
        return "Valid: a number above 0."
    if name in NOT_NEGATIVE and not value >= 0:
        return "Valid: 0 or more."
    return None
