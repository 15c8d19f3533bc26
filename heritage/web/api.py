"""The JSON API under /api/: search, collections and items, described at /api/openapi.json.

Every error, whatever raised it, has one shape (a test pins it)::

    {"error": {"status": 400, "code": "bad_parameter", "parameter": "year_from",
               "message": "year_from must be a year in digits from 1 to 9999, e.g. 1935, not 'abc'."}}

``parameter`` is null when the error is not about one parameter. Messages are in English:
they are read by the developers of other sites, whatever the interface language.
"""
from __future__ import annotations

import re
from datetime import datetime, timezone
from math import ceil

from flask import Blueprint, Response, current_app, jsonify, request, url_for
from werkzeug.exceptions import HTTPException

from ..errors import HeritageError
from ..models import Collection, Exhibition, Item
from ..services.collections import public_collection, public_collections
from ..services.exhibitions import (ShownBlock, ShownItem, exhibition_pages, get_public_exhibition,
                                    public_exhibitions)
from ..services import access
from ..services.items import public_item, public_pages, published_in
from ..services.listening import recording_views
from ..services.related import related_items
from ..services.search import search_items
from . import openapi
from .markdown import render_markdown
from .network import in_reading_room
from .search_params import BadParameter, read_paging, read_params

PREFIX = "/api"
bp = Blueprint("api", __name__, url_prefix=PREFIX)


class ApiError(Exception):
    """An error to answer in the API's JSON shape."""

    def __init__(self, status: int, code: str, message: str, parameter: str | None = None) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.parameter = status, code, message, parameter


def error_response(status: int, code: str, message: str, parameter: str | None = None) -> Response:
    """The one JSON error shape, with its HTTP status and the CORS header."""
    response = jsonify({"error": {"status": status, "code": code, "message": message,
                                  "parameter": parameter}})
    response.status_code = status
    return _allow_any_origin(response)


#: Endpoints outside /api/ that answer JSON (the viewer's hit boxes): their errors are JSON too.
JSON_ENDPOINTS = frozenset({"public.page_hits_json"})


def is_api_request() -> bool:
    """Whether the current request is for the API (so errors are answered as JSON)."""
    return (request.path == PREFIX or request.path.startswith(PREFIX + "/")
            or request.endpoint in JSON_ENDPOINTS)


def http_error(error: HTTPException) -> Response:
    """A Werkzeug HTTP error (404, 405, 500 …) in the API's shape."""
    status = error.code or 500
    if status == 404:
        message = f"There is nothing at {request.path}. The search API is at {PREFIX}/search."
    elif status == 405:
        message = f"{request.path} answers only {', '.join(sorted(error.valid_methods or ['GET']))}."
    else:
        message = error.description or error.name
    return error_response(status, _code(error.name), message)


def domain_error(error: HeritageError, status: int) -> Response:
    """A heritage domain error in the API's shape."""
    return error_response(status, _code(type(error).__name__), str(error))


def _code(name: str) -> str:
    """``Not Found`` → ``not_found``; ``ItemNotFound`` → ``item_not_found``."""
    words = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", name)
    return "_".join(re.findall(r"[a-z0-9]+", words.lower()))


@bp.errorhandler(ApiError)
def _api_error(error: ApiError):
    return error_response(error.status, error.code, error.message, error.parameter)


@bp.errorhandler(BadParameter)
def _bad_parameter(error: BadParameter):
    return error_response(400, "bad_parameter", error.message, error.parameter)


@bp.after_request
def _allow_any_origin(response: Response) -> Response:
    """Any web page may read the API's answers to GET requests."""
    if request.method in ("GET", "HEAD"):
        response.headers["Access-Control-Allow-Origin"] = "*"
    return response


@bp.get("/search")
def search():
    """Search published items: the same parameters as /search, plus page_size and facet."""
    params, problems = read_params(request.args, api=True)
    if problems:
        raise problems[0]
    found = search_items(params.q, page=params.page, page_size=params.page_size,
                         facets=params.facets, filters=params.service_filters(),
                         years=params.years, sort=params.sort)
    return found.as_json()


@bp.get("/openapi.json")
def openapi_document():
    """The OpenAPI 3.1 description of every endpoint under /api/."""
    return openapi.document()


