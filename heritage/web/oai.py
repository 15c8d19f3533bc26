"""The OAI-PMH 2.0 endpoint at /oai (GET and POST, as the protocol requires)."""
from __future__ import annotations

from flask import Blueprint, Response, current_app, request, stream_with_context, url_for

from ..services import oai

bp = Blueprint("oai", __name__)


@bp.route("/oai", methods=["GET", "POST"])
def endpoint():
    """Answer one OAI-PMH request; protocol errors are XML answers with status 200."""
    args = request.values.to_dict(flat=False)
    body = oai.respond(args, _settings())
    return Response(stream_with_context(body), mimetype="text/xml", content_type="text/xml; charset=utf-8")


def _settings() -> oai.Settings:
    config = current_app.config
    return oai.Settings(
        base_url=url_for("oai.endpoint", _external=True),
        repository_name=config["HERITAGE_OAI_REPOSITORY_NAME"] or config["HERITAGE_SITE_NAME"],
        admin_email=config["HERITAGE_OAI_ADMIN_EMAIL"], namespace=config["HERITAGE_OAI_NAMESPACE"],
        page_size=config["HERITAGE_OAI_PAGE_SIZE"], secret=config["SECRET_KEY"],
        item_url=lambda item_id: url_for("public.item", item_id=item_id, _external=True))
