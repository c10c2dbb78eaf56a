"""``newsloom serve``: the web pages and the HTTP API on the configured database."""

from __future__ import annotations

import argparse
import sys

from newsloom.settings import Settings


def cmd_serve(args: argparse.Namespace, settings: Settings) -> int:
    import uvicorn

    from newsloom.api import create_app
    from newsloom.store import describe, open_store

    store = open_store(settings.db)  # migrates the file, so every request's connection sees the newest schema
    app = create_app(store, settings)
    writes = "writes allowed with the API token" if settings.api_token else "read-only: NEWSLOOM_API_TOKEN is not set"
    print(f"newsloom: serving {describe(settings.db)} on http://{args.host}:{args.port} ({writes}); Ctrl-C stops",
          file=sys.stderr)
    try:
        uvicorn.run(app, host=args.host, port=args.port, log_level=args.log_level, server_header=False)
    finally:
        store.close()
    return 0


def register(add) -> None:
    p = add("serve", cmd_serve, "Serve the web pages and the HTTP API (/api, schema at /openapi.json) on the database.",
            json_flag=False)
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1, this machine only)")
    p.add_argument("--port", type=int, default=8000, help="port to listen on (default 8000)")
    p.add_argument("--log-level", default="warning", choices=("critical", "error", "warning", "info", "debug"),
                   help="uvicorn's log level (default warning)")