@bp.get("/collections")
def collections():
    """Every collection with published items, largest first."""
    return {"collections": [_collection_json(found, count)
                            for found, count in public_collections()]}


@bp.get("/collections/<slug>")
def collection(slug: str):
    """One collection with published items."""
    return _collection_json(*public_collection(slug))


@bp.get("/collections/<slug>/items")
def collection_items(slug: str):
    """A collection's published items, a page at a time, in the order they were ingested."""
    page, size = read_paging(request.args)
    size = size or current_app.config["HERITAGE_PAGE_SIZE"]
    found, _ = public_collection(slug)
    items, total = published_in(found, page, size)
    pages = max(1, ceil(total / size))

    def page_url(number: int) -> str | None:
        if not 1 <= number <= pages:
            return None
        return url_for("api.collection_items", slug=slug, page=number, page_size=size,
                       _external=True)

    return {"collection": slug, "total": total, "page": page, "page_size": size, "pages": pages,
            "items": [_item_summary(item) for item in items],
            "links": {"self": url_for("api.collection_items", slug=slug, page=page,
                                      page_size=size, _external=True),
                      "next": page_url(page + 1), "previous": page_url(min(page - 1, pages)),
                      "collection": url_for("api.collection", slug=slug, _external=True)}}


@bp.get("/items/<int:item_id>")
def item(item_id: int):
    """A published item: its description, its pages (text and images only when public), links."""
    found = public_item(item_id)
    reading_room = in_reading_room()
    return {**_item_summary(found), "collection": found.collection.slug,
            **_access_json(found, reading_room),
            "published_at": _utc(found.published_at),
            "dublin_core": found.record.to_dict(),
            "pages": [_page_json(found.id, page) for page in public_pages(found, reading_room)],
            "recordings": [_recording_json(view) for view in recording_views(found, "", reading_room)],
            "related": [_item_summary(other) for other in related_items(found)],
            "links": _item_links(found)}


def _access_json(found: Item, reading_room: bool) -> dict:
    """The item's access level today, and why and until when its files are closed, if they are."""
    closed = access.closure(found, reading_room=reading_room)
    return {"access": access.item_level(found),
            "access_restriction": None if closed is None else {
                "level": closed.level, "reason": closed.reason, "note": closed.note or None,
                "until": closed.until.isoformat() if closed.until else None}}


def _utc(moment: datetime | None) -> str | None:
    """``moment`` as RFC 3339 UTC (``…Z``); SQLite gives back naive datetimes, stored as UTC."""
    if moment is None:
        return None
    if moment.tzinfo is not None:
        moment = moment.astimezone(timezone.utc).replace(tzinfo=None)
    return moment.isoformat(timespec="seconds") + "Z"


def _collection_json(found: Collection, count: int) -> dict:
    return {"slug": found.slug, "title": found.title, "description": found.description or "",
            "item_count": count,
            "links": {"self": url_for("api.collection", slug=found.slug, _external=True),
                      "items": url_for("api.collection_items", slug=found.slug, _external=True),
                      "html": url_for("public.collection", slug=found.slug, _external=True)}}


def _item_summary(found: Item) -> dict:
    record = found.record.simple()  # dates and types refined by DCMI Terms count too
    return {"id": found.id, "title": found.title(), "date": record.first("date") or "",
            "type": ",".join(value.text for value in record.get("type")),
            "links": {"self": url_for("api.item", item_id=found.id, _external=True),
                      "html": url_for("public.item", item_id=found.id, _external=True)}}


def _item_links(found: Item) -> dict:
    namespace = current_app.config["HERITAGE_OAI_NAMESPACE"]
    return {"self": url_for("api.item", item_id=found.id, _external=True),
            "html": url_for("public.item", item_id=found.id, _external=True),
            "collection": url_for("api.collection", slug=found.collection.slug, _external=True),
            "oai": url_for("oai.endpoint", verb="GetRecord", metadataPrefix="oai_dc",
                           identifier=f"oai:{namespace}:{found.id}", _external=True),
            "cite": {fmt: url_for("public.citation", item_id=found.id, fmt=fmt, _external=True)
                     for fmt in ("ris", "bib", "json")}}


