"""PDF and PDF/A through a real LibreOffice, read back with poppler and pikepdf."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pikepdf
import pytest

from tests.conftest import CASES, ROOT, invoke_remiss, run_remiss

needs_office = pytest.mark.skipif(
    (shutil.which("soffice") is None or shutil.which("pdftotext") is None)
    and os.environ.get("CI") != "true",
    reason="LibreOffice eller poppler-utils saknas "
    "(apt-get install libreoffice-writer-nogui poppler-utils)",
)


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("pdf")
    shutil.copytree(CASES, folder / "cases")
    shutil.copy(ROOT / "remiss.yaml", folder / "remiss.yaml")
    # with the example meeting's § numbers, so its protokoll and utdrag are made
    shutil.copy(ROOT / "paragrafregister.json", folder / "paragrafregister.json")
    result = run_remiss("build", "--format", "md,docx,pdf", "--pdfa", cwd=folder)
    assert result.returncode == 0, result.stderr
    return folder / "output"


def pdfinfo(path: Path) -> dict[str, str]:
    out = subprocess.run(
        ["pdfinfo", str(path)], capture_output=True, text=True, check=True
    ).stdout
    return dict(
        (key.strip(), value.strip())
        for key, _, value in (line.partition(":") for line in out.splitlines())
    )


def pdftext(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


@needs_office
def test_every_document_gets_a_pdf(pdfs: Path) -> None:
    docx = sorted(p.stem for p in pdfs.glob("*.docx"))
    pdf = sorted(p.stem for p in pdfs.glob("*.pdf"))
    assert docx == pdf


@needs_office
def test_pdf_pages_text_and_metadata(pdfs: Path) -> None:
    path = pdfs / "forsokslagenheter.pdf"
    info = pdfinfo(path)
    assert info["Title"] == (
        "Svar på remiss om motion (2011:31) om en jämlik fördelning av försöks- och "
        "träningslägenheter"
    )
    assert info["Author"] == "Socialförvaltningen"
    assert info["Subject"] == "Remiss från kommunstyrelsen"
    assert info["Tagged"] == "yes"
    assert 3 <= int(info["Pages"]) <= 5
    text = pdftext(path)
    assert "Förvaltningens förslag till beslut" in text
    assert "Dnr 325-827/2011" in text
    assert "Socialnämnden överlämnar ärendet till kommunstyrelsen." in text


@needs_office
def test_pdfa_identification_and_language(pdfs: Path) -> None:
    with pikepdf.open(pdfs / "forsokslagenheter.pdf") as pdf:
        assert str(pdf.Root.Lang) == "sv-SE"
        meta = pdf.open_metadata()
        assert meta["pdfaid:part"] == "2"
        assert meta["pdfaid:conformance"] == "B"
        assert meta["dc:title"].startswith("Svar på remiss om motion (2011:31)")
        assert meta["xmp:CreateDate"].startswith("2011-08-10T00:00:00")
        assert str(pdf.docinfo["/CreationDate"]).startswith("D:20110810000000")


@needs_office
def test_protokoll_and_utdrag_are_pdfa(pdfs: Path) -> None:
    text = pdftext(pdfs / "sammantrade-2011-08-23-protokoll.pdf")
    assert text.index("§ 101") < text.index("§ 104") < text.index("§ 107")
    extract = pdftext(pdfs / "sammantrade-2011-08-23-utdrag-104.pdf")
    assert "Utdrag ur protokoll" in extract
    assert "§ 104" in extract
    assert "Karin Rågsjö (V) reserverar sig mot beslutet" in extract
    assert "§ 105" not in extract
    with pikepdf.open(pdfs / "sammantrade-2011-08-23-utdrag-104.pdf") as pdf:
        meta = pdf.open_metadata()
        assert meta["pdfaid:part"] == "2"
        assert meta["dc:title"] == "Protokollsutdrag Socialnämnden 2011-08-23"


@needs_office
def test_combined_pdf_has_every_document(pdfs: Path) -> None:
    text = pdftext(pdfs / "sammantrade-2011-08-23-handlingar.pdf")
    assert text.index("Föredragningslista") < text.index("Överklagande av")
    assert text.index("Överklagande av") < text.rindex("Svar på remiss om motion")


@needs_office
def test_pdfs_are_reproducible(pdfs: Path, tmp_path: Path) -> None:
    shutil.copytree(CASES, tmp_path / "cases")
    shutil.copy(ROOT / "remiss.yaml", tmp_path / "remiss.yaml")
    result = invoke_remiss("build", "--format", "pdf", "--pdfa", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    for path in sorted((tmp_path / "output").glob("*.pdf")):
        assert path.read_bytes() == (pdfs / path.name).read_bytes(), path.name


def test_missing_libreoffice_is_explained(tmp_path: Path) -> None:
    shutil.copy(CASES / "forsokslagenheter.yaml", tmp_path / "a.yaml")
    empty = tmp_path / "bin"
    empty.mkdir()
    result = run_remiss(
        "render",
        "a.yaml",
        "--format",
        "md,docx,pdf",
        cwd=tmp_path,
        env={"PATH": str(empty)},
    )
    assert result.returncode == 1
    assert "E501 LibreOffice finns inte, så PDF kan inte skapas" in result.stderr
    assert "apt-get install libreoffice-writer-nogui" in result.stderr
    assert "Traceback" not in result.stderr
    assert (tmp_path / "output" / "a.md").exists()
    assert (tmp_path / "output" / "a.docx").exists()
    assert not (tmp_path / "output" / "a.pdf").exists()


def test_missing_pikepdf_is_explained(tmp_path: Path) -> None:
    shutil.copy(CASES / "forsokslagenheter.yaml", tmp_path / "a.yaml")
    # A pikepdf that cannot be imported, found before the installed one.
    hidden = tmp_path / "hidden"
    hidden.mkdir()
    (hidden / "pikepdf.py").write_text("raise ImportError('pikepdf')\n", "utf-8")
    result = run_remiss(
        "render",
        "a.yaml",
        "--format",
        "md,docx,pdf",
        cwd=tmp_path,
        env={"PYTHONPATH": str(hidden)},
    )
    assert result.returncode == 1
    assert "output:0:0: E502 pikepdf finns inte, så PDF kan inte skapas" in (
        result.stderr
    )
    assert "pip install 'remiss[pdf]'" in result.stderr
    assert "Traceback" not in result.stderr
    assert (tmp_path / "output" / "a.md").exists()
    assert (tmp_path / "output" / "a.docx").exists()
    assert not (tmp_path / "output" / "a.pdf").exists()


def test_markdown_and_word_need_neither_pikepdf_nor_python_docx(
    tmp_path: Path,
) -> None:
    # Both are extras (pdf, test): the core must not import them.
    shutil.copytree(CASES, tmp_path / "cases")
    shutil.copy(ROOT / "remiss.yaml", tmp_path / "remiss.yaml")
    hidden = tmp_path / "hidden"
    hidden.mkdir()
    for name in ("pikepdf", "docx"):
        (hidden / f"{name}.py").write_text(f"raise ImportError('{name}')\n", "utf-8")
    env = {"PYTHONPATH": str(hidden)}
    for command in (("build",), ("check",), ("render", "cases/forsokslagenheter.yaml")):
        result = run_remiss(*command, cwd=tmp_path, env=env)
        assert "Traceback" not in result.stderr, command
        assert result.returncode in (0, 1), result.stderr
    assert (tmp_path / "output" / "forsokslagenheter.docx").exists()


@needs_office
def test_combined_pdf_is_tagged_throughout(pdfs: Path) -> None:
    """Every handling keeps its structure tree, as a Part of the whole: each
    page's marked content has its structure elements, on that page, and the
    tree's text holds every handling's headings (for screen readers and
    the accessibility rules a published document must meet)."""
    path = pdfs / "sammantrade-2011-08-23-handlingar.pdf"
    with pikepdf.open(path) as pdf:
        tree = pdf.Root.StructTreeRoot
        nums = tree.ParentTree.Nums
        parents = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
        document = tree.K[0] if isinstance(tree.K, pikepdf.Array) else tree.K
        assert document.S == pikepdf.Name.Document
        parts = [k for k in document.K if k.get("/S") == pikepdf.Name.Part]
        assert len(parts) == 2  # the two handlings after the agenda
        pages = [page.obj.objgen for page in pdf.pages]
        for number, page in enumerate(pdf.pages):
            elements = parents[int(page.obj.StructParents)]
            on = {e.Pg.objgen for e in elements if "/Pg" in e}
            assert on <= {page.obj.objgen}, number
        assert int(tree.ParentTreeNextKey) == len(parents)
        assert len(set(pages)) == len(pages)
    text = subprocess.run(
        ["pdfinfo", "-struct-text", str(path)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert text.count('"Sammanfattning"') >= 2
    assert "Överklagande av förvaltningsrättens dom" in text
