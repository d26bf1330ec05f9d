"""Finding and loading the project's `remiss.yaml`."""

from __future__ import annotations

from pathlib import Path

from remiss.errors import display_path
from remiss.input.schema import identity_source, translate
from remiss.input.yaml import load_yaml_file
from remiss.model.patterns import pattern_problem
from remiss.model.project import Project, ProjectConfig
from remiss.model.schema import ValidationError, validate

PROJECT_FILE = "remiss.yaml"


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
        project.config = validate(ProjectConfig, loaded.data)
    except ValidationError as exc:
        project.diagnostics.extend(
            translate(
                exc.errors, loaded.data, ProjectConfig, identity_source(loaded.source)
            )
        )
    pattern = project.config.reference_pattern
    problem = pattern_problem(pattern) if pattern else None
    if problem:
        project.diagnostics.append(
            loaded.source.diagnostic(
                ("diarienummer_mönster",),
                "E105",
                f"diarienummer_mönster: {problem}",
                "t.ex. '^\\d{3}-\\d+/\\d{4}$'",
            )
        )
    return project


def describe_project(project: Project) -> str:
    return display_path(project.file) if project.file else "(inget remiss.yaml)"
