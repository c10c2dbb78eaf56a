"""The declared stage list: what each stage needs, what it provides, and whether it is per document or corpus-wide.

A **document** stage is a pure map over the works of a batch: it reads one document (and the read-only
models of ``Components``) and returns it further analysed, so any number of them can run in parallel and
in any order. A **corpus** stage reads and changes the state a run keeps across documents and batches (the
duplicate index, the entity registry, the stories); ``pipeline/corpus.py`` runs them in one process, in the
order the documents came, which is what makes a run's result independent of how the map was executed.

    extract     document  Document -> Article: main text, title, outlet, dateline, published
    language    document  the article's language
    nlp         document  sentences, tokens and parse, named-entity spans
    dates       document  calendar dates in the text, anchored at publication
    dateline    document  the dateline's place in the gazetteer
    embed       document  the multilingual embedding of title and lead (one model call per batch)
    duplicates  corpus    a copy of a stored or earlier article (same URL, same words, near-copy) becomes a Copy
    entities    corpus    names learnt from the whole batch, then every mention linked to its canonical entity
    events      document  PLOVER event mentions of each sentence (needs linked actors, not the story)
    stories     corpus    each article joins a story or opens one; events fused per story; merge/split

The analysis comes before the duplicate check, so that one map runs all of it: the check reads only the
text, and a copy, even one whose analysis failed, is recorded as a copy of the first article as if it had
been checked first, so the result does not depend on the order; the cost is the analysis of copies (the
same bytes again never get that far: the run loop finds them in the store first).

Evaluations and benchmarks choose stages (``select_stages``) or replace one (``replace_stage``) instead of
subclassing the pipeline; ``check_stages`` refuses a list in which a stage needs what no earlier one provides.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from newsloom.errors import ConfigError, Skip
from newsloom.events.coder import code_events
from newsloom.events.context import article_context
from newsloom.events.lexicon import load_event_lexicon
from newsloom.extract import extract_article
from newsloom.language import with_language
from newsloom.model import Article, Failure
from newsloom.nlp.dates import find_dates
from newsloom.nlp.embed import embedding_text
from newsloom.nlp.lexicon import load_lexicon
from newsloom.pipeline.components import Components
from newsloom.pipeline.work import Work

TITLE_CHARS = 140

DocumentFn = Callable[[Work, Components], Work]
BatchFn = Callable[[list[Work], Components], list[Work]]


@dataclass(frozen=True)
class Stage:
    """One step of the pipeline. ``run`` is a per-work function (document stages), a per-batch function
    (``batched``: one model call for the batch), or None for a corpus stage, run by ``Corpus`` by name."""

    name: str
    kind: str  # "document" | "corpus"
    needs: tuple[str, ...]
    provides: tuple[str, ...]
    run: DocumentFn | BatchFn | None = None
    batched: bool = False


def derive_title(article: Article) -> str:
    """A title for an article that has none: its first sentence, shortened at a word."""
    first = article.text.split("\n", 1)[0]
    if article.sentences:
        s = article.sentences[0]
        first = article.text[s.start:s.end]
    if len(first) <= TITLE_CHARS:
        return first
    return first[:TITLE_CHARS].rsplit(" ", 1)[0] + " …"


def extract(work: Work, c: Components) -> Work:
    return replace(work, article=extract_article(work.doc))


def language(work: Work, c: Components) -> Work:
    assert work.article is not None
    return replace(work, article=with_language(work.article, c.detector))


def analyse_text(work: Work, c: Components) -> Work:
    """Sentences, tokens and named-entity spans; an article with no sentence is skipped."""
    article = work.article
    assert article is not None
    analysis = c.analyzer(article.language).analyze(article.text)
    article = replace(article, sentences=analysis.sentences, tokens=analysis.tokens)
    if not article.sentences:
        raise Skip("no_sentences", "the text has no sentence")
    if not article.title:
        article = replace(article, title=derive_title(article))
    return replace(work, article=article, analysis=analysis)


def dates(work: Work, c: Components) -> Work:
    article = work.article
    assert article is not None
    anchor = article.published.date() if article.published else None
    return replace(work, article=replace(article, dates=find_dates(article.text, article.language, anchor)))


def dateline(work: Work, c: Components) -> Work:
    """The dateline's town as a gazetteer place (its entity is registered by the entities stage)."""
    article = work.article
    assert article is not None
    if article.dateline is None:
        return work
    place = c.places.place(article.dateline.name, language=article.language)
    return work if place is None else replace(work, article=replace(article, dateline=place))


