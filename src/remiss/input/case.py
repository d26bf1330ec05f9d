"""Loading a case file into a validated Case; never raises."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from remiss.checks.structure import _content_checks
from remiss.errors import Diagnostic
from remiss.input.attachments import attachment_problems
from remiss.input.expressions import evaluate_case
from remiss.input.schema import translate
from remiss.input.yaml import Loaded, load_yaml_bytes, load_yaml_file
from remiss.model.case import Case
from remiss.model.project import Project
from remiss.model.schema import ValidationError, validate
from remiss.sourcemap import SourceMap, format_loc


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


# Mappings that remiss.yaml's `standard:` and the case merge key by key.
_MERGED_KEY_BY_KEY = ("rubriker",)


def load_case(path: str | Path, project: Project) -> CaseResult:
    """Load, merge defaults into and validate one case file; never raises."""
    path = Path(path)
    return validate_case(path, load_yaml_file(path), project)


def load_case_bytes(raw: bytes, shown: str, project: Project) -> CaseResult:
    """Load a case from bytes (e.g. a file at a git revision); `shown` names it.

    Its attachments' files are not looked for: they are the files of today,
    not of the revision."""
    return validate_case(Path(shown), load_yaml_bytes(raw, shown), project, files=False)


def validate_case(
    path: Path, loaded: Loaded, project: Project, *, files: bool = True
) -> CaseResult:
    """Merge defaults into loaded YAML and validate it as a case.

    Problems the loader could read past (a control character, a key typed
    twice) do not stop validation: every problem is reported at once. With
    `files`, the attachments' files are checked (see `input.attachments`).
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
    # Keys of a mapping merged key by key that only remiss.yaml gives.
    inner_from_project: set[tuple[str, Any]] = set()
    for key in _MERGED_KEY_BY_KEY:
        ours, theirs = data.get(key), defaults.get(key)
        if isinstance(ours, dict) and isinstance(theirs, dict):
            merged[key] = {**theirs, **ours}
            inner_from_project.update((key, k) for k in theirs if k not in ours)

    def source_for(loc: tuple[Any, ...]) -> tuple[SourceMap, tuple[Any, ...]]:
        if project.source is not None and (
            (loc and loc[0] in from_project) or tuple(loc[:2]) in inner_from_project
        ):
            return project.source, ("standard", *loc)
        return loaded.source, loc

    try:
        case = validate(Case, merged)
    except ValidationError as exc:
        diagnostics.extend(translate(exc.errors, merged, Case, source_for))
        return CaseResult(path, None, diagnostics, loaded)
    diagnostics.extend(_content_checks(case, project, loaded.source))
    if files:
        diagnostics.extend(attachment_problems(case, path, project, loaded.source))
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
