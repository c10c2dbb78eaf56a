"""The pairs evaluation on a small file written here, with the fast stand-in models."""

from __future__ import annotations

import csv

import pytest

from newsloom.errors import InputError
from newsloom.evaluate import run_evaluation
from newsloom.settings import Settings

FAST = Settings(embedder="hash", analyzers="rules", progress=False, workers=1)
HEADER = ["pair_id", "lang1", "lang2", "text1", "text2", "Overall"]
FLOOD = "Floods hit the northern province after three days of heavy rain; thousands were evacuated from riverside villages."
FLOOD_2 = "Heavy rain for three days flooded the northern province and thousands left riverside villages."
CHIPS = "The chipmaker opened a design centre in the capital and plans to hire two hundred engineers next year."
TALKS = "Trade ministers ended two days of talks on tariffs without a joint statement, officials said."


def write(path, rows):
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerows(rows)
    return path


def test_scores_a_pairs_file(tmp_path):
    path = write(tmp_path / "pairs.csv", [
        ["1_2", "en", "en", FLOOD, FLOOD_2, "1.0"],
        ["1_3", "en", "en", FLOOD, CHIPS, "4.0"],
        ["3_4", "en", "en", CHIPS, TALKS, "3.5"],
        ["2_4", "en", "en", FLOOD_2, TALKS, "4.0"],
    ])
    metrics = run_evaluation("pairs", path, FAST)
    assert set(metrics) >= {"pearson", "pearson_by_pair", "same_story_precision", "same_story_recall", "same_story_f1"}
    assert metrics["pairs"] == 4 and metrics["articles"] == 4
    assert metrics["pearson"] > 0  # the one similar pair scores above the three unrelated ones
    assert "en-en" in metrics["pearson_by_pair"]


def test_a_file_without_the_columns_is_a_clear_error(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(InputError, match="lacks the column"):
        run_evaluation("pairs", path, FAST)
