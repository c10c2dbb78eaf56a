"""Event typing and actor assignment on PLOVER-coded sentences.

Reads either the PLOVER gold-standard records (a JSON list of ``{text, event,
source: [{actorText}], target: [...]}``) or a TSV of marked sentences
(``marked_sentence`` with ``<s>…</s>`` and ``<t>…</t>``, root type in
``gold_root``, older PLOVER names). Each sentence goes through newsloom's own
analysis (sentences, parse, entities) and the coder; with ``given_actors`` the
marked source and target replace the entities newsloom finds, and the coder,
told that they take part in an event, names its most likely type even where no
trigger matched and the classifier is unsure.

Scoring: of the events predicted in a sentence, the one whose source and target
overlap the marked ones best is scored; a sentence with no event counts as
wrong. Types are compared as the file names them: the TSV's older roots get the
current 18 types mapped onto them (ROOTS). Actors: token-overlap F1 of the
predicted source (target) phrase against the marked one, and how often the two
are swapped.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np

from newsloom.engine import open_engine
from newsloom.errors import InputError
from newsloom.events.coder import CodedEvent, code_sentences
from newsloom.events.lexicon import load_event_lexicon
from newsloom.events.typer import event_typer, setting_typer
from newsloom.model import Article, Document, Mention
from newsloom.nlp.embed import Embedder
from newsloom.nlp.lexicon import load_lexicon
from newsloom.pipeline import Pipeline, select_stages
from newsloom.pipeline.components import Components
from newsloom.settings import Settings
from newsloom.store import open_store

# The older root names of the TSV, and the current types folded into each
ROOTS = {"DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "CONCEDE": "YIELD", "RETREAT": "YIELD",
         "DEMAND": "REQUEST", "FIGHT": "ASSAULT"}
_MARK = re.compile(r"<(/?)([st])>")
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Coded:
    """One marked sentence: its text, gold type, and the marked source and target phrases."""

    text: str
    type: str
    sources: tuple[str, ...]
    targets: tuple[str, ...]
    language: str = "en"


def read_marked_tsv(path: Path) -> tuple[list[Coded], dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    missing = [c for c in ("marked_sentence", "gold_root") if rows and c not in rows[0]]
    if not rows or missing:
        raise InputError(f"{path} has no rows with the column(s) marked_sentence, gold_root.")
    out = []
    for row in rows:
        parts: dict[str, list[str]] = {"s": [], "t": []}
        text = ""
        opened: dict[str, int] = {}
        pos = 0
        for m in _MARK.finditer(row["marked_sentence"]):
            text += row["marked_sentence"][pos:m.start()]
            pos = m.end()
            if m.group(1):
                parts[m.group(2)].append(text[opened.pop(m.group(2), len(text)):].strip())
            else:
                opened[m.group(2)] = len(text)
        text += row["marked_sentence"][pos:]
        out.append(Coded(text.strip(), row["gold_root"].strip(), tuple(parts["s"]), tuple(parts["t"])))
    return out, ROOTS


def read_gold_records(path: Path) -> tuple[list[Coded], dict[str, str]]:
    try:
        records = json.loads(path.read_text("utf-8"))
    except json.JSONDecodeError as exc:
        raise InputError(f"{path} is not JSON: {exc}.") from None
    if not isinstance(records, list):
        raise InputError(f"{path} should hold a JSON list of coded records.")
    out = [
        Coded(r["text"].strip(), r["event"], _actor_texts(r.get("source")), _actor_texts(r.get("target")),
              r.get("language") or "en")
        for r in records
        if isinstance(r, dict) and r.get("text") and r.get("event") and r.get("event") != "DOCUMENT"
    ]
    return out, {}


def _actor_texts(value: Any) -> tuple[str, ...]:
    """The actorText of each actor of a record's source or target (a list of actors; "" or null for none)."""
    actors = value if isinstance(value, list) else [value] if isinstance(value, dict) else []
    return tuple(a["actorText"] for a in actors if isinstance(a, dict) and a.get("actorText"))


def _tokens(text: str) -> Counter:
    return Counter(w.lower() for w in _WORD.findall(text))


def token_f1(predicted: str, gold: str) -> float:
    p, g = _tokens(predicted), _tokens(gold)
    common = sum((p & g).values())
    if not common:
        return 0.0
    precision, recall = common / sum(p.values()), common / sum(g.values())
    return 2 * precision * recall / (precision + recall)


# sentences are analysed one by one and never stored: none is a copy of another, so no duplicates stage
SENTENCE_STAGES = select_stages(["extract", "language", "nlp", "dates", "dateline", "entities"])
UNLINKED_STAGES = select_stages(["extract", "language", "nlp", "dates", "dateline"])


def sentence_pipeline(db: Path, components: Components, link: bool = True) -> Pipeline:
    """A pipeline for analysing sentences one by one: sentences, parse, dates and (with ``link``) linked entities."""
    stages = SENTENCE_STAGES if link else UNLINKED_STAGES
    return open_engine(components.settings, stages=stages, store=open_store(str(db)), components=components,
                       workers=1).pipeline


def analyse_sentence(pipeline: Pipeline, text: str, language: str) -> Article:
    """``text`` through the pipeline's analysis stages."""
    data = text.encode("utf-8")
    doc = Document(f"sentence:{language}", data, "text/plain", hashlib.sha256(data).hexdigest(), {"language": language})
    return pipeline.analyse(doc)


