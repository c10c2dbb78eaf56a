"""Main-text extraction on a benchmark folder: ``html/<id>.html(.gz)`` and ``ground-truth.json``."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from newsloom.errors import InputError, Skip
from newsloom.extract import extract_article
from newsloom.extract.evaluate import score_extraction
from newsloom.ingest import read_paths
from newsloom.model import Failure
from newsloom.settings import Settings


def page_id(origin: str) -> str:
    """The benchmark id of a page file: its name without .html.gz."""
    return Path(origin).name.split(".", 1)[0]


def extract_folder(pages: Path) -> tuple[dict[str, str], list[str], float]:
    """Every page's main text by id, the pages that failed, and the seconds it took."""
    pred: dict[str, str] = {}
    failed: list[str] = []
    started = time.perf_counter()
    for item in read_paths([pages]):
        if isinstance(item, Failure):
            failed.append(f"{item.origin}: {item.reason}")
            continue
        try:
            pred[page_id(item.origin)] = extract_article(item).text
        except Skip as skip:
            failed.append(f"{item.origin}: {skip}")
    return pred, failed, time.perf_counter() - started


def evaluate_extraction(folder: Path, settings: Settings) -> dict[str, Any]:
    """Precision, recall and F1 of the benchmark's shingle metric, and pages per second."""
    truth_file, pages = folder / "ground-truth.json", folder / "html"
    if not truth_file.is_file() or not pages.is_dir():
        raise InputError(f"{folder} is not an extraction benchmark: expected {truth_file} and {pages}/.")
    truth = {k: v.get("articleBody", "") for k, v in json.loads(truth_file.read_text("utf-8")).items()}
    pred, failed, seconds = extract_folder(pages)
    scores = score_extraction(pred, truth)
    return {
        "precision": scores["precision"],
        "recall": scores["recall"],
        "f1": scores["f1"],
        "pages": scores["pages"],
        "pages_per_second": round(len(pred) / seconds, 2) if seconds else 0.0,
        "failed": failed,
    }
