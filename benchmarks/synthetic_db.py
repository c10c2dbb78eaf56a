"""A synthetic newsloom database of any size, written straight through the store (no NLP pipeline).

    python benchmarks/synthetic_db.py OUT.db [--events 100000] [--seed 7]

Entities (countries, people, organisations, places with sectors and aliases in
five languages), stories of a few articles each in several languages, and events
whose evidence points at real sentences of those articles, spread over two years.
A few actors are very busy and most are not (a Zipf-like draw), as in the news.
The same seed gives the same database.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newsloom.events.lexicon import PLOVER_TYPES  # noqa: E402 - importable once the checkout is on the path
from newsloom.model import (  # noqa: E402
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
from newsloom.store import Batch, SQLiteStore, open_store  # noqa: E402

LANGUAGES = ("en", "fr", "de", "es", "vi")
SECTORS = ("GOV", "MIL", "BUS", "MED", "NGO", "JUD", "OPP", "EDU", "REL", "LAB")
COUNTRIES = ("VNM", "FRA", "DEU", "ESP", "USA", "GBR", "CHN", "JPN", "KOR", "THA", "KHM", "MMR", "IRN", "RUS",
             "UKR", "IND", "BRA", "MEX", "ZAF", "NGA", "EGY", "TUR", "POL", "ITA", "NLD", "SWE", "CAN", "AUS")
ALPHA2 = {"VNM": "VN", "FRA": "FR", "DEU": "DE", "ESP": "ES", "USA": "US", "GBR": "GB", "CHN": "CN", "JPN": "JP",
          "KOR": "KR", "THA": "TH", "KHM": "KH", "MMR": "MM", "IRN": "IR", "RUS": "RU", "UKR": "UA", "IND": "IN",
          "BRA": "BR", "MEX": "MX", "ZAF": "ZA", "NGA": "NG", "EGY": "EG", "TUR": "TR", "POL": "PL", "ITA": "IT",
          "NLD": "NL", "SWE": "SE", "CAN": "CA", "AUS": "AU"}
SYLLABLES = ("an", "bel", "cor", "da", "el", "fin", "gar", "ho", "ir", "ja", "ka", "lu", "mar", "no", "or", "pe",
             "qua", "ri", "sa", "tu", "ul", "ve", "wen", "xu", "ya", "zo", "minh", "lam", "chi", "ngu")
VERBS = {"en": "met", "fr": "a rencontré", "de": "traf", "es": "se reunió con", "vi": "đã gặp"}
FILLER = {
    "en": "Officials said talks on trade and security would continue next week.",
    "fr": "Les responsables ont indiqué que les discussions se poursuivraient la semaine prochaine.",
    "de": "Die Gespräche über Handel und Sicherheit sollen nächste Woche weitergehen.",
    "es": "Las conversaciones sobre comercio y seguridad continuarán la próxima semana.",
    "vi": "Các quan chức cho biết các cuộc đàm phán sẽ tiếp tục vào tuần tới.",
}
START = date(2024, 1, 1)
DAYS = 730
ARTICLES_PER_STORY = 4
EVENTS_PER_STORY = 20
STORIES_PER_BATCH = 100


def _name(rng: random.Random, parts: int) -> str:
    return " ".join("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 2))).capitalize()
                    for _ in range(parts))


def make_entities(rng: random.Random) -> tuple[list[Entity], list[Entity], list[Entity]]:
    """Actors (countries, people, organisations) and places."""
    countries = [Entity(f"cty:{c}", f"Country {c}", "country", {"en": (f"Country {c}",)}, c) for c in COUNTRIES]
    people, orgs, places = [], [], []
    for i in range(1500):
        name = _name(rng, 2)
        aliases = {lang: (name, name.split()[-1]) for lang in rng.sample(LANGUAGES, 3)}
        people.append(Entity(f"per:p{i}", name, "person", aliases, rng.choice(COUNTRIES), rng.choice(SECTORS),
                             (rng.choice(("Minister", "Spokesperson", "General", "Chairman", "Judge")),)))
    for i in range(500):
        name = _name(rng, 2) + " " + rng.choice(("Group", "Party", "Union", "Army", "Agency", "Bank"))
        orgs.append(Entity(f"org:o{i}", name, "organization", {"en": (name,)}, rng.choice(COUNTRIES),
                           rng.choice(SECTORS)))
    for i in range(300):
        country = rng.choice(COUNTRIES)
        name = _name(rng, 1) + " City"
        places.append(Entity(f"geo:{100000 + i}", name, "place", {"en": (name,)}, ALPHA2[country], None, (),
                             100000 + i))
    return countries + people + orgs, places, countries


def _zipf_pick(rng: random.Random, items: list[Entity]) -> Entity:
    """Index drawn so that the first items are far more frequent than the last (about 1/rank)."""
    return items[min(len(items) - 1, int(len(items) ** rng.random()) - 1)]


def make_story(rng: random.Random, number: int, actors: list[Entity], places: list[Entity],
               events_per_story: int = EVENTS_PER_STORY) -> Batch:
    story_id = f"s-{number:08x}"
    first = START + timedelta(days=rng.randrange(DAYS))
    cast = [_zipf_pick(rng, actors) for _ in range(6)]
    place = rng.choice(places)
    where = Place(place.name, place.country, place.geonameid, place.id)
    articles: list[Article] = []
    for k in range(ARTICLES_PER_STORY):
        lang = rng.choice(LANGUAGES)
        sentences, mentions, text = [], [], ""
        for s in range(6):
            a, b = rng.sample(cast, 2)
            start = len(text)
            sentence = f"{a.name} {VERBS[lang]} {b.name} in {place.name}. " if s % 2 == 0 else FILLER[lang] + " "
            text += sentence
            sentences.append(Sentence(start, len(text) - 1))
            if s % 2 == 0:
                mentions.append(Mention(start, start + len(a.name), a.name, a.kind, a.id))
                b_start = start + len(a.name) + len(VERBS[lang]) + 2
                mentions.append(Mention(b_start, b_start + len(b.name), b.name, b.kind, b.id))
        published = datetime.combine(first + timedelta(days=k // 2), datetime.min.time(), UTC) + timedelta(hours=k)
        article_id = f"{number:08x}{k:08x}"
        articles.append(Article(
            article_id, f"synthetic:{article_id}", f"sha-{article_id}", text.strip(),
            title=f"{cast[0].name} and {cast[1].name}: talks in {place.name} ({lang} {k})",
            url=f"https://synthetic.test/{article_id}", outlet=f"Outlet {rng.randrange(60)}", published=published,
            language=lang, sentences=tuple(sentences), mentions=tuple(mentions), story_id=story_id))
    mentions_all, events = [], []
    for e in range(events_per_story):
        event_type = rng.choice(PLOVER_TYPES)
        source, target = rng.sample(cast, 2)
        day = first + timedelta(days=rng.randrange(3))
        carried = rng.sample(articles, min(len(articles), 1 + int(rng.expovariate(1.2))))
        event_mentions = []
        for article in carried:
            sentence = article.sentences[2 * rng.randrange(3)]
            event_mentions.append(EventMention(
                article.id, event_type, sentence.start, sentence.end, article.text[sentence.start:sentence.end],
                f"t{e}", source.id, target.id if rng.random() < 0.8 else None,
                PartialDate(day.year, day.month, day.day)))
        mentions_all += event_mentions
        events.append(Event(f"ev-{number:08x}-{e:03d}", story_id, event_type, source.id, event_mentions[0].target_id,
                            day if rng.random() < 0.97 else None,  # a few events have no date
                            where if rng.random() < 0.7 else None, tuple(event_mentions)))
    story = Story(story_id, articles[0].title, tuple(a.id for a in articles),
                  tuple(dict.fromkeys(a.language for a in articles)), first, first + timedelta(days=2))
    state = StoryState(story, np.zeros(8, dtype=np.float32), Counter(c.id for c in cast))
    return Batch(articles=articles, event_mentions=mentions_all, stories=[state], events={story_id: events})


def build(path: Path | str, events: int = 100_000, seed: int = 7,
          events_per_story: int = EVENTS_PER_STORY) -> SQLiteStore:
    """Write a database with about ``events`` events (``ARTICLES_PER_STORY`` articles for every
    ``events_per_story``) into ``path`` (replaced) and return its store."""
    path = Path(path)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    rng = random.Random(seed)
    actors, places, _ = make_entities(rng)
    rng.shuffle(actors)
    store = open_store(path)
    store.save(Batch(entities=actors + places))
    stories = max(1, events // events_per_story)
    for first in range(0, stories, STORIES_PER_BATCH):
        batch = Batch()
        for number in range(first, min(stories, first + STORIES_PER_BATCH)):
            part = make_story(rng, number, actors, places, events_per_story)
            batch.articles += part.articles
            batch.event_mentions += part.event_mentions
            batch.stories += part.stories
            batch.events.update(part.events)
        store.save(batch)
    store.db.execute("ANALYZE")
    return store


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    t0 = time.perf_counter()
    store = build(args.out, args.events, args.seed)
    counts = {t: store.db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
              for t in ("events", "event_mentions", "articles", "stories", "entities")}
    store.close()
    print(f"{args.out}: {counts} in {time.perf_counter() - t0:.1f} s")


if __name__ == "__main__":
    main()
