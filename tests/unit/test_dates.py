from datetime import date

from newsloom.model import PartialDate
from newsloom.nlp.dates import find_dates


def values(text, lang, anchor=None):
    return [(d.text, d.value) for d in find_dates(text, lang, anchor)]


def test_day_and_month_without_year_stays_partial():
    assert values("Dans l’après-midi du 10 juin, à Hanoï", "fr") == [("10 juin", PartialDate(None, 6, 10))]


def test_partial_date_takes_year_from_anchor_not_clock():
    assert PartialDate(None, 6, 10).resolve(date(2025, 6, 12)) == date(2025, 6, 10)
    assert PartialDate(None, 12, 30).resolve(date(2025, 1, 2)) == date(2024, 12, 30)
    assert PartialDate(None, 6, 10).resolve(None) is None


def test_weekday_on_publication_day_is_that_day():
    assert values("a reception on Tuesday", "en", date(2025, 6, 10)) == [("Tuesday", PartialDate(2025, 6, 10))]


def test_weekday_before_publication_day_is_the_last_one():
    assert values("am Dienstag", "de", date(2025, 6, 12)) == [("Dienstag", PartialDate(2025, 6, 10))]
    assert values("el martes", "es", date(2025, 6, 12)) == [("martes", PartialDate(2025, 6, 10))]


def test_relative_words():
    assert values("hôm qua", "vi", date(2025, 6, 12)) == [("hôm qua", PartialDate(2025, 6, 11))]
    assert values("hier", "fr", date(2025, 6, 12)) == [("hier", PartialDate(2025, 6, 11))]


def test_full_dates_in_each_language():
    assert values("on June 3, 2025", "en")[0][1] == PartialDate(2025, 6, 3)
    assert values("el 3 de marzo de 2025", "es")[0][1] == PartialDate(2025, 3, 3)
    assert values("am 3. März 2025", "de")[0][1] == PartialDate(2025, 3, 3)
    assert values("ngày 10/6/2025", "vi")[0][1] == PartialDate(2025, 6, 10)
    assert values("le 1er juillet", "fr")[0][1] == PartialDate(None, 7, 1)
    assert values("date 2025-06-10 here", "en")[0][1] == PartialDate(2025, 6, 10)


def test_impossible_dates_are_ignored():
    assert values("31 février", "fr") == []
    assert values("no dates here", "xx") == []
