"""The ``heritage`` command: ingest, OCR, search, index, demo, places, serve, users and branches.

Commands call services and fail loudly: a domain error becomes one clear line and exit 1.
"""
from __future__ import annotations

import functools
import os
import json
import sys
import time
from pathlib import Path

import click
from flask import current_app
from flask.cli import FlaskGroup, with_appcontext

from . import __version__, create_app
from .errors import HeritageError
from .search.query import SORTS


def _create_app():
    return create_app()


@click.group(cls=FlaskGroup, create_app=_create_app, add_default_commands=False,
             add_version_option=False, load_dotenv=False, set_debug_flag=False)
@click.version_option(__version__, prog_name="heritage")
def cli():
    """heritage — a local-history digital archive for public library networks.

    Settings come from HERITAGE_* environment variables (see the README); by default the
    database and index live in ./instance and the media in ./media.
    """


# FlaskGroup's --app, --env-file and --debug options belong to Flask's own tool, not to ours.
cli.params = [p for p in cli.params if p.name not in ("app", "env_file", "debug")]


def _fail_on_domain_errors(function):
    """Turn heritage's domain errors into one clear line and a non-zero exit."""
    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        try:
            return function(*args, **kwargs)
        except HeritageError as exc:
            raise click.ClickException(str(exc)) from None
    return wrapper


def _ready():
    """Bring the database schema up to date before a command uses it."""
    from .services.database import upgrade_schema

    upgrade_schema()


@cli.group()
def ingest():
    """Bring scans into the archive."""


@ingest.command("folder")
@click.argument("path", type=click.Path(file_okay=False, path_type=Path))
@click.option("--collection", "collection", required=True, metavar="SLUG",
              help="Collection to ingest into (created if it does not exist), e.g. ezermalas-vestis.")
@click.option("--lang", default=None, metavar="LANG",
              help="Tesseract OCR languages: lav, lit, rus, eng, Fraktur (pre-1940 print) or "
                   "combinations like lav+rus (default: the collection's, else HERITAGE_OCR_LANG).")
@click.option("--publish", is_flag=True, help="Publish the new items at once (default: drafts).")
@click.option("--workers", type=click.IntRange(0), default=None,
              help="OCR processes (default: HERITAGE_OCR_WORKERS; 0 = one per core).")
@click.option("--queue", "queued", is_flag=True,
              help="Queue one job per item on HERITAGE_JOB_QUEUE for `heritage jobs work` "
                   "processes (any machine) and return at once with the batch's job number.")
@click.option("--wait", is_flag=True,
              help="With --queue: follow the batch until it is done and print its report.")
@with_appcontext
@_fail_on_domain_errors
def ingest_folder_command(path, collection, lang, publish, workers, queued, wait):
    """Ingest every scan in PATH: each file one item, each subfolder one multi-page item.

    A metadata.csv beside the scans (a 'file' column plus Dublin Core headings such as
    'Dublin Core:Title') describes them. Exits with status 1 when any file failed; the
    good files are ingested all the same.
    """
    from .services.ingest import ingest_folder

    _ready()
    if queued:
        report = _queue_folder(path, collection, lang, publish, wait)
        if report is None:
            return
    else:
        with _ProgressBar("OCR") as bar:
            report = ingest_folder(path, collection, lang=lang, publish=publish, workers=workers,
                                   progress=bar.update, recording_progress=_RecordingSteps())
    _print_ingest_report(report)


def _queue_folder(path, collection, lang, publish, wait):
    """Queue the folder's items; with ``wait``, the batch's report once it is done."""
    from .services import queue

    if not queue.configured():
        raise click.ClickException("--queue needs HERITAGE_JOB_QUEUE (a Redis URL such as "
                                   "redis://localhost:6379/0); without it, leave out --queue")
    job, _ = queue.enqueue_folder(path, collection, lang=lang, publish=publish)
    click.echo(f"batch job #{job.id}: {job.total} items queued on {current_app.config['HERITAGE_JOB_QUEUE']}")
    if not wait:
        return None
    with _ProgressBar("items") as bar:
        while True:
            job, report = queue.batch_report(job.id)
            bar.update(job.done, job.total, report.pages)
            if job.status != "running":
                return report
            time.sleep(1)


