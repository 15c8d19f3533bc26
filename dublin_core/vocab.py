"""Controlled vocabularies: DCMI types and the languages of the Baltic collections.

>>> "StillImage" in DCMI_TYPES
True
>>> normalise_language(" LAV ")
'lv'
>>> LANGUAGES[normalise_language("ltg")]
'Latgalian'
>>> language_for_tesseract("lav+rus")
['lv', 'ru']
>>> normalise_language("xx")
Traceback (most recent call last):
...
ValueError: unknown language code 'xx'; known codes: lv, ltg, lt, ru, de, pl, en (or lav, lit, rus, deu, ger, pol, eng)
"""

from __future__ import annotations

#: The DCMI Type Vocabulary (http://purl.org/dc/dcmitype/), alphabetical.
DCMI_TYPES: tuple[str, ...] = (
    "Collection", "Dataset", "Event", "Image", "InteractiveResource",
    "MovingImage", "PhysicalObject", "Service", "Software", "Sound",
    "StillImage", "Text",
)

#: Canonical language codes used in this archive (ISO 639-1, or 639-3 where
#: no two-letter code exists, as for Latgalian) mapped to English names.
LANGUAGES: dict[str, str] = {
    "lv": "Latvian",
    "ltg": "Latgalian",
    "lt": "Lithuanian",
    "ru": "Russian",
    "de": "German",
    "pl": "Polish",
    "en": "English",
}

#: ISO 639-2 (bibliographic and terminology) / 639-3 codes -> canonical code.
THREE_LETTER_CODES: dict[str, str] = {
    "lav": "lv",
    "lit": "lt",
    "rus": "ru",
    "deu": "de",
    "ger": "de",
    "pol": "pl",
    "eng": "en",
}

#: Tesseract traineddata names -> canonical code ("frk" is German Fraktur).
TESSERACT_TO_ISO: dict[str, str] = {
    "lav": "lv",
    "lit": "lt",
    "rus": "ru",
    "deu": "de",
    "frk": "de",
    "pol": "pl",
    "eng": "en",
}


def normalise_language(code: str) -> str:
    """Return the canonical code for an ISO 639 language code, or raise ``ValueError``."""
    key = code.strip().lower() if isinstance(code, str) else ""
    if key in LANGUAGES:
        return key
    if key in THREE_LETTER_CODES:
        return THREE_LETTER_CODES[key]
    known = ", ".join(LANGUAGES)
    alternatives = ", ".join(THREE_LETTER_CODES)
    raise ValueError(f"unknown language code {code!r}; known codes: {known} (or {alternatives})")


def language_for_tesseract(code: str) -> list[str]:
    """Map a Tesseract language spec such as ``"lav+rus"`` to canonical codes, in order."""
    result: list[str] = []
    for part in code.split("+"):
        name = part.strip().lower()
        if name not in TESSERACT_TO_ISO:
            raise ValueError(
                f"unknown Tesseract language {part!r} in {code!r}; known: {', '.join(TESSERACT_TO_ISO)}"
            )
        if TESSERACT_TO_ISO[name] not in result:
            result.append(TESSERACT_TO_ISO[name])
    return result
