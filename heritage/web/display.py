"""How Dublin Core values are shown to people: names for codes, labels for vocabularies."""
from __future__ import annotations

from datetime import date
from urllib.parse import urlencode

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_skeleton
from flask import Flask, current_app, g, url_for
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from markupsafe import Markup, escape

from dublin_core.validate import rights_statement_id

from ..ingest.timing import clock

DCMI_TYPE_LABELS = {
    "Collection": _l("Collection"), "Dataset": _l("Dataset"), "Event": _l("Event"),
    "Image": _l("Image"), "InteractiveResource": _l("Interactive resource"),
    "MovingImage": _l("Moving image"), "PhysicalObject": _l("Physical object"),
    "Service": _l("Service"), "Software": _l("Software"), "Sound": _l("Sound recording"),
    "StillImage": _l("Still image (photograph)"), "Text": _l("Text"),
}
RIGHTS_LABELS = {  # one per dublin_core.validate.RIGHTS_STATEMENTS (a test keeps them equal)
    "InC": _l("In copyright"), "InC-OW-EU": _l("In copyright – EU orphan work"),
    "InC-EDU": _l("In copyright – educational use permitted"),
    "InC-NC": _l("In copyright – non-commercial use permitted"),
    "InC-RUU": _l("In copyright – rights-holder unlocatable or unidentifiable"),
    "NoC-CR": _l("No copyright – contractual restrictions"),
    "NoC-NC": _l("No copyright – non-commercial use only"),
    "NoC-OKLR": _l("No copyright – other known legal restrictions"),
    "NoC-US": _l("No copyright – United States"), "CNE": _l("Copyright not evaluated"),
    "UND": _l("Copyright undetermined"), "NKC": _l("No known copyright"),
}
FACET_LABELS = {  # one per heritage.search.query.FACETS
    "collection": _l("Collection"), "type": _l("Type"), "place": _l("Place"),
    "decade": _l("Decade"), "language": _l("Language"), "newspaper": _l("Newspaper"),
}
SORT_LABELS = {  # one per heritage.search.query.SORTS
    "relevance": _l("Best matches first"), "date": _l("Oldest first"),
    "-date": _l("Newest first"), "title": _l("By title (A–Z)"),
}
_TYPE_TERMS = {term.casefold(): term for term in DCMI_TYPE_LABELS}
# Babel's locale data has no Latvian name for Latgalian.
EXTRA_LANGUAGE_NAMES = {"lv": {"ltg": "latgaliešu"}}


def language_name(code: str) -> str:
    """The language's name in the interface language, e.g. ``lv`` → ``latviešu``."""
    locale = str(get_locale())
    try:
        names = Locale.parse(locale).languages
    except (UnknownLocaleError, ValueError):
        return code
    return names.get(code) or EXTRA_LANGUAGE_NAMES.get(locale, {}).get(code) or code


def type_label(term: str) -> str:
    """A DCMI Type term as words in the interface language."""
    label = DCMI_TYPE_LABELS.get(_TYPE_TERMS.get(term.casefold(), term))
    return str(label) if label is not None else term


def decade_label(value: str) -> str:
    """A decade facet value as the years it spans.

    >>> decade_label("1930"), decade_label("unknown")
    ('1930–1939', 'unknown')
    """
    return f"{value}–{int(value) + 9}" if value.isdigit() else value


def facet_value_label(value: str, facet: str, label: str | None = None) -> str:
    """How a facet value is shown: decades as year spans, types and languages by name."""
    if facet == "decade":
        return decade_label(value)
    if facet == "type":
        return type_label(value)
    if facet == "language":
        return language_name(value)
    return label or value


def rights_html(value: str) -> Markup:
    """A RightsStatements.org URI as a labelled link; any other rights text as it is."""
    statement = rights_statement_id(value)
    if statement is None:
        return escape(value)
    return Markup('<a href="{uri}" rel="license">{label}</a>').format(
        uri=f"http://rightsstatements.org/vocab/{statement}/1.0/", label=RIGHTS_LABELS[statement])


def issue_date(value: str) -> str:
    """An ISO ``YYYY[-MM[-DD]]`` date in words of the interface language (``2021. gada 3. decembris``)."""
    try:
        parts = [int(part) for part in value.split("-")]
        if len(parts) == 3:
            return format_date(date(*parts), "long", locale=get_locale())
        if len(parts) == 2:
            return format_skeleton("yMMMM", date(parts[0], parts[1], 1), locale=get_locale())
    except ValueError:
        return value
    return value


def query_url(endpoint: str, **args) -> str:
    """``url_for(endpoint, **args)`` for pages with many links to the same address.

    The address part is built once per request and the query string added with
    ``urlencode``: a search page's facets make about ninety links, and ``url_for`` costs
    about 50 µs each (about a third of rendering the page).
    """
    rule_arguments = _rule_arguments(endpoint)
    path_args = {k: v for k, v in args.items() if k in rule_arguments}
    key = (endpoint, tuple(sorted(path_args.items())))
    bases = g.setdefault("query_url_bases", {})
    base = bases.get(key)
    if base is None:
        base = bases[key] = url_for(endpoint, **path_args)
    query = [(k, v) for k, v in args.items() if k not in rule_arguments and v is not None]
    return f"{base}?{urlencode(query, doseq=True)}" if query else base


def _rule_arguments(endpoint: str) -> frozenset:
    rules = current_app.url_map.iter_rules(endpoint)
    return frozenset(next(iter(rules)).arguments)


def moment_t(seconds: float) -> str:
    """A moment as the ``?t=`` of a link: tenths of a second, rounded down (never past the cue).

    >>> moment_t(10.56), moment_t(3.0), moment_t(0)
    ('10.5', '3', '0')
    """
    tenths = int(max(0.0, seconds) * 10 + 1e-6)
    return str(tenths // 10) if tenths % 10 == 0 else f"{tenths // 10}.{tenths % 10}"


def register_filters(app: Flask) -> None:
    """Make these functions available as Jinja filters."""
    app.add_template_filter(moment_t)
    app.add_template_filter(clock)
    app.add_template_filter(language_name)
    app.add_template_filter(type_label)
    app.add_template_filter(rights_html)
    app.add_template_filter(facet_value_label)
    app.add_template_filter(issue_date)
    app.add_template_global(query_url)
    app.add_template_global(FACET_LABELS, "facet_labels")
    app.add_template_global(SORT_LABELS, "sort_labels")
