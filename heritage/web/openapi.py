"""The OpenAPI 3.1 description of the JSON API, served at /api/openapi.json.

Written by hand as a dict, beside the views it describes; a test fails when a route on the
``api`` blueprint is missing here, and another validates the document.
"""
from __future__ import annotations

from ..models import BLOCK_KINDS
from ..search.query import FACETS, SORTS
from .search_params import MAX_PAGE_SIZE

VERSION = "1.0.0"


def document() -> dict:
    """The OpenAPI document of every endpoint under /api/."""
    return {
        "openapi": "3.1.0",
        "info": {"title": "heritage API", "version": VERSION,
                 "description": "Read-only JSON of a local-history archive's published items. "
                                "Any site may read it (CORS). Every error has one shape, "
                                "the Error schema."},
        "paths": _paths(),
        "components": {"schemas": _schemas(), "parameters": _parameters(),
                       "responses": _responses()},
    }


def _ok(schema: str, description: str) -> dict:
    return {"description": description,
            "content": {"application/json": {"schema": _ref("schemas", schema)}}}


def _ref(kind: str, name: str) -> dict:
    return {"$ref": f"#/components/{kind}/{name}"}


def _get(summary: str, ok: dict, parameters: list[str], errors: tuple[str, ...]) -> dict:
    return {"get": {"summary": summary,
                    "parameters": [_ref("parameters", name) for name in parameters],
                    "responses": {"200": ok, **{code: _ref("responses", _ERRORS[code])
                                                for code in errors}}}}


_ERRORS = {"400": "BadParameter", "404": "NotFound"}


def _paths() -> dict:
    return {
        "/api/search": _get(
            "Search published items, with facet counts",
            _ok("SearchPage", "One page of results"),
            ["q", "page", "search_page_size", "sort", "year_from", "year_to", "facet",
             *(f"filter_{name}" for name in FACETS)], ("400",)),
        "/api/collections": _get(
            "Every collection with published items, largest first",
            _ok("CollectionList", "The collections"), [], ()),
        "/api/collections/{slug}": _get(
            "One collection", _ok("Collection", "The collection"), ["slug"], ("404",)),
        "/api/collections/{slug}/items": _get(
            "A collection's published items, a page at a time",
            _ok("ItemPage", "One page of items (empty past the last page)"),
            ["slug", "page", "page_size"], ("400", "404")),
        "/api/items/{item_id}": _get(
            "A published item: its Dublin Core description, pages and links",
            _ok("Item", "The item"), ["item_id"], ("404",)),
        "/api/exhibitions": _get(
            "Published exhibitions, featured first",
            _ok("ExhibitionList", "The exhibitions"), [], ()),
        "/api/exhibitions/{slug}": _get(
            "A published exhibition: its pages, their blocks and the public items in them",
            _ok("Exhibition", "The exhibition"), ["exhibition_slug"], ("404",)),
        "/api/openapi.json": {"get": {
            "summary": "This document",
            "responses": {"200": {"description": "The OpenAPI document",
                                  "content": {"application/json": {"schema": {"type": "object"}}}}}}},
    }


def _query(name: str, description: str, schema: dict, **more) -> dict:
    return {"name": name, "in": "query", "required": False, "description": description,
            "schema": schema, **more}


def _parameters() -> dict:
    size = {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE}
    return {
        "q": _query("q", "Words to search for", {"type": "string"}),
        "page": _query("page", "Page number, from 1", {"type": "integer", "minimum": 1, "default": 1}),
        "page_size": _query("page_size", "Items per page (the site's page size if left out)", size),
        "search_page_size": _query("page_size", "Results per page (the site's page size if left out)",
                                   size),
        "sort": _query("sort", "Order of the results",
                       {"type": "string", "enum": list(SORTS), "default": "relevance"}),
        "year_from": _query("year_from", "Earliest year", {"type": "integer", "minimum": 1,
                                                            "maximum": 9999}),
        "year_to": _query("year_to", "Latest year", {"type": "integer", "minimum": 1,
                                                      "maximum": 9999}),
        "facet": _query("facet", "A facet to count (repeat for several; all if left out)",
                        {"type": "array", "items": {"type": "string", "enum": list(FACETS)}},
                        style="form", explode=True),
        **{f"filter_{name}": _query(name, f"Only items with this {name} (repeat for any of several)",
                                    {"type": "array", "items": {"type": "string"}},
                                    style="form", explode=True) for name in FACETS},
        "slug": {"name": "slug", "in": "path", "required": True, "description": "Collection slug",
                 "schema": {"type": "string", "pattern": "^[a-z0-9]+(?:-[a-z0-9]+)*$"}},
        "exhibition_slug": {"name": "slug", "in": "path", "required": True,
                            "description": "Exhibition slug",
                            "schema": {"type": "string", "pattern": "^[a-z0-9]+(?:-[a-z0-9]+)*$"}},
        "item_id": {"name": "item_id", "in": "path", "required": True,
                    "description": "Item number", "schema": {"type": "integer", "minimum": 1}},
    }


