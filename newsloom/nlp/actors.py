"""The user's own actors: rows of a CSV or YAML list checked and turned into entities.

A row has ``name``, ``aliases``, ``country``, ``sector`` and optionally ``kind``
(person or organization, default person), ``id`` (``per:...``/``org:...``, to
name an entity whatever its display name, e.g. to correct a shipped actor) and
``role``. A bad row is reported with its number and what to change; the other
rows are kept. Imported actors override shipped ones with the same id.

CSV aliases are one cell, separated by ``;``, each optionally prefixed by its
language (``en:To Lam; vi:Tô Lâm``); YAML aliases are a list or, as in the
shipped ``actors.yaml``, a mapping of language to names.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from typing import Any

import pycountry
import yaml

from newsloom.errors import InputError
from newsloom.model import Entity
from newsloom.nlp.registry import entity_id

SECTORS = ("GOV", "LEG", "JUD", "MIL", "POL", "BUS", "NGO", "IGO", "MED", "EDU", "REL", "CVL")
ACTOR_KINDS = ("person", "organization")
ANY_LANGUAGE = "und"  # aliases given without a language
_ID = re.compile(r"^(per|org):[a-z0-9][a-z0-9-]*$")
_ALIAS = re.compile(r"^([a-z]{2,3}):\s*(.+)$")


@dataclass(frozen=True, slots=True)
class RowProblem:
    where: str  # "line 3" of a CSV file (the header is line 1), "entry 2" of a YAML list
    name: str
    message: str

    def __str__(self) -> str:
        return self.where + (f" ({self.name})" if self.name else "") + f": {self.message}"


@dataclass
class ActorImport:
    actors: list[Entity] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)


def parse_actor_file(text: str, file_format: str) -> ActorImport:
    """Check every row of a ``csv`` or ``yaml`` text; good rows become entities, bad ones problems."""
    rows = _csv_rows(text) if file_format == "csv" else _yaml_rows(text)
    label, first = ("line", 2) if file_format == "csv" else ("entry", 1)
    result = ActorImport()
    for number, row in enumerate(rows, first):
        try:
            result.actors.append(actor_from_row(row))
        except ValueError as problem:
            name = str(row.get("name") or "").strip() if isinstance(row, dict) else ""
            result.problems.append(RowProblem(f"{label} {number}", name, str(problem)))
    return result


def actor_format(filename: str) -> str:
    """``csv`` or ``yaml`` from a file name, or an error saying which names are read."""
    lower = filename.lower()
    if lower.endswith(".csv"):
        return "csv"
    if lower.endswith((".yaml", ".yml")):
        return "yaml"
    raise InputError(f"Cannot tell the format of {filename!r}: name it .csv, .yaml or .yml.")


def _csv_rows(text: str) -> list[dict[str, Any]]:
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    fields = [f.strip().lower() for f in reader.fieldnames or []]
    if "name" not in fields:
        raise InputError(f"The CSV has no 'name' column (columns: {', '.join(fields) or 'none'}). "
                         "Expected: name, aliases, country, sector, and optionally kind, id, role.")
    return [{(k or "").strip().lower(): v for k, v in row.items()} for row in reader]


def _yaml_rows(text: str) -> list[Any]:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise InputError(f"The YAML cannot be read: {exc}") from exc
    if data is None:
        return []
    if not isinstance(data, list):
        raise InputError("The YAML must be a list of actors (each `- name: ...`), as in newsloom's actors.yaml.")
    return data


def _country(value: Any) -> str | None:
    code = str(value or "").strip().upper()
    if not code:
        return None
    found = pycountry.countries.get(alpha_3=code) if len(code) == 3 else (
        pycountry.countries.get(alpha_2=code) if len(code) == 2 else None)
    if found is None:
        raise ValueError(f"unknown country {value!r}: use an ISO 3166 alpha-3 code such as VNM, FRA or USA "
                         "(leave it empty for an international organisation)")
    return found.alpha_3


def _aliases(value: Any) -> dict[str, tuple[str, ...]]:
    if value is None or value == "":
        return {}
    if isinstance(value, dict):
        return {str(lang): tuple(str(n).strip() for n in (names if isinstance(names, list) else [names]) if str(n).strip())
                for lang, names in value.items()}
    items = value if isinstance(value, list) else str(value).split(";")
    out: dict[str, list[str]] = {}
    for item in (str(i).strip() for i in items):
        if not item:
            continue
        m = _ALIAS.match(item)
        lang, name = (m.group(1), m.group(2).strip()) if m else (ANY_LANGUAGE, item)
        out.setdefault(lang, []).append(name)
    return {lang: tuple(names) for lang, names in out.items()}


def actor_from_row(row: Any) -> Entity:
    """One checked actor; raises ValueError with what to change."""
    if not isinstance(row, dict):
        raise ValueError("each actor must be a mapping with at least a name")
    name = str(row.get("name") or "").strip()
    if not name:
        raise ValueError("the name is missing")
    kind = str(row.get("kind") or "person").strip().lower()
    if kind not in ACTOR_KINDS:
        raise ValueError(f"unknown kind {kind!r}; use one of: {', '.join(ACTOR_KINDS)}")
    sector = str(row.get("sector") or "").strip().upper() or None
    if sector is not None and sector not in SECTORS:
        raise ValueError(f"unknown sector {row.get('sector')!r}; use one of: {', '.join(SECTORS)}")
    given_id = str(row.get("id") or "").strip()
    if given_id and (not _ID.match(given_id) or given_id[:3] != entity_id(kind, "x")[:3]):
        raise ValueError(f"the id {given_id!r} must look like {entity_id(kind, name)} (prefix of the kind, "
                         "lowercase letters, digits and hyphens)")
    role = str(row.get("role") or "").strip()
    return Entity(
        id=given_id or entity_id(kind, name), name=name, kind=kind, aliases=_aliases(row.get("aliases")),
        country=_country(row.get("country")), sector=sector, roles=(role,) if role else (),
    )


def actor_rows(shipped: list[Entity], user: list[Entity], country: str | None = None,
               sector: str | None = None) -> list[dict[str, Any]]:
    """Shipped and imported actors as rows (an imported one replaces the shipped one with its id), filtered."""
    wanted_country = _filter_country(country)
    wanted_sector = (sector or "").strip().upper() or None
    if wanted_sector is not None and wanted_sector not in SECTORS:
        raise InputError(f"Unknown sector {sector!r}. Available: {', '.join(SECTORS)}.")
    mine = {e.id for e in user}
    rows = [(e, "user") for e in user] + [(e, "shipped") for e in shipped if e.id not in mine]
    return [
        {"id": e.id, "name": e.name, "kind": e.kind, "country": e.country, "sector": e.sector,
         "role": e.roles[0] if e.roles else None, "aliases": {k: list(v) for k, v in e.aliases.items()},
         "source": source}
        for e, source in sorted(rows, key=lambda r: (r[0].name.casefold(), r[1]))
        if (wanted_country is None or e.country == wanted_country) and (wanted_sector is None or e.sector == wanted_sector)
    ]


def _filter_country(country: str | None) -> str | None:
    if not country:
        return None
    try:
        return _country(country)
    except ValueError as problem:
        raise InputError(f"--country: {problem}.") from problem
