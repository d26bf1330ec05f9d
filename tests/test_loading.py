from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from remiss.input.case import load_case
from remiss.input.project import load_project
from remiss.input.yaml import load_yaml_bytes
from remiss.model.project import Project
from remiss.model.types import PlainStr

VALID = textwrap.dedent(
    """\
    diarienummer: 325-827/2011
    datum: 2011-08-10
    nämnd: Socialnämnden
    förvaltning: Socialförvaltningen
    handläggare:
      - namn: Anna Lindqvist
        telefon: 08-508 25 000
    rubrik: Svar på remiss
    motion:
      nummer: 2011:31
      titel: om bostäder
      motionärer:
        - {namn: Karin Rågsjö, parti: v}
    förslag_till_beslut:
      - Socialnämnden överlämnar ärendet till kommunstyrelsen.
    sammanfattning: |
      En kort sammanfattning.
    """
)


def write(tmp_path: Path, text: str, name: str = "arende.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def case_from(tmp_path: Path, text: str, project: Project | None = None):
    return load_case(write(tmp_path, text), project or load_project(None))


def test_yaml_11_traps_stay_text(tmp_path: Path) -> None:
    result = case_from(tmp_path, VALID)
    assert result.ok, [d.format() for d in result.diagnostics]
    case = result.case
    assert case.motion.number == "2011:31"
    assert case.officers[0].phone == "08-508 25 000"
    assert case.motion.movers[0].party == "V"


def test_no_and_on_stay_words(tmp_path: Path) -> None:
    text = VALID.replace("titel: om bostäder", "titel: no").replace(
        "rubrik: Svar på remiss", "rubrik: on"
    )
    result = case_from(tmp_path, text)
    assert result.ok
    assert result.case.motion.title == "no"
    assert result.case.title == "on"


def test_plain_and_quoted_scalars_are_told_apart() -> None:
    loaded = load_yaml_bytes(b'a: 62\nb: "62"\nc: [x, 7]\n', "t.yaml")
    assert isinstance(loaded.data["a"], PlainStr)
    assert not isinstance(loaded.data["b"], PlainStr)
    assert isinstance(loaded.data["c"][1], PlainStr)


def test_source_map_points_at_values_and_keys() -> None:
    loaded = load_yaml_bytes(b"a:\n  b:\n    - x\n    - y\n", "t.yaml")
    assert loaded.source.values[("a", "b", 1)] == (4, 7)
    assert loaded.source.keys[("a", "b")] == (2, 3)


def test_table_cells_become_numbers_only_when_plain(tmp_path: Path) -> None:
    text = VALID + textwrap.dedent(
        """\
        ärendet: Text.
        statistik:
          t:
            rubrik: Tabell
            kolumner: [Läge, Antal, Kod]
            rader:
              - [Innerstaden, 62, "0062"]
              - [Övriga, 1 215, "12"]
              - [Snitt, "4,9", 4.9]
        """
    )
    result = case_from(tmp_path, text)
    assert result.ok, [d.format() for d in result.diagnostics]
    rows = result.case.statistics["t"].rows
    assert rows[0] == ["Innerstaden", 62, "0062"]
    assert rows[1] == ["Övriga", 1215, "12"]
    assert rows[2] == ["Snitt", "4,9", 4.9]


def test_defaults_come_from_project_and_case_wins(tmp_path: Path) -> None:
    (tmp_path / "remiss.yaml").write_text(
        "standard:\n  förvaltning: Stadsledningskontoret\n  avdelning: Enheten\n",
        encoding="utf-8",
    )
    project = load_project(tmp_path)
    text = VALID.replace("förvaltning: Socialförvaltningen\n", "")
    result = case_from(tmp_path, text, project)
    assert result.ok
    assert result.case.administration == "Stadsledningskontoret"
    assert result.case.unit == "Enheten"
    result = case_from(tmp_path, VALID, project)
    assert result.case.administration == "Socialförvaltningen"


def test_error_in_default_points_into_project_file(tmp_path: Path) -> None:
    (tmp_path / "remiss.yaml").write_text(
        "standard:\n  status: klart\n", encoding="utf-8"
    )
    project = load_project(tmp_path)
    result = case_from(tmp_path, VALID, project)
    assert not result.ok
    (diag,) = result.diagnostics
    assert diag.path.endswith("remiss.yaml")
    assert (diag.line, diag.col, diag.code) == (2, 11, "E105")


def test_all_problems_reported_at_once(tmp_path: Path) -> None:
    text = VALID.replace("datum: 2011-08-10", "datum: 2011-02-30").replace(
        "rubrik: Svar på remiss", "rubrk: Svar på remiss"
    )
    result = case_from(tmp_path, text)
    codes = sorted(d.code for d in result.diagnostics)
    # The misspelt key is reported once: unknown, with "did you mean".
    assert codes == ["E101", "E104"]
    messages = {d.code: d for d in result.diagnostics}
    assert "februari" not in messages["E104"].message
    assert "28 dagar" in messages["E104"].message
    assert messages["E101"].hint == "menade du 'rubrik'?"
    assert (messages["E101"].line, messages["E101"].col) == (8, 1)


@pytest.mark.parametrize(
    ("replacement", "code", "fragment"),
    [
        (
            "statistik: {t: {rubrik: T, kolumner: [A], rader: [[x]], avsnitt: Okänt}}",
            "E108",
            "avsnittet 'Okänt' finns inte",
        ),
        (
            "statistik: {t: {rubrik: T, kolumner: [A, B], rader: [[x]]}}",
            "E109",
            "raden har 1 cell men tabellen har 2 kolumner",
        ),
        (
            "statistik: {t: {rubrik: T, kolumner: [A, B], rader: [[x, 4,9]]}}",
            "E109",
            "raden har 3 celler men tabellen har 2 kolumner",
        ),
    ],
)
def test_content_checks(tmp_path: Path, replacement: str, code: str, fragment: str):
    result = case_from(tmp_path, VALID + "ärendet: Text.\n" + replacement + "\n")
    assert [d.code for d in result.diagnostics] == [code]
    assert fragment in result.diagnostics[0].message


def test_decimal_comma_in_flow_row_gets_a_hint(tmp_path: Path) -> None:
    text = VALID + "ärendet: T.\nstatistik: {t: {rubrik: T, kolumner: [A, B], "
    text += "rader: [[x, 4,9]]}}\n"
    (diag,) = case_from(tmp_path, text).diagnostics
    assert '"4,9"' in diag.hint
