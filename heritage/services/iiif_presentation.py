"""IIIF Presentation API 3.0: an item as a manifest, a collection as a IIIF collection.

Everything is built as plain dicts (JSON-LD) from the item and the one access policy
(:mod:`heritage.services.access`); the web layer passes what only it knows (the site's base
URL, a builder of the public site's addresses, the translated element labels) in a
:class:`Context`. The IIIF addresses themselves are fixed by the IIIF design, so they are
formatted from the base URL.

What the visitor sees follows the item page:

- a page whose file is staff-only is left out; a page closed to this visitor (reading room,
  embargo, metadata only) is a canvas with its size and label but no image, text or ALTO,
  so a viewer shows how many pages there are without showing any of them;
- a recording is a canvas with its ``duration`` (and size for video); when open its access
  copies are the painting body and its transcript cues are ``supplementing`` annotations.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable

from ..models import Collection, Item, Page, Recording
from . import access
from .collections import public_collection, public_collections
from .items import published_in, public_item
from .recordings import access_copies

CONTEXT = "http://iiif.io/api/presentation/3/context.json"
ALTO_PROFILE = "http://www.loc.gov/standards/alto/v4/alto.xsd"
OAI_DC_PROFILE = "http://www.openarchives.org/OAI/2.0/oai_dc/"
#: The only rights URIs IIIF allows in ``rights`` (both with http, as their owners publish them)
RIGHTS_URI = re.compile(r"^https?://(rightsstatements\.org|creativecommons\.org)/\S+$")
#: Enough to list a whole local-history collection at once (paging is not implemented)
COLLECTION_LIMIT = 100_000
ATTRIBUTION = {"lv": ["Atsauce un tiesības"], "lt": ["Nuoroda ir teisės"],
               "en": ["Attribution"]}
HOMEPAGE = {"lv": ["Vienības lapa arhīvā"], "lt": ["Įrašo puslapis archyve"],
            "en": ["Item page in the archive"]}
#: Resource types of an original file by the start of its MIME type
FILE_TYPES = (("image/", "Image"), ("audio/", "Sound"), ("video/", "Video"),
              ("text/", "Text"), ("application/pdf", "Text"))


@dataclass
class Context:
    """What the web layer knows: addresses, the site's name, labels, the visitor's place.

    ``link(endpoint, **values)`` gives the absolute address of a public route;
    ``labels[element]`` a language map (``{"lv": [...], "lt": [...], "en": [...]}``).
    """

    base: str  # the site's root URL, ending in "/"
    link: Callable[..., str]
    site_name: str
    oai_namespace: str
    labels: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    reading_room: bool = False

    def iiif(self, path: str) -> str:
        """An address under /iiif/3/."""
        return f"{self.base}iiif/3/{path}"


# --- addresses -----------------------------------------------------------------------------------

def manifest_id(ctx: Context, item_id: int) -> str:
    """The manifest's address."""
    return ctx.iiif(f"items/{item_id}/manifest.json")


def canvas_id(ctx: Context, item_id: int, name: str | int) -> str:
    """A canvas of the item: a page's sequence, or ``r<recording id>``."""
    return ctx.iiif(f"items/{item_id}/canvas/{name}")


def image_base(ctx: Context, item_id: int, sequence: int) -> str:
    """The IIIF Image API base URI of a page."""
    return ctx.iiif(f"{item_id}-{sequence}")


def collection_id(ctx: Context, slug: str) -> str:
    """The address of a heritage collection as a IIIF collection."""
    return ctx.iiif(f"collections/{slug}.json")


# --- language maps -------------------------------------------------------------------------------

def language_map(values) -> dict[str, list[str]]:
    """Dublin Core values (``.text``, ``.lang``) as a IIIF language map; untagged → ``none``."""
    found: dict[str, list[str]] = {}
    for value in values:
        text = value.text.strip()
        if text:
            found.setdefault((value.lang or "none").lower(), []).append(text)
    return found


def item_label(item: Item) -> dict[str, list[str]]:
    """The item's titles as a language map (its number when it has none)."""
    return language_map(item.record.get("title")) or {"none": [f"#{item.id}"]}


# --- manifest ------------------------------------------------------------------------------------

