"""Tests for dublin_core.vocab."""

import pytest

from dublin_core.vocab import DCMI_TYPES, LANGUAGES, language_for_tesseract, normalise_language


def test_dcmi_types_are_the_twelve_terms():
    assert set(DCMI_TYPES) == {
        "Collection", "Dataset", "Event", "Image", "InteractiveResource", "MovingImage",
        "PhysicalObject", "Service", "Software", "Sound", "StillImage", "Text",
    }
    assert len(DCMI_TYPES) == 12


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("lv", "lv"), ("LV", "lv"), (" lav ", "lv"), ("ltg", "ltg"),
        ("lt", "lt"), ("lit", "lt"), ("ru", "ru"), ("rus", "ru"),
        ("de", "de"), ("deu", "de"), ("ger", "de"), ("pl", "pl"),
        ("pol", "pl"), ("en", "en"), ("ENG", "en"),
    ],
)
def test_normalise_language(code, expected):
    assert normalise_language(code) == expected
    assert expected in LANGUAGES


@pytest.mark.parametrize("code", ["xx", "", "latvian", "lv-LV", "fr", "lav+rus"])
def test_normalise_language_rejects_unknown_codes(code):
    with pytest.raises(ValueError, match="unknown language code") as excinfo:
        normalise_language(code)
    assert repr(code) in str(excinfo.value)
    assert "lv, ltg, lt" in str(excinfo.value)


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ("lav", ["lv"]),
        ("lav+rus", ["lv", "ru"]),
        ("lit+eng", ["lt", "en"]),
        ("deu+frk+lav", ["de", "lv"]),
        (" pol + rus ", ["pl", "ru"]),
    ],
)
def test_language_for_tesseract(spec, expected):
    assert language_for_tesseract(spec) == expected


@pytest.mark.parametrize("spec", ["osd", "lav+xyz", "", "lav+"])
def test_language_for_tesseract_rejects_unknown(spec):
    with pytest.raises(ValueError, match="unknown Tesseract language"):
        language_for_tesseract(spec)
