"""Who did it and to whom: the source and target of a trigger in one sentence.

With a dependency parse (en, fr, es) the source is the grammatical subject of
the trigger's verb and the target the first actor inside the trigger's own
phrase after it; each role also gets its phrase (the subject's or object's
subtree), so an evaluation can compare spans. Without a parse the source is the
nearest actor named before the trigger and the target the first one after it.
"""

from __future__ import annotations

from dataclasses import dataclass

from newsloom.model import Mention, Sentence, Token

_SUBJECT = ("nsubj", "nsubj:pass", "csubj", "agent", "nsubjpass")
_OBJECT = ("obj", "dobj", "iobj", "obl", "obl:arg", "pobj", "dative", "attr", "xcomp", "ccomp", "nmod")
Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Roles:
    source: Mention | None = None
    target: Mention | None = None
    source_span: Span | None = None  # the source's phrase ("Iran's foreign minister Abbas Araghchi")
    target_span: Span | None = None
    pronoun: bool = False  # the subject is a pronoun: the caller resolves it to the last person named


def _subtree_span(tokens: tuple[Token, ...], root: int, sentence: Sentence) -> Span:
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


def _actor_in(span: Span, actors: list[Mention]) -> Mention | None:
    inside = [m for m in actors if span[0] <= m.start and m.end <= span[1]]
    return inside[0] if inside else None


def _governing_verb(tokens: tuple[Token, ...], i: int) -> int:
    hops = 0
    while tokens[i].pos not in ("VERB", "AUX") and tokens[i].head != i and hops < 10:
        i, hops = tokens[i].head, hops + 1
    return i


def _dependents(tokens: tuple[Token, ...], head: int, sentence: Sentence, relations: tuple[str, ...]) -> list[int]:
    return [j for j, t in enumerate(tokens) if t.head == head and j != head and t.dep in relations
            and sentence.start <= t.start < sentence.end]


def _subject_of(tokens: tuple[Token, ...], verb: int, sentence: Sentence) -> int | None:
    """The subject token of ``verb``, or of the verb it is coordinated with or complements."""
    for _ in range(4):
        found = _dependents(tokens, verb, sentence, _SUBJECT)
        if found:
            return found[0]
        if tokens[verb].dep in ("conj", "xcomp", "ccomp", "advcl", "acl", "acl:relcl") and tokens[verb].head != verb:
            verb = tokens[verb].head  # "Lâm commended X and welcomed Y": welcomed shares the subject
        else:
            return None
    return None


def _object_span(tokens: tuple[Token, ...], word: int, sentence: Sentence, after: int) -> Span | None:
    """The phrase of the first object or oblique of ``word`` after offset ``after`` (prepositions followed)."""
    for j in _dependents(tokens, word, sentence, (*_OBJECT, "prep")):
        if tokens[j].start < after:
            continue
        if tokens[j].dep == "prep":  # spaCy English: "on" -> pobj
            inner = _dependents(tokens, j, sentence, ("pobj",))
            if not inner:
                continue
            j = inner[0]
        if tokens[j].pos in ("VERB", "AUX"):
            continue  # "agreed to withdraw": a clause, not a participant
        return _subtree_span(tokens, j, sentence)
    return None


def _trigger_word(tokens: tuple[Token, ...], start: int, end: int) -> int | None:
    """The word that carries a trigger: "reçu" in "a reçu", "reception" in "At a reception"."""
    inside = [j for j, t in enumerate(tokens) if start <= t.start < end]
    if not inside:
        return None
    return next((j for j in inside if tokens[j].pos == "VERB"), None) or next(
        (j for j in inside if tokens[j].pos in ("NOUN", "PROPN")), inside[0])


def parsed_roles(tokens: tuple[Token, ...], sentence: Sentence, start: int, end: int, actors: list[Mention]) -> Roles:
    """The roles of the trigger at ``start:end`` from the dependency parse."""
    i = _trigger_word(tokens, start, end)
    if i is None:
        return Roles()
    verb = _governing_verb(tokens, i)
    source, source_span, pronoun = None, None, False
    subject = _subject_of(tokens, verb, sentence)
    if subject is not None:
        source_span = _subtree_span(tokens, subject, sentence)
        source = _actor_in(source_span, actors)
        pronoun = source is None and tokens[subject].pos == "PRON"
    head = i if tokens[i].pos not in ("VERB", "AUX") else verb
    phrase = _subtree_span(tokens, head, sentence)
    after = [m for m in actors if m.start >= start and phrase[0] <= m.start < phrase[1]
             and (source is None or m.entity_id != source.entity_id)]
    target = after[0] if after else None
    target_span = _object_span(tokens, head, sentence, end) or _object_span(tokens, verb, sentence, end)
    if target is not None and not (target_span and target_span[0] <= target.start and target.end <= target_span[1]):
        target_span = (target.start, target.end)
    return Roles(source, target, source_span, target_span, pronoun)


def nearest_roles(actors: list[Mention], start: int) -> Roles:
    """Without a parse: the actor named last before the trigger, and the first one after it."""
    before = [m for m in actors if m.end <= start]
    named = [m for m in before if m.kind != "country"]  # a person or organisation before a country adjective
    source = (named or before)[-1] if before else None
    return Roles(source, None, (source.start, source.end) if source else None)
