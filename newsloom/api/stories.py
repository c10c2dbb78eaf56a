"""GET /api/stories, /api/stories/{id}, /api/articles/{id} and /api/search (full text over articles)."""

from typing import Any

from fastapi import APIRouter, Depends, Path, Query, Request

from newsloom.api.deps import LANGUAGE, page_params, read_store, story_filter, with_comparison
from newsloom.api.errors import ApiError
from newsloom.api.schemas import ArticleDetail, SearchPage, StoryDetail, StoryPage
from newsloom.model.contract import Store
from newsloom.model.reads import PageRequest, SearchRequest, StoryFilter
from newsloom.settings import Settings


def build_router(settings: Settings) -> APIRouter:
    router = APIRouter(prefix="/api")
    page = page_params(settings.api_max_page_size)

    @router.get("/stories", response_model=StoryPage, tags=["stories"], summary="Stories, the most recent first")
    def list_stories(f: StoryFilter = Depends(story_filter), paging: PageRequest = Depends(page),
                     store: Store = Depends(read_store)) -> dict[str, Any]:
        result = store.story_page(f, paging)
        return {"items": result.items, "next": result.next}

    @router.get("/stories/{story_id}", response_model=StoryDetail, tags=["stories"],
                summary="One story: its articles, its events with their evidence, how its sources compare")
    def get_story(request: Request, story_id: str = Path(max_length=200),
                  store: Store = Depends(read_store)) -> dict[str, Any]:
        story = store.story_detail(story_id)
        if story is None:
            raise ApiError(404, f"No story with id {story_id!r}. GET /api/stories lists them.")
        return with_comparison(request, story)

    @router.get("/articles/{article_id}", response_model=ArticleDetail, tags=["articles"],
                summary="One article: its stored text, its entity mentions (offsets index the text), its sources")
    def get_article(article_id: str = Path(max_length=200), store: Store = Depends(read_store)) -> dict[str, Any]:
        article = store.article(article_id)
        if article is None:
            raise ApiError(404, f"No article with id {article_id!r}. GET /api/search finds articles by their words.")
        return article

    @router.get("/search", response_model=SearchPage, tags=["articles"],
                summary="Articles holding every word of q (title and text; case and accents ignored)")
    def search(q: str = Query(min_length=1, max_length=500, description="words; punctuation and operators are ignored"),
               language: str | None = Query(None, pattern=LANGUAGE), paging: PageRequest = Depends(page),
               store: Store = Depends(read_store)) -> dict[str, Any]:
        result = store.search_articles(SearchRequest(q, language, paging))
        return {"items": result.items, "next": result.next}

    return router
