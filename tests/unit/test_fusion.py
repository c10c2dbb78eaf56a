from datetime import date

from newsloom.events.fusion import fuse_events
from newsloom.model import EventMention, PartialDate, Place, Report

JUNE_10 = PartialDate(None, 6, 10)  # no year: the fusion takes it from the story


def mention(article, type="CONSULT", source="per:a", target="per:b", day=JUNE_10, modality="asserted"):
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


def reports(**outlets):

    return {article: Report(outlet) for article, outlet in outlets.items()}


def test_confidence_grows_with_distinct_sources_not_with_mentions():
    from newsloom.events.fusion import corroborated_confidence

    two_outlets = fuse_events("s", [mention("a"), mention("b")], date(2025, 6, 10), reports=reports(a="x", b="y"))
    one_outlet = fuse_events("s", [mention("a"), mention("b")], date(2025, 6, 10), reports=reports(a="x", b="x"))
    assert two_outlets[0].confidence == 0.84 > one_outlet[0].confidence == 0.6
    assert corroborated_confidence([mention("a"), mention("a")], {}) == 0.6  # two sentences of one article


def test_a_mention_without_target_joins_the_only_event_that_has_one():
    events = fuse_events("s", [mention("a", type="DEMAND"), mention("b", type="DEMAND", target=None)], date(2025, 6, 10))
    assert len(events) == 1 and events[0].target_id == "per:b" and events[0].article_ids == ("a", "b")


def test_a_related_actor_joins_when_no_article_reports_both():
    related = lambda a, b: {a, b} == {"per:b", "org:c"}  # noqa: E731
    apart = [mention("fr"), mention("vi"), mention("en", target="org:c")]
    [event] = fuse_events("s", apart, date(2025, 6, 10), related=related)
    assert event.target_id == "per:b" and event.article_ids == ("en", "fr", "vi")
    both = [mention("fr", type="DEMAND"), mention("en", type="DEMAND"), mention("en", type="DEMAND", target="org:c")]
    assert len(fuse_events("s", both, date(2025, 6, 10), related=related)) == 2  # one article reports two requests
    assert len(fuse_events("s", apart, date(2025, 6, 10))) == 2  # unrelated actors stay apart


def test_a_person_is_related_to_the_organisation_his_role_names():
    from newsloom.events.fusion import entities_related
    from newsloom.model import Entity, source_key

    lee = Entity("per:lee", "Lee Jae-yong", "person", roles=("Executive Chairman of Samsung Electronics",))
    samsung = Entity("org:samsung", "Samsung Electronics", "organization", {"en": ("Samsung",)})
    other = Entity("org:lg", "LG", "organization")
    assert entities_related(lee, samsung) and entities_related(samsung, lee)
    assert not entities_related(lee, other)
    assert source_key("a1", "  VNA ") == source_key("a2", "vna") != source_key("a3", None) == "a3"


def test_a_better_reported_mention_without_target_still_joins_the_event_that_names_it():
    events = fuse_events("s", [mention("a", type="SANCTION", target=None), mention("b", type="SANCTION", target=None),
                               mention("c", type="SANCTION")], date(2025, 6, 10))
    assert len(events) == 1 and events[0].target_id == "per:b" and len(events[0].article_ids) == 3
