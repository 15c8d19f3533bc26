"""The public catalogue: home, collections, newspapers, items, page images and search."""
from __future__ import annotations

import io

from flask import (Blueprint, abort, make_response, redirect, render_template, request,
                   send_file, url_for)
from flask_babel import lazy_gettext as _l

from dublin_core.cite import Citation, citation_from_record

from ..errors import AccessDenied
from ..services import access, media_store
from ..services.collections import public_collections
from ..services.delivery import presigned_url
from ..services.exhibitions import cover_item, featured_exhibitions
from ..services.hits import page_hits, page_reading
from ..services.items import public_item, public_page_image, recent_items
from ..services.listening import recording_views, start_time
from ..services.newspapers import issue_clippings, newspaper_issues, newspaper_titles, newspaper_years
from ..services.page_files import (StoredFile, item_downloads, key_etag, public_original,
                                   public_page_alto, public_page_text)
from ..services.related import related_items
from ..services.search import search_items
from ..services.zoom import public_dzi, public_tile
from .i18n import LOCALE_COOKIE, offered_locales
from .network import in_reading_room
from .search_params import read_params

bp = Blueprint("public", __name__)

#: Citation download formats: file extension -> (content type, ``Citation`` method).
CITATION_FORMATS = {
    "ris": ("application/x-research-info-systems; charset=utf-8", Citation.ris),
    "bib": ("application/x-bibtex; charset=utf-8", Citation.bibtex),
    "json": ("application/vnd.citationstyles.csl+json", Citation.csl_json),
}

ELEMENT_LABELS = {
    "title": _l("Title"), "creator": _l("Creator"), "subject": _l("Subject"),
    "description": _l("Description"), "publisher": _l("Publisher"),
    "contributor": _l("Contributor"), "date": _l("Date"), "type": _l("Type"),
    "format": _l("Format"), "identifier": _l("Identifier"), "source": _l("Source"),
    "language": _l("Language"), "relation": _l("Relation"), "coverage": _l("Place"),
    "rights": _l("Rights"),
    # DCMI Terms refinements, shown after the element they refine
    "alternative": _l("Other title"), "abstract": _l("Abstract"), "created": _l("Date created"),
    "issued": _l("Date published"), "extent": _l("Extent"), "medium": _l("Medium"),
    "spatial": _l("Place shown or described"), "temporal": _l("Period"),
    "isPartOf": _l("Part of"), "hasPart": _l("Contains"),
    "bibliographicCitation": _l("Citation"), "rightsHolder": _l("Rights holder"),
    "license": _l("Licence"), "accessRights": _l("Access"), "provenance": _l("Provenance"),
}


def _page_number() -> int:
    """The ?page= argument as a positive number (bad values mean page 1)."""
    return max(1, request.args.get("page", 1, type=int) or 1)


@bp.get("/")
def home():
    """Featured exhibitions, collections, the newest items and a search box."""
    featured = [(found, cover_item(found)) for found in featured_exhibitions(3)]
    return render_template("home.html", collections=public_collections(), recent=recent_items(8),
                           featured=featured)


@bp.get("/collections/<slug>")
def collection(slug: str):
    """A collection's published items, with facets to narrow them and a choice of order.

    A bad parameter never fails the page: it is left out and the reader is told why.
    """
    # imported here so that this view's edits stay within it (the module is shared work)
    from dataclasses import replace

    from ..services.browse import browse_collection

    params, problems = read_params(request.args)
    # relevance means nothing without words, so the default is oldest first
    params = replace(params, sort="date" if params.sort == "relevance" else params.sort,
                     filters={k: v for k, v in params.filters.items() if k != "collection"})
    found = browse_collection(slug, page=params.page, sort=params.sort,
                              filters=params.service_filters(), years=params.years)
    if params.page > found.results.pages:
        abort(404)
    return render_template("collection.html", collection=found.collection, items=found.items,
                           results=found.results, params=params,
                           problems=[problem.reader_message for problem in problems])


