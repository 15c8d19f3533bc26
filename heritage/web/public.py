"""The public catalogue: home, collections, newspapers, items, page images and search."""
from __future__ import annotations

from flask import (Blueprint, abort, current_app, make_response, redirect, render_template, request,
                   send_file, url_for)
from flask_babel import lazy_gettext as _l

from dublin_core.cite import Citation, citation_from_record

from ..services import media_store
from ..services.collections import get_collection, public_collections
from ..services.items import public_item, public_page_image, published_in, recent_items
from ..services.newspapers import issue_clippings, newspaper_issues, newspaper_titles, newspaper_years
from ..services.search import search_items
from .i18n import LOCALE_COOKIE, offered_locales
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
    """Collections, the newest items and a search box."""
    return render_template("home.html", collections=public_collections(), recent=recent_items(8))


@bp.get("/collections/<slug>")
def collection(slug: str):
    """A collection's published items, a page at a time."""
    found = get_collection(slug)
    size = current_app.config["HERITAGE_PAGE_SIZE"]
    page = _page_number()
    items, total = published_in(found, page, size)
    pages = max(1, -(-total // size))
    if page > pages:
        abort(404)
    return render_template("collection.html", collection=found, items=items, total=total,
                           page=page, pages=pages)


@bp.get("/items/<int:item_id>")
def item(item_id: int):
    """An item: its description, a page image and the page's OCR text."""
    found = public_item(item_id)
    page_count = len(found.pages)
    number = _page_number()
    if page_count and number > page_count:
        abort(404)
    page = found.pages[number - 1] if page_count else None
    return render_template("item.html", item=found, record=found.record, page=page,
                           number=number, page_count=page_count, labels=ELEMENT_LABELS,
                           citation=_citation(found), citation_formats=CITATION_FORMATS)


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
    key, mimetype = public_page_image(item_id, sequence, kind)
    return send_file(media_store().open(key), mimetype=mimetype, max_age=86400,
                     download_name=f"{item_id}-{sequence}-{kind}.jpg")


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
