"""The demonstration archive: invented scans rendered by heritage.demo, ingested and published."""
from __future__ import annotations

from pathlib import Path
from typing import Iterator

from sqlalchemy import func, select

from ..errors import HeritageError
from ..extensions import db
from ..models import Collection, Item
from .collections import get_collection
from .ingest import ingest_folder


def demo_is_built(slugs: list[str]) -> int:
    """How many published items the demo collections hold (0 when any is missing)."""
    found = db.session.scalars(select(Collection).where(Collection.slug.in_(slugs))).all()
    if len(found) < len(slugs):
        return 0
    return db.session.scalar(select(func.count(Item.id)).where(
        Item.collection_id.in_([c.id for c in found]), Item.status == "published")) or 0


def build_demo(target: Path, force: bool = False) -> Iterator[str]:
    """Render the demo sources into ``target`` and ingest them; yields progress lines."""
    from ..demo import write_demo_sources
    from ..demo.sources import COLLECTION_SPECS

    slugs = [spec["slug"] for spec in COLLECTION_SPECS]
    built = demo_is_built(slugs)
    yield _seed_demo_places()  # also when already built, so older instances get the gazetteer
    if built and not force:
        yield f"The demo collection is already built ({built} items); --force ingests it again."
        if not _demo_exhibition_exists():  # an archive built before exhibitions existed
            yield build_demo_exhibition()
        yield from build_demo_interview(target)
        yield from seed_demo_staff(target.parent)
        return
    yield f"Rendering the demo scans into {target} …"
    for source in write_demo_sources(target):
        report = ingest_folder(source.folder, source.slug, lang=source.ocr_lang, publish=True)
        _describe_collection(source)
        yield report.summary()
        if not report.ok:
            raise HeritageError("the demo sources could not all be ingested: "
                                + "; ".join(f"{name}: {why}" for name, why in report.failed))
    yield build_demo_exhibition()  # after the ingest: it names the demo items by title
    yield from build_demo_interview(target)
    yield from seed_demo_staff(target.parent)


INTERVIEW_COLLECTION = "mutvardu-vesture"


def build_demo_interview(target: Path) -> Iterator[str]:
    """The demo's oral history: an invented interview spoken by espeak-ng, with its transcript
    and index, ingested like any recording and published with a signed release."""
    import csv
    import shutil

    from ..demo.interview_text import METADATA
    from ..demo.recording import build_interview, write_sidecars
    from .interviews import InterviewForm, record_interview

    if demo_is_built([INTERVIEW_COLLECTION]):
        return
    if shutil.which("espeak-ng") is None:
        yield "No oral history in the demo: espeak-ng is not installed (apt install espeak-ng)."
        return
    folder = target / INTERVIEW_COLLECTION
    yield f"Speaking the demo interview into {folder} with espeak-ng …"
    interview = build_interview(folder)
    write_sidecars(interview, folder)
    with open(folder / "metadata.csv", "w", encoding="utf-8", newline="") as handle:
        rows = csv.writer(handle)
        rows.writerow(["file", "dc:title", "dc:creator", "dc:contributor", "dc:date",
                       "dcterms:spatial", "dc:language", "dc:description", "dc:subject",
                       "dc:rights"])
        rows.writerow([interview.audio.name, METADATA["title"], _inverted(METADATA["interviewee"]),
                       _inverted(METADATA["interviewer"]), METADATA["date"], "Ezerkalne",
                       METADATA["language"], METADATA["description"], "Mutvārdu vēsture",
                       "http://rightsstatements.org/vocab/InC/1.0/"])
    report = ingest_folder(folder, INTERVIEW_COLLECTION, publish=True, workers=1)
    if not report.ok:
        raise HeritageError("the demo interview could not be ingested: "
                            + "; ".join(f"{name}: {why}" for name, why in report.failed))
    collection = get_collection(INTERVIEW_COLLECTION)
    collection.title = "Mutvārdu vēsture"
    collection.description = ("Novadnieku atmiņu stāsti, ierakstīti Ezerkalnes bibliotēkā: "
                              "klausieties, lasiet atšifrējumu, meklējiet līdz sekundei.")
    db.session.commit()
    for item_id in report.created:
        item = db.session.get(Item, item_id)
        form = InterviewForm([_inverted(METADATA["interviewee"])],
                             [_inverted(METADATA["interviewer"])], METADATA["language"], "",
                             "signed", METADATA["date"], METADATA["consent"])
        record_interview(item, form, by=None)
    yield report.summary()


