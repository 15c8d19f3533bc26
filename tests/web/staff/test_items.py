"""The item workspace pages: list, review queue, item page, steps, bulk, batch edit, versions."""
from __future__ import annotations

import html
import re

import pytest

from heritage.extensions import db
from heritage.models import Item
from heritage.services import versions, workflow
from heritage.services.collections import ensure_collection
from tests.factories import make_item, make_user


def _ids_in(html: str) -> list[int]:
    return [int(i) for i in re.findall(r'name="ids" value="(\d+)"', html)]


def test_a_cataloguer_lists_only_their_branch(app, staff):
    client = staff("cataloguer")
    own = make_item(status="draft", branch="ezerkalne", title="Savs")
    make_item(status="draft", branch="kalnciems", title="Svešs")
    html = client.get("/staff/items/").get_data(as_text=True)
    assert _ids_in(html) == [own.id]
    assert '<label for="select-%d"' % own.id in html


def test_a_coordinator_filters_by_branch_status_collection_and_title(app, staff):
    client = staff("coordinator", branch=None)
    a = make_item(status="draft", branch="ezerkalne", title="Skolas foto")
    b = make_item(status="review", branch="kalnciems", title="Baznīca", collection="albumi")
    assert sorted(_ids_in(client.get("/staff/items/").get_data(as_text=True))) == [a.id, b.id]
    for query, expected in [("branch=kalnciems", [b.id]), ("status=draft", [a.id]),
                            ("collection=albumi", [b.id]), ("q=skolas", [a.id]), ("q=nekas", [])]:
        assert _ids_in(client.get(f"/staff/items/?{query}").get_data(as_text=True)) == expected, query


@pytest.mark.parametrize("query", ["status=lost", "page=0"])
def test_bad_filters_are_explained(app, staff, query):
    response = staff("cataloguer").get(f"/staff/items/?{query}&lang=en")
    assert response.status_code == 400
    assert 'role="alert"' in response.get_data(as_text=True)


def test_the_list_pages(app, staff, monkeypatch):
    from heritage.services import item_list

    monkeypatch.setattr(item_list, "PAGE_SIZE", 2)
    client = staff("cataloguer")
    made = [make_item(status="draft", branch="ezerkalne", title=f"N{i}") for i in range(3)]
    first = _ids_in(client.get("/staff/items/").get_data(as_text=True))
    second = _ids_in(client.get("/staff/items/?page=2").get_data(as_text=True))
    assert len(first) == 2 and len(second) == 1
    assert sorted(first + second) == [item.id for item in made]


def test_the_review_queue_is_oldest_first_and_for_reviewers(app, staff):
    cataloguer = make_user("cataloguer")
    older = make_item(status="draft", branch="ezerkalne", title="Vecākais")
    newer = make_item(status="draft", branch="ezerkalne", title="Jaunākais")
    workflow.transition(older.id, "submit", cataloguer)
    workflow.transition(newer.id, "submit", cataloguer)
    html = staff("coordinator", branch=None).get("/staff/items/review").get_data(as_text=True)
    assert html.index("Vecākais") < html.index("Jaunākais")
    assert staff("cataloguer", username="otra").get("/staff/items/review").status_code == 403


def test_the_item_page_shows_steps_comments_history_and_versions(app, staff):
    client = staff("cataloguer")
    item = make_item(status="draft", branch="ezerkalne")
    response = client.post(f"/staff/items/{item.id}/step", {"action": "submit", "comment": "Gatavs"})
    assert response.status_code == 302
    html = client.get(f"/staff/items/{item.id}").get_data(as_text=True)
    assert f'href="/staff/describe/{item.id}"' in html
    assert "Gatavs" in html  # the comment
    assert f"/staff/items/{item.id}/versions/1" in html
    assert "<td>status</td><td" in html and ">draft</td>" in html and ">review</td>" in html
    assert 'value="publish"' not in html  # a cataloguer may not publish
    coordinator_html = staff("coordinator", branch=None).get(f"/staff/items/{item.id}").get_data(as_text=True)
    assert 'value="publish"' in coordinator_html and 'value="return"' in coordinator_html


def test_an_illegal_step_is_explained_and_changes_nothing(app, staff):
    client = staff("coordinator", branch=None)
    item = make_item(status="draft", branch="ezerkalne")
    response = client.post(f"/staff/items/{item.id}/step?lang=en", {"action": "publish"},
                           follow_redirects=True)
    # the message is written in the language of the request that was refused
    assert f"Item #{item.id} is “Draft”" in response.get_data(as_text=True)
    assert db.session.get(Item, item.id).status == "draft"


@pytest.mark.parametrize("url", ["/staff/items/{id}", "/staff/items/{id}/versions/1"])
def test_other_branches_items_are_refused(app, staff, url):
    item = make_item(status="draft", branch="kalnciems")
    versions.save_version(item, None)
    db.session.commit()
    assert staff("cataloguer").get(url.format(id=item.id)).status_code == 403


def test_a_missing_item_is_not_found(app, staff):
    assert staff("cataloguer").get("/staff/items/4242").status_code == 404


def test_bulk_publish_reports_each_item(app, staff):
    client = staff("coordinator", branch=None)
    ready = make_item(status="review", branch="ezerkalne", title="Gatavs")
    draft = make_item(status="draft", branch="kalnciems", title="Melnraksts")
    response = client.post("/staff/items/bulk?lang=en", {"action": "publish", "ids": [ready.id, draft.id]})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert html.count('class="outcome-done"') == 1 and html.count('class="outcome-refused"') == 1
    assert f"Item #{draft.id} is “Draft”; this step needs an item that is “In review”." in html
    assert "Draft → Published" not in html and "In review → Published" in html
    assert db.session.get(Item, ready.id).status == "published"


