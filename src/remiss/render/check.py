"""`remiss check`: everything that can be said about a file without writing.

Loading and validation errors, template problems, a decided case whose text
changed, accessibility, statistics that do not add up, and plain Swedish
(LIX per section, long sentences, stiff words, decisions).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from remiss.checks import case_checks, klarsprak
from remiss.checks.decided import decided_change
from remiss.checks.placeholders import placeholders_in
from remiss.checks.plain_language import lix_report
from remiss.docx.reference import load_reference
from remiss.errors import Diagnostic, TemplateProblem
from remiss.formatting import safe_name
from remiss.input.files import read_or_none
from remiss.input.secrecy import Secrecy
from remiss.model.project import Project
from remiss.render.case import reference_warnings
from remiss.render.source import Job, render_source

# LIX is only reported per section for texts this long; fewer words give a
# value that swings with a single long word.
LIX_MIN_WORDS = 40


@dataclass
class FileReport:
    """What check found in one file, and its LIX figures (cases only)."""

    path: Path
    diagnostics: list[Diagnostic] = field(default_factory=list)
    lix: klarsprak.Report | None = None


def check_file(job: Job, project: Project, out_dir: Path) -> FileReport:
    """Return every finding for one case or meeting file."""
    # What meetings make confidential changes no finding: not read here.
    result = render_source(
        job, project, ("md",), public=False, keep_case=True, secrecy=Secrecy()
    )
    report = FileReport(job.path, list(result.diagnostics))
    if job.meeting:
        loaded_meeting = result.meeting.loaded if result.meeting else None
        if loaded_meeting is not None and loaded_meeting.ok:
            report.diagnostics.extend(
                placeholders_in(loaded_meeting.data, loaded_meeting.source)
            )
        return report
    loaded = result.case
    if loaded is None or loaded.loaded is None or loaded.typed is None:
        return report
    source = loaded.loaded.source
    name = f"{safe_name(job.path.stem)}.md"
    changed = decided_change(
        result.outputs.get(name), out_dir / name, read_or_none(out_dir / name), source
    )
    report.diagnostics.extend(changed)
    typed = loaded.typed
    found = [d for check in case_checks() for d in check(typed, source, project)]
    report.lix = lix_report(typed, project)
    report.diagnostics.extend(sorted(found, key=lambda d: (d.line, d.col, d.code)))
    return report


def reference_findings(project: Project) -> list[Diagnostic]:
    """Return what is wrong with the project's own reference document, if any.

    A style it lacks (W201) or a document that cannot be read (T010) is said
    once, pointing at `referensdokument:` in remiss.yaml.
    """
    if project.reference_docx is None or project.source is None:
        return []
    try:
        reference = load_reference(project.reference_docx)
    except TemplateProblem as problem:
        found = problem.diagnostic
        return [
            project.source.diagnostic(
                ("referensdokument",), found.code, found.message, found.hint
            )
        ]
    return reference_warnings(project, reference)


def lix_summary(report: klarsprak.Report) -> str:
    """Return one line with LIX for the document and each section."""
    parts = [
        f"{name} {value.rounded}"
        for name, value in report.sections.items()
        if value.words
    ]
    return f"{report.total}" + (f"; {', '.join(parts)}" if parts else "")


def as_json(report: FileReport) -> dict[str, Any]:
    """Return a file's findings and LIX figures as plain data for JSON."""
    data: dict[str, Any] = {
        "fil": report.path.as_posix(),
        "fynd": [as_json_diagnostic(d) for d in report.diagnostics],
    }
    if report.lix is not None:
        data["lix"] = {
            "dokument": _lix(report.lix.total),
            "avsnitt": {k: _lix(v) for k, v in report.lix.sections.items()},
        }
    return data


def as_json_diagnostic(d: Diagnostic) -> dict[str, Any]:
    """Return one finding as plain data for JSON."""
    return {
        "fil": d.path,
        "rad": d.line,
        "kolumn": d.col,
        "kod": d.code,
        "allvarlighet": "fel" if d.is_error else "varning",
        "meddelande": d.message,
        "tips": d.hint,
    }


def _lix(value: klarsprak.Lix) -> dict[str, Any]:
    return {
        "värde": round(value.value, 1),
        "nivå": value.band,
        "ord": value.words,
        "meningar": value.sentences,
        "långa_ord": value.long_words,
    }


def check_sources(
    files: list[Path], project: Project, out_dir: Path
) -> tuple[list[Diagnostic], list[FileReport]]:
    """Return the project's own findings and every file's."""
    from remiss.render.source import make_jobs

    project_findings = [*project.diagnostics, *reference_findings(project)]
    reports = [
        check_file(job, project, out_dir) for job in make_jobs(files, project.root)
    ]
    return project_findings, reports
