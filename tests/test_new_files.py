"""remiss new: a case or meeting to fill in, help in the editor, and a file
that renders once only its placeholders are filled."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import jsonschema

from remiss.input.yaml import load_yaml_file
from tests.conftest import ROOT, run_remiss
from tests.test_schema import as_editor_sees_it

PLACEHOLDER = re.compile(r"«[^»\n]*»")


def _project(tmp_path: Path) -> Path:
    (tmp_path / "cases").mkdir()
    shutil.copy(ROOT / "remiss.yaml", tmp_path)
    return tmp_path


def _fill(path: Path) -> None:
    """Replace every placeholder with ordinary text, as a handläggare would."""
    text = path.read_text("utf-8")
    text = text.replace("«Nämnden beslutar …»", "Socialnämnden godkänner svaret.")
    text = text.replace('"«13.00»"', '"13.00"')
    text = PLACEHOLDER.sub(lambda m: m.group(0)[1:-1].replace("…", "").strip(), text)
    path.write_text(text, "utf-8")


def _schema_errors(path: Path, schema_file: Path) -> list[str]:
    schema = json.loads(schema_file.read_text("utf-8"))
    data = as_editor_sees_it(load_yaml_file(path).data)
    checker = jsonschema.Draft202012Validator(schema)
    return [e.message for e in checker.iter_errors(data)]


def test_a_new_case_checks_with_warnings_only_and_renders_once_filled(
    tmp_path: Path,
) -> None:
    project = _project(tmp_path)
    made = run_remiss(
        "new", "ärende", "cases/nytt.yaml", "--från", "Kommunstyrelsen",
        "--dnr", "KS 2026/1", "--svar-senast", "2026-12-20", "--datum",
        "2026-12-01", cwd=project,
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    case = project / "cases" / "nytt.yaml"
    text = case.read_text("utf-8")
    first = text.splitlines()[0]
    assert first == "# yaml-language-server: $schema=../schemas/arende.schema.json"
    assert 'från: "Kommunstyrelsen"' in text
    assert 'diarienummer: "KS 2026/1"' in text
    assert "datum: 2026-12-01" in text
    checked = run_remiss("check", "cases/nytt.yaml", cwd=project)
    assert checked.returncode == 0, checked.stderr
    assert checked.stderr.count("W103") >= 4
    assert _schema_errors(case, project / "schemas" / "arende.schema.json") == []
    _fill(case)
    again = run_remiss("check", "cases/nytt.yaml", cwd=project)
    assert "W103" not in again.stderr
    assert " 0 fel" in again.stderr
    rendered = run_remiss("render", "cases/nytt.yaml", cwd=project)
    assert rendered.returncode == 0, rendered.stderr
    assert (project / "output" / "nytt.docx").is_file()


def test_a_new_meeting_renders_once_filled(tmp_path: Path) -> None:
    project = _project(tmp_path)
    made = run_remiss(
        "ny", "möte", "cases/möte.yaml", "--datum", "2026-12-15", cwd=project
    )
    assert made.returncode == 0, made.stderr
    meeting = project / "cases" / "möte.yaml"
    assert 'nämnd: "Socialnämnden"' in meeting.read_text("utf-8")
    checked = run_remiss("check", "cases/möte.yaml", cwd=project)
    assert checked.returncode == 0, checked.stderr
    assert "W103 plats: platshållaren «Sammanträdesrummet»" in checked.stderr
    assert _schema_errors(meeting, project / "schemas" / "mote.schema.json") == []
    _fill(meeting)
    rendered = run_remiss("render", "cases/möte.yaml", cwd=project)
    assert rendered.returncode == 0, rendered.stderr
    assert (project / "output" / "möte.docx").is_file()


def test_new_refuses_to_overwrite_and_odd_names(tmp_path: Path) -> None:
    project = _project(tmp_path)
    (project / "cases" / "finns.yaml").write_text("x: 1\n", "utf-8")
    again = run_remiss("new", "ärende", "cases/finns.yaml", cwd=project)
    assert again.returncode == 2
    assert "finns redan" in again.stderr
    assert (project / "cases" / "finns.yaml").read_text("utf-8") == "x: 1\n"
    odd = run_remiss("new", "ärende", "cases/nytt.docx", cwd=project)
    assert odd.returncode == 2
    assert "ska sluta på .yaml" in odd.stderr


def test_schema_prints_and_writes_draft_2020_12(tmp_path: Path) -> None:
    printed = run_remiss("schema", cwd=tmp_path)
    assert printed.returncode == 0, printed.stderr
    data = json.loads(printed.stdout)
    assert data["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert "diarienummer" in data["properties"]
    jsonschema.Draft202012Validator.check_schema(data)
    written = run_remiss("schema", "möte", "-o", "mote.json", cwd=tmp_path)
    assert written.returncode == 0, written.stderr
    meeting = json.loads((tmp_path / "mote.json").read_text("utf-8"))
    assert "punkter" in meeting["properties"]