def item_manifest(item_id: int, ctx: Context) -> dict:
    """The manifest of a public item (:class:`ItemNotFound` as :func:`public_item` raises it)."""
    item = public_item(item_id)
    record = item.record
    pages = [page for page in item.pages if _visible(item, page.media_file)]
    recordings = [rec for rec in item.recordings if _visible(item, rec.media_file)]
    manifest = {
        "@context": CONTEXT, "id": manifest_id(ctx, item.id), "type": "Manifest",
        "label": item_label(item),
        "metadata": _metadata(record, ctx),
        "requiredStatement": _required_statement(record, ctx),
        "provider": [_provider(ctx)],
        "homepage": [{"id": ctx.link("public.item", item_id=item.id), "type": "Text",
                      "label": HOMEPAGE, "format": "text/html"}],
        "seeAlso": [_oai_record(item, ctx)],
        "partOf": [{"id": collection_id(ctx, item.collection.slug), "type": "Collection",
                    "label": {"none": [item.collection.title]}}],
        "items": [_page_canvas(item, page, ctx) for page in pages]
        + [_recording_canvas(item, rec, ctx) for rec in recordings],
    }
    summary = language_map([*record.get("description"), *record.get("abstract")])
    if summary:
        manifest["summary"] = summary
    rights = _rights_uri(record)
    if rights:
        manifest["rights"] = rights
    thumbnail = next((_thumbnail(ctx, item.id, p.sequence) for p in pages if _open(item, p, ctx)),
                     None)
    if thumbnail:
        manifest["thumbnail"] = [thumbnail]
    originals = [_original(item, media, ctx) for media in item.media_files
                 if access.media_open(item, media, reading_room=ctx.reading_room)]
    if originals:
        manifest["rendering"] = originals
    if any(_open(item, p, ctx) and p.ocr_text.strip() for p in pages):
        # 2.0 for current viewers; 1.0 beside it for Mirador 4, which reads only 0/1 profiles
        manifest["service"] = [{"id": ctx.iiif(f"items/{item.id}/search"),
                                "type": "SearchService2"},
                               {"@id": ctx.iiif(f"items/{item.id}/search1"),
                                "@type": "SearchService1",
                                "profile": "http://iiif.io/api/search/1/search"}]
    structures = [r for rec in recordings if _open_media(item, rec.media_file, ctx)
                  for r in _segment_ranges(item, rec, ctx)]
    if structures:
        manifest["structures"] = structures
    return manifest


def _visible(item: Item, media) -> bool:
    """Whether the public may know of the file at all (a staff-only file never appears)."""
    return access.file_level(item, getattr(media, "access_level", None)) != "staff"


def _open_media(item: Item, media, ctx: Context) -> bool:
    return access.media_open(item, media, reading_room=ctx.reading_room)


def _open(item: Item, page: Page, ctx: Context) -> bool:
    return _open_media(item, page.media_file, ctx)


def _metadata(record, ctx: Context) -> list[dict]:
    """Each Dublin Core element with its values, labelled in lv/lt/en, in the record's order."""
    elements = list(dict.fromkeys(element for element, _ in record.items()))
    entries = []
    for element in elements:
        value = language_map(record.get(element))
        if value:
            label = ctx.labels.get(element) or {"none": [element]}
            entries.append({"label": label, "value": value})
    return entries


def _required_statement(record, ctx: Context) -> dict:
    """Attribution: the site, and the record's rights statement and holder when there are any."""
    parts = [ctx.site_name] + [v.text.strip() for element in ("rightsHolder", "rights", "license")
                               for v in record.get(element) if v.text.strip()]
    return {"label": ATTRIBUTION, "value": {"none": [". ".join(dict.fromkeys(parts))]}}


def _rights_uri(record) -> str | None:
    """The first rights or licence value that is a Creative Commons or RightsStatements.org URI."""
    for element in ("rights", "license"):
        for value in record.get(element):
            text = value.text.strip()
            if RIGHTS_URI.match(text):
                return "http://" + text.split("://", 1)[1]
    return None


def _provider(ctx: Context) -> dict:
    return {"id": ctx.link("public.home"), "type": "Agent", "label": {"none": [ctx.site_name]},
            "homepage": [{"id": ctx.link("public.home"), "type": "Text",
                          "label": {"none": [ctx.site_name]}, "format": "text/html"}]}


