"""The production web server: gunicorn, one worker process per core, a few threads each.

One Python process runs one thread of Python at a time, so on a 2-core server a single
process (waitress's threads) renders at most one page at a time: a worker per core doubles
what the server renders, and p99 under load halves (scripts/bench_web.py). Each worker makes
its own application after the fork, so no database connection or index reader crosses a
fork; each keeps its own page cache, which notices the others' changes from the database.

SO_REUSEPORT gives each worker its own queue of connections from the kernel: without it,
long keep-alive connections (every browser's) pile onto whichever worker accepted first.
"""
from __future__ import annotations

import os

from gunicorn.app.base import BaseApplication


def default_workers() -> int:
    """One worker per core the process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


class _Server(BaseApplication):
    def __init__(self, options: dict) -> None:
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for name, value in self.options.items():
            self.cfg.set(name, value)
        # answer as "heritage", not with the server software's name and version
        from gunicorn.http import wsgi

        wsgi.SERVER = "heritage"

    def load(self):
        from . import create_app

        return create_app()


def serve(host: str, port: int, workers: int, threads: int) -> None:
    """Serve the catalogue on ``host:port`` until interrupted."""
    _Server({
        "bind": f"{host}:{port}", "workers": workers, "threads": threads,
        "worker_class": "gthread", "reuse_port": True, "keepalive": 5,
        "timeout": 120,  # cutting a deep-zoom pyramid of a large master can take seconds
        "graceful_timeout": 10, "accesslog": None, "errorlog": "-", "loglevel": "warning",
        "proc_name": "heritage",
    }).run()
