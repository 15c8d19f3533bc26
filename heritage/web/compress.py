"""gzip for text responses: pages, JSON, and the CSS and JavaScript files.

waitress sends bodies as they are; an item page with its viewer script is 375 KB that way
and 95 KB gzipped. Rendered bodies are compressed per response (a 12-KB page takes about
0.1 ms); static and vendored files once per file version, kept in memory.
"""
from __future__ import annotations

import gzip
import threading
from pathlib import Path

from flask import Flask, current_app, request
from werkzeug.wrappers import Response

COMPRESSIBLE = frozenset({"text/html", "text/css", "text/plain", "text/javascript",
                          "application/javascript", "application/json", "application/xml",
                          "text/xml", "image/svg+xml", "application/problem+json"})
MINIMUM = 1024  # smaller bodies gain less than the header costs
_files: dict[tuple, bytes] = {}
_files_lock = threading.Lock()


def init_app(app: Flask) -> None:
    """Compress text responses for clients that accept gzip."""
    app.after_request(_compress)


def _compress(response: Response) -> Response:
    if (response.status_code != 200 or "Content-Encoding" in response.headers
            or response.mimetype not in COMPRESSIBLE):
        return response
    response.vary.add("Accept-Encoding")
    if "gzip" not in request.headers.get("Accept-Encoding", ""):
        return response
    if response.direct_passthrough:
        body = _file_gzip(_served_file())
        if body is None:
            return response
    else:
        data = response.get_data()
        if len(data) < MINIMUM:
            return response
        body = gzip.compress(data, 6, mtime=0)
    response.direct_passthrough = False
    response.set_data(body)
    response.headers["Content-Encoding"] = "gzip"
    if response.get_etag()[0]:  # a strong ETag names the identity body; this one differs
        tag, weak = response.get_etag()
        response.set_etag(tag + "-gz", weak)
        # a browser revisiting sends back the gzip variant's tag: that is a 304 too
        response.make_conditional(request)
    return response


def _served_file() -> Path | None:
    """The file a static or vendor route is sending, found from the route's arguments."""
    args = request.view_args or {}
    if request.endpoint == "static":
        return Path(current_app.static_folder) / args["filename"]
    if request.endpoint == "vendor.asset":
        from .vendor import PACKAGES, vendor_root

        return vendor_root() / PACKAGES[args["package"]] / args["filename"]
    return None


def _file_gzip(path: Path | None) -> bytes | None:
    """The gzipped bytes of ``path``, compressed once per (size, mtime)."""
    if path is None or not path.is_file():
        return None
    facts = path.stat()
    key = (str(path), facts.st_size, facts.st_mtime_ns)
    body = _files.get(key)
    if body is None:
        body = gzip.compress(path.read_bytes(), 9, mtime=0)
        with _files_lock:
            _files[key] = body
    return body if len(body) < facts.st_size else None