def _print_ingest_report(report) -> None:
    """The end of an ingest, local or queued: what was passed over, failed and made."""
    for name, why in report.skipped:
        click.echo(f"skipped {name}: {why}", err=True)
    for warning in report.warnings:
        click.echo(f"warning: {warning}", err=True)
    for page in report.no_text:
        click.echo(f"no text found: {page} (kept; a photo or a blank page?)", err=True)
    for name, why in report.failed:
        click.echo(f"FAILED {name}: {why}", err=True)
    width = max(len(label) for label, _ in report.table())
    for label, count in report.table():
        click.echo(f"  {label:<{width}}  {count:>6}")
    click.echo(report.summary())
    if not report.ok:
        sys.exit(1)


class _RecordingSteps:
    """Says on stderr how far a long recording's access copies have got, every tenth of it."""

    def __init__(self):
        self.shown: dict[str, int] = {}

    def __call__(self, name: str, done: float, duration: float) -> None:
        tenth = int(10 * done / duration) if duration else 10
        if tenth > self.shown.get(name, -1) and duration >= 60:  # short files need no news
            self.shown[name] = tenth
            click.echo(f"{name}: access copies {tenth * 10}% "
                       f"({int(done) // 60}:{int(done) % 60:02d} of "
                       f"{int(duration) // 60}:{int(duration) % 60:02d})", err=True)


class _ProgressBar:
    """A click progress bar with pages per second, shown only on a terminal."""

    def __init__(self, label: str):
        self.label, self.bar, self.done, self.pages = label, None, 0, 0
        self.started = time.monotonic()

    def update(self, done: int, total: int, pages: int) -> None:
        """Advance to ``done`` of ``total`` files, ``pages`` pages read so far."""
        self.pages = pages
        if not sys.stderr.isatty():
            return
        if self.bar is None:
            self.bar = click.progressbar(length=total, label=self.label, file=sys.stderr,
                                         show_pos=True, show_eta=True, item_show_func=self._rate)
            self.bar.__enter__()
        self.bar.update(done - self.done, current_item=pages)
        self.done = done

    def _rate(self, pages) -> str:
        elapsed = time.monotonic() - self.started
        return f"{self.pages} pages, {self.pages / elapsed:.1f} pages/s" if elapsed > 0 else ""

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        if self.bar is not None:
            self.bar.__exit__(*exc)


@cli.command("ocr", short_help="OCR scans into <stem>.txt files (no archive).")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--lang", default="lav", show_default=True, metavar="LANG",
              help="Tesseract languages, e.g. lav, lit, rus, lav+rus, lav+Fraktur (pre-1940 print).")
