"""The canonical entities known so far, and how a name finds one.

The registry is explicit state handed to the linking stage: the pipeline loads
it from the store, the stage adds to it, the store saves what changed. It holds
the actor list that ships with newsloom (``nlp/data/actors.yaml``) and every
entity seen before, indexed by name key and, for people, by last name.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace
from functools import cache
from importlib import resources

import yaml

from newsloom.model import Entity, name_key, slug

_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml reads the actor list 6x faster
_KIND_PREFIX = {"person": "per", "organization": "org", "place": "loc", "country": "cty"}


def entity_id(kind: str, key: str) -> str:
    """A readable, stable id: ``per:to-lam``, ``org:qualcomm``, ``cty:VNM``, ``geo:1581130``."""
    return f"{_KIND_PREFIX.get(kind, 'ent')}:{slug(key)}"


def _accents(name: str) -> int:
    return sum(1 for ch in name if ord(ch) > 127 and ch.isalpha())


def load_actors(text: str | None = None) -> list[Entity]:
    """Actors from YAML (by default the list that ships with newsloom)."""
    if text is None:
        return list(_shipped_actors())
    return _parse_actors(text)


@cache
def _shipped_actors() -> tuple[Entity, ...]:
    """The shipped list, parsed once per process: every Pipeline starts from it, and a parse takes a third
    of a second. Sharing is safe: entities are frozen, and the registry copies aliases before adding any."""
    try:
        text = resources.files("newsloom.nlp.data").joinpath("actors.yaml").read_text("utf-8")
    except FileNotFoundError:
        return ()
    return tuple(_parse_actors(text))


def _parse_actors(text: str) -> list[Entity]:
    entities = []
    for row in yaml.load(text, Loader=_YAML_LOADER) or []:
        kind = row.get("kind", "person")
        aliases = {lang: tuple(names) for lang, names in (row.get("aliases") or {}).items()}
        entities.append(
            Entity(
                id=entity_id(kind, row["name"]),
                name=row["name"],
                kind=kind,
                aliases=aliases,
                country=row.get("country"),
                sector=row.get("sector"),
                roles=(row["role"],) if row.get("role") else (),
            )
        )
    return entities


def known_entities(shipped: list[Entity], user: list[Entity], stored: list[Entity]) -> list[Entity]:
    """What a registry starts from: the user's actors first (their names win), shipped actors, stored entities.

    A user actor replaces the shipped one with its id. A stored entity (seen in
    news before) keeps the aliases and roles it gathered, but an actor's name,
    kind, country and sector are those of the actor list, so an import or an
    edit of ``actors.yaml`` takes effect on entities already stored.
    """
    mine = {e.id for e in user}
    actors = {e.id: e for e in [*user, *(e for e in shipped if e.id not in mine)]}
    seen = []
    for e in stored:
        actor = actors.get(e.id)
        if actor is not None:
            aliases = {**e.aliases, **{k: tuple(dict.fromkeys((*e.aliases.get(k, ()), *v))) for k, v in actor.aliases.items()}}
            e = replace(e, name=actor.name, kind=actor.kind, country=actor.country, sector=actor.sector, aliases=aliases)
        seen.append(e)
    return [*actors.values(), *seen]


class EntityRegistry:
    """Entities by id, with name-key and last-name indexes; tracks what changed."""

    def __init__(self, entities: Iterable[Entity] = ()) -> None:
        self.entities: dict[str, Entity] = {}
        self.by_key: dict[str, str] = {}
        self.by_name_part: dict[str, set[str]] = defaultdict(set)  # a word of a person's full name -> ids
        self.changed: set[str] = set()
        self._recorded: set[str] = set()  # ids add() has handed to the store in this process
        self.lowercase_keys: set[str] = set()  # names written in lower case ("parquet de Paris")
        self._acronyms: set[str] = set()  # keys of names written in capitals ("UN", "ICE")
        self._words: set[str] = set()  # keys of names written otherwise
        for entity in entities:
            self._index(entity)

    def _index(self, entity: Entity) -> None:
        self.entities[entity.id] = entity
        names = [entity.name, *(n for names in entity.aliases.values() for n in names)]
        for name in names:
            key = name_key(name)
            if key:
                self.by_key.setdefault(key, entity.id)
                if name[:1].islower():
                    self.lowercase_keys.add(key)
                (self._acronyms if name.replace(".", "").isupper() and len(key) <= 3 else self._words).add(key)
                if entity.kind == "person" and " " in key:
                    for part in key.split():  # family names come first in Vietnamese, Korean, Chinese
                        if len(part) > 2:
                            self.by_name_part[part].add(entity.id)

    def find(self, name: str) -> Entity | None:
        key = name_key(name)
        if key in self._acronyms and key not in self._words and not name.replace(".", "").isupper():
            return None  # "Un terremoto", "Who": an acronym's key written as a word
        found = self.by_key.get(key)
        return self.entities.get(found) if found else None

    def find_person_by_name_part(self, name: str) -> Entity | None:
        """The one known person with ``name`` as a word of their full name ("Rogers", "Lee"), if only one."""
        ids = self.by_name_part.get(name_key(name), set())
        return self.entities[next(iter(ids))] if len(ids) == 1 else None

    def learn(self, entity: Entity) -> None:
        """Know a name before any article is linked to it (it is saved only once mentioned)."""
        if entity.id not in self.entities and self.find(entity.name) is None:
            self._index(entity)

    def add(self, entity: Entity, language: str | None, surface: str, role: str | None = None) -> Entity:
        """Record ``entity`` (new or known) as seen under ``surface`` in ``language``."""
        current = self.entities.get(entity.id, entity)
        aliases = dict(current.aliases)
        lang = language or "und"
        if surface and surface not in aliases.get(lang, ()):
            aliases[lang] = (*aliases.get(lang, ()), surface)
        name = current.name
        if entity.kind in ("person", "organization") and name_key(surface) == name_key(name) and _accents(surface) > _accents(name):
            name = surface
        merged = replace(
            current,
            name=name,
            aliases=aliases,
            country=current.country or entity.country,
            sector=current.sector or entity.sector,
            geonameid=current.geonameid or entity.geonameid,
            roles=current.roles + ((role,) if role and role not in current.roles else ()),
        )
        if merged != self.entities.get(entity.id) or entity.id not in self._recorded:
            # an actor named exactly as the actor list writes it changes nothing, and must still be stored once
            self.changed.add(entity.id)
            self._recorded.add(entity.id)
            self._index(merged)
        return merged
