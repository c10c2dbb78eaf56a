from collections import Counter
from datetime import date, datetime, timezone

import numpy as np
import pytest

from newsloom.errors import StoreError
from newsloom.model import Article, Entity, Event, EventMention, Failure, Mention, PartialDate, Sentence, Story, StoryState
from newsloom.store import Batch, SQLiteStore


def article(id="a1", story="s-a1"):
    text = "Alice met Bob in Hanoi."
    return Article(id, f"{id}.txt", f"sha-{id}", text, title="Meeting", language="en",
                   published=datetime(2025, 6, 10, tzinfo=timezone.utc), sentences=(Sentence(0, len(text)),),
                   mentions=(Mention(0, 5, "Alice", "person", "per:alice"), Mention(10, 13, "Bob", "person", "per:bob")),
                   embedding=np.ones(4, dtype=np.float32), story_id=story)


def batch_for(a):
    m = EventMention(a.id, "CONSULT", 0, len(a.text), a.text, "met", "per:alice", "per:bob", PartialDate(2025, 6, 10))
    story = StoryState(Story(a.story_id, "Meeting", (a.id,), ("en",), date(2025, 6, 10), date(2025, 6, 10)),
                       np.ones(4, dtype=np.float32), Counter({"per:alice": 1}))
    event = Event("ev-1", a.story_id, "CONSULT", "per:alice", "per:bob", date(2025, 6, 10), None, (m,))
    return Batch(articles=[a], event_mentions=[m], stories=[story], events={a.story_id: [event]},
                 entities=[Entity("per:alice", "Alice", "person", {"en": ("Alice",)}, "USA", "GOV"),
                           Entity("per:bob", "Bob", "person")])


def test_batch_round_trip():
    store = SQLiteStore(":memory:")
    store.save(batch_for(article()))
    assert store.has_document("sha-a1")
    [story] = store.stories()
    assert story["article_ids"] == ["a1"] and story["first_date"] == "2025-06-10"
    [event] = store.events()
    assert event["source"]["name"] == "Alice" and event["source"]["country"] == "USA"
    assert event["evidence"][0]["sentence"] == "Alice met Bob in Hanoi."
    assert store.events(actor="alice")[0]["id"] == "ev-1"
    assert store.events(type="DEMAND") == []
    assert store.article("a1")["entity_ids"] == ["per:alice", "per:bob"]
    states = store.load_story_states()
    assert states[0].story.article_ids == ("a1",) and states[0].entities["per:alice"] == 1
    assert store.load_event_mentions("s-a1")[0].date == PartialDate(2025, 6, 10)


def test_failed_batch_writes_nothing():
    store = SQLiteStore(":memory:")
    bad = batch_for(article())
    bad.events = {"s-a1": [None]}  # type: ignore[list-item]
    with pytest.raises(AttributeError):
        store.save(bad)
    assert not store.has_document("sha-a1")
    assert store.articles() == []


def test_failures_are_recorded_and_cleared_when_done():
    store = SQLiteStore(":memory:")
    store.save(Batch(failures=[Failure("x.txt", "empty file", "ingest")]))
    assert store.failures()[0]["reason"] == "empty file"
    store.save(Batch(done_origins=["x.txt"]))
    assert store.failures() == []


def test_migrations_are_versioned(tmp_path):
    path = tmp_path / "n.db"
    SQLiteStore(path).close()
    store = SQLiteStore(path)  # reopening does not re-run migrations
    assert store.db.execute("PRAGMA user_version").fetchone()[0] >= 1


def test_not_a_database_is_a_clear_error(tmp_path):
    path = tmp_path / "n.db"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="Cannot open the database"):
        SQLiteStore(path)


def test_partial_dates_round_trip():
    from newsloom.store.sqlite import _partial

    assert _partial(PartialDate(None, 6, 10).iso()) == PartialDate(None, 6, 10)
    assert _partial(PartialDate(2025, 6, 10).iso()) == PartialDate(2025, 6, 10)
