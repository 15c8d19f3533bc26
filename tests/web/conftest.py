"""Fixtures of the web tests: the official OAI-PMH and oai_dc schemas."""
from __future__ import annotations

import pytest
from lxml import etree

from tests.conftest import SHARED
from tests.factories import make_item


@pytest.fixture(scope="session")
def schemas():
    """OAI-PMH.xsd and oai_dc.xsd from ../shared/schemas (skip when it is absent)."""
    folder = SHARED / "schemas"
    if not (folder / "OAI-PMH.xsd").exists():
        pytest.skip("../shared/schemas is not beside this checkout")
    return {"oai": etree.XMLSchema(etree.parse(str(folder / "OAI-PMH.xsd"))),
            "oai_dc": etree.XMLSchema(etree.parse(str(folder / "oai_dc.xsd")))}


@pytest.fixture
def school_archive(app):
    """Three published school items in two collections, a draft and a staff-only item."""
    return {
        "school": make_item(collection="ezermalas-vestis", title="Krāslavas skola",
                            texts=("Krāslavas skolā mācās 120 bērnu.",), coverage="Krāslava",
                            date="1935", type="Text", language="lv"),
        "teacher": make_item(collection="ezermalas-vestis", title="Skolotājas atmiņas",
                             texts=("Atmiņas par skolu Dagdā.",), coverage="Dagda", date="1938",
                             type="Text", language="ru"),
        "reunion": make_item(collection="fotoalbums", title="Salidojums Dagdā",
                             texts=("Skolas salidojums Dagdā.",), coverage="Dagda", date="1962",
                             type="StillImage", language="lv"),
        "draft": make_item(title="Skolas melnraksts", texts=("Skola, melnraksts.",), status="draft",
                           date="1936"),
        "staff": make_item(title="Skolas slepenā lieta", texts=("Skola, slepeni.",),
                           access_level="staff", date="1937"),
    }


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium, headless, driven by Playwright; one per test module (Playwright's
    own event loop lives as long as it does)."""
    sync_api = pytest.importorskip("playwright.sync_api",
                                   reason="playwright is a test extra (scripts/setup test)")
    from tests.web.browsing import CHROMIUM, CHROMIUM_ARGS

    if CHROMIUM is None:
        pytest.skip("Debian's chromium is not installed (scripts/setup test)")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(params=["whoosh", "postgres"])
def app_on_each_search_backend(request, tmp_path):
    """An application searching with each backend in turn; the postgres one keeps its
    database (and so its search index) on the test PostgreSQL server."""
    from heritage.extensions import db
    from heritage.services import search_backend
    from heritage.services.database import upgrade_schema
    from tests.conftest import make_app

    database_url = None
    if request.param == "postgres":
        database_url = request.getfixturevalue("postgres_server").migrated_database()
    app = make_app(tmp_path, database_url)
    app.config["HERITAGE_SEARCH_BACKEND"] = request.param
    with app.app_context():
        upgrade_schema()
        assert search_backend().name == request.param
        yield app
        if database_url:
            db.session.remove()
            db.engine.dispose()