def _inverted(name: str) -> str:
    """A person's name as catalogued: "Anna Ozola" -> "Ozola, Anna"."""
    first, _, last = name.rpartition(" ")
    return f"{last}, {first}" if first else name


def seed_demo_staff(folder: Path) -> Iterator[str]:
    """The demo's branch libraries, its items' branches, and one account per role.

    Passwords are random, written once to ``folder/demo-accounts.txt`` (readable by the
    owner only) and printed; accounts that exist are left as they are.
    """
    import os
    import secrets

    from ..demo.staff import ACCOUNTS, BRANCHES, COLLECTION_BRANCH
    from ..models import User
    from .accounts import create_user, ensure_branch

    branches = {slug: ensure_branch(slug, name, place, regional)
                for slug, name, place, regional in BRANCHES}
    for slug, branch in COLLECTION_BRANCH.items():
        collection = db.session.scalar(select(Collection).where(Collection.slug == slug))
        if collection is not None:
            db.session.query(Item).filter(Item.collection_id == collection.id,
                                          Item.branch_id.is_(None)).update(
                {Item.branch_id: branches[branch].id}, synchronize_session=False)
    from ..models import Exhibition
    regional = next(b for b in branches.values() if b.is_regional)
    db.session.query(Exhibition).filter(Exhibition.branch_id.is_(None)).update(
        {Exhibition.branch_id: regional.id}, synchronize_session=False)
    db.session.commit()
    made = []
    for username, role, branch, name in ACCOUNTS:
        if db.session.scalar(select(User.id).where(User.username == username)) is None:
            password = secrets.token_urlsafe(9)
            create_user(username, password, role, branch, display_name=name)
            made.append(f"{username}  {password}  ({role})")
    path = folder / "demo-accounts.txt"
    if made:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        with os.fdopen(fd, "a", encoding="utf-8") as handle:
            handle.write("\n".join(made) + "\n")
        yield "Demo staff accounts (sign in at /staff/login):"
        yield from (f"  {line}" for line in made)
    yield f"Demo branches: {len(branches)}; the demo accounts' passwords are in {path}."


def build_demo_exhibition() -> str:
    """(Re)build the demo exhibition, published and featured; returns a progress line.

    Raises :class:`heritage.errors.InvalidInput` naming a title that matches no item.
    """
    from ..demo import exhibition as spec
    from .exhibitions import add_block, add_page, create_exhibition, delete_exhibition, item_titled

    ids = {title: item_titled(title).id  # every title checked before anything is written
           for title in [spec.COVER, *spec.item_titles()]}
    delete_exhibition(spec.SLUG)
    exhibition = create_exhibition(spec.SLUG, spec.TITLE, summary=spec.SUMMARY,
                                   credits=spec.CREDITS, lang="lv", featured=True,
                                   cover_item_id=ids[spec.COVER], collections=spec.COLLECTIONS,
                                   publish=True)
    for page_spec in spec.PAGES:
        page = add_page(exhibition, page_spec.slug, page_spec.title)
        for block in page_spec.blocks:
            add_block(page, block.kind, block.body,
                      [(ids[title], caption) for title, caption in block.items])
    return f"Exhibition '{spec.SLUG}' built: {len(spec.PAGES)} pages, {len(ids)} items."


def _demo_exhibition_exists() -> bool:
    from ..demo.exhibition import SLUG
    from ..models import Exhibition

    return db.session.scalar(select(Exhibition.id).where(Exhibition.slug == SLUG)) is not None


def _seed_demo_places() -> str:
    """Put the demo parish's places in the gazetteer (again: nothing is doubled)."""
    from ..demo.places import DEMO_PLACES
    from .places import seed_places

    added, updated = seed_places(DEMO_PLACES)
    return f"Demo gazetteer: {added} places added, {updated} updated."


def _describe_collection(source) -> None:
    collection = get_collection(source.slug)
    collection.title = source.title.get("lv") or source.slug
    collection.description = source.description.get("lv", "")
    db.session.commit()