def _page_json(item_id: int, page) -> dict:
    images = files = None
    if page.images:
        where = {"item_id": item_id, "sequence": page.sequence, "_external": True}
        images = {kind: url_for("public.page_image", kind=kind, **where) for kind in ("web", "thumb")}
        images["zoom"] = url_for("public.page_zoom", **where)
        files = {"text": url_for("public.page_text", **where),
                 "alto": url_for("public.page_alto", **where) if page.alto else None}
    return {"sequence": page.sequence, "width": page.width, "height": page.height,
            "text": page.text, "images": images, "files": files}


def _recording_json(view) -> dict:
    """A recording: its length and, when open to the caller, its sound, transcript and index."""
    where = {"item_id": view.item_id, "recording_id": view.id, "_external": True}
    shown = {"id": view.id, "kind": view.kind, "duration": round(view.duration, 3),
             "open": view.open, "sources": [], "transcript": None, "index_csv": None,
             "peaks": None, "poster": None, "cue_count": len(view.cues), "segments": []}
    if not view.open:
        return shown
    shown["sources"] = [{"url": url_for("public.recording_copy", **s.url_args, _external=True),
                         "mime_type": s.mime_type} for s in view.sources]
    if view.cues:
        shown["transcript"] = {fmt: url_for("public.recording_transcript", fmt=fmt, **where)
                               for fmt in ("vtt", "srt", "txt")}
    if view.segments:
        shown["index_csv"] = url_for("public.recording_index", **where)
    shown["peaks"] = url_for("public.recording_peaks", **where) if view.has_peaks else None
    shown["poster"] = url_for("public.recording_poster", **where) if view.has_poster else None
    shown["segments"] = [{"start": round(s.start, 3),
                          "end": round(s.end, 3) if s.end is not None else None,
                          "title": s.title.striptags(), "synopsis": s.synopsis.striptags(),
                          "keywords": s.keywords, "subjects": s.subjects,
                          "latitude": s.latitude, "longitude": s.longitude, "place": s.place}
                         for s in view.segments]
    return shown


@bp.get("/exhibitions")
def exhibitions():
    """Published exhibitions, featured first."""
    return {"exhibitions": [_exhibition_summary(found) for found in public_exhibitions()]}


@bp.get("/exhibitions/<slug>")
def exhibition(slug: str):
    """A published exhibition: its pages, their blocks and the items the public may see."""
    found = get_public_exhibition(slug)
    return {**_exhibition_summary(found), "credits": _markdown_json(found.credits, 3),
            "collections": [{"slug": c.slug, "title": c.title,
                             "links": {"self": url_for("api.collection", slug=c.slug, _external=True),
                                       "html": url_for("public.collection", slug=c.slug,
                                                       _external=True)}}
                            for c in found.collections],
            "pages": [{"slug": shown.page.slug, "title": shown.page.title,
                       "links": {"html": url_for("exhibitions.page", slug=slug,
                                                 page_slug=shown.page.slug, _external=True)},
                       "blocks": [_block_json(block) for block in shown.blocks]}
                      for shown in exhibition_pages(found, summarise=False)]}


def _exhibition_summary(found: Exhibition) -> dict:
    return {"slug": found.slug, "title": found.title, "summary": found.summary or "",
            "lang": found.lang, "featured": found.featured,
            "published_at": _utc(found.published_at), "page_count": len(found.pages),
            "links": {"self": url_for("api.exhibition", slug=found.slug, _external=True),
                      "html": url_for("exhibitions.exhibition", slug=found.slug, _external=True),
                      "print": url_for("exhibitions.printable", slug=found.slug, _external=True)}}


def _markdown_json(source: str, top: int = 2) -> dict:
    """Markdown as its source and as the sanitised HTML the site shows."""
    return {"source": source or "", "html": render_markdown(source or "", top)}


def _block_json(block: ShownBlock) -> dict:
    return {"kind": block.kind, "body": _markdown_json(block.body),
            "items": [_block_item_json(entry) for entry in block.entries]}


def _block_item_json(entry: ShownItem) -> dict:
    return {"id": entry.item.id, "caption": entry.caption,
            "links": {"self": url_for("api.item", item_id=entry.item.id, _external=True),
                      "html": url_for("public.item", item_id=entry.item.id, _external=True)}}