@click.option("--out", "out", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder for the <file stem>.txt results (created if needed).")
@click.option("--workers", type=click.IntRange(0), default=0, help="OCR processes (0 = one per core).")
@with_appcontext
@_fail_on_domain_errors
def ocr_command(files, lang, out, workers):
    """OCR FILES into plain UTF-8 text files, without touching the archive."""
    from .ingest.pipeline import process_files
    from .services.ingest import check_ingest_language

    check_ingest_language(lang)
    missing = [f for f in files if not f.is_file()]
    out.mkdir(parents=True, exist_ok=True)
    failed = [(f, "no such file") for f in missing]
    present = [f for f in files if f.is_file()]
    pages = 0
    with _ProgressBar("OCR") as bar:
        results = process_files(present, lang, workers, max_pixels=current_app.config["HERITAGE_MAX_PIXELS"])
        for done, result in enumerate(results, start=1):
            pages += len(result.pages)
            bar.update(done, len(present), pages)
            if result.error:
                failed.append((result.path, result.error))
                continue
            # pages of a multi-page file are separated by a form feed, as Tesseract does
            text = "\n\f\n".join(page.text for page in result.pages)
            (out / f"{result.path.stem}.txt").write_text(text + "\n", "utf-8")
    for path, why in failed:
        click.echo(f"FAILED {path}: {why}", err=True)
    click.echo(f"{len(files) - len(failed)} of {len(files)} files read into {out}")
    if failed:
        sys.exit(1)


@cli.command("search", short_help="Search published items (--json for scripts).")
@click.argument("query")
@click.option("--json", "as_json", is_flag=True, help="Print the results as JSON.")
@click.option("--limit", type=click.IntRange(1, 1000), default=10, show_default=True,
              help="How many results at most.")
@click.option("--facet", "facets", multiple=True, metavar="FIELD",
              help="Count the results by FIELD (collection, type, place, decade, language, "
                   "newspaper, branch); repeatable.")
@click.option("--sort", type=click.Choice(SORTS), default="relevance", show_default=True,
              help="Order of the results.")
@with_appcontext
@_fail_on_domain_errors
def search_command(query, as_json, limit, facets, sort):
    """Search the published items, e.g. heritage search "kraslavas skola".

    Words match any inflection and any diacritics; "quoted words" match that exact form;
    OR, NOT/-word, title:/creator:/place:, 1935..1940 and skol* work as on the web page.
    """
    from .services.search import search_items

    found = search_items(query, page=1, page_size=limit, facets=facets, sort=sort)
    if as_json:
        data = found.as_json()
        click.echo(json.dumps({"total": found.total, "hits": data["hits"], "facets": data["facets"],
                               "suggestion": found.suggestion, "fuzzy": found.fuzzy},
                              ensure_ascii=False, indent=2))
        return
    click.echo(f"{found.total} found" + (" (similar words)" if found.fuzzy else ""))
    if found.suggestion:
        click.echo(f"did you mean: {found.suggestion}")
    for hit in found.hits:
        click.echo(f"#{hit.id}  {hit.title}  [{hit.collection}]  {hit.score:.2f}")
        if hit.snippet:
            click.echo(f"    {hit.snippet}")
    for name, counts in found.facets.items():
        click.echo(f"{name}: " + ", ".join(f"{c.value} ({c.count})" for c in counts))


@cli.group("index")
def index_group():
    """Look after the search index."""


@index_group.command("rebuild")
@click.option("--procs", type=click.IntRange(1, 256), default=None,
              help="Processes to index with [default: all cores].")
@with_appcontext
def index_rebuild(procs):
    """Re-create the search index from the database, on all cores."""
    from .services.items import rebuild_index

    _ready()
    click.echo(f"indexed {rebuild_index(procs)} items")


@index_group.command("verify")
@with_appcontext
def index_verify():
    """Report items missing from the index, stale in it, or left in it after deletion.

    Exits 1 when anything differs; "heritage index rebuild" puts it right.
    """
    from .services.items import verify_index

    _ready()
    report = verify_index()
    for label, ids in (("missing from the index", report.missing),
                       ("stale in the index (changed since indexed)", report.stale),
                       ("in the index but not in the database", report.orphaned)):
        if ids:
            shown = ", ".join(f"#{i}" for i in ids[:50]) + (" …" if len(ids) > 50 else "")
            click.echo(f"{len(ids)} {label}: {shown}")
    if report.ok:
        click.echo(f"index matches the database: {report.checked} items checked")
        return
    click.echo("run 'heritage index rebuild' to put the index right", err=True)
    sys.exit(1)


@cli.group("demo")
def demo_group():
    """The demonstration collection."""


@demo_group.command("build")
@click.option("--force", is_flag=True, help="Ingest the demo sources again even if built.")
@with_appcontext
@_fail_on_domain_errors
def demo_build(force):
    """Render the demo scans and ingest them as published collections."""
    from .services.demo import build_demo

    _ready()
    for line in build_demo(Path(current_app.instance_path) / "demo-sources", force=force):
        click.echo(line)


@cli.group("places")
def places_group():
    """The gazetteer: places with coordinates for the maps."""


@places_group.command("import")
@click.argument("file", type=click.File("r", encoding="utf-8-sig"))
@with_appcontext
@_fail_on_domain_errors
def places_import(file):
    """Add or update places from a CSV file (run it again safely: nothing is doubled).

    Columns: name,kind,parent,latitude,longitude,variants. Kind is one of country, novads,
    pilseta, pagasts, ciems, other; variants are separated by "|"; parents come first.
    """
    from .services.places import import_places_csv

    _ready()
    added, updated = import_places_csv(file.read())
    click.echo(f"{added} places added, {updated} updated")


@cli.group("zoom")
def zoom_group():
    """Deep-zoom image pyramids of the public pages."""


@zoom_group.command("build")
@click.option("--collection", metavar="SLUG", help="Only this collection's pages.")
@with_appcontext
def zoom_build(collection):
    """Cut the pyramids now rather than on each page's first view (safe to run again).

    Exits 1 when an original could not be read; every other page is still built.
    """
    from .services.zoom import build_pyramids

    _ready()
    with _ProgressBar("Cutting pyramids") as bar:
        report = build_pyramids(collection, progress=lambda done, total: bar.update(done, total, done))
    for page, why in report.failed:
        click.echo(f"{page}: {why}", err=True)
    click.echo(f"{report.built} pyramids built, {report.present} already there, "
               f"{len(report.failed)} failed")
    if report.failed:
        sys.exit(1)


@cli.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(1, 65535), default=5000, show_default=True,
              help="Port to listen on.")
