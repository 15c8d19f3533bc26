"""IIIF Presentation API 3.0: manifests of items and collections of collections."""
from __future__ import annotations

import json
from functools import partial

from flask import Blueprint, Response, current_app, request, url_for
from flask_babel import force_locale

from ..errors import AccessDenied, HeritageError
from ..services import iiif_presentation as presentation
from .network import in_reading_room

bp = Blueprint("iiif", __name__)

CONTENT_TYPE = 'application/ld+json;profile="http://iiif.io/api/presentation/3/context.json"'
LABEL_LOCALES = ("lv", "lt", "en")


@bp.get("/iiif/3/items/<int:item_id>/manifest.json")
def manifest(item_id: int):
    """A public item as a IIIF manifest (pages as image canvases, recordings as timed ones)."""
    return _json(presentation.item_manifest(item_id, _context(labels=True)))


@bp.get("/iiif/3/collections/<slug>.json")
def collection(slug: str):
    """A collection's published items as a IIIF collection of manifests."""
    return _json(presentation.collection_of(slug, _context()))


@bp.get("/iiif/3/collection.json")
def top():
    """The archive's collections as one IIIF collection."""
    return _json(presentation.top_collection(_context()))


def _context(labels: bool = False) -> presentation.Context:
    config = current_app.config
    return presentation.Context(
        base=request.url_root, link=partial(url_for, _external=True),
        site_name=config["HERITAGE_SITE_NAME"], oai_namespace=config["HERITAGE_OAI_NAMESPACE"],
        labels=element_labels() if labels else {}, reading_room=in_reading_room())


def element_labels() -> dict[str, dict[str, list[str]]]:
    """The item page's Dublin Core labels, translated into each catalogue language."""
    from .public import ELEMENT_LABELS

    labels: dict[str, dict[str, list[str]]] = {element: {} for element in ELEMENT_LABELS}
    for locale in LABEL_LOCALES:
        with force_locale(locale):
            for element, label in ELEMENT_LABELS.items():
                labels[element][locale] = [str(label)]
    return labels


def _json(data: dict, status: int = 200) -> Response:
    response = Response(json.dumps(data, ensure_ascii=False), status=status,
                        content_type=CONTENT_TYPE)
    response.headers["Access-Control-Allow-Origin"] = "*"
    # a reading room's manifest may open files closed to everybody else
    response.headers["Cache-Control"] = "private, max-age=300" if in_reading_room() \
        else "public, max-age=300"
    return response


@bp.errorhandler(HeritageError)
def _error(error: HeritageError):
    """JSON errors a viewer on another host can read: 404 unknown, 403 closed, 400 bad input."""
    from . import _STATUS

    status = next((code for kind, code in _STATUS.items() if isinstance(error, kind)),
                  403 if isinstance(error, AccessDenied) else 400)
    body = {"error": str(error)}
    closure = getattr(error, "closure", None)
    if closure is not None:
        body["reason"] = closure.reason or closure.level
    return _json(body, status)
