"""The public search service: what the web page, the API and the CLI share."""
from __future__ import annotations

import pytest

from heritage.errors import InvalidQuery
from heritage.services.collections import ensure_collection
from heritage.services.search import search_items
from tests.factories import make_item


def test_collection_facet_is_labelled_with_the_collection_title(app):
    ensure_collection("avize", "Ezermalas Vēstis: izgriezumi")
    make_item(collection="avize", title="Vecpils skola")
    found = search_items("vecpils", facets=["collection"])
    assert [(c.value, c.count, c.label) for c in found.facets["collection"]] == [
        ("avize", 1, "Ezermalas Vēstis: izgriezumi")]


def test_page_size_defaults_to_the_configured_one(app):
    app.config["HERITAGE_PAGE_SIZE"] = 2
    for n in range(3):
        make_item(title=f"Skola {n}")
    found = search_items("skola")
    assert (found.total, len(found.hits), found.pages) == (3, 2, 2)


@pytest.mark.parametrize("kwargs", [{"sort": "random"}, {"facets": ["shelf"]},
                                    {"filters": {"shelf": ["A"]}}])
def test_unknown_names_raise_a_domain_error(app, kwargs):
    with pytest.raises(InvalidQuery):
        search_items("skola", **kwargs)


def test_an_index_from_an_older_heritage_is_rebuilt_on_first_use(app):
    """After an upgrade that changes the index schema, the first search rebuilds it."""
    from whoosh import fields, index as whoosh_index

    from heritage.extensions import db
    from heritage.models import Item
    from heritage.services import search_index

    item = make_item(title="Vecpils dzirnavas")
    app.extensions["heritage"].pop("search_backend")  # as a new process would start
    folder = app.config["HERITAGE_INDEX_DIR"]
    old = whoosh_index.create_in(folder, fields.Schema(id=fields.ID(stored=True, unique=True)))
    writer = old.writer()
    writer.add_document(id=str(item.id))
    writer.commit()
    assert db.session.get(Item, item.id) is not None
    assert [hit.id for hit in search_items("dzirnavas").hits] == [item.id]
    assert "title" in search_index().schema
