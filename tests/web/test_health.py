"""GET /healthz: the liveness check load balancers poll (and bench_web's baseline)."""
from __future__ import annotations


def test_healthz_answers_ok_as_uncached_plain_text(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_data(as_text=True) == "ok\n"
    assert response.mimetype == "text/plain"
    assert response.headers["Cache-Control"] == "no-store"


def test_healthz_sets_no_cookie_and_needs_no_database(app, client, monkeypatch):
    from heritage.extensions import db

    monkeypatch.setattr(db, "session", None)  # a route that touched the database would fail
    response = client.get("/healthz?lang=lt")
    assert response.status_code == 200
    assert "Set-Cookie" not in response.headers


def test_healthz_answers_only_get_and_head(client):
    assert client.head("/healthz").status_code == 200
    assert client.post("/healthz").status_code == 405
