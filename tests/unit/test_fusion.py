from datetime import date

from newsloom.events.fusion import fuse_events
from newsloom.model import EventMention, PartialDate, Place


def mention(article, type="CONSULT", source="per:a", target="per:b", day=PartialDate(None, 6, 10), modality="asserted"):
    return EventMention(article, type, 0, 10, "s", "met", source, target, day,
                        Place("Hanoi", "VN", 1581130, "geo:1581130"), modality=modality, confidence=0.6)


def test_mentions_of_one_event_in_two_articles_fuse_and_take_year_from_story():
    events = fuse_events("s-1", [mention("fr"), mention("en", day=PartialDate(2025, 6, 10))], date(2025, 6, 10))
    assert len(events) == 1
    assert events[0].article_ids == ("en", "fr")
    assert events[0].date == date(2025, 6, 10)
    assert events[0].confidence > 0.6


def test_consult_is_symmetric():
    events = fuse_events("s", [mention("a"), mention("b", source="per:b", target="per:a")], date(2025, 6, 10))
    assert len(events) == 1


def test_demand_is_directed_and_other_types_stay_apart():
    events = fuse_events("s", [
        mention("a", type="DEMAND"), mention("b", type="DEMAND", source="per:b", target="per:a"), mention("c"),
    ], date(2025, 6, 10))
    assert sorted(e.type for e in events) == ["CONSULT", "DEMAND", "DEMAND"]


def test_negated_mentions_do_not_fuse_with_asserted_ones():
    events = fuse_events("s", [mention("a"), mention("b", modality="negated")], date(2025, 6, 10))
    assert len(events) == 2


def test_different_dates_are_different_events():
    events = fuse_events("s", [mention("a", day=PartialDate(2025, 6, 10)), mention("b", day=PartialDate(2025, 6, 20))], None)
    assert len(events) == 2


def test_event_ids_are_stable():
    one = fuse_events("s", [mention("a")], date(2025, 6, 10))
    two = fuse_events("s", [mention("a")], date(2025, 6, 10))
    assert one[0].id == two[0].id