def _responses() -> dict:
    return {"BadParameter": {"description": "A parameter cannot be used; `parameter` names it",
                             "content": {"application/json": {"schema": _ref("schemas", "Error")}}},
            "NotFound": {"description": "Nothing public has this identifier",
                         "content": {"application/json": {"schema": _ref("schemas", "Error")}}}}


def _object(properties: dict, required: list[str] | None = None) -> dict:
    return {"type": "object", "properties": properties,
            "required": list(properties) if required is None else required}


_STRING, _INTEGER, _URL = {"type": "string"}, {"type": "integer"}, {"type": "string", "format": "uri"}
_NULLABLE_URL = {"type": ["string", "null"], "format": "uri"}


def _schemas() -> dict:
    return {
        "Error": _object({"error": _object({
            "status": _INTEGER, "code": {"type": "string", "examples": ["bad_parameter"]},
            "message": _STRING, "parameter": {"type": ["string", "null"]}})}),
        **_catalogue_schemas(),
        **_exhibition_schemas(),
        **_search_schemas(),
    }


def _catalogue_schemas() -> dict:
    return {
        "Collection": _object({
            "slug": _STRING, "title": _STRING, "description": _STRING, "item_count": _INTEGER,
            "links": _object({"self": _URL, "items": _URL, "html": _URL})}),
        "CollectionList": _object({"collections": {"type": "array",
                                                   "items": _ref("schemas", "Collection")}}),
        "ItemSummary": _object({
            "id": _INTEGER, "title": _STRING, "date": _STRING,
            "type": {"type": "string", "description": "DCMI types, comma-separated"},
            "links": _object({"self": _URL, "html": _URL})}),
        "ItemPage": _object({
            "collection": _STRING, "total": _INTEGER, "page": _INTEGER, "page_size": _INTEGER,
            "pages": _INTEGER, "items": {"type": "array", "items": _ref("schemas", "ItemSummary")},
            "links": _object({"self": _URL, "next": _NULLABLE_URL, "previous": _NULLABLE_URL,
                              "collection": _URL})}),
        "DublinCore": {
            "type": "object", "description": "Values by Dublin Core element or DCMI term",
            "additionalProperties": {"type": "array", "items": _object(
                {"text": _STRING, "lang": {"type": ["string", "null"]}})}},
        "Page": _object({
            "sequence": _INTEGER, "width": _INTEGER, "height": _INTEGER,
            "text": {"type": ["string", "null"],
                     "description": "The OCR text; null unless the page's file is open to the caller"},
            "images": {"oneOf": [{"type": "null"}, _object({
                "web": _URL, "thumb": _URL,
                "zoom": {**_URL, "description": "Deep Zoom (DZI) descriptor, for OpenSeadragon"}})],
                       "description": "null unless the page's file is open to the caller"},
            "files": {"oneOf": [{"type": "null"}, _object({
                "text": {**_URL, "description": "The OCR text as plain UTF-8"},
                "alto": {**_NULLABLE_URL, "description": "ALTO 4 XML with word positions"}})],
                      "description": "null unless the page's file is open to the caller"}}),
        "Item": _object({
            "id": _INTEGER, "title": _STRING, "date": _STRING, "type": _STRING,
            "collection": _STRING,
            "access": {"type": "string",
                       "enum": ["public", "metadata_only", "reading_room", "embargo"],
                       "description": "The level today (an ended embargo is public). "
                                      "metadata_only: the files are never shown; reading_room: "
                                      "only from the libraries' reading rooms; embargo: closed "
                                      "until a date"},
            "access_restriction": {"oneOf": [{"type": "null"}, _object({
                "level": {"type": "string", "enum": ["metadata_only", "reading_room", "embargo"]},
                "reason": {"type": ["string", "null"],
                           "enum": ["privacy", "copyright", "donor_terms", "other", None]},
                "note": {"type": ["string", "null"]},
                "until": {"type": ["string", "null"], "format": "date",
                          "description": "The last day of an embargo's closure"}})],
                "description": "Why the item's files are closed to this caller; null when open"},
            "published_at": {"type": ["string", "null"], "format": "date-time"},
            "dublin_core": _ref("schemas", "DublinCore"),
            "pages": {"type": "array", "items": _ref("schemas", "Page")},
            "recordings": {"type": "array", "items": _ref("schemas", "Recording"),
                           "description": "An oral history's sound or video, its transcript and index"},
            "related": {"type": "array", "items": _ref("schemas", "ItemSummary"),
                        "description": "Items sharing subjects, places or people, best first"},
            "links": _object({
                "self": _URL, "html": _URL, "collection": _URL, "oai": _URL,
                "cite": _object({"ris": _URL, "bib": _URL, "json": _URL})})}),
        "Recording": _object({
            "id": _INTEGER, "kind": {"type": "string", "enum": ["audio", "video"]},
            "duration": {"type": "number", "description": "Seconds"},
            "open": {"type": "boolean", "description": "Whether the caller may listen; when "
                                                       "not, only the length is given"},
            "sources": {"type": "array", "items": _object({"url": _URL, "mime_type": _STRING}),
                        "description": "Listening copies, best first (Range requests work)"},
            "transcript": {"oneOf": [{"type": "null"},
                                     _object({"vtt": _URL, "srt": _URL, "txt": _URL})]},
            "index_csv": _NULLABLE_URL, "peaks": _NULLABLE_URL, "poster": _NULLABLE_URL,
            "cue_count": _INTEGER,
            "segments": {"type": "array", "items": _object({
                "start": {"type": "number"}, "end": {"type": ["number", "null"]},
                "title": _STRING, "synopsis": _STRING,
                "keywords": {"type": "array", "items": _STRING},
                "subjects": {"type": "array", "items": _STRING},
                "latitude": {"type": ["number", "null"]}, "longitude": {"type": ["number", "null"]},
                "place": _STRING})}}),
    }


