"""One error body for every failure of the API, with a status that fits.

    {"error": {"status": 422, "code": "invalid_request", "message": "...", "details": [...]}}

Errors are translated here, at the edge: FastAPI's validation errors, Starlette's
HTTP errors (404 for an unknown path, 405), newsloom's own (a bad cursor is a
ConfigError, 400) and anything unexpected (500, logged, no internals shown).
Under /api and for /openapi.json the body is JSON; a web page gets the same
information as an HTML page (``app.state.error_page`` draws it).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from newsloom.errors import ConfigError, InputError, NewsloomError, StoreError

log = logging.getLogger("newsloom.api")

CODES = {
    400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found", 405: "method_not_allowed",
    406: "not_acceptable", 413: "payload_too_large", 415: "unsupported_media_type", 422: "invalid_request",
    500: "internal_error", 501: "not_implemented", 503: "unavailable",
}


class ApiError(StarletteHTTPException):
    """An HTTP failure with the code and details of the error body.

    A subclass of Starlette's HTTPException so FastAPI lets it through unchanged,
    even when raised while the request body is read.
    """

    def __init__(self, status: int, message: str, code: str | None = None,
                 details: Sequence[dict[str, str]] = (), headers: dict[str, str] | None = None) -> None:
        super().__init__(status, message, headers)
        self.code = code or CODES.get(status, "error")
        self.message = message
        self.details = list(details)


def error_body(status: int, message: str, code: str | None = None,
               details: Sequence[dict[str, str]] = ()) -> dict[str, Any]:
    return {"error": {"status": status, "code": code or CODES.get(status, "error"), "message": message,
                      "details": list(details)}}


def is_api_path(path: str) -> bool:
    return path == "/api" or path.startswith("/api/") or path == "/openapi.json"


def error_response(request: Request, status: int, message: str, code: str | None = None,
                   details: Sequence[dict[str, str]] = (), headers: Mapping[str, str] | None = None) -> Response:
    body = error_body(status, message, code, details)
    page = getattr(request.app.state, "error_page", None)
    if page is not None and not is_api_path(request.url.path):
        return page(request, body["error"], headers)
    return JSONResponse(body, status_code=status, headers=headers)


def _location(loc: Sequence[Any]) -> str:
    return ".".join(str(part) for part in loc)


def _validation_details(errors: Sequence[dict[str, Any]]) -> list[dict[str, str]]:
    details = []
    for e in errors:
        message = e.get("msg", "invalid value")
        if e.get("type") == "json_invalid":
            message = f"malformed JSON: {e.get('ctx', {}).get('error', 'cannot be parsed')}"
        details.append({"location": _location(e.get("loc", ())), "message": message})
    return details


def _summary(details: list[dict[str, str]]) -> str:
    first = details[0] if details else {"location": "request", "message": "invalid"}
    more = f" (and {len(details) - 1} more problem{'s' if len(details) > 2 else ''})" if len(details) > 1 else ""
    return f"Invalid request: {first['location']}: {first['message']}{more}."


async def _on_validation(request: Request, exc: RequestValidationError) -> Response:
    details = _validation_details(exc.errors())
    if any(e.get("type") == "json_invalid" for e in exc.errors()):
        return error_response(request, 400, f"The body is not valid JSON: {details[0]['message']}.",
                              "malformed_json", details)
    return error_response(request, 422, _summary(details), "invalid_request", details)


async def _on_http(request: Request, exc: StarletteHTTPException) -> Response:
    if isinstance(exc, ApiError):
        return error_response(request, exc.status_code, exc.message, exc.code, exc.details, exc.headers)
    message = str(exc.detail)
    if exc.status_code == 404 and message == "Not Found":
        message = f"Nothing at {request.url.path}. The API is under /api (schema at /openapi.json)."
    elif exc.status_code == 405:
        message = f"{request.method} is not allowed on {request.url.path}."
    return error_response(request, exc.status_code, message, headers=exc.headers)


async def _on_newsloom(request: Request, exc: NewsloomError) -> Response:
    if isinstance(exc, ConfigError | InputError):
        return error_response(request, 400, str(exc))
    if isinstance(exc, StoreError):
        log.error("store failure on %s: %s", request.url.path, exc)
        return error_response(request, 503, f"The database cannot be read: {exc}")
    return await _on_unexpected(request, exc)


async def _on_unexpected(request: Request, exc: Exception) -> Response:
    log.error("unexpected error on %s %s", request.method, request.url.path, exc_info=exc)
    return error_response(request, 500, "An unexpected error occurred; it was logged. Please report it.")


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(RequestValidationError, _on_validation)  # type: ignore[arg-type]
    app.add_exception_handler(StarletteHTTPException, _on_http)  # type: ignore[arg-type]
    app.add_exception_handler(NewsloomError, _on_newsloom)  # type: ignore[arg-type]
    app.add_exception_handler(Exception, _on_unexpected)
