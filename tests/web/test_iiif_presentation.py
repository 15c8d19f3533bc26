"""IIIF Presentation 3.0 manifests and collections, each loaded with the iiif-prezi3 models."""
from __future__ import annotations

import hashlib
import io
from urllib.parse import urlsplit

import pytest

from heritage.extensions import db
from heritage.models import MediaFile
from heritage.services import media_store
from heritage.storage import original_key
from tests.factories import make_alto_item, make_item, render_text
from tests.recordings import make_recording_item, needs_av

iiif_prezi3 = pytest.importorskip("iiif_prezi3")

PROFILE = 'application/ld+json;profile="http://iiif.io/api/presentation/3/context.json"'
READING_ROOM = {"REMOTE_ADDR": "10.20.1.5"}


def manifest_of(client, item_id: int, **kwargs) -> dict:
    """The item's manifest, checked as JSON-LD with CORS, and loaded by iiif-prezi3."""
    response = client.get(f"/iiif/3/items/{item_id}/manifest.json", **kwargs)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == PROFILE
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    data = response.get_json(force=True)
    iiif_prezi3.Manifest(**data)  # raises a pydantic ValidationError when not valid
    return data


def path_of(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def painting_bodies(canvas: dict) -> list[dict]:
    return [annotation["body"] for page in canvas["items"] for annotation in page["items"]]


def test_manifest_of_a_two_page_item(client):
    item = make_item(title="Vecpils skola", texts=("Pirmā lapa par skolu.", "Otrā lapa."),
                     creator="Jānis Bērziņš", description="Skolas vēsture.", date="1935",
                     rights="https://creativecommons.org/licenses/by/4.0/")
    data = manifest_of(client, item.id)
    base = "http://localhost/iiif/3/"
    assert data["@context"] == "http://iiif.io/api/presentation/3/context.json"
    assert data["id"] == f"{base}items/{item.id}/manifest.json"
    assert data["label"] == {"lv": ["Vecpils skola"]}
    assert data["summary"] == {"none": ["Skolas vēsture."]}
    labels = {entry["label"]["en"][0]: entry for entry in data["metadata"]}
    assert labels["Creator"]["label"] == {"lv": ["Autors"], "lt": ["Autorius"], "en": ["Creator"]}
    assert labels["Creator"]["value"] == {"none": ["Jānis Bērziņš"]}
    assert labels["Date"]["value"] == {"none": ["1935"]}
    assert "Novadpētniecības digitālais arhīvs" in data["requiredStatement"]["value"]["none"][0]
    assert data["rights"] == "http://creativecommons.org/licenses/by/4.0/"
    assert data["homepage"][0]["id"] == f"http://localhost/items/{item.id}"
    assert data["service"] == [{"id": f"{base}items/{item.id}/search", "type": "SearchService2"},
                               {"@id": f"{base}items/{item.id}/search1", "@type": "SearchService1",
                                "profile": "http://iiif.io/api/search/1/search"}]

    canvases = data["items"]
    assert [c["id"] for c in canvases] == [f"{base}items/{item.id}/canvas/{n}" for n in (1, 2)]
    for number, (canvas, page) in enumerate(zip(canvases, item.pages), 1):
        assert (canvas["width"], canvas["height"]) == (page.width, page.height)
        [body] = painting_bodies(canvas)
        image = f"{base}{item.id}-{number}"
        assert body["id"] == f"{image}/full/max/0/default.jpg"
        assert body["service"] == [{"id": image, "type": "ImageService3", "profile": "level1"}]
        assert canvas["rendering"][0]["format"] == "text/plain"
    links = [data["homepage"][0]["id"], data["thumbnail"][0]["id"], data["seeAlso"][0]["id"],
             *(r["id"] for r in data["rendering"]),
             *(r["id"] for c in canvases for r in c["rendering"] + c["thumbnail"])]
    for link in links:
        assert client.get(path_of(link)).status_code == 200, link


def test_alto_is_see_also_of_its_canvas(client):
    item = make_alto_item(("Ezera krastā zvejnieki",))
    [canvas] = manifest_of(client, item.id)["items"]
    [alto] = canvas["seeAlso"]
    assert alto["profile"] == "http://www.loc.gov/standards/alto/v4/alto.xsd"
    response = client.get(path_of(alto["id"]))
    assert response.status_code == 200 and b"<alto" in response.data


def test_a_pdf_beside_the_pages_is_a_rendering(client):
    item = make_item(texts=("Lapa viens.", "Lapa divi."))
    buffer = io.BytesIO()
    render_text("Lapa viens.", width=400, size=20).save(buffer, "PDF")
    data = buffer.getvalue()
    sha = hashlib.sha256(data).hexdigest()
    media_store().put_bytes(original_key(sha, ".pdf"), data)
    item.media_files.append(MediaFile(position=2, original_name="skola.pdf", sha256=sha,
                                      storage_key=original_key(sha, ".pdf"),
                                      mime_type="application/pdf", size=len(data)))
    db.session.commit()
    manifest = manifest_of(client, item.id)
    [pdf] = [r for r in manifest["rendering"] if r["format"] == "application/pdf"]
    assert pdf["type"] == "Text" and pdf["label"] == {"none": ["skola.pdf"]}
    response = client.get(path_of(pdf["id"]))
    assert response.status_code == 200 and response.data == data
    assert len(manifest["items"]) == 2


def test_a_staff_only_file_never_appears(client):
    item = make_item(texts=("Atklāta lapa.", "Slepena lapa."))
    item.media_files[1].access_level = "staff"
    db.session.commit()
    manifest = manifest_of(client, item.id)
    assert [c["id"].rsplit("/", 1)[1] for c in manifest["items"]] == ["1"]
    assert [r["label"]["none"][0] for r in manifest["rendering"]] == ["1.png"]


@pytest.mark.parametrize("level", ["metadata_only", "embargo", "reading_room"])
def test_closed_files_give_canvases_without_bodies(client, level):
    item = make_item(texts=("Slēgta lapa.", "Vēl viena."), access_level=level,
                     creator="Anna Ozola")
    manifest = manifest_of(client, item.id)
    assert len(manifest["items"]) == 2
    for canvas in manifest["items"]:
        assert painting_bodies(canvas) == []
        assert canvas["width"] and canvas["height"]
        assert not {"rendering", "seeAlso", "thumbnail"} & set(canvas)
    assert not {"rendering", "service", "thumbnail"} & set(manifest)
    assert manifest["metadata"] and manifest["label"] == {"lv": ["Vecpils skola"]}


def test_reading_room_opens_its_files_there(app, client):
    app.config["HERITAGE_READING_ROOM_IPS"] = ["10.20.0.0/16"]
    item = make_item(texts=("Lasītavas lapa.",), access_level="reading_room")
    outside = manifest_of(client, item.id)
    inside = client.get(f"/iiif/3/items/{item.id}/manifest.json", environ_base=READING_ROOM)
    assert painting_bodies(outside["items"][0]) == []
    assert len(painting_bodies(inside.get_json(force=True)["items"][0])) == 1
    assert inside.headers["Cache-Control"].startswith("private")


@pytest.mark.parametrize("overrides", [{"access_level": "staff"}, {"status": "draft"}])
def test_unpublished_and_staff_items_are_not_found(client, overrides):
    item = make_item(**overrides)
    response = client.get(f"/iiif/3/items/{item.id}/manifest.json")
    assert response.status_code == 404
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert "error" in response.get_json(force=True)
    assert client.get("/iiif/3/items/9999/manifest.json").status_code == 404


@needs_av
def test_recording_item_is_a_timed_canvas_with_its_transcript(client):
    item = make_recording_item(cues=(("Anna Ozola", "Mēs dzīvojām pie ezera."),
                                     ("Līga Kalniņa", "Un kas notika tālāk?")))
    recording = item.recordings[0]
    manifest = manifest_of(client, item.id)
    [canvas] = manifest["items"]
    canvas_id = f"http://localhost/iiif/3/items/{item.id}/canvas/r{recording.id}"
    assert canvas["id"] == canvas_id and canvas["duration"] == pytest.approx(0.5)
    assert "width" not in canvas
    [body] = painting_bodies(canvas)
    assert body["type"] == "Choice"
    for sound in body["items"]:
        assert sound["type"] == "Sound" and sound["duration"] == pytest.approx(0.5)
        response = client.get(path_of(sound["id"]))
        assert response.status_code == 200
        assert response.mimetype == sound["format"].split(";")[0]
    [transcript] = canvas["annotations"]
    cues = transcript["items"]
    assert [c["body"]["value"] for c in cues] == ["Mēs dzīvojām pie ezera.", "Un kas notika tālāk?"]
    assert {c["motivation"] for c in cues} == {"supplementing"}
    assert [c["target"] for c in cues] == [f"{canvas_id}#t=0,0.1", f"{canvas_id}#t=0.1,0.2"]
    [vtt] = canvas["rendering"]
    response = client.get(path_of(vtt["id"]))
    assert response.status_code == 200 and response.data.startswith(b"WEBVTT")
    assert "service" not in manifest  # no page text to search


@needs_av
def test_closed_recording_gives_neither_sound_nor_words(client):
    item = make_recording_item(access_level="metadata_only")
    [canvas] = manifest_of(client, item.id)["items"]
    assert canvas["duration"] == pytest.approx(0.5)
    assert painting_bodies(canvas) == [] and "annotations" not in canvas
    assert "rendering" not in canvas


def test_collection_lists_its_described_items(client, school_archive):
    response = client.get("/iiif/3/collections/ezermalas-vestis.json")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == PROFILE
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    data = response.get_json(force=True)
    iiif_prezi3.Collection(**data)
    ids = {ref["id"] for ref in data["items"]}
    assert ids == {f"http://localhost/iiif/3/items/{school_archive[k].id}/manifest.json"
                   for k in ("school", "teacher")}
    school = next(r for r in data["items"] if r["label"] == {"lv": ["Krāslavas skola"]})
    assert client.get(path_of(school["thumbnail"][0]["id"])).status_code == 200
    assert client.get(path_of(school["id"])).status_code == 200
    # the draft and the staff-only item are in testa-kolekcija: nothing there is public
    assert client.get("/iiif/3/collections/testa-kolekcija.json").status_code == 404
    assert client.get("/iiif/3/collections/nav-tadas.json").status_code == 404


def test_top_collection_lists_the_collections(client, school_archive):
    response = client.get("/iiif/3/collection.json")
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    data = response.get_json(force=True)
    iiif_prezi3.Collection(**data)
    assert {ref["id"].rsplit("/", 1)[1] for ref in data["items"]} == {
        "ezermalas-vestis.json", "fotoalbums.json"}
    for ref in data["items"]:
        assert client.get(path_of(ref["id"])).status_code == 200


@needs_av
def test_video_canvas_has_a_size_and_index_segments_are_ranges(client):
    from heritage.models import Segment

    item = make_recording_item()
    recording = item.recordings[0]
    recording.kind, recording.width, recording.height = "video", 320, 240
    recording.segments = [Segment(position=0, start=0.0, end=0.2, title="Bērnība"),
                          Segment(position=1, start=0.2, end=None, title="Kolhozs")]
    db.session.commit()
    manifest = manifest_of(client, item.id)
    [canvas] = manifest["items"]
    assert (canvas["width"], canvas["height"]) == (320, 240)
    assert {body["type"] for body in painting_bodies(canvas)[0]["items"]} == {"Video"}
    assert [(r["label"], r["items"][0]["id"].split("#")[1]) for r in manifest["structures"]] == [
        ({"lv": ["Bērnība"]}, "t=0,0.2"), ({"lv": ["Kolhozs"]}, "t=0.2,0.5")]
