"""`remiss publish`: the public build of the meetings as a static website."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
from pathlib import Path

import pikepdf
import pytest

from tests.conftest import CASES, ROOT, run_remiss

CANARY = "KANARIEFÅGEL-7Q3Z"


def project(folder: Path) -> Path:
    shutil.copytree(CASES, folder / "cases")
    shutil.copy(ROOT / "remiss.yaml", folder / "remiss.yaml")
    return folder


def with_canaries(root: Path) -> Path:
    """Put the canary in every confidential part of the example meeting: the
    secret case's texts, a case the meeting makes secret, and a secret group."""
    secret = root / "cases" / "sekretess-lvu-overklagande.yaml"
    text = secret.read_text("utf-8")
    text = text.replace("rubrik: Överklagande", f"rubrik: {CANARY} Överklagande")
    text = text.replace("underrubrik: Enskilt ärende", f"underrubrik: {CANARY}")
    text = text.replace("namn: Jonas Berg", f"namn: {CANARY} Berg")
    text = text.replace("diarienummer: 1.6-0512/2011", f"diarienummer: {CANARY}/2011")
    text = text.replace("sammanfattning: |\n", f"sammanfattning: |\n  {CANARY}.\n")
    secret.write_text(text, encoding="utf-8")
    # A public case made secret by the meeting, and a secret group.
    other = root / "cases" / "hemloshetskartlaggning.yaml"
    other.write_text(
        other.read_text("utf-8").replace("rubrik: ", f"rubrik: {CANARY} ", 1),
        encoding="utf-8",
    )
    meeting = root / "cases" / "sammantrade-2011-08-23.yaml"
    # The protokoll needs a decision for the new group (item 8).
    text = meeting.read_text("utf-8").replace(
        "  paragrafer:\n",
        f'  paragrafer:\n    "8":\n      beslut: Gruppen {CANARY} läggs till.\n',
    )
    meeting.write_text(
        text
        + "  - ärende: hemloshetskartlaggning.yaml\n    sekretess: true\n"
        + f"  - grupp: Grupp {CANARY}\n    sekretess: true\n"
        + f"    punkter:\n      - text: Punkt {CANARY}\n",
        encoding="utf-8",
    )
    return root


def every_text(site: Path) -> dict[str, str]:
    """Return every file's bytes as text, and what a PDF's text and
    metadata say, so that a sweep sees what a reader would."""
    out = {}
    for path in sorted(site.rglob("*")):
        if not path.is_file():
            continue
        name = path.relative_to(site).as_posix()
        out[name] = path.read_bytes().decode("utf-8", errors="replace")
        if path.suffix == ".pdf":
            text = subprocess.run(
                ["pdftotext", str(path), "-"], capture_output=True, check=True
            ).stdout.decode("utf-8")
            with pikepdf.open(path) as pdf:
                meta = str(pdf.docinfo) + str(pdf.open_metadata())
            out[name] += text + meta
    return out


def test_site_has_index_agenda_cases_and_combined_page(tmp_path: Path) -> None:
    root = project(tmp_path)
    done = run_remiss("publish", cwd=root)
    assert done.returncode == 0, done.stderr
    assert "1 sammanträde publicerat i site" in done.stderr
    site = root / "site"
    files = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.*"))
    assert files == [
        "index.html",
        "index.json",
        "sammantrade-2011-08-23/forsokslagenheter.html",
        "sammantrade-2011-08-23/sammantrade-2011-08-23-handlingar.html",
        "sammantrade-2011-08-23/sammantrade-2011-08-23.html",
    ]
    index = (site / "index.html").read_text("utf-8")
    assert 'href="sammantrade-2011-08-23/sammantrade-2011-08-23.html"' in index
    agenda = (site / "sammantrade-2011-08-23/sammantrade-2011-08-23.html").read_text(
        "utf-8"
    )
    assert '<a href="../index.html">Alla sammanträden</a>' in agenda
    assert '<a href="forsokslagenheter.html">Svar på remiss om motion' in agenda
    assert "Offentlig version" in agenda
    case = (site / "sammantrade-2011-08-23/forsokslagenheter.html").read_text("utf-8")
    assert '<a href="sammantrade-2011-08-23.html">Föredragningslistan</a>' in case
    assert not (root / "output").exists()


