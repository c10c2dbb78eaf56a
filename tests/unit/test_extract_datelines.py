"""Datelines and agency signatures at the start and end of a news text."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from newsloom.extract.datelines import parse_date, read_byline, read_closing, read_opening


@pytest.mark.parametrize(
    ("paragraph", "place", "published", "agency", "body"),
    [
        ("date 2025-06-10 HÀ NỘI — Le Premier ministre a reçu", "HÀ NỘI", datetime(2025, 6, 10, tzinfo=UTC), None,
         "Le Premier ministre a reçu"),
        ("PARIS, 3 mars 2025 (AFP) - Le gouvernement a annoncé", "PARIS", datetime(2025, 3, 3, tzinfo=UTC), "AFP",
         "Le gouvernement a annoncé"),
        ("BERLIN (dpa) - Die Regierung hat beschlossen", "BERLIN", None, "dpa", "Die Regierung hat beschlossen"),
        ("Berlin (dpa) - Die Regierung hat beschlossen", "Berlin", None, "dpa", "Die Regierung hat beschlossen"),
        ("HANOI, June 3 (Reuters) - Vietnam's exports rose", "HANOI", None, "Reuters", "Vietnam's exports rose"),
        ("MADRID, 3 de marzo de 2025 - El Gobierno aprobó", "MADRID", datetime(2025, 3, 3, tzinfo=UTC), None,
         "El Gobierno aprobó"),
        ("HÀ NỘI, ngày 3/6/2025 - Thủ tướng đã tiếp", "HÀ NỘI", datetime(2025, 6, 3, tzinfo=UTC), None,
         "Thủ tướng đã tiếp"),
        ("NEW YORK — Shares fell on Monday", "NEW YORK", None, None, "Shares fell on Monday"),
        ("ROMA - Il governo ha approvato", "ROMA", None, None, "Il governo ha approvato"),
        ("Hà Nội, 30/3/2025 – Sáng nay, đoàn công tác", "Hà Nội", datetime(2025, 3, 30, tzinfo=UTC), None,
         "Sáng nay, đoàn công tác"),
        ("SEVILLA (España), 2 de mayo de 2025 (EFE) - El Gobierno", "SEVILLA", datetime(2025, 5, 2, tzinfo=UTC),
         "EFE", "El Gobierno"),
        ("GENF (nmp) - Die Gespräche", "GENF", None, "nmp", "Die Gespräche"),
        ("OSLO, May 2 (Nordic Wire) — The parliament", "OSLO", None, "Nordic Wire", "The parliament"),
        ("(VOVWORLD) - Dans la soirée du 4 mai", None, None, "VOVWORLD", "Dans la soirée du 4 mai"),
        ("(AFP) — Les négociations ont repris", None, None, "AFP", "Les négociations ont repris"),
    ],
)
def test_opening_is_read_and_body_starts_after_it(
    paragraph: str, place: str | None, published: datetime | None, agency: str | None, body: str
) -> None:
    opening = read_opening(paragraph)
    assert opening is not None
    assert (opening.place, opening.published, opening.agency) == (place, published, agency)
    assert paragraph[opening.end :] == body


@pytest.mark.parametrize(
    "paragraph",
    [
        "Dans l’après-midi du 3 mars, à Hanoï, le ministre a reçu une délégation.",
        "UPDATE - shares fell",  # listed in markers.toml as no place
        "EXCLUSIVE REPORT — the files",
        "Yesterday, 5 people died – police said",  # a place not in capitals needs a full date
        "Oslo (Nordic Wire) - The parliament",  # ... or a known agency
        "The minister (AI) - a new portfolio",
        "BADEN-BADEN is a spa town, officials said.",
        "Prime Minister — a long career",  # a place alone must be in capitals
    ],
)
def test_ordinary_openings_are_left_alone(paragraph: str) -> None:
    assert read_opening(paragraph) is None


@pytest.mark.parametrize(
    ("paragraph", "kept", "agency"),
    [
        ("Both sides agreed to meet again. — VNA/VNS", "Both sides agreed to meet again.", "VNA/VNS"),
        ("Die Gespräche gehen weiter. (dpa)", "Die Gespräche gehen weiter.", "dpa"),
        ("Talks will resume next week (Reuters)", "Talks will resume next week", "Reuters"),
        ("(AFP)", "", "AFP"),
    ],
)
def test_closing_signature_is_found(paragraph: str, kept: str, agency: str) -> None:
    closing = read_closing(paragraph)
    assert closing is not None
    assert paragraph[: closing[0]] == kept
    assert closing[1] == agency


@pytest.mark.parametrize(
    "paragraph",
    [
        "Investment in artificial intelligence (AI)",  # an acronym after a word, not after a sentence
        "The firm sells chips - ARM",
        "Nothing to see here.",
    ],
)
def test_ordinary_endings_are_left_alone(paragraph: str) -> None:
    assert read_closing(paragraph) is None


@pytest.mark.parametrize(
    ("line", "outlet", "published"),
    [
        ("Global Desk · Monday 14 April 2025", "Global Desk", datetime(2025, 4, 14, tzinfo=UTC)),
        ("Tageszeitung | Dienstag, 20.05.2025, 15:48 Uhr", "Tageszeitung", datetime(2025, 5, 20, 15, 48, tzinfo=UTC)),
        ("Diario Norte — Sevilla, 12 de julio de 2025", "Diario Norte", datetime(2025, 7, 12, tzinfo=UTC)),
        ("Le Courrier, 21.09.2025", "Le Courrier", datetime(2025, 9, 21, tzinfo=UTC)),
        ("Báo Mới – Thứ Ba, 13/05/2025, 18:40 (GMT+7)", "Báo Mới", datetime(2025, 5, 13, 11, 40, tzinfo=UTC)),
        ("By Jane Roe | June 3, 2025", None, datetime(2025, 6, 3, tzinfo=UTC)),
        ("Monday 14 April 2025", None, datetime(2025, 4, 14, tzinfo=UTC)),
    ],
)
def test_byline_gives_outlet_and_date(line: str, outlet: str | None, published: datetime) -> None:
    assert read_byline(line) == (outlet, published)


@pytest.mark.parametrize(
    "line",
    ["The 2019 season was the best in a decade.", "The 2019 season in review", "Tageszeitung | Sport"],
)
def test_ordinary_lines_are_no_bylines(line: str) -> None:
    assert read_byline(line) is None


def test_numeric_dates_are_day_first_and_need_a_year() -> None:
    assert parse_date("3/6/2025") == datetime(2025, 6, 3, tzinfo=UTC)
    assert parse_date("2025-06-10") == datetime(2025, 6, 10, tzinfo=UTC)
    assert parse_date("3 June") is None
