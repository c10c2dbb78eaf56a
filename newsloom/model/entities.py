"""Canonical entities: one person, organisation, place or country whatever the language."""

from __future__ import annotations

from dataclasses import dataclass, field

ENTITY_KINDS = ("person", "organization", "place", "country")


@dataclass(frozen=True, slots=True)
class Entity:
    """One person, organisation, place or country, whatever the language."""

    id: str
    name: str
    kind: str
    aliases: dict[str, tuple[str, ...]] = field(default_factory=dict)  # language -> names
    country: str | None = None  # ISO 3166 alpha-3 (alpha-2 GeoNames code for places)
    sector: str | None = None
    roles: tuple[str, ...] = ()
    geonameid: int | None = None
