"""The project (`remiss.yaml`) and loading a case file into a validated Case."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

from pydantic import Field, ValidationError

from .errors import WARNING, Diagnostic, display_path
from .loading import Loaded, load_yaml_bytes, load_yaml_file
from .models import SECTION_KEYS, Bool, Case, Text, _Model
from .resources import BUILTIN_LOOKS
from .sourcemap import SourceMap, format_loc
from .statistics import evaluate_case
from .validation import identity_source, translate

PROJECT_FILE = "remiss.yaml"


class ExtraWord(_Model):
    word: Text = Field(alias="ord", description="ordet eller frasen")
    plain: Text = Field(alias="ersätt", description="det enklare alternativet")
    forms: list[Text] = Field(
        default_factory=list, alias="böjningar", description="böjda former"
    )


class PlainLanguage(_Model):
    lix_limit: Annotated[float, Field(gt=0, le=100)] = Field(
        50, alias="lix_gräns", description="varna när LIX är högre"
    )
    sentence_limit: Annotated[int, Field(ge=5, le=200)] = Field(
        25, alias="meningslängd", description="varna för längre meningar (ord)"
    )
    words: list[ExtraWord] = Field(
        default_factory=list, alias="ord", description="kommunens egna ord"
    )


class ProjectConfig(_Model):
    defaults: dict[str, Any] = Field(
        default_factory=dict, alias="standard", description="standardvärden för ärenden"
    )
    reference_docx: Text | None = Field(
        None, alias="referensdokument", description="organisationens Word-mall"
    )
    reference_pattern: Text | None = Field(
        None, alias="diarienummer_mönster", description="reguljärt uttryck för Dnr"
    )
    pdfa: Bool = Field(False, alias="pdfa", description="PDF/A-2 för arkivet")
    plain_language: PlainLanguage = Field(
        default_factory=PlainLanguage, alias="klarspråk", description="klarspråk"
    )


@dataclass
class Project:
    """A project root, its settings, and where its settings came from."""

    root: Path
    config: ProjectConfig = field(default_factory=ProjectConfig)
    source: SourceMap | None = None
    file: Path | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def reference_docx(self) -> Path | None:
        """Return the configured reference document: a path, or a built-in look."""
        name = self.config.reference_docx
        if not name:
            return None
        if name in BUILTIN_LOOKS:
            return BUILTIN_LOOKS[name]
        return (self.root / name).resolve()


def find_project_root(start: Path) -> Path | None:
    """Return the nearest folder at or above `start` holding remiss.yaml."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / PROJECT_FILE).is_file():
            return folder
    return None


def load_project(root: Path | None) -> Project:
    """Load `remiss.yaml` from `root`; no file means a project with no settings."""
    if root is None:
        return Project(root=Path.cwd().resolve())
    path = root / PROJECT_FILE
    if not path.is_file():
        return Project(root=root.resolve())
    loaded = load_yaml_file(path)
    project = Project(root=root.resolve(), source=loaded.source, file=path)
    project.diagnostics.extend(loaded.diagnostics)
    if not loaded.ok:
        return project
    if not isinstance(loaded.data, dict):
        project.diagnostics.append(
            loaded.source.diagnostic(
                (), "E008", "remiss.yaml ska innehålla nycklar", "t.ex. 'standard:'"
            )
        )
        return project
    try:
        project.config = ProjectConfig.model_validate(loaded.data)
    except ValidationError as exc:
        project.diagnostics.extend(
            translate(exc, loaded.data, ProjectConfig, identity_source(loaded.source))
        )
    pattern = project.config.reference_pattern
    if pattern:
        try:
            re.compile(pattern)
        except re.error as exc:
            project.diagnostics.append(
                loaded.source.diagnostic(
                    ("diarienummer_mönster",),
                    "E105",
                    f"diarienummer_mönster är inget giltigt reguljärt uttryck ({exc})",
                    "t.ex. '^\\d{3}-\\d+/\\d{4}$'",
                )
            )
    return project


@dataclass
class CaseResult:
    """A loaded case (None when it has errors) and everything found on the way."""

    path: Path
    case: Case | None
    diagnostics: list[Diagnostic]
    loaded: Loaded | None = None
    typed: Case | None = None  # the case as typed, before its expressions ran

    @property
    def ok(self) -> bool:
        return self.case is not None and not any(d.is_error for d in self.diagnostics)


def load_case(path: str | Path, project: Project) -> CaseResult:
    """Load, merge defaults into and validate one case file; never raises."""
    path = Path(path)
    return validate_case(path, load_yaml_file(path), project)


def load_case_bytes(raw: bytes, shown: str, project: Project) -> CaseResult:
    """Load a case from bytes (e.g. a file at a git revision); `shown` names it."""
    return validate_case(Path(shown), load_yaml_bytes(raw, shown), project)


