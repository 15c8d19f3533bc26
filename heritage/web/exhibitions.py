"""Online exhibitions: the list, each page of an exhibition, and the whole of one for printing."""
from __future__ import annotations

from flask import Blueprint, redirect, render_template, url_for

from ..services.exhibitions import (cover_item, exhibition_page, exhibition_pages,
                                    get_public_exhibition, public_exhibitions)

bp = Blueprint("exhibitions", __name__, url_prefix="/exhibitions")


@bp.get("")
def index():
    """Published exhibitions with their cover images and summaries, featured first."""
    found = public_exhibitions()
    return render_template("exhibitions.html",
                           exhibitions=[(exhibition, cover_item(exhibition)) for exhibition in found])


@bp.get("/<slug>")
def exhibition(slug: str):
    """An exhibition's first page (its summary alone while it has no pages)."""
    found = get_public_exhibition(slug)
    if not found.pages:
        return render_template("exhibition_page.html", exhibition=found, shown=None)
    return redirect(url_for("exhibitions.page", slug=slug, page_slug=found.pages[0].slug))


@bp.get("/<slug>/print")
def printable(slug: str):
    """Every page of an exhibition on one page, to print as a handout."""
    found = get_public_exhibition(slug)
    return render_template("exhibition_print.html", exhibition=found,
                           pages=exhibition_pages(found))


@bp.get("/<slug>/<page_slug>")
def page(slug: str, page_slug: str):
    """One page of an exhibition: its blocks in order, with the contents and neighbours."""
    found = get_public_exhibition(slug)
    return render_template("exhibition_page.html", exhibition=found,
                           shown=exhibition_page(found, page_slug))
