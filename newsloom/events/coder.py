"""Sentence-level PLOVER event mentions from trigger lexicons, a classifier and parses.

For each sentence the coder:
- finds candidate triggers in the language's lexicon (``events/data/triggers``);
- where a typer is given (``events/typer.py``) and the sentence needs it, scores
  every PLOVER type with the classifier over the sentence's multilingual embedding
  and adds the lexicon's evidence: the best type wins, so the classifier can
  relabel an ambiguous or wrong trigger and code a sentence no trigger matched;
- picks the source and target (``events/roles.py``); a subject pronoun ("he",
  "il") is the last person who was a subject;
- takes the date and place named in the sentence, else the article's own;
- reads the modality from cue words just before the trigger
  (``events/data/modality``): asserted (it happened), future (pledged,
  planned), conditional (hypothetical), requested, negated, reported.
Every mention carries its sentence as offsets into the article's text.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from newsloom.events.lexicon import PLOVER_TYPES, EventLexicon, Trigger
from newsloom.events.roles import Roles, nearest_roles, parsed_roles
from newsloom.events.typer import EventTyper
from newsloom.model import Article, EventMention, Mention, PartialDate, Place, Sentence
from newsloom.nlp.lexicon import Lexicon
from newsloom.nlp.phrases import Hit

ACTOR_KINDS = ("person", "organization", "country")
_CUE_WINDOW = 60  # characters before a trigger in which a modality cue applies
LEXICON_WEIGHT = 0.5  # how much a trigger's weight adds to the classifier's probability of its type
SECOND_EVENT_MIN = 0.1  # a further trigger of another type stays an event if the classifier gives it this much
REQUEST_MIN = 0.6  # a DEMAND trigger this sure before the main trigger makes the sentence a request (PLOVER codes the ask)


@dataclass(frozen=True)
class ArticleContext:
    """What the coder reads besides the sentence: defaults for date and place."""

    date: PartialDate | None
    place: Place | None


@dataclass(frozen=True)
class CodedEvent:
    """One event the coder reads in one sentence, before it becomes an EventMention."""

    sentence: Sentence
    trigger: Hit[Trigger]
    type: str
    roles: Roles
    modality: str
    confidence: float


def _within(m: Mention, start: int, end: int) -> bool:
    return start <= m.start and m.end <= end


def _modality(text: str, sentence: Sentence, hit: Hit, lexicon: EventLexicon, hits: list[Hit]) -> str:
    if hit.value.type:
        window = text[max(sentence.start, hit.start - _CUE_WINDOW):hit.start]
    else:  # an event the classifier read in the whole sentence: any cue in it applies
        window = text[sentence.start:sentence.end]
    cues = [c.value for c in lexicon.modality.finditer(window)]
    if any(h.value.type == "DEMAND" and h.end <= hit.start for h in hits) and hit.value.type != "DEMAND":
        return "requested"
    for name in ("negated", "conditional", "future", "requested", "reported"):
        if name in cues:
            return name
    return "asserted"


def _anchor(article: Article, sentence: Sentence, actors: list[Mention]) -> Hit[Trigger] | None:
    """Where an event no trigger matched is anchored: the sentence's main verb, else after its first actor."""
    verbs = [t for t in article.tokens if sentence.start <= t.start < sentence.end and t.pos == "VERB"]
    root = next((t for t in verbs if t.dep.lower() == "root"), verbs[0] if verbs else None)
    if root is not None:
        return Hit(root.start, root.end, root.text, Trigger("", None, 0.0))
    if actors:
        return Hit(actors[0].end, actors[0].end, "", Trigger("", None, 0.0))
    return None


def _typed(hits: list[Hit[Trigger]], probs: np.ndarray | None) -> list[tuple[Hit[Trigger], str, float]]:
    """(hit, type, confidence) of each event of a sentence; the first is its main event."""
    if probs is None:
        return [(h, h.value.type, h.value.weight) for h in hits]
    evidence = np.zeros(len(PLOVER_TYPES))
    for h in hits:
        if h.value.type:
            k = PLOVER_TYPES.index(h.value.type)
            evidence[k] = max(evidence[k], h.value.weight)
    scores = probs + LEXICON_WEIGHT * evidence
    best = int(scores.argmax())
    best_type = PLOVER_TYPES[best]
    confidence = float(scores[best]) / (1 + LEXICON_WEIGHT)
    main = max(hits, key=lambda h: (h.value.type == best_type, h.value.weight))
    asks = [h for h in hits if h.value.type == "DEMAND" and h.value.weight >= REQUEST_MIN and h.start <= main.start]
    if best_type != "DEMAND" and asks:  # "called on X to cooperate": the act is the request, not the cooperation
        main, best_type = asks[0], "DEMAND"
        confidence = (float(probs[PLOVER_TYPES.index("DEMAND")]) + LEXICON_WEIGHT * main.value.weight) / (1 + LEXICON_WEIGHT)
    out = [(main, best_type, confidence)]
    for h in hits:
        if h is not main and h.value.type != best_type and probs[PLOVER_TYPES.index(h.value.type)] >= SECOND_EVENT_MIN:
            out.append((h, h.value.type, h.value.weight * float(probs[PLOVER_TYPES.index(h.value.type)])))
    return out


