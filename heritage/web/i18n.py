"""Choosing the interface language: the visitor's choice (cookie), else the default (Latvian)."""
from __future__ import annotations

from flask import current_app, request

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
