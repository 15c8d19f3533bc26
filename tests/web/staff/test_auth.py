"""Signing in and out: argon2id, lockout, rate limit, CSRF, safe redirects, cookie flags."""
from __future__ import annotations

import pytest

from heritage.models import AuditEntry, User
from heritage.extensions import db
from heritage.services import accounts
from heritage.web.staff.auth import login_limiter
from tests.factories import STAFF_PASSWORD, csrf_token_of, make_user, sign_in


def _login(client, username, password, **extra):
    token = csrf_token_of(client.get("/staff/login").get_data(as_text=True))
    return client.post("/staff/login", data={"username": username, "password": password,
                                             "csrf_token": token, **extra})


def test_password_is_kept_as_argon2id(app):
    user = make_user("cataloguer")
    assert user.password_hash.startswith("$argon2id$")
    assert STAFF_PASSWORD not in user.password_hash


def test_sign_in_leads_to_the_overview_and_is_audited(app, client):
    make_user("coordinator", "koordinatore", branch=None)
    response = _login(client, "koordinatore", STAFF_PASSWORD)
    assert response.status_code == 302 and response.headers["Location"].endswith("/staff/")
    page = client.get("/staff/")
    assert page.status_code == 200
    assert "koordinatore" in page.get_data(as_text=True)
    assert db.session.query(AuditEntry).filter_by(action="login").count() == 1


def test_session_cookie_is_secure_httponly_and_lax(app, client):
    make_user("cataloguer")
    response = _login(client, "cataloguer-ezerkalne", STAFF_PASSWORD)
    cookie = response.headers["Set-Cookie"]
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie


@pytest.mark.parametrize("username,password", [
    ("cataloguer-ezerkalne", "nepareiza parole"),
    ("nav-tada", STAFF_PASSWORD),
    ("", ""),
    ("cataloguer-ezerkalne", "x" * 5000),
])
def test_wrong_credentials_say_the_same_thing(app, client, username, password):
    make_user("cataloguer")
    response = _login(client, username, password)
    assert response.status_code == 401
    assert "Nepareizs lietotājvārds vai parole." in response.get_data(as_text=True)
    assert client.get("/staff/").status_code == 302


def test_account_locks_after_the_set_number_of_wrong_passwords(app, client):
    make_user("cataloguer")
    for _ in range(app.config["HERITAGE_LOGIN_ATTEMPTS"]):
        assert _login(client, "cataloguer-ezerkalne", "nepareiza parole").status_code == 401
    # now even the right password is refused, with a message that says why
    response = _login(client, "cataloguer-ezerkalne", STAFF_PASSWORD)
    assert response.status_code == 401
    assert "bloķēts" in response.get_data(as_text=True)
    assert db.session.query(AuditEntry).filter_by(action="locked").count() == 1


def test_lock_ends_after_the_lockout_time(app):
    from datetime import timedelta

    make_user("cataloguer")
    for _ in range(app.config["HERITAGE_LOGIN_ATTEMPTS"]):
        with pytest.raises(Exception):
            accounts.authenticate("cataloguer-ezerkalne", "nepareiza parole")
    later = accounts.utcnow() + timedelta(minutes=app.config["HERITAGE_LOGIN_LOCKOUT_MINUTES"] + 1)
    assert accounts.authenticate("cataloguer-ezerkalne", STAFF_PASSWORD, now=later).username == \
        "cataloguer-ezerkalne"


def test_one_address_is_rate_limited(app, client):
    login_limiter.reset()
    statuses = {_login(client, f"nav-{n}", "nepareiza parole").status_code
                for n in range(login_limiter.limit + 1)}
    assert 429 in statuses
    login_limiter.reset()


def test_a_form_without_its_csrf_token_is_refused(app, client):
    make_user("cataloguer")
    response = client.post("/staff/login", data={"username": "cataloguer-ezerkalne",
                                                 "password": STAFF_PASSWORD})
    assert response.status_code == 400
    assert "veidlapu" in response.get_data(as_text=True).lower()


@pytest.mark.parametrize("target,lands", [
    ("/staff/password", "/staff/password"),
    ("https://example.org/staff", "/staff/"),
    ("//example.org/staff", "/staff/"),
    ("/items/1", "/staff/"),
])
def test_next_stays_inside_the_workspace(app, client, target, lands):
    make_user("cataloguer")
    response = _login(client, "cataloguer-ezerkalne", STAFF_PASSWORD, next=target)
    assert response.headers["Location"] == lands


def test_reset_password_forces_a_change_at_sign_in(app, client):
    user = make_user("cataloguer")
    temporary = accounts.reset_password(user.id, by=None)
    response = _login(client, user.username, temporary)
    assert response.headers["Location"].endswith("/staff/password")
    assert client.get("/staff/").headers["Location"].endswith("/staff/password")
    token = csrf_token_of(client.get("/staff/password").get_data(as_text=True))
    response = client.post("/staff/password", data={"current": temporary, "new": "jauna gara parole",
                                                     "again": "jauna gara parole", "csrf_token": token})
    assert response.status_code == 302
    assert client.get("/staff/").status_code == 200


@pytest.mark.parametrize("new,again,message", [
    ("īsa", "īsa", "vismaz 10"),
    ("1234567890123", "1234567890123", "vismaz 10"),
    ("jauna gara parole", "cita gara parole", "atšķiras"),
])
def test_bad_new_passwords_are_explained(app, client, new, again, message):
    make_user("cataloguer")
    token = sign_in(client, "cataloguer-ezerkalne")
    response = client.post("/staff/password", data={"current": STAFF_PASSWORD, "new": new,
                                                    "again": again, "csrf_token": token})
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)


def test_sign_out_ends_the_session(app, client):
    make_user("cataloguer")
    token = sign_in(client, "cataloguer-ezerkalne")
    assert client.post("/staff/logout", data={"csrf_token": token}).status_code == 302
    assert client.get("/staff/").status_code == 302


def test_switched_off_account_cannot_sign_in(app, client):
    user = make_user("cataloguer")
    db.session.get(User, user.id).active = False
    db.session.commit()
    response = _login(client, user.username, STAFF_PASSWORD)
    assert response.status_code == 401


def test_workspace_pages_are_never_framed_or_kept(app, client):
    page = client.get("/staff/login")
    assert page.headers["X-Frame-Options"] == "DENY"
    assert page.headers.get_all("Cache-Control") == ["no-store"]
    public = client.get("/")
    assert public.headers["X-Content-Type-Options"] == "nosniff"
    assert public.headers["Referrer-Policy"] == "same-origin"
    assert "X-Frame-Options" not in public.headers
