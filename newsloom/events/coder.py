"""Sentence-level PLOVER event mentions from trigger lexicons and parses.

For each trigger found in a sentence the coder picks:
- the source: the grammatical subject of the trigger's verb where a parser
  exists (en, fr, es), else the nearest actor named before the trigger; a
  subject pronoun ("he", "il") is the last person who was a subject;
- the target: the object or oblique of the trigger's verb, else the first
  actor named after it;
- the date and place named in the sentence, else the article's own (dateline,
  or the first in its lead);
- the modality from cue words just before the trigger (negated, future,
  conditional, requested, reported).
Every mention carries its sentence as offsets into the article's text.
"""

from __future__ import annotations

from dataclasses import dataclass

from newsloom.events.lexicon import EventLexicon
from newsloom.model import Article, EventMention, Mention, PartialDate, Place, Sentence, Token
from newsloom.nlp.lexicon import Lexicon
from newsloom.nlp.phrases import Hit

ACTOR_KINDS = ("person", "organization", "country")
_SUBJECT = ("nsubj", "nsubj:pass", "csubj", "agent", "nsubjpass")
_OBJECT = ("obj", "dobj", "iobj", "obl", "obl:arg", "obl:mod", "pobj", "nmod", "dative", "obl:agent")
_CUE_WINDOW = 60  # characters before a trigger in which a modality cue applies


@dataclass(frozen=True)
class ArticleContext:
    """What the coder reads besides the sentence: defaults for date and place."""

    date: PartialDate | None
    place: Place | None


def _within(m: Mention, start: int, end: int) -> bool:
    return start <= m.start and m.end <= end


def _token_at(tokens: tuple[Token, ...], offset: int) -> int | None:
    for i, t in enumerate(tokens):
        if t.start <= offset < t.end:
            return i
    return None


def _subtree_span(tokens: tuple[Token, ...], root: int, sentence: Sentence) -> tuple[int, int]:
    """Character span of a token and everything that depends on it."""
    start, end = tokens[root].start, tokens[root].end
    for i, t in enumerate(tokens):
        if not (sentence.start <= t.start < sentence.end):
            continue
        j, hops = i, 0
        while j != root and tokens[j].head != j and hops < 30:
            j, hops = tokens[j].head, hops + 1
        if j == root:
            start, end = min(start, t.start), max(end, t.end)
    return start, end


def _actor_in(span: tuple[int, int], actors: list[Mention]) -> Mention | None:
    inside = [m for m in actors if span[0] <= m.start and m.end <= span[1]]
    return inside[0] if inside else None


def _governing_verb(tokens: tuple[Token, ...], i: int) -> int:
    hops = 0
    while tokens[i].pos not in ("VERB", "AUX") and tokens[i].head != i and hops < 10:
        i, hops = tokens[i].head, hops + 1
    return i


def _parsed_roles(article: Article, sentence: Sentence, hit: Hit, actors: list[Mention]) -> tuple[Mention | None, Mention | None, bool]:
    """(source, target, subject_is_pronoun) from the dependency parse."""
    tokens = article.tokens
    i = _token_at(tokens, hit.start)
    if i is None:
        return None, None, False
    verb = _governing_verb(tokens, i)
    source = target = None
    pronoun = False
    for j, t in enumerate(tokens):
        if t.head != verb or j == verb or not (sentence.start <= t.start < sentence.end):
            continue
        span = _subtree_span(tokens, j, sentence)
        if t.dep in _SUBJECT and source is None:
            source = _actor_in(span, actors)
            pronoun = source is None and t.pos == "PRON"
        elif t.dep in _OBJECT and target is None and t.start >= hit.start:
            target = _actor_in(span, actors)
    return source, target, pronoun


def _modality(article: Article, sentence: Sentence, hit: Hit, lexicon: EventLexicon, hits: list[Hit]) -> str:
    window = article.text[max(sentence.start, hit.start - _CUE_WINDOW):hit.start]
    cues = [c.value for c in lexicon.modality.finditer(window)]
    if any(h.value.type == "DEMAND" and h.end <= hit.start for h in hits) and hit.value.type != "DEMAND":
        return "requested"
    for name in ("negated", "conditional", "future", "requested", "reported"):
        if name in cues:
            return name
    return "asserted"


def code_events(article: Article, lexicon: EventLexicon, words: Lexicon, context: ArticleContext) -> tuple[EventMention, ...]:
    """Every event mention in ``article`` (which must carry sentences and mentions)."""
    hits = lexicon.triggers.longest(article.text)
    out: list[EventMention] = []
    last_subject: Mention | None = None
    person_pronouns = words.pronouns.get("person", frozenset())
    for sentence in article.sentences:
        in_sentence = [h for h in hits if sentence.start <= h.start and h.end <= sentence.end]
        actors = [m for m in article.mentions if _within(m, sentence.start, sentence.end) and m.kind in ACTOR_KINDS]
        first_word = article.text[sentence.start:sentence.end].split(" ", 1)[0].lower()
        for hit in in_sentence:
            source = target = None
            pronoun = False
            if article.tokens:
                source, target, pronoun = _parsed_roles(article, sentence, hit, actors)
            if source is None and not pronoun:
                before = [m for m in actors if m.end <= hit.start]
                source = before[-1] if before else None
            if source is None and (pronoun or first_word in person_pronouns):
                source = last_subject
            if target is None:
                after = [m for m in actors if m.start >= hit.end and (source is None or m.entity_id != source.entity_id)]
                target = after[0] if after else None
            if source is None and target is None:
                continue
            if source is not None and target is not None and source.entity_id == target.entity_id:
                target = None
            out.append(_mention(article, sentence, hit, source, target, context, _modality(article, sentence, hit, lexicon, in_sentence)))
        subjects = [m for m in actors if m.kind == "person"]
        if subjects:
            last_subject = next((m for m in subjects if m.start < (in_sentence[0].start if in_sentence else sentence.end)), subjects[0])
    return tuple(out)


def _mention(article: Article, sentence: Sentence, hit: Hit, source: Mention | None, target: Mention | None,
             context: ArticleContext, modality: str) -> EventMention:
    dates = [d.value for d in article.dates if sentence.start <= d.start < sentence.end]
    places = [m for m in article.mentions if _within(m, sentence.start, sentence.end) and m.kind == "place"]
    place = Place(places[0].text, None, None, places[0].entity_id) if places else context.place
    confidence = hit.value.weight * (1.0 if source and target else 0.7)
    return EventMention(
        article_id=article.id,
        type=hit.value.type,
        start=sentence.start,
        end=sentence.end,
        sentence=article.text[sentence.start:sentence.end],
        trigger=hit.text,
        source_id=source.entity_id if source else None,
        target_id=target.entity_id if target else None,
        date=dates[0] if dates else context.date,
        place=place,
        mode=hit.value.mode,
        modality=modality,
        confidence=round(confidence, 3),
    )
