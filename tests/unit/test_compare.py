"""Source comparison with a fake embedder: alignment, claims only some sources carry, conflicts."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime

import numpy as np

from newsloom.compare import compare_sources, compare_story, sentence_units
from newsloom.compare.align import fit_threshold, mutual_best
from newsloom.compare.conflicts import read_number
from newsloom.model import Article, DateMention, Mention, PartialDate, Sentence

TOPICS = ("meeting", "request", "praise", "pledge", "history", "weather")


class TopicEmbedder:
    """Sentences naming one of TOPICS point the same way whatever their language; the rest share a base."""

    def __init__(self) -> None:
        self.calls: list[int] = []

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        self.calls.append(len(texts))
        out = np.full((len(texts), len(TOPICS) + 1), 0.1, dtype=np.float32)
        for row, text in enumerate(texts):
            for i, topic in enumerate(TOPICS):
                if topic in text:
                    out[row, i] = 1.0
            out[row, -1] = 0.5
        return out / np.linalg.norm(out, axis=1, keepdims=True)


def make(article_id: str, outlet: str, lang: str, sentences: list[str], dates=(), places=()) -> Article:
    text = " ".join(sentences)
    spans, at = [], 0
    for s in sentences:
        spans.append(Sentence(at, at + len(s)))
        at += len(s) + 1
    found_dates = tuple(DateMention(text.index(w), text.index(w) + len(w), w, v) for w, v in dates)
    mentions = tuple(Mention(text.index(w), text.index(w) + len(w), w, "place", eid) for w, eid in places)
    return Article(article_id, article_id, article_id, text, outlet=outlet, language=lang, sentences=tuple(spans),
                   dates=found_dates, mentions=mentions, published=datetime(2025, 6, 11, tzinfo=UTC))


FR = make("fr", "VOV", "fr", ["La meeting a eu lieu le 10 juin à Hanoï.", "Il a fait une request à la firme.",
                              "Le weather était beau ce jour-là."],
          dates=[("10 juin", PartialDate(None, 6, 10))], places=[("Hanoï", "geo:hanoi")])
EN = make("en", "VNA", "en", ["The meeting took place on 10 June 2025 in Hà Nội.", "He made a request to the firm.",
                              "He gave praise to its investment projects.", "It marks a long history of twenty years."],
          dates=[("10 June 2025", PartialDate(2025, 6, 10))], places=[("Hà Nội", "geo:hanoi")])


def vectors(*articles: Article) -> dict[str, np.ndarray]:
    return {a.id: TopicEmbedder().embed([u.text for u in sentence_units(a)]) for a in articles}


def test_sentences_of_two_sources_align_and_the_rest_are_claims_of_one_source():
    c = compare_story("s", [FR, EN], vectors(FR, EN))
    pairs = [tuple(s.article_id for s in g.sentences) for g in c.aligned]
    assert pairs == [("fr", "en"), ("fr", "en")]
    only = {(claim.carried_by, topic) for claim in c.claims for topic in TOPICS if topic in claim.sentences[0].text}
    assert only == {(("VNA",), "praise"), (("VNA",), "history"), (("VOV",), "weather")}
    assert all(claim.missing_from for claim in c.claims)
    assert c.conflicts == ()  # a date without a year and the same place spelt differently agree


def test_a_different_date_place_or_figure_for_the_same_event_is_a_conflict():
    from newsloom.model import EventMention, Place

    other = make("x", "Wire", "en", ["The meeting was held on 12 June 2025 in Huế with 3 ministers.",
                                     "He made a request to the firm, in the presence of 30 officials."],
                 dates=[("12 June 2025", PartialDate(2025, 6, 12))], places=[("Huế", "geo:hue")])
    one = make("y", "Desk", "en", ["The meeting was held on 10 June 2025 in Hà Nội with 2,5 ministers.",
                                   "He made a request to the firm, in the presence of nearly 29 officials."],
               dates=[("10 June 2025", PartialDate(2025, 6, 10))], places=[("Hà Nội", "geo:hanoi")])
    mentions = [EventMention("x", "CONSULT", 0, 10, "", "held", "per:a", "per:b", place=Place("", None, None, "geo:hue")),
                EventMention("y", "CONSULT", 0, 10, "", "held", "per:a", "per:b", place=Place("", None, None, "geo:hanoi"))]
    c = compare_story("s", [one, other], vectors(one, other), mentions=mentions)
    kinds = {x.kind: (x.first_value, x.second_value) for x in c.conflicts}
    assert kinds == {"date": ("2025-06-10", "2025-06-12"), "place": ("Hà Nội", "Huế"), "figure": ("2.5", "3")}
    assert compare_story("s", [one, other], vectors(one, other)).conflicts[0].kind == "figure"  # no event: no date


def test_numbers_are_read_in_either_convention():
    assert read_number("2,5") == read_number("2.5") == 2.5
    assert read_number("20,000") == read_number("20.000") == read_number("20 000") == 20000


def test_the_threshold_is_fitted_on_the_story_and_matches_are_mutual():
    similar = np.array([[0.95, 0.80], [0.93, 0.82]])
    assert mutual_best(similar, 0.9) == [(0, 0, 0.95)]  # row 1's best is column 0, whose best is row 0
    assert mutual_best(np.array([[0.95, 0.948], [0.80, 0.82]]), 0.9) == []  # as good a match elsewhere
    assert fit_threshold([np.full((3, 3), 0.5)]) == 0.85  # never below the floor
    assert fit_threshold([np.array([[0.9, 0.8], [0.8, 0.9]])]) == 0.9
    assert fit_threshold([np.array([[1.0, 0.2], [0.2, 1.0]])]) == 0.95  # never above the ceiling


def test_only_new_articles_are_embedded_and_one_source_gives_no_comparison():
    embedder = TopicEmbedder()
    first, fresh = compare_sources("s", [FR, EN], {}, embedder, "fake")
    assert first is not None and set(fresh) == {"fr", "en"} and embedder.calls == [7]
    again, fresh = compare_sources("s", [FR, EN], vectors(FR, EN), embedder, "fake")
    assert fresh == {} and embedder.calls == [7] and again.aligned == first.aligned
    assert compare_sources("s", [FR], {}, embedder, "fake") == (None, {})


def test_an_event_with_another_actor_in_an_aligned_sentence_is_a_conflict():
    from newsloom.model import EventMention

    one = make("p", "Desk", "en", ["Lam met Rogers for a meeting in Paris."])
    other = make("q", "Wire", "en", ["Lam met Smith for a meeting in Paris."])
    one = replace(one, mentions=(Mention(0, 3, "Lam", "person", "per:lam"), Mention(8, 14, "Rogers", "person", "per:r")))
    other = replace(other, mentions=(Mention(0, 3, "Lam", "person", "per:lam"), Mention(8, 13, "Smith", "person", "per:s")))
    mentions = [EventMention("p", "CONSULT", 0, 38, "", "met", "per:lam", "per:r"),
                EventMention("q", "CONSULT", 0, 37, "", "met", "per:lam", "per:s")]
    [conflict] = compare_story("s", [one, other], vectors(one, other), mentions=mentions).conflicts
    assert (conflict.kind, conflict.first_value, conflict.second_value) == ("actor", "Rogers", "Smith")
    both = make("q", "Wire", "en", ["Lam met Rogers and Smith for a meeting in Paris."])
    both = replace(both, mentions=(*other.mentions, Mention(8, 14, "Rogers", "person", "per:r")))
    c = compare_story("s", [one, both], vectors(one, both), mentions=mentions)
    assert len(c.aligned) == 1 and c.conflicts == ()  # Rogers is named on both sides: no contradiction
