"""`newsloom export` and the writers: every format read back, the event filters, streaming, errors."""

from __future__ import annotations

import csv
import io
import json

import pyarrow.parquet as pq
import pytest

from newsloom.errors import ConfigError
from newsloom.export import FORMATS, export_events
from newsloom.export.rows import CSV_COLUMNS, GDELT_COLUMNS
from newsloom.model.reads import EventFilter
from tests.unit.apidb import build_api_db

PLOVER_FIELDS = {"id", "date", "source", "target", "event", "eventText", "mode", "text", "language", "publication",
                 "coder", "version", "dateCoded"}


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("export") / "e.db"
    build_api_db(path).close()
    return path


@pytest.fixture
def store(db):
    from newsloom.store import open_store

    s = open_store(db)
    yield s
    s.close()


def exported(store, format: str, **filters) -> bytes:
    sink = io.BytesIO()
    export_events(store.iter_export_events(EventFilter(oldest_first=True, **filters)), format, sink)
    return sink.getvalue()


def test_csv_and_gdelt_tsv_have_one_row_per_event_with_counts_and_urls(store):
    rows = list(csv.DictReader(io.StringIO(exported(store, "csv").decode())))
    assert len(rows) == store.count_events(EventFilter()) and tuple(rows[0]) == CSV_COLUMNS
    consult = next(r for r in rows if r["id"] == "ev-consult")
    assert (consult["sources"], consult["articles"], consult["languages"]) == ("3", "3", "en fr vi")
    assert consult["urls"] == "https://example.test/en"
    tsv = list(csv.DictReader(io.StringIO(exported(store, "gdelt-tsv").decode()), delimiter="\t"))
    assert tuple(tsv[0]) == GDELT_COLUMNS and len(tsv) == len(rows)
    row = next(r for r in tsv if r["GlobalEventID"] == "ev-consult")
    assert (row["Day"], row["EventCode"], row["NumSources"], row["NumMentions"]) == ("20250310", "CONSULT", "3", "3")
    assert row["Actor1Name"] == "Tô Lâm" and row["SOURCEURL"] == "https://example.test/en"
    assert row["ActionGeo_FeatureID"] == "2988507"


def test_plover_json_uses_the_gold_standard_field_names(store):
    records = json.loads(exported(store, "plover-json"))
    consult = next(r for r in records if r["id"] == "ev-consult")
    assert set(consult) >= PLOVER_FIELDS
    assert consult["event"] == "CONSULT" and consult["source"][0] == {
        "actorText": "Tô Lâm", "code": "VNM", "entityId": "per:to-lam", "sector": "GOV"}
    assert consult["eventLoc"]["name"] == "Paris" and consult["eventLoc"]["country code"] == "FR"
    assert len(consult["mentions"]) == 3 and consult["numSources"] == 3


def test_jsonl_and_parquet_read_back_with_the_filters(store, tmp_path):
    lines = exported(store, "jsonl", min_sources=2).decode().splitlines()
    assert {json.loads(line)["id"] for line in lines} == {"ev-consult", "ev-agree"}
    path = tmp_path / "e.parquet"
    path.write_bytes(exported(store, "parquet", type="CONSULT", actor="Macron"))
    table = pq.read_table(path)
    assert table.column_names == list(CSV_COLUMNS) and table.column("id").to_pylist() == ["ev-consult"]
    assert table.column("sources").to_pylist() == [3]
    empty = tmp_path / "none.parquet"
    empty.write_bytes(exported(store, "parquet", actor="nobody at all"))
    assert pq.read_table(empty).num_rows == 0


def test_csv_cells_that_look_like_formulas_are_defused(store):
    rows = list(csv.DictReader(io.StringIO(exported(store, "csv", story="s-xss").decode())))
    assert all(not v.startswith(("=", "+", "@")) for row in rows for v in row.values())


def test_the_command_writes_a_file_and_names_the_formats_on_a_typo(db, tmp_path, cli):
    out = tmp_path / "events.tsv"
    code, _ = cli("--db", db, "export", "--format", "gdelt-tsv", "--out", out, "--min-sources", "2",
                  "--date-from", "2025-03-01", "--date-to", "2025-03-31")
    assert code == 0 and len(out.read_text("utf-8").splitlines()) == 3
    assert not (tmp_path / "events.tsv.part").exists()
    assert cli("--db", db, "export", "--format", "gdelt2")[0] == 2
    with pytest.raises(ConfigError, match=r"'xml'. Available: csv, gdelt-tsv, jsonl, parquet, plover-json\."):
        export_events([], "xml", io.BytesIO())
    assert FORMATS == ("csv", "gdelt-tsv", "jsonl", "parquet", "plover-json")


def test_events_command_keeps_corroborated_events_only(db, cli_json):
    assert {e["id"] for e in cli_json("--db", db, "events", "--min-sources", "2")} == {"ev-consult", "ev-agree"}
    assert [e["id"] for e in cli_json("--db", db, "events", "--type", "DEMAND", "--country", "VN")] == ["ev-demand"]
