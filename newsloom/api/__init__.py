"""The HTTP API: FastAPI routers over the Store's read side, one error body, a token for writes.

``create_app(store, settings)`` (api/app.py) builds the application `newsloom serve` runs;
the web pages (newsloom/web) are served by the same application.
"""

from newsloom.api.app import create_app

__all__ = ["create_app"]
