"""The web layer: one blueprint per URL area, and the error pages."""
from __future__ import annotations

from flask import Flask, render_template
from flask_babel import gettext as _
from werkzeug.exceptions import HTTPException

from ..errors import (AccessDenied, CollectionNotFound, ExhibitionNotFound, HeritageError,
                      ItemNotFound, MediaMissing)
from .i18n import LANGUAGE_NAMES, install_template_gettext, offered_locales
from .markdown import markdown_filter


def register(app: Flask) -> None:
    """Attach the blueprints, template helpers and error handlers to ``app``."""
    from . import api, browse, compress, exhibitions, health, oai, pagecache, public, vendor
    from .display import register_filters

    app.register_blueprint(public.bp)
    app.register_blueprint(browse.bp)
    app.register_blueprint(exhibitions.bp)
    app.register_blueprint(oai.bp)
    app.register_blueprint(api.bp)
    app.register_blueprint(vendor.bp)
    app.register_blueprint(health.bp)
    app.jinja_env.globals["vendor_url"] = vendor.vendor_url
    register_filters(app)
    install_template_gettext(app)
    app.add_template_filter(markdown_filter, "markdown")
    app.context_processor(_template_globals)
    app.register_error_handler(HeritageError, _domain_error)
    app.register_error_handler(HTTPException, _http_error)
    # after_request hooks run last-registered first: the cache keeps a page's plain body,
    # then gzip compresses it (and the pages the cache serves)
    compress.init_app(app)
    pagecache.init_app(app)


def _template_globals() -> dict:
    from flask import current_app
    from flask_babel import get_locale

    return {"site_name": _site_name(), "locales": offered_locales(),
            "language_names": LANGUAGE_NAMES, "current_locale": str(get_locale()),
            "default_locale": current_app.config["HERITAGE_DEFAULT_LOCALE"]}


def _site_name() -> str:
    from flask import current_app

    return current_app.config["HERITAGE_SITE_NAME"]


_STATUS = {ItemNotFound: 404, CollectionNotFound: 404, ExhibitionNotFound: 404, AccessDenied: 403,
           MediaMissing: 404}


def _domain_error(error: HeritageError):
    from . import api

    status = next((code for kind, code in _STATUS.items() if isinstance(error, kind)), 400)
    if api.is_api_request():
        return api.domain_error(error, status)
    return _error_page(status)


def _http_error(error: HTTPException):
    from . import api

    if api.is_api_request():  # also for addresses under /api/ that match no route
        return api.http_error(error)
    return _error_page(error.code or 500)


def _error_page(status: int):
    titles = {403: _("Access restricted"), 404: _("Page not found"), 400: _("Bad request")}
    messages = {
        403: _("This material can be seen only in the library's reading room."),
        404: _("We could not find this page. It may have moved, or the address may be mistyped."),
    }
    title = titles.get(status, _("Something went wrong"))
    message = messages.get(status, _("Please try again, or go back to the home page."))
    return render_template("error.html", title=title, message=message, status=status), status
