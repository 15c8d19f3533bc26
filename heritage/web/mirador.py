"""An item opened in Mirador, the IIIF viewer."""
from __future__ import annotations

from flask import Blueprint, render_template, url_for
from flask_babel import get_locale

from ..services.items import public_item

bp = Blueprint("mirador", __name__)

#: Mirador 4's interface languages among the archive's; any other locale gets English.
MIRADOR_LANGUAGES = {"lt", "en"}


@bp.get("/items/<int:item_id>/mirador")
def viewer(item_id: int):
    """A full-window Mirador with one window on the item's IIIF manifest."""
    item = public_item(item_id)
    locale = str(get_locale())
    return render_template(
        "mirador.html", item=item, title=item.title(locale),
        manifest=url_for("iiif.manifest", item_id=item.id, _external=True),
        mirador_language=locale if locale in MIRADOR_LANGUAGES else "en")
