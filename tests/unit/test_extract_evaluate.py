"""score_extraction: the benchmark's 4-gram shingle precision, recall and F1."""

from __future__ import annotations

import pytest

from newsloom.extract.evaluate import page_scores, score_extraction, shingles


def test_shingles_are_a_multiset_of_token_4grams() -> None:
    assert shingles("a b c d a b c d") == {
        ("a", "b", "c", "d"): 2, ("b", "c", "d", "a"): 1, ("c", "d", "a", "b"): 1, ("d", "a", "b", "c"): 1}


def test_tokens_are_unicode_words_and_punctuation_is_ignored() -> None:
    assert shingles("Hà Nội, 10/6 — Tô Lâm!") == shingles("Hà Nội 10 6 Tô Lâm")


def test_text_shorter_than_a_shingle_is_one_shingle() -> None:
    assert shingles("two words") == {("two", "words"): 1}
    assert shingles("") == {}


def test_exact_prediction_scores_one() -> None:
    assert score_extraction({"p": "one two three four five"}, {"p": "one two three four five"})["f1"] == 1.0


def test_extra_text_lowers_precision_only() -> None:
    precision, recall = page_scores("one two three four five six", "one two three four five")
    assert (precision, recall) == (2 / 3, 1.0)


def test_missing_text_lowers_recall_only() -> None:
    precision, recall = page_scores("one two three four", "one two three four five six")
    assert (precision, recall) == (1.0, 1 / 3)


def test_repeated_shingles_count_as_often_as_they_occur() -> None:
    precision, _ = page_scores("a b c d a b c d", "a b c d")
    assert precision == pytest.approx(1 / 5)


def test_means_are_over_pages_and_f1_is_from_the_means() -> None:
    truth = {"x": "one two three four five six", "y": "a b c d e"}
    pred = {"x": "one two three four", "y": "a b c d e"}
    scores = score_extraction(pred, truth)
    assert scores["precision"] == 1.0
    assert scores["recall"] == pytest.approx((1 / 3 + 1) / 2)
    assert scores["f1"] == pytest.approx(2 * scores["recall"] / (1 + scores["recall"]))


def test_empty_cases() -> None:
    assert page_scores("", "") == (1.0, 1.0)
    assert page_scores("", "some true text here") == (0.0, 0.0)
    assert page_scores("some predicted text here", "") == (0.0, 1.0)


def test_missing_prediction_counts_as_empty() -> None:
    scores = score_extraction({}, {"p": "one two three four"})
    assert (scores["precision"], scores["recall"], scores["f1"], scores["empty_predictions"]) == (0.0, 0.0, 0.0, 1)