def embed(works: list[Work], c: Components) -> list[Work]:
    """Title and lead of every live article, embedded in one call."""
    live = [i for i, w in enumerate(works) if w.live and w.article is not None]
    if not live:
        return works
    articles = [works[i].article for i in live]
    vectors = c.embedder.embed([embedding_text(a, c.settings.embed_lead_chars) for a in articles if a])
    out = list(works)
    for i, article, vector in zip(live, articles, vectors, strict=True):
        assert article is not None
        out[i] = replace(works[i], article=replace(article, embedding=vector))
    return out


def events(work: Work, c: Components) -> Work:
    """The article's event mentions; the classifier (setting ``event_classifier``) reads the sentences it needs."""
    article = work.article
    assert article is not None
    lang = article.language or "und"
    mentions = code_events(article, load_event_lexicon(lang), load_lexicon(lang), article_context(article), c.typer)
    return replace(work, mentions=tuple(mentions))


STAGES: tuple[Stage, ...] = (
    Stage("extract", "document", ("document",), ("text", "title", "published", "dateline"), extract),
    Stage("language", "document", ("text",), ("language",), language),
    Stage("nlp", "document", ("text", "language"), ("sentences", "tokens", "spans"), analyse_text),
    Stage("dates", "document", ("text", "language"), ("dates",), dates),
    Stage("dateline", "document", ("dateline", "language"), ("dateline_place",), dateline),
    Stage("embed", "document", ("text", "title"), ("embedding",), embed, batched=True),
    Stage("duplicates", "corpus", ("text",), ("fingerprint",)),
    Stage("entities", "corpus", ("spans", "dateline_place"), ("mentions",)),
    Stage("events", "document", ("mentions", "sentences", "tokens", "dates"), ("event_mentions",), events),
    Stage("stories", "corpus", ("embedding", "mentions", "dates", "event_mentions"), ("story", "events")),
)
STAGE_NAMES = tuple(s.name for s in STAGES)


def check_stages(stages: Sequence[Stage]) -> tuple[Stage, ...]:
    """The stages, once each needs only what the document or an earlier stage provides."""
    provided = {"document"}
    for stage in stages:
        missing = [n for n in stage.needs if n not in provided]
        if missing:
            raise ConfigError(f"Stage {stage.name!r} needs {', '.join(missing)}, which no earlier stage provides. "
                              f"Stages in order: {', '.join(s.name for s in stages)}.")
        provided.update(stage.provides)
    return tuple(stages)


def select_stages(names: Sequence[str]) -> tuple[Stage, ...]:
    """The named stages of ``STAGES``, in pipeline order (checked when a pipeline is built on them)."""
    unknown = [n for n in names if n not in STAGE_NAMES]
    if unknown:
        raise ConfigError(f"Unknown stage {unknown[0]!r}. Available: {', '.join(STAGE_NAMES)}.")
    return tuple(s for s in STAGES if s.name in names)


def replace_stage(stages: Sequence[Stage], name: str, run: DocumentFn,
                  provides: Sequence[str] = ()) -> tuple[Stage, ...]:
    """``stages`` with the document stage ``name`` running ``run`` instead (an evaluation's own reader), which
    may provide more than the stage it replaces."""
    if name not in {s.name for s in stages}:
        raise ConfigError(f"No stage {name!r} to replace. Stages: {', '.join(s.name for s in stages)}.")
    return check_stages([replace(s, run=run, provides=tuple(dict.fromkeys((*s.provides, *provides))))
                         if s.name == name else s for s in stages])


def run_document_stage(stage: Stage, works: list[Work], c: Components) -> list[Work]:
    """A document stage over a batch: each live work through ``stage.run``; a Skip ends that work as a Failure."""
    assert stage.run is not None
    if stage.batched:
        return stage.run(works, c)  # type: ignore[return-value, arg-type]
    out = []
    for work in works:
        if not work.live:
            out.append(work)
            continue
        try:
            out.append(stage.run(work, c))  # type: ignore[arg-type]
        except Skip as skip:
            out.append(replace(work, failure=Failure(work.doc.origin, str(skip), "pipeline")))
    return out
