"""The event coder on hand-built articles: triggers, the classifier's say, roles without a parse, modality."""

from __future__ import annotations

import numpy as np

from newsloom.events.classifier import EventClassifier
from newsloom.events.coder import ArticleContext, code_events, code_sentences
from newsloom.events.lexicon import PLOVER_TYPES, load_event_lexicon
from newsloom.events.typer import EventTyper
from newsloom.model import Article, Mention, Sentence
from newsloom.nlp.lexicon import load_lexicon

NONE = ArticleContext(None, None)


def _article(text: str, *names: tuple[str, str]) -> Article:
    """One sentence per line; each (name, kind) is a mention at its first occurrence."""
    sentences, at = [], 0
    for line in text.split("\n"):
        sentences.append(Sentence(at, at + len(line)))
        at += len(line) + 1
    mentions = [Mention(text.index(n), text.index(n) + len(n), n, kind, n.lower()) for n, kind in names]
    return Article("a1", "test", "0" * 64, text, language="en", sentences=tuple(sentences),
                   mentions=tuple(sorted(mentions, key=lambda m: m.start)))


class FakeEmbedder:
    """Each text becomes the one-hot vector of the PLOVER type named in ``choices`` for it."""

    dimensions = len(PLOVER_TYPES)

    def __init__(self, choices: dict[str, str]) -> None:
        self.choices = choices
        self.seen: list[str] = []

    def embed(self, texts):
        self.seen.extend(texts)
        out = np.zeros((len(texts), self.dimensions), dtype=np.float32)
        for i, text in enumerate(texts):
            chosen = next((t for word, t in self.choices.items() if word in text), None)
            if chosen:
                out[i, PLOVER_TYPES.index(chosen)] = 1.0
        return out


def _typer(choices: dict[str, str], scope: str = "triggers") -> EventTyper:
    n = len(PLOVER_TYPES)
    classifier = EventClassifier(np.eye(n, dtype=np.float32) * 8, np.zeros(n, dtype=np.float32))
    return EventTyper(FakeEmbedder(choices), classifier, scope)


def _code(article: Article, typer: EventTyper | None = None):
    return code_events(article, load_event_lexicon("en"), load_lexicon("en"), NONE, typer)


def test_a_trigger_between_two_actors_is_an_event_with_its_roles():
    article = _article("Spain condemned Israel on Monday.", ("Spain", "country"), ("Israel", "country"))
    (event,) = _code(article)
    assert (event.type, event.source_id, event.target_id, event.modality) == ("DISAPPROVE", "spain", "israel", "asserted")
    assert article.text[event.start:event.end] == event.sentence


def test_without_an_actor_before_the_trigger_there_is_no_event():
    assert _code(_article("Condemned by many, the plan was dropped.")) == ()


def test_modality_cues_before_the_trigger():
    cases = {
        "Japan will sanction Russia next month.": "future",
        "Japan did not sanction Russia.": "negated",
        "Japan could sanction Russia.": "conditional",
        "According to officials, Japan sanctioned Russia.": "reported",
    }
    for text, modality in cases.items():
        (event,) = _code(_article(text, ("Japan", "country"), ("Russia", "country")))
        assert event.modality == modality, text


def test_the_classifier_relabels_an_ambiguous_trigger():
    article = _article("Kenya received Somalia's request for troops.", ("Kenya", "country"), ("Somalia", "country"))
    assert _code(article)[0].type == "CONSULT"  # the lexicon reads "received" as a meeting
    events = _code(article, _typer({"request for troops": "DEMAND"}))
    assert events[0].type == "DEMAND"


def test_the_classifier_codes_a_sentence_no_trigger_matched_when_it_names_two_actors():
    article = _article("Chile shipped vaccines to Peru.", ("Chile", "country"), ("Peru", "country"))
    assert _code(article) == ()
    (event,) = _code(article, _typer({"vaccines": "AID"}))
    assert (event.type, event.source_id, event.target_id) == ("AID", "chile", "peru")


def test_a_call_for_an_act_is_a_demand_whatever_the_act():
    article = _article("Vietnam called on Qualcomm to strengthen cooperation with local firms.",
                       ("Vietnam", "country"), ("Qualcomm", "organization"))
    event, *asked = _code(article, _typer({"cooperation": "COOPERATE"}))
    assert (event.type, event.source_id, event.target_id, event.trigger) == ("DEMAND", "vietnam", "qualcomm", "called on")
    assert all(e.modality == "requested" for e in asked)  # the act asked for did not happen
    lone = _article("Vietnam strengthened cooperation with Qualcomm.", ("Vietnam", "country"), ("Qualcomm", "organization"))
    assert [e.type for e in _code(lone, _typer({"cooperation": "COOPERATE"}))] == ["COOPERATE"]


def test_an_unsure_classifier_adds_no_event_without_a_trigger():
    article = _article("Chile shipped vaccines to Peru.", ("Chile", "country"), ("Peru", "country"))
    assert _code(article, _typer({})) == ()  # uniform probabilities: below no_trigger_min


def test_scope_ambiguous_embeds_only_sentences_that_need_it():
    article = _article("Spain condemned Israel.\nThe weather was fine.\nChile shipped vaccines to Peru.",
                       ("Spain", "country"), ("Israel", "country"), ("Chile", "country"), ("Peru", "country"))
    typer = _typer({"vaccines": "AID"}, scope="ambiguous")
    assert [e.type for e in _code(article, typer)] == ["DISAPPROVE", "AID"]
    assert typer.embedder.seen == ["Chile shipped vaccines to Peru."]  # one strong trigger needs no classifier


def test_evaluations_keep_events_whose_source_is_only_a_phrase():
    article = _article("Spain condemned Israel.", ("Israel", "country"))
    assert _code(article) == ()
    coded = code_sentences(article, load_event_lexicon("en"), load_lexicon("en"), None, need_source=False)
    assert coded == []  # without a parse there is no subject phrase either