def _exhibition_schemas() -> dict:
    markdown = _object({"source": {"type": "string", "description": "The Markdown as written"},
                        "html": {"type": "string",
                                 "description": "The Markdown as sanitised HTML, as the site shows it"}})
    summary = {"slug": _STRING, "title": _STRING, "summary": _STRING, "lang": _STRING,
               "featured": {"type": "boolean"},
               "published_at": {"type": ["string", "null"], "format": "date-time"},
               "page_count": _INTEGER, "links": _object({"self": _URL, "html": _URL, "print": _URL})}
    return {
        "ExhibitionSummary": _object(summary),
        "ExhibitionList": _object({"exhibitions": {
            "type": "array", "items": _ref("schemas", "ExhibitionSummary")}}),
        "ExhibitionBlockItem": _object({"id": _INTEGER, "caption": _STRING,
                                        "links": _object({"self": _URL, "html": _URL})}),
        "ExhibitionBlock": _object({
            "kind": {"type": "string", "enum": list(BLOCK_KINDS)},
            "body": markdown,
            "items": {"type": "array", "items": _ref("schemas", "ExhibitionBlockItem"),
                      "description": "Only items the public may read about; a map or timeline "
                                     "without items of its own lists the page's items"}}),
        "ExhibitionPage": _object({
            "slug": _STRING, "title": _STRING, "links": _object({"html": _URL}),
            "blocks": {"type": "array", "items": _ref("schemas", "ExhibitionBlock")}}),
        "Exhibition": _object({
            **summary, "credits": markdown,
            "collections": {"type": "array", "items": _object({
                "slug": _STRING, "title": _STRING, "links": _object({"self": _URL, "html": _URL})})},
            "pages": {"type": "array", "items": _ref("schemas", "ExhibitionPage")}}),
    }


def _search_schemas() -> dict:
    return {
        "Hit": _object({"id": _INTEGER, "title": _STRING, "collection": _STRING,
                        "files": {"type": "array", "items": _STRING}, "snippet": _STRING,
                        "score": {"type": "number"}, "date": _STRING, "type": _STRING,
                        # a recording's first moments where the query is said: the item page
                        # at ?t=<start> plays from there
                        "moments": {"type": "array", "items": _object(
                            {"start": {"type": "number", "minimum": 0}, "snippet": _STRING})},
                        "moment_count": _INTEGER}),
        "FacetCount": _object({"value": _STRING, "count": _INTEGER, "label": _STRING}),
        "SearchPage": _object({
            "query": _STRING, "total": _INTEGER, "page": _INTEGER, "page_size": _INTEGER,
            "pages": _INTEGER, "sort": {"type": "string", "enum": list(SORTS)},
            "filters": {"type": "object",
                        "additionalProperties": {"type": "array", "items": _STRING}},
            "years": {"type": ["array", "null"], "items": {"type": ["integer", "null"]}},
            "hits": {"type": "array", "items": _ref("schemas", "Hit")},
            "facets": {"type": "object", "additionalProperties": {
                "type": "array", "items": _ref("schemas", "FacetCount")}},
            "suggestion": {"type": ["string", "null"]}, "fuzzy": {"type": "boolean"}}),
    }
