"""Harvesting as aggregators do: Sickle over HTTP through resumption tokens, and random
requests that must never make the server fail."""
from __future__ import annotations

import threading

import pytest
import waitress
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree
from sickle import Sickle

from tests.factories import make_item

PREFIX = "oai:heritage.local:"


@pytest.fixture
def published(app):
    """Twenty-three published items in two collections, seven to a page."""
    app.config["HERITAGE_OAI_PAGE_SIZE"] = 7
    return [make_item(collection="avize" if n % 3 else "foto", title=f"Ieraksts {n}").id for n in range(23)]


@pytest.fixture
def server(app):
    """The app on a real WSGI server (waitress) in a thread; yields the /oai URL."""
    wsgi = waitress.create_server(app, host="127.0.0.1", port=0, threads=2)
    thread = threading.Thread(target=wsgi.run, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{wsgi.effective_port}/oai"
    wsgi.close()
    thread.join(5)


@pytest.mark.parametrize("prefix", ["oai_dc", "qdc"])
def test_sickle_harvests_every_record_exactly_once(server, published, prefix):
    records = list(Sickle(server).ListRecords(metadataPrefix=prefix))
    ids = [record.header.identifier for record in records]
    assert sorted(ids) == sorted(f"{PREFIX}{n}" for n in published)
    assert all(record.metadata["title"][0].startswith("Ieraksts") for record in records)


def test_sickle_harvest_with_set_and_from(server, published):
    harvested = Sickle(server).ListIdentifiers(metadataPrefix="oai_dc", set="foto", **{"from": "2000-01-01"})
    ids = [header.identifier for header in harvested]
    assert len(ids) == len(set(ids)) == len([n for n in range(23) if n % 3 == 0])


VERBS = st.sampled_from(["Identify", "ListMetadataFormats", "ListSets", "GetRecord",
                         "ListIdentifiers", "ListRecords", "listrecords", "", "Harvest"])
VALUES = st.one_of(st.sampled_from(["oai_dc", "qdc", "marc21", f"{PREFIX}1", f"{PREFIX}999", "avize",
                                    "2020-01-01", "2020-01-01T00:00:00Z", "2099-12-31", "1.x", "..",
                                    "oai:heritage.local:-1", "9" * 30]),
                   st.text(min_size=0, max_size=12))
ARGUMENT = st.tuples(st.sampled_from(["verb", "identifier", "metadataPrefix", "from", "until", "set",
                                      "resumptionToken", "junk"]), VALUES)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(verb=VERBS, arguments=st.lists(ARGUMENT, max_size=5))
def test_random_requests_never_fail(client, published, schemas, verb, arguments):
    response = client.get("/oai", query_string=[("verb", verb), *arguments])
    assert response.status_code == 200
    schemas["oai"].assertValid(etree.fromstring(response.data))
