"""GET /api/entities (filtered, paginated) and /api/entities/{id} with its network, timeline and events."""

from typing import Any

from fastapi import APIRouter, Depends, Path

from newsloom.api.deps import entity_filter, page_params, read_store
from newsloom.api.errors import ApiError
from newsloom.api.schemas import EntityDetail, EntityPage
from newsloom.model.contract import Store
from newsloom.model.reads import EntityFilter, PageRequest
from newsloom.settings import Settings


def build_router(settings: Settings) -> APIRouter:
    router = APIRouter(prefix="/api/entities", tags=["entities"])
    page = page_params(settings.api_max_page_size)

    @router.get("", response_model=EntityPage, summary="Entities that appear in an article or an event, by name")
    def list_entities(f: EntityFilter = Depends(entity_filter), paging: PageRequest = Depends(page),
                      store: Store = Depends(read_store)) -> dict[str, Any]:
        result = store.entity_page(f, paging)
        return {"items": result.items, "next": result.next}

    @router.get("/{entity_id}", response_model=EntityDetail,
                summary="One entity: names by language, roles, counterparts, timeline, stories and events")
    def get_entity(entity_id: str = Path(max_length=200), paging: PageRequest = Depends(page),
                   store: Store = Depends(read_store)) -> dict[str, Any]:
        entity = store.entity_detail(entity_id, paging)
        if entity is None:
            raise ApiError(404, f"No entity with id {entity_id!r}. GET /api/entities?q=NAME finds ids.")
        return entity

    return router
