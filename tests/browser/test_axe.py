"""axe-core in the browser: no serious or critical accessibility violations
in the pages remiss makes (WCAG 2.1 A and AA, as EN 301 549 asks)."""

from __future__ import annotations

import json
import urllib.parse
from pathlib import Path

import pytest

from tests.browser.cdp import Tab
from tests.browser.conftest import Served, copy_project, shot
from tests.conftest import CASES, run_remiss

AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"


TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]


def violations(tab: Tab, url: str) -> list[dict[str, object]]:
    """Return axe's violations on the page at url (all impacts)."""
    tab.send("Page.setBypassCSP", {"enabled": True})
    tab.open(url)
    tab.evaluate(AXE.read_text("utf-8"))
    return tab.evaluate(
        "axe.run(document, {runOnly: {type: 'tag', values: "
        + json.dumps(TAGS)
        + "}}).then(r => r.violations.map(v => ({id: v.id, impact: v.impact, "
        "help: v.help, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))})))",
        timeout=60,
    )


def serious(found: list[dict[str, object]]) -> list[dict[str, object]]:
    return [v for v in found if v["impact"] in ("serious", "critical")]


def test_axe_is_the_vendored_release_with_its_licence() -> None:
    head = AXE.read_text("utf-8")[:600]
    assert head.startswith("/*! axe v4.")
    assert "Mozilla Public" in head
    assert "License, v. 2.0" in head


def test_axe_finds_what_it_should(tab: Tab, tmp_path: Path) -> None:
    """The check can fail: a page with known faults gets serious findings."""
    page = tmp_path / "fel.html"
    page.write_text(
        "<!DOCTYPE html><html><head><title>x</title></head><body>"
        '<img src="data:image/png;base64,iVBORw0KGgo="><p style="color:#ccc">'
        "svag</p><table><tr><td>a</td></tr></table></body></html>",
        encoding="utf-8",
    )
    ids = {v["id"] for v in serious(violations(tab, page.as_uri()))}
    assert {"html-has-lang", "image-alt", "color-contrast"} <= ids


@pytest.mark.parametrize(
    "path",
    [
        "",
        "cases/forsokslagenheter.html",
        "cases/hemloshetskartlaggning.html",
        "cases/sammantrade-2011-08-23.html",
        "cases/sammantrade-2011-08-23-handlingar.html",
    ],
)
def test_served_pages_have_no_serious_violations(
    served: Served, tab: Tab, path: str
) -> None:
    found = violations(tab, served.url + path)
    assert serious(found) == [], found


def test_a_served_page_with_findings_has_no_serious_violations(
    served: Served, tab: Tab
) -> None:
    case = served.root / "cases" / "forsokslagenheter.yaml"
    text = case.read_text("utf-8").replace("\nunderrubrik:", "\nunderrubirk:")
    case.write_text(text, encoding="utf-8")
    found = violations(tab, served.url + "cases/forsokslagenheter.html")
    assert serious(found) == [], found


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("html")
    done = run_remiss(
        "render", *(str(p) for p in sorted(CASES.glob("*.yaml"))),
        "--format", "html", "-o", str(out),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return out


@pytest.mark.parametrize(
    "name",
    [
        "bostadsforsorjningsprogram.html",
        "forsokslagenheter.html",
        "hemloshetskartlaggning.html",
        "sekretess-lvu-overklagande.html",
        "sammantrade-2011-08-23.html",
        "sammantrade-2011-08-23-handlingar.html",
    ],
)
def test_rendered_pages_have_no_violations(rendered: Path, tab: Tab, name: str) -> None:
    found = violations(tab, (rendered / name).as_uri())
    assert found == [], found


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_project(tmp_path_factory.mktemp("publicerat"))
    done = run_remiss("publish", cwd=root)
    assert done.returncode == 0, done.stderr
    return root / "site"


@pytest.mark.parametrize(
    "name",
    [
        "index.html",
        "sammantrade-2011-08-23/sammantrade-2011-08-23.html",
        "sammantrade-2011-08-23/sammantrade-2011-08-23-handlingar.html",
        "sammantrade-2011-08-23/forsokslagenheter.html",
    ],
)
def test_published_pages_have_no_violations(
    published: Path, tab: Tab, name: str
) -> None:
    found = violations(tab, (published / name).as_uri())
    assert found == [], found
    shot(tab, "publicerad-" + name.replace("/", "-").replace(".html", ".png"))


def test_published_links_all_lead_somewhere(published: Path, tab: Tab) -> None:
    """Every link of every published page opens a file of the site."""
    for page in sorted(published.rglob("*.html")):
        tab.open(page.as_uri())
        hrefs = tab.evaluate(
            "[...document.querySelectorAll('a[href]')].map(a => a.href)"
        )
        assert hrefs, page
        for href in hrefs:
            target = Path(urllib.parse.unquote(urllib.parse.urlsplit(href).path))
            assert target.is_file(), f"{page.name}: {href}"
