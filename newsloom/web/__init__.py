"""The web pages: server-rendered HTML (Jinja2, autoescaped), one stylesheet, SVG drawn on the server.

No build step and nothing fetched from the internet: templates and the stylesheet
ship in the package (web/templates, web/static). Text from articles and feeds is
untrusted and only ever written through autoescaping; the Content-Security-Policy
header (api/middleware.py) allows no inline script or style.
"""

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from newsloom.settings import Settings


def install_pages(app: FastAPI, settings: Settings) -> None:
    """Add the pages and /static to ``app``; web pages get their errors as HTML pages."""
    from newsloom.web.pages import build_router
    from newsloom.web.render import Renderer

    renderer = Renderer()
    app.state.error_page = renderer.error_page
    app.include_router(build_router(settings, renderer))
    app.mount("/static", StaticFiles(packages=[("newsloom.web", "static")]), name="static")
