"""WCAG 2.1 A/AA checks with axe-core in a real headless Chromium, and the keyboard alone.

Every public page kind is opened on a waitress server over a seeded archive, axe-core
(``node_modules/axe-core``, installed by ``scripts/setup``) is injected and run with the
WCAG 2.0/2.1 A and AA rules. A violation of impact *serious* or *critical* fails the test
with its rule, impact, elements and help address; *moderate* and *minor* ones are printed
(``pytest -s`` shows them) and left for a person to judge.
"""
from __future__ import annotations

import urllib.error
import urllib.request

import pytest

from heritage import create_app
from heritage.services.database import upgrade_schema
from tests.conftest import REPO
from tests.factories import make_item
from tests.web.browsing import archive_settings, needs_chromium, served

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
pytestmark = [
    needs_chromium,
    pytest.mark.skipif(not AXE.is_file(), reason="axe-core is not in node_modules (scripts/setup)"),
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = ("serious", "critical")
PAPER = "Ezermalas Vēstis"


# --- The archive ------------------------------------------------------------------------------

def _clipping(title: str, text: str, number: int, date: str, page: int, **values):
    source = f"{title}. {PAPER}. Nr. {number} ({date[:4]}.), {page}. lpp."
    return make_item(collection="ezermalas-vestis", title=title, texts=(text,), type="Text",
                     language="lv", publisher=PAPER, source=source, date=date, **values)


def _seed_items() -> dict[str, int]:
    """Clippings of one newspaper over three decades, a multi-page story, a photo, a closed item."""
    ids = {
        "clipping": _clipping("Krāslavas skolā jauns skolotājs", "Krāslavas skolā mācās 120 bērnu.",
                              12, "1935-03-14", 2, coverage="Krāslava", subject=["Skolas"],
                              creator="Bērziņa, Anna").id,
        "second": _clipping("Dzirnavas atkal maļ", "Pie Dagdas dzirnavām rindā gaida saimnieki.",
                            12, "1935-03-14", 3, coverage="Dagda", subject=["Dzirnavas"]).id,
        "later": _clipping("Skolas salidojums", "Skolas salidojumā Krāslavā satikās 300 absolventu.",
                           40, "1962-06-20", 1, coverage="Krāslava", subject=["Skolas"]).id,
        "story": make_item(collection="atminas", title="Atmiņas par Krāslavas skolu",
                           texts=("Pirmā lapa: skolā gājām kājām.", "Otrā lapa: skolotāja Marta.",
                                  "Trešā lapa: izlaidums 1938. gadā."),
                           type="Text", language="lv", date="1938", coverage="Krāslava",
                           creator="Ozola, Marta", rights="http://rightsstatements.org/vocab/InC/1.0/").id,
        "photo": make_item(collection="atminas", title="Skolas ēka ziemā", texts=("",),
                           type="StillImage", date="1958", coverage="Dagda").id,
        "closed": make_item(collection="atminas", title="Lasītavā skatāma skolas hronika",
                            texts=("Hronikas teksts.",), access_level="reading_room", date="1949",
                            coverage="Krāslava").id,
    }
    return ids


def _seed_places() -> None:
    """Gazetteer entries, so /places has points on its map (when the places service exists)."""
    try:
        from heritage.services.places import PlaceEntry, seed_places
    except ImportError:
        return
    seed_places([PlaceEntry("Krāslavas novads", "novads", latitude=55.9, longitude=27.17),
                 PlaceEntry("Krāslava", "pilseta", "Krāslavas novads", 55.8951, 27.1681),
                 PlaceEntry("Dagda", "pilseta", "Krāslavas novads", 56.0947, 27.5372)])


def _seed_exhibition(ids: dict[str, int]) -> tuple[str, str] | None:
    """A published two-page exhibition with every block kind; its (slug, first page slug)."""
    try:
        from heritage.services import exhibitions
    except ImportError:
        return None
    found = exhibitions.create_exhibition(
        "skolu-gaitas", "Skolu gaitas Krāslavā", summary="Kā Krāslavas bērni gāja skolā.",
        credits="Sagatavoja Ezerkalnes bibliotēka.", collections=["ezermalas-vestis"],
        cover_item_id=ids["story"], publish=True)
    first = exhibitions.add_page(found, "sakums", "Sākums")
    exhibitions.add_block(first, "text", "## Skola pie ezera\n\nStāsts par **skolu** un tās bērniem.")
    exhibitions.add_block(first, "item", items=[(ids["story"], "Atmiņas, pierakstītas 1990. gadā.")])
    exhibitions.add_block(first, "gallery", "Skolas bildes",
                          items=[ids["photo"], (ids["clipping"], "Avīzes ziņa"), ids["closed"]])
    exhibitions.add_block(first, "map", "Kur tas notika")
    exhibitions.add_block(first, "timeline", "Kad tas notika")
    second = exhibitions.add_page(found, "salidojums", "Salidojums")
    exhibitions.add_block(second, "text", "Pēc daudziem gadiem skolēni satikās atkal.")
    exhibitions.add_block(second, "item", items=[ids["later"]])
    return found.slug, first.slug


def _newspaper_paths() -> list[str]:
    from heritage.services.newspapers import newspaper_issues, newspaper_titles, newspaper_years

    paper = newspaper_titles()[0]
    _, years = newspaper_years(paper.slug)
    _, issues = newspaper_issues(paper.slug, years[0].year)
    return ["/newspapers", f"/newspapers/{paper.slug}", f"/newspapers/{paper.slug}/{years[0].year}",
            f"/newspapers/{paper.slug}/{years[0].year}/{issues[0].key}"]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The production server over the seeded archive: its base URL and the addresses to check."""
    settings = archive_settings(tmp_path_factory.mktemp("a11y"))
    app = create_app(settings)
    with app.app_context():
        upgrade_schema()
        ids = _seed_items()
        _seed_places()
        try:
            exhibition = _seed_exhibition(ids)
        except Exception as error:  # the exhibition service is young: fail its cases, not all
            exhibition = f"seeding the exhibition failed: {type(error).__name__}: {error}"
        paths = {"newspapers": _newspaper_paths(), "exhibition": exhibition, "ids": ids}
    with served(settings) as base:
        yield base, paths


def _open(browser, base: str, path: str, locale: str = "lv"):
    """The page at ``path`` in a fresh context whose interface language is ``locale``."""
    context = browser.new_context()
    context.add_cookies([{"name": "heritage_lang", "value": locale, "url": base}])
    page = context.new_page()
    response = page.goto(base + path, wait_until="networkidle")
    assert response.status == 200, f"{path} answered {response.status}"
    return page


# --- axe-core ---------------------------------------------------------------------------------

def axe_violations(page) -> list[dict]:
    """axe-core's WCAG 2.1 A/AA violations on the open page."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("""tags => axe.run(document, {runOnly: {type: 'tag', values: tags},
                                                         resultTypes: ['violations']})""", WCAG_TAGS)
    return result["violations"]


def describe(violation: dict) -> str:
    """One violation as a readable paragraph: rule, impact, elements, help address."""
    targets = "; ".join(" ".join(map(str, node["target"])) for node in violation["nodes"][:8])
    more = f" (+{len(violation['nodes']) - 8} more)" if len(violation["nodes"]) > 8 else ""
    summary = violation["nodes"][0].get("failureSummary", "").replace("\n", " ")
    return (f"{violation['id']} [{violation['impact']}] {violation['help']}\n"
            f"    elements: {targets}{more}\n    why: {summary}\n    help: {violation['helpUrl']}")


def check_page(browser, base: str, path: str, locale: str = "lv") -> None:
    """Fail on serious or critical violations at ``path``; print the others."""
    page = _open(browser, base, path, locale)
    try:
        violations = axe_violations(page)
    finally:
        page.context.close()
    blocking = [v for v in violations if v["impact"] in BLOCKING]
    others = [v for v in violations if v["impact"] not in BLOCKING]
    for violation in others:
        print(f"axe {locale} {path}: {describe(violation)}")
    assert not blocking, f"axe found on {path} ({locale}):\n" + "\n".join(map(describe, blocking))


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def _path(site, case: str) -> str:
    """The address of a page kind in the seeded archive (skips kinds not built yet)."""
    base, paths = site
    ids = paths["ids"]
    if case.startswith("newspaper"):
        return paths["newspapers"][["newspapers", "newspaper", "newspaper-year", "newspaper-issue"].index(case)]
    if case.startswith("exhibition"):
        exhibition = paths["exhibition"]
        if exhibition is None:
            pytest.skip("heritage.services.exhibitions is not there yet")
        if isinstance(exhibition, str):
            pytest.fail(exhibition)
        return {"exhibitions": "/exhibitions", "exhibition": "/exhibitions/{}/{}".format(*exhibition),
                "exhibition-print": f"/exhibitions/{exhibition[0]}/print"}[case]
    if case in ("places", "time"):
        if _status(f"{base}/{case}") == 404:
            pytest.skip(f"/{case} is not there yet")
        return f"/{case}"
    return {
        "home": "/",
        "collection": "/collections/ezermalas-vestis",
        "search-with-facets": "/search?q=skola",
        "search-filtered": "/search?q=skola&decade=1930&place=Krāslava&year_from=1930",
        "search-no-results": "/search?q=zzqqxyzzy",
        "item-multi-page": f"/items/{ids['story']}?page=2",
        "item-clipping": f"/items/{ids['clipping']}",
        "item-reading-room": f"/items/{ids['closed']}",
    }[case]


PAGE_KINDS = ["home", "collection", "search-with-facets", "search-filtered", "search-no-results",
              "item-multi-page", "item-clipping", "item-reading-room", "newspapers", "newspaper",
              "newspaper-year", "newspaper-issue", "exhibitions", "exhibition", "exhibition-print",
              "places", "time"]


def test_the_harness_reports_a_serious_violation(browser):
    """A page with an image without a text alternative must fail, or the checks prove nothing."""
    page = browser.new_page()
    try:
        page.set_content('<html lang="lv"><title>x</title><main><img src="data:,"></main></html>')
        found = {v["id"]: v for v in axe_violations(page)}
    finally:
        page.close()
    assert found["image-alt"]["impact"] == "critical"
    assert "image-alt" in describe(found["image-alt"]) and "dequeuniversity.com" in describe(found["image-alt"])


@pytest.mark.parametrize("case", PAGE_KINDS)
def test_no_serious_wcag_violations_in_latvian(site, browser, case):
    check_page(browser, site[0], _path(site, case), "lv")


@pytest.mark.parametrize("locale", ["lt", "en"])
def test_no_serious_wcag_violations_on_home_in_other_languages(site, browser, locale):
    check_page(browser, site[0], "/", locale)


# --- The keyboard alone -----------------------------------------------------------------------

FOCUSED = """() => {
  const e = document.activeElement, s = getComputedStyle(e);
  return {tag: e.tagName, id: e.id, searchBox: e.matches('input[type=search][name=q]'), text: (e.textContent || '').trim().slice(0, 60),
          href: e.getAttribute('href') || '', inLanguages: !!e.closest('nav.languages'),
          inResults: !!e.closest('.results'), outline: s.outlineStyle, outlineWidth: s.outlineWidth,
          shadow: s.boxShadow};
}"""


def _visible_focus(focused: dict) -> bool:
    outline = focused["outline"] not in ("", "none") and focused["outlineWidth"] not in ("", "0px")
    return outline or focused["shadow"] not in ("", "none")


def tab_through(page, presses: int = 80) -> list[dict]:
    """Press Tab until the focus comes back round (or ``presses`` times); each focused element."""
    seen = []
    for _ in range(presses):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused["tag"] == "BODY" or (seen and focused == seen[0]):
            break
        seen.append(focused)
    return seen


@pytest.mark.parametrize("path, wanted", [
    ("/", ("search box", "language switcher")),
    ("/search?q=skola", ("search box", "language switcher", "result link")),
])
def test_tab_reaches_search_languages_and_results_with_a_visible_focus(site, browser, path, wanted):
    page = _open(browser, site[0], path)
    try:
        seen = tab_through(page)
    finally:
        page.context.close()
    reached = {"search box": any(f["searchBox"] for f in seen),
               "language switcher": any(f["inLanguages"] for f in seen),
               "result link": any(f["inResults"] and "/items/" in f["href"] for f in seen)}
    assert all(reached[name] for name in wanted), (reached, seen)
    invisible = [f for f in seen if not _visible_focus(f)]
    assert not invisible, "focus not visible on: " + "; ".join(
        f"<{f['tag'].lower()} id={f['id']!r} href={f['href']!r}> {f['text']!r}" for f in invisible)
