"""A small database for the API tests, written from records (no models), and a client on it.

Three stories: a cross-lingual one (en, fr, vi), one with many events (for
paging), and one whose article carries script and markup payloads in every
field a feed controls.
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import numpy as np
import pytest
from fastapi.testclient import TestClient

from newsloom.api import create_app
from newsloom.model import (
    Article,
    Entity,
    Event,
    EventMention,
    Mention,
    PartialDate,
    Place,
    Sentence,
    Story,
    StoryState,
)
from newsloom.nlp.embed import HashEmbedder
from newsloom.pipeline.components import Components
from newsloom.settings import Settings
from newsloom.store import Batch, SQLiteStore

SETTINGS = Settings(embedder="hash", analyzers="rules", progress=False, api_max_page_size=20,
                    api_max_body_bytes=50_000, api_max_documents=5, compare_on_view=False, workers=1)
TOKEN = "s3cret-token"
DIMENSIONS = HashEmbedder().dimensions  # the stand-in embedder POST /api/ingest runs in these tests
XSS_TEXT = 'Breaking <script>alert("pwned")</script> and <img src=x onerror=alert(2)> end.'
XSS_TITLE = '<script>alert("title")</script>'

ENTITIES = [
    Entity("per:to-lam", "Tô Lâm", "person", {"vi": ("Tô Lâm",), "en": ("To Lam",), "fr": ("To Lam",)}, "VNM", "GOV",
           ("General Secretary",)),
    Entity("per:macron", "Emmanuel Macron", "person", {"en": ("Emmanuel Macron", "Macron"), "fr": ("Macron",)}, "FRA",
           "GOV", ("President of France",)),
    Entity("org:samsung", "Samsung Electronics", "organization", {"en": ("Samsung",)}, "KOR", "BUS"),
    Entity("cty:VNM", "Vietnam", "country", {"en": ("Vietnam",), "vi": ("Việt Nam",)}, "VNM"),
    Entity("cty:FRA", "France", "country", {"en": ("France",), "fr": ("France",)}, "FRA"),
    Entity("geo:2988507", "Paris", "place", {"en": ("Paris",)}, "FR", geonameid=2988507),
    Entity("per:mallory", '<img src=x onerror=alert("name")>', "person", {"en": ("Mallory",)}, "USA", "MED"),
]


def article(article_id: str, story: str, lang: str, title: str, sentences: list[str], published: datetime,
            names: dict[str, str] | None = None, **extra: object) -> Article:
    """An article whose text is its sentences, with a mention wherever one of ``names`` (text -> id) occurs."""
    text = " ".join(sentences)
    spans, at = [], 0
    for s in sentences:
        spans.append(Sentence(at, at + len(s)))
        at += len(s) + 1
    kinds = {e.id: e.kind for e in ENTITIES}
    mentions = tuple(sorted(
        (Mention(i, i + len(n), n, kinds[eid], eid) for n, eid in (names or {}).items() if (i := text.find(n)) >= 0),
        key=lambda m: m.start))
    return Article(article_id, f"{article_id}.txt", f"sha-{article_id}", text, title=title, language=lang,
                   published=published, sentences=tuple(spans), mentions=mentions, story_id=story,
                   embedding=np.ones(DIMENSIONS, dtype=np.float32), **extra)  # type: ignore[arg-type]


def mention(a: Article, sentence: int, type_: str, trigger: str, source: str | None, target: str | None,
            day: date) -> EventMention:
    s = a.sentences[sentence]
    return EventMention(a.id, type_, s.start, s.end, a.text[s.start:s.end], trigger, source, target,
                        PartialDate(day.year, day.month, day.day))


def state(story_id: str, title: str, articles: list[Article]) -> StoryState:
    days = [a.published.date() for a in articles if a.published]
    story = Story(story_id, title, tuple(a.id for a in articles), tuple(dict.fromkeys(a.language for a in articles)),
                  min(days), max(days))
    return StoryState(story, np.ones(DIMENSIONS, dtype=np.float32), Counter())


def visit_story() -> Batch:
    t = datetime(2025, 3, 10, 8, tzinfo=UTC)
    names = {"To Lam": "per:to-lam", "Tô Lâm": "per:to-lam", "Macron": "per:macron", "Paris": "geo:2988507"}
    en = article("a-en", "s-visit", "en", "To Lam meets Macron in Paris",
                 ["To Lam met Macron in Paris on Monday.", "Macron urged Vietnam to buy more aircraft.",
                  "The two leaders signed a partnership."], t, names, outlet="Global Desk",
                 url="https://example.test/en")
    fr = article("a-fr", "s-visit", "fr", "To Lam reçu par Macron à Paris",
                 ["Emmanuel Macron a reçu To Lam lundi à Paris.", "Les deux dirigeants ont signé un partenariat."],
                 t + timedelta(hours=2), names, outlet="Écho International")
    vi = article("a-vi", "s-visit", "vi", "Tô Lâm hội đàm với Macron",
                 ["Tô Lâm đã hội đàm với Macron tại Paris.", "Hai bên ký kết quan hệ đối tác."],
                 t + timedelta(days=1), names, outlet="VTT")
    day = date(2025, 3, 10)
    consult = [mention(en, 0, "CONSULT", "met", "per:to-lam", "per:macron", day),
               mention(fr, 0, "CONSULT", "reçu", "per:to-lam", "per:macron", day),
               mention(vi, 0, "CONSULT", "hội đàm", "per:to-lam", "per:macron", day)]
    demand = [mention(en, 1, "DEMAND", "urged", "per:macron", "cty:VNM", day)]
    agree = [mention(en, 2, "AGREE", "signed", "per:to-lam", "per:macron", day + timedelta(days=1)),
             mention(fr, 1, "AGREE", "signé", "per:to-lam", "per:macron", day + timedelta(days=1))]
    paris = Place("Paris", "FR", 2988507, "geo:2988507")
    events = [Event("ev-consult", "s-visit", "CONSULT", "per:to-lam", "per:macron", day, paris, tuple(consult)),
              Event("ev-demand", "s-visit", "DEMAND", "per:macron", "cty:VNM", day, paris, tuple(demand)),
              Event("ev-agree", "s-visit", "AGREE", "per:to-lam", "per:macron", day + timedelta(days=1), None,
                    tuple(agree))]
    return Batch(articles=[en, fr, vi], event_mentions=consult + demand + agree, entities=ENTITIES,
                 stories=[state("s-visit", "To Lam meets Macron in Paris", [en, fr, vi])],
                 events={"s-visit": events})


def chips_story(count: int = 30) -> Batch:
    """One English article reporting ``count`` meetings on ``count`` days (for paging)."""
    t = datetime(2025, 5, 1, 9, tzinfo=UTC)
    sentences = [f"Samsung met Vietnam officials in round {i}." for i in range(count)]
    a = article("a-chips", "s-chips", "en", "Samsung talks in Hanoi", sentences, t, {"Samsung": "org:samsung"},
                outlet="Viet Nam Daily Star")
    mentions, events = [], []
    for i in range(count):
        day = date(2025, 5, 1) + timedelta(days=i)
        m = mention(a, i, "CONSULT" if i % 3 else "COOPERATE", "met", "org:samsung", "cty:VNM", day)
        mentions.append(m)
        events.append(Event(f"ev-chips-{i:02d}", "s-chips", m.type, "org:samsung", "cty:VNM",
                            day if i != count - 1 else None, None, (m,)))
    return Batch(articles=[a], event_mentions=mentions, stories=[state("s-chips", "Samsung talks in Hanoi", [a])],
                 events={"s-chips": events})


def xss_story() -> Batch:
    t = datetime(2025, 6, 1, 12, tzinfo=UTC)
    a = article("a-xss", "s-xss", "en", XSS_TITLE, [XSS_TEXT, "Mallory protested loudly."], t,
                {"Mallory": "per:mallory"}, outlet='<b onmouseover="alert(1)">Evil Feed</b>',
                url="javascript:alert('url')")
    m = mention(a, 1, "PROTEST", "protested", "per:mallory", None, t.date())
    return Batch(articles=[a], event_mentions=[m], stories=[state("s-xss", XSS_TITLE, [a])],
                 events={"s-xss": [Event("ev-xss", "s-xss", "PROTEST", "per:mallory", None, t.date(), None, (m,))]})


def build_api_db(path: Path) -> SQLiteStore:
    store = SQLiteStore(path)
    for batch in (visit_story(), chips_story(), xss_story()):
        store.save(batch)
    store.save(Batch(redirects={"s-visit-merged": "s-visit"}))  # a story once merged into the visit
    return store


@pytest.fixture(scope="session")
def api_db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("api") / "api.db"
    build_api_db(path).close()
    return path


@pytest.fixture(scope="session")
def api_components() -> Components:
    return Components(SETTINGS)


@pytest.fixture(scope="session")
def api_client(api_db) -> TestClient:
    """A read-only client (no token configured) on the shared database: tests must not write through it."""
    from newsloom.store import open_store

    with TestClient(create_app(open_store(api_db), SETTINGS)) as c:
        yield c


def writable_client(path: Path, components: Components, token: str = TOKEN, **overrides: object) -> TestClient:
    from dataclasses import replace

    from newsloom.store import open_store

    settings = replace(SETTINGS, api_token=token, **overrides)
    return TestClient(create_app(open_store(path), settings, components), raise_server_exceptions=False)
