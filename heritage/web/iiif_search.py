"""IIIF Content Search API 2.0 and 1.0 (for Mirador): words found in an item, boxed on its pages."""
from __future__ import annotations

import json

from flask import Blueprint, Response, request, url_for

from ..errors import AccessDenied, HeritageError, ItemNotFound
from ..services.iiif_search import (KNOWN_PARAMETERS, PRESENTATION_CONTEXT, Addresses,
                                    SearchRequest, read_page, search as search_item,
                                    search1 as search_item1)
from .network import in_reading_room

bp = Blueprint("iiif_search", __name__)

MEDIA_TYPE = f'application/ld+json;profile="{PRESENTATION_CONTEXT}"'
# a 1.0 answer is JSON-LD in the search/1 context (the presentation/3 profile would be wrong)
SEARCH1_MEDIA_TYPE = 'application/ld+json;profile="http://iiif.io/api/search/1/context.json"'


@bp.get("/iiif/3/items/<int:item_id>/search")
def search(item_id: int):
    """The 2.0 AnnotationPage of the words ``q`` finds on the item's open pages."""
    return _json(search_item(_asked(item_id), _addresses(".search", item_id)))


@bp.get("/iiif/3/items/<int:item_id>/search1")
def search1(item_id: int):
    """The same words as a Content Search 1.0 AnnotationList (what Mirador 4 reads)."""
    return _json(search_item1(_asked(item_id), _addresses(".search1", item_id)),
                 media_type=SEARCH1_MEDIA_TYPE)


def _asked(item_id: int) -> SearchRequest:
    """The search the address asks for."""
    return SearchRequest(
        item_id, request.args.get("q", ""), read_page(request.args.get("page")),
        tuple(request.args.get("motivation", "").split()),
        tuple(sorted(set(request.args) - set(KNOWN_PARAMETERS))), in_reading_room())


def _addresses(endpoint: str, item_id: int) -> Addresses:
    """The addresses of this search's result pages at ``endpoint``."""
    query = {"q": request.args["q"]} if "q" in request.args else {}

    def page_url(n: int | None) -> str:
        return url_for(endpoint, item_id=item_id, _external=True,
                       **query, **({"page": n} if n else {}))

    return Addresses(request.url_root, request.url, page_url)


@bp.errorhandler(HeritageError)
def _error(error: HeritageError):
    """An unknown item 404, closed pages 403 with the reason, a bad parameter 400: as JSON."""
    status = 404 if isinstance(error, ItemNotFound) else 403 if isinstance(error, AccessDenied) \
        else 400
    body = {"error": str(error)}
    closure = getattr(error, "closure", None)
    if closure is not None:
        body.update(reason=closure.reason or closure.level, level=closure.level,
                    note=closure.note)
        if closure.until:
            body["until"] = closure.until.isoformat()
    return _json(body, status)


def _json(body: dict, status: int = 200, media_type: str = MEDIA_TYPE) -> Response:
    """A JSON-LD answer any web page may read (viewers run on other hosts)."""
    response = Response(json.dumps(body, ensure_ascii=False), status, mimetype=None,
                        content_type=media_type)
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response
