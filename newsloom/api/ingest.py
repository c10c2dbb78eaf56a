"""POST /api/ingest: documents and URLs through the pipeline into the served database, behind a token.

Without ``api_token`` in the settings every write is refused (403). The token is
checked before the body is read, so an anonymous client cannot make the server
parse anything. Writes are serialised: one ``Writer`` holds the write connection
and a Pipeline whose state (names, stories, fingerprints) it keeps between
requests for as long as no other process writes to the database; when one does
(SQLite's data_version moves), the pipeline is loaded again from the store.
"""

import hmac
import json
import threading
import uuid
from collections.abc import Callable, Coroutine, Iterable, Iterator
from itertools import chain
from typing import Any

from fastapi import APIRouter, Depends, Request, Response
from fastapi.routing import APIRoute
from fastapi.security import HTTPBearer

from newsloom.api.errors import ApiError
from newsloom.api.schemas import ErrorBody, IngestRequest, IngestResult
from newsloom.engine import open_engine
from newsloom.extract.urls import is_web_url
from newsloom.ingest import IngestState, read_sources
from newsloom.ingest.http import Fetcher
from newsloom.ingest.jsonl import document_from_line
from newsloom.model import Document, Failure, FetchState
from newsloom.model.contract import Store
from newsloom.pipeline import Pipeline, RunReport
from newsloom.pipeline.components import Components
from newsloom.settings import Settings


def check_token(expected: str, authorization: str | None) -> None:
    """Raise the ApiError that fits unless ``authorization`` carries the configured bearer token."""
    if not expected:
        raise ApiError(403, "Writes are disabled: no API token is configured. Set NEWSLOOM_API_TOKEN "
                            "(setting api_token) and restart `newsloom serve`.", "writes_disabled")
    scheme, _, given = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not given.strip():
        raise ApiError(401, "This endpoint needs the API token: send the header 'Authorization: Bearer <token>'.",
                       headers={"WWW-Authenticate": "Bearer"})
    if not hmac.compare_digest(given.strip().encode("utf-8"), expected.encode("utf-8")):
        raise ApiError(401, "The API token is wrong.", headers={"WWW-Authenticate": 'Bearer error="invalid_token"'})


class WriteRoute(APIRoute):
    """A route that checks the token and the media type before FastAPI reads and validates the body."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def guarded(request: Request) -> Response:
            check_token(request.app.state.settings.api_token, request.headers.get("authorization"))
            media = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
            if media != "application/json":
                raise ApiError(415, f"The body must be JSON (Content-Type: application/json), not {media or 'untyped'!r}.")
            return await handler(request)

        return guarded


class Writer:
    """The served database's one writer: its connection and a Pipeline kept while nobody else writes."""

    def __init__(self, store: Store, settings: Settings, components: Components | None = None) -> None:
        self.base = store
        self.settings = settings
        self.components = components or Components(settings)  # models load on first use
        self.lock = threading.Lock()
        self.store: Store | None = None
        self.pipeline: Pipeline | None = None
        self.version = -1

    def run(self, items: Callable[[IngestState], Iterable[Document | Failure | FetchState]]) -> tuple[RunReport, dict[str, str]]:
        """Run the items ``items(state)`` gives; the report and the id of each added article by origin."""
        with self.lock:
            if self.store is None:
                self.store = self.base.handle(read_only=False)
            if self.pipeline is None or self.store.data_version() != self.version:
                # in the server's process: a request holds at most api_max_documents, and worker processes
                # would hold the models a second time
                self.pipeline = open_engine(self.settings, store=self.store, components=self.components,
                                            workers=1).pipeline
            try:
                report = self.pipeline.run(items(IngestState(self.settings, self.store)), self.settings.batch_size)
            except BaseException:
                self.pipeline = None  # its state may hold what the failed batch did not store
                raise
            self.version = self.store.data_version()
            return report, self.store.article_ids(report.added)

    def comparison(self, story_id: str) -> dict[str, Any] | None:
        """The story's source comparison, computed and stored now if it is missing or stale (None: one source)."""
        from newsloom.compare.stored import stored_comparison

        with self.lock:
            if self.store is None:
                self.store = self.base.handle(read_only=False)
            return stored_comparison(self.store, story_id, self.components.embedder, self.settings.embedder)

    def close(self) -> None:
        with self.lock:
            if self.store is not None:
                self.store.close()
                self.store = None
            self.pipeline = None


def _documents(body: IngestRequest, request_id: str) -> list[Document | Failure]:
    """The documents of the body, read as JSONL lines are (so the same document has the same hash)."""
    out = []
    for number, doc in enumerate(body.documents, 1):
        line = json.dumps(doc.model_dump(exclude_none=True), ensure_ascii=False, sort_keys=True).encode("utf-8")
        out.append(document_from_line(line, f"api:{request_id}:{number}", number))
    return out


def _check_body(body: IngestRequest, settings: Settings) -> None:
    count = len(body.documents) + len(body.urls)
    if count > settings.api_max_documents:
        raise ApiError(413, f"{count} documents and URLs in one request; at most {settings.api_max_documents} "
                            "(setting api_max_documents). Send them in several requests.")
    bad = [(i, u) for i, u in enumerate(body.urls) if not is_web_url(u)]
    if bad:
        raise ApiError(422, f"Invalid request: {bad[0][1][:200]!r} is not an http(s) URL.", "invalid_request",
                       [{"location": f"body.urls.{i}", "message": "not an http(s) URL"} for i, _ in bad])


def build_router(settings: Settings) -> APIRouter:
    router = APIRouter(prefix="/api", tags=["ingest"], route_class=WriteRoute)
    errors = {status: {"model": ErrorBody, "description": text} for status, text in (
        (401, "no token or a wrong one"), (403, "writes are disabled: no token configured"),
        (413, "body or document count over the limits"), (415, "the body is not JSON"))}

    @router.post("/ingest", response_model=IngestResult, responses=errors,  # type: ignore[arg-type]
                 dependencies=[Depends(HTTPBearer(auto_error=False, description="the api_token setting"))],
                 summary="Add articles: documents given in full, or URLs of pages, feeds and sitemaps to fetch")
    def ingest(body: IngestRequest, request: Request) -> dict[str, Any]:
        _check_body(body, settings)
        documents = _documents(body, uuid.uuid4().hex[:12])

        def items(state: IngestState) -> Iterator[Document | Failure | FetchState]:
            if not body.urls:
                yield from documents
                return
            with Fetcher(settings, stop=state.stop) as fetcher:
                yield from chain(documents, read_sources(body.urls, fetcher, state))

        report, ids = request.app.state.writer.run(items)
        return {
            "added": [{"origin": origin, "id": ids[origin]} for origin in report.added if origin in ids],
            "present": len(report.present), "duplicates": len(report.duplicates),
            "failed": [{"origin": f.origin, "stage": f.stage, "reason": f.reason, "retriable": f.retriable}
                       for f in report.failed],
        }

    return router
