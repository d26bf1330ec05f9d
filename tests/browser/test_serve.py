"""`remiss serve` in a real browser: pages, live reload and check findings."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from tests.browser.cdp import Tab
from tests.browser.conftest import Served, copy_project, shot, start_server

CASE = "cases/forsokslagenheter.html"


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as answer:
            return answer.status, answer.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def test_served_case_shows_its_title_and_decisions(served: Served, tab: Tab) -> None:
    tab.open(served.url + CASE)
    assert tab.evaluate("document.documentElement.lang") == "sv"
    title = tab.evaluate("document.querySelector('main h1').textContent")
    assert title.startswith("Svar på remiss om motion (2011:31)")
    decisions = tab.evaluate(
        "[...document.querySelectorAll('main h2')].find(h => h.textContent === "
        "'Förvaltningens förslag till beslut').nextElementSibling.innerText"
    )
    assert "Socialnämnden godkänner för sin del tjänsteutlåtandet" in decisions
    assert "Socialnämnden överlämnar ärendet till kommunstyrelsen." in decisions
    status = tab.evaluate("document.querySelector('nav [role=status]').textContent")
    assert status == "Inga fel eller varningar"
    shot(tab, "serve-case.png")


def test_the_index_links_every_case_and_meeting(served: Served, tab: Tab) -> None:
    tab.open(served.url)
    links = tab.evaluate(
        "[...document.querySelectorAll('main a')].map(a => a.getAttribute('href'))"
    )
    # The meeting and its combined document first, then every case by name.
    meeting = "sammantrade-2011-08-23"
    cases = sorted(
        p.stem
        for p in (served.root / "cases").glob("*.yaml")
        if not p.stem.startswith("sammantrade")
    )
    assert len(cases) >= 4
    assert links == [
        f"/cases/{meeting}.html",
        f"/cases/{meeting}-handlingar.html",
        *(f"/cases/{stem}.html" for stem in cases),
    ]
    for href in links:
        status, html = fetch(served.url.rstrip("/") + href)
        assert status == 200, href
        assert "<h1>" in html


def test_a_saved_edit_appears_without_a_manual_reload(served: Served, tab: Tab) -> None:
    tab.open(served.url + CASE)
    case = served.root / "cases" / "forsokslagenheter.yaml"
    text = case.read_text("utf-8")
    assert "rubrik: Svar på remiss om motion" in text
    started = time.monotonic()
    case.write_text(
        text.replace("rubrik: Svar på remiss om motion", "rubrik: Nytt svar på motion"),
        encoding="utf-8",
    )
    title = tab.wait_for(
        "(h => h && h.textContent.startsWith('Nytt svar på motion') && "
        "h.textContent)(document.querySelector('main h1'))",
        timeout=15,
    )
    waited = time.monotonic() - started
    assert title.startswith("Nytt svar på motion (2011:31)")
    assert waited < 10, f"the page took {waited:.1f} s to show the edit"


def test_a_broken_cases_findings_stand_next_to_their_lines(
    served: Served, tab: Tab
) -> None:
    case = served.root / "cases" / "forsokslagenheter.yaml"
    text = case.read_text("utf-8")
    text = text.replace("\nunderrubrik:", "\nunderrubirk:").replace(
        "  - Socialnämnden överlämnar ärendet till kommunstyrelsen.", '  - ""'
    )
    case.write_text(text, encoding="utf-8")
    lines = text.splitlines()
    misspelt = lines.index("underrubirk: Remiss från kommunstyrelsen") + 1
    empty = lines.index('  - ""') + 1
    tab.open(served.url + CASE)
    found = tab.evaluate(
        """[...document.querySelectorAll('aside .fynd')].map(f => {
            let line = f.previousElementSibling;
            while (line && line.classList.contains('fynd')) {
                line = line.previousElementSibling;
            }
            return {code: f.dataset.kod, at: f.dataset.rad,
                    line: line && line.dataset.rad,
                    source: line && line.querySelector('code').textContent,
                    text: f.innerText};
        })"""
    )
    assert [(f["code"], int(f["line"])) for f in found] == [
        ("E101", misspelt),
        ("E102", empty),
    ]
    assert all(f["at"] == f["line"] for f in found)
    assert found[0]["source"].startswith("underrubirk:")
    assert "menade du 'underrubrik'?" in found[0]["text"]
    heading = tab.evaluate("document.querySelector('main h1').textContent")
    assert heading == "cases/forsokslagenheter.yaml kan inte visas"
    shot(tab, "serve-broken.png")
    # Fixed and saved, the document comes back by itself.
    case.write_text(
        text.replace("\nunderrubirk:", "\nunderrubrik:").replace(
            '  - ""', "  - Socialnämnden överlämnar ärendet."
        ),
        encoding="utf-8",
    )
    tab.wait_for(
        "(h => h && h.textContent.startsWith('Svar på remiss'))"
        "(document.querySelector('main h1'))"
    )
    assert tab.evaluate("document.querySelectorAll('aside .fynd').length") == 0


def test_a_meeting_page_links_to_its_case_pages(served: Served, tab: Tab) -> None:
    tab.open(served.url + "cases/sammantrade-2011-08-23.html")
    tab.evaluate(
        "document.querySelector('main a[href=\"forsokslagenheter.html\"]').click()"
    )
    tab.wait_for("location.pathname === '/cases/forsokslagenheter.html'")
    tab.wait_for(
        "document.readyState === 'complete' && !!document.querySelector('main h1')"
    )
    title = tab.evaluate("document.querySelector('main h1').textContent")
    assert title.startswith("Svar på remiss om motion")


def test_pages_read_without_script_and_the_server_writes_nothing(
    served: Served,
) -> None:
    status, html = fetch(served.url + CASE)
    assert status == 200
    assert "<h1>Svar på remiss om motion (2011:31)" in html
    assert "Socialnämnden godkänner för sin del" in html
    public = fetch(served.url + "cases/sammantrade-2011-08-23.html?offentlig=1")[1]
    assert "Sekretessärende" in public
    assert "Överklagande av förvaltningsrättens dom" not in public
    status, missing = fetch(served.url + "cases/finns-inte.html")
    assert status == 404
    assert "Sidan finns inte" in missing
    digest = fetch(served.url + "andringar")[1]
    assert len(digest) == 20
    assert not (served.root / "output").exists()
    files = sorted(p.name for p in served.root.rglob("*") if p.is_file())
    assert files == sorted(
        [*(p.name for p in (served.root / "cases").iterdir()), "remiss.yaml"]
    )


def test_only_requests_for_the_local_address_are_answered(served: Served) -> None:
    port = served.url.rstrip("/").rpartition(":")[2]
    for host, status in (
        (f"127.0.0.1:{port}", 200),
        (f"localhost:{port}", 200),
        (f"angripare.example:{port}", 403),
        ("127.0.0.1", 403),
    ):
        request = urllib.request.Request(served.url + CASE, headers={"Host": host})
        try:
            with urllib.request.urlopen(request, timeout=30) as answer:
                code, body = answer.status, answer.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            code, body = error.code, error.read().decode("utf-8")
        assert code == status, host
        assert ("träningslägenheter" in body) is (status == 200)


def test_ctrl_c_stops_the_server_cleanly(tmp_path: Path) -> None:
    server = start_server(copy_project(tmp_path))
    assert fetch(server.url)[0] == 200
    code, err = server.stop()
    assert code == 0, err
    assert "förhandsvisningen är stoppad" in err
    assert "Traceback" not in err


def test_a_busy_port_is_a_usage_error(tmp_path: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "remiss",
                "serve",
                str(tmp_path),
                "--port",
                str(port),
            ],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    assert done.returncode == 2
    assert f"kunde inte lyssna på port {port}" in done.stderr
    assert "--port 0" in done.stderr
    assert "Traceback" not in done.stderr
