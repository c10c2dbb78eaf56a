"""Linking rules with the real lexicons and place index, and NER spans given by hand (no model)."""

import re

import pytest

from newsloom.model import Article
from newsloom.nlp.analyzers import Analysis, NamedSpan, split_sentences
from newsloom.nlp.entities import EntityContext, link_entities
from newsloom.nlp.lexicon import load_lexicon
from newsloom.nlp.registry import EntityRegistry, load_actors
from newsloom.pipeline.components import place_index


@pytest.fixture(scope="module")
def places():
    return place_index()  # the one every Components of the process shares


@pytest.fixture(scope="module")
def actors():
    return load_actors()


def mentions(text, lang, places, actors, spans=()):
    """(surface, entity id) of the names found; ``spans`` are (surface, label) NER spans, first occurrence."""
    ner = [NamedSpan(m.start(), m.end(), label) for surface, label in spans
           for m in [re.search(re.escape(surface), text)]]
    article = Article("a", "a.txt", "sha", text, language=lang, sentences=split_sentences(text))
    ctx = EntityContext(EntityRegistry(actors), places, load_lexicon(lang))
    out = link_entities(article, Analysis(article.sentences, (), tuple(ner)), ctx)
    return {(m.text, m.entity_id) for m in out.mentions if not m.nominal}


def test_an_article_is_not_cut_out_of_a_name(places, actors):
    found = mentions("Le groupe Lactalis ferme son usine de Laval.", "fr", places, actors,
                     [("Lactalis", "organization"), ("Laval", "place")])
    assert ("Lactalis", "org:lactalis") in found and ("Laval", "geo:3005866") in found


def test_lowercase_words_and_titles_opening_a_span_are_not_the_name(places, actors):
    found = mentions("Bà Nguyễn Thị Mai, Giám đốc Công ty TNHH Mai Linh Logistics, có nhà máy tại tỉnh Bắc Ninh.", "vi",
                     places, actors, [("Giám đốc Công ty TNHH Mai Linh Logistics", "place"), ("tỉnh Bắc Ninh", "place")])
    assert ("Công ty TNHH Mai Linh Logistics", "org:mai-linh-logistics") in found
    assert ("Bắc Ninh", "geo:1591449") in found


def test_a_lone_big_city_tagged_as_a_person_is_the_city(places, actors):
    found = mentions("Hanoi will keep talking with Washington.", "en", places, actors, [("Washington", "person")])
    assert ("Washington", "geo:4140963") in found


def test_a_city_is_first_looked_for_in_the_countries_of_the_language(places, actors):
    assert ("Valence", "geo:2971053") in mentions("Le maire de Valence a parlé.", "fr", places, actors, [("Valence", "place")])
    assert ("Valencia", "geo:3625549") in mentions("El alcalde de Valencia, en Venezuela, habló.", "es", places, actors,
                                                   [("Valencia", "place")])


def test_german_without_ner_finds_genitives_towns_and_introduced_companies(places, actors):
    found = mentions("Vietnams Regierungschef besuchte das Werk in Osnabrück. Der Chiphersteller Infineon investiert.",
                     "de", places, actors)
    assert {("Vietnams", "cty:VNM"), ("Osnabrück", "geo:2856883"), ("Infineon", "org:infineon")} <= found


def test_acronyms_need_capitals_and_accents_must_agree(places, actors):
    assert not any(i == "org:united-nations" for _, i in mentions("Un terremoto sacudió Birmania.", "es", places, actors))
    found = mentions("Ông Lê Văn Thành được bầu vào Viện Hàn lâm Pháp.", "vi", places, actors, [("Viện", "place")])
    assert not any(i and i.startswith("geo:") for _, i in found)


def test_a_place_named_after_a_country_is_not_that_country(places, actors):
    found = mentions("Coal left Newcastle in New South Wales.", "en", places, actors, [("New South Wales", "place")])
    assert ("New South Wales", "loc:new-south-wales") in found and not any(i == "cty:GBR" for _, i in found)


def test_a_given_name_starts_a_person_where_there_is_no_ner(places, actors):
    found = mentions("Laura Becker von der Umweltorganisation Greenpeace kritisierte die Pläne.", "de", places, actors)
    assert {("Laura Becker", "per:laura-becker"), ("Greenpeace", "org:greenpeace")} <= found