def test_bulk_reasons_are_in_the_interface_language(app, staff):
    client = staff("coordinator", branch=None)
    draft = make_item(status="draft", branch="kalnciems", title="Melnraksts")
    html = client.post("/staff/items/bulk", {"action": "publish", "ids": [draft.id]}).get_data(as_text=True)
    assert "Melnraksts" in html and "is draft" not in html
    assert "Pārskatīšanā" in html  # the state the step needs, named in Latvian


@pytest.mark.parametrize("form, problem", [
    ({"action": "publish"}, "Tick at least one item."),
    ({"action": "access", "access_level": "embargo", "access_reason": "privacy", "embargo_until": "rīt"}, "YYYY-MM-DD"),
    ({"action": "move", "collection": "nav"}, "Choose a collection from the list."),
])
def test_bad_bulk_requests_do_nothing_and_say_why(app, staff, form, problem):
    item = make_item(status="draft", branch="ezerkalne")
    data = dict(form)
    if form.get("action") != "publish":
        data["ids"] = [item.id]
    response = staff("cataloguer").post("/staff/items/bulk?lang=en", data)
    assert response.status_code == 400
    assert problem in html.unescape(response.get_data(as_text=True))


def test_bulk_access_from_the_form(app, staff):
    item = make_item(status="draft", branch="ezerkalne")
    response = staff("cataloguer").post("/staff/items/bulk", {
        "action": "access", "ids": [item.id], "access_level": "staff", "access_reason": "privacy"})
    assert response.status_code == 200
    assert (db.session.get(Item, item.id).access_level, item.access_reason) == ("staff", "privacy")


def test_batch_edit_form_preview_and_apply(app, staff):
    client = staff("cataloguer")
    item = make_item(status="draft", branch="ezerkalne", rights="Visas tiesības")
    arrival = client.post("/staff/items/batch-edit", {"ids": [item.id]})
    assert arrival.status_code == 200 and 'name="element"' in arrival.get_data(as_text=True)
    form = {"ids": [item.id], "element": "rights", "mode": "replace", "value": "CC BY 4.0"}
    preview = client.post("/staff/items/batch-edit", {**form, "confirm": "preview"}).get_data(as_text=True)
    assert "Visas tiesības" in preview and "CC BY 4.0" in preview and 'value="apply"' in preview
    assert [v.value for v in db.session.get(Item, item.id).values if v.element == "rights"] == ["Visas tiesības"]
    applied = client.post("/staff/items/batch-edit", {**form, "confirm": "apply"})
    assert applied.status_code == 200
    db.session.expire_all()
    assert [v.value for v in db.session.get(Item, item.id).values if v.element == "rights"] == ["CC BY 4.0"]


def test_a_bad_batch_edit_marks_the_field(app, staff):
    item = make_item(status="draft", branch="ezerkalne")
    response = staff("cataloguer").post("/staff/items/batch-edit?lang=en", {
        "ids": [item.id], "element": "rights", "mode": "replace", "value": "", "confirm": "preview"})
    html = response.get_data(as_text=True)
    assert response.status_code == 400 and 'role="alert"' in html and 'aria-invalid="true"' in html


def test_version_diff_and_restore_through_the_pages(app, staff):
    client = staff("cataloguer")
    item = make_item(status="draft", branch="ezerkalne")
    ensure_collection("albumi")
    client.post("/staff/items/bulk", {"action": "move", "ids": [item.id], "collection": "albumi"})
    diff = client.get(f"/staff/items/{item.id}/versions/1").get_data(as_text=True)
    assert "<del>testa-kolekcija</del>" in diff and "<ins>albumi</ins>" in diff
    response = client.post(f"/staff/items/{item.id}/versions/1/restore")
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Item, item.id).collection.slug == "testa-kolekcija"
    assert len(versions.versions_of(item.id)) == 2


def test_comment_form(app, staff):
    client = staff("cataloguer")
    item = make_item(status="draft", branch="ezerkalne")
    client.post(f"/staff/items/{item.id}/comment", {"comment": "Kas ir fotogrāfs?"})
    assert [c.body for c in workflow.comments_for(item.id)] == ["Kas ir fotogrāfs?"]


def test_the_item_pages_are_valid_html(app, staff, tmp_path):
    from tests.web.test_html_quality import REPO, needs_vnu, nu_html_problems

    if needs_vnu.args[0]:
        pytest.skip(needs_vnu.kwargs["reason"])
    client = staff("coordinator", branch=None)
    item = make_item(status="review", branch="ezerkalne")
    client.post(f"/staff/items/{item.id}/step", {"action": "return", "comment": "Datums?"})
    form = {"ids": [item.id], "element": "title", "mode": "replace", "value": "Cits", "confirm": "preview"}
    pages = {
        "list": client.get("/staff/items/").get_data(as_text=True),
        "review": client.get("/staff/items/review").get_data(as_text=True),
        "item": client.get(f"/staff/items/{item.id}").get_data(as_text=True),
        "version": client.get(f"/staff/items/{item.id}/versions/1").get_data(as_text=True),
        "bulk": client.post("/staff/items/bulk", {"action": "submit", "ids": [item.id]}).get_data(as_text=True),
        "preview": client.post("/staff/items/batch-edit", form).get_data(as_text=True),
    }
    css = (REPO / "heritage" / "static" / "staff-items.css",)
    assert nu_html_problems(pages, tmp_path, css) == []
