"""Counting views of public item pages and downloads of their files, per item per day.

A request only adds one to a counter in the process's memory. A background thread writes
the counts every ``HERITAGE_USAGE_FLUSH_SECONDS`` in one statement (and at exit), adding
to what other workers wrote: no reader ever waits for a database write.
"""
from __future__ import annotations

import atexit
import os
import re
import threading
import time
import weakref
from collections import Counter
from datetime import date

from flask import Flask, current_app, request, session
from sqlalchemy import text

from ..extensions import db

VIEW_ENDPOINTS = {"public.item"}
DOWNLOAD_ENDPOINTS = {"public.original_file", "public.page_text", "public.page_alto"}
#: How often the writer looks whether an application's counts are due.
TICK_SECONDS = 1.0
_BOTS = re.compile(r"bot|crawler|spider|slurp|curl/|wget/|python-requests", re.IGNORECASE)
#: Adds to the day's row, or makes it: one statement for SQLite (3.24+) and PostgreSQL.
_UPSERT = text(
    "INSERT INTO item_use (item_id, day, views, downloads) "
    "VALUES (:item, :day, :views, :downloads) "
    "ON CONFLICT (item_id, day) DO UPDATE SET views = item_use.views + excluded.views, "
    "downloads = item_use.downloads + excluded.downloads")


class UsageCounter:
    """Views and downloads per (item, day) not yet written to the database."""

    def __init__(self, interval: float):
        self.interval = interval
        self.pending: Counter = Counter()
        self.lock = threading.Lock()
        self.writing = threading.Lock()  # one write at a time; a flush waits for one under way
        self.last_flush = time.monotonic()

    def add(self, item_id: int, kind: str, day: date | None = None) -> None:
        """Count one view or download of ``item_id`` today."""
        with self.lock:
            self.pending[(item_id, day or date.today(), kind)] += 1

    def due(self) -> bool:
        """Whether there are counts and it is time to write them."""
        return bool(self.pending) and time.monotonic() - self.last_flush >= self.interval

    def take(self) -> list[dict]:
        """The counts gathered so far, one row per (item, day), forgetting them here."""
        with self.lock:
            taken, self.pending = self.pending, Counter()
            self.last_flush = time.monotonic()
        merged: dict[tuple, list[int]] = {}
        for (item_id, day, kind), n in taken.items():
            merged.setdefault((item_id, day), [0, 0])[0 if kind == "view" else 1] += n
        return [{"item": item_id, "day": day, "views": views, "downloads": downloads}
                for (item_id, day), (views, downloads) in merged.items()]


def usage_counter() -> UsageCounter:
    """This application's counter."""
    return current_app.extensions["heritage_usage"]


def flush() -> int:
    """Add the gathered counts to ``item_use``; returns how many (item, day) rows changed."""
    counter = usage_counter()
    with counter.writing:
        rows = counter.take()
        if rows:
            with db.engine.begin() as connection:
                connection.execute(_UPSERT, rows)
    return len(rows)


def _counted_kind(response) -> str | None:
    """"view" or "download" when this response is one to count, else None."""
    endpoint = request.endpoint
    if endpoint in VIEW_ENDPOINTS:
        kind = "view"
    elif endpoint in DOWNLOAD_ENDPOINTS:
        kind = "download"
    else:
        return None
    # a 302 on a download address is its presigned S3 delivery: the file is on its way
    counted = (200, 206, 304, 302) if kind == "download" else (200, 206, 304)
    if request.method != "GET" or response.status_code not in counted:
        return None
    if kind == "download" and (response.status_code == 304 or _continues_a_download()):
        return None
    if _BOTS.search(request.headers.get("User-Agent", "")) or _signed_in():  # robots and staff
        return None
    return kind


def _signed_in() -> bool:
    """Whether a staff member asks (read from the session only when there is one)."""
    cookie = current_app.config.get("SESSION_COOKIE_NAME", "session")
    return cookie in request.cookies and "_user_id" in session


def _continues_a_download() -> bool:
    """A Range request not from the first byte continues a download already counted."""
    wanted = request.headers.get("Range", "")
    return bool(wanted) and not wanted.replace(" ", "").startswith("bytes=0-")


def _count(response):
    kind = _counted_kind(response)
    if kind is not None and (request.view_args or {}).get("item_id"):
        usage_counter().add(request.view_args["item_id"], kind)
        _ensure_writer()
    return response


#: The applications of this process whose counts the writer looks after (held weakly: a
#: test run makes thousands of applications, and none should live on for this).
_apps: "weakref.WeakSet[Flask]" = weakref.WeakSet()
_writer_pid: int | None = None
_writer_lock = threading.Lock()


def _ensure_writer() -> None:
    """Start this process's writer thread (again after a fork: threads do not survive it)."""
    global _writer_pid
    if _writer_pid == os.getpid():
        return
    with _writer_lock:
        if _writer_pid != os.getpid():
            _writer_pid = os.getpid()
            threading.Thread(target=_write_forever, daemon=True, name="heritage-usage").start()


def _write_forever() -> None:
    while True:
        time.sleep(TICK_SECONDS)
        _write_due(everything=False)


def _write_due(everything: bool) -> None:
    """Write the counts of every application that has some due (or any, with ``everything``)."""
    for app in list(_apps):
        counter = app.extensions["heritage_usage"]
        if counter.pending and (everything or counter.due()):
            with app.app_context():
                try:
                    flush()
                except Exception:  # a database gone away: the counts are lost, not the page
                    app.logger.exception("could not write usage counts")


def init_app(app: Flask) -> None:
    """Count after every response, including pages the page cache serves."""
    app.extensions["heritage_usage"] = UsageCounter(app.config["HERITAGE_USAGE_FLUSH_SECONDS"])
    app.after_request(_count)
    if not _apps:
        atexit.register(_write_due, everything=True)
    _apps.add(app)