def test_index_json_follows_oparl_and_lists_every_file(tmp_path: Path) -> None:
    root = project(tmp_path)
    assert run_remiss("publish", cwd=root).returncode == 0
    site = root / "site"
    data = json.loads((site / "index.json").read_text("utf-8"))
    assert data["generator"] == "remiss publish"
    on_disk = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.*"))
    assert data["files"] == on_disk
    (meeting,) = data["meeting"]
    assert meeting["type"] == "https://schema.oparl.org/1.1/Meeting"
    assert meeting["start"] == "2011-08-23T18:00:00"
    assert meeting["organization"][0]["name"] == "Socialnämnden"
    items = {i["number"]: i for i in meeting["agendaItem"]}
    assert list(items) == ["1", "2", "3", "4", "5", "5 a)", "5 b)", "5 c)", "6", "7"]
    assert items["6"]["category"] == "Informationsärenden"
    assert items["7"]["name"] == "Övriga frågor"
    assert "category" not in items["7"]  # a category of its own, without items
    assert items["3"]["name"] == "Sekretessärende"
    assert items["3"]["public"] is False
    assert "reference" not in items["3"]
    assert "auxiliaryFile" not in items["3"]
    four = items["4"]
    assert four["reference"] == "325-827/2011"
    assert four["category"] == "Remissärenden"
    assert four["resolutionText"].startswith("1. Socialnämnden godkänner")
    (page,) = four["auxiliaryFile"]
    assert page["accessUrl"] == "sammantrade-2011-08-23/forsokslagenheter.html"
    assert page["mimeType"] == "text/html"
    files = [meeting["invitation"], *meeting["auxiliaryFile"], page]
    for entry in files:
        data_bytes = (site / entry["accessUrl"]).read_bytes()
        assert entry["size"] == len(data_bytes)
        assert entry["sha256Checksum"] == hashlib.sha256(data_bytes).hexdigest()


def test_the_same_project_publishes_the_same_bytes(tmp_path: Path) -> None:
    root = project(tmp_path)
    assert run_remiss("publish", "-o", str(tmp_path / "a"), cwd=root).returncode == 0
    assert run_remiss("publish", "-o", str(tmp_path / "b"), cwd=root).returncode == 0
    first = {
        p.relative_to(tmp_path / "a"): p.read_bytes()
        for p in (tmp_path / "a").rglob("*.*")
    }
    second = {
        p.relative_to(tmp_path / "b"): p.read_bytes()
        for p in (tmp_path / "b").rglob("*.*")
    }
    assert first == second
    again = run_remiss("publish", "-o", str(tmp_path / "a"), cwd=root)
    assert "0 filer skrivna, 5 oförändrade" in again.stderr


def test_no_confidential_canary_anywhere_in_the_site(tmp_path: Path) -> None:
    root = with_canaries(project(tmp_path))
    internal = run_remiss(
        "render",
        str(root / "cases"),
        "--format",
        "html",
        "-o",
        str(tmp_path / "intern"),
    )
    assert internal.returncode == 0, internal.stderr
    leaked = [n for n, t in every_text(tmp_path / "intern").items() if CANARY in t]
    assert leaked, (
        "the canary must be in the internal build, or the sweep proves nothing"
    )
    done = run_remiss("publish", cwd=root)
    assert done.returncode == 0, done.stderr
    texts = every_text(root / "site")
    assert len(texts) == 5
    assert [n for n, t in texts.items() if CANARY in t] == []
    assert [n for n in texts if "sekretess" in n or "hemloshet" in n] == []
    assert CANARY not in done.stderr + done.stdout


