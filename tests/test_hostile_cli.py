"""Commands used in odd ways answer in Swedish with a code, never a traceback."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, run_remiss

CASE = ROOT / "cases" / "forsokslagenheter.yaml"


def _closed_stdout(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run remiss with its standard output closed (`>&-` in a shell)."""
    return subprocess.run(
        ["sh", "-c", 'exec "$@" >&-', "sh", sys.executable, "-m", "remiss", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        check=False,
        timeout=120,
    )


@pytest.mark.parametrize(
    "args",
    [
        ("check", "--format", "json", str(CASE)),
        ("diff", str(CASE), str(ROOT / "cases" / "bostadsforsorjningsprogram.yaml")),
    ],
)
def test_a_closed_standard_output_is_a_usage_error(tmp_path: Path, args) -> None:
    result = _closed_stdout(*args, cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert "standard output är stängd" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("value", "message"),
    [("abc", "'abc' är inget heltal"), ("0", "0 är för litet; ange minst 1")],
)
def test_a_bad_number_of_jobs_is_explained_in_swedish(value: str, message: str):
    result = run_remiss("build", "-j", value, cwd=ROOT)
    assert result.returncode == 2
    assert message in result.stderr
    assert "integer" not in result.stderr


def test_too_many_jobs_are_capped_with_a_message(tmp_path: Path) -> None:
    (tmp_path / "cases").mkdir()
    shutil.copy(ROOT / "remiss.yaml", tmp_path)
    shutil.copy(CASE, tmp_path / "cases")
    result = run_remiss("build", "-j", "1000", "--format", "md", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "-j 1000 är fler processer än datorn har nytta av" in result.stderr


def test_check_of_a_project_folder_never_reads_remiss_yaml_as_a_case(tmp_path: Path):
    (tmp_path / "cases").mkdir()
    shutil.copy(ROOT / "remiss.yaml", tmp_path)
    shutil.copy(CASE, tmp_path / "cases")
    result = run_remiss("check", ".", cwd=tmp_path)
    assert "remiss.yaml:" not in result.stderr, result.stderr
    assert "1 fil kontrollerad" in result.stderr


def test_a_file_name_that_is_not_utf8_is_refused_and_the_build_goes_on(
    tmp_path: Path,
) -> None:
    (tmp_path / "cases").mkdir()
    shutil.copy(ROOT / "remiss.yaml", tmp_path)
    shutil.copy(CASE, tmp_path / "cases")
    latin1 = os.fsdecode(b"n\xe4mnd.yaml")
    shutil.copy(CASE, tmp_path / "cases" / latin1)
    result = run_remiss("build", "-j", "1", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert "cases/n\ufffdmnd.yaml:0:0: E012 filens namn är inte skrivet i UTF-8" in (
        result.stderr
    )
    assert "\\udce4" not in result.stderr
    assert "internt fel" not in result.stderr
    assert (tmp_path / "output" / "forsokslagenheter.docx").is_file()
    again = run_remiss("build", "-j", "1", cwd=tmp_path)
    assert "internt fel" not in again.stderr


def test_a_fifo_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "rör.yaml"
    os.mkfifo(fifo)
    result = run_remiss("check", str(fifo), cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert "E010 sökvägen är ingen vanlig fil" in result.stderr
    textconv = run_remiss("textconv", str(fifo), cwd=tmp_path)
    assert textconv.returncode == 2
    assert "ingen vanlig fil" in textconv.stderr


def test_check_and_render_agree_on_a_row_with_too_many_cells(tmp_path: Path):
    from tests.conftest import write_case

    path = write_case(
        tmp_path,
        """\
        sammanfattning: S
        ärendet: Ä
        statistik:
          t:
            rubrik: T
            kolumner: [Namn, Antal]
            rader:
              - [A, 1, 2]
              - [Totalt, 5]
        """,
    )
    checked = run_remiss("check", str(path), cwd=tmp_path)
    rendered = run_remiss("render", str(path), "-o", "ut", cwd=tmp_path)
    for result in (checked, rendered):
        assert result.returncode == 1, result.stderr
        assert "E109 statistik.t, rad 1: raden har 3 celler" in result.stderr
        assert "internt fel" not in result.stderr
    assert "W710" not in checked.stderr  # no sums compared on a broken table


def test_dates_and_times_are_strict(tmp_path: Path) -> None:
    meeting = tmp_path / "möte.yaml"
    meeting.write_text(
        "nämnd: Socialnämnden\ndatum: 2011-8-1\ntid: kl 15.30\npunkter:\n  - text: A\n",
        encoding="utf-8",
    )
    result = run_remiss("check", str(meeting), cwd=tmp_path)
    assert result.returncode == 1
    assert "E104 datum: '2011-8-1' är inte ett datum på formen ÅÅÅÅ-MM-DD; " in (
        result.stderr
    )
    assert "skriv 2011-08-01" in result.stderr
    assert "E105 tid: 'kl 15.30': skriv bara klockslaget, 15.30" in result.stderr
    meeting.write_text(
        meeting.read_text("utf-8")
        .replace("2011-8-1", "2011-08-01")
        .replace("kl 15.30", '"25:30"'),
        "utf-8",
    )
    again = run_remiss("check", str(meeting), cwd=tmp_path)
    assert "E105 tid: '25:30' är inget klockslag" in again.stderr
    meeting.write_text(
        meeting.read_text("utf-8").replace('"25:30"', '"18.00"'), "utf-8"
    )
    fine = run_remiss("check", str(meeting), cwd=tmp_path)
    assert fine.returncode == 0, fine.stderr


def test_invisible_and_decomposed_characters_are_named_or_normalised(
    tmp_path: Path,
) -> None:
    from tests.conftest import MINIMAL_HEAD

    head = MINIMAL_HEAD.replace("nämnd:", "n\u200bämnd:")
    hidden = tmp_path / "dold.yaml"
    hidden.write_text(head + "sammanfattning: S\n", "utf-8")
    result = run_remiss("check", str(hidden), cwd=tmp_path)
    assert result.returncode == 1
    assert "innehåller ett osynligt mellanslag (U+200B) på plats 2" in result.stderr
    assert "menade du 'nämnd'?" in result.stderr
    decomposed = tmp_path / "nfd.yaml"
    decomposed.write_text(
        MINIMAL_HEAD.replace("nämnd:", "na\u0308mnd:") + "sammanfattning: S\n",
        "utf-8",
    )
    fine = run_remiss("check", str(decomposed), cwd=tmp_path)
    assert fine.returncode == 0, fine.stderr


@pytest.mark.parametrize(
    "manifest",
    ['{"beroenden": ["cases"]}', "[" * 100_000, "inte json", '{"filer": 3}'],
    ids=["fel-form", "djup", "text", "fel-typ"],
)
def test_a_manifest_of_any_shape_is_understood_or_set_aside(
    tmp_path: Path, manifest: str
) -> None:
    (tmp_path / "cases").mkdir()
    shutil.copy(ROOT / "remiss.yaml", tmp_path)
    shutil.copy(CASE, tmp_path / "cases")
    (tmp_path / "output").mkdir()
    (tmp_path / "output" / ".remiss-manifest.json").write_text(manifest, "utf-8")
    result = run_remiss("build", "-j", "1", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "internt fel" not in result.stderr
    assert (tmp_path / "output" / "forsokslagenheter.docx").is_file()
    again = run_remiss("build", "-j", "1", cwd=tmp_path)
    assert "W311" not in again.stderr
    assert "1 källa redan aktuella" in again.stderr


def test_a_folder_where_an_output_should_be_is_explained_in_swedish(tmp_path: Path):
    (tmp_path / "cases").mkdir()
    shutil.copy(ROOT / "remiss.yaml", tmp_path)
    shutil.copy(CASE, tmp_path / "cases")
    (tmp_path / "output" / "forsokslagenheter.docx").mkdir(parents=True)
    result = run_remiss("build", "-j", "1", cwd=tmp_path)
    assert result.returncode == 1
    assert "E312 kunde inte skriva i" in result.stderr
    assert "en mapp står där filen ska ligga" in result.stderr
    assert "Is a directory" not in result.stderr


def _bomb(path: Path, part: str, size: int) -> None:
    """Write a .docx whose `part` inflates to `size` bytes of nothing."""
    import zipfile

    source = (ROOT / "output" / "forsokslagenheter.docx").read_bytes()
    import io

    with (
        zipfile.ZipFile(io.BytesIO(source)) as original,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as bomb,
    ):
        for item in original.infolist():
            if item.filename != part:
                bomb.writestr(item, original.read(item.filename))
        with bomb.open(part, "w") as stream:
            chunk = b"<!--" + b" " * (1 << 20) + b"-->"
            for _ in range(size // len(chunk)):
                stream.write(chunk)


def _limited(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run remiss with at most 1 GiB of address space."""
    import resource

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))

    return subprocess.run(
        [sys.executable, "-m", "remiss", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        check=False,
        timeout=120,
        preexec_fn=limit,  # noqa: PLW1509 - a test's own child, no threads
    )


def test_textconv_of_a_zip_bomb_is_refused_within_bounded_memory(tmp_path: Path):
    bomb = tmp_path / "bomb.docx"
    _bomb(bomb, "word/document.xml", 2_000_000_000)
    assert bomb.stat().st_size < 5_000_000
    result = _limited("textconv", str(bomb), cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert "inget läsbart Word-dokument" in result.stderr
    assert "MemoryError" not in result.stderr


@pytest.mark.parametrize("part", ["word/document.xml", "word/styles.xml"])
def test_import_of_a_zip_bomb_is_refused_within_bounded_memory(
    tmp_path: Path, part: str
) -> None:
    """`remiss import --ny` reads every part with the same limits as textconv:
    a part that inflates past them is E806, said in Swedish, at once."""
    bomb = tmp_path / "bomb.docx"
    _bomb(bomb, part, 2_000_000_000)
    result = _limited("import", str(bomb), "--ny", "ny.yaml", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert f"E806 filen är inget Word-dokument som går att läsa ({part} är större" in (
        result.stderr
    )
    assert "MemoryError" not in result.stderr
    assert not (tmp_path / "ny.yaml").exists()


def test_import_refuses_a_document_of_endless_paragraphs(tmp_path: Path) -> None:
    """A small file of 150 000 empty paragraphs (it would take minutes)."""
    import io
    import zipfile

    source = (ROOT / "output" / "forsokslagenheter.docx").read_bytes()
    many = tmp_path / "many.docx"
    body = b"<w:p/>" * 150_000
    with (
        zipfile.ZipFile(io.BytesIO(source)) as original,
        zipfile.ZipFile(many, "w", zipfile.ZIP_DEFLATED) as out,
    ):
        for item in original.infolist():
            data = original.read(item.filename)
            if item.filename == "word/document.xml":
                data = (
                    data.split(b"<w:body>")[0]
                    + b"<w:body>"
                    + body
                    + b"</w:body></w:document>"
                )
            out.writestr(item, data)
    result = _limited("import", str(many), "--ny", "ny.yaml", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert "(dokumentet har 150000 stycken, fler än 100000 som remiss läser)" in (
        result.stderr
    )


def test_import_says_why_in_swedish(tmp_path: Path) -> None:
    """An entity bomb in the XML is refused by the parser; the reason shown
    is remiss's own, in Swedish, not the parser's English."""
    import io
    import zipfile

    source = (ROOT / "output" / "forsokslagenheter.docx").read_bytes()
    laughs = tmp_path / "laughs.docx"
    entities = "".join(f'<!ENTITY l{n} "{f"&l{n - 1};" * 10}">' for n in range(1, 10))
    xml = (
        f'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY l0 "lol">{entities}]>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/'
        '2006/main"><w:body><w:p><w:r><w:t>&l9;</w:t></w:r></w:p></w:body>'
        "</w:document>"
    ).encode()
    with (
        zipfile.ZipFile(io.BytesIO(source)) as original,
        zipfile.ZipFile(laughs, "w", zipfile.ZIP_DEFLATED) as out,
    ):
        for item in original.infolist():
            data = original.read(item.filename)
            out.writestr(item, xml if item.filename == "word/document.xml" else data)
    result = _limited("import", str(laughs), "--ny", "ny.yaml", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert "(dokumentets XML är trasig eller för djupt nästlad)" in result.stderr
    assert "amplification" not in result.stderr


def test_a_reference_document_bomb_is_a_located_t010(tmp_path: Path) -> None:
    (tmp_path / "cases").mkdir()
    shutil.copy(CASE, tmp_path / "cases")
    _bomb(tmp_path / "mall.docx", "word/styles.xml", 1_000_000_000)
    (tmp_path / "remiss.yaml").write_text(
        "standard:\n  nämnd: Socialnämnden\n  förvaltning: Socialförvaltningen\n"
        "referensdokument: mall.docx\n",
        encoding="utf-8",
    )
    result = _limited("render", "cases/forsokslagenheter.yaml", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert "remiss.yaml:4:19: T010 referensdokumentet är för stort" in result.stderr
    assert "internt fel" not in result.stderr
