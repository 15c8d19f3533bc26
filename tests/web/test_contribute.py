"""The public contribution form: happy path, every bad input, the rate limit, nothing public."""
from __future__ import annotations

import io
import os
import shutil
from pathlib import Path

import pytest

from heritage.extensions import db
from heritage.models import Contribution
from tests.factories import csrf_token_of, make_branch
from tests.services.test_contributions import photo
from tests.web.test_html_quality import VNU

FORM = {"name": "Anna Bērziņa", "contact": "+371 29 123 456", "title": "Skola",
        "story": "Mūsu skola 1962. gadā.", "place": "Ezerkalne", "date_text": "ap. 1962",
        "consent_publish": "yes", "branch": "ezerkalne"}


def send(client, fields=None, files=(), lang="en", **headers):
    """Post the form as a browser would: its token, its fields, the chosen files."""
    token = csrf_token_of(client.get("/contribute/").get_data(as_text=True))
    data = {"csrf_token": token, **(FORM if fields is None else fields)}
    data["photos"] = [(io.BytesIO(content), name) for name, content in files]
    return client.post(f"/contribute/?lang={lang}", data=data, content_type="multipart/form-data",
                       headers=headers)


@pytest.fixture
def branch(app):
    return make_branch("ezerkalne")


def test_the_form_is_linked_from_every_page_and_offers_branches_and_places(client, branch):
    home = client.get("/").get_data(as_text=True)
    assert 'href="/contribute/"' in home
    page = client.get("/contribute/?lang=en").get_data(as_text=True)
    assert 'value="ezerkalne"' in page and '<datalist id="place-names">' in page
    assert 'name="consent_publish"' in page and 'enctype="multipart/form-data"' in page


def test_happy_path_lands_in_the_queue_and_thanks(client, branch):
    response = send(client, files=[("a.png", photo("PNG")), ("b.jpg", photo("JPEG"))])
    assert response.status_code == 302 and response.headers["Location"].endswith("/contribute/thanks")
    contribution = db.session.query(Contribution).one()
    assert contribution.status == "new" and contribution.branch_id == branch.id
    assert [f.original_name for f in contribution.files] == ["a.png", "b.jpg"]
    assert contribution.consent_publish and not contribution.consent_name
    thanks = client.get("/contribute/thanks?lang=en").get_data(as_text=True)
    assert "before anything is shown" in thanks


def _without(field):
    return {k: v for k, v in FORM.items() if k != field}


@pytest.mark.parametrize("fields,files,field,words", [
    (_without("consent_publish"), [], "consent_publish", "tick the box"),
    ({**FORM, "name": ""}, [], "name", "write your name"),
    ({**FORM, "contact": ""}, [], "contact", "e-mail address or a phone number"),
    ({**FORM, "contact": "anna"}, [], "contact", "does not look like"),
    ({**FORM, "story": ""}, [], "story", "choose at least one photo"),
    (FORM, [("letter.jpg", b"Dear archive, this is text.")], "photos", "letter.jpg is not a JPEG"),
    (FORM, [("IMG_0001.HEIC", b"\x00\x00\x00\x18ftypheic" + bytes(40))], "photos", "HEIC"),
])
def test_bad_input_is_refused_keeping_what_was_written(client, branch, fields, files, field, words):
    response = send(client, fields, files)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert words in page
    assert f'id="{field}-error" role="alert"' in page
    assert 'aria-invalid="true"' in page
    if fields.get("story"):
        assert "Mūsu skola 1962. gadā." in page  # kept
    assert "choose them again" in page
    assert db.session.query(Contribution).count() == 0


def test_a_too_large_file_gets_a_friendly_message(app, client, branch):
    app.config["HERITAGE_CONTRIBUTION_MAX_MB"] = 1
    response = send(client, files=[("huge.jpg", b"\xff\xd8\xff" + os.urandom(1_100_000))])
    assert response.status_code == 400
    assert "at most 1 MB" in response.get_data(as_text=True)


def test_an_image_over_the_pixel_limit_is_refused_naming_it(app, client, branch):
    app.config["HERITAGE_MAX_PIXELS"] = 1000
    response = send(client, files=[("big.png", photo("PNG", size=(100, 100)))])
    assert response.status_code == 400
    assert "big.png is too large an image (100×100 pixels)" in response.get_data(as_text=True)


def test_the_third_in_an_hour_gets_429(app, client, branch):
    app.config["HERITAGE_CONTRIBUTIONS_PER_HOUR"] = 2
    assert [send(client).status_code for _ in range(2)] == [302, 302]
    third = send(client)
    assert third.status_code == 429
    assert "try again in an hour" in third.get_data(as_text=True)
    assert db.session.query(Contribution).count() == 2


def test_contribution_files_are_unreachable_publicly(client, branch):
    send(client, files=[("a.png", photo("PNG"))])
    contribution = db.session.query(Contribution).one()
    key = contribution.files[0].storage_key
    for url in (f"/{key}", f"/media/{key}", f"/contribute/{contribution.id}",
                f"/contribute/files/{contribution.id}/0", f"/static/../media/{key}",
                f"/items/{contribution.id}/files/0", f"/items/{contribution.id}/pages/1/web.jpg",
                f"/api/items/{contribution.id}"):
        assert client.get(url).status_code == 404, url
    staff_file = client.get(f"/staff/contributions/{contribution.id}/files/0")
    assert staff_file.status_code == 302 and "/staff/login" in staff_file.headers["Location"]
    assert "Mūsu skola" not in client.get("/search?q=skola").get_data(as_text=True)
    oai = client.get("/oai?verb=ListRecords&metadataPrefix=oai_dc").get_data(as_text=True)
    assert "Mūsu skola" not in oai


@pytest.mark.skipif(not VNU.exists() or shutil.which("java") is None,
                    reason="the Nu Html Checker needs npm's vnu-jar and Java (scripts/setup test)")
def test_the_pages_are_valid_html(app, client, branch, staff, tmp_path):
    from heritage.services import contributions
    from tests.web.test_html_quality import nu_html_problems
    from tests.services.test_contributions import file, given

    waiting = contributions.submit(given(), [file("a.png", photo("PNG"))], "203.0.113.1")
    coordinator = staff("coordinator", branch=None)
    pages = {"form": client.get("/contribute/").get_data(as_text=True),
             "form-errors": send(client, {**FORM, "name": "", "consent_publish": ""},
                                 [("x.jpg", b"text")]).get_data(as_text=True),
             "thanks": client.get("/contribute/thanks").get_data(as_text=True),
             "queue": coordinator.get("/staff/contributions/").get_data(as_text=True),
             "detail": coordinator.get(f"/staff/contributions/{waiting.id}").get_data(as_text=True)}
    css = (Path(app.root_path) / "static" / "contribute.css",)
    assert nu_html_problems(pages, tmp_path, css) == []
