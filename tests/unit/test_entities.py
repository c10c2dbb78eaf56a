import re

import pytest

from newsloom.model import Article
from newsloom.nlp.analyzers import Analysis, NamedSpan, split_sentences
from newsloom.nlp.entities import EntityContext, link_entities
from newsloom.nlp.lexicon import Lexicon, Role
from newsloom.nlp.phrases import PhraseMatcher
from newsloom.nlp.registry import EntityRegistry
from newsloom.pipeline.components import place_index

LEXICON = Lexicon(
    "en",
    demonyms={"american": "USA", "us": "USA", "vietnamese": "VNM"},
    roles=PhraseMatcher([("party general secretary", Role("party_chief", "GOV")), ("party chief", Role("party_chief", "GOV")),
                         ("president", Role("president", "GOV"))]),
    nominals=PhraseMatcher([("the company", Role("generic_organization", "BUS", "organization"))]),
    org_suffixes=frozenset({"inc", "corp", "group"}),
    honorifics=frozenset({"mr", "dr"}),
)


@pytest.fixture(scope="module")
def places():
    return place_index()  # built once per process, shared with the pipeline tests


def link(text, labels, places, registry=None):
    """Link ``text``, with NER spans given as {surface: label} (every occurrence)."""
    spans = [NamedSpan(m.start(), m.end(), label) for surface, label in labels.items() for m in re.finditer(re.escape(surface), text)]
    article = Article("a", "a.txt", "sha", text, language="en", sentences=split_sentences(text))
    registry = registry or EntityRegistry()
    out = link_entities(article, Analysis(article.sentences, (), tuple(spans)), EntityContext(registry, places, LEXICON))
    return {(m.text, m.entity_id) for m in out.mentions}, registry


TEXT = ("Party General Secretary Tô Lâm met Alex Rogers, President of Global Affairs of Qualcomm Inc., in Hà Nội. "
        "Lâm praised the company and Vietnamese talent. The Party chief thanked Rogers and US firms.")
LABELS = {"Tô Lâm": "person", "Alex Rogers": "person", "Global Affairs of": "organization", "Qualcomm Inc.": "organization",
          "Hà Nội": "place", "Lâm": "person", "Rogers": "person", "US": "place"}


def test_partial_names_join_the_full_name(places):
    mentions, _ = link(TEXT, LABELS, places)
    assert ("Lâm", "per:to-lam") in mentions and ("Rogers", "per:alex-rogers") in mentions


def test_titles_alone_refer_to_their_holder(places):
    mentions, _ = link(TEXT, LABELS, places)
    assert ("The Party chief", "per:to-lam") in mentions or ("Party chief", "per:to-lam") in mentions
    assert ("the company", "org:qualcomm") in mentions


def test_places_and_countries(places):
    mentions, registry = link(TEXT, LABELS, places)
    assert ("Hà Nội", "geo:1581130") in mentions
    assert ("US", "cty:USA") in mentions and ("Vietnamese", "cty:VNM") in mentions
    assert registry.entities["geo:1581130"].geonameid == 1581130


def test_legal_form_is_not_part_of_the_organisation(places):
    mentions, _ = link(TEXT, LABELS, places)
    assert ("Qualcomm Inc.", "org:qualcomm") in mentions
    assert not any("global" in i for _, i in mentions), "a department in a title is not an entity"


def test_role_gives_sector_and_affiliation_gives_country(places):
    registry = EntityRegistry()
    registry.add(registry.entities.get("org:qualcomm") or __import__("newsloom.model", fromlist=["Entity"]).Entity(
        "org:qualcomm", "Qualcomm", "organization", country="USA", sector="BUS"), "en", "Qualcomm")
    _, registry = link(TEXT, LABELS, places, registry)
    rogers = registry.entities["per:alex-rogers"]
    assert (rogers.country, rogers.sector) == ("USA", "BUS")
    assert registry.entities["per:to-lam"].sector == "GOV"


def test_spelling_without_diacritics_is_the_same_entity_across_articles(places):
    _, registry = link(TEXT, LABELS, places)
    mentions, _ = link("To Lam visited Hanoi.", {"To Lam": "person", "Hanoi": "place"}, places, registry)
    assert mentions == {("To Lam", "per:to-lam"), ("Hanoi", "geo:1581130")}
    assert registry.entities["per:to-lam"].name == "Tô Lâm"


def test_lone_surname_finds_a_known_person_in_another_article(places):
    _, registry = link(TEXT, LABELS, places)
    mentions, _ = link("Rogers spoke.", {"Rogers": "person"}, places, registry)
    assert mentions == {("Rogers", "per:alex-rogers")}


def test_organisation_tagged_as_person_stays_an_organisation(places):
    mentions, _ = link("Qualcomm Inc. opened a lab. Qualcomm hired staff.", {"Qualcomm Inc.": "organization", "Qualcomm": "person"}, places)
    assert {i for _, i in mentions} == {"org:qualcomm"}
