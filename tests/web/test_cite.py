"""The item page's "cite this" section and the RIS, BibTeX and CSL-JSON downloads."""
from __future__ import annotations

import json

import lxml.html
import pytest

from tests.factories import make_item

CITATION = ("Bērziņa, Laura. Bibliotēka digitalizē novada vēsturi. Ezermalas Vēstis. "
            "Nr. 92 (2021., 3. decembris), 9. lpp.")


@pytest.fixture
def clipping(app):
    """A published clipping described as the demo archive describes one."""
    return make_item(title="Bibliotēka digitalizē novada vēsturi", creator="Bērziņa, Laura",
                     date="2021-12-03", type="Text", publisher="Ezermalas Vēstis", source=CITATION)


@pytest.mark.parametrize("suffix, content_type, start", [
    ("ris", "application/x-research-info-systems", "TY  - NEWS\r\n"),
    ("bib", "application/x-bibtex", "@article{heritage"),
    ("json", "application/vnd.citationstyles.csl+json", "["),
])
def test_downloads(client, clipping, suffix, content_type, start):
    response = client.get(f"/items/{clipping.id}/cite.{suffix}")
    assert response.status_code == 200
    assert response.mimetype == content_type
    assert response.headers["Content-Disposition"] == (
        f'attachment; filename="heritage-{clipping.id}.{suffix}"')
    assert response.get_data(as_text=True).startswith(start)


def test_the_downloads_carry_the_permalink(client, clipping):
    permalink = f"http://localhost/items/{clipping.id}"
    ris = client.get(f"/items/{clipping.id}/cite.ris").get_data(as_text=True)
    assert f"UR  - {permalink}\r\n" in ris and "SP  - 9\r\n" in ris
    assert f"  url = {{{permalink}}}," in client.get(f"/items/{clipping.id}/cite.bib").get_data(as_text=True)
    [csl] = json.loads(client.get(f"/items/{clipping.id}/cite.json").get_data(as_text=True))
    assert (csl["id"], csl["type"], csl["URL"], csl["issue"]) == (
        f"heritage{clipping.id}", "article-newspaper", permalink, "92")


def test_the_item_page_shows_the_latvian_citation_and_links(client, clipping):
    tree = lxml.html.fromstring(client.get(f"/items/{clipping.id}?lang=lv").get_data(as_text=True))
    [section] = tree.xpath("//section[@aria-labelledby='cite-heading']")
    assert section.xpath("string(h2)") == "Kā citēt"
    assert section.xpath("string(p[@class='citation'])") == CITATION
    links = {a.get("href"): a.text_content() for a in section.iter("a")}
    for suffix in ("ris", "bib", "json"):
        assert links[f"/items/{clipping.id}/cite.{suffix}"].startswith("Lejupielādēt atsauci")
    assert f"http://localhost/items/{clipping.id}" in links
    levels = [int(h.tag[1]) for h in tree.iter("h1", "h2", "h3", "h4")]
    assert levels[0] == 1 and all(b <= a + 1 for a, b in zip(levels, levels[1:]))  # none skipped


def test_lithuanian_labels(client, clipping):
    html = client.get(f"/items/{clipping.id}?lang=lt").get_data(as_text=True)
    assert "Kaip cituoti" in html and "Atsisiųsti citatą RIS formatu" in html


@pytest.mark.parametrize("suffix", ["ris", "bib", "json"])
def test_a_draft_has_no_citation(client, app, suffix):
    draft = make_item(title="Melnraksts", status="draft")
    assert client.get(f"/items/{draft.id}/cite.{suffix}").status_code == 404
    assert client.get(f"/items/424242/cite.{suffix}").status_code == 404


def test_an_unknown_format_is_not_found(client, clipping):
    assert client.get(f"/items/{clipping.id}/cite.txt").status_code == 404
