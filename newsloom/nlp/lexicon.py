"""One language's entity vocabulary, read from ``nlp/data/lang/<lang>.toml``.

Demonyms, titles and roles, generic references ("the company"), organisation
suffixes and prefixes, honorifics and pronouns. A language without a file gets
an empty lexicon: newsloom still runs, with less to go on.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from newsloom.nlp.phrases import PhraseMatcher


@dataclass(frozen=True, slots=True)
class Role:
    id: str
    sector: str | None
    kind: str = "person"


@dataclass(frozen=True)
class Lexicon:
    language: str
    demonyms: dict[str, str] = field(default_factory=dict)
    roles: PhraseMatcher[Role] = field(default_factory=lambda: PhraseMatcher([]))
    nominals: PhraseMatcher[Role] = field(default_factory=lambda: PhraseMatcher([]))
    org_suffixes: frozenset[str] = frozenset()
    org_prefixes: tuple[str, ...] = ()
    honorifics: frozenset[str] = frozenset()
    pronouns: dict[str, frozenset[str]] = field(default_factory=dict)
    generic_names: frozenset[str] = frozenset()  # "Party", "State": a capitalised common noun, not a name
    org_introducers: PhraseMatcher[str] = field(default_factory=lambda: PhraseMatcher([]))  # "the chipmaker" + a name
    home_countries: frozenset[str] = frozenset()  # a city named here is first looked for in these (ISO alpha-3)
    genitive_endings: tuple[str, ...] = ()  # "Vietnams", "Putins": a known name with a case ending
    place_prepositions: frozenset[str] = frozenset()  # "in", "nach", "tại": a capitalised word after one may be a town


def _read(language: str) -> dict | None:
    try:
        path = resources.files("newsloom.nlp.data.lang").joinpath(f"{language}.toml")
        return tomllib.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        return None


@cache
def given_names() -> frozenset[str]:
    """Common given names of any language (``nlp/data/given_names.txt``), as written."""
    text = resources.files("newsloom.nlp.data").joinpath("given_names.txt").read_text("utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


@cache
def load_lexicon(language: str) -> Lexicon:
    """The lexicon of ``language`` (empty when newsloom has no data for it)."""
    data = _read(language)
    if data is None:
        return Lexicon(language)
    roles = [
        (phrase, Role(r["id"], r.get("sector"), r.get("kind", "person")))
        for r in data.get("roles", [])
        for phrase in r.get("phrases", [])
    ]
    nominals = [
        (phrase, Role(f"generic_{n.get('kind', 'organization')}", n.get("sector"), n.get("kind", "organization")))
        for n in data.get("nominals", [])
        for phrase in n.get("phrases", [])
    ]
    demonyms = dict(data.get("demonyms", {}))  # a trailing "*" means any ending
    introducers = [p for p in data.get("org_prefixes", []) if _introduces(p)]
    return Lexicon(
        language=language,
        demonyms=demonyms,
        roles=PhraseMatcher(roles),
        nominals=PhraseMatcher(nominals),
        org_suffixes=frozenset(s.lower().rstrip(".") for s in data.get("org_suffixes", [])),
        org_prefixes=tuple(sorted((p.lower() for p in data.get("org_prefixes", []) if "*" not in p), key=len, reverse=True)),
        honorifics=frozenset(h.lower().rstrip(".") for h in data.get("honorifics", [])),
        pronouns={k: frozenset(w.lower() for w in v) for k, v in data.get("pronouns", {}).items()},
        generic_names=frozenset(w.lower() for w in data.get("generic_names", []))
        | {p.split()[-1].lower() for n in data.get("nominals", []) for p in n.get("phrases", [])},
        org_introducers=PhraseMatcher([(p, p) for p in introducers]),
        home_countries=frozenset(data.get("home_countries", [])),
        genitive_endings=tuple(data.get("genitive_endings", [])),
        place_prepositions=frozenset(w.lower() for w in data.get("place_prepositions", [])),
    )


def _introduces(prefix: str) -> bool:
    """An organisation prefix that says what follows is an organisation ("the chipmaker"); not a bare article."""
    words = prefix.split()
    return len(words) > 1 or len(prefix.strip("'’*")) > 3