def validate_case(path: Path, loaded: Loaded, project: Project) -> CaseResult:
    """Merge defaults into loaded YAML and validate it as a case.

    Problems the loader could read past (a control character, a key typed
    twice) do not stop validation: every problem is reported at once.
    """
    diagnostics = list(loaded.diagnostics)
    if loaded.data is None:
        return CaseResult(path, None, diagnostics, loaded)
    data = loaded.data
    if not isinstance(data, dict):
        diagnostics.append(
            loaded.source.diagnostic(
                (),
                "E008",
                "ett ärende ska bestå av nycklar och värden, inte "
                + ("en lista" if isinstance(data, list) else "bara en text"),
                "börja t.ex. med 'diarienummer: 1.6-0463/2011'",
            )
        )
        return CaseResult(path, None, diagnostics, loaded)
    data, empty = _without_empty_values(data, loaded.source)
    diagnostics.extend(empty)
    defaults = project.config.defaults
    from_project = {k for k in defaults if k not in data}
    merged = {**{k: defaults[k] for k in from_project}, **data}

    def source_for(loc: tuple[Any, ...]) -> tuple[SourceMap, tuple[Any, ...]]:
        if loc and loc[0] in from_project and project.source is not None:
            return project.source, ("standard", *loc)
        return loaded.source, loc

    try:
        case = Case.model_validate(merged)
    except ValidationError as exc:
        diagnostics.extend(translate(exc, merged, Case, source_for))
        return CaseResult(path, None, diagnostics, loaded)
    diagnostics.extend(_content_checks(case, project, loaded.source))
    typed = case
    if not any(d.is_error for d in diagnostics):
        case, problems = evaluate_case(case, loaded.source)
        diagnostics.extend(problems)
    failed = any(d.is_error for d in diagnostics)
    return CaseResult(path, None if failed else case, diagnostics, loaded, typed)


def _without_empty_values(
    data: dict[str, Any], source: SourceMap
) -> tuple[dict[str, Any], list[Diagnostic]]:
    """Report keys written without a value, and leave them out.

    Why: `grund:` with nothing after it is an unfinished line, not a choice;
    without this, an optional field would silently count as absent.
    """
    found: list[Diagnostic] = []

    def walk(value: Any, path: tuple[Any, ...]) -> Any:
        if isinstance(value, dict):
            kept = {}
            for key, item in value.items():
                if item is None:
                    found.append(
                        source.diagnostic(
                            (*path, key),
                            "E102",
                            f"{format_loc((*path, key))}: värde saknas",
                            "skriv ett värde efter kolonet, eller ta bort raden",
                        )
                    )
                    continue
                kept[key] = walk(item, (*path, key))
            return kept
        if isinstance(value, list):
            return [walk(item, (*path, i)) for i, item in enumerate(value)]
        return value

    return walk(data, ()), found


def _content_checks(
    case: Case, project: Project, source: SourceMap
) -> list[Diagnostic]:
    """Return findings the schema cannot see (sections, tables, patterns)."""
    out: list[Diagnostic] = []
    pattern = project.config.reference_pattern
    if pattern:
        try:
            if not re.fullmatch(pattern, case.reference):
                out.append(
                    source.diagnostic(
                        ("diarienummer",),
                        "E107",
                        f"diarienummer '{case.reference}' följer inte projektets "
                        f"mönster {pattern}",
                        "se diarienummer_mönster i remiss.yaml",
                    )
                )
        except re.error:
            pass  # reported with remiss.yaml
    present = {
        key
        for key, value in zip(
            SECTION_KEYS,
            (case.summary, case.background, case.matter, case.preparation, case.views),
            strict=True,
        )
        if value
    }
    if case.referral is not None:
        present.add("bakgrund")
    present.update(s.heading for s in case.sections)
    for key, table in case.statistics.items():
        if table.section not in present:
            options = ", ".join(sorted(present))
            out.append(
                source.diagnostic(
                    ("statistik", key, "avsnitt"),
                    "E108",
                    f"statistik.{key}: avsnittet '{table.section}' finns inte i "
                    "ärendet, så tabellen skulle inte synas",
                    f"välj ett av: {options}",
                )
            )
        columns = set(table.columns)
        numeric = dict(zip(table.columns, table.numeric_columns(), strict=True))
        for c_index, computed in enumerate(table.computed):
            wanted = (
                [computed.column or table.columns[-1]]
                if computed.kind == "andel"
                else [computed.start, computed.end]
            )
            for name in wanted:
                if name is None or name not in columns or not numeric.get(name):
                    out.append(
                        source.diagnostic(
                            ("statistik", key, "beräknade_kolumner", c_index),
                            "E110",
                            f"statistik.{key}: den beräknade kolumnen behöver en "
                            f"kolumn med tal, men '{name or '(ingen)'}' är ingen",
                            "ange 'kolumn:' (andel) eller 'från:' och 'till:' "
                            "(förändring) med namn ur kolumner: "
                            + ", ".join(table.columns),
                        )
                    )
        for index in table.row_lengths_ok():
            too_many = len(table.rows[index]) > len(table.columns)
            hint = (
                "i en rad inom [ ] skiljer kommatecken cellerna åt; skriv ett "
                'decimaltal som "4,9" (med citattecken) eller 4.9'
                if too_many
                else "lägg till celler så att raden passar kolumnerna"
            )
            out.append(
                source.diagnostic(
                    ("statistik", key, "rader", index),
                    "E109",
                    f"statistik.{key}.rader[{index}]: raden har "
                    f"{len(table.rows[index])} celler men tabellen har "
                    f"{len(table.columns)} kolumner",
                    hint,
                )
            )
    headings = [s.heading for s in case.sections]
    for index, heading in enumerate(headings):
        if heading in headings[:index]:
            out.append(
                source.diagnostic(
                    ("avsnitt", index, "rubrik"),
                    "W102",
                    f"avsnitt[{index}]: rubriken '{heading}' finns redan",
                    "ge avsnitten olika rubriker",
                    severity=WARNING,
                )
            )
    return out


def describe_project(project: Project) -> str:
    return display_path(project.file) if project.file else "(inget remiss.yaml)"
