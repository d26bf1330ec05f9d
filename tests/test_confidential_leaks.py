"""Nothing of a confidential case reaches a public output, however it was
made confidential.

Every field of the confidential case holds a canary (`QZX...`, and its file
name `qzxfil`), and every byte the public build, a public render or publish
leaves behind is swept for it: file names, raw bytes, every part of every
zip (.docx), the text of every PDF, the manifest.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT, invoke_remiss

CANARY = "QZX"
SECRET = "qzxfil.yaml"  # the confidential case's file name is a canary too
GROUND = "26 kap. 1 § OSL"

SECRET_CASE = """\
diarienummer: QZXDNR-1/2011
datum: 2011-08-10
nämnd: Socialnämnden
sammanträde: 2011-08-23
förvaltning: QZXFORVALTNING
avdelning: QZXAVDELNING
status: klar
handläggare:
  - namn: QZXHANDLAGGARE
    titel: QZXTITEL
    telefon: QZXTELEFON
    e-post: qzxepost@example.se
underskrifter:
  - namn: QZXUNDERSKRIFT
    titel: QZXUNDERTITEL
rubrik: QZXRUBRIK om ett barn
underrubrik: QZXUNDERRUBRIK
remiss:
  från: QZXREMISSFRAN
  diarienummer: QZXREMISSDNR
  svar_senast: 2011-08-31
motion:
  nummer: "2011:99"
  titel: QZXMOTIONTITEL
  motionärer:
    - {namn: QZXMOTIONAR, parti: V}
  yrkanden:
    - QZXYRKANDE
förslag_till_beslut:
  - QZXFORSLAG beslutar.
sammanfattning: |
  QZXSAMMANFATTNING om barnet.
ärendet: |
  QZXARENDET.
beredning: |
  QZXBEREDNING.
synpunkter: |
  QZXSYNPUNKTER.
avsnitt:
  - rubrik: QZXAVSNITTRUBRIK
    text: QZXAVSNITTTEXT.
statistik:
  tabell:
    rubrik: QZXTABELLRUBRIK
    kolumner: [QZXKOLUMN, "2011"]
    rader:
      - [QZXCELL, 12]
      - [QZXCELLTVA, 30]
    källa: QZXKALLA
    enhet: QZXENHET
    diagram: stapel
    avsnitt: ärendet
bilagor:
  - QZXBILAGA
beslut_sänds_till:
  - QZXMOTTAGARE
"""

MEETING = """\
nämnd: Socialnämnden
datum: 2011-08-23
förvaltning: Socialförvaltningen
punkter:
  - text: Sammanträdets öppnande
  - ärende: oppen.yaml
{secret_item}
"""

# The other meeting lists the case plainly: the item in the first one must
# make it confidential here too.
OTHER_MEETING = """\
nämnd: Socialnämnden
datum: 2011-08-30
förvaltning: Socialförvaltningen
punkter:
  - ärende: oppen.yaml
  - ärende: qzxfil.yaml
"""

PLAIN_ITEM = "  - ärende: qzxfil.yaml\n    anteckning: QZXANTECKNING"
ITEMS = {
    "case_yes": PLAIN_ITEM,
    "case_ground": PLAIN_ITEM,
    "meeting_item": PLAIN_ITEM + "\n    sekretess: true",
    "group": (
        "  - grupp: QZXGRUPP\n    sekretess: true\n    anteckning: QZXGRUPPANTECKNING"
        "\n    punkter:\n      - ärende: qzxfil.yaml\n        anteckning: QZXANTECKNING"
    ),
}
CASE_HEAD = {
    "case_yes": "sekretess: ja\n",
    "case_ground": f"sekretess:\n  grund: {GROUND}\n",
    "meeting_item": "",
    "group": "",
}


def make_project(tmp_path: Path, way: str) -> Path:
    cases = tmp_path / "cases"
    cases.mkdir()
    shutil.copytree(ROOT / "templates", tmp_path / "templates")
    shutil.copy(ROOT / "remiss.yaml", tmp_path / "remiss.yaml")
    shutil.copy(ROOT / "cases" / "forsokslagenheter.yaml", cases / "oppen.yaml")
    (cases / SECRET).write_text(CASE_HEAD[way] + SECRET_CASE, encoding="utf-8")
    (cases / "mote.yaml").write_text(
        MEETING.format(secret_item=ITEMS[way]), encoding="utf-8"
    )
    (cases / "mote2.yaml").write_text(OTHER_MEETING, encoding="utf-8")
    return tmp_path


def every_byte(folder: Path) -> list[tuple[str, bytes]]:
    """Return (where, bytes) for every file name, file, zip part and PDF text."""
    out: list[tuple[str, bytes]] = []
    for path in sorted(folder.rglob("*")):
        where = path.relative_to(folder).as_posix()
        out.append((f"name {where}", where.encode("utf-8")))
        if not path.is_file():
            continue
        data = path.read_bytes()
        out.append((where, data))
        if data[:2] == b"PK":
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                for name in archive.namelist():
                    out.append((f"{where}!{name}", name.encode("utf-8")))
                    out.append((f"{where}!{name}", archive.read(name)))
        if data[:5] == b"%PDF-":
            text = subprocess.run(
                ["pdftotext", "-q", str(path), "-"],
                capture_output=True,
                check=True,
            ).stdout
            assert text.strip(), f"{where}: no text read from the PDF"
            out.append((f"{where} (text)", text))
    return out


def leaks(folder: Path) -> list[str]:
    """Return where a canary (in any case, UTF-8 or UTF-16) was found."""
    found = []
    needles = [CANARY.encode(), CANARY.lower().encode()]
    needles += [CANARY.encode("utf-16-le"), CANARY.lower().encode("utf-16-le")]
    for where, data in every_byte(folder):
        if any(n in data for n in needles):
            found.append(where)
    return found


def planted(folder: Path) -> set[str]:
    """Return the canaries found in a folder's Markdown (the internal build)."""
    import re

    text = "".join(p.read_text("utf-8") for p in folder.glob("*.md"))
    return set(re.findall(r"QZX[A-Z]+", text))


