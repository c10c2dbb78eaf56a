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


# 2025-06-12 is a Thursday
THURSDAY = date(2025, 6, 12)


def test_weekdays_in_each_language_are_the_last_one_up_to_publication():
    assert values("The ministers met on Tuesday.", "en", THURSDAY)[0][1] == PartialDate(2025, 6, 10)
    assert values("Les ministres se sont réunis mardi.", "fr", THURSDAY)[0][1] == PartialDate(2025, 6, 10)
    assert values("Los ministros se reunieron el martes.", "es", THURSDAY)[0][1] == PartialDate(2025, 6, 10)
    assert values("Die Minister trafen sich am Dienstag.", "de", THURSDAY)[0][1] == PartialDate(2025, 6, 10)
    assert values("Các bộ trưởng đã gặp nhau hôm thứ Ba.", "vi", THURSDAY)[0][1] == PartialDate(2025, 6, 10)


def test_last_and_next_weekday_skip_the_publication_day():
    assert values("last Thursday", "en", THURSDAY) == [("last Thursday", PartialDate(2025, 6, 5))]
    assert values("jeudi dernier", "fr", THURSDAY) == [("jeudi dernier", PartialDate(2025, 6, 5))]
    assert values("el martes pasado", "es", THURSDAY)[0][1] == PartialDate(2025, 6, 10)
    assert values("am vergangenen Montag", "de", THURSDAY)[0][1] == PartialDate(2025, 6, 9)
    assert values("thứ Năm tuần trước", "vi", THURSDAY)[0][1] == PartialDate(2025, 6, 5)
    assert values("next Thursday", "en", THURSDAY)[0][1] == PartialDate(2025, 6, 19)
    assert values("vendredi prochain", "fr", THURSDAY)[0][1] == PartialDate(2025, 6, 13)


def test_relative_words_in_each_language():
    assert values("yesterday", "en", THURSDAY)[0][1] == PartialDate(2025, 6, 11)
    assert values("last week", "en", THURSDAY)[0][1] == PartialDate(2025, 6, 5)
    assert values("hier soir", "fr", THURSDAY)[0][1] == PartialDate(2025, 6, 11)
    assert values("la semaine dernière", "fr", THURSDAY)[0][1] == PartialDate(2025, 6, 5)
    assert values("ayer", "es", THURSDAY)[0][1] == PartialDate(2025, 6, 11)
    assert values("la semana pasada", "es", THURSDAY)[0][1] == PartialDate(2025, 6, 5)
    assert values("gestern", "de", THURSDAY)[0][1] == PartialDate(2025, 6, 11)
    assert values("letzte Woche", "de", THURSDAY)[0][1] == PartialDate(2025, 6, 5)
    assert values("hôm kia", "vi", THURSDAY)[0][1] == PartialDate(2025, 6, 10)
    assert values("tuần trước", "vi", THURSDAY)[0][1] == PartialDate(2025, 6, 5)


def test_the_morning_is_not_tomorrow():
    assert values("el martes por la mañana", "es", THURSDAY) == [("martes", PartialDate(2025, 6, 10))]
    assert values("am Morgen", "de", THURSDAY) == []


def test_day_and_month_take_the_year_of_the_publication_date():
    assert values("le 30 décembre", "fr", date(2026, 1, 3))[0][1] == PartialDate(2025, 12, 30)
    assert values("on June 10", "en", date(2019, 6, 12))[0][1] == PartialDate(2019, 6, 10)
    assert values("el 10 de junio", "es", date(2031, 6, 12))[0][1] == PartialDate(2031, 6, 10)
    assert values("am 10. Juni", "de", date(2021, 6, 12))[0][1] == PartialDate(2021, 6, 10)
    assert values("ngày 10 tháng 6", "vi", date(2024, 6, 12))[0][1] == PartialDate(2024, 6, 10)
    assert values("10 tháng 6", "vi", date(2024, 6, 12))[0][1] == PartialDate(2024, 6, 10)
