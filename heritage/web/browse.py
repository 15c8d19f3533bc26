"""Browsing the archive by place (a map and a list) and by time (a decade timeline)."""
from __future__ import annotations

from flask import Blueprint, redirect, render_template, url_for

from ..services.places import (archive_decades, archive_places, archive_undated, find_place,
                               place_groups)

bp = Blueprint("browse", __name__)


@bp.get("/places")
def places():
    """A map of the places the archive's items name, and the same places as a grouped list."""
    points = archive_places()
    return render_template("places.html", points=points, groups=place_groups(points))


@bp.get("/places/<path:name>")
def place(name: str):
    """A place's items: the search filtered by the place (its gazetteer name, if known)."""
    found = find_place(name)
    return redirect(url_for("public.search_page", place=found.name if found else name))


@bp.get("/time")
def time():
    """A decade timeline of the archive's items, each decade linking to its items."""
    return render_template("time.html", bars=archive_decades(), undated=archive_undated())