def _oai_record(item: Item, ctx: Context) -> dict:
    """The item's Dublin Core record from the OAI-PMH endpoint."""
    address = (f"{ctx.link('oai.endpoint')}?verb=GetRecord&metadataPrefix=oai_dc"
               f"&identifier=oai:{ctx.oai_namespace}:{item.id}")
    return {"id": address, "type": "Dataset", "format": "text/xml", "profile": OAI_DC_PROFILE,
            "label": {"en": ["Dublin Core record (OAI-PMH)"]}}


def _thumbnail(ctx: Context, item_id: int, sequence: int) -> dict:
    return {"id": ctx.link("public.page_image", item_id=item_id, sequence=sequence, kind="thumb"),
            "type": "Image", "format": "image/jpeg"}


def _original(item: Item, media, ctx: Context) -> dict:
    """A download of an original file (PDF, TIFF, WAV …), as a ``rendering``."""
    kind = next((name for prefix, name in FILE_TYPES if media.mime_type.startswith(prefix)),
                "Dataset")
    return {"id": ctx.link("public.original_file", item_id=item.id, position=media.position),
            "type": kind, "format": media.mime_type, "label": {"none": [media.original_name]}}


def _page_canvas(item: Item, page: Page, ctx: Context) -> dict:
    """A page: its image from the Image API, its text and ALTO, when open to the visitor."""
    canvas = canvas_id(ctx, item.id, page.sequence)
    painting = {"id": f"{canvas}/page", "type": "AnnotationPage", "items": []}
    result = {"id": canvas, "type": "Canvas", "label": {"none": [str(page.sequence)]},
              "height": page.height, "width": page.width, "items": [painting]}
    if not _open(item, page, ctx):
        return result  # closed: its size and place in the item only
    service = image_base(ctx, item.id, page.sequence)
    painting["items"].append({
        "id": f"{canvas}/page/image", "type": "Annotation", "motivation": "painting",
        "target": canvas,
        "body": {"id": f"{service}/full/max/0/default.jpg", "type": "Image",
                 "format": "image/jpeg", "height": page.height, "width": page.width,
                 "service": [{"id": service, "type": "ImageService3", "profile": "level1"}]}})
    result["thumbnail"] = [_thumbnail(ctx, item.id, page.sequence)]
    if page.ocr_text.strip():
        result["rendering"] = [{
            "id": ctx.link("public.page_text", item_id=item.id, sequence=page.sequence),
            "type": "Text", "format": "text/plain",
            "label": {"en": ["Recognised text"], "lv": ["Atpazītais teksts"],
                      "lt": ["Atpažintas tekstas"]}}]
    if page.alto_key:
        result["seeAlso"] = [{
            "id": ctx.link("public.page_alto", item_id=item.id, sequence=page.sequence),
            "type": "Dataset", "format": "application/xml", "profile": ALTO_PROFILE,
            "label": {"none": ["ALTO XML"]}}]
    return result


def _recording_canvas(item: Item, recording: Recording, ctx: Context) -> dict:
    """A recording: a canvas as long as it, its access copies and its transcript when open."""
    canvas = canvas_id(ctx, item.id, f"r{recording.id}")
    painting = {"id": f"{canvas}/page", "type": "AnnotationPage", "items": []}
    result = {"id": canvas, "type": "Canvas", "label": item_label(item),
              "duration": max(recording.duration, 0.001), "items": [painting]}
    video = recording.kind == "video" and recording.width and recording.height
    if video:
        result["width"], result["height"] = recording.width, recording.height
    if not _open_media(item, recording.media_file, ctx):
        return result
    bodies = [_media_body(item, recording, number, copy, ctx)
              for number, copy in enumerate(access_copies(recording))]
    if bodies:
        painting["items"].append({
            "id": f"{canvas}/page/media", "type": "Annotation", "motivation": "painting",
            "target": canvas,
            "body": bodies[0] if len(bodies) == 1 else {"type": "Choice", "items": bodies}})
    if recording.cues:
        result["annotations"] = [_transcript_page(item, recording, canvas)]
        vtt = ctx.link("public.recording_transcript", item_id=item.id,
                       recording_id=recording.id, fmt="vtt")
        result["rendering"] = [{"id": vtt, "type": "Text", "format": "text/vtt",
                                "language": [recording.language],
                                "label": {"en": ["Transcript (WebVTT)"],
                                          "lv": ["Atšifrējums (WebVTT)"],
                                          "lt": ["Transkripcija (WebVTT)"]}}]
    if recording.poster_key:
        result["thumbnail"] = [{"id": ctx.link("public.recording_poster", item_id=item.id,
                                               recording_id=recording.id),
                                "type": "Image", "format": "image/jpeg"}]
    return result


