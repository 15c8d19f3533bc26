"""The search index's schema: one document per item."""
from __future__ import annotations

from whoosh.fields import ID, KEYWORD, STORED, TEXT, SchemaClass

from .analyzers import folding_analyzer

_TEXT = folding_analyzer()


class ItemSchema(SchemaClass):
    """Fields of an item document; text fields fold case and diacritics."""

    id = ID(stored=True, unique=True)
    title = TEXT(analyzer=_TEXT, stored=True, field_boost=3.0)
    creator = TEXT(analyzer=_TEXT, stored=True, field_boost=2.0)
    subject = TEXT(analyzer=_TEXT, stored=True, field_boost=2.0)
    description = TEXT(analyzer=_TEXT, stored=True)
    place = TEXT(analyzer=_TEXT, stored=True, field_boost=2.0)
    other = TEXT(analyzer=_TEXT)
    fulltext = TEXT(analyzer=_TEXT, stored=True, chars=True)
    collection = ID(stored=True)
    type = KEYWORD(stored=True, commas=True, lowercase=True)
    language = KEYWORD(stored=True, commas=True, lowercase=True)
    date = STORED()
    files = STORED()
    status = ID(stored=True)
    access = ID(stored=True)


SEARCHED_FIELDS = ("title", "creator", "subject", "description", "place", "other", "fulltext")
