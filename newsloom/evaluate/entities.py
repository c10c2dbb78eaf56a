"""Entity mentions and canonical linking on a gold set (``tests/data/entities/*.jsonl``).

Each passage goes through the pipeline's own stages (the analyser of its
language: spaCy or underthesea NER; the gazetteer; ``learn_names`` and
``link_entities``) with a fresh registry holding the shipped actors and the
store's imported ones, so every passage is scored alone, whatever the order.

Scoring (documented in ``tests/data/entities/README.md``):

- a **mention** is a name or a demonym (gold entries without ``nominal``;
  predicted mentions that are not nominal references). A predicted mention
  matches a gold one when their character spans overlap; pairs are made one to
  one, largest overlap first. ``exact`` counts only identical spans.
- **linking accuracy**: of matched mentions, the fraction whose entity id is
  the gold canonical id; **country accuracy**: of matched mentions, the
  fraction whose entity has the gold country (ISO alpha-3; none for
  international bodies); **sector accuracy**: the same for people and
  organisations and their sector.
- **nominal references** ("the company", "Tổng Bí thư") are scored apart:
  the fraction of gold ones found as a nominal mention of the right entity.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from newsloom.engine import open_engine
from newsloom.errors import InputError
from newsloom.model import Article, Document, Entity, Mention
from newsloom.nlp.analyzers import split_sentences
from newsloom.nlp.registry import EntityRegistry
from newsloom.pipeline import Work, replace_stage, select_stages
from newsloom.pipeline.components import Components
from newsloom.settings import Settings
from newsloom.store import open_store

KINDS = {"PER": "person", "ORG": "organization", "LOC": "place", "GPE": "country"}
GOLD_FIELDS = ("start", "end", "text", "kind", "id")
ERRORS_KEPT = 40  # per language, in the JSON output


@dataclass(frozen=True, slots=True)
class GoldMention:
    start: int
    end: int
    text: str
    kind: str  # PER | ORG | LOC | GPE
    id: str
    country: str | None = None
    sector: str | None = None
    nominal: bool = False


@dataclass(frozen=True, slots=True)
class Passage:
    id: str
    language: str
    text: str
    published: datetime | None
    mentions: tuple[GoldMention, ...]


def read_gold(path: Path) -> list[Passage]:
    """Passages from one JSONL file or every ``*.jsonl`` of a folder; spans are checked against the text."""
    files = sorted(path.glob("*.jsonl")) if path.is_dir() else [path]
    if not files:
        raise InputError(f"No *.jsonl gold files in {path}.")
    passages = []
    for file in files:
        for number, line in enumerate(file.read_text("utf-8").splitlines(), 1):
            if line.strip():
                passages.append(_passage(json.loads(line), f"{file.name}:{number}"))
    return passages


def _passage(row: dict[str, Any], where: str) -> Passage:
    text = row.get("text") or ""
    mentions = []
    for e in row.get("entities", []):
        missing = [f for f in GOLD_FIELDS if f not in e]
        if missing:
            raise InputError(f"{where}: an entity lacks {', '.join(missing)}; each needs {', '.join(GOLD_FIELDS)}.")
        if text[e["start"]:e["end"]] != e["text"]:
            raise InputError(f"{where}: the span {e['start']}-{e['end']} reads {text[e['start']:e['end']]!r}, "
                             f"not {e['text']!r}; fix the offsets.")
        if e["kind"] not in KINDS:
            raise InputError(f"{where}: unknown kind {e['kind']!r}. Available: {', '.join(KINDS)}.")
        mentions.append(GoldMention(e["start"], e["end"], e["text"], e["kind"], e["id"], e.get("country"),
                                    e.get("sector"), bool(e.get("nominal"))))
    published = datetime.fromisoformat(row["published"]).replace(tzinfo=UTC) if row.get("published") else None
    return Passage(row.get("id", where), row["language"], text, published, tuple(mentions))


def _gold_article(work: Work, components: Components) -> Work:
    """The gold text as the article, in its own language: extraction is not what is measured here."""
    p: Passage = work.doc.hints["passage"]
    return replace(work, article=Article(p.id, p.id, work.doc.sha256, p.text, title=p.text[:40],
                                         published=p.published, language=p.language))


GOLD_STAGES = replace_stage(select_stages(["extract", "nlp", "dates", "dateline", "entities"]), "extract",
                            _gold_article, provides=["language"])


def predict(passages: list[Passage], components: Components) -> list[tuple[Passage, Article, dict[str, Entity]]]:
    """Each passage linked alone: its mentions and the entities they point to."""
    with open_engine(components.settings, stages=GOLD_STAGES, store=open_store(":memory:"),
                     components=components, workers=1) as engine:
        corpus = engine.pipeline.corpus
        known = list(corpus.registry.entities.values())
        out = []
        for p in passages:
            corpus.registry = EntityRegistry(known)
            data = p.text.encode("utf-8")
            doc = Document(p.id, data, "text/plain", hashlib.sha256(data).hexdigest(), {"passage": p})
            article = engine.pipeline.analyse(doc)
            out.append((p, article, dict(corpus.registry.entities)))
    return out


def _overlap(a: GoldMention | Mention, b: GoldMention | Mention) -> int:
    return max(0, min(a.end, b.end) - max(a.start, b.start))


def match(gold: list[GoldMention], predicted: list[Mention]) -> list[tuple[GoldMention, Mention]]:
    """One-to-one pairs of overlapping spans, largest overlap first."""
    pairs = sorted(((_overlap(g, m), i, j) for i, g in enumerate(gold) for j, m in enumerate(predicted)), reverse=True)
    used_g, used_p, out = set(), set(), []
    for size, i, j in pairs:
        if size > 0 and i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
            out.append((gold[i], predicted[j]))
    return out


def _prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(2 * p * r / (p + r) if p + r else 0.0, 4)}


def _alpha3(entity: Entity | None, components: Components | None) -> str | None:
    if entity is None or entity.country is None:
        return None
    if len(entity.country) == 2 and components is not None:  # places carry GeoNames' alpha-2 code
        return components.places.alpha2_to_3.get(entity.country, entity.country)
    return entity.country


def _ratio(hits: int, total: int) -> float:
    return round(hits / total, 4) if total else 0.0


def score(results: list[tuple[Passage, Article, dict[str, Entity]]], components: Components | None = None) -> dict[str, Any]:
    """Mention P/R/F1 per language, and linking, country, sector, kind and nominal accuracy."""
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    errors: dict[str, list[str]] = defaultdict(list)
    totals: dict[str, int] = defaultdict(int)
    for p, article, entities in results:
        c = counts[p.language]
        c["passages"] += 1
        c["sentences"] += len(split_sentences(p.text))
        gold = [g for g in p.mentions if not g.nominal]
        predicted = [m for m in article.mentions if not m.nominal]
        pairs = match(gold, predicted)
        c["tp"] += len(pairs)
        c["fp"] += len(predicted) - len(pairs)
        c["fn"] += len(gold) - len(pairs)
        c["exact"] += sum(g.start == m.start and g.end == m.end for g, m in pairs)
        matched_g = {id(g) for g, _ in pairs}
        matched_p = {id(m) for _, m in pairs}
        errors[p.language] += [f"{p.id} missed {g.text!r} ({g.id})" for g in gold if id(g) not in matched_g]
        errors[p.language] += [f"{p.id} spurious {m.text!r} ({m.entity_id})" for m in predicted if id(m) not in matched_p]
        for g, m in pairs:
            entity = entities.get(m.entity_id or "")
            country, sector = _alpha3(entity, components), entity.sector if entity else None
            totals["matched"] += 1
            totals["linked"] += m.entity_id == g.id
            totals["kind"] += m.kind == KINDS[g.kind]
            totals["country"] += country == g.country
            if g.kind in ("PER", "ORG"):
                totals["sector_total"] += 1
                totals["sector"] += sector == g.sector
            if m.entity_id != g.id:
                errors[p.language].append(f"{p.id} linked {m.text!r} to {m.entity_id}, gold {g.id}")
            elif (country, sector if g.kind in ("PER", "ORG") else g.sector) != (g.country, g.sector):
                errors[p.language].append(f"{p.id} {m.text!r} has country {country} and sector {sector}, "
                                          f"gold {g.country} and {g.sector}")
        nominals = [m for m in article.mentions if m.nominal]
        for g in (g for g in p.mentions if g.nominal):
            totals["nominal_total"] += 1
            if any(_overlap(g, m) and m.entity_id == g.id for m in nominals):
                totals["nominal"] += 1
            else:
                errors[p.language].append(f"{p.id} nominal {g.text!r} not linked to {g.id}")
    per_language = {}
    for lang, c in sorted(counts.items()):
        per_language[lang] = {**_prf(c["tp"], c["fp"], c["fn"]), "gold": c["tp"] + c["fn"],
                              "predicted": c["tp"] + c["fp"], "passages": c["passages"], "sentences": c["sentences"]}
    return {
        "per_language": per_language,
        "per_language_exact": {lang: _prf(c["exact"], c["tp"] + c["fp"] - c["exact"], c["tp"] + c["fn"] - c["exact"])
                               for lang, c in sorted(counts.items())},
        "linking_accuracy": _ratio(totals["linked"], totals["matched"]),
        "country_accuracy": _ratio(totals["country"], totals["matched"]),
        "sector_accuracy": _ratio(totals["sector"], totals["sector_total"]),
        "kind_accuracy": _ratio(totals["kind"], totals["matched"]),
        "nominal_accuracy": _ratio(totals["nominal"], totals["nominal_total"]),
        "matched": totals["matched"],
        "errors": {lang: found[:ERRORS_KEPT] for lang, found in sorted(errors.items())},
    }


def evaluate_entities(path: Path, settings: Settings, language: str | None = None, **_: Any) -> dict[str, Any]:
    """Score the pipeline's mentions and links on the gold passages at ``path`` (``language``: only that one)."""
    started = time.perf_counter()
    passages = [p for p in read_gold(path) if language is None or p.language == language]
    if not passages:
        raise InputError(f"No gold passage in {path}" + (f" for language {language!r}." if language else "."))
    components = Components(settings)
    metrics = score(predict(passages, components), components)
    metrics["seconds"] = round(time.perf_counter() - started, 1)
    return metrics
