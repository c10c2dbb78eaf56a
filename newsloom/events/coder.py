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


def _subject_of(tokens: tuple[Token, ...], verb: int, sentence: Sentence) -> int | None:
    """The subject token of ``verb``, or of the verb it is coordinated with or complements."""
    for _ in range(4):
        for j, t in enumerate(tokens):
            if t.head == verb and j != verb and t.dep in _SUBJECT and sentence.start <= t.start < sentence.end:
                return j
        if tokens[verb].dep in ("conj", "xcomp", "ccomp", "advcl", "acl", "acl:relcl") and tokens[verb].head != verb:
            verb = tokens[verb].head  # "Lâm commended X and welcomed Y": welcomed shares the subject
        else:
            return None
    return None


def _parsed_roles(article: Article, sentence: Sentence, hit: Hit, actors: list[Mention]) -> tuple[Mention | None, Mention | None, bool]:
    """(source, target, subject_is_pronoun) from the dependency parse.

    The source is the subject of the trigger's verb; the target is the first
    actor inside the trigger's own phrase after it ("called on Qualcomm",
    "a reception for Alex Rogers"), not the object of some other verb.
    """
    tokens = article.tokens
    inside = [j for j, t in enumerate(tokens) if hit.start <= t.start < hit.end]
    if not inside:
        return None, None, False
    # the word that carries the trigger: "reçu" in "a reçu", "reception" in "At a reception"
    i = next((j for j in inside if tokens[j].pos == "VERB"), None) or next(
        (j for j in inside if tokens[j].pos in ("NOUN", "PROPN")), inside[0])
    verb = _governing_verb(tokens, i)
    source, pronoun = None, False
    subject = _subject_of(tokens, verb, sentence)
    if subject is not None:
        source = _actor_in(_subtree_span(tokens, subject, sentence), actors)
        pronoun = source is None and tokens[subject].pos == "PRON"
    phrase = _subtree_span(tokens, i if tokens[i].pos not in ("VERB", "AUX") else verb, sentence)
    after = [m for m in actors if m.start >= hit.start and phrase[0] <= m.start < phrase[1]
             and (source is None or m.entity_id != source.entity_id)]
    return source, after[0] if after else None, pronoun


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
        sources: list[Mention] = []
        for hit in in_sentence:
            source = target = None
            pronoun = False
            if article.tokens:
                source, target, pronoun = _parsed_roles(article, sentence, hit, actors)
            else:
                source = _nearest_before(actors, hit.start)
                pronoun = source is None and first_word in person_pronouns
            if source is None and pronoun:
                source = last_subject
            if target is None:
                after = [m for m in actors if m.start >= hit.start and (source is None or m.entity_id != source.entity_id)]
                target = after[0] if after else None
            if source is None:
                continue  # an act without an actor is not an event newsloom can check
            if target is not None and source.entity_id == target.entity_id:
                target = None
            sources.append(source)
            out.append(_mention(article, sentence, hit, source, target, context, _modality(article, sentence, hit, lexicon, in_sentence)))
        persons = [m for m in actors if m.kind == "person"]
        if sources and sources[0].kind == "person":
            last_subject = sources[0]
        elif persons and not (first_word in person_pronouns):
            last_subject = persons[0]
    return tuple(out)


def _nearest_before(actors: list[Mention], offset: int) -> Mention | None:
    """The actor named last before ``offset``: a person or organisation before a country adjective."""
    before = [m for m in actors if m.end <= offset]
    named = [m for m in before if m.kind != "country"]
    return (named or before)[-1] if before else None


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
