"""Extraction quality and speed on the article-extraction benchmark.

    python benchmarks/extraction.py ../shared/eval/article-extraction [--worst 10]

DIR holds ``html/<id>.html.gz`` and ``ground-truth.json`` ({id: {"articleBody", "url"}}).
Every page goes through read_paths and extract_article, as in a real run; a
page that is skipped or fails counts as an empty prediction.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout, installed or not

from newsloom.evaluate.extraction import extract_folder
from newsloom.extract.evaluate import page_scores, score_extraction


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dir", type=Path, help="folder with html/ and ground-truth.json")
    parser.add_argument("--worst", type=int, default=0, help="list the N pages with the lowest F1")
    args = parser.parse_args()
    truth_file, pages_dir = args.dir / "ground-truth.json", args.dir / "html"
    if not truth_file.is_file() or not pages_dir.is_dir():
        print(f"No benchmark at {args.dir}: expected {truth_file} and {pages_dir}/", file=sys.stderr)
        return 2
    truth = {key: value.get("articleBody", "") for key, value in json.loads(truth_file.read_text("utf-8")).items()}

    pred, failed, seconds = extract_folder(pages_dir)
    scores = score_extraction(pred, truth)
    print(f"pages      {scores['pages']} ({len(pred)} extracted, {scores['empty_predictions']} empty)")
    print(f"F1         {scores['f1']:.4f}")
    print(f"precision  {scores['precision']:.4f}")
    print(f"recall     {scores['recall']:.4f}")
    print(f"speed      {len(pred) / seconds:.1f} pages/s ({seconds:.1f} s, ingest + extract, one process)")
    for line in failed:
        print(f"failed     {line}")
    if args.worst:
        ranked = sorted(truth, key=lambda key: _f1(*page_scores(pred.get(key, ""), truth[key])))
        for key in ranked[: args.worst]:
            precision, recall = page_scores(pred.get(key, ""), truth[key])
            print(f"worst      {key[:16]} P={precision:.3f} R={recall:.3f}")
    return 0


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


if __name__ == "__main__":
    sys.exit(main())
