"""The web layer: one blueprint per URL area, and the error pages."""
from __future__ import annotations

from flask import Flask, current_app, render_template, request
from flask_babel import gettext as _
from werkzeug.exceptions import HTTPException

from flask_wtf.csrf import CSRFError

from ..errors import (AccessDenied, CollectionNotFound, ExhibitionNotFound, HeritageError,
                      ItemNotFound, MediaMissing, MediaStoreUnavailable, NotAllowed)
from .i18n import LANGUAGE_NAMES, install_template_gettext, offered_locales
from .markdown import markdown_filter


def register(app: Flask) -> None:
    """Attach the blueprints, template helpers and error handlers to ``app``."""
    from ..extensions import csrf
    from . import (api, browse, compress, contribute, exhibitions, health, iiif_image,
                   iiif_presentation, iiif_search, mirador, oai, pagecache, public, staff, usage,
                   vendor)
    from . import listening  # noqa: F401 (adds the recordings' addresses to the public blueprint)
    from .display import register_filters

    app.register_blueprint(public.bp)
    app.register_blueprint(browse.bp)
    app.register_blueprint(exhibitions.bp)
    app.register_blueprint(oai.bp)
    app.register_blueprint(api.bp)
    app.register_blueprint(vendor.bp)
    app.register_blueprint(health.bp)
    app.register_blueprint(contribute.bp)
    app.register_blueprint(iiif_image.bp)
    app.register_blueprint(iiif_presentation.bp)
    app.register_blueprint(iiif_search.bp)
    app.register_blueprint(mirador.bp)
    staff.register(app)
    # OAI-PMH allows POST from harvesters, and the API is read-only JSON: no forms, no sessions
    csrf.exempt(oai.bp)
    csrf.exempt(api.bp)
    app.jinja_env.globals["vendor_url"] = vendor.vendor_url
    register_filters(app)
    install_template_gettext(app)
    app.add_template_filter(markdown_filter, "markdown")
    app.context_processor(_template_globals)
    app.register_error_handler(CSRFError, _csrf_error)
    app.register_error_handler(HeritageError, _domain_error)
    app.register_error_handler(HTTPException, _http_error)
    # after_request hooks run last-registered first: the cache keeps a page's plain body,
    # then gzip compresses it (and the pages the cache serves)
    compress.init_app(app)
    pagecache.init_app(app)
    usage.init_app(app)  # registered last, so it runs first: it counts the page as served
    app.wsgi_app = SecurityHeaders(app.wsgi_app)
    app.config["WTF_CSRF_CHECK_DEFAULT"] = False  # checked by _check_csrf, on unsafe methods only
    app.before_request(_check_csrf)


class SecurityHeaders:
    """No type sniffing anywhere; workspace pages are never framed nor kept in caches.

    Added as the response starts (WSGI), which costs a list append: an ``after_request``
    hook looking the headers up cost a tenth of the cheapest page.
    """

    def __init__(self, wsgi_app):
        self.wsgi_app = wsgi_app

    def __call__(self, environ, start_response):
        staff = environ.get("PATH_INFO", "").startswith("/staff")

        def start(status, headers, exc_info=None):
            names = {name.lower() for name, _ in headers}
            if staff:
                headers[:] = [(n, v) for n, v in headers if n.lower() != "cache-control"]
                headers += [("X-Frame-Options", "DENY"), ("Cache-Control", "no-store")]
            if "x-content-type-options" not in names:
                headers.append(("X-Content-Type-Options", "nosniff"))
            if "referrer-policy" not in names:
                headers.append(("Referrer-Policy", "same-origin"))
            return start_response(status, headers, exc_info)
        return self.wsgi_app(environ, start)


_UNSAFE = frozenset(("POST", "PUT", "PATCH", "DELETE"))


def _check_csrf():
    """Every form and script that changes something carries the session's CSRF token.

    Flask-WTF's own hook works out exemptions before it looks at the method; safe requests
    (nearly all of a public catalogue's) skip it here at once.
    """
    if request.method in _UNSAFE and current_app.config.get("WTF_CSRF_ENABLED", True):
        from ..extensions import csrf

        csrf.protect(apply_exemptions=True)


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
           MediaMissing: 404, MediaStoreUnavailable: 503}


def _domain_error(error: HeritageError):
    from . import api

    status = next((code for kind, code in _STATUS.items() if isinstance(error, kind)), 400)
    if isinstance(error, MediaStoreUnavailable):  # the log names the bucket; visitors see 503
        from flask import current_app

        current_app.logger.error("%s", error)
        error = MediaStoreUnavailable("the media store is not available just now; try again later")
    if api.is_api_request():
        return api.domain_error(error, status)
    if isinstance(error, NotAllowed):
        return _error_page(403, _("Your role does not allow this. Ask the coordinator or an "
                                  "administrator if you need it."))
    return _error_page(status)


def _csrf_error(error: CSRFError):
    return _error_page(400, _("The form could not be accepted: it had expired or did not come "
                              "from this site. Go back, reload the page and send it again."))


def _http_error(error: HTTPException):
    from . import api

    if api.is_api_request():  # also for addresses under /api/ that match no route
        return api.http_error(error)
    return _error_page(error.code or 500)


def _error_page(status: int, message: str | None = None):
    titles = {403: _("Access restricted"), 404: _("Page not found"), 400: _("Bad request")}
    messages = {
        403: _("This material is not open to everyone; the item's page says why."),
        404: _("We could not find this page. It may have moved, or the address may be mistyped."),
    }
    title = titles.get(status, _("Something went wrong"))
    message = message or messages.get(status, _("Please try again, or go back to the home page."))
    return render_template("error.html", title=title, message=message, status=status), status