def code_sentences(article: Article, lexicon: EventLexicon, words: Lexicon, typer: EventTyper | None = None,
                   need_source: bool = True) -> list[CodedEvent]:
    """Every event the coder reads in ``article`` (which must carry sentences and mentions).

    ``need_source=False`` also keeps events whose source is a phrase that names no known actor
    (evaluations compare phrases; the pipeline stores only events between entities).
    """
    hits = lexicon.triggers.longest(article.text)
    plans = []
    for sentence in article.sentences:
        in_sentence = sorted((h for h in hits if sentence.start <= h.start and h.end <= sentence.end),
                             key=lambda h: h.start)
        actors = [m for m in article.mentions if _within(m, sentence.start, sentence.end) and m.kind in ACTOR_KINDS]
        plans.append((sentence, in_sentence, actors))
    texts = [article.text[s.start:s.end] for s, h, a in plans]
    # an evaluation that reads phrases as actors also classifies sentences without a trigger or two named actors
    wanted = [i for i, (s, h, a) in enumerate(plans)
              if typer is not None and (typer.wants(h, a) or (not need_source and not h))]
    probs: dict[int, np.ndarray] = {}
    if wanted and typer is not None:
        probs = dict(zip(wanted, typer.probabilities([texts[i] for i in wanted]), strict=True))
    out: list[CodedEvent] = []
    last_subject: Mention | None = None
    person_pronouns = words.pronouns.get("person", frozenset())
    for i, (sentence, in_sentence, actors) in enumerate(plans):
        first_word = texts[i].split(" ", 1)[0].lower()
        p = probs.get(i)
        candidates = in_sentence
        if not candidates and p is not None and float(p.max()) >= typer.no_trigger_min:  # type: ignore[union-attr]
            anchor = _anchor(article, sentence, actors)
            candidates = [anchor] if anchor else []
        sources: list[Mention] = []
        for hit, event_type, weight in _typed(candidates, p) if candidates else []:
            roles = _roles(article, sentence, hit, actors, first_word in person_pronouns, last_subject)
            if roles.source is None and (need_source or roles.source_span is None):
                continue  # an act without an actor is not an event newsloom can check
            if roles.source is not None:
                sources.append(roles.source)
            confidence = weight * (1.0 if roles.source and roles.target else 0.7)
            out.append(CodedEvent(sentence, hit, event_type, roles,
                                  _modality(article.text, sentence, hit, lexicon, in_sentence), round(confidence, 3)))
        persons = [m for m in actors if m.kind == "person"]
        if sources and sources[0].kind == "person":
            last_subject = sources[0]
        elif persons and first_word not in person_pronouns:
            last_subject = persons[0]
    return out


def _roles(article: Article, sentence: Sentence, hit: Hit, actors: list[Mention], starts_with_pronoun: bool,
           last_subject: Mention | None) -> Roles:
    if article.tokens:
        roles = parsed_roles(article.tokens, sentence, hit.start, hit.end, actors)
    else:
        roles = nearest_roles(actors, hit.start)
        roles = Roles(roles.source, None, roles.source_span, None, roles.source is None and starts_with_pronoun)
    source, target = roles.source, roles.target
    if source is None and roles.pronoun:
        source = last_subject
    if target is None:
        after = [m for m in actors if m.start >= hit.start and (source is None or m.entity_id != source.entity_id)]
        target = after[0] if after else None
    if target is not None and source is not None and source.entity_id == target.entity_id:
        target = None
    target_span = roles.target_span or ((target.start, target.end) if target else None)
    return Roles(source, target, roles.source_span, target_span, roles.pronoun)


def code_events(article: Article, lexicon: EventLexicon, words: Lexicon, context: ArticleContext,
                typer: EventTyper | None = None) -> tuple[EventMention, ...]:
    """Every event mention in ``article`` (which must carry sentences and mentions).

    ``typer``: the classifier over sentence embeddings (``events.typer.event_typer``); without it
    the types come from the trigger lexicon alone.
    """
    return tuple(_mention(article, e, context) for e in code_sentences(article, lexicon, words, typer))


def _mention(article: Article, event: CodedEvent, context: ArticleContext) -> EventMention:
    sentence, source, target = event.sentence, event.roles.source, event.roles.target
    dates = [d.value for d in article.dates if sentence.start <= d.start < sentence.end]
    places = [m for m in article.mentions if _within(m, sentence.start, sentence.end) and m.kind == "place"]
    place = Place(places[0].text, None, None, places[0].entity_id) if places else context.place
    return EventMention(
        article_id=article.id,
        type=event.type,
        start=sentence.start,
        end=sentence.end,
        sentence=article.text[sentence.start:sentence.end],
        trigger=event.trigger.text,
        source_id=source.entity_id if source else None,
        target_id=target.entity_id if target else None,
        date=dates[0] if dates else context.date,
        place=place,
        mode=event.trigger.value.mode if event.trigger.value.type == event.type else None,
        modality=event.modality,
        confidence=event.confidence,
    )

