"""remiss check: plain Swedish, thresholds from remiss.yaml, JSON for editors."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

from tests.conftest import ROOT, invoke_remiss

CASE = textwrap.dedent(
    """\
    diarienummer: 1
    datum: 2011-01-01
    nämnd: Socialnämnden
    förvaltning: Socialförvaltningen
    handläggare: [{namn: A}]
    rubrik: R
    förslag_till_beslut:
      - att godkänna förslaget
      - Nämnden beslutar i enlighet med föreliggande förslag.
    sammanfattning: |
      Förvaltningen har erhållit remissen. Vi ska tillse att svaret blir bra.
    """
)


def write(tmp_path: Path, config: str = "") -> Path:
    (tmp_path / "a.yaml").write_text(CASE, encoding="utf-8")
    if config:
        (tmp_path / "remiss.yaml").write_text(textwrap.dedent(config), "utf-8")
    return tmp_path / "a.yaml"


def headlines(stderr: str) -> list[str]:
    return [
        line
        for line in stderr.splitlines()
        if line.startswith("a.yaml:") and ": W" in line
    ]


def test_plain_language_findings_point_at_the_words(tmp_path: Path) -> None:
    write(tmp_path)
    result = invoke_remiss("check", "a.yaml", cwd=tmp_path)
    assert result.returncode == 0  # warnings only
    assert headlines(result.stderr) == [
        "a.yaml:8:5: W705 beslut 1: beslutet nämner inte Socialnämnden",
        "a.yaml:8:5: W706 beslut 1: beslutet är skrivet som en att-sats",
        "a.yaml:8:26: W704 beslut 1: beslutet slutar inte med punkt",
        "a.yaml:9:5: W705 beslut 2: beslutet nämner inte Socialnämnden",
        'a.yaml:9:22: W707 beslut 2: skriv inte "i enlighet med föreliggande förslag"',
        'a.yaml:11:21: W703 sammanfattning: "erhållit" (av "erhålla"): skriv hellre '
        '"få"',
        'a.yaml:11:47: W703 sammanfattning: "tillse": skriv hellre "se till"',
    ]
    assert "a.yaml: LIX 33 (lättläst" in result.stderr
    assert invoke_remiss("check", "--strict", "a.yaml", cwd=tmp_path).returncode == 1


def test_a_kommun_adds_words_and_sets_limits(tmp_path: Path) -> None:
    write(
        tmp_path,
        """\
        klarspråk:
          lix_gräns: 20
          meningslängd: 5
          ord:
            - {ord: remissen, ersätt: frågan}
        """,
    )
    result = invoke_remiss("check", "a.yaml", cwd=tmp_path)
    found = "\n".join(headlines(result.stderr))
    assert 'W703 sammanfattning: "remissen": skriv hellre "frågan"' in found
    assert (
        "a.yaml:11:40: W702 sammanfattning: meningen har 7 ord; gränsen är 5" in found
    )


def test_bad_plain_language_settings_are_reported(tmp_path: Path) -> None:
    write(tmp_path, "klarspråk:\n  lix_grans: 40\n")
    result = invoke_remiss("check", "a.yaml", cwd=tmp_path)
    assert result.returncode == 1
    assert "remiss.yaml:2:3: E101 okänd nyckel 'klarspråk.lix_grans'" in result.stderr
    assert "menade du 'lix_gräns'?" in result.stderr


def test_json_output_for_editors_and_ci(tmp_path: Path) -> None:
    write(tmp_path)
    result = invoke_remiss("check", "--format", "json", "a.yaml", cwd=tmp_path)
    data = json.loads(result.stdout)
    (report,) = data["filer"]
    assert report["fil"].endswith("a.yaml")
    codes = {f["kod"] for f in report["fynd"]}
    assert {"W703", "W705", "W706", "W707"} <= codes
    first = report["fynd"][0]
    assert set(first) == {
        "fil",
        "rad",
        "kolumn",
        "kod",
        "allvarlighet",
        "meddelande",
        "tips",
    }
    assert report["lix"]["avsnitt"]["sammanfattning"]["ord"] == 11
    assert report["lix"]["dokument"]["nivå"]
    assert data["summering"] == {"filer": 1, "fel": 0, "varningar": len(report["fynd"])}
    assert "kontrollerad" not in result.stderr  # data on stdout, nothing else


def test_bundled_examples_check_clean() -> None:
    result = invoke_remiss("check", "--strict", cwd=ROOT)
    assert result.returncode == 0, result.stderr
