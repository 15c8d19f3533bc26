"""The interface catalogues: every message translated, placeholders intact, plurals right."""
from __future__ import annotations

import re

import pytest
from babel.messages.pofile import read_po
from babel.support import Translations

from tests.conftest import REPO

TRANSLATIONS = REPO / "heritage" / "translations"
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|%%")


def catalog(lang):
    with open(TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po", "rb") as handle:
        return read_po(handle, locale=lang)


def test_catalogues_cover_the_template():
    with open(TRANSLATIONS / "messages.pot", "rb") as handle:
        template = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(handle) if m.id}
    for lang in ("lv", "lt", "en"):
        ids = {m.id if isinstance(m.id, str) else m.id[0] for m in catalog(lang) if m.id}
        assert ids == template, lang


@pytest.mark.parametrize("lang", ["lv", "lt"])
def test_every_message_is_translated_with_its_placeholders(lang):
    for message in catalog(lang):
        if not message.id:
            continue
        sources = message.id if isinstance(message.id, tuple) else (message.id,)
        targets = message.string if isinstance(message.string, tuple) else (message.string,)
        assert all(targets), f"{lang}: untranslated {sources[0]!r}"
        wanted = sorted(PLACEHOLDER.findall(sources[-1]))
        for target in targets:
            assert sorted(PLACEHOLDER.findall(target)) == wanted, f"{lang}: {sources[0]!r}"


@pytest.mark.parametrize("lang, n, expected", [
    ("lv", 1, "1 vienība"), ("lv", 21, "21 vienība"), ("lv", 5, "5 vienības"), ("lv", 0, "0 vienību"),
    ("lt", 1, "1 įrašas"), ("lt", 3, "3 įrašai"), ("lt", 12, "12 įrašų"),
])
def test_plural_forms(lang, n, expected):
    mo = TRANSLATIONS / lang / "LC_MESSAGES" / "messages.mo"
    if not mo.exists():
        pytest.skip("catalogues are compiled by scripts/setup")
    with open(mo, "rb") as handle:
        translations = Translations(handle)
    assert translations.ngettext("%(num)d item", "%(num)d items", n) % {"num": n} == expected