EVERY_FIELD = {
    "QZXDNR",
    "QZXFORVALTNING",
    "QZXAVDELNING",
    "QZXHANDLAGGARE",
    "QZXTITEL",
    "QZXTELEFON",
    "QZXUNDERSKRIFT",
    "QZXUNDERTITEL",
    "QZXRUBRIK",
    "QZXUNDERRUBRIK",
    "QZXREMISSFRAN",
    "QZXMOTIONTITEL",
    "QZXMOTIONAR",
    "QZXFORSLAG",
    "QZXSAMMANFATTNING",
    "QZXARENDET",
    "QZXBEREDNING",
    "QZXSYNPUNKTER",
    "QZXAVSNITTRUBRIK",
    "QZXAVSNITTTEXT",
    "QZXTABELLRUBRIK",
    "QZXKOLUMN",
    "QZXCELL",
    "QZXCELLTVA",
    "QZXKALLA",
    "QZXBILAGA",
    "QZXMOTTAGARE",
}  # fmt: skip  (yrkanden are in the data only: the template does not show them)


@pytest.mark.parametrize("way", sorted(ITEMS))
def test_public_build_leaks_nothing_of_a_confidential_case(
    tmp_path: Path, way: str
) -> None:
    project = make_project(tmp_path, way)
    internal = invoke_remiss("build", "-j", "1", cwd=project)
    assert internal.returncode == 0, internal.stderr
    # The canaries are really there: every field reaches the internal text.
    assert EVERY_FIELD <= planted(project / "output")
    public = invoke_remiss("build", "-j", "1", "--public", cwd=project)
    assert public.returncode == 0, public.stderr
    folder = project / "output" / "offentlig"
    assert (folder / "oppen.docx").is_file()  # the public case is published
    assert (folder / "mote2.md").is_file()
    assert leaks(folder) == []


@pytest.mark.parametrize("way", ["meeting_item", "group"])
def test_public_render_of_one_file_finds_confidentiality_in_any_meeting(
    tmp_path: Path, way: str
) -> None:
    project = make_project(tmp_path, way)
    for source in (SECRET, "mote2.yaml"):
        result = invoke_remiss(
            "render", "--public", f"cases/{source}", "-o", "ut", cwd=project
        )
        assert result.returncode == 0, result.stderr
    assert (project / "ut" / "mote2.md").is_file()
    assert leaks(project / "ut") == []


def test_public_build_with_pdf_leaks_nothing(tmp_path: Path) -> None:
    project = make_project(tmp_path, "meeting_item")
    result = invoke_remiss(
        "build", "--public", "-j", "1", "--format", "docx,pdf", cwd=project
    )
    assert result.returncode == 0, result.stderr
    folder = project / "output" / "offentlig"
    assert (folder / "mote2-handlingar.pdf").is_file()
    assert leaks(folder) == []


@pytest.mark.parametrize("way", ["meeting_item", "group"])
def test_publish_leaks_nothing(tmp_path: Path, way: str) -> None:
    project = make_project(tmp_path, way)
    result = invoke_remiss("publish", cwd=project)
    assert result.returncode == 0, result.stderr
    assert (project / "site" / "mote2" / "oppen.html").is_file()
    assert leaks(project / "site") == []


