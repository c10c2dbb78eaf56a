"""Geometry of the entity page's SVG drawings, computed server-side; templates draw them (no script, no CDN).

``network``: the entity in the middle, its counterparts on a circle, one line per
pair as thick as their events are many, coloured by whether those events are
mostly cooperative or conflictual. ``timeline``: events per day (per month over
long spans), stacked by the same two classes.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

COOPERATIVE = frozenset({"AGREE", "AID", "CONCEDE", "CONSULT", "COOPERATE", "RETREAT", "SUPPORT"})
CONFLICTUAL = frozenset({"ASSAULT", "COERCE", "DEMAND", "DISAPPROVE", "FIGHT", "INVESTIGATE", "MOBILIZE",
                         "PROTEST", "REJECT", "SANCTION", "THREATEN"})
NETWORK_W, NETWORK_H = 720, 520
TIMELINE_W, TIMELINE_H, AXIS_H, TIMELINE_PAD = 1000, 170, 24, 45
LABEL_CHARS = 24


def tone(event_type: str) -> str:
    """The CSS class of an event type: "coop", "conf" or "other"."""
    return "coop" if event_type in COOPERATIVE else "conf" if event_type in CONFLICTUAL else "other"


def _short(name: str) -> str:
    return name if len(name) <= LABEL_CHARS else name[:LABEL_CHARS - 1] + "…"


@dataclass(frozen=True, slots=True)
class Node:
    entity_id: str
    name: str
    label: str
    x: float
    y: float
    r: float
    label_x: float
    label_y: float
    anchor: str  # text-anchor: start, middle or end
    tone: str
    stroke: float  # width of its line to the centre
    tooltip: str


@dataclass(frozen=True, slots=True)
class Network:
    width: int
    height: int
    cx: float
    cy: float
    centre: str
    nodes: list[Node]


def network(name: str, links: list[dict[str, Any]]) -> Network:
    """Counterparts around the entity, evenly spaced, the most frequent at the top and going clockwise."""
    cx, cy = NETWORK_W / 2, NETWORK_H / 2
    radius = min(cx, cy) - 70
    most = max((link["count"] for link in links), default=1)
    nodes = []
    for i, link in enumerate(links):
        angle = -math.pi / 2 + 2 * math.pi * i / max(1, len(links))
        x, y = cx + radius * math.cos(angle), cy + radius * math.sin(angle)
        lx, ly = cx + (radius + 14) * math.cos(angle), cy + (radius + 14) * math.sin(angle)
        anchor = "middle" if abs(math.cos(angle)) < 0.3 else ("start" if math.cos(angle) > 0 else "end")
        tones: Counter = Counter()
        for t, n in link["types"].items():
            tones[tone(t)] += n
        main = tones.most_common(1)[0][0] if tones else "other"
        types = ", ".join(f"{t} {n}" for t, n in sorted(link["types"].items(), key=lambda item: (-item[1], item[0])))
        tooltip = (f"{link['name']}: {link['count']} event{'s' if link['count'] != 1 else ''} ({types}); "
                   f"acted on it {link['as_source']}, acted on by it {link['as_target']}")
        nodes.append(Node(link["entity_id"], link["name"], _short(link["name"]), round(x, 1), round(y, 1),
                          round(4 + 8 * math.sqrt(link["count"] / most), 1), round(lx, 1), round(ly + 4, 1), anchor,
                          main, round(1 + 5 * link["count"] / most, 1), tooltip))
    return Network(NETWORK_W, NETWORK_H, cx, cy, _short(name), nodes)


@dataclass(frozen=True, slots=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    tone: str
    tooltip: str


@dataclass(frozen=True, slots=True)
class Tick:
    x: float
    label: str


@dataclass(frozen=True, slots=True)
class Timeline:
    width: int
    height: int
    axis_y: int
    bars: list[Bar]
    ticks: list[Tick]
    unit: str  # "day" or "month"


def _bucket(day: date, monthly: bool) -> date:
    return day.replace(day=1) if monthly else day


def timeline(points: list[dict[str, Any]]) -> Timeline | None:
    """Stacked bars of the entity's events over time; None without a dated event."""
    dated = [(date.fromisoformat(p["date"]), t, n) for p in points if _is_day(p["date"]) for t, n in p["types"].items()]
    if not dated:
        return None
    first, last = min(d for d, _, _ in dated), max(d for d, _, _ in dated)
    monthly = (last - first).days > 120
    counts: dict[date, Counter] = defaultdict(Counter)
    types: dict[date, Counter] = defaultdict(Counter)
    for day, event_type, n in dated:
        counts[_bucket(day, monthly)][tone(event_type)] += n
        types[_bucket(day, monthly)][event_type] += n
    buckets = _buckets(_bucket(first, monthly), _bucket(last, monthly), monthly)
    slot = (TIMELINE_W - 2 * TIMELINE_PAD) / len(buckets)
    most = max(sum(c.values()) for c in counts.values())
    scale = (TIMELINE_H - AXIS_H - 8) / most
    bars, ticks = [], []
    every = max(1, math.ceil(len(buckets) / 7))
    for i, bucket in enumerate(buckets):
        x = TIMELINE_PAD + i * slot
        label = bucket.strftime("%Y-%m") if monthly else bucket.isoformat()
        if i % every == 0:
            ticks.append(Tick(round(x + slot / 2, 1), label))
        y: float = TIMELINE_H - AXIS_H
        summary = ", ".join(f"{t} {n}" for t, n in types[bucket].most_common())
        for kind in ("coop", "other", "conf"):
            n = counts[bucket][kind]
            if n:
                height = n * scale
                y -= height
                bars.append(Bar(round(x + slot * 0.1, 1), round(y, 1), round(max(slot * 0.8, 1.0), 1),
                                round(height, 1), kind, f"{label}: {summary}"))
    return Timeline(TIMELINE_W, TIMELINE_H, TIMELINE_H - AXIS_H, bars, ticks, "month" if monthly else "day")


def _is_day(text: str | None) -> bool:
    try:
        date.fromisoformat(text or "")
    except ValueError:
        return False
    return True


def _buckets(first: date, last: date, monthly: bool) -> list[date]:
    out = [first]
    while out[-1] < last:
        current = out[-1]
        if monthly:
            out.append(date(current.year + current.month // 12, current.month % 12 + 1, 1))
        else:
            out.append(date.fromordinal(current.toordinal() + 1))
    return out
