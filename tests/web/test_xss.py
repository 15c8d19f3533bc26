"""An XSS payload corpus in every Dublin Core field, the OCR text and a contribution is
escaped on every page that renders it, public and staff, HTML, JSON and XML alike."""
from __future__ import annotations

import pytest
from flask import url_for

from dublin_core.model import ELEMENTS
from heritage.extensions import db
from heritage.models import Contribution, Person, Subject
from tests.factories import make_item

#: (payload, what must never appear in a response: the payload acting as markup or code)
PAYLOADS = [
    ('<script>alert("xss-1")</script>', '<script>alert("xss-1")'),
    ('"><img src=x onerror=alert("xss-2")>', '<img src=x onerror=alert("xss-2")'),
    ("'><svg onload=alert('xss-3')>", "<svg onload=alert('xss-3')"),
    ('</textarea><b id="xss-4">', '<b id="xss-4">'),
    ('<a href="javascript:alert(\'xss-5\')">x</a>', "href=\"javascript:alert('xss-5')"),
    ("{{ 7*7 }}-xss-6 {% raw %}", "49-xss-6"),
    ("<iframe srcdoc='<b>xss-7'></iframe>", "<iframe srcdoc="),
    ('" onmouseover="alert(\'xss-8\')" x="', "\" onmouseover=\"alert('xss-8')\""),
]
TEXT = " ".join(payload for payload, _ in PAYLOADS)
#: Types a browser interprets as markup: these must escape the payload.
MARKUP_TYPES = ("text/html", "application/xml", "text/xml", "application/xhtml+xml",
                "image/svg+xml")
SKIP_KINDS = ("image/", "application/zip", "application/octet-stream", "application/pdf")


def _fitted(model, **values):
    """A row with the values cut to their columns' lengths, as the forms' limits cut them
    (PostgreSQL refuses a longer value where SQLite would keep it)."""
    for name, value in values.items():
        length = getattr(model.__table__.columns[name].type, "length", None)
        if isinstance(value, str) and length:
            values[name] = value[:length]
    return model(**values)


@pytest.fixture
def poisoned(app):
    """An item with the corpus in every DC element and its OCR text, and a contribution."""
    values = {element: TEXT for element in ELEMENTS if element != "title"}
    values.update(date="1938", type="Text", language="lv")
    item = make_item(collection="xss-kolekcija", title=TEXT, texts=(TEXT, TEXT), branch="ezerkalne",
                     **values)
    db.session.add(_fitted(Contribution, name=TEXT, contact=TEXT, title=TEXT, story=TEXT,
                           place=TEXT, date_text=TEXT, consent_publish=True))
    db.session.add(_fitted(Person, name=TEXT, variants=TEXT, note=TEXT))
    db.session.add(_fitted(Subject, term=TEXT, scope_note=TEXT))
    db.session.commit()
    return item


def _addresses(app, item, contribution_id: int, user_id: int) -> list[str]:
    """Every GET address of the application, filled with the poisoned objects' ids."""
    fill = {"item_id": item.id, "sequence": 1, "position": 0, "slug": "xss-kolekcija",
            "code": "en", "fmt": "ris", "kind": "web", "year": 1938, "issue": "1",
            "level": 0, "col": 0, "row": 0, "user_id": user_id, "contribution_id": contribution_id,
            "page": 1, "page_slug": "x", "name": TEXT}
    urls = []
    with app.test_request_context():
        for rule in app.url_map.iter_rules():
            if "GET" not in rule.methods or rule.endpoint in ("static", "vendor.file"):
                continue
            values = {arg: fill.get(arg, 1 if "id" in arg else "x") for arg in rule.arguments}
            try:
                url = url_for(rule.endpoint, **values)
            except Exception:
                continue
            urls.append(url + ("&" if "?" in url else "?") + "q=" + PAYLOADS[0][0])
    return urls


def _raw_hits(body: str) -> list[str]:
    return [danger for _, danger in PAYLOADS if danger in body]


def test_payloads_are_escaped_everywhere(app, poisoned, staff):
    admin = staff("admin", branch=None)
    anonymous = app.test_client()
    contribution = db.session.query(Contribution).one()
    urls = _addresses(app, poisoned, contribution.id, admin.user.id)
    assert len(urls) > 40
    unsafe, rendered = [], 0
    for who, client in (("anonymous", anonymous), ("admin", admin.client)):
        for url in urls:
            response = client.get(url)
            if any(response.mimetype.startswith(kind) for kind in SKIP_KINDS) or response.is_streamed and response.status_code == 206:
                continue
            body = response.get_data(as_text=True)
            if response.mimetype not in MARKUP_TYPES:
                # JSON, plain text, RIS, BibTeX keep the text as it was given; browsers never
                # run them as a page because their type says so and sniffing is off
                if response.headers.get("X-Content-Type-Options") != "nosniff":
                    unsafe.append(f"{who} {url.split('?')[0]}: {response.mimetype} without nosniff")
                continue
            rendered += TEXT[:20] in body or "&lt;script&gt;" in body or "\\u003cscript" in body
            for danger in _raw_hits(body):
                unsafe.append(f"{who} {url.split('?')[0]} ({response.mimetype}): {danger}")
    assert unsafe == [], "\n".join(unsafe)
    assert rendered > 10  # the payload did reach many pages, escaped


def test_json_answers_keep_markup_as_data(app, poisoned, client):
    response = client.get(f"/api/items/{poisoned.id}")
    assert response.status_code == 200 and response.mimetype == "application/json"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.get_json()["title"] == TEXT  # kept exactly, as data
