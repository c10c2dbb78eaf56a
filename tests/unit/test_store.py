from collections import Counter
from datetime import UTC, date, datetime

import numpy as np
import pytest

from newsloom.errors import StoreError
from newsloom.model import (
    Article,
    Entity,
    Event,
    EventMention,
    Failure,
    Mention,
    PartialDate,
    Sentence,
    Story,
    StoryState,
)
from newsloom.store import Batch, SQLiteStore, open_store
from newsloom.store.migrate import latest
from newsloom.store.writes import partial


def article(id="a1", story="s-a1"):
    text = "Alice met Bob in Hanoi."
    return Article(id, f"{id}.txt", f"sha-{id}", text, title="Meeting", language="en",
                   published=datetime(2025, 6, 10, tzinfo=UTC), sentences=(Sentence(0, len(text)),),
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


def test_batch_round_trip(make_store):
    store = make_store()
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


def test_failed_batch_writes_nothing(make_store):
    store = make_store()
    bad = batch_for(article())
    bad.events = {"s-a1": [None]}  # type: ignore[list-item]
    with pytest.raises(AttributeError):
        store.save(bad)
    assert not store.has_document("sha-a1")
    assert store.articles() == []


def test_failures_are_recorded_and_cleared_when_done(make_store):
    store = make_store()
    store.save(Batch(failures=[Failure("x.txt", "empty file", "ingest")]))
    assert store.failures()[0]["reason"] == "empty file"
    store.save(Batch(done_origins=["x.txt"]))
    assert store.failures() == []


def test_migrations_are_versioned(make_store):
    make_store().close()
    store = make_store()  # reopening does not re-run migrations
    query = "PRAGMA user_version" if store.db.dialect == "sqlite" else "SELECT version FROM schema_version"
    assert store.db.execute(query).fetchone()[0] == latest(store.db.dialect) == latest("sqlite")


def test_a_schema_newer_than_the_code_is_refused(make_store):
    store = make_store()
    if store.db.dialect == "sqlite":
        store.db.execute("PRAGMA user_version = 99")
    else:
        store.db.execute("UPDATE schema_version SET version = 99")
    with pytest.raises(StoreError, match="schema version 99, newer than this newsloom"):
        make_store()


def test_a_busy_database_says_to_retry_or_stop_the_other_writer(make_store):
    from newsloom.errors import StoreLocked
    from newsloom.store import driver_errors

    store = make_store()
    other = store.handle(read_only=False)
    lock = store.db.write()
    lock.__enter__()
    try:
        driver_errors.LOCK_TIMEOUT_S = 0.2  # the PostgreSQL writer reads it per transaction
        if other.db.dialect == "sqlite":
            other.db.raw.execute("PRAGMA busy_timeout = 100")
        with pytest.raises(StoreLocked, match=r"busy: another newsloom process is writing.*Retry, or stop the other"):
            other.save(Batch(done_origins=["x"]))
    finally:
        driver_errors.LOCK_TIMEOUT_S = 5
        lock.__exit__(None, None, None)
    other.save(Batch(done_origins=["x"]))  # free again
    other.close()


def test_not_a_database_is_a_clear_error(tmp_path):
    path = tmp_path / "n.db"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="Cannot open the database"):
        SQLiteStore(path)


def test_partial_dates_round_trip():
    assert partial(PartialDate(None, 6, 10).iso()) == PartialDate(None, 6, 10)
    assert partial(PartialDate(2025, 6, 10).iso()) == PartialDate(2025, 6, 10)


def test_open_store_dispatches_on_the_address(tmp_path):
    assert isinstance(open_store(tmp_path / "a.db"), SQLiteStore)
    assert isinstance(open_store(f"sqlite:///{tmp_path}/b.db"), SQLiteStore) and (tmp_path / "b.db").exists()
    assert isinstance(open_store(":memory:"), SQLiteStore)
    with pytest.raises(StoreError, match=r"mysql:// is not a store newsloom knows.*postgresql://"):
        open_store("mysql://db.example/news")


def test_an_unreachable_server_is_named_with_what_to_check():
    pytest.importorskip("psycopg")
    with pytest.raises(StoreError, match=r"Cannot reach the PostgreSQL server at 127\.0\.0\.1:1\b.*Check that the server"):
        open_store("postgresql://nobody:secret@127.0.0.1:1/news")


def test_a_missing_driver_says_what_to_install(monkeypatch):
    import builtins

    real = builtins.__import__

    def no_psycopg(name, *args, **kwargs):
        if name.split(".")[0] in ("psycopg", "psycopg_pool"):
            raise ImportError(f"No module named {name!r}")
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_psycopg)
    with pytest.raises(StoreError, match=r"pip install 'newsloom\[postgresql\]'"):
        open_store("postgresql://127.0.0.1/news")


def test_the_contract_lists_every_public_method_of_both_back_ends():
    import inspect

    from newsloom.model.contract import Store
    from newsloom.store.postgres import PostgresStore

    contract = {n: inspect.signature(getattr(Store, n)) for n in dir(Store) if not n.startswith("_")}
    for cls in (SQLiteStore, PostgresStore):
        public = {n: inspect.signature(f) for n, f in inspect.getmembers(cls, callable) if not n.startswith("_")}
        assert set(public) == set(contract), cls.__name__
        for name, signature in public.items():
            assert list(signature.parameters) == list(contract[name].parameters), (cls.__name__, name)


def test_a_refused_login_and_a_missing_database_say_what_to_check(postgres_server):
    if postgres_server.startswith("!"):
        pytest.skip(f"no PostgreSQL server: {postgres_server[1:]}")
    from urllib.parse import urlsplit

    server = urlsplit(postgres_server)
    with pytest.raises(StoreError, match=r"refused the login.*Check the user and password"):
        open_store(f"postgresql://nobody@{server.hostname}:{server.port}/postgres")
    with pytest.raises(StoreError, match=r"does not exist on its server.*createdb"):
        open_store(f"postgresql://{server.username}@{server.hostname}:{server.port}/no_such_newsloom_db")
