"""The text of record of a plain text: marks, captions and whitespace taken out."""

from __future__ import annotations

from datetime import UTC, datetime

from newsloom.extract.plaintext import clean_text, is_caption
from newsloom.model import Place

FRENCH = "\n".join([
    ("(AGENCEX) - Dans l’après-midi du 3 mars, à Hanoï, le ministre de l’Industrie a reçu une délégation "
     "d’entreprises japonaises."),
    "Le ministre X et Y. Photo: Nguyễn Văn A/AGENCEX |",
    "Les deux parties ont évoqué   la coopération dans l’énergie.",
    "Le ministre a salué les investissements japonais dans la région.",
])

ENGLISH = "\n".join([
    (" date 2025-06-10 HÀ NỘI — Prime Minister Nguyễn Văn B has asked a European shipping group to expand its "
     "services in Việt Nam."),
    "",
    "Speaking at a meeting in Hà Nội on Tuesday, he said the country's ports were ready for larger vessels.",
    "",
    "The group's chairman pledged further investment in logistics. — VNA/VNS",
])


def test_french_agency_prefix_and_caption_are_removed() -> None:
    cleaned = clean_text(FRENCH)
    assert cleaned.outlet == "AGENCEX"
    assert cleaned.text.startswith("Dans l’après-midi du 3 mars, à Hanoï,")
    assert "Photo" not in cleaned.text and "Le ministre X et Y" not in cleaned.text
    assert "Les deux parties ont évoqué la coopération" in cleaned.text
    assert cleaned.title == ""
    assert cleaned.published is None and cleaned.dateline is None


def test_english_dateline_and_trailer_are_removed_and_kept() -> None:
    cleaned = clean_text(ENGLISH)
    assert cleaned.text.startswith("Prime Minister Nguyễn Văn B has asked")
    assert cleaned.text.endswith("further investment in logistics.")
    assert cleaned.outlet == "VNA/VNS"
    assert cleaned.published == datetime(2025, 6, 10, tzinfo=UTC)
    assert cleaned.dateline == Place(name="HÀ NỘI", country=None, geonameid=None)


def test_paragraphs_are_joined_by_one_newline_without_blank_lines_or_edge_spaces() -> None:
    cleaned = clean_text(ENGLISH)
    assert "\n\n" not in cleaned.text
    assert all(line == line.strip() and line for line in cleaned.text.split("\n"))
    assert len(cleaned.text.split("\n")) == 3


def test_headline_followed_by_blank_line_becomes_title() -> None:
    cleaned = clean_text("Floods close schools across the north\n\nHeavy rain forced 200 schools to close on Monday.\n")
    assert cleaned.title == "Floods close schools across the north"
    assert cleaned.text == "Heavy rain forced 200 schools to close on Monday."


def test_headline_followed_by_dateline_becomes_title() -> None:
    cleaned = clean_text("Streiks legen Flughäfen lahm\nBERLIN (dpa) - Tausende Flüge fielen am Montag aus.")
    assert cleaned.title == "Streiks legen Flughäfen lahm"
    assert cleaned.text == "Tausende Flüge fielen am Montag aus."
    assert cleaned.outlet == "dpa"
    assert cleaned.dateline is not None and cleaned.dateline.name == "BERLIN"


def test_title_byline_and_dateline_layout() -> None:
    text = "\n".join([
        "Harbour strike ends after two weeks",
        "",
        "Coastal Post · Friday 6 June 2025",
        "",
        "GDAŃSK, June 6 (Coastal Post) — Dock workers returned to work on Friday.",
        "",
        "The union said the deal raised wages by 8 percent.",
    ])
    cleaned = clean_text(text)
    assert cleaned.title == "Harbour strike ends after two weeks"
    assert cleaned.outlet == "Coastal Post"
    assert cleaned.published == datetime(2025, 6, 6, tzinfo=UTC)
    assert cleaned.dateline is not None and cleaned.dateline.name == "GDAŃSK"
    assert cleaned.text.split("\n") == [
        "Dock workers returned to work on Friday.",
        "The union said the deal raised wages by 8 percent.",
    ]


def test_dateline_after_a_short_standfirst_is_found() -> None:
    text = "Ships wait for days outside the port\nROTTERDAM — Queues grew again on Monday.\nMore text."
    cleaned = clean_text(text, known_title="Port queues")  # as for a page whose headline is known
    assert cleaned.dateline is not None and cleaned.dateline.name == "ROTTERDAM"
    assert cleaned.text == "Ships wait for days outside the port\nQueues grew again on Monday.\nMore text."


def test_known_headline_repeated_after_a_kicker_is_dropped() -> None:
    text = "Energy\nWind farms double output\nOutput doubled in May."
    cleaned = clean_text(text, known_title="Wind farms  double output")
    assert cleaned.title == "Wind farms  double output"
    assert cleaned.text == "Energy\nOutput doubled in May."


def test_first_sentence_is_not_taken_for_a_title() -> None:
    text = "The council met on Monday.\n\nIt approved the budget."
    cleaned = clean_text(text)
    assert cleaned.title == ""
    assert cleaned.text == "The council met on Monday.\nIt approved the budget."


def test_first_line_without_a_break_after_it_is_body() -> None:
    cleaned = clean_text("Schools reopen after the floods\nPupils returned on Thursday.")
    assert cleaned.title == ""
    assert cleaned.text.startswith("Schools reopen after the floods\n")


def test_caption_lines_in_several_languages() -> None:
    assert is_caption("Photo: Trần C/AGENCEX")
    assert is_caption("Ảnh: TTXVN")
    assert is_caption("El alcalde en la inauguración. Foto: EFE")
    assert is_caption("The two leaders shake hands |")
    assert not is_caption("| Year | Exports | Imports |")
    assert not is_caption("The minister photographed the site himself.")


def test_credit_in_brackets_inside_a_long_paragraph_is_cut_out_alone() -> None:
    body = "The bridge, opened in 2019, carries 40,000 vehicles a day. " * 8
    cleaned = clean_text(f"{body}(Photo: D/AGENCEX) It will be widened next year.")
    assert "Photo" not in cleaned.text
    assert cleaned.text.endswith("a day. It will be widened next year.")


def test_whitespace_and_invisible_characters_are_normalised() -> None:
    cleaned = clean_text("  Le\u00a0prix a\tbaissé\u200b de 5\u202f%.  \r\n\r\n  Info\u00adrmation  ")
    assert cleaned.text == "Le prix a baissé de 5 %.\nInformation"


def test_empty_text_gives_empty_text() -> None:
    assert clean_text(" \n\n ").text == ""
