"""A cache of rendered public pages, valid until the archive changes.

An archive is read far more often than it changes: a parish's clippings are published once
and then read for years. So each public page is rendered once per change of the archive
and served from memory after that, with an ETag so a browser's revisit costs a 304.

Validity, in order of cost:
- a commit in this process invalidates everything at once (:mod:`heritage.changes`);
- the search index's generation is compared on every request (one directory listing), so a
  re-index by another process shows at once;
- the database's change stamp (items, collections, exhibitions, places) is compared at most
  every ``HERITAGE_PAGE_CACHE_RECHECK`` seconds, for changes made by other processes.

A page is stamped with the change number current when its request *started*: a page
rendered from rows that were being replaced is never served under the new number.

Only anonymous GET/HEAD requests for the catalogue's HTML endpoints are cached, keyed by
the full path with its query and the interface language. Requests carrying a session are
passed through, and so are requests from a reading room (HERITAGE_READING_ROOM_IPS): their
pages may show files closed to everybody else, so they are neither served from the cache nor
kept in it, and every answer to them says ``Cache-Control: private`` so that no shared cache
(a proxy, a CDN) hands a reading-room rendering to anyone else.
"""
from __future__ import annotations

import hashlib
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass

from flask import Flask, current_app, g, request
from flask_babel import get_locale
from werkzeug.wrappers import Response

from .. import changes
from ..services import archive
from .network import in_reading_room

#: Endpoints whose pages depend only on the archive, the address and the language.
CACHED_ENDPOINTS = frozenset({
    "public.home", "public.collection", "public.item", "public.search_page",
    "public.newspapers", "public.newspaper", "public.newspaper_year", "public.newspaper_issue",
    "exhibitions.index", "exhibitions.exhibition", "exhibitions.page", "exhibitions.printable",
    "browse.places", "browse.time",
})
SESSION_COOKIE = "session"


@dataclass(frozen=True)
class Page:
    """A rendered page: its body, content type and strong ETag."""

    body: bytes
    content_type: str
    etag: str
    language: str


class PageCache:
    """Rendered pages by (path, language), least recently used dropped past ``limit`` bytes."""

    def __init__(self, limit: int, recheck: float) -> None:
        self.limit, self.recheck = limit, recheck
        self._pages: OrderedDict[tuple, tuple[int, Page]] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()
        self._seen: tuple | None = None  # (index generation, database stamp) last compared
        self._checked = 0.0
        self.hits = self.misses = 0

    def get(self, key: tuple, number: int) -> Page | None:
        """The page stored under ``key`` for change ``number``, if any."""
        with self._lock:
            found = self._pages.get(key)
            if found is None or found[0] != number:
                self.misses += 1
                return None
            self._pages.move_to_end(key)
            self.hits += 1
            return found[1]

    def put(self, key: tuple, number: int, page: Page) -> None:
        """Keep ``page`` for change ``number``, dropping the least recently used past the limit."""
        if len(page.body) > self.limit // 8:
            return
        with self._lock:
            old = self._pages.pop(key, None)
            if old is not None:
                self._size -= len(old[1].body)
            self._pages[key] = (number, page)
            self._size += len(page.body)
            while self._size > self.limit:
                _key, (_number, dropped) = self._pages.popitem(last=False)
                self._size -= len(dropped.body)

    def change_number(self) -> int:
        """The current change number, after noticing changes made by other processes."""
        index_generation = archive.index_generation()
        now = time.monotonic()
        seen = self._seen
        if seen is None or seen[0] != index_generation or now - self._checked >= self.recheck:
            stamp = (index_generation, archive.database_stamp())
            self._checked = now
            if stamp != seen:
                self._seen = stamp
                if seen is not None:
                    changes.changed()
        return changes.current()


def init_app(app: Flask) -> None:
    """Serve cached pages before the views run, and keep what they render."""
    app.after_request(_private_to_reading_rooms)
    limit = app.config["HERITAGE_PAGE_CACHE_MB"] * 1024 * 1024
    if limit <= 0:
        return
    app.extensions["heritage_page_cache"] = PageCache(limit, app.config["HERITAGE_PAGE_CACHE_RECHECK"])
    app.before_request(_serve_cached)
    app.after_request(_keep)


def page_cache() -> PageCache | None:
    """The application's page cache (None when HERITAGE_PAGE_CACHE_MB is 0)."""
    return current_app.extensions.get("heritage_page_cache")


def _cacheable() -> bool:
    return (request.method in ("GET", "HEAD") and request.endpoint in CACHED_ENDPOINTS
            and SESSION_COOKIE not in request.cookies and not in_reading_room())


def _private_to_reading_rooms(response: Response) -> Response:
    """Answers to a reading room may hold closed files: no shared cache may keep them."""
    if in_reading_room():
        response.cache_control.public = False
        response.cache_control.private = True
        response.vary.add("Cookie")
    return response


def _key() -> tuple:
    return (request.full_path, str(get_locale()))


def _serve_cached():
    # g outlives a request when an app context was pushed around several (tests, CLI scripts):
    # a number left by an earlier request must not make this one's answer kept
    g.pop("page_change_number", None)
    g.pop("page_from_cache", None)
    if not _cacheable():
        return None
    cache = page_cache()
    g.page_change_number = number = cache.change_number()
    page = cache.get(_key(), number)
    if page is None:
        return None
    g.page_from_cache = True
    response = Response(page.body, content_type=page.content_type)
    response.headers["X-Heritage-Cache"] = "hit"
    response.headers["Content-Language"] = page.language
    response.set_etag(page.etag)
    return response.make_conditional(request)


def _keep(response: Response) -> Response:
    number = g.get("page_change_number")
    if (number is None or g.get("page_from_cache") or response.status_code != 200
            or in_reading_room()  # never keep a rendering that may show closed files
            or response.direct_passthrough or "Set-Cookie" in response.headers):
        return response
    body = response.get_data()
    language = str(get_locale())
    page = Page(body, response.content_type, hashlib.blake2b(body, digest_size=16).hexdigest(), language)
    page_cache().put(_key(), number, page)
    response.headers["X-Heritage-Cache"] = "miss"
    response.headers["Content-Language"] = language
    response.set_etag(page.etag)
    return response.make_conditional(request)
