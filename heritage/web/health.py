"""A liveness check for load balancers and monitoring: ``GET /healthz`` answers ``ok``.

It touches neither the database nor the index, so it also measures what the WSGI server
and Flask cost on their own (``scripts/bench_web.py`` uses it as its baseline).
"""
from __future__ import annotations

from flask import Blueprint

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz():
    """``ok`` as plain text, never cached."""
    return "ok\n", 200, {"Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store"}
