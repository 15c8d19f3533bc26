"""Messages for validation problems, in Latvian (default), Lithuanian and English.

The catalogue is plain dictionaries, one per language, so translators can
edit it without tools.  Every template of a code uses the same placeholders
in every language: ``{field}`` (the human label of the element), ``{value}``
and the problem's params (``{suggestion}``, ``{explanation}``, ``{choices}``).

>>> from dublin_core.validate import Problem
>>> p = Problem("date", "ap 1935", "date_suggestion", "error", (("suggestion", "1935~"), ("explanation", "approximate_year")))
>>> print(message(p))
Datums „ap 1935” nav standarta formā. Vai domājāt „1935~” (ap 1935. gadu)?
>>> print(message(p, "lt"))
Data „ap 1935“ nėra standartinės formos. Ar turėjote omenyje „1935~“ (apie 1935 m.)?
>>> print(message(p, "fr"))          # unknown languages fall back to English
Date “ap 1935” is not in the standard form. Did you mean “1935~” (circa 1935)?
>>> field_label("spatial", "lv"), explain("193X", "en"), explain("1934/1936", "lv")
('Ģeogrāfiskā vieta', 'the 1930s', 'no 1934 līdz 1936')
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dublin_core.edtf import SEASONS, explanation_key, parse_edtf

if TYPE_CHECKING:
    from dublin_core.validate import Problem

#: Default language of messages, and the fallback for unknown languages.
DEFAULT_LANG = "lv"
FALLBACK_LANG = "en"

#: Human labels of the elements and terms, per language.
LABELS: dict[str, dict[str, str]] = {
    "lv": {
        "title": "Nosaukums", "creator": "Autors", "subject": "Temats", "description": "Apraksts",
        "publisher": "Izdevējs", "contributor": "Līdzautors", "date": "Datums", "type": "Veids",
        "format": "Formāts", "identifier": "Identifikators", "source": "Avots", "language": "Valoda",
        "relation": "Saistība", "coverage": "Vieta", "rights": "Tiesības",
        "alternative": "Cits nosaukums", "abstract": "Kopsavilkums", "created": "Izveides datums",
        "issued": "Izdošanas datums", "extent": "Apjoms", "medium": "Materiāls",
        "spatial": "Ģeogrāfiskā vieta", "temporal": "Laika periods", "isPartOf": "Ietilpst",
        "hasPart": "Ietver", "bibliographicCitation": "Bibliogrāfiskā atsauce",
        "rightsHolder": "Tiesību turētājs", "license": "Licence", "accessRights": "Piekļuves tiesības",
        "provenance": "Izcelsme",
    },
    "lt": {
        "title": "Pavadinimas", "creator": "Autorius", "subject": "Tema", "description": "Aprašas",
        "publisher": "Leidėjas", "contributor": "Bendraautoris", "date": "Data", "type": "Tipas",
        "format": "Formatas", "identifier": "Identifikatorius", "source": "Šaltinis", "language": "Kalba",
        "relation": "Ryšys", "coverage": "Aprėptis", "rights": "Teisės",
        "alternative": "Kitas pavadinimas", "abstract": "Santrauka", "created": "Sukūrimo data",
        "issued": "Išleidimo data", "extent": "Apimtis", "medium": "Medžiaga",
        "spatial": "Vieta", "temporal": "Laikotarpis", "isPartOf": "Yra dalis",
        "hasPart": "Turi dalį", "bibliographicCitation": "Bibliografinė nuoroda",
        "rightsHolder": "Teisių turėtojas", "license": "Licencija", "accessRights": "Prieigos teisės",
        "provenance": "Kilmė",
    },
    "en": {
        "title": "Title", "creator": "Creator", "subject": "Subject", "description": "Description",
        "publisher": "Publisher", "contributor": "Contributor", "date": "Date", "type": "Type",
        "format": "Format", "identifier": "Identifier", "source": "Source", "language": "Language",
        "relation": "Relation", "coverage": "Coverage", "rights": "Rights",
        "alternative": "Alternative Title", "abstract": "Abstract", "created": "Date Created",
        "issued": "Date Issued", "extent": "Extent", "medium": "Medium",
        "spatial": "Spatial Coverage", "temporal": "Temporal Coverage", "isPartOf": "Is Part Of",
        "hasPart": "Has Part", "bibliographicCitation": "Bibliographic Citation",
        "rightsHolder": "Rights Holder", "license": "License", "accessRights": "Access Rights",
        "provenance": "Provenance",
    },
}

#: Problem code -> message template, per language.
MESSAGES: dict[str, dict[str, str]] = {
    "lv": {
        "title_missing": "Ierakstam nav nosaukuma: aizpildiet lauku „{field}”.",
        "date_invalid": "{field} „{value}” nav derīgs datums. Rakstiet, piemēram, 1935, 1935-04-12, "
                        "1935~ (ap 1935. gadu), 193X (1930. gadi) vai 1934/1936.",
        "date_suggestion": "{field} „{value}” nav standarta formā. Vai domājāt „{suggestion}” ({explanation})?",
        "temporal_date_like": "{field} „{value}” izskatās pēc datuma, bet nav standarta formā. "
                              "Ja tas ir datums, rakstiet, piemēram, 1935 vai 1934/1936.",
        "temporal_suggestion": "{field} „{value}” izskatās pēc datuma. "
                               "Ja tas ir datums, rakstiet „{suggestion}” ({explanation}).",
        "language_unknown": "{field} „{value}” nav zināms valodas kods. Lietojiet kādu no šiem: {choices}.",
        "language_suggestion": "{field} „{value}” nav arhīvā lietotais valodas kods. Vai domājāt „{suggestion}”?",
        "type_unknown": "{field} „{value}” nav DCMI tipu vārdnīcā. Izvēlieties kādu no šiem: {choices}.",
        "type_suggestion": "{field} „{value}” nav DCMI tipu vārdnīcas vārds. Vai domājāt „{suggestion}”?",
        "rights_unknown_uri": "{field} „{value}” nav zināms RightsStatements.org paziņojums "
                              "vai Creative Commons licence. Pārbaudiet adresi.",
        "rights_suggestion": "{field} „{value}” nav precīzā paziņojuma adrese. Vai domājāt „{suggestion}”?",
        "rights_other_uri": "{field} „{value}” nav RightsStatements.org vai Creative Commons adrese; "
                            "portāli, piemēram, Europeana, to var nepieņemt.",
    },
    "lt": {
        "title_missing": "Įrašas neturi pavadinimo: užpildykite lauką „{field}“.",
        "date_invalid": "{field} „{value}“ nėra tinkama data. Rašykite, pavyzdžiui, 1935, 1935-04-12, "
                        "1935~ (apie 1935 m.), 193X (1930-ieji) arba 1934/1936.",
        "date_suggestion": "{field} „{value}“ nėra standartinės formos. "
                           "Ar turėjote omenyje „{suggestion}“ ({explanation})?",
        "temporal_date_like": "{field} „{value}“ atrodo kaip data, bet nėra standartinės formos. "
                              "Jei tai data, rašykite, pavyzdžiui, 1935 arba 1934/1936.",
        "temporal_suggestion": "{field} „{value}“ atrodo kaip data. "
                               "Jei tai data, rašykite „{suggestion}“ ({explanation}).",
        "language_unknown": "{field} „{value}“ nėra žinomas kalbos kodas. Naudokite vieną iš šių: {choices}.",
        "language_suggestion": "{field} „{value}“ nėra archyve naudojamas kalbos kodas. "
                               "Ar turėjote omenyje „{suggestion}“?",
        "type_unknown": "{field} „{value}“ nėra DCMI tipų žodyne. Pasirinkite vieną iš šių: {choices}.",
        "type_suggestion": "{field} „{value}“ nėra DCMI tipų žodyno terminas. "
                           "Ar turėjote omenyje „{suggestion}“?",
        "rights_unknown_uri": "{field} „{value}“ nėra žinomas RightsStatements.org teiginys "
                              "ar Creative Commons licencija. Patikrinkite adresą.",
        "rights_suggestion": "{field} „{value}“ nėra tikslus teiginio adresas. "
                             "Ar turėjote omenyje „{suggestion}“?",
        "rights_other_uri": "{field} „{value}“ nėra RightsStatements.org ar Creative Commons adresas; "
                            "portalai, pavyzdžiui, Europeana, jo gali nepriimti.",
    },
    "en": {
        "title_missing": "The record has no title: fill in the “{field}” field.",
        "date_invalid": "{field} “{value}” is not a valid date. Write, for example, 1935, 1935-04-12, "
                        "1935~ (circa 1935), 193X (the 1930s) or 1934/1936.",
        "date_suggestion": "{field} “{value}” is not in the standard form. Did you mean “{suggestion}” ({explanation})?",
        "temporal_date_like": "{field} “{value}” looks like a date but is not in the standard form. "
                              "If it is a date, write, for example, 1935 or 1934/1936.",
        "temporal_suggestion": "{field} “{value}” looks like a date. "
                               "If it is one, write “{suggestion}” ({explanation}).",
        "language_unknown": "{field} “{value}” is not a known language code. Use one of: {choices}.",
        "language_suggestion": "{field} “{value}” is not the language code this archive uses. "
                               "Did you mean “{suggestion}”?",
        "type_unknown": "{field} “{value}” is not in the DCMI Type Vocabulary. Choose one of: {choices}.",
        "type_suggestion": "{field} “{value}” is not a DCMI Type term. Did you mean “{suggestion}”?",
        "rights_unknown_uri": "{field} “{value}” is not a known RightsStatements.org statement "
                              "or Creative Commons licence. Check the address.",
        "rights_suggestion": "{field} “{value}” is not the exact address of the statement. "
                             "Did you mean “{suggestion}”?",
        "rights_other_uri": "{field} “{value}” is not a RightsStatements.org or Creative Commons address; "
                            "aggregators such as Europeana may not accept it.",
    },
}

#: Explanations of EDTF dates by kind (see ``edtf.explanation_key``); ``{what}`` wraps a base kind.
EXPLANATIONS: dict[str, dict[str, str]] = {
    "lv": {
        "year": "{year}. gads", "month": "{year}. gada {month_name}", "season": "{year}. gada {season_name}",
        "day": "{year}. gada {day}. {month_name}", "decade": "{decade}. gadi",
        "century": "{roman} gadsimts, {start}–{end}", "interval": "no {start} līdz {end}",
        "before": "līdz {end}", "after": "no {start}",
        "approximate_year": "ap {year}. gadu", "uncertain_year": "varbūt {year}. gads",
        "approximate_decade": "ap {decade}. gadiem",
        "approximate": "{what}, aptuveni", "uncertain": "{what}, nav droši zināms",
        "approximate_uncertain": "{what}, aptuveni un nav droši zināms",
    },
    "lt": {
        "year": "{year} metai", "month": "{year} m. {month_name}", "season": "{year} m. {season_name}",
        "day": "{year} m. {month_name} {day} d.", "decade": "{decade}-ieji",
        "century": "{roman} amžius, {start}–{end}", "interval": "nuo {start} iki {end}",
        "before": "iki {end}", "after": "nuo {start}",
        "approximate_year": "apie {year} m.", "uncertain_year": "galbūt {year} m.",
        "approximate_decade": "apie {decade}-uosius",
        "approximate": "{what}, apytiksliai", "uncertain": "{what}, tiksliai nežinoma",
        "approximate_uncertain": "{what}, apytiksliai ir tiksliai nežinoma",
    },
    "en": {
        "year": "the year {year}", "month": "{month_name} {year}", "season": "{season_name} {year}",
        "day": "{day} {month_name} {year}", "decade": "the {decade}s",
        "century": "century {roman}, {start}–{end}", "interval": "from {start} to {end}",
        "before": "up to {end}", "after": "from {start} on",
        "approximate_year": "circa {year}", "uncertain_year": "perhaps {year}",
        "approximate_decade": "circa the {decade}s",
        "approximate": "{what}, approximate", "uncertain": "{what}, uncertain",
        "approximate_uncertain": "{what}, approximate and uncertain",
    },
}

#: Month names for "month" explanations (nominative) and "day" explanations (as a date needs them).
MONTH_NAMES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "lv": (
        ("janvāris", "februāris", "marts", "aprīlis", "maijs", "jūnijs", "jūlijs", "augusts",
         "septembris", "oktobris", "novembris", "decembris"),
        ("janvāris", "februāris", "marts", "aprīlis", "maijs", "jūnijs", "jūlijs", "augusts",
         "septembris", "oktobris", "novembris", "decembris"),
    ),
    "lt": (
        ("sausis", "vasaris", "kovas", "balandis", "gegužė", "birželis", "liepa", "rugpjūtis",
         "rugsėjis", "spalis", "lapkritis", "gruodis"),
        ("sausio", "vasario", "kovo", "balandžio", "gegužės", "birželio", "liepos", "rugpjūčio",
         "rugsėjo", "spalio", "lapkričio", "gruodžio"),
    ),
    "en": (
        ("January", "February", "March", "April", "May", "June", "July", "August",
         "September", "October", "November", "December"),
        ("January", "February", "March", "April", "May", "June", "July", "August",
         "September", "October", "November", "December"),
    ),
}

#: Season names (codes 21-24), per language.
SEASON_NAMES: dict[str, tuple[str, ...]] = {
    "lv": ("pavasaris", "vasara", "rudens", "ziema"),
    "lt": ("pavasaris", "vasara", "ruduo", "žiema"),
    "en": ("spring", "summer", "autumn", "winter"),
}

_ROMAN_NUMERALS = ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def _language(lang: str | None) -> str:
    """The catalogue language for a tag such as ``"lv"``, ``"lt-LT"``; unknown -> English."""
    primary = (lang or "").split("-")[0].split("_")[0].casefold()
    return primary if primary in MESSAGES else FALLBACK_LANG


def field_label(name: str, lang: str = DEFAULT_LANG) -> str:
    """Return the human label of an element or term, e.g. ``"Datums"`` for ``date`` in Latvian."""
    return LABELS[_language(lang)].get(name, name)


def _roman(number: int) -> str:
    """Write a century number (1-39) in Roman numerals."""
    result = ""
    for value, numeral in _ROMAN_NUMERALS:
        while number >= value:
            result, number = result + numeral, number - value
    return result


def _date_params(edtf: str, lang: str) -> dict[str, str]:
    """Placeholder values describing one EDTF date or interval."""
    date = parse_edtf(edtf)
    if date.precision == "interval":
        start, end = (side.rstrip("?~%") for side in edtf.split("/"))
        return {"start": start, "end": end}
    year, month, day = (edtf.rstrip("?~%") + "--").split("-")[:3]
    params = {"year": year, "decade": year[:3] + "0", "start": str(date.lower.year), "end": str(date.upper.year),
              "roman": _roman(int(year[:2]) + 1), "day": day.lstrip("0")}
    if month.isdigit() and int(month) in SEASONS:
        params["season_name"] = SEASON_NAMES[lang][int(month) - 21]
    elif month.isdigit():
        params["month_name"] = MONTH_NAMES[lang][1 if day.isdigit() else 0][int(month) - 1]
    return params


def explain(edtf: str, lang: str = DEFAULT_LANG) -> str:
    """Describe a valid EDTF date in words, e.g. ``"ap 1935. gadu"`` for ``1935~`` in Latvian."""
    lang = _language(lang)
    templates, key = EXPLANATIONS[lang], explanation_key(edtf)
    params = _date_params(edtf, lang)
    if key in templates:
        return templates[key].format_map(params)
    qualifier, _, base = key.rpartition("_")
    return templates[qualifier].format(what=templates[base].format_map(params))


def message(problem: Problem, lang: str = DEFAULT_LANG) -> str:
    """Return a sentence a librarian understands, naming the field and value, with any suggestion."""
    lang = _language(lang)
    params = dict(problem.params)
    if "explanation" in params and "suggestion" in params:
        params["explanation"] = explain(params["suggestion"], lang)
    params.update(field=field_label(problem.element, lang), value=problem.value)
    return MESSAGES[lang][problem.code].format_map(params)
