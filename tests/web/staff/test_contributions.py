"""Moderating contributions in the staff workspace: queue, detail, staff-only photos, decisions."""
from __future__ import annotations

import pytest

from heritage.extensions import db
from heritage.models import AuditEntry, Contribution, Item
from heritage.services import contributions, media_store
from tests.factories import make_branch
from tests.services.test_contributions import file, given, photo


@pytest.fixture
def waiting(app):
    """A contribution with one photo, for the Lejasciems library, waiting for a moderator."""
    make_branch("lejasciems", "Lejasciema bibliotēka")
    return contributions.submit(given(branch="lejasciems", contact="anna@example.lv"),
                                [file("skola.png", photo("PNG"))], "203.0.113.9")


def test_queue_and_detail_show_the_story_photos_contact_and_consents(staff, waiting):
    coordinator = staff("coordinator", branch=None)
    queue = coordinator.get("/staff/contributions/?lang=en")
    assert queue.status_code == 200
    assert f'href="/staff/contributions/{waiting.id}"' in queue.get_data(as_text=True)
    page = coordinator.get(f"/staff/contributions/{waiting.id}?lang=en").get_data(as_text=True)
    assert "Salidojums pie skolas" in page and "anna@example.lv" in page
    assert f'src="/staff/contributions/{waiting.id}/files/0"' in page
    assert 'name="csrf_token"' in page and 'action="/staff/contributions/%d/reject"' % waiting.id in page
    image = coordinator.get(f"/staff/contributions/{waiting.id}/files/0")
    assert image.status_code == 200 and image.mimetype == "image/png"
    assert image.data == photo("PNG")
    assert image.headers["Cache-Control"] == "no-store"


def test_accept_makes_a_draft_item_in_the_chosen_branch_and_links_it(staff, waiting):
    coordinator = staff("coordinator", branch=None)
    response = coordinator.post(f"/staff/contributions/{waiting.id}/accept", {"branch": "lejasciems"})
    assert response.status_code == 302
    contribution = db.session.get(Contribution, waiting.id)
    item = db.session.get(Item, contribution.item_id)
    assert contribution.status == "accepted"
    assert item.status == "draft" and item.branch.slug == "lejasciems" and len(item.pages) == 1
    page = coordinator.get(response.headers["Location"]).get_data(as_text=True)
    assert f'href="/staff/items/{item.id}"' in page
    assert db.session.query(AuditEntry).filter_by(object_type="contribution", object_id=waiting.id,
                                                  action="accept").count() == 1


def test_reject_with_a_note_deletes_the_files(staff, waiting):
    coordinator = staff("coordinator", branch=None)
    key = waiting.files[0].storage_key
    refused = coordinator.post(f"/staff/contributions/{waiting.id}/reject?lang=en", {"note": ""})
    assert refused.status_code == 400 and "Write a note" in refused.get_data(as_text=True)
    assert media_store().exists(key)
    response = coordinator.post(f"/staff/contributions/{waiting.id}/reject", {"note": "Not ours"})
    assert response.status_code == 302
    contribution = db.session.get(Contribution, waiting.id)
    assert contribution.status == "rejected" and contribution.review_note == "Not ours"
    assert not contribution.files and not media_store().exists(key)
    assert coordinator.get(f"/staff/contributions/{waiting.id}/files/0").status_code == 404


def test_decisions_need_the_csrf_token(staff, waiting):
    coordinator = staff("coordinator", branch=None)
    response = coordinator.client.post(f"/staff/contributions/{waiting.id}/reject", data={"note": "x"})
    assert response.status_code == 400
    assert db.session.get(Contribution, waiting.id).status == "new"


def test_an_unknown_contribution_is_404(staff, waiting):
    coordinator = staff("admin", branch=None)
    assert coordinator.get("/staff/contributions/9999").status_code == 404
    assert coordinator.get(f"/staff/contributions/{waiting.id}/files/7").status_code == 404


@pytest.mark.parametrize("role", ["cataloguer", "volunteer"])
def test_other_roles_get_403(staff, waiting, role):
    person = staff(role)
    for url in ("/staff/contributions/", f"/staff/contributions/{waiting.id}",
                f"/staff/contributions/{waiting.id}/files/0"):
        assert person.get(url).status_code == 403, url
    for action in ("accept", "reject"):
        assert person.post(f"/staff/contributions/{waiting.id}/{action}", {"note": "x"}).status_code == 403
    assert db.session.get(Contribution, waiting.id).status == "new"
