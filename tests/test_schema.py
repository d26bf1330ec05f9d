"""The models' own validation layer and the JSON Schema made from it."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from remiss.input.case import load_case
from remiss.input.project import load_project
from remiss.input.yaml import load_yaml_file
from remiss.model.case import Case
from remiss.model.jsonschema import json_schema
from remiss.model.meeting import Meeting
from remiss.model.project import PlainLanguage, ProjectConfig
from remiss.model.schema import ValidationError, dump, specs, validate, walk
from remiss.model.types import PlainStr
from tests.conftest import CASES, ROOT, run_remiss, write_case

INVALID = ROOT / "tests" / "fixtures" / "invalid"


# -- validation --------------------------------------------------------------


def test_every_problem_is_reported_at_once_in_field_order() -> None:
    data = {
        "datum": "2011-02-30",
        "nämnd": ["Socialnämnden"],
        "rubrk": "R",
        "handläggare": [{"namn": "A", "telefn": "1"}],
        "status": "klart",
        "förslag_till_beslut": [],
    }
    with pytest.raises(ValidationError) as caught:
        validate(Case, data)
    found = [(p.type, p.loc) for p in caught.value.errors]
    assert found == [
        ("missing", ("diarienummer",)),
        ("remiss_bad_date", ("datum",)),
        ("remiss_not_text", ("nämnd",)),
        ("missing", ("förvaltning",)),
        ("literal_error", ("status",)),
        ("extra_forbidden", ("handläggare", 0, "telefn")),
        ("missing", ("rubrik",)),
        ("remiss_empty_list", ("förslag_till_beslut",)),
        ("missing", ("sammanfattning",)),
        ("extra_forbidden", ("rubrk",)),
    ]
    literal = caught.value.errors[4]
    assert literal.ctx == {"expected": "'utkast', 'klar' or 'beslutad'"}


def test_a_model_check_runs_only_when_its_fields_are_valid() -> None:
    base = {"nämnd": "N", "datum": "2011-08-23"}
    with pytest.raises(ValidationError) as caught:
        validate(Meeting, {**base, "punkter": [{"text": "a", "rubrik": "b"}]})
    assert [(p.type, p.loc) for p in caught.value.errors] == [
        ("remiss_item_kind", ("punkter", 0))
    ]
    with pytest.raises(ValidationError) as caught:
        validate(Meeting, {**base, "punkter": [{"text": "a", "rubrik": []}]})
    assert [(p.type, p.loc) for p in caught.value.errors] == [
        ("remiss_not_text", ("punkter", 0, "rubrik"))
    ]


def test_values_defaults_and_dump_use_the_swedish_keys() -> None:
    data = {
        "standard": {"nämnd": "Socialnämnden"},
        "pdfa": PlainStr("Ja"),
        "klarspråk": {
            "lix_gräns": PlainStr(" 45.5 "),
            "ord": [{"ord": "a", "ersätt": "b"}],
        },
    }
    config = validate(ProjectConfig, data)
    assert config.pdfa is True
    assert config.plain_language.lix_limit == 45.5
    assert config.plain_language.sentence_limit == 25
    assert dump(config) == {
        "standard": {"nämnd": "Socialnämnden"},
        "referensdokument": None,
        "diarienummer_mönster": None,
        "pdfa": True,
        "kontaktuppgifter": dict.fromkeys(
            ("besöksadress", "postadress", "telefon", "e-post", "webbplats")
        ),
        "klarspråk": {
            "lix_gräns": 45.5,
            "meningslängd": 25,
            "ord": [{"ord": "a", "ersätt": "b", "böjningar": []}],
        },
    }
    assert validate(ProjectConfig, {}).plain_language == PlainLanguage()


@pytest.mark.parametrize(
    ("setting", "expected"),
    [
        (
            "meningslängd: 4",
            "remiss.yaml:2:17: E105 klarspråk.meningslängd: '4' är inget tillåtet "
            "värde (talet ska vara minst 5 och högst 200)",
        ),
        (
            "lix_gräns: 50,5",
            "remiss.yaml:2:14: E103 klarspråk.lix_gräns: väntade ett tal, fick "
            "texten '50,5'",
        ),
        (
            "meningslängd: [30]",
            "remiss.yaml:2:17: E103 klarspråk.meningslängd: väntade ett heltal, fick "
            "en lista",
        ),
    ],
)
def test_numbers_in_settings_get_swedish_messages(
    tmp_path: Path, setting: str, expected: str
) -> None:
    write_case(tmp_path, "sammanfattning: S\n")
    (tmp_path / "remiss.yaml").write_text(f"klarspråk:\n  {setting}\n", "utf-8")
    result = run_remiss("check", "a.yaml", cwd=tmp_path)
    assert result.returncode == 1
    assert expected in result.stderr.splitlines()


def test_decimals_out_of_range_is_reported_in_the_case(tmp_path: Path) -> None:
    write_case(
        tmp_path,
        """\
        sammanfattning: S
        statistik:
          t:
            rubrik: T
            kolumner: [Område, "2011"]
            rader: [[A, 1]]
            beräknade_kolumner:
              - {typ: andel, kolumn: "2011", decimaler: 5}
        """,
    )
    result = load_case(tmp_path / "a.yaml", load_project(None))
    assert [(d.line, d.code, d.message) for d in result.diagnostics] == [
        (
            15,
            "E105",
            "statistik.t, beräknad kolumn 1, decimaler: '5' är inget tillåtet "
            "värde (talet ska vara minst 0 och högst 4)",
        )
    ]


# -- JSON Schema -------------------------------------------------------------

jsonschema = pytest.importorskip("jsonschema")


_INT = re.compile(r"^[-+]?(0|[1-9][0-9]*)$")
_FLOAT = re.compile(r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")


def as_editor_sees_it(value: Any) -> Any:
    """Return loaded YAML as a YAML 1.2 (core schema) reader would type it:
    unquoted numbers, true/false and null are no longer text."""
    if isinstance(value, dict):
        return {k: as_editor_sees_it(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_editor_sees_it(v) for v in value]
    if isinstance(value, PlainStr):
        if value in ("true", "True", "TRUE", "false", "False", "FALSE"):
            return value.lower() == "true"
        if value in ("null", "Null", "NULL", "~"):
            return None
        if _INT.match(value):
            return int(value)
        if _FLOAT.match(value):
            return float(value)
        return str(value)
    return value


def validator(model: type) -> Any:
    schema = json_schema(model)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def schema_errors(model: type, path: Path) -> list[str]:
    data = load_yaml_file(path).data
    if model is Case:  # as `remiss` reads it: with the project's defaults
        data = {**load_project(ROOT).config.defaults, **data}
    data = as_editor_sees_it(data)
    return [e.message for e in validator(model).iter_errors(data)]


@pytest.mark.parametrize("path", sorted(CASES.glob("*.yaml")), ids=lambda p: p.name)
def test_the_example_files_satisfy_the_schema(path: Path) -> None:
    model = Meeting if "punkter" in load_yaml_file(path).data else Case
    assert schema_errors(model, path) == []


def test_the_project_file_satisfies_the_schema() -> None:
    assert schema_errors(ProjectConfig, ROOT / "remiss.yaml") == []


@pytest.mark.parametrize(
    "name",
    [
        "11-forslag-mapping",
        "12-text-where-list",
        "16-misspelt-key",
        "17-misspelt-nested-key",
        "18-missing-rubrik",
        "21-empty-forslag",
        "28-unknown-status",
        "29-motion-number-dash",
        "30-bad-stance",
        "39-sekretess-misspelt-grund",
        "44-rubriker-misspelt",
        "46-mixed-decisions",
        "47-decision-group-without-beslut",
        "51-bilaga-misspelt-key",
        "52-rubriker-text",
    ],
)
def test_the_schema_rejects_what_remiss_rejects(name: str) -> None:
    assert schema_errors(Case, INVALID / f"{name}.yaml")


@pytest.mark.parametrize(
    "name", ["53-meeting-dnr-on-case-item", "54-meeting-text-with-sub-items"]
)
def test_the_meeting_schema_rejects_what_remiss_rejects(name: str) -> None:
    assert schema_errors(Meeting, INVALID / f"{name}.yaml")


def test_the_keys_of_format_1_1_satisfy_the_schema(tmp_path: Path) -> None:
    from tests.test_agenda_layout import CASE, MEETING

    case = tmp_path / "arende.yaml"
    case.write_text(
        CASE.format(dnr="KS 1", meeting="2019-05-15", status="klar", title="R")
        + "bilagor:\n  - Motionen\n  - {titel: Yttrande, fil: bilagor/y.pdf}\n",
        encoding="utf-8",
    )
    assert schema_errors(Case, case) == []
    meeting = tmp_path / "mote.yaml"
    meeting.write_text(MEETING, encoding="utf-8")
    assert schema_errors(Meeting, meeting) == []


def test_the_schema_speaks_swedish_about_every_key() -> None:
    for root in (Case, Meeting, ProjectConfig):
        schema = json_schema(root)
        objects = [schema, *schema.get("$defs", {}).values()]
        assert len(objects) == len(list(walk(root)))
        for found, model in zip(objects, walk(root), strict=True):
            assert found["title"] == model.__title__
            assert list(found["properties"]) == [s.alias for s in specs(model)]
        described = [
            key
            for obj in objects
            for key, prop in obj["properties"].items()
            if not prop.get("description")
        ]
        assert described in ([], ["förvaltning"])  # Meeting's has none


def test_the_schema_knows_the_choices_and_the_required_keys() -> None:
    schema = json_schema(Case)
    assert schema["properties"]["status"]["enum"] == ["utkast", "klar", "beslutad"]
    assert schema["properties"]["status"]["default"] == "utkast"
    assert "sammanfattning" in schema["required"]
    assert "bakgrund" not in schema["required"]
    table = schema["$defs"]["Table"]
    assert table["properties"]["kolumner"]["minItems"] == 1
    item = validator(Meeting)
    ok = {"nämnd": "N", "datum": "2011-08-23", "punkter": [{"text": "a"}]}
    assert list(item.iter_errors(ok)) == []
    both = {**ok, "punkter": [{"text": "a", "rubrik": "b"}]}
    assert list(item.iter_errors(both))
    nested = {**ok, "punkter": [{"grupp": "g", "punkter": [{"ärende": "x.yaml"}]}]}
    assert list(item.iter_errors(nested)) == []
