"""Statistics: computed columns, figures from expressions, checks, charts."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest

from remiss.input.case import load_case
from remiss.input.project import load_project
from remiss.render.source import render_file
from tests.conftest import (
    CASES,
    ROOT,
    assert_valid_docx,
    docx_text,
    invoke_remiss,
    run_remiss,
    write_case,
)

NBSP = "\u00a0"
STOCKHOLM = CASES / "forsokslagenheter.yaml"


case_file = write_case


TABLE = """\
statistik:
  t:
    rubrik: T
    kolumner: [Läge, "2009", "2011"]
    rader:
      - [Innerstaden, 50, 62]
      - [Övriga, 1100, 1215]
    summa: true
"""


def test_changing_one_number_changes_it_everywhere(tmp_path: Path) -> None:
    project = load_project(ROOT)
    before = render_file(STOCKHOLM, project).outputs["md"].decode()
    changed = tmp_path / "forsokslagenheter.yaml"
    changed.write_text(
        STOCKHOLM.read_text("utf-8").replace("[Innerstaden, 62]", "[Innerstaden, 70]")
    )
    after = render_file(changed, project).outputs["md"].decode()
    assert f"totalt 1{NBSP}277 sådana" in before
    assert f"totalt 1{NBSP}285 sådana" in after
    assert "ligger 62 i\ninnerstaden" in before
    assert "ligger 70 i\ninnerstaden" in after
    assert f"4,9{NBSP}procent" in before
    assert f"5,4{NBSP}procent" in after  # 70 / 1 285
    assert "| Innerstaden | 70 | 5,4 % |".replace(" %", f"{NBSP}%") in after
    assert f"**1{NBSP}285**" in after
    assert "innebära\n321 lägenheter" in after  # 1 285 * 25 %
    assert "62" not in after.split("## Ärendet")[1].split("## Ärendets")[0]


def test_computed_columns(tmp_path: Path) -> None:
    path = case_file(
        tmp_path,
        "sammanfattning: S.\närendet: Ä.\n"
        + TABLE
        + textwrap.indent(
            textwrap.dedent(
                """\
                beräknade_kolumner:
                  - {typ: andel, kolumn: "2011", decimaler: 1}
                  - {typ: förändring, från: "2009", till: "2011"}
                  - {typ: förändring, från: "2009", till: "2011", procent: true,
                     decimaler: 1, rubrik: Förändring (%)}
                """
            ),
            "    ",
        ),
    )
    rendered = render_file(path, load_project(tmp_path))
    assert rendered.ok, [d.format() for d in rendered.diagnostics]
    md = rendered.outputs["md"].decode()
    n = NBSP
    assert (
        "| Läge | 2009 | 2011 | Andel av 2011 | Förändring 2009–2011 | Förändring (%) |"
        in md
    )
    assert f"| Innerstaden | 50 | 62 | 4,9{n}% | +12 | +24,0{n}% |" in md
    assert f"| Övriga | 1{n}100 | 1{n}215 | 95,1{n}% | +115 | +10,5{n}% |" in md
    assert (
        f"| **Totalt** | **1{n}150** | **1{n}277** | **100,0{n}%** | **+127** "
        f"| **+11,0{n}%** |"
    ) in md


def test_computed_column_must_name_a_number_column(tmp_path: Path) -> None:
    path = case_file(
        tmp_path,
        "sammanfattning: S.\närendet: Ä.\n"
        + TABLE
        + "    beräknade_kolumner: [{typ: andel, kolumn: Läge}]\n",
    )
    (diag,) = load_case(path, load_project(tmp_path)).diagnostics
    assert diag.code == "E110"
    assert "'Läge' är ingen" in diag.message
    assert diag.line == 18


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ('{{ statistik.t["Innerstaden"] }}', "62"),
        ('{{ statistik.t["Innerstaden", "2009"] }}', "50"),
        ("{{ statistik.t.summa | tal }}", f"1{NBSP}277"),
        ('{{ statistik.t.summor["2009"] | tal }}', f"1{NBSP}150"),
        (
            '{{ andel(statistik.t["Innerstaden"], statistik.t.summa, 1) }}',
            f"4,9{NBSP}procent",
        ),
        (
            '{{ statistik.t["Innerstaden"] | andel(statistik.t.summa) }}',
            f"5{NBSP}procent",
        ),
        ("{{ tal(statistik.t.summa * 25 / 100, 0) }}", "319"),
        ("{{ 7 * 7 }}", "{{ 7 * 7 }}"),  # not statistics: stays as typed
        ("{{ okänd }}", "{{ okänd }}"),
    ],
)
def test_expressions(tmp_path: Path, expression: str, expected: str) -> None:
    path = case_file(
        tmp_path, f"sammanfattning: 'Värde: {expression}.'\närendet: Ä.\n" + TABLE
    )
    rendered = render_file(path, load_project(tmp_path))
    assert rendered.ok, [d.format() for d in rendered.diagnostics]
    assert f"Värde: {expected}." in rendered.outputs["md"].decode()


@pytest.mark.parametrize(
    ("expression", "message"),
    [
        ('{{ statistik.t["Söder"] }}', "pekar på något som inte finns: 'Söder'"),
        ('{{ statistik.x["Söder"] }}', "pekar på något som inte finns: 'x'"),
        ("{{ statistik.t.table }}", "inte tillåtet: det får inte läsa 'table'"),
        ("{{ statistik.__class__ }}", "inte tillåtet: det får inte läsa '__class__'"),
        (
            "{{ statistik.t.rubrik.upper() }}",
            "inte tillåtet: det får inte läsa 'upper'",
        ),
        ("{{ statistik.t.rubrik * 100000000 }}", "räkning med text"),
        ("{{ statistik.t.summa ** 100 }}", "för stor exponent"),
        ("{{ statistik.t[ }}", "går inte att läsa"),
    ],
)
def test_expression_errors_point_at_the_case_line(
    tmp_path: Path, expression: str, message: str
) -> None:
    path = case_file(
        tmp_path,
        f"sammanfattning: |\n  Rad ett.\n  Värde {expression} här.\närendet: Ä.\n"
        + TABLE,
    )
    result = load_case(path, load_project(tmp_path))
    assert result.case is None
    (diag,) = result.diagnostics
    assert diag.code == "E701"
    assert message in diag.message
    assert (diag.line, diag.col) == (10, 9)


def test_consistency_warnings(tmp_path: Path) -> None:
    path = case_file(
        tmp_path,
        """\
        sammanfattning: |
          Det finns 1 277 lägenheter. Av dem ligger 62 i innerstaden, sedan 2010.
        ärendet: Ä.
        statistik:
          t:
            rubrik: T
            kolumner: [Läge, Antal, Andel (%)]
            rader:
              - [Innerstaden, 62, 4.9]
              - [Övriga, 1215, 94.1]
              - [Totalt, 1300, 99]
        """,
    )
    result = invoke_remiss("check", str(path), cwd=tmp_path)
    headlines = [line for line in result.stderr.splitlines() if ": W71" in line]
    assert headlines == [
        "a.yaml:9:45: W712 talet 62 finns också i statistik.t, rad Innerstaden, Antal",
        "a.yaml:14:15: W711 statistik.t: andelarna i 'Andel (%)' blir 99 procent, "
        "inte 100",
        "a.yaml:18:9: W710 statistik.t: raden 'Totalt' anger 1 300 i kolumnen "
        "'Antal', men raderna ger 1 277".replace("1 300", f"1{NBSP}300").replace(
            "1 277", f"1{NBSP}277"
        ),
    ]
    assert (
        'tips: skriv det som ett uttryck, t.ex. {{ statistik.t["Innerstaden"] | tal }}'
        in (result.stderr)
    )


def test_chart_is_reproducible_and_has_alt_text(tmp_path: Path) -> None:
    project = tmp_path / "p"
    shutil.copytree(CASES, project / "cases")
    shutil.copy(ROOT / "remiss.yaml", project / "remiss.yaml")
    outputs = []
    # once in this process, where other charts were drawn, once in a new one
    for run, remiss in (("ett", invoke_remiss), ("två", run_remiss)):
        result = remiss(
            "render", "cases/hemloshetskartlaggning.yaml", "-o", run, cwd=project
        )
        assert result.returncode == 0, result.stderr
        outputs.append(project / run)
    png = "hemloshetskartlaggning-utveckling.png"
    first, second = ((o / png).read_bytes() for o in outputs)
    assert first == second
    assert first[:8] == b"\x89PNG\r\n\x1a\n"
    assert first == (ROOT / "output" / png).read_bytes()
    md = (outputs[0] / "hemloshetskartlaggning.md").read_text("utf-8")
    assert "![Stapeldiagram: Hemlösa personer efter boendesituation 2009 och 2011" in md
    assert f"]({png})" in md
    data = (outputs[0] / "hemloshetskartlaggning.docx").read_bytes()
    assert_valid_docx(data)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.read(f"word/media/{png}") == first
        document = archive.read("word/document.xml").decode()
    assert (
        'descr="Stapeldiagram: Hemlösa personer efter boendesituation 2009 och 2011 '
        "(antal personer). Akut hemlöshet: 521 (2009), 564 (2011);"
    ) in document
    assert "Stapeldiagram" not in docx_text(data)  # a picture, not text


def test_chart_without_matplotlib_is_explained(tmp_path: Path) -> None:
    shutil.copy(CASES / "hemloshetskartlaggning.yaml", tmp_path / "h.yaml")
    (tmp_path / "remiss.yaml").write_text(
        "standard:\n  nämnd: Socialnämnden\n", encoding="utf-8"
    )
    code = (
        "import sys; sys.modules['matplotlib'] = None; "
        "from remiss.cli import main; main()"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, "render", "h.yaml"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert result.returncode == 1
    assert "E720 diagram kräver matplotlib" in result.stderr
    assert "pip install 'remiss[diagram]'" in result.stderr
    assert "Traceback" not in result.stderr
