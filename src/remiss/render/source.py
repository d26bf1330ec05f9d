"""One source (case or meeting file) rendered in memory; never raises."""

from __future__ import annotations

import pickle
from dataclasses import dataclass, field
from pathlib import Path

from remiss.build.digests import template_files
from remiss.errors import Diagnostic, TemplateProblem
from remiss.input.case import CaseResult, load_case
from remiss.input.meeting import load_meeting
from remiss.model.project import Project
from remiss.render.case import render_loaded
from remiss.render.meeting import render_meeting


@dataclass(frozen=True)
class Job:
    """One source to build."""

    path: Path
    key: str
    meeting: bool
    # For a meeting: the case files that have jobs of their own in this run,
    # and the documents those jobs already parsed (pickled Prepared by path).
    built_elsewhere: frozenset[Path] = frozenset()
    prepared: dict[Path, bytes] = field(default_factory=dict, compare=False)
    # For a case: return its parsed document, for a meeting to use.
    keep_prepared: bool = False


@dataclass
class JobResult:
    key: str
    outputs: dict[str, bytes] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    depends: list[Path] = field(default_factory=list)
    failed: bool = False
    case: CaseResult | None = None  # the loaded case, when asked for
    prepared: bytes | None = None  # a pickled Prepared, when the job asked


def run_job(
    job: Job,
    project: Project,
    formats: tuple[str, ...],
    public: bool,
    *,
    keep_case: bool = False,
) -> JobResult:
    """Build one source in memory; never raises for bad input.

    keep_case keeps the loaded case in the result (for checks that need it;
    a batch leaves it out rather than send it between processes).
    """
    result = JobResult(job.key)
    project_deps = [project.file] if project.file is not None else []
    if job.meeting:
        meeting = load_meeting(job.path, project)
        result.diagnostics.extend(meeting.diagnostics)
        result.depends = [job.path, *(c.path for c in meeting.cases), *project_deps]
        if not meeting.ok:
            result.failed = True
            return result
        try:
            made = render_meeting(
                meeting,
                project,
                formats,
                public=public,
                built_elsewhere=job.built_elsewhere,
                prepared={p: pickle.loads(b) for p, b in job.prepared.items()},
            )
        except TemplateProblem as problem:
            result.diagnostics.append(problem.diagnostic)
            result.failed = True
            return result
        result.outputs = made.outputs
        result.diagnostics.extend(made.diagnostics)
        result.depends = _unique([*result.depends, *made.inputs])
        return result
    loaded = load_case(job.path, project)
    if keep_case:
        result.case = loaded
    result.depends = [job.path, *project_deps]
    if public and loaded.case is not None and loaded.case.is_confidential:
        result.diagnostics.extend(loaded.diagnostics)
        return result  # nothing of a confidential case is published
    rendered = render_loaded(loaded, project, formats)
    result.diagnostics.extend(rendered.diagnostics)
    if not rendered.outputs:
        result.failed = True
        return result
    if job.keep_prepared and rendered.prepared is not None:
        # Pickled here, once: the batch passes the bytes on untouched.
        result.prepared = pickle.dumps(rendered.prepared, pickle.HIGHEST_PROTOCOL)
    result.outputs = {
        (f"{rendered.stem}.{key}" if key in ("md", "docx") else key): data
        for key, data in rendered.outputs.items()
    }
    template = template_files(project, loaded.case.template) if loaded.case else []
    result.depends = _unique([*rendered.inputs, *template])
    return result


def _unique(paths: list[Path]) -> list[Path]:
    seen: set[Path] = set()
    out = []
    for p in paths:
        resolved = p.resolve()
        if resolved not in seen:
            seen.add(resolved)
            out.append(resolved)
    return out
