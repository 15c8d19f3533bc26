"""Every page type is valid HTML (the Nu Html Checker) and asks nothing from other hosts."""
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import lxml.html
import pytest

from tests.conftest import REPO
from tests.factories import make_item

VNU = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


@pytest.fixture
def pages(client, app):
    """The HTML of each kind of public page, by name."""
    item = make_item(title="Krāslavas skola", texts=("Krāslavas skolā mācās bērni.", "Otrā lapa."),
                     coverage="Krāslava", date="1935", type="Text", language="lv")
    closed = make_item(title="Slēgts", access_level="reading_room", description="Apraksts.")
    for title, number, page, access in (("Skolai 110", "Nr. 92 ", 9, "public"),
                                        ("Lasītavā", "Nr. 92 ", 3, "reading_room"),
                                        ("Pielikums", "", 1, "public")):
        make_item(title=title, access_level=access, publisher="Ezermalas Vēstis", date="2021-12-03",
                  type="Text",
                  source=f"{title}. Ezermalas Vēstis. {number}(2021., 3. decembris), {page}. lpp.")
    urls = {"home": "/", "collection": "/collections/testa-kolekcija",
            "item": f"/items/{item.id}", "item-page-2": f"/items/{item.id}?page=2",
            "item-closed": f"/items/{closed.id}", "search": "/search?q=kraslavas",
            "search-empty": "/search", "search-none": "/search?q=zirafe",
            "search-facets": "/search?q=skola&decade=1930&year_from=1900&sort=-date",
            "search-bad-params": "/search?q=skola&year_from=abc&year_to=1800&sort=bogus&page=-1",
            "newspapers": "/newspapers", "newspaper": "/newspapers/ezermalas-vestis",
            "newspaper-year": "/newspapers/ezermalas-vestis/2021",
            "newspaper-issue": "/newspapers/ezermalas-vestis/2021/92",
            "newspaper-dated-issue": "/newspapers/ezermalas-vestis/2021/2021-12-03",
            "newspaper-issue-lt": "/newspapers/ezermalas-vestis/2021/92?lang=lt",
            "not-found": "/items/424242", "english": "/?lang=en", "lithuanian": "/search?q=skola&lang=lt"}
    return {name: client.get(url).get_data(as_text=True) for name, url in urls.items()}


needs_vnu = pytest.mark.skipif(not VNU.exists() or shutil.which("java") is None,
                               reason="the Nu Html Checker needs npm's vnu-jar and Java (scripts/setup test)")


def nu_html_problems(pages: dict[str, str], folder: Path, css: tuple[Path, ...] = ()) -> list[str]:
    """The Nu Html Checker's errors and warnings for ``pages`` (name → HTML) and ``css`` files."""
    files = []
    for name, html in pages.items():
        files.append(folder / f"{name}.html")
        files[-1].write_text(html, "utf-8")
    run = subprocess.run(["java", "-jar", str(VNU), "--format", "json", "--also-check-css",
                          *map(str, files), *map(str, css)], capture_output=True, text=True,
                         timeout=300)
    messages = json.loads(run.stderr or '{"messages": []}')["messages"]
    return [f"{Path(m['url']).name}:{m.get('lastLine')}: {m['message']}"
            for m in messages if m["type"] == "error" or m.get("subType") == "warning"]


@needs_vnu
def test_every_page_is_valid_html(pages, tmp_path):
    css = (REPO / "heritage" / "static" / "heritage.css",)
    assert nu_html_problems(pages, tmp_path, css) == []


URL_ATTRIBUTES = ("src", "href", "action", "srcset", "poster", "data", "formaction")


def test_pages_load_nothing_from_other_hosts(pages):
    for name, html in pages.items():
        tree = lxml.html.fromstring(html)
        # what the browser loads by itself; a link (<a href>) elsewhere is the reader's choice
        urls = [value for element in tree.iter() if isinstance(element.tag, str) and element.tag != "a"
                for attribute, value in element.attrib.items() if attribute in URL_ATTRIBUTES]
        assert urls, name
        # the test client's own host is "localhost"
        foreign = [url for url in urls if urlsplit(url.strip()).netloc not in ("", "localhost")]
        assert foreign == [], name
        assert "@import" not in html and "url(http" not in html