BROKEN = {
    # The YAML itself cannot be read any longer.
    "fails_to_load": lambda text: text + "rubrik: [QZXTRASIG\n",
    # Made confidential, and an unknown key in the same edit.
    "secret_with_error": lambda text: "sekretess: ja\nokand_nyckel: 1\n" + text,
}


@pytest.mark.parametrize("edit", sorted(BROKEN))
def test_a_published_case_that_fails_is_withdrawn(tmp_path: Path, edit: str) -> None:
    project = make_project(tmp_path, "meeting_item")
    # Published first, as a plain case on a plain agenda.
    (project / "cases" / "mote.yaml").write_text(
        MEETING.format(secret_item=PLAIN_ITEM), encoding="utf-8"
    )
    first = invoke_remiss("build", "-j", "1", "--public", cwd=project)
    assert first.returncode == 0, first.stderr
    folder = project / "output" / "offentlig"
    assert (folder / "qzxfil.docx").is_file()
    assert leaks(folder) != []  # it was public, so the canaries are there
    case = project / "cases" / SECRET
    case.write_text(BROKEN[edit](case.read_text("utf-8")), encoding="utf-8")
    again = invoke_remiss("build", "-j", "1", "--public", cwd=project)
    assert again.returncode == 1, again.stderr
    assert leaks(folder) == []
    assert "W320" in again.stderr
    assert (folder / "oppen.docx").is_file()  # the rest stays published


def test_a_meeting_that_cannot_be_read_keeps_its_cases_out(tmp_path: Path) -> None:
    """Which of its cases are confidential is not known: none is published."""
    project = make_project(tmp_path, "meeting_item")
    meeting = project / "cases" / "mote.yaml"
    meeting.write_text(meeting.read_text("utf-8") + "  - [trasig\n", "utf-8")
    result = invoke_remiss("build", "-j", "1", "--public", cwd=project)
    assert result.returncode == 1, result.stderr
    assert "W321" in result.stderr
    assert "cases/mote.yaml:" in result.stderr
    folder = project / "output" / "offentlig"
    assert (folder / "mote2.md").is_file()
    assert leaks(folder) == []


@pytest.mark.parametrize("manifest", ["missing", "corrupt"])
def test_without_a_manifest_the_public_folder_starts_afresh(
    tmp_path: Path, manifest: str
) -> None:
    project = make_project(tmp_path, "meeting_item")
    (project / "cases" / "mote.yaml").write_text(
        MEETING.format(secret_item=PLAIN_ITEM), encoding="utf-8"
    )
    (project / "cases" / "mote2.yaml").unlink()
    first = invoke_remiss("build", "-j", "1", "--public", cwd=project)
    assert first.returncode == 0, first.stderr
    folder = project / "output" / "offentlig"
    assert leaks(folder) != []  # published while it was public
    (folder / "egen-anteckning.txt").write_text("min egen fil", encoding="utf-8")
    if manifest == "missing":
        (folder / ".remiss-manifest.json").unlink()
    else:
        (folder / ".remiss-manifest.json").write_text("{trasig", encoding="utf-8")
    # Now made confidential: its old files must go, though remiss cannot
    # tell them from anything else.
    (project / "cases" / "mote.yaml").write_text(
        MEETING.format(secret_item=ITEMS["meeting_item"]), encoding="utf-8"
    )
    again = invoke_remiss("build", "-j", "1", "--public", cwd=project)
    assert again.returncode == 0, again.stderr
    assert "W322" in again.stderr
    assert leaks(folder) == []
    assert (folder / "oppen.docx").is_file()
    aside = project / "output" / "offentlig.undanlagt"
    # Nothing a person may have made is deleted: it is moved beside the folder.
    assert (aside / "egen-anteckning.txt").read_text("utf-8") == "min egen fil"
    assert not (folder / "egen-anteckning.txt").exists()


def test_check_of_a_public_folder_with_confidential_sources(tmp_path: Path) -> None:
    """Confidential sources keep no digest in the public manifest, yet
    `build --check --public` knows the folder is current, and when it is not."""
    project = make_project(tmp_path, "meeting_item")
    built = invoke_remiss("build", "-j", "1", "--public", cwd=project)
    assert built.returncode == 0, built.stderr
    check = invoke_remiss("build", "--check", "--public", cwd=project)
    assert check.returncode == 0, check.stderr
    # The case is public again: the folder no longer matches.
    (project / "cases" / "mote.yaml").write_text(
        MEETING.format(secret_item=PLAIN_ITEM), encoding="utf-8"
    )
    stale = invoke_remiss("build", "--check", "--public", cwd=project)
    assert stale.returncode == 1
    assert "cases/qzxfil.yaml" in stale.stderr