class _Embedded:
    """An embedder that has embedded ``texts`` already, in batches; other texts go to ``embedder``."""

    def __init__(self, embedder: Embedder, texts: list[str], batch: int = 64) -> None:
        self.embedder, self.dimensions = embedder, embedder.dimensions
        unique = list(dict.fromkeys(texts))
        self.vectors: dict[str, np.ndarray] = {}
        for i in range(0, len(unique), batch):
            self.vectors.update(zip(unique[i:i + batch], embedder.embed(unique[i:i + batch]), strict=True))

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        missing = [t for t in texts if t not in self.vectors]
        if missing:
            self.vectors.update(zip(missing, self.embedder.embed(missing), strict=True))
        return np.stack([self.vectors[t] for t in texts])


def _given(article: Article, item: Coded) -> Article:
    """The article with the marked phrases as its only actors."""
    mentions = []
    for role, kind, phrases in (("source", "person", item.sources), ("target", "organization", item.targets)):
        for k, phrase in enumerate(phrases):
            at = article.text.find(phrase)
            if at >= 0:
                mentions.append(Mention(at, at + len(phrase), phrase, kind, f"{role}-{k}"))
    return replace(article, mentions=tuple(sorted(mentions, key=lambda m: m.start)))


def _role_text(article: Article, mention: Mention | None, span: tuple[int, int] | None, given: bool) -> str:
    if mention is not None and (given or span is None):
        return mention.text
    return article.text[span[0]:span[1]] if span else (mention.text if mention else "")


def _score(article: Article, event: CodedEvent, item: Coded, given: bool) -> tuple[float, float, bool]:
    source = _role_text(article, event.roles.source, event.roles.source_span, given)
    target = _role_text(article, event.roles.target, event.roles.target_span, given)
    gold_source, gold_target = " ".join(item.sources), " ".join(item.targets)
    s, t = token_f1(source, gold_source), token_f1(target, gold_target)
    swapped = token_f1(source, gold_target) > s and token_f1(target, gold_source) > t
    return s, t, swapped


def _per_type(gold: list[str], predicted: list[str | None]) -> dict[str, dict[str, float]]:
    table = {}
    for label in sorted(set(gold)):
        tp = sum(1 for g, p in zip(gold, predicted, strict=True) if g == p == label)
        n_pred, support = sum(1 for p in predicted if p == label), sum(1 for g in gold if g == label)
        precision = tp / n_pred if n_pred else 0.0
        recall = tp / support
        f1 = 2 * precision * recall / (precision + recall) if tp else 0.0
        table[label] = {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
                        "support": support}
    return table


def evaluate_plover(path: Path, settings: Settings, given_actors: bool = False, classifier: str | None = None,
                    limit: int | None = None, components: Components | None = None,
                    **_ignored: Any) -> dict[str, Any]:
    """Accuracy, macro-F1 and a per-type table of event types; source/target F1; sentences per second.

    ``classifier``: which sentences the event classifier reads (``ambiguous``, ``triggers``, ``off``;
    default: the ``event_classifier`` setting); ``components``: models already loaded (tests).
    """
    items, roots = read_gold_records(path) if path.suffix == ".json" else read_marked_tsv(path)
    items = items[:limit] if limit else items
    components = components or Components(settings)
    typer = event_typer(classifier, components.embedder) if classifier else setting_typer(settings.event_classifier,
                                                                                         components.embedder)
    started = time.perf_counter()
    gold: list[str] = []
    predicted: list[str | None] = []
    sources: list[float] = []
    targets: list[float] = []
    swaps = 0
    with tempfile.TemporaryDirectory() as tmp:
        pipeline = sentence_pipeline(Path(tmp) / "plover.db", components, link=not given_actors)
        articles = [analyse_sentence(pipeline, item.text, item.language) for item in items]
        if typer is not None:  # one sentence per call wastes the embedder: embed them all in batches first
            typer = replace(typer, embedder=_Embedded(typer.embedder, [a.text[s.start:s.end] for a in articles
                                                                      for s in a.sentences]))
            if given_actors:  # told that the marked actors take part in an event, the coder names its best type
                typer = replace(typer, no_trigger_min=0.0)
        for item, article in zip(items, articles, strict=True):
            article = _given(article, item) if given_actors else article
            events = code_sentences(article, load_event_lexicon(item.language), load_lexicon(item.language), typer,
                                    need_source=False)
            scored = [(_score(article, e, item, given_actors), -i, e) for i, e in enumerate(events)]
            best = max(scored, key=lambda x: (x[0][0] + x[0][1], x[1]), default=None)
            gold.append(item.type)
            if best is None:
                predicted.append(None)
                sources.append(0.0)
                targets.append(0.0)
                continue
            (s, t, swapped), _, event = best
            predicted.append(roots.get(event.type, event.type))
            sources.append(s)
            targets.append(t)
            swaps += swapped
    seconds = time.perf_counter() - started
    per_type = _per_type(gold, predicted)
    n = len(items)
    return {
        "sentences": n,
        "actors": "given" if given_actors else "found",
        "accuracy": round(sum(g == p for g, p in zip(gold, predicted, strict=True)) / max(1, n), 4),
        "macro_f1": round(sum(row["f1"] for row in per_type.values()) / max(1, len(per_type)), 4),
        "source_f1": round(sum(sources) / max(1, n), 4),
        "target_f1": round(sum(targets) / max(1, n), 4),
        "swapped": round(swaps / max(1, n), 4),
        "no_event": sum(p is None for p in predicted),
        "sentences_per_s": round(n / seconds, 2) if seconds else None,
        "per_type": per_type,
    }
