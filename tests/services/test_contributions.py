"""Residents' contributions: photo checks, metadata removal, rate limit, accept and reject."""
from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from heritage.errors import InvalidInput, NotAllowed
from heritage.extensions import db
from heritage.models import AuditEntry, Contribution, Item
from heritage.services import contributions, media_store
from heritage.services.contribution_files import BadPhoto, check_photo, has_gps, without_metadata
from heritage.services.zoom import ensure_pyramid, page_pyramid, pyramid_prefix
from tests.factories import make_branch, make_user

GPS = {1: "N", 2: (56.0, 50.0, 30.0), 3: "E", 4: (26.0, 10.0, 5.0)}


def photo(fmt: str = "PNG", size=(60, 40), gps: bool = False, colour="teal") -> bytes:
    """A real image made with Pillow, with a GPS position in its EXIF when asked."""
    image = Image.new("RGB", size, colour)
    buffer = io.BytesIO()
    extra = {}
    if gps:
        exif = Image.Exif()
        exif[0x010F] = "Phone maker"
        exif[0x8825] = GPS
        # TIFF's writer wants the EXIF as bytes to follow its GPS sub-directory
        extra["exif"] = exif.tobytes() if fmt == "TIFF" else exif
    image.save(buffer, fmt, **extra)
    return buffer.getvalue()


def given(**overrides) -> contributions.Given:
    values = dict(name="Anna Bērziņa", contact="anna@example.lv", title="Skolas salidojums",
                  story="Salidojums pie skolas 1962. gada vasarā.", place="Ezerkalne",
                  date_text="ap. 1962", consent_publish=True, consent_name=True, branch="")
    values.update(overrides)
    return contributions.Given(**values)


def file(name: str, data: bytes) -> contributions.GivenFile:
    return contributions.GivenFile(name, data)


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "TIFF"])
def test_gps_made_with_pillow_is_found_and_removed_from_the_copy(fmt):
    data = photo(fmt, gps=True)
    assert has_gps(data)
    cleaned = without_metadata(data, fmt)
    assert not has_gps(cleaned)
    with Image.open(io.BytesIO(cleaned)) as image:
        exif = image.getexif()  # a TIFF's own structure (size, strips) is read as EXIF too
        assert 0x010F not in exif and 0x8825 not in exif
        if fmt != "TIFF":
            assert not exif
        assert image.size == (60, 40)
        image.load()


def test_jpeg_copy_keeps_the_compressed_image_untouched():
    data = photo("JPEG", gps=True)
    cleaned = without_metadata(data, "JPEG")
    scan = data.index(b"\xff\xda")
    assert cleaned.endswith(data[scan:]) and len(cleaned) < len(data)


@pytest.mark.parametrize("name,data,code", [
    ("story.jpg", b"Just some text, renamed", "not_image"),
    ("iphone.jpg", b"\x00\x00\x00\x18ftypheic" + bytes(40), "heic"),
    ("cut.png", photo("PNG", size=(400, 300), colour="red")[:-300] + bytes(10), "damaged"),
])
def test_files_are_judged_by_content(name, data, code):
    with pytest.raises(BadPhoto) as refused:
        check_photo(name, data, 10_000_000)
    assert refused.value.code == code and name in str(refused.value)


def test_an_image_over_the_pixel_limit_is_refused_before_decoding():
    with pytest.raises(BadPhoto) as refused:
        check_photo("big.png", photo("PNG", size=(100, 100)), max_pixels=5_000)
    assert refused.value.code == "too_many_pixels"


def test_a_jpeg_named_png_is_taken_for_what_it_is():
    checked = check_photo("photo.png", photo("JPEG"), 10_000_000)
    assert checked.mime_type == "image/jpeg" and checked.suffix == ".jpg"


def test_submit_keeps_files_under_their_own_prefix_and_no_raw_address(app):
    contribution = contributions.submit(given(), [file("a.png", photo()), file("b.jpg", photo("JPEG"))],
                                        "203.0.113.9")
    assert contribution.status == "new"
    assert [f.storage_key for f in contribution.files] == [
        f"contributions/{contribution.id}/0.png", f"contributions/{contribution.id}/1.jpg"]
    assert all(media_store().exists(f.storage_key) for f in contribution.files)
    assert "203.0.113.9" not in contribution.client_key and len(contribution.client_key) == 64
    assert contribution.client_key == contributions.client_key("203.0.113.9")


def test_submit_reports_every_problem_at_once(app):
    with pytest.raises(contributions.ContributionRefused) as refused:
        contributions.submit(given(name=" ", consent_publish=False, branch="nowhere"),
                             [file("note.jpg", b"text"), file("ok.png", photo())], "203.0.113.9")
    fields = {p.field for p in refused.value.problems}
    assert fields == {"name", "consent_publish", "photos", "branch"}
    assert db.session.query(Contribution).count() == 0


