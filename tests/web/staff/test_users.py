"""Administering accounts and branches from the workspace."""
from __future__ import annotations

import re

import pytest

from heritage.extensions import db
from heritage.models import AuditEntry, User
from heritage.services import accounts
from tests.factories import STAFF_PASSWORD, make_branch, make_user


def test_admin_creates_an_account_that_must_choose_its_password(app, staff, client):
    admin = staff("admin", branch=None)
    make_branch()
    response = admin.post("/staff/users/new", {"username": "liga.ozola", "role": "cataloguer",
                                                "branch": "ezerkalne", "display_name": "Līga Ozola"})
    assert response.status_code == 200
    password = re.search(r'<code id="shown-password">([^<]+)</code>', response.get_data(as_text=True)).group(1)
    created = accounts.user_named("liga.ozola")
    assert created.must_change_password and created.branch.slug == "ezerkalne"
    sign_in_response = client.post("/staff/login", data={
        "username": "liga.ozola", "password": password,
        "csrf_token": re.search(r'name="csrf_token" value="([^"]+)"',
                                client.get("/staff/login").get_data(as_text=True)).group(1)})
    assert sign_in_response.headers["Location"].endswith("/staff/password")


@pytest.mark.parametrize("form,message", [
    ({"username": "X Y", "role": "cataloguer", "branch": "ezerkalne"}, "User name:"),
    ({"username": "cataloguer-ezerkalne", "role": "cataloguer", "branch": "ezerkalne"}, "taken"),
    ({"username": "janis", "role": "cataloguer", "branch": ""}, "Branch:"),
    ({"username": "janis", "role": "boss", "branch": ""}, "Role:"),
    ({"username": "janis", "role": "volunteer", "password": "short"}, "Password:"),
    ({"username": "janis", "role": "cataloguer", "branch": "nav-tadas"}, "Branch:"),
])
def test_bad_account_forms_are_explained_and_kept(app, staff, form, message):
    admin = staff("admin", branch=None)
    make_user("cataloguer")
    response = admin.post("/staff/users/new?lang=en", form)
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert message in page
    assert 'role="alert"' in page
    assert db.session.query(User).filter_by(username="janis").count() == 0


def test_admin_edits_resets_and_unlocks(app, staff):
    admin = staff("admin", branch=None)
    user = make_user("volunteer", "peteris", branch="ezerkalne")
    response = admin.post(f"/staff/users/{user.id}", {"role": "cataloguer", "branch": "ezerkalne",
                                                      "display_name": "Pēteris", "email": "p@example.org",
                                                      "active": "on"})
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(User, user.id).role == "cataloguer"
    assert db.session.query(AuditEntry).filter_by(object_type="user", object_id=user.id,
                                                  field="role", old="volunteer",
                                                  new="cataloguer").count() == 1
    page = admin.post(f"/staff/users/{user.id}/reset-password").get_data(as_text=True)
    temporary = re.search(r'<code id="shown-password">([^<]+)</code>', page).group(1)
    assert accounts.authenticate("peteris", temporary).must_change_password
    for _ in range(app.config["HERITAGE_LOGIN_ATTEMPTS"]):
        with pytest.raises(Exception):
            accounts.authenticate("peteris", "nepareiza parole")
    assert accounts.is_locked(db.session.get(User, user.id))
    assert admin.post(f"/staff/users/{user.id}/unlock").status_code == 302
    assert not accounts.is_locked(db.session.get(User, user.id))


def test_admin_cannot_remove_own_rights(app, staff):
    admin = staff("admin", branch=None)
    response = admin.post(f"/staff/users/{admin.user.id}?lang=en", {"role": "volunteer", "active": "on"})
    assert response.status_code == 400
    assert "your own administrator rights" in response.get_data(as_text=True)


def test_branches_are_added_and_renamed(app, staff):
    admin = staff("admin", branch=None)
    assert admin.post("/staff/users/branches/new", {"slug": "dzirnupe", "name": "Dzirnupes bibliotēka",
                                                    "place": "Dzirnupe"}).status_code == 302
    assert admin.post("/staff/users/branches/dzirnupe", {"name": "Dzirnupes pagasta bibliotēka",
                                                         "place": "Dzirnupe"}).status_code == 302
    assert accounts.get_branch("dzirnupe").name == "Dzirnupes pagasta bibliotēka"
    bad = admin.post("/staff/users/branches/new?lang=en", {"slug": "Ne Der", "name": "X"})
    assert bad.status_code == 400 and "Short name:" in bad.get_data(as_text=True)


def test_only_admins_reach_the_account_pages(app, staff):
    coordinator = staff("coordinator", branch=None)
    assert coordinator.get("/staff/users/").status_code == 403
    assert coordinator.post("/staff/users/new", {"username": "x1", "role": "admin",
                                                 "password": STAFF_PASSWORD}).status_code == 403
    assert db.session.query(User).filter_by(username="x1").count() == 0


def test_the_audit_log_filters_and_scopes_by_branch(app, staff):
    admin = staff("admin", branch=None)
    other = make_user("cataloguer", "citas-filiales", branch="dzirnupe")
    accounts.update_user(other.id, admin.user, display_name="Cits")
    page = admin.get("/staff/audit/?object_type=user&action=edit").get_data(as_text=True)
    assert "display_name" in page and "Cits" in page
    cataloguer = staff("cataloguer", branch="ezerkalne")
    # a cataloguer sees only the changes made by their own branch's people
    assert "Cits" not in cataloguer.get("/staff/audit/?object_type=user").get_data(as_text=True)
    assert staff("volunteer", username="talkas-dalibnieks").get("/staff/audit/").status_code == 403
