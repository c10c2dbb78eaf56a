import json
from collections import Counter

import pycountry
import pytest

from newsloom.errors import InputError
from newsloom.evaluate.entities import KINDS, GoldMention, Passage, match, read_gold, score
from newsloom.model import Article, Entity, Mention
from newsloom.nlp.analyzers import split_sentences
from tests.conftest import ROOT

GOLD = ROOT / "tests" / "data" / "entities"
SECTORS = {"GOV", "LEG", "JUD", "MIL", "POL", "BUS", "NGO", "IGO", "MED", "EDU", "REL", "CVL"}


def test_the_shipped_gold_set_has_thirty_sentences_per_language_and_valid_fields():
    passages = read_gold(GOLD)  # checks every span against its text
    sentences = Counter()
    for p in passages:
        sentences[p.language] += len(split_sentences(p.text))
        for g in p.mentions:
            assert g.country is None or pycountry.countries.get(alpha_3=g.country), (p.id, g)
            assert g.sector is None or g.sector in SECTORS, (p.id, g)
            assert g.id.split(":", 1)[0] in {"per", "org", "cty", "geo", "loc"}, (p.id, g)
    assert set(sentences) == {"en", "fr", "es", "de", "vi"}
    assert min(sentences.values()) >= 30 and sum(sentences.values()) >= 150


def test_a_span_that_does_not_read_its_text_is_refused(tmp_path):
    row = {"id": "x", "language": "en", "text": "Tô Lâm met Macron.",
           "entities": [{"start": 0, "end": 5, "text": "Tô Lâm", "kind": "PER", "id": "per:to-lam"}]}
    (tmp_path / "en.jsonl").write_text(json.dumps(row, ensure_ascii=False) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match="fix the offsets"):
        read_gold(tmp_path)


def test_matching_is_one_to_one_by_largest_overlap():
    gold = [GoldMention(0, 13, "Qualcomm Inc.", "ORG", "org:qualcomm"), GoldMention(14, 20, "Amon", "PER", "per:a")]
    predicted = [Mention(0, 8, "Qualcomm", "organization", "org:qualcomm"), Mention(0, 20, "x", "person", "per:x")]
    pairs = match(gold, predicted)
    assert [(g.text, m.text) for g, m in pairs] == [("Qualcomm Inc.", "x")]


def test_score_counts_mentions_links_countries_and_sectors():
    text = "To Lam met Hanoi officials."
    gold = (GoldMention(0, 6, "To Lam", "PER", "per:to-lam", "VNM", "GOV"),
            GoldMention(11, 16, "Hanoi", "LOC", "geo:1581130", "VNM"))
    passage = Passage("en-1", "en", text, None, gold)
    mentions = (Mention(0, 6, "To Lam", "person", "per:to-lam"), Mention(11, 16, "Hanoi", "person", "per:hanoi"),
                Mention(17, 26, "officials", "organization", "org:officials"))
    entities = {"per:to-lam": Entity("per:to-lam", "Tô Lâm", "person", country="VNM", sector="BUS"),
                "per:hanoi": Entity("per:hanoi", "Hanoi", "person")}
    metrics = score([(passage, Article("a", "a", "", text, mentions=mentions), entities)])
    assert metrics["per_language"]["en"]["precision"] == pytest.approx(2 / 3, abs=1e-3)
    assert metrics["per_language"]["en"]["recall"] == 1.0
    assert metrics["linking_accuracy"] == 0.5 and metrics["country_accuracy"] == 0.5
    assert metrics["sector_accuracy"] == 0.0 and metrics["kind_accuracy"] == 0.5
    assert set(KINDS) == {"PER", "ORG", "LOC", "GPE"}
