"""Jinja2 for the pages: autoescaping everywhere, a few filters, links that keep the current filter."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlencode, urlsplit

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, PackageLoader, StrictUndefined

from newsloom.events.lexicon import PLOVER_TYPES
from newsloom.model import ENTITY_KINDS
from newsloom.settings import VERSION
from newsloom.web.charts import tone


def safe_url(url: str | None) -> str | None:
    """The address if it is http(s), else None: a link from a feed must not run script (javascript:, data:)."""
    if not url:
        return None
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return None
    return url.strip() if scheme in ("http", "https") else None


def when(value: str | None) -> str:
    """An ISO timestamp as people read it: '2025-05-13 11:40 UTC' (the store keeps UTC)."""
    if not value:
        return "no date"
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return value
    if moment.utcoffset() is None and len(value) <= 10:
        return moment.date().isoformat()
    return moment.strftime("%Y-%m-%d %H:%M") + (" UTC" if moment.utcoffset() == timedelta(0) else "")


def query_with(request: Request, drop: tuple[str, ...] = (), **changes: Any) -> str:
    """The current query string with ``changes`` applied and ``drop`` removed (for pagers and exports)."""
    params = [(k, v) for k, v in request.query_params.multi_items() if k not in changes and k not in drop]
    params += [(k, str(v)) for k, v in changes.items() if v is not None]
    return urlencode(params)


def _environment() -> Environment:
    env = Environment(loader=PackageLoader("newsloom.web", "templates"), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["safe_url"] = safe_url
    env.filters["tone"] = tone
    env.filters["when"] = when
    env.globals.update(PLOVER_TYPES=PLOVER_TYPES, ENTITY_KINDS=ENTITY_KINDS, VERSION=VERSION, query_with=query_with)
    return env


class Renderer:
    def __init__(self) -> None:
        self.env = _environment()

    def page(self, request: Request, template: str, status: int = 200, headers: dict[str, str] | None = None,
             **context: Any) -> HTMLResponse:
        context.setdefault("q", "")
        html = self.env.get_template(template).render(request=request, **context)
        return HTMLResponse(html, status_code=status, headers=headers)

    def error_page(self, request: Request, error: dict[str, Any], headers: dict[str, str] | None = None) -> HTMLResponse:
        return self.page(request, "error.html", status=error["status"], headers=headers, error=error)
