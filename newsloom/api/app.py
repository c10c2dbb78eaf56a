"""The app factory: one FastAPI application serving the HTTP API (/api) and the web pages over one Store."""

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from newsloom.api import entities, events, ingest, stories
from newsloom.api.errors import install_error_handlers
from newsloom.api.middleware import BodyLimit, DropEmptyQueryValues, SecurityHeaders
from newsloom.api.schemas import ErrorBody
from newsloom.model.contract import Store
from newsloom.pipeline.components import Components
from newsloom.settings import VERSION, Settings

DESCRIPTION = """Stories, events, entities and articles of a newsloom database.

Listings take filters and page by cursor: each page has `next`, to pass back as `?cursor=`.
Every failure answers with one body: `{"error": {"status", "code", "message", "details"}}`.
Writes (`POST /api/ingest`) need `Authorization: Bearer <api_token>`; without a configured token they are refused.
"""


def create_app(store: Store, settings: Settings | None = None, components: Components | None = None,
               pages: bool = True) -> FastAPI:
    """The application over ``store``; each request opens its own connection with ``store.handle()``.

    ``components`` are the models POST /api/ingest runs (default: those the settings name, loaded on
    first use); ``pages`` adds the web pages beside the API.
    """
    settings = settings or Settings.from_env()
    writer = ingest.Writer(store, settings, components)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        writer.close()

    app = FastAPI(title="newsloom", version=VERSION, description=DESCRIPTION, lifespan=lifespan,
                  docs_url=None, redoc_url=None)  # the interactive docs would load scripts from a CDN
    app.state.store = store
    app.state.settings = settings
    app.state.writer = writer
    install_error_handlers(app)
    errors = {status: {"model": ErrorBody, "description": text} for status, text in (
        (400, "a malformed cursor or JSON body"), (404, "no such item"), (422, "a parameter is invalid"))}
    for module in (stories, events, entities, ingest):
        app.include_router(module.build_router(settings), responses=errors)  # type: ignore[arg-type]
    if pages:
        from newsloom.web import install_pages

        install_pages(app, settings)
    app.add_middleware(DropEmptyQueryValues)
    app.add_middleware(BodyLimit, max_bytes=settings.api_max_body_bytes)
    app.add_middleware(SecurityHeaders)  # the outermost: every answer, 413 included, carries the headers
    app.openapi = lambda: _openapi(app)  # type: ignore[method-assign]
    return app


def _openapi(app: FastAPI) -> dict[str, Any]:
    """FastAPI's schema, with our error body instead of its validation-error shape."""
    if app.openapi_schema is None:
        schema = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
        components = schema.get("components", {}).get("schemas", {})
        for unused in ("HTTPValidationError", "ValidationError"):
            if f'"#/components/schemas/{unused}"' not in json.dumps(schema["paths"]):
                components.pop(unused, None)
        app.openapi_schema = schema
    return app.openapi_schema
