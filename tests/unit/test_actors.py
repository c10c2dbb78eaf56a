import json

import pytest

from newsloom.errors import InputError
from newsloom.model import Entity
from newsloom.nlp.actors import actor_rows, parse_actor_file
from newsloom.nlp.registry import EntityRegistry, known_entities, load_actors
from newsloom.store import open_store

CSV = """name,aliases,country,sector,kind,id,role
Marie Lefebvre,en:Mary Lefebvre; Lefèbvre,FRA,BUS,,,CEO of Lactalis
Acme Widgets,Acme,us,bus,organization,,
,nobody,VNM,GOV,,,
Bad Country,,XYZ,GOV,,,
Bad Sector,,VNM,FOO,,,
Bad Kind,,VNM,GOV,place,,
To Lam,,VNM,POL,,,
"""

YAML = """
- name: Nguyễn Văn An
  kind: person
  country: VNM
  sector: BUS
  aliases: {en: [Nguyen Van An]}
- name: Ministry Guy
  id: org:wrong-prefix
"""


def test_csv_rows_are_checked_one_by_one():
    result = parse_actor_file(CSV, "csv")
    assert [a.id for a in result.actors] == ["per:marie-lefebvre", "org:acme-widgets", "per:to-lam"]
    marie, acme = result.actors[:2]
    assert marie.aliases == {"en": ("Mary Lefebvre",), "und": ("Lefèbvre",)} and marie.roles == ("CEO of Lactalis",)
    assert (acme.country, acme.sector) == ("USA", "BUS")  # alpha-2 and lower case are accepted
    problems = [str(p) for p in result.problems]
    assert problems[0] == "line 4: the name is missing"
    assert problems[1].startswith("line 5 (Bad Country): unknown country 'XYZ'")
    assert problems[2].startswith("line 6 (Bad Sector): unknown sector 'FOO'; use one of: GOV")
    assert problems[3].startswith("line 7 (Bad Kind): unknown kind 'place'")


def test_yaml_takes_the_shipped_format_and_checks_ids():
    result = parse_actor_file(YAML, "yaml")
    assert result.actors[0].aliases == {"en": ("Nguyen Van An",)} and result.actors[0].id == "per:nguyen-van-an"
    assert "must look like per:ministry-guy" in str(result.problems[0])


def test_a_file_without_a_name_column_is_refused():
    with pytest.raises(InputError, match="no 'name' column"):
        parse_actor_file("label,country\nx,VNM\n", "csv")


def test_reimport_updates_and_never_duplicates():
    store = open_store(":memory:")
    first = store.save_actors(parse_actor_file(CSV, "csv").actors)
    assert len(first.added) == 3
    again = store.save_actors(parse_actor_file(CSV.replace("FRA,BUS", "FRA,NGO"), "csv").actors)
    assert again.updated == ["per:marie-lefebvre"] and len(again.unchanged) == 2 and again.added == []
    assert len(store.load_actors()) == 3
    assert next(a for a in store.load_actors() if a.id == "per:marie-lefebvre").sector == "NGO"


def test_user_actors_override_shipped_ones_in_the_registry_and_the_listing():
    shipped = load_actors()
    user = parse_actor_file(CSV, "csv").actors
    stored = [Entity("per:to-lam", "Tô Lâm", "person", {"fr": ("Tô Lâm",)}, "VNM", "GOV", ("Secrétaire général",))]
    registry = EntityRegistry(known_entities(shipped, user, stored))
    to_lam = registry.find("To Lam")
    assert to_lam.sector == "POL" and to_lam.roles == ("Secrétaire général",)
    assert registry.find("Mary Lefebvre").id == "per:marie-lefebvre"
    rows = actor_rows(shipped, user, country="VNM", sector="POL")
    assert [(r["id"], r["source"]) for r in rows] == [("per:to-lam", "user")]
    assert len(actor_rows(shipped, user)) == len(shipped) + 2
    with pytest.raises(InputError, match="Unknown sector"):
        actor_rows(shipped, user, sector="XX")


def test_actors_commands(cli, tmp_path):
    db, file = tmp_path / "a.db", tmp_path / "mine.csv"
    file.write_text(CSV, encoding="utf-8")
    code, out = cli("--db", db, "actors", "import", file, "--json")
    assert code == 1 and len(json.loads(out)["added"]) == 3 and len(json.loads(out)["problems"]) == 4
    code, out = cli("--db", db, "actors", "list", "--country", "FRA", "--sector", "BUS", "--json")
    assert code == 0 and "per:marie-lefebvre" in {r["id"] for r in json.loads(out)}
    assert cli("--db", db, "actors", "import", tmp_path / "missing.csv")[0] == 2


def test_the_pipeline_links_to_imported_actors_and_they_override_shipped_ones(tmp_path, web_components):
    from newsloom.ingest import read_paths
    from newsloom.pipeline import Pipeline

    (tmp_path / "a.txt").write_text("Mary Lefebvre met To Lam in Hanoi on Monday to discuss dairy exports.", encoding="utf-8")
    store = open_store(tmp_path / "n.db")
    store.save_actors(parse_actor_file(CSV, "csv").actors)
    pipeline = Pipeline(store, web_components)  # the rules analyser and hashing embedder the web tests share
    pipeline.run(read_paths([str(tmp_path / "a.txt")]))
    entities = {e["id"]: e for e in store.entities()}
    assert entities["per:marie-lefebvre"]["sector"] == "BUS" and entities["per:to-lam"]["sector"] == "POL"
