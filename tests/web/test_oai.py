"""OAI-PMH 2.0 at /oai: every response valid against the official schema, every verb and error."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from lxml import etree

from heritage.extensions import db
from heritage.models import Item
from heritage.services.items import delete_item, withdraw_item
from tests.factories import make_item

NS = {"o": "http://www.openarchives.org/OAI/2.0/", "dc": "http://purl.org/dc/elements/1.1/",
      "oai_dc": "http://www.openarchives.org/OAI/2.0/oai_dc/", "dcterms": "http://purl.org/dc/terms/"}
PREFIX = "oai:heritage.local:"


@pytest.fixture
def oai(client, schemas):
    """GET /oai with arguments; returns the parsed response after validating it."""
    def get(**args):
        response = client.get("/oai", query_string=args)
        assert response.status_code == 200 and response.mimetype == "text/xml"
        tree = etree.fromstring(response.data)
        schemas["oai"].assertValid(tree)
        for record in tree.iterfind(".//oai_dc:dc", NS):
            schemas["oai_dc"].assertValid(record)
        return tree
    return get


@pytest.fixture
def archive(app):
    """Seven published items over two collections, a draft, a staff-only, a withdrawn and a
    deleted one; lists come three to a page."""
    app.config["HERITAGE_OAI_PAGE_SIZE"] = 3
    items = {f"avize{n}": make_item(collection="avize", title=f"Izgriezums {n}", creator="Ozola, Marta",
                                    date="1935", subject=["skolas", "Krāslava"]) for n in range(5)}
    items["foto"] = make_item(collection="foto", title="Dzirnavas", type="StillImage")
    items["lasitava"] = make_item(collection="foto", title="Vēstule", access_level="reading_room")
    items["draft"] = make_item(collection="avize", title="Melnraksts", status="draft")
    items["staff"] = make_item(collection="avize", title="Personīgs", access_level="staff")
    items["withdrawn"] = make_item(collection="avize", title="Atsaukts")
    items["deleted"] = make_item(collection="foto", title="Izdzēsts")
    withdraw_item(items["withdrawn"].id)
    delete_item(items["deleted"].id)
    return items


def codes(tree):
    return [e.get("code") for e in tree.iterfind("o:error", NS)]


def identifiers(tree):
    return [e.text for e in tree.iterfind(".//o:header/o:identifier", NS)]


def test_identify(oai, archive):
    tree = oai(verb="Identify")
    assert tree.findtext(".//o:deletedRecord", namespaces=NS) == "persistent"
    assert tree.findtext(".//o:granularity", namespaces=NS) == "YYYY-MM-DDThh:mm:ssZ"
    assert tree.findtext(".//o:baseURL", namespaces=NS) == "http://localhost/oai"
    assert tree.find("o:request", NS).get("verb") == "Identify"


def test_formats_and_sets(oai, archive):
    formats = [e.text for e in oai(verb="ListMetadataFormats").iterfind(".//o:metadataPrefix", NS)]
    assert formats == ["oai_dc", "qdc"]
    sets = oai(verb="ListSets")
    assert [e.text for e in sets.iterfind(".//o:setSpec", NS)] == ["avize", "foto"]
    one = oai(verb="ListMetadataFormats", identifier=PREFIX + str(archive["foto"].id))
    assert len(one.findall(".//o:metadataFormat", NS)) == 2


def test_get_record_in_both_formats(oai, archive):
    item = archive["avize0"]
    tree = oai(verb="GetRecord", identifier=f"{PREFIX}{item.id}", metadataPrefix="oai_dc")
    dc = tree.find(".//oai_dc:dc", NS)
    assert dc.findtext("dc:title", namespaces=NS) == "Izgriezums 0"
    assert [e.text for e in dc.iterfind("dc:subject", NS)] == ["skolas", "Krāslava"]
    assert f"http://localhost/items/{item.id}" in [e.text for e in dc.iterfind("dc:identifier", NS)]
    assert dc.find("dc:title", NS).get("{http://www.w3.org/XML/1998/namespace}lang") == "lv"
    assert tree.findtext(".//o:setSpec", namespaces=NS) == "avize"
    qdc = oai(verb="GetRecord", identifier=f"{PREFIX}{item.id}", metadataPrefix="qdc")
    assert qdc.findtext(".//dcterms:isPartOf", namespaces=NS) == "avize"
    assert qdc.findtext(".//dc:title", namespaces=NS) == "Izgriezums 0"


@pytest.mark.parametrize("name", ["withdrawn", "deleted", "staff"])
def test_gone_records_are_deleted_headers_without_metadata(oai, archive, name):
    tree = oai(verb="GetRecord", identifier=f"{PREFIX}{archive[name].id}", metadataPrefix="oai_dc")
    assert tree.find(".//o:header", NS).get("status") == "deleted"
    assert tree.find(".//o:metadata", NS) is None


def test_reading_room_description_is_harvested(oai, archive):
    tree = oai(verb="GetRecord", identifier=f"{PREFIX}{archive['lasitava'].id}", metadataPrefix="oai_dc")
    assert tree.findtext(".//dc:title", namespaces=NS) == "Vēstule"


def _harvest(oai, verb, **args):
    """Every identifier of a list, following resumption tokens; checks cursor and size."""
    seen, tree = [], oai(verb=verb, **args)
    while True:
        seen += identifiers(tree)
        token = tree.find(f".//o:{verb}/o:resumptionToken", NS)
        if token is None or not token.text:
            if token is not None:
                assert int(token.get("completeListSize")) == len(seen)
            return seen
        assert int(token.get("cursor")) == len(seen) - len(identifiers(tree))
        tree = oai(verb=verb, resumptionToken=token.text)


@pytest.mark.parametrize("verb", ["ListIdentifiers", "ListRecords"])
def test_lists_page_through_every_record_once(oai, archive, verb):
    seen = _harvest(oai, verb, metadataPrefix="oai_dc")
    expected = {f"{PREFIX}{item.id}" for name, item in archive.items() if name != "draft"}
    assert sorted(seen) == sorted(expected) and len(seen) == len(set(seen))


def test_set_and_date_filters(oai, archive):
    assert len(_harvest(oai, "ListIdentifiers", metadataPrefix="oai_dc", set="foto")) == 3
    today = datetime.now(timezone.utc).strftime("%Y-%m-%d")
    assert len(_harvest(oai, "ListIdentifiers", metadataPrefix="oai_dc", **{"from": today})) == 10
    tomorrow = (datetime.now(timezone.utc) + timedelta(days=1)).strftime("%Y-%m-%d")
    assert codes(oai(verb="ListIdentifiers", metadataPrefix="oai_dc", **{"from": tomorrow})) == ["noRecordsMatch"]


def test_seconds_granularity_is_inclusive_at_both_ends(oai, archive):
    item = archive["foto"]
    stamp = item.updated_at.replace(tzinfo=None).strftime("%Y-%m-%dT%H:%M:%SZ")
    seen = _harvest(oai, "ListIdentifiers", metadataPrefix="oai_dc", **{"from": stamp, "until": stamp})
    assert f"{PREFIX}{item.id}" in seen


def test_an_edit_moves_the_datestamp(oai, archive, app):
    item = db.session.get(Item, archive["avize1"].id)
    item.updated_at = datetime(2030, 1, 2, 3, 4, 5, tzinfo=timezone.utc)
    db.session.commit()
    tree = oai(verb="ListIdentifiers", metadataPrefix="oai_dc", **{"from": "2030-01-02T03:04:05Z"})
    assert identifiers(tree) == [f"{PREFIX}{item.id}"]
    assert tree.findtext(".//o:datestamp", namespaces=NS) == "2030-01-02T03:04:05Z"


@pytest.mark.parametrize("args, code", [
    ({}, "badVerb"),
    ({"verb": "Harvest"}, "badVerb"),
    ({"verb": "Identify", "set": "avize"}, "badArgument"),
    ({"verb": "GetRecord", "identifier": PREFIX + "1"}, "badArgument"),
    ({"verb": "GetRecord", "metadataPrefix": "oai_dc"}, "badArgument"),
    ({"verb": "GetRecord", "identifier": PREFIX + "999999", "metadataPrefix": "oai_dc"}, "idDoesNotExist"),
    ({"verb": "GetRecord", "identifier": "oai:cits.lv:1", "metadataPrefix": "oai_dc"}, "idDoesNotExist"),
    ({"verb": "GetRecord", "identifier": PREFIX + "{draft}", "metadataPrefix": "oai_dc"}, "idDoesNotExist"),
    ({"verb": "GetRecord", "identifier": PREFIX + "{foto}", "metadataPrefix": "marc21"}, "cannotDisseminateFormat"),
    ({"verb": "ListRecords"}, "badArgument"),
    ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2020-13-45"}, "badArgument"),
    ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2020-01-01", "until": "2020-01-01T00:00:00Z"}, "badArgument"),
    ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2021-01-01", "until": "2020-01-01"}, "badArgument"),
    ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "set": "nav-tada"}, "noRecordsMatch"),
    ({"verb": "ListRecords", "metadataPrefix": "oai dc"}, "badArgument"),
    ({"verb": "ListRecords", "resumptionToken": "nederīgs"}, "badResumptionToken"),
    ({"verb": "ListRecords", "resumptionToken": "abc.def", "metadataPrefix": "oai_dc"}, "badArgument"),
    ({"verb": "ListIdentifiers", "metadataPrefix": "marc21"}, "cannotDisseminateFormat"),
    ({"verb": "ListSets", "resumptionToken": "x"}, "badResumptionToken"),
    ({"verb": "ListMetadataFormats", "identifier": PREFIX + "0"}, "idDoesNotExist"),
])
def test_every_error_code(oai, archive, args, code):
    args = {k: v.format(**{n: i.id for n, i in archive.items()}) for k, v in args.items()}
    tree = oai(**args)
    assert codes(tree) == [code]
    request_attributes = tree.find("o:request", NS).attrib
    if code in ("badVerb", "badArgument"):
        assert dict(request_attributes) == {}  # the protocol: echo only the base URL


def test_repeated_argument_is_bad(client, archive, schemas):
    response = client.get("/oai?verb=ListRecords&metadataPrefix=oai_dc&metadataPrefix=qdc")
    tree = etree.fromstring(response.data)
    schemas["oai"].assertValid(tree)
    assert codes(tree) == ["badArgument"]


def test_tampered_token_is_refused(oai, archive):
    token = oai(verb="ListIdentifiers", metadataPrefix="oai_dc").find(".//o:resumptionToken", NS).text
    payload, mac = token.split(".")
    forged = payload[:-2] + ("AA" if payload[-2:] != "AA" else "BB") + "." + mac
    assert codes(oai(verb="ListIdentifiers", resumptionToken=forged)) == ["badResumptionToken"]


def test_post_works_like_get(client, archive, schemas):
    response = client.post("/oai", data={"verb": "ListIdentifiers", "metadataPrefix": "oai_dc", "set": "foto"})
    tree = etree.fromstring(response.data)
    schemas["oai"].assertValid(tree)
    assert len(identifiers(tree)) == 3


def test_no_collections_means_no_set_hierarchy(oai, app):
    assert codes(oai(verb="ListSets")) == ["noSetHierarchy"]
    assert codes(oai(verb="ListRecords", metadataPrefix="oai_dc")) == ["noRecordsMatch"]


@pytest.mark.parametrize("query", [
    "verb=ListIdentifiers&metadataPrefix=%1F",
    "verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:heritage.local:%01",
    "verb=ListRecords&resumptionToken=%0B",
    "verb=List%00Records&metadataPrefix=oai_dc",
    "verb=Identify&sk%1Fip=1",
])
def test_control_characters_are_a_bad_argument_not_a_crash(client, archive, schemas, query):
    response = client.get("/oai?" + query)
    assert response.status_code == 200
    tree = etree.fromstring(response.data)
    schemas["oai"].assertValid(tree)
    assert codes(tree) == ["badArgument"]
