"""Worker processes shared by the ingest pipeline and the index builder."""
from __future__ import annotations

import multiprocessing
import threading


def process_context(preload: str):
    """Fork when this process runs one thread (the CLI): workers start at once, modules loaded.

    Forking a process with other threads (a web server) can copy a held lock into the child,
    so there the forkserver starts workers from a clean process that imports ``preload``.
    """
    if threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([preload])
    return context
