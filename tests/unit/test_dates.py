from datetime import date

import pytest

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



# 2025-06-12 is a Thursday
THURSDAY = date(2025, 6, 12)
RELATIVE = [  # text, language, the day it means when published on THURSDAY
    ("The ministers met on Tuesday.", "en", (2025, 6, 10)),
    ("Les ministres se sont réunis mardi.", "fr", (2025, 6, 10)),
    ("Los ministros se reunieron el martes.", "es", (2025, 6, 10)),
    ("Die Minister trafen sich am Dienstag.", "de", (2025, 6, 10)),
    ("Các bộ trưởng đã gặp nhau hôm thứ Ba.", "vi", (2025, 6, 10)),
    ("last Thursday", "en", (2025, 6, 5)),  # "last" and "next" skip the publication day
    ("jeudi dernier", "fr", (2025, 6, 5)),
    ("el martes pasado", "es", (2025, 6, 10)),
    ("am vergangenen Montag", "de", (2025, 6, 9)),
    ("thứ Năm tuần trước", "vi", (2025, 6, 5)),
    ("next Thursday", "en", (2025, 6, 19)),
    ("vendredi prochain", "fr", (2025, 6, 13)),
    ("yesterday", "en", (2025, 6, 11)),
    ("last week", "en", (2025, 6, 5)),
    ("hier soir", "fr", (2025, 6, 11)),
    ("la semaine dernière", "fr", (2025, 6, 5)),
    ("ayer", "es", (2025, 6, 11)),
    ("la semana pasada", "es", (2025, 6, 5)),
    ("gestern", "de", (2025, 6, 11)),
    ("letzte Woche", "de", (2025, 6, 5)),
    ("hôm kia", "vi", (2025, 6, 10)),
    ("tuần trước", "vi", (2025, 6, 5)),
]
NO_YEAR = [  # a day and month take the year of the publication date (the nearest such day), never the clock's
    ("le 30 décembre", "fr", date(2026, 1, 3), (2025, 12, 30)),
    ("on June 10", "en", date(2019, 6, 12), (2019, 6, 10)),
    ("el 10 de junio", "es", date(2031, 6, 12), (2031, 6, 10)),
    ("am 10. Juni", "de", date(2021, 6, 12), (2021, 6, 10)),
    ("ngày 10 tháng 6", "vi", date(2024, 6, 12), (2024, 6, 10)),
    ("10 tháng 6", "vi", date(2024, 6, 12), (2024, 6, 10)),
]


@pytest.mark.parametrize(("text", "lang", "day"), RELATIVE)
def test_weekdays_and_relative_words_count_from_the_publication_date(text, lang, day):
    assert values(text, lang, THURSDAY)[0][1] == PartialDate(*day)


@pytest.mark.parametrize(("text", "lang", "published", "day"), NO_YEAR)
def test_day_and_month_take_the_year_of_the_publication_date(text, lang, published, day):
    assert values(text, lang, published)[0][1] == PartialDate(*day)


def test_the_morning_is_not_tomorrow():
    assert values("el martes por la mañana", "es", THURSDAY) == [("martes", PartialDate(2025, 6, 10))]
    assert values("am Morgen", "de", THURSDAY) == []