def _media_body(item: Item, recording: Recording, number: int, copy: dict, ctx: Context) -> dict:
    body = {"id": ctx.link("public.recording_copy", item_id=item.id, recording_id=recording.id,
                           number=number),
            "type": "Video" if recording.kind == "video" else "Sound",
            "format": copy["mime_type"], "duration": max(recording.duration, 0.001)}
    if recording.kind == "video" and recording.width and recording.height:
        body["width"], body["height"] = recording.width, recording.height
    if copy.get("label"):
        body["label"] = {"none": [copy["label"]]}
    return body


def _transcript_page(item: Item, recording: Recording, canvas: str) -> dict:
    """The transcript's cues as ``supplementing`` annotations on their stretch of time."""
    page = f"{canvas}/transcript"
    language = recording.language or "none"
    return {"id": page, "type": "AnnotationPage", "items": [
        {"id": f"{page}/{number}", "type": "Annotation", "motivation": "supplementing",
         "body": {"type": "TextualBody", "value": cue.text, "format": "text/plain",
                  "language": language},
         "target": f"{canvas}#t={_seconds(cue.start)},{_seconds(cue.end)}"}
        for number, cue in enumerate(recording.cues, 1) if cue.text.strip()]}


def _segment_ranges(item: Item, recording: Recording, ctx: Context) -> list[dict]:
    """The recording's index segments as ranges (title and stretch of time)."""
    canvas = canvas_id(ctx, item.id, f"r{recording.id}")
    ranges = []
    for number, segment in enumerate(recording.segments, 1):
        end = segment.end if segment.end is not None else _next_start(recording, number)
        ranges.append({"id": ctx.iiif(f"items/{item.id}/range/r{recording.id}-{number}"),
                       "type": "Range", "label": {recording.language or "none": [segment.title]},
                       "items": [{"id": f"{canvas}#t={_seconds(segment.start)},{_seconds(end)}",
                                  "type": "Canvas"}]})
    return ranges


def _next_start(recording: Recording, number: int) -> float:
    """Where the segment after ``number`` starts, or the recording's end."""
    later = recording.segments[number:]
    return later[0].start if later else recording.duration


def _seconds(value: float) -> str:
    """Seconds for a media fragment, to the millisecond without trailing zeros."""
    return f"{value:.3f}".rstrip("0").rstrip(".") or "0"


# --- collections ---------------------------------------------------------------------------------

def collection_of(slug: str, ctx: Context) -> dict:
    """A heritage collection's published, described items as manifest references (all at once)."""
    collection, _ = public_collection(slug)
    items, _ = published_in(collection, 1, COLLECTION_LIMIT)
    result = {"@context": CONTEXT, "id": collection_id(ctx, collection.slug), "type": "Collection",
              "label": {"none": [collection.title]},
              "homepage": [{"id": ctx.link("public.collection", slug=collection.slug),
                            "type": "Text", "label": {"none": [collection.title]},
                            "format": "text/html"}],
              "provider": [_provider(ctx)],
              "partOf": [{"id": ctx.iiif("collection.json"), "type": "Collection"}],
              "items": [_manifest_ref(item, ctx) for item in items]}
    if collection.description.strip():
        result["summary"] = {"none": [collection.description.strip()]}
    return result


def _manifest_ref(item: Item, ctx: Context) -> dict:
    ref = {"id": manifest_id(ctx, item.id), "type": "Manifest", "label": item_label(item)}
    if access.first_page_open(item, reading_room=ctx.reading_room):
        ref["thumbnail"] = [_thumbnail(ctx, item.id, item.pages[0].sequence)]
    return ref


def top_collection(ctx: Context) -> dict:
    """Every collection with items the public may read about, as IIIF collection references."""
    return {"@context": CONTEXT, "id": ctx.iiif("collection.json"), "type": "Collection",
            "label": {"none": [ctx.site_name]}, "provider": [_provider(ctx)],
            "items": [_collection_ref(collection, ctx)
                      for collection, _ in public_collections()]}


def _collection_ref(collection: Collection, ctx: Context) -> dict:
    return {"id": collection_id(ctx, collection.slug), "type": "Collection",
            "label": {"none": [collection.title]}}
