"""The route-permission matrix, built from ``app.url_map``: every staff route refuses
anonymous visitors and every role its action does not allow."""
from __future__ import annotations

import pytest
from flask import url_for

from heritage.models import ROLES
from heritage.services.accounts import PERMISSIONS
from tests.factories import csrf_token_of

OPEN = {"staff.login"}  # the only workspace page an anonymous visitor may open
METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")


def staff_rules(app):
    """(rule, endpoint) of every workspace route."""
    return [rule for rule in app.url_map.iter_rules()
            if rule.endpoint.split(".")[0].startswith("staff") and rule.endpoint not in OPEN]


def address(app, rule) -> str:
    """The rule's address with a made-up value for each part (ids 1, names "x")."""
    values = {}
    for name in rule.arguments:
        converter = rule._converters[name].__class__.__name__
        values[name] = 1 if converter in ("IntegerConverter", "FloatConverter") else "x"
    with app.test_request_context():
        return url_for(rule.endpoint, **values)


def ask(client, method, url, token):
    """A request as a form would send it (with a CSRF token), without following redirects."""
    if method == "GET":
        return client.get(url)
    return client.open(url, method=method, data={"csrf_token": token},
                       headers={"X-CSRFToken": token})


def test_the_workspace_has_routes_of_every_area(app):
    endpoints = {rule.endpoint.split(".")[0] for rule in staff_rules(app)}
    assert {"staff", "staff_items", "staff_describe", "staff_uploads", "staff_ocr",
            "staff_exhibitions", "staff_contributions", "staff_stats", "staff_users",
            "staff_vocabularies", "staff_audit"} <= endpoints


def test_every_workspace_view_declares_its_action(app):
    undeclared = [rule.endpoint for rule in staff_rules(app)
                  if not hasattr(app.view_functions[rule.endpoint], "staff_action")]
    assert undeclared == [], "wrap these views in staff_view(): " + ", ".join(undeclared)


def test_anonymous_visitors_are_sent_to_sign_in_everywhere(app, client):
    token = csrf_token_of(client.get("/staff/login").get_data(as_text=True))
    wrong = []
    for rule in staff_rules(app):
        url = address(app, rule)
        for method in sorted(rule.methods & set(METHODS)):
            response = ask(client, method, url, token)
            if response.status_code != 302 or "/staff/login" not in response.headers.get("Location", ""):
                wrong.append(f"{method} {url} ({rule.endpoint}): {response.status_code}")
    assert wrong == [], "\n".join(wrong)


@pytest.mark.parametrize("role", ROLES)
def test_each_role_is_refused_what_it_may_not_do(app, staff, role):
    signed = staff(role, branch=None if role in ("admin", "coordinator") else "ezerkalne")
    allowed = PERMISSIONS[role]
    wrong, checked = [], 0
    for rule in staff_rules(app):
        action = app.view_functions[rule.endpoint].staff_action
        if action is None or action in allowed:
            continue
        url = address(app, rule)
        for method in sorted(rule.methods & set(METHODS)):
            checked += 1
            response = ask(signed.client, method, url, signed.token)
            if response.status_code != 403:
                wrong.append(f"{method} {url} ({rule.endpoint}, needs {action}): {response.status_code}")
    assert wrong == [], "\n".join(wrong)
    if role != "admin":
        assert checked > 0  # every role but admin lacks some action


def test_a_post_without_csrf_token_is_refused_on_every_form(app, staff):
    signed = staff("admin", branch=None)
    wrong = []
    for rule in staff_rules(app):
        if "POST" not in rule.methods:
            continue
        url = address(app, rule)
        response = signed.client.post(url, data={})
        if response.status_code != 400:
            wrong.append(f"POST {url} ({rule.endpoint}): {response.status_code}")
    assert wrong == [], "\n".join(wrong)
