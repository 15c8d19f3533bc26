"""Counting views of public item pages and downloads of their files, per item per day.

Counts are gathered in the process's memory and written in one transaction every few
seconds (or every few hundred hits, and at exit), adding to what other workers wrote: a
busy page costs no database write per request.
"""
from __future__ import annotations

import atexit
import threading
import weakref
import time
from collections import Counter
from datetime import date

from flask import Flask, current_app, request, session
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from ..extensions import db

VIEW_ENDPOINTS = {"public.item"}
DOWNLOAD_ENDPOINTS = {"public.original_file", "public.page_text", "public.page_alto"}
FLUSH_SECONDS = 5.0
FLUSH_HITS = 200
_BOTS = ("bot", "crawler", "spider", "slurp", "curl/", "wget/", "python-requests")


class UsageCounter:
    """Views and downloads per (item, day) not yet written to the database."""

    def __init__(self):
        self.pending: Counter = Counter()
        self.lock = threading.Lock()
        self.last_flush = time.monotonic()

    def add(self, item_id: int, kind: str, day: date | None = None) -> None:
        """Count one view or download of ``item_id`` today."""
        with self.lock:
            self.pending[(item_id, day or date.today(), kind)] += 1

    def due(self) -> bool:
        """Whether it is time to write the counts."""
        return (sum(self.pending.values()) >= FLUSH_HITS
                or time.monotonic() - self.last_flush >= FLUSH_SECONDS)

    def take(self) -> dict:
        """The counts gathered so far, forgetting them here."""
        with self.lock:
            taken, self.pending = self.pending, Counter()
            self.last_flush = time.monotonic()
        merged: dict[tuple, list[int]] = {}
        for (item_id, day, kind), n in taken.items():
            merged.setdefault((item_id, day), [0, 0])[0 if kind == "view" else 1] += n
        return merged


def usage_counter() -> UsageCounter:
    """This application's counter."""
    return current_app.extensions["heritage_usage"]


def flush() -> int:
    """Add the gathered counts to ``item_use``; returns how many (item, day) rows changed."""
    merged = usage_counter().take()
    if not merged:
        return 0
    with db.engine.begin() as connection:
        for (item_id, day), (views, downloads) in merged.items():
            _add(connection, item_id, day, views, downloads)
    return len(merged)


def _add(connection, item_id: int, day: date, views: int, downloads: int) -> None:
    values = {"item": item_id, "day": day, "views": views, "downloads": downloads}
    update = text("UPDATE item_use SET views = views + :views, downloads = downloads + :downloads "
                  "WHERE item_id = :item AND day = :day")
    if connection.execute(update, values).rowcount:
        return
    try:
        with connection.begin_nested():
            connection.execute(text("INSERT INTO item_use (item_id, day, views, downloads) "
                                    "VALUES (:item, :day, :views, :downloads)"), values)
    except IntegrityError:  # another worker inserted the row first, or the item is gone
        connection.execute(update, values)


def _counted_kind(response) -> str | None:
    """"view" or "download" when this response is one to count, else None."""
    endpoint = request.endpoint
    if endpoint in VIEW_ENDPOINTS:
        kind = "view"
    elif endpoint in DOWNLOAD_ENDPOINTS:
        kind = "download"
    else:
        return None
    if request.method != "GET" or response.status_code not in (200, 206, 304):
        return None
    if kind == "download" and (response.status_code == 304 or _continues_a_download()):
        return None
    agent = (request.user_agent.string or "").lower()
    if any(bot in agent for bot in _BOTS) or "_user_id" in session:  # robots and staff
        return None
    return kind


def _continues_a_download() -> bool:
    """A Range request not from the first byte continues a download already counted."""
    wanted = request.headers.get("Range", "")
    return bool(wanted) and not wanted.replace(" ", "").startswith("bytes=0-")


def _count(response):
    kind = _counted_kind(response)
    if kind is not None and (request.view_args or {}).get("item_id"):
        counter = usage_counter()
        counter.add(request.view_args["item_id"], kind)
        if counter.due():
            try:
                flush()
            except Exception:  # never fail a reader's page over a counter
                current_app.logger.exception("could not write usage counts")
    return response


#: The applications of this process whose counts are written at exit (held weakly: a
#: test run makes thousands of applications, and none should live on for this).
_apps: "weakref.WeakSet[Flask]" = weakref.WeakSet()


def init_app(app: Flask) -> None:
    """Count after every response, including pages the page cache serves."""
    app.extensions["heritage_usage"] = UsageCounter()
    app.after_request(_count)
    if not _apps:
        atexit.register(_write_at_exit)
    _apps.add(app)


def _write_at_exit() -> None:
    for app in list(_apps):
        if app.extensions["heritage_usage"].pending:
            with app.app_context():
                try:
                    flush()
                except Exception:  # a database already gone: nothing more can be done
                    pass
