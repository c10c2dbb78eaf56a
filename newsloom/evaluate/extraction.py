"""Main-text extraction on a benchmark folder: ``html/<id>.html(.gz)`` and ``ground-truth.json``.

What is scored is the text as stored: the pages are ingested through the
pipeline (read_paths -> Pipeline.run -> SQLite), into a temporary store unless
one is given, and each page's prediction is the text of the article it became
(for a page stored as a copy of another, that article's text).

By default the pipeline stops after what the stored text depends on (extract,
duplicates, language): ``TextOnlyPipeline``, with no NLP model loaded. With
``full`` every stage runs with the models the settings name; the stored text
is the same, only slower to get.
"""

from __future__ import annotations

import json
import tempfile
import time
from pathlib import Path
from typing import Any

from newsloom.engine import open_engine
from newsloom.errors import InputError
from newsloom.extract.evaluate import score_extraction
from newsloom.ingest import read_paths
from newsloom.pipeline import select_stages
from newsloom.settings import Settings
from newsloom.store import SQLiteStore

TEXT_STAGES = select_stages(["extract", "language", "duplicates"])  # the stored text; no NLP model


def page_id(origin: str) -> str:
    """The benchmark id of a page file: its name without .html.gz."""
    return Path(origin).name.split(".", 1)[0]


def ingest_folder(pages: Path, settings: Settings, store_path: Path | None = None,
                  full: bool = False) -> tuple[dict[str, str], list[str], float]:
    """Ingest every page into a store; each page's stored text by id, the failures, and the seconds it took."""
    with tempfile.TemporaryDirectory(prefix="newsloom-eval-") as scratch:
        store = SQLiteStore(store_path or Path(scratch, "extraction.db"))
        try:
            if full:
                engine = open_engine(settings, store=store)
            else:  # nothing past language detection runs, and no model is loaded
                engine = open_engine(settings, stages=TEXT_STAGES, store=store)
            started = time.perf_counter()
            report = engine.pipeline.run(read_paths([pages]), settings.batch_size)
            seconds = time.perf_counter() - started
            root = str(pages)
            pred = {page_id(origin): text for origin, text in store.texts_by_origin().items()
                    if origin.startswith(root)}
        finally:
            store.close()
    return pred, [f"{f.origin}: {f.reason}" for f in report.failed], seconds


def extract_folder(pages: Path) -> tuple[dict[str, str], list[str], float]:
    """Every page's stored main text by id, the pages that failed, and the seconds it took (text-only mode)."""
    return ingest_folder(pages, Settings(progress=False))


def evaluate_extraction(folder: Path, settings: Settings, store: Path | None = None,
                        full: bool = False) -> dict[str, Any]:
    """Precision, recall and F1 of the benchmark's shingle metric on the stored texts, and pages per second."""
    truth_file, pages = folder / "ground-truth.json", folder / "html"
    if not truth_file.is_file() or not pages.is_dir():
        raise InputError(f"{folder} is not an extraction benchmark: expected {truth_file} and {pages}/.")
    truth = {k: v.get("articleBody", "") for k, v in json.loads(truth_file.read_text("utf-8")).items()}
    pred, failed, seconds = ingest_folder(pages, settings, store, full)
    scores = score_extraction(pred, truth)
    return {
        "precision": scores["precision"],
        "recall": scores["recall"],
        "f1": scores["f1"],
        "pages": scores["pages"],
        "pages_per_second": round(len(pred) / seconds, 2) if seconds else 0.0,
        "failed": failed,
    }
