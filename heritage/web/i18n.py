"""Choosing the interface language: the visitor's choice (cookie), else the default (Latvian)."""
from __future__ import annotations

from flask import Flask, current_app, has_request_context, request
from flask_babel import get_translations

LOCALE_COOKIE = "heritage_lang"
LANGUAGE_NAMES = {"lv": "Latviešu", "lt": "Lietuvių", "en": "English"}


def offered_locales() -> list[str]:
    """The interface languages this archive offers."""
    return list(current_app.config["HERITAGE_LOCALES"])


def select_locale() -> str:
    """The locale for this request: ?lang=, then the cookie, then HERITAGE_DEFAULT_LOCALE."""
    offered = offered_locales()
    for choice in (request.args.get("lang"), request.cookies.get(LOCALE_COOKIE)):
        if choice in offered:
            return choice
    return current_app.config["HERITAGE_DEFAULT_LOCALE"]


def _translations():
    """This request's translations, looked up once (Flask-Babel looks them up per message).

    An item page has about 140 messages; resolving Babel's context for each cost about a
    tenth of rendering the page. Kept on the request itself, so a test that changes the
    language between requests in one application context gets the new one.
    """
    if not has_request_context():
        return get_translations()
    found = request.environ.get("heritage.translations")
    if found is None:
        found = request.environ["heritage.translations"] = get_translations()
    return found


def install_template_gettext(app: Flask) -> None:
    """Let templates translate through :func:`_translations` (after Flask-Babel's init_app)."""
    app.jinja_env.install_gettext_callables(
        gettext=lambda s: _translations().ugettext(s),
        ngettext=lambda s, p, n: _translations().ungettext(s, p, n),
        pgettext=lambda c, s: _translations().upgettext(c, s),
        npgettext=lambda c, s, p, n: _translations().unpgettext(c, s, p, n),
        newstyle=True)