@bp.get("/items/<int:item_id>")
def item(item_id: int):
    """An item: its description, a zoomable page image and the page's OCR text, hits marked."""
    found = public_item(item_id)
    page_count = len(found.pages)
    number = _page_number()
    if page_count and number > page_count:
        abort(404)
    page = found.pages[number - 1] if page_count else None
    query = _query()
    reading_room = in_reading_room()
    closed = access.closure(found, page.media_file if page else None, reading_room=reading_room)
    return render_template("item.html", item=found, record=found.record, page=page,
                           number=number, page_count=page_count, labels=ELEMENT_LABELS,
                           citation=_citation(found), citation_formats=CITATION_FORMATS,
                           query=query, q=query or None, page_open=page is not None and not closed,
                           closure=closed if page or not found.pages else None,
                           item_closure=access.closure(found, reading_room=reading_room),
                           reading=page_reading(found, page, query, reading_room) if page else None,
                           downloads=item_downloads(found, page, reading_room),
                           related=related_items(found),
                           recordings=recording_views(found, query, reading_room),
                           interview=found.interview,
                           start=start_time(request.args.get("t")))


def _query() -> str:
    """The reader's search query the item page was reached with (?q=), if any."""
    return request.args.get("q", "").strip()


def _citation(found) -> Citation:
    """The citation of a public item, with its permanent link."""
    permalink = url_for("public.item", item_id=found.id, _external=True)
    return citation_from_record(found.record, permalink, key=f"heritage{found.id}")


@bp.get("/items/<int:item_id>/cite.<any(ris, bib, json):fmt>")
def citation(item_id: int, fmt: str):
    """A published item's citation as an RIS, BibTeX or CSL-JSON download."""
    content_type, render = CITATION_FORMATS[fmt]
    response = make_response(render(_citation(public_item(item_id))))
    response.content_type = content_type
    response.headers["Content-Disposition"] = f'attachment; filename="heritage-{item_id}.{fmt}"'
    return response


@bp.get("/items/<int:item_id>/pages/<int:sequence>/<kind>.jpg")
def page_image(item_id: int, sequence: int, kind: str):
    """A page's web-size image or thumbnail, if the public may see it."""
    key, mimetype = public_page_image(item_id, sequence, kind, reading_room=in_reading_room())
    return _send(StoredFile(mimetype, key_etag(key), f"{item_id}-{sequence}-{kind}.jpg", key=key))


@bp.get("/items/<int:item_id>/pages/<int:sequence>/zoom.dzi")
def page_zoom(item_id: int, sequence: int):
    """The Deep Zoom descriptor of a public page's image pyramid."""
    zoom = public_dzi(item_id, sequence, reading_room=in_reading_room())
    return _send(StoredFile(zoom.mimetype, zoom.etag, f"{item_id}-{sequence}.dzi", data=zoom.data))


@bp.get("/items/<int:item_id>/pages/<int:sequence>/zoom_files/<int:level>/<int:col>_<int:row>.jpg")
def page_tile(item_id: int, sequence: int, level: int, col: int, row: int):
    """One tile of a public page's image pyramid (made on the first request)."""
    zoom = public_tile(item_id, sequence, level, col, row,
                       reading_room=in_reading_room())
    return _send(StoredFile(zoom.mimetype, zoom.etag, f"{level}-{col}_{row}.jpg", key=zoom.key))


@bp.get("/items/<int:item_id>/pages/<int:sequence>/hits.json")
def page_hits_json(item_id: int, sequence: int):
    """The page's word boxes matching ?q=, in page pixels, for the viewer to highlight."""
    return page_hits(item_id, sequence, _query(), reading_room=in_reading_room())


@bp.get("/items/<int:item_id>/pages/<int:sequence>/text.txt")
def page_text(item_id: int, sequence: int):
    """A public page's recognised text, to download."""
    return _send(public_page_text(item_id, sequence, reading_room=in_reading_room()), attachment=True)


