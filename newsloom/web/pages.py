"""The server-rendered pages: stories, one story side by side, events, one event's evidence, entities,
one entity, one article, search, and the API's reference. They read through the same Store methods as the API.
"""

from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from newsloom.api.deps import (
    LANGUAGE,
    entity_filter,
    event_filter,
    page_params,
    read_store,
    story_filter,
    with_comparison,
)
from newsloom.api.errors import ApiError
from newsloom.model.contract import Store
from newsloom.model.reads import EntityFilter, EventFilter, PageRequest, SearchRequest, StoryFilter
from newsloom.settings import Settings
from newsloom.web import charts
from newsloom.web.highlight import Mark, find_trigger, paragraphs
from newsloom.web.render import Renderer, query_with

SEARCH_SECTION = 10  # stories and entities shown on the search page


def _evidence_marks(events: Sequence[Mapping[str, Any]]) -> dict[str, list[Mark]]:
    """Article id -> the evidence of ``events`` in it, as marks keyed by event id."""
    marks: dict[str, list[Mark]] = defaultdict(list)
    for event in events:
        for e in event["evidence"]:
            marks[e["article_id"]].append(Mark(e["start"], e["end"], "event", event["id"], _event_label(event)))
    return marks


def _event_label(event: Mapping[str, Any]) -> str:
    source = (event["source"] or {}).get("name") or "?"
    target = (event["target"] or {}).get("name")
    return f"{event['type']}: {source}" + (f" → {target}" if target else "")


def build_router(settings: Settings, renderer: Renderer) -> APIRouter:
    router = APIRouter(include_in_schema=False)
    page = page_params(settings.api_max_page_size)
    render = renderer.page

    @router.get("/")
    def home() -> RedirectResponse:
        return RedirectResponse("/stories", status_code=302)

    @router.get("/favicon.ico")
    def favicon() -> RedirectResponse:
        return RedirectResponse("/static/favicon.svg", status_code=301)

    @router.get("/stories", response_class=HTMLResponse)
    def stories(request: Request, f: StoryFilter = Depends(story_filter), paging: PageRequest = Depends(page),
                store: Store = Depends(read_store)) -> HTMLResponse:
        return render(request, "stories.html", f=f, page=store.story_page(f, paging))

    @router.get("/stories/{story_id}", response_class=HTMLResponse)
    def story(request: Request, story_id: str = Path(max_length=200),
              store: Store = Depends(read_store)) -> Response:
        found = store.story_detail(story_id)
        if found is None:
            raise ApiError(404, f"No story with id {story_id!r}.")
        if found.get("redirected_from"):  # merged into another story: its page now, for links and bookmarks
            return RedirectResponse(request.url_for("story", story_id=found["id"]).path, status_code=301)
        found = with_comparison(request, found)
        marks = _evidence_marks(found["events"])
        texts = {a["id"]: paragraphs(a["text"], marks.get(a["id"], ())) for a in found["articles"]}
        return render(request, "story.html", story=found, texts=texts)

    @router.get("/events", response_class=HTMLResponse)
    def events(request: Request, f: EventFilter = Depends(event_filter), paging: PageRequest = Depends(page),
               store: Store = Depends(read_store)) -> HTMLResponse:
        return render(request, "events.html", f=f, page=store.event_page(f, paging), total=store.count_events(f),
                      export=query_with(request, drop=("cursor", "limit")))

    @router.get("/events/{event_id}", response_class=HTMLResponse)
    def event(request: Request, event_id: str = Path(max_length=200), store: Store = Depends(read_store)) -> HTMLResponse:
        found = store.event_detail(event_id)
        if found is None:
            raise ApiError(404, f"No event with id {event_id!r}.")
        evidence = []
        for e in found["evidence"]:
            at = find_trigger(e["sentence"], e["trigger"])
            marks = [Mark(at[0], at[1], "trigger", e["trigger"])] if at else []
            evidence.append((e, paragraphs(e["sentence"], marks)))
        return render(request, "event.html", event=found, evidence=evidence)

    @router.get("/entities", response_class=HTMLResponse)
    def entities(request: Request, f: EntityFilter = Depends(entity_filter), paging: PageRequest = Depends(page),
                 store: Store = Depends(read_store)) -> HTMLResponse:
        return render(request, "entities.html", f=f, page=store.entity_page(f, paging))

    @router.get("/entities/{entity_id}", response_class=HTMLResponse)
    def entity(request: Request, entity_id: str = Path(max_length=200), paging: PageRequest = Depends(page),
               store: Store = Depends(read_store)) -> HTMLResponse:
        found = store.entity_detail(entity_id, paging)
        if found is None:
            raise ApiError(404, f"No entity with id {entity_id!r}.")
        return render(request, "entity.html", entity=found, network=charts.network(found["name"], found["network"]),
                      timeline=charts.timeline(found["timeline"]))

    @router.get("/articles/{article_id}", response_class=HTMLResponse)
    def article(request: Request, article_id: str = Path(max_length=200), store: Store = Depends(read_store)) -> HTMLResponse:
        found = store.article(article_id)
        if found is None:
            raise ApiError(404, f"No article with id {article_id!r}.")
        events = store.story_events(found["story_id"]) if found["story_id"] else []
        marks = list(_evidence_marks(events).get(article_id, []))
        marks += [Mark(m["start"], m["end"], "entity", m["entity_id"], m["text"])
                  for m in found["mentions"] if m["entity_id"]]
        return render(request, "article.html", article=found, text=paragraphs(found["text"], marks))

    @router.get("/search", response_class=HTMLResponse)
    def search(request: Request, q: str = Query("", max_length=500), language: str | None = Query(None, pattern=LANGUAGE),
               paging: PageRequest = Depends(page), store: Store = Depends(read_store)) -> HTMLResponse:
        if not q.strip():
            return render(request, "search.html", q="", hits=None, stories=None, entities=None)
        first = PageRequest(SEARCH_SECTION)
        return render(request, "search.html", q=q,
                      hits=store.search_articles(SearchRequest(q, language, paging)),
                      stories=store.story_page(StoryFilter(q=q), first) if not paging.cursor else None,
                      entities=store.entity_page(EntityFilter(q=q), first) if not paging.cursor else None)

    @router.get("/api", response_class=HTMLResponse)
    def api_reference(request: Request) -> HTMLResponse:
        schema = request.app.openapi()
        operations = [(path, method.upper(), op) for path, item in schema["paths"].items() for method, op in item.items()]
        return render(request, "api.html", schema=schema, operations=operations)

    return router

