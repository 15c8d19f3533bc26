"""IIIF Image API 3.0: a page's pixels, region by region, size by size."""
from __future__ import annotations

from flask import Blueprint, current_app, jsonify, redirect, request, send_file, url_for

from ..errors import AccessDenied, HeritageError, ItemNotFound, MediaMissing, MediaStoreUnavailable
from ..services import media_store
from ..services.iiif_image import CONTEXT, PROFILE_URI, image_file, image_info
from .network import in_reading_room

bp = Blueprint("iiif_image", __name__)

JSON_TYPE = f'application/ld+json;profile="{CONTEXT}"'
MAX_AGE = 86400


@bp.get("/iiif/3/<image_id>")
def base(image_id: str):
    """The image's base URI sends a viewer on to its info.json (303, as the spec says)."""
    return redirect(url_for(".info", image_id=image_id, _external=True), 303)


@bp.get("/iiif/3/<image_id>/info.json")
def info(image_id: str):
    """The image information document of a page."""
    reading_room = in_reading_room()
    body = image_info(image_id, f"{request.url_root}iiif/3/{image_id}", reading_room=reading_room)
    response = jsonify(body)
    response.headers["Content-Type"] = JSON_TYPE
    response.headers["Link"] = f'<{PROFILE_URI}>;rel="profile"'
    response.headers["Cache-Control"] = f"{'private' if reading_room else 'public'}, max-age=3600"
    return response


@bp.get("/iiif/3/<image_id>/<region>/<size>/<rotation>/<quality>.<fmt>")
def image(image_id: str, region: str, size: str, rotation: str, quality: str, fmt: str):
    """The pixels of a region of a page, scaled, turned and toned as asked."""
    reading_room = in_reading_room()
    answer = image_file(image_id, region, size, rotation, quality, fmt, reading_room=reading_room)
    response = send_file(media_store().open(answer.key), mimetype=answer.mimetype,
                         etag=answer.etag, conditional=False, max_age=MAX_AGE)
    response.headers["Cache-Control"] = f"{'private' if reading_room else 'public'}, max-age={MAX_AGE}"
    response.headers["Link"] = (f'<{PROFILE_URI}>;rel="profile", '
                                f'<{request.url_root}iiif/3/{image_id}/{answer.canonical}>;rel="canonical"')
    return response.make_conditional(request)


@bp.after_request
def _cors(response):
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response


@bp.errorhandler(HeritageError)
def _error(error: HeritageError):
    """400 for a bad parameter, 404 for no such image, 403 (with the reason) for a closed one."""
    if isinstance(error, (ItemNotFound, MediaMissing)):
        status = 404
    elif isinstance(error, MediaStoreUnavailable):  # the log names the bucket, the visitor not
        current_app.logger.error("%s", error)
        error, status = MediaStoreUnavailable("the image store is not available; try again later"), 503
    elif isinstance(error, AccessDenied):
        status = 403
    else:
        status = 400
    body = {"error": str(error)}
    closure = getattr(error, "closure", None)
    if closure is not None:
        body.update(_explanation(closure))
    response = jsonify(body)
    response.status_code = status
    response.headers["Content-Type"] = JSON_TYPE
    response.headers["Cache-Control"] = "no-store" if status == 403 else "public, max-age=60"
    return response


def _explanation(closure) -> dict:
    """Why the pixels are closed, shaped like an IIIF Auth probe's heading and note."""
    heading = {"reading_room": "Only in a library reading room",
               "metadata_only": "Only the description is public",
               "embargo": "Under embargo"}.get(closure.level, "Closed")
    note = closure.note or {
        "reading_room": "This page can be seen on the computers of the libraries' reading rooms.",
        "metadata_only": "The images of this item are not available online.",
        "embargo": "The images of this item will be available when the embargo ends."}.get(
            closure.level, "")
    return {"reason": closure.reason or closure.level, "level": closure.level,
            "heading": {"en": [heading]}, "note": {"en": [note]} if note else {},
            "until": closure.until.isoformat() if closure.until else None}