@bp.get("/items/<int:item_id>/pages/<int:sequence>/alto.xml")
def page_alto(item_id: int, sequence: int):
    """A public page's ALTO XML (its words with their boxes), to download."""
    return _send(public_page_alto(item_id, sequence, reading_room=in_reading_room()), attachment=True)


@bp.get("/items/<int:item_id>/files/<int:position>")
def original_file(item_id: int, position: int):
    """A public item's original file, untouched, under its original name."""
    return _send(public_original(item_id, position, reading_room=in_reading_room()), attachment=True)


@bp.errorhandler(AccessDenied)
def _files_closed(error: AccessDenied):
    """A described item's closed file: 403 with the reason (JSON for the viewer's hits)."""
    from . import api

    if api.is_api_request():
        return api.domain_error(error, 403)
    return render_template("access_denied.html",
                           closure=getattr(error, "closure", None)), 403


@bp.app_template_global()
def thumbnail_open(item) -> bool:
    """Whether a card may show the item's first page to this visitor."""
    return access.first_page_open(item, reading_room=in_reading_room())


def _send(stored: StoredFile, attachment: bool = False):
    """Send a stored file or text with its strong ETag: ``If-None-Match`` gets a 304 and
    ``Range`` a 206 (a long recording or a large master can be fetched in parts, resumed).

    With presigned S3 delivery a file open to everyone is a 302 to the bucket instead; the
    redirect itself is never cached, as its URL expires.
    """
    direct = presigned_url(stored, attachment=attachment)
    if direct is not None:
        response = redirect(direct, 302)
        response.headers["Cache-Control"] = "no-store"
        return response
    body = media_store().open(stored.key) if stored.key else io.BytesIO(stored.data or b"")
    size = body.seek(0, io.SEEK_END)
    body.seek(0)
    response = send_file(body, mimetype=stored.mimetype, as_attachment=attachment,
                         download_name=stored.name, etag=stored.etag, conditional=False,
                         max_age=86400)
    response.content_length = size
    return response.make_conditional(request, accept_ranges=True, complete_length=size)


@bp.get("/search")
def search_page():
    """Search results with highlighted snippets, facets to narrow them and a year range.

    A bad parameter never fails the page: it is left out and the reader is told why.
    """
    params, problems = read_params(request.args)
    results = None
    if params.asked:
        results = search_items(params.q, page=params.page, facets=params.facets,
                               filters=params.service_filters(), years=params.years,
                               sort=params.sort)
    return render_template("search.html", query=params.q, params=params, results=results,
                           problems=[problem.reader_message for problem in problems])


@bp.get("/newspapers")
def newspapers():
    """The newspapers whose clippings are published, with the years they span."""
    return render_template("newspapers.html", newspapers=newspaper_titles())


@bp.get("/newspapers/<slug>")
def newspaper(slug: str):
    """A newspaper's years, with how many issues and clippings each has."""
    paper, years = newspaper_years(slug)
    return render_template("newspaper.html", newspaper=paper, years=years)


@bp.get("/newspapers/<slug>/<int:year>")
def newspaper_year(slug: str, year: int):
    """A newspaper's issues of one year, with how many clippings each has."""
    paper, issues = newspaper_issues(slug, year)
    return render_template("newspaper_year.html", newspaper=paper, year=year, issues=issues)


@bp.get("/newspapers/<slug>/<int:year>/<issue>")
def newspaper_issue(slug: str, year: int, issue: str):
    """The clippings of one issue, by page."""
    paper, found = issue_clippings(slug, year, issue)
    return render_template("newspaper_issue.html", newspaper=paper, year=year, issue=found)


@bp.get("/language/<code>")
def choose_language(code: str):
    """Remember the visitor's interface language and go back where they were."""
    if code not in offered_locales():
        abort(404)
    target = request.args.get("next", "")
    if not target.startswith("/") or target.startswith("//") or "\\" in target:
        target = url_for("public.home")
    response = make_response(redirect(target))
    response.set_cookie(LOCALE_COOKIE, code, max_age=365 * 86400, samesite="Lax", httponly=True)
    return response