@click.option("--workers", type=click.IntRange(1, 64), default=None,
              help="Worker processes  [default: one per CPU core]")
@click.option("--threads", type=click.IntRange(1, 64), default=4, show_default=True,
              help="Threads in each worker process.")
@with_appcontext
def serve(host, port, workers, threads):
    """Serve the public catalogue with gunicorn (a worker process per core)."""
    from .server import default_workers, serve as run_server

    _ready()
    workers = workers or default_workers()
    click.echo(f"heritage catalogue: http://{host}:{port}/ ({workers} workers × {threads} threads)",
               err=True)
    run_server(host, port, workers, threads)


def _add_groups() -> None:
    """Command groups kept in their own modules (they import helpers from this one)."""
    from .cli_accounts import branches_group, users_group

    cli.add_command(branches_group)
    cli.add_command(users_group)
    cli.add_command(__import__("heritage.cli_jobs", fromlist=["jobs_group"]).jobs_group)
    from .cli_access import access_group

    cli.add_command(access_group)
    cli.add_command(__import__("heritage.cli_bags", fromlist=["bag_group"]).bag_group)
    cli.add_command(__import__("heritage.cli_fixity", fromlist=["fixity_group"]).fixity_group)
    cli.add_command(__import__("heritage.cli_media", fromlist=["media_group"]).media_group)


_add_groups()


def main():
    """Entry point of the ``heritage`` console script."""
    from sqlalchemy.exc import OperationalError

    from .config import SettingError

    try:
        cli.main(prog_name="heritage", standalone_mode=True)
    except OperationalError as exc:  # the database is not there: say which and what to check
        click.echo(database_unreachable(exc), err=True)
        sys.exit(1)
    except SettingError as exc:  # a HERITAGE_* value it cannot use, found as the app is made
        click.echo(f"Error: {exc}", err=True)
        sys.exit(1)


def database_unreachable(exc) -> str:
    """One line naming the database heritage could not use, and what to check."""
    from sqlalchemy.engine import make_url

    url = os.environ.get("HERITAGE_DATABASE_URL") or "the instance's SQLite file"
    if "://" in url:
        url = make_url(url).render_as_string(hide_password=True)
    reason = str(getattr(exc, "orig", exc)).strip().splitlines()[0]
    return (f"Error: cannot use the database {url}: {reason}. Check HERITAGE_DATABASE_URL "
            f"and that the database server is running and accepts this user.")
