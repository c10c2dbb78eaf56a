"""Mentions -> canonical entities, within an article and across the corpus.

Input: the raw NER spans of an analyser and the gazetteer's hits. Output: the
article's mentions, each with the id of its canonical entity, and the entities
with what the text says of them (aliases per language, roles, country, sector).

How one entity is recognised whatever the spelling:
- names compare by key (no case, accents or punctuation), so Tô Lâm = To Lam;
- a lone surname ("Lâm", "Rogers") joins the full name in the same article, or
  a known person with that unique last name;
- organisation legal forms and "group" words are dropped from the key
  (Qualcomm Inc. = Qualcomm), and an organisation tagged as a person elsewhere
  in the article stays an organisation;
- titles ("Party General Secretary", "le secrétaire général") attach to the
  name they stand beside, and when they stand alone they refer to the person
  holding that title in the article ("the Party chief");
- generic references ("the company", "le groupe") refer to the last
  organisation named; countries and demonyms become the country (cty:ISO3);
  places go through the GeoNames alias index (geo:ID).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from newsloom.model import Article, Entity, Mention, name_key
from newsloom.nlp.analyzers import Analysis, NamedSpan
from newsloom.nlp.gazetteer import GazetteerHit, scan
from newsloom.nlp.lexicon import Lexicon, Role, given_names
from newsloom.nlp.places import PlaceIndex, country_id
from newsloom.nlp.registry import EntityRegistry, entity_id
from newsloom.nlp.text import words

_DETERMINERS = re.compile(r"^(?:(?:the|le|la|les|el|los|las|der|die|das|den|dem|des)\s+|l['’]\s*)", re.IGNORECASE)
# lowercase words that may begin a name ("von der Leyen", "de Gaulle"); other lowercase words before a
# capitalised one are not part of it ("tỉnh Bắc Ninh", "sân bay Nội Bài")
_PARTICLES = frozenset({"von", "van", "de", "der", "den", "da", "di", "du", "la", "le", "al", "el", "bin", "ben", "ibn",
                        "dos", "das", "del", "ter", "ten", "zu"})
_LONE_CITY = 500_000  # a one-word "person" the article does not name in full, and a city this large, is the city
_POSSESSIVE = re.compile(r"(?:'s|’s|')$")
_TRAILING_LINK = re.compile(r"\s+(?:of|de|du|des|von|del|and|et|y|und|và|or|ou|o|oder)$", re.IGNORECASE)
_CLAUSE_END = re.compile(r"[,;:!?()\n]|\.(?=\s|$)(?<!\b[A-Z][a-z]\.)(?<!\bInc\.)(?<!\bCorp\.)(?<!\bLtd\.)(?<!\bCo\.)")
# Words that join a title to the rest of it ("General Secretary of the Party", "secrétaire général du Parti")
_TITLE_LINK = re.compile(r"^(?:of|of the|du|de|de la|des|del|de los|von|vom|der|des|của)\s", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class EntityContext:
    """What linking reads: the registry (updated in place), places, the lexicon."""

    registry: EntityRegistry
    places: PlaceIndex
    lexicon: Lexicon


@dataclass(slots=True)
class _Candidate:
    start: int
    end: int
    text: str
    kind: str
    entity_id: str | None = None
    country: str | None = None


def _opens_sentence(text: str, at: int) -> bool:
    before = text[:at].rstrip(" \t\"“«(")
    return not before or before[-1] in ".!?:\n"


def _clean(text: str, span: NamedSpan, lexicon: Lexicon, places: PlaceIndex | None = None) -> _Candidate | None:
    start, end = span.start, span.end
    surface = text[start:end]
    if not any(ch.isupper() for ch in surface) and span.label != "demonym":
        return None  # "soberanía", "nhà máy": a name has a capital
    m = _DETERMINERS.match(surface)
    if m and span.label != "demonym" and not (span.label == "place" and surface[:1].isupper() and not _opens_sentence(text, start)):
        start += m.end()
    surface = text[start:end]
    for pattern in (_POSSESSIVE, _TRAILING_LINK):
        m = pattern.search(surface)
        if m:
            end -= len(m.group())
            surface = text[start:end]
    parts = surface.split()
    lead = 0
    while lead < len(parts) - 1 and parts[lead][:1].islower() and parts[lead].lower() not in _PARTICLES:
        lead += 1
    if lead and parts[lead][:1].isupper():
        start += _words_end(surface, lead)
        surface = text[start:end]
    first = surface.split(" ", 1)[0].lower().rstrip(".")
    if span.label == "person" and first in lexicon.honorifics and " " in surface:
        start += len(surface.split(" ", 1)[0]) + 1
        surface = text[start:end]
    key = name_key(surface)
    if len(key.replace(" ", "")) < 2 or key.replace(" ", "").isdigit():
        return None
    if span.label == "person" and places is not None:
        words = surface.split()
        for n in (2, 1):  # "Campuchia Hun Manet": the country is not part of the name
            head = " ".join(words[:n])
            if len(words) > n + 1 and (places.country(head, lexicon.language) or places.city(head, min_population=_LONE_CITY)):
                start += _words_end(surface, n)
                surface = text[start:end]
                break
    return _Candidate(start, end, surface, span.label)


def _merge(text: str, ner: list[_Candidate], hits: list[GazetteerHit], lexicon: Lexicon) -> list[_Candidate]:
    """Gazetteer hits win over the NER spans they overlap (they know the kind).

    An NER span that only adds a legal form to a known organisation ("Qualcomm
    Inc.") keeps its extent and takes the gazetteer's entity.
    """
    chosen = []
    names = [c for c in ner if c.kind in ("organization", "person")]
    # "Royal Thai Army", "Bank of England": a name that contains a country is not that country;
    # nor is a place named after one ("New South Wales"), unless a comma splits them ("Paris, Texas")
    names += [c for c in ner if c.kind == "place" and all(w[:1].isupper() for w in c.text.split()) and not any(
        h.kind in ("person", "organization") and h.start < c.end and c.start < h.end for h in hits)]
    hits = [h for h in hits if h.kind not in ("country", "place") or not any(
        c.start <= h.start and h.end <= c.end and (c.end - c.start) > (h.end - h.start) for c in names)]
    for h in hits:
        start, end = h.start, h.end
        for c in ner:
            extra = name_key(text[h.end:c.end]).split()
            if c.start == h.start and c.end > h.end and h.kind == "organization" and all(
                w in lexicon.org_suffixes for w in extra
            ):
                end = c.end
        chosen.append(_Candidate(start, end, text[start:end], h.kind, h.entity_id, h.country))
    for c in ner:
        if all(c.end <= h.start or c.start >= h.end for h in chosen):
            chosen.append(c)
    return sorted(chosen, key=lambda c: c.start)


def _plain_key(surface: str, lexicon: Lexicon) -> str:
    """``surface``'s name key without an opening organisation prefix ("Tập đoàn Hòa Phát" -> "hoa phat")."""
    key = name_key(surface)
    for prefix in lexicon.org_prefixes:
        p = name_key(prefix)
        if (" " in p or len(p) > 3) and key.startswith(p + " "):
            return key[len(p) + 1:]
    return key


def _org_key(surface: str, lexicon: Lexicon) -> str:
    """The matching key of an organisation: legal forms and introducing words dropped ("Tập đoàn Hòa Phát")."""
    words = _plain_key(surface, lexicon).split()
    while len(words) > 1 and words[-1] in lexicon.org_suffixes:
        words.pop()
    while len(words) > 1 and words[0] in lexicon.org_suffixes:
        words.pop(0)
    return " ".join(words)


def _resolve_kinds(text: str, cands: list[_Candidate], ctx: EntityContext) -> list[_Candidate]:
    """Settle each candidate's kind: countries, cities, organisations named as such."""
    org_keys = {_org_key(c.text, ctx.lexicon) for c in cands if c.kind == "organization"}
    countries = {c.country for c in cands if c.country} | ctx.lexicon.home_countries
    name_words = {w for c in cands if c.kind == "person" and " " in c.text.strip() for w in name_key(c.text).split()}
    out = []
    for i, c in enumerate(cands):
        if c.kind == "person" and c.entity_id is None and _lone_city(c.text, name_words, ctx):
            c.kind = "place"
        if c.kind in ("place", "misc", "person") and c.entity_id is None and _plain_key(c.text, ctx.lexicon) != name_key(c.text):
            c.kind = "organization"  # "Công ty TNHH Mai Linh Logistics": opened by a word that introduces an organisation
        if c.kind in ("demonym", "place", "misc", "organization", "person") and c.entity_id is None:
            alpha3 = ctx.places.country(c.text, ctx.lexicon.language)
            if alpha3 and c.kind != "person":
                c.kind, c.country = "country", alpha3
        if c.kind == "demonym":
            continue  # an unknown nationality word is not an entity
        if c.kind == "person" and c.entity_id is None and _org_key(c.text, ctx.lexicon) in org_keys:
            c.kind = "organization"
        if c.kind == "organization" and c.entity_id is None:
            following = cands[i + 1] if i + 1 < len(cands) else None
            between = text[c.end:following.start] if following else ""
            if following and following.kind == "organization" and re.fullmatch(r"\s*(?:of|de|du|des)?\s*", between):
                continue  # "Global Affairs of Qualcomm": a department in a title
            words = _org_key(c.text, ctx.lexicon).split()
            if len(words) == 1 and words[0] in ctx.lexicon.generic_names:
                continue  # "the Party", "State": a common noun written with a capital
            if all(len(w) <= 2 for w in words) or len(c.text) <= 3:
                continue  # "AI", "R&D": an acronym the gazetteer does not know is too ambiguous
        if c.kind == "misc" and c.entity_id is None:
            continue
        if c.kind == "place" and c.entity_id is None:
            place = ctx.places.place(c.text, countries, ctx.lexicon.language)
            if place is None and (len(name_key(c.text)) <= 3 or c.text.isupper()):
                continue
        out.append(c)
    return out


def _lone_city(surface: str, name_words: set[str], ctx: EntityContext) -> bool:
    """A one-word "person" ("Washington") that is no known person nor part of a name here, and a big city."""
    key = name_key(surface)
    if " " in key or key in name_words or ctx.registry.find(surface) or ctx.registry.find_person_by_name_part(surface):
        return False
    return ctx.places.city(surface, min_population=_LONE_CITY) is not None


def _person_entity(c: _Candidate, full_names: dict[str, str], ctx: EntityContext) -> str:
    key = name_key(c.text)
    if key in full_names:
        return full_names[key]
    known = ctx.registry.find(c.text)
    if known is not None and known.kind == "person":
        return known.id
    if " " not in key:
        person = ctx.registry.find_person_by_name_part(c.text)
        if person is not None:
            return person.id
    return entity_id("person", key)


def _assign_ids(cands: list[_Candidate], ctx: EntityContext) -> list[tuple[_Candidate, Entity]]:
    linked: list[tuple[_Candidate, Entity]] = []
    full_names: dict[str, str] = {}
    display: dict[str, str] = {}  # entity id -> the fullest way the article writes the name
    persons = [c for c in cands if c.kind == "person"]
    for c in sorted(persons, key=lambda c: -len(name_key(c.text).split())):
        key = name_key(c.text)
        parts = key.split()
        if len(parts) == 1:
            full = next((k for k in full_names if parts[0] in k.split()), None)
            if full is not None:
                full_names[key] = full_names[full]
                continue
        full_names[key] = c.entity_id or _person_entity(c, full_names, ctx)
        display.setdefault(full_names[key], c.text)
    countries = {c.country for c in cands if c.country} | ctx.lexicon.home_countries
    for c in cands:
        if c.kind == "person":
            pid = full_names[name_key(c.text)]
            entity = ctx.registry.entities.get(pid) or Entity(pid, display.get(pid, c.text), "person")
        elif c.kind == "country":
            assert c.country is not None, "a country candidate carries its code"
            entity = Entity(country_id(c.country), ctx.places.country_names[c.country], "country", country=c.country)
        elif c.kind == "place":
            place = ctx.places.place(c.text, countries, ctx.lexicon.language)
            if place is not None and place.entity_id and place.geonameid is None:  # a country after all
                alpha3 = ctx.places.alpha2_to_3.get(place.country or "")
                entity = Entity(place.entity_id, place.name, "country", country=alpha3)
            elif place is not None and place.entity_id:  # place() names every place it returns
                entity = Entity(place.entity_id, place.name, "place", country=place.country, geonameid=place.geonameid)
            else:
                entity = Entity(entity_id("place", c.text), c.text, "place")
        else:
            known = ctx.registry.entities.get(c.entity_id or "") or ctx.registry.find(c.text)
            if known is None or known.kind != "organization":
                key = _org_key(c.text, ctx.lexicon)
                known = ctx.registry.find(key) if ctx.registry.find(key) else None
            entity = known if known is not None and known.kind == "organization" else Entity(
                entity_id("organization", _org_key(c.text, ctx.lexicon)), c.text, "organization"
            )
        linked.append((c, entity))
    return linked


def _gap_joins(text: str, start: int, end: int, linked: list[tuple[_Candidate, Entity]]) -> bool:
    """True when the words between a title and a name belong to the title.

    They may be names ("of Qualcomm"), link words ("du", "of the"), and
    nationalities ("le président américain Donald Trump"); a verb or a clause
    break means the title stands alone.
    """
    gap = text[start:end].strip()
    if not gap:
        return True
    if re.search(r"[;:!?\n]", gap) or gap.count(",") > 1 or end - start > 80:
        return False
    if _TITLE_LINK.match(gap) and gap.endswith(","):
        return True
    covered = [(c.start, c.end) for c, e in linked if start <= c.start and c.end <= end]
    for m in re.finditer(r"[^\s,]+", text[start:end]):
        w0, w1 = start + m.start(), start + m.end()
        word = m.group()
        if word[:1].isupper() or _TITLE_LINK.match(word + " ") or any(a <= w0 and w1 <= b for a, b in covered):
            continue
        return False
    return True


def _title_extent(text: str, hit_start: int, hit_end: int, linked: list[tuple[_Candidate, Entity]]) -> tuple[int, int, Entity | None]:
    """The person a title stands beside, and the stretch of text the title covers."""
    for c, e in linked:
        if e.kind != "person" or c.start < hit_end:
            continue
        if _gap_joins(text, hit_end, c.start, linked):
            between = [x for x, _ in linked if hit_end <= x.start < c.start and x.kind == "person"]
            if not between:
                return hit_start, c.start, e
        break
    for c, e in reversed(linked):
        if e.kind != "person" or c.end > hit_start:
            continue
        if 0 <= hit_start - c.end <= 3 and text[c.end:hit_start].strip() in (",", ""):
            clause = _CLAUSE_END.search(text, hit_end)
            return hit_start, clause.start() if clause else len(text), e
        break
    return hit_start, hit_end, None


_NAME_AFTER = re.compile(r"\s+((?:[A-ZÀ-ÝĐ][\w’'-]*\.?\s+){0,3}[A-ZÀ-ÝĐ][\w’'-]+)")


def _names_after_titles(text: str, role_hits: list, ner: list[_Candidate]) -> list[NamedSpan]:
    """A capitalised name right after a title is a person ("Außenamtssprecher Esmail Baghai").

    This finds people in languages without an NER model; where the model found
    the name already, nothing is added.
    """
    found = []
    for hit in role_hits:
        m = _NAME_AFTER.match(text, hit.end)
        if not m or " " not in m.group(1).strip():
            continue
        start, end = m.start(1), m.end(1)
        if not any(c.start < end and start < c.end for c in ner):
            found.append(NamedSpan(start, end, "person"))
    return found


def _after_title(text: str, span: NamedSpan, titles: list[tuple[int, int]]) -> NamedSpan:
    """An NER span that begins with a title ("Giám đốc Công ty ..."): the name starts after it."""
    for a, b in titles:
        if a <= span.start < b < span.end:
            rest = text[b:span.end].lstrip(" ,")
            link = _TITLE_LINK.match(rest)  # "el alcalde de Valencia"
            rest = rest[link.end():] if link else rest
            return NamedSpan(span.end - len(rest), span.end, span.label)
    return span


def _names_from_given_names(text: str, ner: list[_Candidate]) -> list[NamedSpan]:
    """A common given name and one or two capitalised words after it are a person ("Anna Schulte").

    This finds people in languages without an NER model; where the model
    found the name already, nothing is added.
    """
    found = []
    tokens = list(words(text))
    first_names = given_names()
    for i, (start, _end, token) in enumerate(tokens):
        if token not in first_names:
            continue
        end = None
        for s, e, t in tokens[i + 1:i + 3]:
            if not t[:1].isupper() or text[(end or _end):s] != " ":
                break
            end = e
        if end is not None and not any(c.start < end and start < c.end for c in ner):
            found.append(NamedSpan(start, end, "person"))
    return found


def _names_after_introducers(text: str, lexicon: Lexicon, ner: list[_Candidate]) -> list[NamedSpan]:
    """Capitalised words right after "the chipmaker", "der Chiphersteller", "Tập đoàn" name an organisation.

    This finds companies in languages without an NER model; where the model
    found the name already, nothing is added.
    """
    found = []
    for hit in lexicon.org_introducers.longest(text):
        name: list[tuple[int, int, str]] = []
        for start, end, token in words(text[hit.end:hit.end + 80], hit.end):
            gap = text[name[-1][1] if name else hit.end:start]
            if not token[:1].isupper() or len(name) == 3 or gap not in (" ", "") or (not name and gap != " "):
                break
            name.append((start, end, token))
        if name and not any(c.start < name[-1][1] and name[0][0] < c.end and c.kind != "misc" for c in ner):
            found.append(NamedSpan(name[0][0], name[-1][1], "organization"))
    return found


def _with_surnames(text: str, linked: list[tuple[_Candidate, Entity]]) -> list[tuple[_Candidate, Entity]]:
    """A word of a person's full name standing alone ("Reiche", "Chinh") is that person.

    What an NER model does in English and French, this does for every language,
    within the article: only names already written in full in it count.
    """
    parts: dict[str, Entity | None] = {}
    for c, e in linked:
        if e.kind == "person" and " " in name_key(c.text):
            for part in name_key(c.text).split():
                if len(part) > 2 and part not in _PARTICLES:
                    parts[part] = e if parts.get(part, e) is e else None  # two people share it: ambiguous
    taken = [(c.start, c.end) for c, _ in linked]
    extra = []
    for start, end, token in words(text):
        person = parts.get(name_key(token))
        if person is not None and token[:1].isupper() and not any(a < end and start < b for a, b in taken):
            extra.append((_Candidate(start, end, token, "person", person.id), person))
    return sorted([*linked, *extra], key=lambda ce: ce[0].start)


def _mask(text: str, spans: list[_Candidate]) -> str:
    """``text`` with the given spans blanked out (same length, so offsets hold)."""
    chars = list(text)
    for c in spans:
        chars[c.start:c.end] = " " * (c.end - c.start)
    return "".join(chars)


def _modifier(article: Article, start: int, end: int) -> bool:
    """True when a phrase modifies a later word ("the startup sector"), by the parse where there is one."""
    inside = [i for i, t in enumerate(article.tokens) if start <= t.start and t.end <= end]
    if not inside:
        return False
    head = article.tokens[inside[-1]].head
    return head > inside[-1] and article.tokens[inside[-1]].dep in ("compound", "amod", "nmod", "det")


def _words_end(surface: str, n: int) -> int:
    """Where the first ``n`` words of ``surface`` and the spaces after them end; the caller knows it has more."""
    match = re.match(rf"(?:\S+\s+){{{n}}}", surface)
    assert match is not None, (surface, n)
    return match.end()


def _nearest(linked: list[tuple[_Candidate, Entity]], at: int, accept) -> Entity | None:
    before = [(c, e) for c, e in linked if c.end <= at and accept(e)]
    return before[-1][1] if before else None


def learn_names(article: Article, analysis: Analysis, ctx: EntityContext) -> None:
    """Teach the registry the full names the NER model found, before any article of the batch is linked.

    A name found by the French model is then found by the gazetteer in the
    German or Vietnamese report of the same story, whatever the order of input.
    """
    for span in analysis.spans:
        c = _clean(article.text, span, ctx.lexicon, ctx.places)
        if c is None or c.kind not in ("person", "organization") or len(name_key(c.text).split()) < 2:
            continue
        if ctx.places.country(c.text, ctx.lexicon.language) or ctx.places.city(c.text):
            continue
        key = name_key(c.text) if c.kind == "person" else _org_key(c.text, ctx.lexicon)
        ctx.registry.learn(Entity(entity_id(c.kind, key), c.text, c.kind))


def link_entities(article: Article, analysis: Analysis, ctx: EntityContext) -> Article:
    """Find the article's mentions and link each to a canonical entity in ``ctx.registry``."""
    text, lexicon = article.text, ctx.lexicon
    role_hits = lexicon.roles.longest(text)  # a title before a name modifies it: that is how it attaches
    nominal_hits = [h for h in lexicon.nominals.longest(text) if not _modifier(article, h.start, h.end)]
    titles = [(h.start, h.end) for h in (*role_hits, *nominal_hits)]
    role_spans = [(h.start, h.end) for h in role_hits]
    ner = [c for s in analysis.spans if (c := _clean(text, _after_title(text, s, role_spans), lexicon, ctx.places))
           and not any(a <= c.start and c.end <= b for a, b in titles)]
    ner += [c for span in _names_after_titles(text, role_hits, ner) if (c := _clean(text, span, lexicon, ctx.places))]
    ner += [c for span in _names_from_given_names(text, ner) if (c := _clean(text, span, lexicon, ctx.places))]
    introduced = [c for span in _names_after_introducers(text, lexicon, ner) if (c := _clean(text, span, lexicon, ctx.places))]
    ner = [c for c in ner if not any(c.start < i.end and i.start < c.end for i in introduced)] + introduced
    cands = _resolve_kinds(text, _merge(text, ner, scan(text, ctx.registry, ctx.places, ctx.lexicon.language), lexicon), ctx)
    linked = _assign_ids(cands, ctx)
    linked = _with_surnames(text, linked)
    roles: dict[str, tuple[str, Role, str | None, str | None]] = {}
    nominal: list[tuple[int, int, str, Entity]] = []
    masked = _mask(text, [c for c, _ in linked])  # "Chủ tịch Tập đoàn Vingroup": the title is "Chủ tịch"
    for hit in lexicon.roles.longest(masked):
        start, end, person = _title_extent(text, hit.start, hit.end, linked)
        if person is not None:
            nationality = [c for c, e in linked if e.kind == "country" and 0 <= hit.start - c.end <= 1]
            if nationality:  # "German Economy Minister Katherina Reiche"
                start = min(start, nationality[0].start)
            inside = [(c, e) for c, e in linked if start <= c.start < end and e.id != person.id]
            org = next((e for c, e in inside if e.kind == "organization"), None)
            country = next((e.country for c, e in inside if e.kind == "country"), None)
            roles[person.id] = (text[start:end].strip(" ,"), hit.value, org.id if org else None, country)
            nominal.append((hit.start, hit.end, hit.text, person))
            continue
        # "the minister" refers to whoever holds that title here, or a narrower one ("foreign_minister")
        holder = next((pid for pid, r in roles.items() if r[1].id == hit.value.id), None) or next(
            (pid for pid, r in reversed(list(roles.items())) if hit.value.id in r[1].id.split("_")), None)
        if holder is not None:
            nominal.append((hit.start, hit.end, hit.text, ctx.registry.entities.get(holder) or next(e for _, e in linked if e.id == holder)))
    for hit in nominal_hits:
        if any(c.start < hit.end and hit.start < c.end for c, _ in linked):
            continue
        kind, sector = hit.value.kind, hit.value.sector
        following = [(c, e) for c, e in linked if c.start >= hit.end and e.kind == kind][:1]
        target: Entity | None
        if following and following[0][0].start - hit.end <= 40 and _gap_joins(text, hit.end, following[0][0].start, linked):
            target = following[0][1]  # "le groupe américain Qualcomm"
        else:  # the last one named, of the sector the phrase implies when it says one
            # the defaults bind this hit's kind and sector (the lambdas are called at once; ruff cannot see that)
            target = _nearest(linked, hit.start, lambda e, k=kind, s=sector: e.kind == k and (s is None or e.sector == s)) \
                or _nearest(linked, hit.start, lambda e, k=kind: e.kind == k and e.sector is None)
        if target is not None:
            nominal.append((hit.start, hit.end, hit.text, target))
    return _record(article, linked, nominal, roles, ctx)


def _record(article, linked, nominal, roles, ctx: EntityContext) -> Article:
    """Add the entities to the registry and the mentions to the article."""
    entities: dict[str, Entity] = {e.id: e for _, e in linked}
    for pid, (_role_text, role, org_id, country) in roles.items():
        org = ctx.registry.entities.get(org_id or "") or entities.get(org_id or "")
        sector = org.sector if org is not None and org.sector else role.sector
        if org is not None and org.sector is None and role.sector == "GOV":
            sector = "BUS"
        country = country or (org.country if org is not None else None)
        entities[pid] = replace(entities[pid], sector=entities[pid].sector or sector, country=entities[pid].country or country)
    mentions = []
    for c, e in linked:
        role = roles.get(e.id, (None,))[0]
        stored = ctx.registry.add(entities[e.id], article.language, c.text, role)
        mentions.append(Mention(c.start, c.end, c.text, stored.kind, stored.id))
    for start, end, surface, e in nominal:
        mentions.append(Mention(start, end, surface, e.kind, e.id, nominal=True))
    mentions.sort(key=lambda m: m.start)
    return replace(article, mentions=tuple(mentions))
