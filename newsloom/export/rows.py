"""An event (the read side's JSON shape) as a row or record of each export format."""

from __future__ import annotations

from datetime import date
from typing import Any

from newsloom.settings import VERSION

CSV_COLUMNS = ("id", "type", "date", "source", "source_id", "target", "target_id", "place", "place_id",
               "modality", "mode", "confidence", "sources", "articles", "languages", "story_id", "article_ids",
               "urls", "evidence")

# GDELT 2.0 event-table names where one fits; one row per event, counts and source URLs included
GDELT_COLUMNS = ("GlobalEventID", "Day", "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1Type1Code",
                 "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2Type1Code", "EventCode", "Modality",
                 "NumMentions", "NumSources", "NumArticles", "Languages", "Confidence", "ActionGeo_FullName",
                 "ActionGeo_CountryCode", "ActionGeo_FeatureID", "StoryID", "SOURCEURL", "SOURCEURLS")


def _names(event: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    return event["source"] or {}, event["target"] or {}, event["place"] or {}


def flat_row(event: dict[str, Any]) -> dict[str, Any]:
    """An event as one flat row (CSV, parquet): lists joined by spaces, evidence sentences by ' | '."""
    source, target, place = _names(event)
    return {
        "id": event["id"], "type": event["type"], "date": event["date"], "source": source.get("name"),
        "source_id": source.get("entity_id"), "target": target.get("name"), "target_id": target.get("entity_id"),
        "place": place.get("name"), "place_id": place.get("entity_id"), "modality": event["modality"],
        "mode": event["mode"], "confidence": event["confidence"], "sources": event["sources"],
        "articles": event.get("articles", len(event["article_ids"])), "languages": " ".join(event.get("languages", [])),
        "story_id": event["story_id"], "article_ids": " ".join(event["article_ids"]),
        "urls": " ".join(event.get("urls", [])), "evidence": " | ".join(e["sentence"] for e in event["evidence"]),
    }


def gdelt_row(event: dict[str, Any]) -> dict[str, Any]:
    """An event as one GDELT-style row: actors, PLOVER type, counts, place, and every source URL."""
    source, target, place = _names(event)
    urls = event.get("urls", [])
    return {
        "GlobalEventID": event["id"], "Day": (event["date"] or "").replace("-", ""),
        "Actor1Code": source.get("entity_id"), "Actor1Name": source.get("name"),
        "Actor1CountryCode": source.get("country"), "Actor1Type1Code": source.get("sector"),
        "Actor2Code": target.get("entity_id"), "Actor2Name": target.get("name"),
        "Actor2CountryCode": target.get("country"), "Actor2Type1Code": target.get("sector"),
        "EventCode": event["type"], "Modality": event["modality"], "NumMentions": len(event["evidence"]),
        "NumSources": event["sources"], "NumArticles": event.get("articles", len(event["article_ids"])),
        "Languages": ",".join(event.get("languages", [])), "Confidence": event["confidence"],
        "ActionGeo_FullName": place.get("name"), "ActionGeo_CountryCode": place.get("country"),
        "ActionGeo_FeatureID": place.get("geonameid"), "StoryID": event["story_id"],
        "SOURCEURL": urls[0] if urls else None, "SOURCEURLS": " ".join(urls),
    }


def _plover_actor(actor: dict[str, Any] | None, text: str | None = None) -> list[dict[str, Any]]:
    if not actor:
        return []
    out = {"actorText": text or actor.get("name"), "code": actor.get("country") or "", "entityId": actor.get("entity_id")}
    if actor.get("sector"):
        out["sector"] = actor["sector"]
    return [out]


def plover_record(event: dict[str, Any], coded: date) -> dict[str, Any]:
    """An event with the field names of the PLOVER gold-standard records, and newsloom's extras
    (modality, confidence, counts, every mention with its offsets) in camelCase beside them."""
    source, target, place = _names(event)
    evidence = event["evidence"]
    first = evidence[0] if evidence else {}
    record: dict[str, Any] = {
        "id": event["id"], "date": event["date"] or "", "source": _plover_actor(source), "target": _plover_actor(target),
        "event": event["type"], "eventText": first.get("trigger", ""), "mode": event["mode"] or "",
        "text": first.get("sentence", ""), "language": first.get("language") or "",
        "publication": first.get("outlet") or "", "coder": "newsloom", "version": VERSION,
        "dateCoded": coded.isoformat(),
    }
    if place:
        record["eventLoc"] = {"name": place.get("name"), "country code": place.get("country") or ""}
        if place.get("geonameid"):
            record["eventLoc"]["geonameid"] = place["geonameid"]
    record.update({
        "modality": event["modality"], "confidence": event["confidence"], "storyId": event["story_id"],
        "numSources": event["sources"], "numArticles": event.get("articles", len(event["article_ids"])),
        "languages": event.get("languages", []), "urls": event.get("urls", []),
        "mentions": [{"articleId": e["article_id"], "text": e["sentence"], "eventText": e["trigger"],
                      "start": e["start"], "end": e["end"], "language": e["language"], "publication": e["outlet"]}
                     for e in evidence],
    })
    return record