def test_rate_limit_counts_per_address(app):
    app.config["HERITAGE_CONTRIBUTIONS_PER_HOUR"] = 2
    for _ in range(2):
        contributions.submit(given(), [], "203.0.113.9")
    with pytest.raises(contributions.TooManyContributions):
        contributions.submit(given(), [], "203.0.113.9")
    contributions.submit(given(), [], "198.51.100.7")  # another address is not held back


def _accepted(app, files, **overrides):
    make_branch("ezerkalne")
    make_branch("lejasciems", "Lejasciema bibliotēka")
    coordinator = make_user("coordinator", branch=None)
    contribution = contributions.submit(given(branch="lejasciems", **overrides), files, "203.0.113.9")
    item = contributions.accept(contribution.id, coordinator)
    return contribution, item, coordinator


def test_accept_makes_a_draft_item_in_the_chosen_branch(app):
    contribution, item, coordinator = _accepted(app, [file("a.png", photo())])
    item = db.session.get(Item, item.id)
    assert item.status == "draft" and item.branch.slug == "lejasciems"
    assert item.created_by_id == coordinator.id
    record = item.record
    assert record.first("description") == "Salidojums pie skolas 1962. gada vasarā."
    assert record.first("coverage") == "Ezerkalne" and record.first("date") == "ap. 1962"
    assert record.first("contributor") == "Anna Bērziņa"
    assert record.first("rights")
    assert len(item.pages) == 1 and item.pages[0].image_key
    assert contribution.status == "accepted" and contribution.item_id == item.id
    actions = {(e.action, e.object_type) for e in db.session.query(AuditEntry)
               .filter(AuditEntry.user_id == coordinator.id)}
    assert {("accept", "contribution"), ("create", "item")} <= actions


def test_the_giver_is_not_named_without_consent(app):
    _, item, _ = _accepted(app, [], consent_name=False)
    assert db.session.get(Item, item.id).record.get("contributor") == []


def test_gps_never_reaches_the_items_files_but_the_given_original_is_kept(app):
    contribution, item, _ = _accepted(app, [file("phone.jpg", photo("JPEG", size=(900, 700), gps=True))])
    store = media_store()
    page = db.session.get(Item, item.id).pages[0]
    for key in (page.image_key, page.thumbnail_key, page.media_file.storage_key):
        with store.open(key) as handle:
            data = handle.read()
        assert not has_gps(data), key
        with Image.open(io.BytesIO(data)) as image:
            assert not image.getexif(), key
    pyramid = page_pyramid(page)
    ensure_pyramid(store, page, pyramid)
    tiles = list((Path(store.root) / pyramid_prefix(page, pyramid)).rglob("*.jpg"))
    assert tiles
    for tile in tiles:
        with Image.open(tile) as image:
            assert not image.getexif(), tile
    with store.open(contribution.files[0].storage_key) as handle:
        assert has_gps(handle.read())  # as the resident gave it, staff-only


def test_reject_deletes_the_files_and_keeps_the_row(app):
    coordinator = make_user("coordinator", branch=None)
    contribution = contributions.submit(given(), [file("a.png", photo())], "203.0.113.9")
    key = contribution.files[0].storage_key
    contributions.reject(contribution.id, coordinator, "Not of our parish.")
    contribution = db.session.get(Contribution, contribution.id)
    assert contribution.status == "rejected" and contribution.files == []
    assert contribution.review_note == "Not of our parish."
    assert not media_store().exists(key)
    assert db.session.query(AuditEntry).filter_by(object_type="contribution", action="reject").count() == 2


def test_reject_needs_a_note_and_a_decided_one_cannot_be_decided_again(app):
    coordinator = make_user("coordinator", branch=None)
    contribution = contributions.submit(given(), [], "203.0.113.9")
    with pytest.raises(InvalidInput, match="note"):
        contributions.reject(contribution.id, coordinator, "  ")
    contributions.reject(contribution.id, coordinator, "Duplicate")
    with pytest.raises(InvalidInput, match="already"):
        contributions.accept(contribution.id, coordinator)


@pytest.mark.parametrize("role", ["cataloguer", "volunteer"])
def test_only_moderators_may_moderate(app, role):
    user = make_user(role)
    contribution = contributions.submit(given(), [], "203.0.113.9")
    with pytest.raises(NotAllowed):
        contributions.accept(contribution.id, user)
    with pytest.raises(NotAllowed):
        contributions.queue(user)


def test_queue_puts_waiting_ones_first(app):
    coordinator = make_user("coordinator", branch=None)
    first = contributions.submit(given(title="first"), [], "203.0.113.9")
    second = contributions.submit(given(title="second"), [], "203.0.113.9")
    contributions.reject(first.id, coordinator, "no")
    third = contributions.submit(given(title="third"), [], "203.0.113.8")
    assert [c.id for c in contributions.queue(coordinator)] == [second.id, third.id, first.id]