@pytest.mark.skipif(
    (shutil.which("soffice") is None or shutil.which("pdftotext") is None)
    and os.environ.get("CI") != "true",
    reason="LibreOffice eller poppler-utils saknas",
)
def test_pdfs_are_published_and_carry_no_canary(tmp_path: Path) -> None:
    root = with_canaries(project(tmp_path))
    done = run_remiss("publish", "--pdf", cwd=root)
    assert done.returncode == 0, done.stderr
    site = root / "site"
    folder = site / "sammantrade-2011-08-23"
    pdfs = sorted(p.name for p in folder.glob("*.pdf"))
    assert pdfs == [
        "forsokslagenheter.pdf",
        "sammantrade-2011-08-23-handlingar.pdf",
        "sammantrade-2011-08-23.pdf",
    ]
    with pikepdf.open(folder / "forsokslagenheter.pdf") as pdf:
        assert "pdfaid" in str(pdf.open_metadata())
    agenda = (folder / "sammantrade-2011-08-23.html").read_text("utf-8")
    assert '<a href="forsokslagenheter.pdf">Punkt 4 som PDF</a>' in agenda
    texts = every_text(site)
    assert [n for n, t in texts.items() if CANARY in t] == []
    assert (
        "Svar på remiss om motion"
        in texts["sammantrade-2011-08-23/sammantrade-2011-08-23-handlingar.pdf"]
    )


def test_a_case_that_became_confidential_leaves_the_site(tmp_path: Path) -> None:
    root = project(tmp_path)
    assert run_remiss("publish", cwd=root).returncode == 0
    page = root / "site" / "sammantrade-2011-08-23" / "forsokslagenheter.html"
    assert page.exists()
    case = root / "cases" / "forsokslagenheter.yaml"
    case.write_text("sekretess: true\n" + case.read_text("utf-8"), encoding="utf-8")
    done = run_remiss("publish", cwd=root)
    assert done.returncode == 0, done.stderr
    assert not page.exists()
    assert "forsokslagenheter.html: borttagen" in done.stderr
    for path in (root / "site").rglob("*.*"):
        assert "träningslägenheter" not in path.read_text("utf-8"), path


def test_a_meeting_with_errors_publishes_nothing(tmp_path: Path) -> None:
    root = project(tmp_path)
    assert run_remiss("publish", cwd=root).returncode == 0
    before = {p: p.read_bytes() for p in (root / "site").rglob("*.*")}
    meeting = root / "cases" / "sammantrade-2011-08-23.yaml"
    meeting.write_text(
        meeting.read_text("utf-8") + "  - ärende: finns-inte.yaml\n", encoding="utf-8"
    )
    case = root / "cases" / "forsokslagenheter.yaml"
    case.write_text("sekretess: true\n" + case.read_text("utf-8"), encoding="utf-8")
    done = run_remiss("publish", cwd=root)
    assert done.returncode == 1
    assert "E302" in done.stderr
    assert "inget publicerades" in done.stderr
    after = {p: p.read_bytes() for p in (root / "site").rglob("*.*")}
    assert after == before


def test_files_another_tool_wrote_are_left_alone(tmp_path: Path) -> None:
    root = project(tmp_path)
    site = root / "site"
    site.mkdir()
    (site / "index.json").write_text('{"files": ["mine.txt"]}', encoding="utf-8")
    (site / "mine.txt").write_text("kvar", encoding="utf-8")
    assert run_remiss("publish", cwd=root).returncode == 0
    assert (site / "mine.txt").read_text("utf-8") == "kvar"
    # An index.json of ours cannot make publish delete outside the site.
    outside = tmp_path / "utanfor.txt"
    outside.write_text("kvar", encoding="utf-8")
    data = json.loads((site / "index.json").read_text("utf-8"))
    data["files"] += ["../utanfor.txt", str(outside)]
    (site / "index.json").write_text(json.dumps(data), encoding="utf-8")
    assert run_remiss("publish", cwd=root).returncode == 0
    assert outside.read_text("utf-8") == "kvar"
